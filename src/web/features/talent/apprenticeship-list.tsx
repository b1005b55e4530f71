import '../persons/persons.css';
import { PlusOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { Link } from 'react-router';
import { apprenticeshipStatusLabels } from '../../../shared/domain/talent-codes';
import { errorMessage } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import { DetailTable } from '../../components/detail-table';
import { useApprenticeships } from './use-talent';

/** Master–apprentice pairs of the account's region with how far each has come. */
export function ApprenticeshipList() {
  const user = useCurrentUser();
  const pairs = useApprenticeships({ page: 1, pageSize: 200 });
  const data = pairs.data;
  return (
    <>
      {userCan(user, 'talent.write') && (
        <div className="toolbar">
          <Link to="/talent/apprenticeships/new" className="link-button is-primary">
            <PlusOutlined aria-hidden /> 登记师徒结对
          </Link>
        </div>
      )}
      <p role="status" className="list-status">
        {pairs.isFetching ? '正在查询…' : data ? `共 ${data.total} 对师徒。` : ''}
      </p>
      {pairs.isError && <Alert type="error" role="alert" showIcon title={errorMessage(pairs.error)} />}
      <DetailTable
        caption="师徒结对"
        headers={['徒弟', '师傅', '传授技艺', '开始日期', '达成阶段目标', '最近进展', '状态']}
        empty="暂无师徒结对。"
        rows={(data?.items ?? []).map((pair) => ({
          key: pair.id,
          cells: [
            <Link key="link" to={`/talent/apprenticeships/${pair.id}`}>
              {pair.apprentice.name}（{pair.apprentice.countyName}）
            </Link>,
            pair.masterName,
            pair.craft,
            pair.startedOn,
            `${pair.milestonesReached} 个`,
            pair.lastProgressOn ?? '暂无',
            apprenticeshipStatusLabels[pair.status],
          ],
        }))}
      />
    </>
  );
}
