import { Alert } from 'antd';
import { Link, useLocation, useNavigate, useParams } from 'react-router';
import { isEditable } from '../../shared/domain/catalogue-codes';
import { RecordPage } from '../components/record-page';
import type { ProgrammeLocationState } from '../features/catalogue/programme-detail';
import { ProgrammeForm, programmeValues } from '../features/catalogue/programme-form';
import { useProgramme } from '../features/catalogue/use-catalogue';

export function CatalogueEditPage() {
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const location = useLocation();
  const notice = (location.state as ProgrammeLocationState | null)?.notice;
  const programme = useProgramme(id);
  const data = programme.data;
  return (
    <RecordPage
      query={programme}
      title="修改目录项目草稿"
      description={data ? `${data.name}（${data.programmeCode} 第 ${data.edition} 版）` : undefined}
      notice={notice && <Alert type="success" showIcon role="status" title={notice} className="page-notice" />}
    >
      {(record) =>
        isEditable(record.status) ? (
          <ProgrammeForm
            editing={record}
            initialValues={programmeValues(record)}
            onSaved={(saved) =>
              void navigate(`/catalogue/${saved.id}`, { state: { notice: '草稿已保存。' } satisfies ProgrammeLocationState })
            }
            onCancel={() => void navigate(`/catalogue/${record.id}`)}
          />
        ) : (
          <p>
            该版本已不是草稿，不能修改。<Link to={`/catalogue/${record.id}`}>返回项目页面</Link>
          </p>
        )
      }
    </RecordPage>
  );
}
