import { PageHeader } from '../components/page-header';
import { AuditLog } from '../features/audit/audit-log';
import { HashChainCheck } from '../features/audit/hash-chain-check';

export function AuditPage() {
  return (
    <>
      <PageHeader title="审计日志" description="查看谁在何时从何处做了什么，以及结果；并校验日志是否被篡改。" />
      <HashChainCheck />
      <AuditLog />
    </>
  );
}
