import './satisfaction.css';
import { Button } from 'antd';
import { type FormEvent, useRef, useState } from 'react';
import type { SurveyAnswerInput, SurveyView } from '../../../shared/contracts/satisfaction-contracts';
import { ErrorSummary, type SummaryError } from '../../components/error-summary';
import { ApiError } from '../../lib/api-client';
import { focusSoon } from '../../lib/focus-soon';
import { errorMessage } from '../../lib/use-form-errors';

interface SurveyFormProps {
  survey: SurveyView;
  /** keeps ids apart when two forms could be on one page */
  idPrefix: string;
  /** heading level of the check step: h2 on the trainee's page, deeper inside a tab */
  headingLevel?: 2 | 3 | 4;
  /** sends the answers; throws what the request throws */
  onSubmit: (body: SurveyAnswerInput) => Promise<void>;
  submitting: boolean;
  onCancel?: () => void;
}

/**
 * The questionnaire: one fieldset per question with the scale in words (largest target the whole
 * line), then a check-your-answers step before anything is sent. No time limit; nothing is sent
 * until the person confirms.
 */
export function SurveyForm({ survey, idPrefix, headingLevel = 2, onSubmit, submitting, onCancel }: SurveyFormProps) {
  const [answers, setAnswers] = useState<Record<string, number>>({});
  const [comment, setComment] = useState('');
  const [step, setStep] = useState<'answer' | 'check'>('answer');
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [missing, setMissing] = useState<Set<string>>(new Set());
  const checkHeading = useRef<HTMLHeadingElement>(null);
  const total = survey.questions.length;
  const fieldsetId = (key: string) => `${idPrefix}-q-${key}`;
  const scaleLabel = (value: number | undefined) => survey.scale.find((s) => s.value === value)?.label ?? '未回答';
  // the kindest answer first: people read from the top and stop at the one that fits
  const options = [...survey.scale].sort((a, b) => b.value - a.value);
  const Heading = (['h2', 'h3', 'h4'] as const)[headingLevel - 2]!;

  function goCheck(event: FormEvent) {
    event.preventDefault();
    const unanswered = survey.questions.filter((q) => answers[q.key] === undefined);
    setMissing(new Set(unanswered.map((q) => q.key)));
    if (unanswered.length > 0) {
      setErrors(
        unanswered.map((q) => ({
          message: `第 ${survey.questions.indexOf(q) + 1} 题还没有选：${q.text}`,
          fieldId: fieldsetId(q.key),
        })),
      );
      return;
    }
    setErrors([]);
    setStep('check');
    focusSoon(() => checkHeading.current);
  }

  function change(key: string) {
    setStep('answer');
    setErrors([]);
    // the checked answer of that question, or its first one
    focusSoon(
      () =>
        document.querySelector<HTMLInputElement>(`#${fieldsetId(key)} input:checked`) ??
        document.querySelector<HTMLInputElement>(`#${fieldsetId(key)} input`),
    );
  }

  async function send() {
    setErrors([]);
    try {
      await onSubmit({ surveyVersion: survey.version, answers, comment: comment.trim() || null });
    } catch (error) {
      if (error instanceof ApiError && error.issues.length > 0) {
        setErrors(error.issues.map((i) => ({ message: `${i.label}：${i.message}` })));
      } else {
        setErrors([{ message: errorMessage(error) }]);
      }
    }
  }

  if (step === 'check') {
    return (
      <section className="survey" aria-labelledby={`${idPrefix}-check`}>
        <Heading id={`${idPrefix}-check`} ref={checkHeading} tabIndex={-1}>
          请检查您的答案
        </Heading>
        <p>答案没问题就点“提交评价”。提交以后就不能再改了。</p>
        <ErrorSummary errors={errors} title="没有提交成功" />
        <dl className="survey-check">
          {survey.questions.map((q, i) => (
            <div key={q.key} className="survey-check-row">
              <dt>
                第 {i + 1} 题：{q.text}
              </dt>
              <dd>
                <strong>{scaleLabel(answers[q.key])}</strong>
                <Button type="link" htmlType="button" onClick={() => change(q.key)}>
                  修改<span className="visually-hidden">第 {i + 1} 题</span>
                </Button>
              </dd>
            </div>
          ))}
          <div className="survey-check-row">
            <dt>想说的话</dt>
            <dd>
              {comment.trim() || '没有填写'}
              <Button
                type="link"
                htmlType="button"
                onClick={() => {
                  setStep('answer');
                  focusSoon(() => document.getElementById(`${idPrefix}-comment`));
                }}
              >
                修改<span className="visually-hidden">想说的话</span>
              </Button>
            </dd>
          </div>
        </dl>
        <div className="button-row survey-actions">
          <Button type="primary" size="large" htmlType="button" loading={submitting} onClick={() => void send()}>
            提交评价
          </Button>
          <Button size="large" htmlType="button" onClick={() => change(survey.questions[0]!.key)}>
            返回修改
          </Button>
        </div>
      </section>
    );
  }

  return (
    <form className="survey" noValidate onSubmit={goCheck} aria-label="满意度问卷">
      <ErrorSummary errors={errors} title="还有题目没有回答" />
      {survey.questions.map((q, i) => {
        const errorId = `${fieldsetId(q.key)}-error`;
        const isMissing = missing.has(q.key) && answers[q.key] === undefined;
        return (
          <fieldset key={q.key} id={fieldsetId(q.key)} className="survey-question" aria-describedby={isMissing ? errorId : undefined}>
            <legend>
              <span className="survey-question-number">
                第 {i + 1} 题（共 {total} 题）
              </span>
              <span className="survey-question-text">{q.text}</span>
            </legend>
            {isMissing && (
              <p id={errorId} className="inline-error">
                请选一个答案
              </p>
            )}
            <div className="survey-options">
              {options.map((s) => {
                const id = `${fieldsetId(q.key)}-${s.value}`;
                return (
                  <label key={s.value} htmlFor={id} className="survey-option">
                    <input
                      id={id}
                      type="radio"
                      name={`${idPrefix}-${q.key}`}
                      value={s.value}
                      checked={answers[q.key] === s.value}
                      onChange={() => setAnswers((a) => ({ ...a, [q.key]: s.value }))}
                    />
                    <span>{s.label}</span>
                  </label>
                );
              })}
            </div>
          </fieldset>
        );
      })}
      <div className="survey-comment">
        <label htmlFor={`${idPrefix}-comment`}>还有什么想说的？（可以不填）</label>
        <textarea
          id={`${idPrefix}-comment`}
          rows={4}
          maxLength={survey.commentMax}
          value={comment}
          onChange={(event) => setComment(event.target.value)}
        />
      </div>
      <div className="button-row survey-actions">
        <Button type="primary" size="large" htmlType="submit">
          下一步：检查答案
        </Button>
        {onCancel && (
          <Button size="large" htmlType="button" onClick={onCancel}>
            取消
          </Button>
        )}
      </div>
    </form>
  );
}
