import { useNavigate } from 'react-router';
import { PageHeader } from '../components/page-header';
import { StandardForm } from '../features/subsidy-standards/standard-form';
import { standardScopeText } from '../features/subsidy-standards/standard-labels';
import type { StandardsLocationState } from './subsidy-standards-list-page';

export function SubsidyStandardsNewPage() {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="新增补贴标准" description="填写后先核对，确认无误再保存。金额按元填写，最多两位小数。标“可选”的项可以不填。" />
      <StandardForm
        onSaved={(s) =>
          void navigate('/subsidies/standards', {
            state: { notice: `已保存${standardScopeText(s)}的补贴标准，自 ${s.effectiveFrom} 起执行。` } satisfies StandardsLocationState,
          })
        }
        onCancel={() => void navigate('/subsidies/standards')}
      />
    </>
  );
}
