import { useNavigate } from 'react-router';
import { PageHeader } from '../components/page-header';
import type { ProgrammeLocationState } from '../features/catalogue/programme-detail';
import { emptyProgramme, ProgrammeForm } from '../features/catalogue/programme-form';

export function CatalogueNewPage() {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader
        title="新增目录项目"
        description="保存后为第 1 版草稿；核对无误后在项目页面提交公示，公示期满无异议后生效。标“可选”的项可以不填。"
      />
      <ProgrammeForm
        editing={null}
        initialValues={emptyProgramme}
        onSaved={(programme) =>
          void navigate(`/catalogue/${programme.id}`, { state: { notice: '已保存为草稿。' } satisfies ProgrammeLocationState })
        }
        onCancel={() => void navigate('/catalogue')}
      />
    </>
  );
}
