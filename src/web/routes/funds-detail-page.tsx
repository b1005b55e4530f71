import { Alert } from 'antd';
import { useLocation, useParams } from 'react-router';
import { RecordPage } from '../components/record-page';
import { FundDetail } from '../features/funds/fund-detail';
import { useFund } from '../features/funds/use-funds';

export interface FundLocationState {
  /** a short confirmation to show once after the fund was created */
  notice?: string;
}

export function FundsDetailPage() {
  const { id = '' } = useParams();
  const notice = (useLocation().state as FundLocationState | null)?.notice;
  const query = useFund(id);
  return (
    <RecordPage
      query={query}
      title="资金详情"
      notice={notice && <Alert type="success" showIcon role="status" title={notice} className="page-notice" />}
      back={{ to: '/funds', label: '返回资金列表' }}
    >
      {(fund) => <FundDetail fund={fund} />}
    </RecordPage>
  );
}
