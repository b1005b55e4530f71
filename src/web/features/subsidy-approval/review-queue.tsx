import './subsidy-approval.css';
import { Alert, Button, Checkbox, Space } from 'antd';
import { useId, useState } from 'react';
import type { DecisionResult, ReviewItem } from '../../../shared/contracts/subsidy-approval-contracts';
import { formatFen } from '../../../shared/domain/class-codes';
import type { ApprovalStep } from '../../../shared/domain/subsidy-codes';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { NativeSelect } from '../../components/native-select';
import { ListPagination, ListStatus, ResultsTable, useAnnouncer } from '../../components/paged-list';
import { errorMessage } from '../../lib/use-form-errors';
import { type ReviewDecision, useReviewDecision, useReviewFunds, useReviewQueue } from './use-subsidy-approval';

const PAGE_SIZE = 50;
const decisionLabels: Record<ReviewDecision, string> = { approve: '审核通过', return: '退回修改', reject: '不予补贴' };

function deadline(item: ReviewItem): string {
  if (!item.dueOn) return '—';
  if (item.overdue) return `${item.dueOn}，已逾期 ${-(item.daysLeft ?? 0)} 天`;
  return item.daysLeft === 0 ? `${item.dueOn}，今天到期` : `${item.dueOn}，还剩 ${item.daysLeft} 天`;
}

/**
 * The claims waiting for a step this account takes: pick a step, tick claims, decide. Each claim
 * is decided on its own; the result line says how many went through and lists each refusal.
 */
export function ReviewQueue() {
  const [step, setStep] = useState<ApprovalStep | ''>('');
  const [overdue, setOverdue] = useState(false);
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [fundId, setFundId] = useState('');
  const [asking, setAsking] = useState<'return' | 'reject' | null>(null);
  const [failures, setFailures] = useState<DecisionResult[]>([]);
  const [actionError, setActionError] = useState<string | null>(null);
  const { message, announce, statusLine } = useAnnouncer();
  const stepSelectId = useId();
  const fundSelectId = useId();
  const query = useReviewQueue({ page, pageSize: PAGE_SIZE, ...(step && { step }), ...(overdue && { overdue: 'true' }) });
  const steps = query.data?.steps ?? [];
  const takesFinance = steps.some((s) => s.step === 'finance_review');
  const funds = useReviewFunds(takesFinance);
  const decide = useReviewDecision();
  const items = query.data?.items ?? [];
  const chosen = items.filter((i) => selected.has(i.id));
  const financeChosen = chosen.some((i) => i.step === 'finance_review');

  function toggle(id: string, on: boolean) {
    setSelected((current) => {
      const next = new Set(current);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  async function run(decision: ReviewDecision, comment?: string) {
    setActionError(null);
    const ids = chosen.map((i) => i.id);
    if (ids.length === 0) {
      announce('请先勾选要办理的申领');
      return;
    }
    if (decision === 'approve' && financeChosen && !fundId) {
      setActionError('财务审定须先选择支付资金');
      announce('财务审定须先选择支付资金');
      return;
    }
    try {
      const answer = await decide.mutateAsync({
        decision,
        claimIds: ids,
        comment,
        ...(decision === 'approve' && financeChosen && { fundId }),
      });
      const failed = answer.results.filter((r) => !r.ok);
      setFailures(failed);
      setSelected(new Set(failed.map((r) => r.claimId)));
      const late = answer.results.filter((r) => r.ok && r.late).length;
      announce(
        `${decisionLabels[decision]}：已办理 ${answer.done} 项${late ? `（其中 ${late} 项超过办理期限，已记录）` : ''}` +
          (answer.failed ? `，${answer.failed} 项未办理，原因见下方` : ''),
      );
    } catch (error) {
      setFailures([]);
      // the reason dialog shows the refusal itself, and keeps focus
      if (asking) throw error;
      announce(`${decisionLabels[decision]}未办理：${errorMessage(error)}`);
    }
  }

  return (
    <>
      <form
        className="review-filters"
        aria-label="筛选待审核的申领"
        onSubmit={(event) => {
          event.preventDefault();
        }}
      >
        <div className="review-filter">
          <label htmlFor={stepSelectId}>审核环节</label>
          <NativeSelect
            id={stepSelectId}
            value={step}
            onChange={(value) => {
              setStep(value as ApprovalStep | '');
              setPage(1);
              setSelected(new Set());
            }}
            options={[
              { value: '', label: '本账号可办理的全部环节' },
              ...steps.map((s) => ({ value: s.step, label: `${s.label}（${s.count} 项，逾期 ${s.overdue} 项）` })),
            ]}
          />
        </div>
        <Checkbox
          checked={overdue}
          onChange={(event) => {
            setOverdue(event.target.checked);
            setPage(1);
          }}
        >
          只看已逾期
        </Checkbox>
      </form>
      {query.data && steps.length === 0 && (
        <Alert
          type="info"
          showIcon
          title="本账号不办理补贴审核环节"
          description="县区审核由县区残联审核人办理，市州复核由市州残联审核人办理，财务审定由市州财务人员办理。"
        />
      )}
      <ListStatus
        ref={statusLine}
        query={query}
        text={message || (query.data ? `共 ${query.data.total} 项待办理，已选 ${chosen.length} 项` : '')}
      />
      {failures.length > 0 && (
        <section aria-labelledby="review-failures" className="review-failures">
          <h2 id="review-failures">未办理的申领</h2>
          <ul>
            {failures.map((f) => (
              <li key={f.claimId}>
                {f.claimNo ?? '未找到的申领'}：{f.message}
              </li>
            ))}
          </ul>
        </section>
      )}
      <ResultsTable
        caption="待审核的补贴申领"
        headers={['选择', '申领编号', '学员', '培训机构', '职业（工种）与等级', '金额', '审核环节', '办理期限', '资格核查', '说明']}
        items={items}
        busy={query.isFetching}
        empty={overdue ? '没有已逾期的申领' : '没有待审核的申领'}
        row={(item) => (
          <>
            <td>
              <Checkbox
                checked={selected.has(item.id)}
                disabled={item.blockedReason !== null}
                onChange={(event) => toggle(item.id, event.target.checked)}
                aria-label={`选择申领 ${item.claimNo}`}
              />
            </td>
            <th scope="row">{item.claimNo}</th>
            <td>{item.personName}</td>
            <td>{item.institutionName}</td>
            <td>
              {item.occupation}，{item.skillLevelLabel}
            </td>
            <td>{formatFen(item.amountFen)}</td>
            <td>{item.stepLabel}</td>
            <td className={item.overdue ? 'review-overdue' : undefined}>{deadline(item)}</td>
            <td>{item.eligibilitySummary}</td>
            <td>{item.blockedReason ?? '—'}</td>
          </>
        )}
      />
      <ListPagination label="待审核申领分页" page={page} pageSize={PAGE_SIZE} total={query.data?.total ?? 0} unit="项" onChange={setPage} />
      {steps.length > 0 && (
        <section aria-labelledby="review-actions" className="review-actions">
          <h2 id="review-actions">办理所选的 {chosen.length} 项申领</h2>
          {takesFinance && (
            <div className="review-filter">
              <label htmlFor={fundSelectId}>支付资金（财务审定时必选）</label>
              <NativeSelect
                id={fundSelectId}
                value={fundId}
                onChange={setFundId}
                aria-describedby={funds.isError ? `${fundSelectId}-error` : undefined}
                options={[
                  { value: '', label: funds.isPending ? '正在加载资金…' : '请选择资金' },
                  ...(funds.data?.items ?? []).map((f) => ({
                    value: f.id,
                    label: `${f.regionName} ${f.year} 年 ${f.name}（${f.code}），可用 ${formatFen(f.availableFen)}`,
                  })),
                ]}
              />
              {funds.isError && (
                <p id={`${fundSelectId}-error`} role="alert">
                  {errorMessage(funds.error)}
                </p>
              )}
            </div>
          )}
          {actionError && <Alert type="error" role="alert" showIcon title={actionError} />}
          <Space wrap>
            <Button type="primary" htmlType="button" loading={decide.isPending} onClick={() => void run('approve')}>
              审核通过
            </Button>
            <Button htmlType="button" disabled={decide.isPending || chosen.length === 0} onClick={() => setAsking('return')}>
              退回修改
            </Button>
            <Button danger htmlType="button" disabled={decide.isPending || chosen.length === 0} onClick={() => setAsking('reject')}>
              不予补贴
            </Button>
          </Space>
        </section>
      )}
      <ConfirmReasonModal
        open={asking !== null}
        title={asking === 'reject' ? `不予补贴（${chosen.length} 项）` : `退回机构修改（${chosen.length} 项）`}
        description={
          <p>
            所选申领：{chosen.map((c) => c.claimNo).join('、')}。
            {asking === 'return' ? '退回后机构修改并重新提交，须重新公示。' : '不予补贴后申领结束办理。'}
            原因会告知培训机构。
          </p>
        }
        confirmText={asking === 'reject' ? '确认不予补贴' : '确认退回'}
        danger={asking === 'reject'}
        onConfirm={async (reason) => {
          await run(asking!, reason);
          setAsking(null);
        }}
        onCancel={() => setAsking(null)}
      />
    </>
  );
}
