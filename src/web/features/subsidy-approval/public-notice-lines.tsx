import { Alert } from 'antd';
import { formatFen } from '../../../shared/domain/class-codes';
import { ScrollTable } from '../../components/detail-table';
import { LoadingState } from '../../components/loading-state';
import { errorMessage } from '../../lib/use-form-errors';
import { usePublicNoticeLines } from './use-subsidy-approval';

/** The lines of a subsidy list on public notice: masked names only, the line numbers objections refer to. */
export function PublicNoticeLines({ noticeId }: { noticeId: string }) {
  const { data, isPending, isError, error } = usePublicNoticeLines(noticeId, true);
  if (isPending) return <LoadingState label="正在加载公示名单…" />;
  if (isError || !data) return <Alert type="error" role="alert" showIcon title={errorMessage(error)} />;
  return (
    <section aria-labelledby="subsidy-lines-title">
      <h2 id="subsidy-lines-title">公示名单</h2>
      <p>
        共 {data.lines.length} 人，合计 {formatFen(data.totalFen)}。姓名已隐去部分，对某一行有异议的，请在异议中填写该行的行号。
      </p>
      <ScrollTable
        caption={`${data.countyName}职业培训补贴公示名单 ${data.listNo}`}
        headers={['行号', '姓名', '培训机构', '培训班', '职业（工种）', '等级', '补贴金额', '培训年度']}
      >
        {data.lines.map((line) => (
          <tr key={line.lineNo}>
            <th scope="row">{line.lineNo}</th>
            <td>
              <span aria-label={line.spokenName}>{line.maskedName}</span>
            </td>
            <td>{line.institutionName}</td>
            <td>{line.className}</td>
            <td>{line.occupation}</td>
            <td>{line.skillLevelLabel}</td>
            <td>{formatFen(line.amountFen)}</td>
            <td>{line.trainingYear}</td>
          </tr>
        ))}
      </ScrollTable>
    </section>
  );
}
