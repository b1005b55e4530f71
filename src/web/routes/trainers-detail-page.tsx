import { Alert } from 'antd';
import { Link, useParams } from 'react-router';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { TrainerDetailView } from '../features/trainers/trainer-detail';
import { useTrainer } from '../features/trainers/use-trainers';
import { errorMessage } from '../lib/use-form-errors';

/** The page title names no trainer: titles end up in the browser's history. */
export function TrainersDetailPage() {
  const { id = '' } = useParams();
  const trainer = useTrainer(id);
  return (
    <>
      <PageHeader title="师资详情" description={trainer.data ? `${trainer.data.name}（${trainer.data.countyName}）` : undefined} />
      {trainer.isPending && <LoadingState />}
      {trainer.isError && (
        <>
          <Alert type="error" role="alert" showIcon title={errorMessage(trainer.error)} />
          <p>
            <Link to="/trainers">返回师资列表</Link>
          </p>
        </>
      )}
      {trainer.data && <TrainerDetailView trainer={trainer.data} />}
    </>
  );
}
