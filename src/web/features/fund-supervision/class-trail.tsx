import '../persons/persons.css';
import './fund-supervision.css';
import { Link } from 'react-router';
import type { ClassTrail } from '../../../shared/contracts/fund-supervision-contracts';
import { formatFen } from '../../../shared/domain/class-codes';
import { completionResultLabels } from '../../../shared/domain/class-completion';
import { DetailList } from '../../components/detail-list';
import { ScrollTable } from '../../components/detail-table';
import { DocumentLinks } from '../../components/document-links';
import { downloadClassTrailDocument } from './use-fund-supervision';

/** A class's money: its facts and documents, each trainee's line from attendance to payment, and the totals against the budget. */
export function ClassTrailView({ trail }: { trail: ClassTrail }) {
  const { totals } = trail;
  return (
    <div className="money-trail">
      <p className="trail-nav">
        <Link to={`/classes/${trail.classId}`}>返回培训班详情</Link>
      </p>
      <ol className="trail-links">
        <li className="trail-link">
          <section aria-labelledby="class-facts">
            <h2 id="class-facts">1. 培训班</h2>
            <DetailList rows={trail.facts.map((f) => [f.label, f.value])} />
            <div className="trail-documents">
              <h3>材料</h3>
              <DocumentLinks documents={trail.documents} download={(fileId) => downloadClassTrailDocument(trail.classId, fileId)} />
            </div>
          </section>
        </li>
        <li className="trail-link">
          <section aria-labelledby="class-trainees">
            <h2 id="class-trainees">2. 学员与补贴</h2>
            {trail.rows.length === 0 ? (
              <p>本班没有在册学员。</p>
            ) : (
              <ScrollTable
                caption={`${trail.classNo} 在册学员 ${trail.rows.length} 人`}
                headers={['学员', '出勤率', '考核成绩', '结业结论', '证书编号', '申领', '申领状态', '申领金额', '已支付', '已冲正']}
              >
                {trail.rows.map((r) => (
                  <tr key={r.enrolmentId}>
                    <th scope="row">{r.traineeMasked}</th>
                    <td>{r.attendanceRate === null ? '—' : `${r.attendanceRate}%（${r.attended}/${r.sessions}）`}</td>
                    <td>{r.examScore ?? '—'}</td>
                    <td>{r.completionResult ? completionResultLabels[r.completionResult] : '尚无结论'}</td>
                    <td>{r.certificateNo ?? '无证书'}</td>
                    <td>{r.claimId ? <Link to={`/subsidies/trail/claims/${r.claimId}`}>{r.claimNo} 的资金流向</Link> : '未申领'}</td>
                    <td>{r.claimStatusLabel ?? '—'}</td>
                    <td>{r.amountFen === null ? '—' : formatFen(r.amountFen)}</td>
                    <td>{formatFen(r.paidFen)}</td>
                    <td>{formatFen(r.reversedFen)}</td>
                  </tr>
                ))}
              </ScrollTable>
            )}
          </section>
        </li>
        <li className={totals.overBudget ? 'trail-link trail-link-missing' : 'trail-link'}>
          <section aria-labelledby="class-totals">
            <h2 id="class-totals">3. 合计与预算对照</h2>
            <p className="trail-state">
              {totals.overBudget ? <strong className="trail-warning">超出预算：{trail.budgetComparison}</strong> : trail.budgetComparison}
            </p>
            <DetailList
              rows={[
                ['申领合计', formatFen(totals.claimedFen)],
                ['审定合计', formatFen(totals.approvedFen)],
                ['支付合计', formatFen(totals.paidFen)],
                ['冲正合计', formatFen(totals.reversedFen)],
                ['净支付', formatFen(totals.netPaidFen)],
                ['班级预算', formatFen(trail.budgetFen)],
              ]}
            />
          </section>
        </li>
      </ol>
    </div>
  );
}
