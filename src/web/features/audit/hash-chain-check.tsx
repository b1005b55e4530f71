import { SafetyCertificateOutlined } from '@ant-design/icons';
import { Alert, Button } from 'antd';
import { formatDateTime } from '../../lib/formatters';
import { errorMessage } from '../../lib/use-form-errors';
import { useVerifyAudit } from './use-audit';

/** Recomputes the audit trail's hash chain on the server; the verdict is announced when it arrives. */
export function HashChainCheck() {
  const verify = useVerifyAudit();
  const result = verify.data;

  return (
    <section aria-labelledby="hash-chain-heading" className="hash-chain-check">
      <h2 id="hash-chain-heading">完整性校验</h2>
      <p>逐条核对审计日志的哈希链，发现被修改或删除的记录。</p>
      <Button htmlType="button" icon={<SafetyCertificateOutlined aria-hidden />} loading={verify.isPending} onClick={() => verify.mutate()}>
        校验哈希链
      </Button>
      <div role="status" className="check-result">
        {verify.isPending && <p>正在校验，请稍候…</p>}
        {verify.isError && <Alert type="error" showIcon title={`校验未能完成：${errorMessage(verify.error)}`} />}
        {result &&
          !verify.isPending &&
          (result.ok ? (
            <Alert
              type="success"
              showIcon
              title={`校验通过：共校验 ${result.checked} 条记录，哈希链完整。`}
              description={`校验时间：${formatDateTime(result.verifiedAt)}`}
            />
          ) : (
            <Alert
              type="error"
              showIcon
              title={`校验未通过：共校验 ${result.checked} 条记录，发现异常。`}
              description={
                <>
                  {result.firstBroken && (
                    <p>
                      第一条异常记录：序号 {result.firstBroken.seq}，原因：{result.firstBroken.reason}
                    </p>
                  )}
                  <p>校验时间：{formatDateTime(result.verifiedAt)}</p>
                </>
              }
            />
          ))}
      </div>
    </section>
  );
}
