import { Button } from 'antd';
import { type ReactNode, useState } from 'react';
import { type ClassDetail, type ClassTrainerView, classTrainerRoleLabels } from '../../../shared/contracts/classes-contracts';
import { classTrainingTypeLabels, formatFen, periodCodeLabels, venueFeatureLabels } from '../../../shared/domain/class-codes';
import { accommodationLabels, type AccommodationNeed } from '../../../shared/domain/person-codes';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { DetailList } from '../../components/detail-list';
import { DetailTable } from '../../components/detail-table';
import { formatDateTime } from '../../lib/formatters';
import { errorMessage } from '../../lib/use-form-errors';
import { chinaDateTime } from '../../lib/formatters';
import { weekdayLabel } from './class-form-values';
import { dateRange, ReviewDue } from './class-labels';
import { useClassMutations } from './use-classes';

const listOrNone = (items: string[]) => (items.length > 0 ? items.join('、') : '未填写');

/** 概况: the application as filed, its trainers (with may-teach answers and waivers) and its schedule. */
export function ClassOverview({ detail, onDone }: { detail: ClassDetail; onDone: (message: string) => void }) {
  return (
    <>
      <h2>概况</h2>
      <DetailList
        rows={[
          ['培训项目', `${detail.programmeName}（${detail.programmeCode}）`],
          ['培训类型', classTrainingTypeLabels[detail.trainingType]],
          ['承办机构', `${detail.institutionName}（${detail.countyName}）`],
          ['举办基地', detail.venueBaseName ?? '不在挂牌基地举办'],
          ['培训日期', dateRange(detail.startsOn, detail.endsOn)],
          ['培训期限', periodCodeLabels[detail.periodCode]],
          ['培训年度', `${detail.trainingYear} 年`],
          ['学时', `${detail.hours} 学时`],
          ['培训地点', `${detail.venueAddress}（${detail.venueRegionName}）`],
          ['场地无障碍情况', listOrNone(detail.venueFeatures.map((f) => venueFeatureLabels[f]))],
          ['场地说明', detail.venueNotes ?? '—'],
          ['计划人数', `${detail.plannedSize} 人`],
          ['已录取 / 待审核报名', `${detail.counts.enrolled} 人 / ${detail.counts.applied} 人`],
          ['预算', formatFen(detail.budgetFen)],
          ['本班提供的便利服务', listOrNone(detail.accommodationsOffered.map((a) => accommodationLabels[a as AccommodationNeed] ?? a))],
          ['结业考核日期', detail.examOn ?? '未定'],
          ['合格标准', `考核成绩不低于 ${detail.passScore} 分，且出勤率不低于 ${detail.attendanceThreshold}%`],
          ['开班申请提交时间', detail.submittedAt ? formatDateTime(detail.submittedAt) : '尚未提交'],
          ['开班审核到期', <ReviewDue key="due" dueOn={detail.reviewDueOn} overdue={detail.status === 'submitted' && detail.overdue} />],
          ...(detail.completionSubmittedAt
            ? ([
                ['结业审核提交时间', formatDateTime(detail.completionSubmittedAt)],
                [
                  '结业审核到期',
                  <ReviewDue
                    key="completion-due"
                    dueOn={detail.completionReviewDueOn}
                    overdue={detail.status === 'completion_submitted' && detail.overdue}
                  />,
                ],
              ] as [string, ReactNode][])
            : []),
          ['备注', detail.remarks ?? '—'],
        ]}
      />
      <TrainersTable detail={detail} onDone={onDone} />
      <h3>课程表</h3>
      <DetailTable
        caption={`课程表（${detail.sessions.length} 个课次，北京时间）`}
        headers={['课次', '日期', '时间', '课程内容', '授课师资']}
        empty="尚未安排课次。"
        rows={detail.sessions.map((s) => {
          const start = chinaDateTime(s.startsAt);
          return {
            key: s.id,
            cells: [
              `第 ${s.seq} 次`,
              `${start.date}（${weekdayLabel(start.date)}）`,
              `${start.time}–${chinaDateTime(s.endsAt).time}`,
              s.topic,
              s.trainerName ?? '未指定',
            ],
          };
        })}
      />
    </>
  );
}

function TrainersTable({ detail, onDone }: { detail: ClassDetail; onDone: (message: string) => void }) {
  const { waive, removeWaiver } = useClassMutations();
  const [asking, setAsking] = useState<ClassTrainerView | null>(null);
  const [failure, setFailure] = useState('');

  const actions = (t: ClassTrainerView) => {
    if (!detail.canWaive) return '—';
    if (t.waiver) {
      return (
        <Button
          htmlType="button"
          size="small"
          aria-label={`撤销 ${t.name} 的授课特许`}
          onClick={() => {
            setFailure('');
            removeWaiver
              .mutateAsync({ id: detail.id, trainerId: t.trainerId })
              .then(() => onDone(`已撤销 ${t.name} 在本班的授课特许。`))
              .catch((error: unknown) => setFailure(errorMessage(error)));
          }}
        >
          撤销特许
        </Button>
      );
    }
    if (t.mayTeach.allowed) return '—';
    return (
      <Button htmlType="button" size="small" aria-label={`为 ${t.name} 记录授课特许`} onClick={() => setAsking(t)}>
        记录特许…
      </Button>
    );
  };

  return (
    <>
      <h3>授课师资</h3>
      {failure && (
        <p role="alert" className="command-failure">
          {failure}
        </p>
      )}
      <DetailTable
        caption={`授课师资（能否授课按开班日 ${detail.startsOn} 判断）`}
        headers={['姓名', '承担工作', '开班日能否授课', '授课特许', '操作']}
        empty="尚未填写授课师资。"
        rows={detail.trainers.map((t) => ({
          key: t.trainerId,
          cells: [
            t.name,
            classTrainerRoleLabels[t.role],
            <span key="may">
              <strong>{t.mayTeach.allowed ? '可以授课' : '不能授课'}</strong>：{t.mayTeach.reason}
            </span>,
            t.waiver ? `已特许：${t.waiver.reason}（${t.waiver.by ?? '—'}，${formatDateTime(t.waiver.at)}）` : '无',
            actions(t),
          ],
        }))}
      />
      <ConfirmReasonModal
        open={asking !== null}
        title={asking ? `记录授课特许：${asking.name}` : ''}
        description={asking ? `${asking.name}：${asking.mayTeach.reason}。记录特许后，该师资可以在本班授课。` : undefined}
        confirmText="记录特许"
        onConfirm={async (reason) => {
          const trainer = asking!;
          await waive.mutateAsync({ id: detail.id, trainerId: trainer.trainerId, reason });
          setAsking(null);
          onDone(`已为 ${trainer.name} 记录本班授课特许。`);
        }}
        onCancel={() => setAsking(null)}
      />
    </>
  );
}
