import { PageHeader } from '../components/page-header';
import { TrainingBases } from '../features/trainers/training-bases';

export function TrainersBasesPage() {
  return (
    <>
      <PageHeader title="师资研修基地" />
      <TrainingBases />
    </>
  );
}
