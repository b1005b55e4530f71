import '../persons/persons.css';
import { Alert, Button, Form, Input, Modal } from 'antd';
import { useEffect, useRef, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { BatchClaim, BatchDetail } from '../../../shared/contracts/subsidy-payments-contracts';
import { formatFen } from '../../../shared/domain/class-codes';
import { batchStatusLabels, claimStatusLabels } from '../../../shared/domain/subsidy-codes';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { DetailList } from '../../components/detail-list';
import { ScrollTable } from '../../components/detail-table';
import { ErrorSummary, type SummaryError } from '../../components/error-summary';
import { MaskedText } from '../../components/masked-text';
import { ListStatus, useAnnouncer } from '../../components/paged-list';
import { formatDateTime } from '../../lib/formatters';
import { errorMessage } from '../../lib/use-form-errors';
import { exportBatch, useBatchMutations } from './use-payments';

/** One key per opened form: the same request sent again (double click, retry after a timeout) pays once. */
function newKey(): string {
  return crypto.randomUUID();
}

/** A payment batch: its totals and claims, and what this account may do with it. */
export function BatchDetailView({ batch }: { batch: BatchDetail }) {
  const location = useLocation();
  const { message, announce, statusLine } = useAnnouncer();
  const initial = (location.state as { notice?: string } | null)?.notice;
  // the notice the page was opened with (a batch just made), once
  const announced = useRef(false);
  useEffect(() => {
    if (!initial || announced.current) return;
    announced.current = true;
    announce(initial);
  }, [initial, announce]);
  const { remove, cancel } = useBatchMutations();
  const [cancelOpen, setCancelOpen] = useState(false);
  const [fullOpen, setFullOpen] = useState(false);
  const [reversing, setReversing] = useState<BatchClaim | null>(null);
  const [rowError, setRowError] = useState<string | null>(null);

  async function download(full?: { reason: string }) {
    const name = await exportBatch(batch.id, full);
    announce(`已下载 ${name}。`);
  }

  return (
    <>
      <ListStatus ref={statusLine} text={message} />
      <p>
        <Link to="/subsidies/batches">返回支付批次列表</Link>
      </p>
      <DetailList
        rows={[
          ['批次号', batch.batchNo],
          ['状态', batchStatusLabels[batch.status]],
          ['资金', `${batch.fundName}（${batch.fundCode}）`],
          ['付款单位', batch.regionName],
          ['申领数', `${batch.claimCount} 项`],
          ['合计金额', formatFen(batch.totalFen)],
          ['编制人', `${batch.createdByName ?? '—'}，${formatDateTime(batch.createdAt)}`],
          [
            '支付',
            batch.paidAt ? `${batch.paidByName ?? '—'}，${formatDateTime(batch.paidAt)}，凭证号 ${batch.voucherRef ?? '—'}` : '未支付',
          ],
          ...(batch.cancelledReason ? [['作废原因', batch.cancelledReason] as [string, string]] : []),
          ...(batch.remarks ? [['备注', batch.remarks] as [string, string]] : []),
        ]}
      />

      {batch.canPay && <PaySection batch={batch} onPaid={announce} />}
      {batch.payBlockedReason && <Alert type="info" showIcon title={batch.payBlockedReason} />}

      <section aria-labelledby="batch-export-heading">
        <h2 id="batch-export-heading">导出付款清单</h2>
        <p>清单为 .xlsx 文件，供银行代发和财务记账；银行账号默认脱敏。</p>
        <div className="form-actions">
          <Button onClick={() => void download().catch((e: unknown) => announce(errorMessage(e)))}>导出付款清单（账号脱敏）</Button>
          {batch.canExportFull && <Button onClick={() => setFullOpen(true)}>导出完整账号清单…</Button>}
        </div>
      </section>

      <section aria-labelledby="batch-claims-heading">
        <h2 id="batch-claims-heading">批次明细</h2>
        {rowError && <Alert type="error" role="alert" showIcon title={rowError} />}
        <ScrollTable
          caption={`批次 ${batch.batchNo} 的申领（${batch.claims.length} 项，合计 ${formatFen(batch.totalFen)}）`}
          headers={['申领编号', '学员', '培训机构', '金额', '收款人', '开户银行', '银行账号', '状态', '操作']}
        >
          {batch.claims.length === 0 ? (
            <tr>
              <td colSpan={9} className="empty-cell">
                本批次没有申领
              </td>
            </tr>
          ) : (
            batch.claims.map((c) => (
              <tr key={c.id}>
                <th scope="row">
                  <Link to={`/subsidies/claims/${c.id}`}>{c.claimNo}</Link>
                </th>
                <td>{c.personNameMasked}</td>
                <td>{c.institutionName}</td>
                <td>{formatFen(c.amountFen)}</td>
                <td>{c.payeeName ?? '—'}</td>
                <td>{c.bankName ?? '—'}</td>
                <td>
                  <MaskedText value={c.bankAccount} />
                </td>
                <td>{claimStatusLabels[c.status]}</td>
                <td>
                  {batch.canEdit && (
                    <Button
                      size="small"
                      loading={remove.isPending && remove.variables?.claimId === c.id}
                      aria-label={`从批次移出申领 ${c.claimNo}`}
                      onClick={() => {
                        setRowError(null);
                        remove.mutate(
                          { id: batch.id, claimId: c.id },
                          {
                            onSuccess: () => announce(`已移出申领 ${c.claimNo}，该申领回到“已审定，待支付”。`),
                            onError: (e) => setRowError(errorMessage(e)),
                          },
                        );
                      }}
                    >
                      移出
                    </Button>
                  )}
                  {batch.canReverse && c.paymentId && !c.reversalId && (
                    <Button size="small" danger aria-label={`冲销申领 ${c.claimNo} 的支付`} onClick={() => setReversing(c)}>
                      冲销…
                    </Button>
                  )}
                  {!batch.canEdit && !(batch.canReverse && c.paymentId && !c.reversalId) && '—'}
                </td>
              </tr>
            ))
          )}
        </ScrollTable>
      </section>

      {batch.canEdit && (
        <section aria-labelledby="batch-cancel-heading">
          <h2 id="batch-cancel-heading">作废批次</h2>
          <p>作废后批次中的申领回到“已审定，待支付”，可重新编制批次。</p>
          <Button danger onClick={() => setCancelOpen(true)}>
            作废本批次…
          </Button>
        </section>
      )}

      <ConfirmReasonModal
        open={cancelOpen}
        title={`作废批次 ${batch.batchNo}`}
        confirmText="作废"
        danger
        onCancel={() => setCancelOpen(false)}
        onConfirm={async (reason) => {
          await cancel.mutateAsync({ id: batch.id, reason });
          setCancelOpen(false);
          announce(`批次 ${batch.batchNo} 已作废。`);
        }}
      />
      <ConfirmReasonModal
        open={fullOpen}
        title="导出完整银行账号"
        description="完整账号属于敏感信息，导出会记入审计日志。"
        confirmText="导出"
        onCancel={() => setFullOpen(false)}
        onConfirm={async (reason) => {
          await download({ reason });
          setFullOpen(false);
        }}
      />
      {reversing && (
        <ReverseModal
          claim={reversing}
          onClose={() => setReversing(null)}
          onDone={(text) => {
            setReversing(null);
            announce(text);
          }}
        />
      )}
    </>
  );
}

function PaySection({ batch, onPaid }: { batch: BatchDetail; onPaid: (text: string) => void }) {
  const { pay } = useBatchMutations();
  const [form] = Form.useForm<{ voucherRef: string }>();
  // made when the form opens and sent again on a retry; a new voucher reference is a new request
  const [key, setKey] = useState(newKey);
  const [sentWith, setSentWith] = useState<string | null>(null);
  const [errors, setErrors] = useState<SummaryError[]>([]);

  async function submit({ voucherRef }: { voucherRef: string }) {
    const value = voucherRef.trim();
    let idempotencyKey = key;
    if (sentWith !== null && sentWith !== value) {
      idempotencyKey = newKey();
      setKey(idempotencyKey);
    }
    setSentWith(value);
    setErrors([]);
    try {
      const receipt = await pay.mutateAsync({ id: batch.id, voucherRef: value, idempotencyKey });
      onPaid(
        `批次 ${receipt.batchNo} 已支付：${receipt.paymentCount} 笔，合计 ${formatFen(receipt.totalFen)}，凭证号 ${receipt.voucherRef}。`,
      );
    } catch (error) {
      setErrors([{ message: errorMessage(error), fieldId: 'pay-batch_voucherRef' }]);
    }
  }

  return (
    <section aria-labelledby="batch-pay-heading">
      <h2 id="batch-pay-heading">支付</h2>
      <p>支付后每项申领记一笔支付并记入资金台账，批次和申领变为“已支付”。提交后如未收到结果，可再次点击“确认支付”，不会重复付款。</p>
      <ErrorSummary errors={errors} title="支付未完成" />
      <Form
        form={form}
        name="pay-batch"
        layout="vertical"
        onFinish={(values) => void submit(values)}
        onFinishFailed={({ errorFields }) =>
          setErrors(errorFields.flatMap((f) => f.errors.map((message) => ({ message, fieldId: `pay-batch_${f.name.join('_')}` }))))
        }
      >
        <Form.Item
          name="voucherRef"
          label="凭证号"
          extra="记账凭证号或银行转账流水号。"
          rules={[
            { required: true, whitespace: true, message: '请填写凭证号' },
            { max: 64, message: '凭证号最多 64 个字符' },
          ]}
        >
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={pay.isPending}>
          确认支付 {formatFen(batch.totalFen)}
        </Button>
      </Form>
    </section>
  );
}

function ReverseModal({ claim, onClose, onDone }: { claim: BatchClaim; onClose: () => void; onDone: (text: string) => void }) {
  const { reverse } = useBatchMutations();
  const [form] = Form.useForm<{ reason: string; voucherRef: string }>();
  const [key] = useState(newKey);
  const [failure, setFailure] = useState<string | null>(null);
  const alertRef = useRef<HTMLDivElement>(null);

  async function submit(values: { reason: string; voucherRef: string }) {
    setFailure(null);
    try {
      const receipt = await reverse.mutateAsync({
        paymentId: claim.paymentId!,
        body: { reason: values.reason.trim(), voucherRef: values.voucherRef.trim() },
        idempotencyKey: key,
      });
      onDone(`已冲销申领 ${receipt.claimNo} 的支付 ${formatFen(receipt.amountFen)}，冲销凭证号 ${receipt.voucherRef}。`);
    } catch (error) {
      setFailure(errorMessage(error));
      alertRef.current?.focus();
    }
  }

  return (
    <Modal
      open
      title={`冲销申领 ${claim.claimNo} 的支付`}
      okText="冲销"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: reverse.isPending, htmlType: 'submit', form: 'reverse-payment' }}
      onCancel={onClose}
      mask={{ closable: false }}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) form.focusField('reason');
      }}
    >
      <p>冲销记一笔新的冲销记录和台账分录，原支付记录不变；申领变为“已冲销”。</p>
      {failure && (
        <div ref={alertRef} tabIndex={-1}>
          <Alert type="error" role="alert" showIcon title={failure} />
        </div>
      )}
      <Form form={form} name="reverse-payment" layout="vertical" onFinish={(values) => void submit(values)}>
        <Form.Item
          name="reason"
          label="原因"
          rules={[
            { required: true, whitespace: true, message: '请填写原因' },
            { min: 2, message: '原因至少 2 个字' },
            { max: 200, message: '原因最多 200 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
        <Form.Item
          name="voucherRef"
          label="冲销凭证号"
          rules={[
            { required: true, whitespace: true, message: '请填写冲销凭证号' },
            { max: 64, message: '凭证号最多 64 个字符' },
          ]}
        >
          <Input maxLength={64} autoComplete="off" />
        </Form.Item>
      </Form>
    </Modal>
  );
}
