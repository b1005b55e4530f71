import '../persons/persons.css';
import { Alert, Button, Form, Input } from 'antd';
import { useMemo, useRef, useState } from 'react';
import { useNavigate } from 'react-router';
import type { CandidateClaim } from '../../../shared/contracts/subsidy-payments-contracts';
import { formatFen } from '../../../shared/domain/class-codes';
import { fundKindLabels } from '../../../shared/domain/subsidy-codes';
import { DetailList } from '../../components/detail-list';
import { ScrollTable } from '../../components/detail-table';
import { ErrorSummary, type SummaryError } from '../../components/error-summary';
import { MaskedText } from '../../components/masked-text';
import { NativeSelect } from '../../components/native-select';
import { ListStatus } from '../../components/paged-list';
import { focusSoon } from '../../lib/focus-soon';
import { errorMessage } from '../../lib/use-form-errors';
import { useBatchCandidates, useBatchFunds, useBatchMutations } from './use-payments';

type Step = 'choose' | 'check';

/**
 * 编制支付批次 in two steps: choose a fund and tick its approved claims, then check the totals and
 * create the batch. Another finance officer pays it (maker/checker).
 */
export function BatchNew() {
  const navigate = useNavigate();
  const funds = useBatchFunds();
  const [fundId, setFundId] = useState<string | null>(null);
  const candidates = useBatchCandidates(fundId);
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const [remarks, setRemarks] = useState('');
  const [step, setStep] = useState<Step>('choose');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const checkHeading = useRef<HTMLHeadingElement>(null);
  const chooseHeading = useRef<HTMLHeadingElement>(null);
  const { create } = useBatchMutations();

  const items = useMemo(() => candidates.data?.items ?? [], [candidates.data]);
  const chosen = useMemo(() => items.filter((c) => selected.has(c.id)), [items, selected]);
  const totalFen = chosen.reduce((sum, c) => sum + c.amountFen, 0);
  const fund = candidates.data?.fund;

  function toggle(id: string, on: boolean) {
    setSelected((prev) => {
      const next = new Set(prev);
      if (on) next.add(id);
      else next.delete(id);
      return next;
    });
  }

  function toCheck() {
    if (!fundId) {
      setErrors([{ message: '资金：请选择资金', fieldId: 'batch-fund' }]);
      return;
    }
    if (chosen.length === 0) {
      setErrors([{ message: '申领：请至少勾选 1 项申领', fieldId: 'batch-claims' }]);
      return;
    }
    setErrors([]);
    setStep('check');
    focusSoon(() => checkHeading.current);
  }

  async function submit() {
    try {
      const batch = await create.mutateAsync({
        fundId: fundId!,
        claimIds: chosen.map((c) => c.id),
        ...(remarks.trim() && { remarks: remarks.trim() }),
      });
      await navigate(`/subsidies/batches/${batch.id}`, {
        state: { notice: `已编制支付批次 ${batch.batchNo}：${batch.claimCount} 项申领，合计 ${formatFen(batch.totalFen)}。` },
      });
    } catch (error) {
      setErrors([{ message: errorMessage(error) }]);
    }
  }

  if (step === 'check' && fund) {
    return (
      <section aria-labelledby="batch-check-heading">
        <h2 id="batch-check-heading" ref={checkHeading} tabIndex={-1}>
          核对批次信息
        </h2>
        <ErrorSummary errors={errors} title="批次未能编制" />
        <DetailList
          rows={[
            ['资金', `${fund.name}（${fund.code}，${fund.year} 年度，${fundKindLabels[fund.kind]}）`],
            ['付款单位', fund.regionName],
            ['申领数', `${chosen.length} 项`],
            ['合计金额', formatFen(totalFen)],
            ['备注', remarks.trim() || '无'],
          ]}
        />
        <ClaimsTable caption={`编入本批次的申领（${chosen.length} 项）`} claims={chosen} />
        <div className="form-actions">
          <Button type="primary" loading={create.isPending} onClick={() => void submit()}>
            确认编制批次
          </Button>
          <Button
            onClick={() => {
              setStep('choose');
              focusSoon(() => chooseHeading.current);
            }}
          >
            返回修改
          </Button>
        </div>
      </section>
    );
  }

  return (
    <section aria-labelledby="batch-choose-heading">
      <h2 id="batch-choose-heading" ref={chooseHeading} tabIndex={-1}>
        选择资金与申领
      </h2>
      <ErrorSummary errors={errors} />
      {funds.isError && <Alert type="error" role="alert" showIcon title={errorMessage(funds.error)} />}
      <Form layout="vertical">
        <Form.Item label="资金" htmlFor="batch-fund" required extra="只列出本辖区在用的资金；括号内为已审定、待编入批次的申领。">
          <NativeSelect
            id="batch-fund"
            value={fundId ?? ''}
            onChange={(value) => {
              setFundId(value || null);
              setSelected(new Set());
            }}
            options={[
              { value: '', label: funds.isPending ? '正在读取…' : '请选择' },
              ...(funds.data?.items ?? []).map((f) => ({
                value: f.id,
                label: `${f.name}（${f.code}，${f.year} 年度，待支付 ${f.waitingCount} 项 ${formatFen(f.waitingFen)}）`,
              })),
            ]}
          />
        </Form.Item>
        <Form.Item label="备注" htmlFor="batch-remarks">
          <Input id="batch-remarks" maxLength={200} value={remarks} onChange={(e) => setRemarks(e.target.value)} />
        </Form.Item>
      </Form>
      {fundId && (
        <div id="batch-claims" tabIndex={-1}>
          <ListStatus
            query={candidates}
            text={
              candidates.data
                ? `${candidates.data.items.length} 项已审定的申领${candidates.data.truncated ? '（只列出前 5000 项）' : ''}；已勾选 ${chosen.length} 项，合计 ${formatFen(totalFen)}。`
                : ''
            }
          />
          {items.length > 0 && (
            <p>
              <Button onClick={() => setSelected(new Set(items.map((c) => c.id)))}>全部勾选</Button>{' '}
              <Button onClick={() => setSelected(new Set())}>全部不选</Button>
            </p>
          )}
          <ClaimsTable caption="已审定、待编入批次的申领" claims={items} selected={selected} onToggle={toggle} />
        </div>
      )}
      <div className="form-actions">
        <Button type="primary" onClick={toCheck}>
          下一步：核对
        </Button>
      </div>
    </section>
  );
}

function ClaimsTable({
  caption,
  claims,
  selected,
  onToggle,
}: {
  caption: string;
  claims: CandidateClaim[];
  selected?: Set<string>;
  onToggle?: (id: string, on: boolean) => void;
}) {
  const headers = [...(onToggle ? ['选择'] : []), '申领编号', '学员', '培训机构', '职业（工种）', '金额', '收款人', '开户银行', '银行账号'];
  return (
    <ScrollTable caption={caption} headers={headers}>
      {claims.length === 0 ? (
        <tr>
          <td colSpan={headers.length} className="empty-cell">
            没有待编入批次的申领
          </td>
        </tr>
      ) : (
        claims.map((c) => (
          <tr key={c.id}>
            {onToggle && (
              <td>
                <input
                  type="checkbox"
                  id={`pick-${c.id}`}
                  aria-label={`选择申领 ${c.claimNo}`}
                  checked={selected?.has(c.id) ?? false}
                  onChange={(e) => onToggle(c.id, e.target.checked)}
                />
              </td>
            )}
            <th scope="row">{c.claimNo}</th>
            <td>{c.personNameMasked}</td>
            <td>{c.institutionName}</td>
            <td>{c.occupation}</td>
            <td>{formatFen(c.amountFen)}</td>
            <td>{c.payeeName ?? '—'}</td>
            <td>{c.bankName ?? '—'}</td>
            <td>
              <MaskedText value={c.bankAccount} />
            </td>
          </tr>
        ))
      )}
    </ScrollTable>
  );
}
