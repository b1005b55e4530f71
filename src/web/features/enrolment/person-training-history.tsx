import { Alert } from 'antd';
import { Link } from 'react-router';
import type { TrainingHistoryItem } from '../../../shared/contracts/enrolment-contracts';
import { skillLevelLabels } from '../../../shared/domain/catalogue-codes';
import { classTrainingTypeLabels } from '../../../shared/domain/class-codes';
import { enrolmentStatusLabels } from '../../../shared/domain/class-enrolment';
import { classStatusLabels } from '../../../shared/domain/class-status';
import { DetailTable } from '../../components/detail-table';
import { LoadingState } from '../../components/loading-state';
import { errorMessage } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import { useTrainingHistory } from './use-enrolment';

function attendanceText(item: TrainingHistoryItem): string {
  if (!item.attendance || item.attendance.total === 0) return '—';
  return `${item.attendance.rate}%（${item.attendance.attended}/${item.attendance.total} 次）`;
}

function examText(item: TrainingHistoryItem): string {
  if (item.examAbsent) return '缺考';
  return item.examScore === null ? '—' : `${item.examScore} 分`;
}

function certificateText(item: TrainingHistoryItem): string {
  if (!item.certificate) return '—';
  const c = item.certificate;
  return c.status === 'valid' ? `${c.certificateNo}（有效，${c.issuedOn} 发证）` : `${c.certificateNo}（已撤销：${c.revokedReason ?? ''}）`;
}

/** A person's training history on their detail page: every class, attendance, exam, certificates. */
export function PersonTrainingHistory({ personId }: { personId: string }) {
  const user = useCurrentUser();
  const history = useTrainingHistory(personId);
  const canOpenClass = userCan(user, 'classes.read');

  if (history.isPending) return <LoadingState />;
  if (history.isError) return <Alert type="error" role="alert" showIcon title={errorMessage(history.error)} />;
  const { items, skillCertificates } = history.data;

  return (
    <>
      <h2>培训经历</h2>
      <DetailTable
        caption={`参加的培训班（${items.length} 个）`}
        headers={[
          '培训班',
          '培训机构',
          '培训项目',
          '培训类型',
          '培训日期',
          '班级状态',
          '学员状态',
          '出勤率',
          '考核成绩',
          '结业',
          '培训合格证书',
        ]}
        empty="没有参加培训班的记录。"
        rows={items.map((item) => ({
          key: item.enrolmentId,
          cells: [
            canOpenClass ? (
              <Link key="class" to={`/classes/${item.classId}`}>
                {item.className}（{item.classNo}）
              </Link>
            ) : (
              `${item.className}（${item.classNo}）`
            ),
            item.institutionName,
            `${item.programmeName}（${item.programmeCode}）`,
            classTrainingTypeLabels[item.trainingType],
            `${item.startsOn} 至 ${item.endsOn}`,
            classStatusLabels[item.classStatus],
            item.statusReason ? `${enrolmentStatusLabels[item.status]}（${item.statusReason}）` : enrolmentStatusLabels[item.status],
            attendanceText(item),
            examText(item),
            item.completionResult === 'passed' ? '合格' : item.completionResult === 'failed' ? '不合格' : '—',
            certificateText(item),
          ],
        }))}
      />
      <DetailTable
        caption={`职业技能等级证书（${skillCertificates.length} 本）`}
        headers={['证书编号', '等级', '职业（工种）', '发证日期', '发证机构', '相关培训班']}
        empty="没有职业技能等级证书记录。"
        rows={skillCertificates.map((c) => ({
          key: c.id,
          cells: [c.certificateNo, skillLevelLabels[c.level], c.occupation, c.issuedOn, c.issuer, c.classNo ?? '—'],
        }))}
      />
    </>
  );
}
