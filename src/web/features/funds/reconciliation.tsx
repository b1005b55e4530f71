import '../persons/persons.css';
import './funds.css';
import { DownloadOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { reconciliationCheckLabels, type ReconciliationReport } from '../../../shared/contracts/funds-contracts';
import { formatFen } from '../../../shared/domain/class-codes';
import { fundKindLabels } from '../../../shared/domain/subsidy-codes';
import { DetailTable } from '../../components/detail-table';
import { ErrorSummary } from '../../components/error-summary';
import { requiredText } from '../../components/form-fields';
import { RegionPicker } from '../../components/region-picker';
import { focusSoon } from '../../lib/focus-soon';
import { formatDateTime } from '../../lib/formatters';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { useCurrentUser } from '../auth/use-session';
import { useRegionTree } from '../regions/use-region-tree';
import { currentYear, positionText } from './fund-labels';
import { downloadReconciliation, useReconciliation } from './use-funds';

interface Values {
  regionCode: string;
  year: string;
}

const formName = 'reconciliation';

function resultText(r: ReconciliationReport): string {
  return r.balanced
    ? `${r.regionName} ${r.year} 年度对账平衡：${r.funds.length} 项资金，全部 ${r.checks.length} 项核对均为零。`
    : `${r.regionName} ${r.year} 年度对账不平衡：发现 ${r.discrepancies.length} 处不符，见下方“不符明细”。`;
}

function subjectLink(d: ReconciliationReport['discrepancies'][number]) {
  if (d.subjectKind === 'claim' && d.claimNo) return <Link to={`/subsidies/claims/${d.subjectId}`}>申领 {d.claimNo}</Link>;
  if (d.subjectKind === 'batch' && d.batchNo) return <Link to={`/subsidies/batches/${d.subjectId}`}>批次 {d.batchNo}</Link>;
  const kind = d.subjectKind === 'payment' ? '支付记录' : '台账分录';
  return (
    <>
      {kind} <span className="number-cell">{d.subjectId}</span>
    </>
  );
}

/** 资金对账: a region and year; every cross-check must be zero, and each row that breaks one is listed. */
export function Reconciliation() {
  const user = useCurrentUser();
  const home = user.viewRegion?.code ?? user.region.code;
  const { root } = useRegionTree(home);
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, formName);
  const [query, setQuery] = useState<{ regionCode: string; year: number } | null>(null);
  const report = useReconciliation(query);
  const result = useRef<HTMLParagraphElement>(null);
  const [exportStatus, setExportStatus] = useState('');
  const [exporting, setExporting] = useState(false);
  const data = report.data;

  async function runExport() {
    if (!query) return;
    setExporting(true);
    setExportStatus('正在生成导出文件…');
    try {
      setExportStatus(`导出文件“${await downloadReconciliation(query)}”已开始下载。`);
    } catch (error) {
      setExportStatus(`导出未能完成：${errorMessage(error)}`);
    } finally {
      setExporting(false);
    }
  }

  return (
    <>
      <ErrorSummary errors={errors.errors} />
      <Form<Values>
        form={form}
        name={formName}
        layout="vertical"
        className="filter-form"
        requiredMark={false}
        initialValues={{ regionCode: home, year: String(currentYear()) }}
        onFinishFailed={errors.onFinishFailed}
        onFinish={(v) => {
          errors.clear();
          setQuery({ regionCode: v.regionCode, year: Number(v.year.trim()) });
          focusSoon(() => result.current);
        }}
      >
        <Form.Item name="regionCode" label="区域" rules={[{ required: true, message: '请选择区域' }]}>
          <RegionPicker root={root} emptyLabel="请选择" emptyDisabled />
        </Form.Item>
        <Form.Item
          name="year"
          label="年度"
          rules={[requiredText('请填写年度'), { pattern: /^\s*\d{4}\s*$/, message: '年度为 4 位数字，例如 2026' }]}
        >
          <Input inputMode="numeric" autoComplete="off" maxLength={4} />
        </Form.Item>
        <div className="button-row">
          <Button type="primary" htmlType="submit" loading={report.isFetching}>
            对账
          </Button>
        </div>
      </Form>
      <p
        ref={result}
        tabIndex={-1}
        role="status"
        className={data ? (data.balanced ? 'reconciliation-result' : 'reconciliation-result is-unbalanced') : 'list-status'}
      >
        {report.isFetching ? '正在对账…' : data ? resultText(data) : ''}
      </p>
      {report.isError && <Alert type="error" role="alert" showIcon title={errorMessage(report.error)} />}
      {data && !report.isFetching && (
        <>
          <div className="toolbar">
            <Button htmlType="button" icon={<DownloadOutlined aria-hidden />} loading={exporting} onClick={() => void runExport()}>
              导出对账报告（Excel）
            </Button>
            <span role="status" className="export-status">
              {exportStatus}
            </span>
          </div>
          <p>
            生成时间：{formatDateTime(data.generatedAt)}。合计：{positionText(data.totals)}。
          </p>
          <section aria-labelledby="recon-funds-heading">
            <h2 id="recon-funds-heading">各资金台账汇总</h2>
            <DetailTable
              caption={`${data.regionName} ${data.year} 年度各资金台账汇总`}
              headers={['资金', '类别', '预算下达', '审定占用', '释放占用', '支付', '冲销', '已审定未支付', '已付净额', '可用余额']}
              empty="该区域该年度没有资金。"
              rows={data.funds.map((f) => ({
                key: f.id,
                cells: [
                  <Link key="name" to={`/funds/${f.id}`}>
                    {f.fundName}（{f.fundCode}）
                  </Link>,
                  fundKindLabels[f.fundKind],
                  formatFen(f.sums.budget),
                  formatFen(f.sums.commitment),
                  formatFen(f.sums.release),
                  formatFen(f.sums.payment),
                  formatFen(f.sums.reversal),
                  formatFen(f.position.committedFen),
                  formatFen(f.position.paidFen),
                  formatFen(f.position.availableFen),
                ],
              }))}
            />
          </section>
          <section aria-labelledby="recon-checks-heading">
            <h2 id="recon-checks-heading">交叉核对（应全部为零）</h2>
            <DetailTable
              caption="各核对项的不符数"
              headers={['核对项', '不符数', '结果']}
              empty="没有核对项。"
              rows={data.checks.map((c) => ({
                key: c.check,
                cells: [reconciliationCheckLabels[c.check], String(c.count), c.count === 0 ? '通过' : '不通过'],
              }))}
            />
          </section>
          {data.discrepancies.length > 0 && (
            <section aria-labelledby="recon-rows-heading">
              <h2 id="recon-rows-heading">不符明细</h2>
              <DetailTable
                caption={`不符明细（共 ${data.discrepancies.length} 处）`}
                headers={['核对项', '记录', '资金编码', '申领编号', '支付批次', '说明']}
                empty="没有不符。"
                rows={data.discrepancies.map((d) => ({
                  key: `${d.check}-${d.subjectId}`,
                  cells: [
                    reconciliationCheckLabels[d.check],
                    subjectLink(d),
                    d.fundCode ?? '—',
                    d.claimNo ?? '—',
                    d.batchNo ?? '—',
                    d.detail,
                  ],
                }))}
              />
            </section>
          )}
        </>
      )}
    </>
  );
}
