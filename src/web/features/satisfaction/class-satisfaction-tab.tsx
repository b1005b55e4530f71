import './satisfaction.css';
import { Alert, Button } from 'antd';
import { useRef, useState } from 'react';
import { currentSurvey, surveyScale, surveyScaleLabels } from '../../../shared/domain/satisfaction-survey';
import { DetailList } from '../../components/detail-list';
import { DetailTable } from '../../components/detail-table';
import { LoadingState } from '../../components/loading-state';
import { focusSoon } from '../../lib/focus-soon';
import { errorMessage } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import type { ClassTabProps } from '../classes/class-tab-props';
import { SurveyForm } from './survey-form';
import { useAssistedRoster, useClassSatisfaction, useSurveyMutations } from './use-satisfaction';

// highest first, as the questionnaire shows them
const scaleHigh = [...surveyScale].reverse();
const score = (n: number | null) => (n === null ? '—' : `${n.toFixed(2)} 分`);

/** A training officer enters the answers with a trainee beside them (代为填写), one roster line at a time. */
function AssistedEntry({ classId, onAnswered }: { classId: string; onAnswered: (message: string) => void }) {
  const roster = useAssistedRoster(classId, true);
  const { answerAssisted } = useSurveyMutations();
  const [line, setLine] = useState<{ enrolmentId: string; name: string } | null>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);

  if (roster.isPending) return <LoadingState label="正在加载学员名单…" />;
  if (roster.isError) return <Alert type="error" role="alert" showIcon title={errorMessage(roster.error)} />;
  const { open, notOpenReason, items } = roster.data;
  return (
    <section aria-labelledby="assisted-heading">
      <h3 id="assisted-heading">代为填写</h3>
      <p>学员需要帮助时，可以陪同学员一起填写。请把题目读给学员听，按学员自己的意思选择。</p>
      {!open ? (
        <p>现在还不能评价。{notOpenReason}</p>
      ) : line ? (
        <>
          <h4 ref={formHeading} tabIndex={-1}>
            陪同 {line.name} 填写
          </h4>
          <SurveyForm
            survey={{
              version: currentSurvey.version,
              questions: currentSurvey.questions.map((q) => ({ key: q.key, text: q.text, label: q.label })),
              scale: surveyScale.map((value) => ({ value, label: surveyScaleLabels[value] })),
              commentMax: currentSurvey.commentMax,
            }}
            idPrefix={`assisted-${line.enrolmentId}`}
            headingLevel={4}
            submitting={answerAssisted.isPending}
            onCancel={() => setLine(null)}
            onSubmit={async (body) => {
              await answerAssisted.mutateAsync({ classId, enrolmentId: line.enrolmentId, body });
              setLine(null);
              onAnswered(`已代 ${line.name} 提交满意度评价。`);
            }}
          />
        </>
      ) : (
        <DetailTable
          caption="在册学员的评价情况（不显示答案）"
          headers={['学员', '评价情况', '操作']}
          empty="没有在册学员。"
          rows={items.map((item) => ({
            key: item.enrolmentId,
            cells: [
              item.name,
              item.answered ? '已评价' : '未评价',
              item.answered ? (
                '—'
              ) : (
                <Button
                  htmlType="button"
                  onClick={() => {
                    setLine({ enrolmentId: item.enrolmentId, name: item.name });
                    focusSoon(() => formHeading.current);
                  }}
                >
                  代为填写<span className="visually-hidden">：{item.name}</span>
                </Button>
              ),
            ],
          }))}
        />
      )}
    </section>
  );
}

/** The class's satisfaction results (anonymous): figures, per-question table with counts, comments. */
export function ClassSatisfactionTab({ classId, isInstitution }: ClassTabProps) {
  const user = useCurrentUser();
  const result = useClassSatisfaction(classId);
  const [notice, setNotice] = useState('');
  const status = useRef<HTMLParagraphElement>(null);
  const mayAssist = !isInstitution && userCan(user, 'satisfaction.answer');

  return (
    <section aria-labelledby="class-satisfaction-heading">
      <h2 id="class-satisfaction-heading">满意度评价</h2>
      <p ref={status} role="status" tabIndex={-1} className="list-status">
        {notice}
      </p>
      {result.isPending ? (
        <LoadingState />
      ) : result.isError ? (
        <Alert type="error" role="alert" showIcon title={errorMessage(result.error)} />
      ) : (
        <>
          <div className="satisfaction-figures">
            <DetailList
              rows={[
                ['在册学员', `${result.data.enrolled} 人`],
                [
                  '已评价',
                  `${result.data.responses} 人${result.data.responseRate === null ? '' : `（回收率 ${result.data.responseRate}%）`}${
                    result.data.assisted > 0 ? `，其中陪同填写 ${result.data.assisted} 人` : ''
                  }`,
                ],
                ['总体平均', result.data.overallAverage === null ? '还没有评价' : `${score(result.data.overallAverage)}（满分 5 分）`],
              ]}
            />
          </div>
          {result.data.responses === 0 ? (
            <p>还没有学员评价。培训班结束后，学员可以在手机上评价。</p>
          ) : (
            <DetailTable
              caption="各题评价结果：平均分和选择各项的人数"
              headers={['题目', '平均分', ...scaleHigh.map((s) => surveyScaleLabels[s])]}
              empty="还没有学员评价。"
              rows={result.data.questions.map((q) => ({
                key: q.key,
                cells: [q.text, score(q.average), ...scaleHigh.map((s) => `${q.distribution[s - 1] ?? 0} 人`)],
              }))}
            />
          )}
          <h3>学员意见（匿名）</h3>
          {result.data.comments.length === 0 ? (
            <p>没有学员填写意见。</p>
          ) : (
            <ul className="satisfaction-comments">
              {result.data.comments.map((c, i) => (
                <li key={i}>
                  {c.text}（{c.submittedOn}）
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {mayAssist && (
        <AssistedEntry
          classId={classId}
          onAnswered={(message) => {
            setNotice(message);
            focusSoon(() => status.current);
          }}
        />
      )}
    </section>
  );
}
