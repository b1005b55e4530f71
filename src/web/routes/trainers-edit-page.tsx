import { useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { TrainerForm } from '../features/trainers/trainer-form';
import { useTrainer } from '../features/trainers/use-trainers';

export function TrainersEditPage() {
  const { id = '' } = useParams();
  const trainer = useTrainer(id);
  return (
    <RecordPage
      query={trainer}
      title="修改师资信息"
      description={trainer.data ? `${trainer.data.name}（${trainer.data.countyName}）` : undefined}
      back={{ to: '/trainers', label: '返回师资列表' }}
    >
      {(data) => <TrainerForm trainer={data} />}
    </RecordPage>
  );
}
