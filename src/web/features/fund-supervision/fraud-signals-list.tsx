import '../persons/persons.css';
import './fund-supervision.css';
import { Button, Form } from 'antd';
import { useRef, useState } from 'react';
import type { FraudSignal } from '../../../shared/contracts/fund-supervision-contracts';
import { fraudSignalKindLabels, fraudSignalKinds, type FraudSignalKind } from '../../../shared/domain/fraud-signals';
import { NativeSelect } from '../../components/native-select';
import { ListStatus, useAnnouncer } from '../../components/paged-list';
import { focusSoon } from '../../lib/focus-soon';
import { useCurrentUser, userCan } from '../auth/use-session';
import { ReviewSignalModal } from './review-signal-modal';
import { reviewText, SignalSubjects } from './signal-summary';
import { useFraudSignals, useReviewSignal } from './use-fund-supervision';

/** The fraud signals of the viewer's scope, grouped by kind with counts; reviewers record their conclusion on each. */
export function FraudSignalsList() {
  const user = useCurrentUser();
  const mayReview = userCan(user, 'fraud_signals.review');
  const [kind, setKind] = useState<FraudSignalKind | ''>('');
  const query = useFraudSignals(kind ? { kind } : {});
  const review = useReviewSignal();
  const [reviewing, setReviewing] = useState<FraudSignal | null>(null);
  const trigger = useRef<HTMLElement | null>(null);
  const { message, announce, statusLine } = useAnnouncer();
  const data = query.data;
  const total = data ? data.items.length : 0;
  const summary = data
    ? `共 ${total} 条疑点线索${kind ? `（${fraudSignalKindLabels[kind]}）` : ''}：${data.counts.map((c) => `${c.label} ${c.count} 条`).join('，')}。`
    : '';

  return (
    <>
      <Form layout="vertical" className="signal-filter" onFinish={() => undefined}>
        <Form.Item label="疑点类别" htmlFor="signal-kind">
          <NativeSelect
            id="signal-kind"
            value={kind}
            onChange={(value) => setKind(value as FraudSignalKind | '')}
            options={[{ value: '', label: '全部' }, ...fraudSignalKinds.map((k) => ({ value: k, label: fraudSignalKindLabels[k] }))]}
          />
        </Form.Item>
      </Form>
      <ListStatus ref={statusLine} query={query} text={message || summary} />
      {data && (
        <details className="signal-rules">
          <summary>提示规则</summary>
          <ul>
            {data.rules.map((rule) => (
              <li key={rule}>{rule}</li>
            ))}
          </ul>
        </details>
      )}
      {data &&
        fraudSignalKinds
          .filter((k) => !kind || k === kind)
          .map((k) => {
            const items = data.items.filter((s) => s.kind === k);
            return (
              <section key={k} className="signal-group" aria-labelledby={`signals-${k}`}>
                <h2 id={`signals-${k}`}>
                  {fraudSignalKindLabels[k]}（{items.length} 条）
                </h2>
                {items.length === 0 ? (
                  <p>没有此类疑点线索。</p>
                ) : (
                  <ul className="signal-list">
                    {items.map((s, index) => (
                      <li key={s.key} className="signal-item">
                        <h3>
                          {fraudSignalKindLabels[k]} 第 {index + 1} 条（{s.regionName}）
                        </h3>
                        <p id={`signal-${k}-${index}`}>{s.explanation}</p>
                        <SignalSubjects signal={s} />
                        <p>{reviewText(s)}</p>
                        {mayReview && (
                          <Button
                            htmlType="button"
                            aria-describedby={`signal-${k}-${index}`}
                            onClick={(event) => {
                              trigger.current = event.currentTarget;
                              setReviewing(s);
                            }}
                          >
                            记录核查结论（{fraudSignalKindLabels[k]} 第 {index + 1} 条）
                          </Button>
                        )}
                      </li>
                    ))}
                  </ul>
                )}
              </section>
            );
          })}
      <ReviewSignalModal
        signal={reviewing}
        onCancel={() => setReviewing(null)}
        onSubmit={async (decision, comment) => {
          if (!reviewing) return;
          const saved = await review.mutateAsync({ signalKey: reviewing.key, decision, comment });
          setReviewing(null);
          announce(`已保存核查结论：${saved.review?.decisionLabel ?? ''}。${saved.label}：${saved.explanation}`);
        }}
        afterClose={() => {
          if (!message) focusSoon(() => trigger.current);
        }}
      />
    </>
  );
}
