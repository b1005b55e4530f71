import { Alert } from 'antd';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { isEditable } from '../../shared/domain/catalogue-codes';
import { LoadingState } from '../components/loading-state';
import { PageHeader } from '../components/page-header';
import type { ProgrammeLocationState } from '../features/catalogue/programme-detail';
import { ProgrammeForm, programmeValues } from '../features/catalogue/programme-form';
import { useProgramme } from '../features/catalogue/use-catalogue';
import { errorMessage } from '../lib/use-form-errors';

export function CatalogueEditPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const notice = (location.state as ProgrammeLocationState | null)?.notice;
  const programme = useProgramme(id);
  const data = programme.data;
  return (
    <>
      <PageHeader title="修改目录项目草稿" description={data ? `${data.name}（${data.programmeCode} 第 ${data.edition} 版）` : undefined} />
      {notice && <Alert type="success" showIcon role="status" title={notice} className="page-notice" />}
      {programme.isPending && <LoadingState />}
      {programme.isError && <Alert type="error" role="alert" showIcon title={errorMessage(programme.error)} />}
      {data && !isEditable(data.status) && (
        <p>
          该版本已不是草稿，不能修改。<Link to={`/catalogue/${data.id}`}>返回项目页面</Link>
        </p>
      )}
      {data && isEditable(data.status) && (
        <ProgrammeForm
          editing={data}
          initialValues={programmeValues(data)}
          onSaved={(saved) =>
            void navigate(`/catalogue/${saved.id}`, { state: { notice: '草稿已保存。' } satisfies ProgrammeLocationState })
          }
          onCancel={() => void navigate(`/catalogue/${data.id}`)}
        />
      )}
    </>
  );
}
