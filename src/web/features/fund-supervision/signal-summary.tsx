import { Link } from 'react-router';
import type { FraudSignal } from '../../../shared/contracts/fund-supervision-contracts';

/** Where a subject of a signal is read: a claim or class on its money trail, a person or institution on its page. */
export function subjectPath(subject: FraudSignal['subjects'][number]): string {
  switch (subject.type) {
    case 'claim':
      return `/subsidies/trail/claims/${subject.id}`;
    case 'class':
      return `/subsidies/trail/classes/${subject.id}`;
    case 'person':
      return `/persons/${subject.id}`;
    case 'institution':
      return `/institutions/${subject.id}`;
  }
}

const subjectTypeLabels: Record<FraudSignal['subjects'][number]['type'], string> = {
  claim: '申领',
  person: '学员',
  class: '培训班',
  institution: '机构',
};

/** A signal's subjects as links, each named by its type so the link text says where it goes. */
export function SignalSubjects({ signal }: { signal: FraudSignal }) {
  return (
    <ul className="signal-subjects">
      {signal.subjects.map((s) => (
        <li key={`${s.type}:${s.id}`}>
          <Link to={subjectPath(s)}>
            {subjectTypeLabels[s.type]} {s.label}
          </Link>
        </li>
      ))}
    </ul>
  );
}

/** The latest review of a signal in one sentence. */
export function reviewText(signal: FraudSignal): string {
  const r = signal.review;
  if (!r) return '尚未核查。';
  const at = new Date(r.reviewedAt).toLocaleString('zh-CN', { timeZone: 'Asia/Shanghai', hour12: false });
  return `最近核查：${r.decisionLabel}（${r.reviewedBy ?? '—'}，${at}）。意见：${r.comment}`;
}
