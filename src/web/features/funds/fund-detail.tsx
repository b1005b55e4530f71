import '../persons/persons.css';
import './funds.css';
import { DownloadOutlined } from '@ant-design/icons';
import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type FundDetail as Fund, fundStatusLabels } from '../../../shared/contracts/funds-contracts';
import { formatFen } from '../../../shared/domain/class-codes';
import { fundKindLabels, ledgerEntryKindLabels } from '../../../shared/domain/subsidy-codes';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { DetailList } from '../../components/detail-list';
import { ErrorSummary } from '../../components/error-summary';
import { requiredText } from '../../components/form-fields';
import { NativeSelect } from '../../components/native-select';
import { ListPagination, ListStatus, ResultsTable, useAnnouncer } from '../../components/paged-list';
import { formatDateTime } from '../../lib/formatters';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { yuanToFen } from '../classes/class-form-values';
import { positionText } from './fund-labels';
import { downloadLedger, useFundLedger, useFundMutations } from './use-funds';

const pageSize = 20;

/** Four cards, each a labelled figure; the sentence under them says the same for a screen reader in one go. */
function PositionCards({ fund }: { fund: Fund }) {
  const p = fund.position;
  const cards: [string, number, string][] = [
    ['预算', p.budgetFen, '下达的预算，扣除调减'],
    ['已审定未支付', p.committedFen, '已审定的申领占用、尚未支付'],
    ['已支付', p.paidFen, '已支付，扣除冲销'],
    ['可用余额', p.availableFen, '预算减去占用和已支付'],
  ];
  return (
    <section aria-labelledby="position-heading">
      <h2 id="position-heading">资金余额</h2>
      <ul className="position-cards">
        {cards.map(([label, fen, hint]) => (
          <li key={label} className={label === '可用余额' ? 'position-card is-available' : 'position-card'}>
            <span className="position-label">{label}</span>
            <span className="position-value">{formatFen(fen)}</span>
            <span className="position-hint">{hint}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

interface BudgetValues {
  direction: 'allocate' | 'cut';
  amountFen: string;
  voucherRef: string;
  memo: string;
}

const budgetForm = 'budget-entry';

function BudgetEntryForm({ fund, onDone }: { fund: Fund; onDone: (text: string) => void }) {
  const [form] = Form.useForm<BudgetValues>();
  const errors = useFormErrors(form, budgetForm);
  const { budget } = useFundMutations();

  async function submit(v: BudgetValues) {
    errors.clear();
    const fen = yuanToFen(v.amountFen)!;
    const amountFen = v.direction === 'cut' ? -fen : fen;
    try {
      const saved = await budget.mutateAsync({ id: fund.id, body: { amountFen, voucherRef: v.voucherRef.trim(), memo: v.memo.trim() } });
      form.resetFields();
      onDone(`已${v.direction === 'cut' ? '调减' : '下达'}预算 ${formatFen(fen)}。${positionText(saved.position)}。`);
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <section aria-labelledby="budget-heading">
      <h2 id="budget-heading">下达或调减预算</h2>
      <p>每笔预算记一条台账分录，不能修改或删除；录错了请再记一笔反向的分录。调减后可用余额不能小于 0。</p>
      <ErrorSummary errors={errors.errors} />
      <Form<BudgetValues>
        form={form}
        name={budgetForm}
        layout="vertical"
        className="record-form"
        initialValues={{ direction: 'allocate', amountFen: '', voucherRef: '', memo: '' }}
        onFinishFailed={errors.onFinishFailed}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="direction" label="方向">
          <NativeSelect
            options={[
              { value: 'allocate', label: '下达预算（增加）' },
              { value: 'cut', label: '调减预算（减少）' },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="amountFen"
          label="金额（元）"
          rules={[
            requiredText('请填写金额'),
            {
              validator: (_, value: string) => {
                const fen = yuanToFen(value ?? '');
                return fen === null || fen === 0
                  ? Promise.reject(new Error('金额请填写大于 0 的数，最多两位小数，例如 50000 或 50000.50'))
                  : Promise.resolve();
              },
            },
          ]}
        >
          <Input inputMode="decimal" autoComplete="off" maxLength={16} />
        </Form.Item>
        <Form.Item name="voucherRef" label="凭证号" extra="记账凭证号或预算下达文号。" rules={[requiredText('请填写凭证号')]}>
          <Input autoComplete="off" maxLength={60} />
        </Form.Item>
        <Form.Item name="memo" label="摘要" rules={[requiredText('请填写摘要')]}>
          <Input maxLength={200} />
        </Form.Item>
        <div className="form-actions button-row">
          <Button type="primary" htmlType="submit" loading={budget.isPending}>
            记入台账
          </Button>
        </div>
      </Form>
    </section>
  );
}

function Ledger({ fund }: { fund: Fund }) {
  const [page, setPage] = useState(1);
  const ledger = useFundLedger(fund.id, page, pageSize);
  const [exportStatus, setExportStatus] = useState('');
  const [exporting, setExporting] = useState(false);
  const data = ledger.data;

  async function runExport() {
    setExporting(true);
    setExportStatus('正在生成导出文件…');
    try {
      setExportStatus(`导出文件“${await downloadLedger(fund.id)}”已开始下载。`);
    } catch (error) {
      setExportStatus(`导出未能完成：${errorMessage(error)}`);
    } finally {
      setExporting(false);
    }
  }

  return (
    <section aria-labelledby="ledger-heading">
      <h2 id="ledger-heading">资金台账</h2>
      <div className="toolbar">
        <Button htmlType="button" icon={<DownloadOutlined aria-hidden />} loading={exporting} onClick={() => void runExport()}>
          导出台账（Excel）
        </Button>
        <span role="status" className="export-status">
          {exportStatus}
        </span>
      </div>
      <ListStatus query={ledger} text={data ? `共 ${data.total} 条分录，新的在前。` : ''} />
      <ResultsTable
        caption={`资金台账（第 ${page} 页）`}
        headers={['记账时间', '类别', '金额', '申领编号', '支付批次', '凭证号', '摘要', '记账人']}
        items={data?.items ?? []}
        busy={ledger.isFetching}
        empty="还没有台账分录"
        row={(e) => (
          <>
            <th scope="row">{formatDateTime(e.createdAt)}</th>
            <td>{ledgerEntryKindLabels[e.kind]}</td>
            <td className="number-cell">{formatFen(e.amountFen)}</td>
            <td>{e.claimId && e.claimNo ? <Link to={`/subsidies/claims/${e.claimId}`}>{e.claimNo}</Link> : '—'}</td>
            <td>{e.batchId && e.batchNo ? <Link to={`/subsidies/batches/${e.batchId}`}>{e.batchNo}</Link> : '—'}</td>
            <td>{e.voucherRef ?? '—'}</td>
            <td>{e.memo ?? '—'}</td>
            <td>{e.createdByName ?? '—'}</td>
          </>
        )}
      />
      <ListPagination label="资金台账分页" page={page} pageSize={pageSize} total={data?.total ?? 0} unit="条" onChange={setPage} />
    </section>
  );
}

/** One fund: what it is, its position, the budget form (finance in scope), the ledger and closing it. */
export function FundDetail({ fund }: { fund: Fund }) {
  const { message, announce, statusLine } = useAnnouncer();
  const { close } = useFundMutations();
  const [closing, setClosing] = useState(false);
  return (
    <>
      <p ref={statusLine} tabIndex={-1} role="status" className="list-status">
        {message}
      </p>
      <DetailList
        rows={[
          ['资金名称', fund.fundName],
          ['资金编码', fund.fundCode],
          ['所属区域', fund.regionName],
          ['年度', String(fund.year)],
          ['资金类别', fundKindLabels[fund.fundKind]],
          ...(fund.donor ? ([['捐赠方', fund.donor]] as [string, string][]) : []),
          ['状态', fundStatusLabels[fund.status]],
          ['备注', fund.remarks ?? '—'],
          ['建立', `${formatDateTime(fund.createdAt)}，${fund.createdByName ?? '—'}`],
        ]}
      />
      <PositionCards fund={fund} />
      {fund.mayWrite && <BudgetEntryForm fund={fund} onDone={announce} />}
      <Ledger fund={fund} />
      {fund.mayWrite && (
        <section aria-labelledby="close-heading">
          <h2 id="close-heading">关闭资金</h2>
          <p>关闭后不再下达或调减预算。仍有已审定未支付的占用时不能关闭。</p>
          <Button htmlType="button" danger onClick={() => setClosing(true)}>
            关闭资金
          </Button>
        </section>
      )}
      <ConfirmReasonModal
        open={closing}
        title="关闭资金"
        description={
          <p>
            关闭“{fund.fundName}”。{positionText(fund.position)}。
          </p>
        }
        confirmText="关闭"
        danger
        onConfirm={async (reason) => {
          await close.mutateAsync({ id: fund.id, reason });
          setClosing(false);
          announce('资金已关闭。');
        }}
        onCancel={() => setClosing(false)}
      />
    </>
  );
}
