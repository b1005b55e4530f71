import { PageHeader } from '../components/page-header';
import { FraudSignalsList } from '../features/fund-supervision/fraud-signals-list';

export function FraudSignalsPage() {
  return (
    <>
      <PageHeader
        title="疑点线索"
        description="由申领、考勤、考核和证书数据自动计算的疑点，仅供核查参考；核查结论须填写意见并记入审计日志。"
      />
      <FraudSignalsList />
    </>
  );
}
