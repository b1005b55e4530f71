import { useNavigate } from 'react-router';
import { PageHeader } from '../components/page-header';
import { FundForm } from '../features/funds/fund-form';
import type { FundLocationState } from './funds-detail-page';

export function FundsNewPage() {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="新建资金" description="建立后在资金页面下达预算。标“可选”的项可以不填。" />
      <FundForm
        onSaved={(f) =>
          void navigate(`/funds/${f.id}`, { state: { notice: `已新建资金“${f.fundName}”，请下达预算。` } satisfies FundLocationState })
        }
        onCancel={() => void navigate('/funds')}
      />
    </>
  );
}
