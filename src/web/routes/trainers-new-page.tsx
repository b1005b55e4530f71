import { PageHeader } from '../components/page-header';
import { TrainerForm } from '../features/trainers/trainer-form';

export function TrainersNewPage() {
  return (
    <>
      <PageHeader title="师资入库" description="带“选填”的项目可以不填；身份证号和电话加密保存，列表中脱敏显示。" />
      <TrainerForm />
    </>
  );
}
