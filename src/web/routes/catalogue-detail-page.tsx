import { Alert } from 'antd';
import { Link, useParams } from 'react-router';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import { ProgrammeDetailView } from '../features/catalogue/programme-detail';
import { useProgramme } from '../features/catalogue/use-catalogue';
import { errorMessage } from '../lib/use-form-errors';

export function CatalogueDetailPage() {
  const { id = '' } = useParams();
  const programme = useProgramme(id);
  return (
    <>
      <PageHeader
        title={programme.data ? `培训项目：${programme.data.name}` : '培训项目'}
        description={programme.data ? `${programme.data.programmeCode} 第 ${programme.data.edition} 版` : undefined}
      />
      {programme.isPending && <LoadingState />}
      {programme.isError && (
        <>
          <Alert type="error" role="alert" showIcon title={errorMessage(programme.error)} />
          <p>
            <Link to="/catalogue">返回培训目录</Link>
          </p>
        </>
      )}
      {programme.data && <ProgrammeDetailView programme={programme.data} />}
    </>
  );
}
