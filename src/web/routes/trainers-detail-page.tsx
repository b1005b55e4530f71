import { useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { TrainerDetailView } from '../features/trainers/trainer-detail';
import { useTrainer } from '../features/trainers/use-trainers';

/** The page title names no trainer: titles end up in the browser's history. */
export function TrainersDetailPage() {
  const { id = '' } = useParams();
  const trainer = useTrainer(id);
  return (
    <RecordPage
      query={trainer}
      title="师资详情"
      description={trainer.data ? `${trainer.data.name}（${trainer.data.countyName}）` : undefined}
      back={{ to: '/trainers', label: '返回师资列表' }}
    >
      {(data) => <TrainerDetailView trainer={data} />}
    </RecordPage>
  );
}
