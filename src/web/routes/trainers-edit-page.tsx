import { Alert } from 'antd';
import { Link, useParams } from 'react-router';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { TrainerForm } from '../features/trainers/trainer-form';
import { useTrainer } from '../features/trainers/use-trainers';
import { errorMessage } from '../lib/use-form-errors';

export function TrainersEditPage() {
  const { id = '' } = useParams();
  const trainer = useTrainer(id);
  return (
    <>
      <PageHeader title="修改师资信息" description={trainer.data ? `${trainer.data.name}（${trainer.data.countyName}）` : undefined} />
      {trainer.isPending && <LoadingState />}
      {trainer.isError && (
        <>
          <Alert type="error" role="alert" showIcon title={errorMessage(trainer.error)} />
          <p>
            <Link to="/trainers">返回师资列表</Link>
          </p>
        </>
      )}
      {trainer.data && <TrainerForm trainer={trainer.data} />}
    </>
  );
}
