import './satisfaction.css';
import { Alert } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import { PageHeader } from '../../components/page-header';
import { LoadingState } from '../../components/loading-state';
import { focusSoon } from '../../lib/focus-soon';
import { errorMessage } from '../../lib/use-form-errors';
import { formatDateTime } from '../../lib/formatters';
import { SurveyForm } from './survey-form';
import { useMySurvey, useSurveyMutations } from './use-satisfaction';

/** The trainee's survey of one class, on their phone: the questions, a check step, then thanks. */
export function MySurvey({ classId }: { classId: string }) {
  const survey = useMySurvey(classId);
  const { answerMine } = useSurveyMutations();
  const [thanked, setThanked] = useState(false);
  const thanks = useRef<HTMLHeadingElement>(null);

  if (survey.isPending) return <LoadingState />;
  if (survey.isError) {
    return (
      <>
        <PageHeader title="培训满意度评价" />
        <Alert type="error" role="alert" showIcon title={errorMessage(survey.error)} />
        <p>
          <Link to="/my/classes">回到我的培训班</Link>
        </p>
      </>
    );
  }
  const data = survey.data;
  const description = `${data.className}（${data.institutionName}，${data.startsOn} 至 ${data.endsOn}）`;

  if (thanked) {
    return (
      <>
        <PageHeader title="培训满意度评价" description={description} />
        <div role="status">
          <h2 ref={thanks} tabIndex={-1} className="survey-thanks">
            谢谢您的评价！
          </h2>
          <p>您的评价已经收到。您的名字不会和答案一起给别人看。</p>
        </div>
        <p>
          <Link to="/my/classes">回到我的培训班</Link>
        </p>
      </>
    );
  }

  return (
    <>
      <PageHeader title="培训满意度评价" description={description} />
      {data.answered ? (
        <>
          <p role="status">您已经评价过这个培训班了（{formatDateTime(data.answeredAt)}），谢谢您！</p>
          <p>
            <Link to="/my/classes">回到我的培训班</Link>
          </p>
        </>
      ) : !data.open ? (
        <>
          <p role="status">现在还不能评价。{data.notOpenReason}</p>
          <p>
            <Link to="/my/classes">回到我的培训班</Link>
          </p>
        </>
      ) : (
        <>
          <p>
            一共 {data.survey.questions.length}{' '}
            个问题，每题选一个最符合您想法的答案。没有时间限制，可以慢慢填。填完后会先让您检查一遍，再提交。
          </p>
          <p>如果需要别人帮忙，可以请培训机构或残联的工作人员陪您一起填。</p>
          <SurveyForm
            survey={data.survey}
            idPrefix="my-survey"
            submitting={answerMine.isPending}
            onSubmit={async (body) => {
              await answerMine.mutateAsync({ classId, body });
              setThanked(true);
              focusSoon(() => thanks.current);
            }}
          />
        </>
      )}
    </>
  );
}
