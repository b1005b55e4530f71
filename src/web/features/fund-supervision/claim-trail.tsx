import { Alert } from 'antd';
import { Link } from 'react-router';
import type { ClaimTrail } from '../../../shared/contracts/fund-supervision-contracts';
import { useCurrentUser, userCan } from '../auth/use-session';
import { reviewText, SignalSubjects } from './signal-summary';
import { TrailLinks } from './trail-links';
import { downloadClaimTrailDocument, useClaimSignals } from './use-fund-supervision';

/** The fraud signals touching this claim, as an alert with the explanations in text (staff only). */
function ClaimSignals({ claimId }: { claimId: string }) {
  const signals = useClaimSignals(claimId, true);
  if (!signals.data) return null;
  if (signals.data.items.length === 0) return <p className="trail-signals-none">没有涉及本申领的疑点线索。</p>;
  return (
    <Alert
      type="warning"
      showIcon
      className="trail-signals"
      title={`涉及本申领的疑点线索 ${signals.data.items.length} 条`}
      description={
        <ul>
          {signals.data.items.map((s) => (
            <li key={s.key}>
              <strong>{s.label}：</strong>
              {s.explanation} {reviewText(s)}
              <SignalSubjects signal={s} />
            </li>
          ))}
        </ul>
      }
    />
  );
}

export function ClaimTrailView({ trail }: { trail: ClaimTrail }) {
  const user = useCurrentUser();
  const missing = trail.links.filter((l) => !l.present);
  return (
    <div className="money-trail">
      {userCan(user, 'fraud_signals.read') && <ClaimSignals claimId={trail.claimId} />}
      <p>
        申领 {trail.claimNo}（学员 {trail.traineeMasked}，{trail.statusLabel}）。
        {missing.length === 0 ? '全部 10 个环节均已具备。' : `缺失的环节：${missing.map((l) => l.label).join('、')}。`}
      </p>
      <p className="trail-nav">
        <Link to={`/subsidies/claims/${trail.claimId}`}>返回申领详情</Link>
        {' · '}
        <Link to={`/subsidies/trail/classes/${trail.classId}`}>查看本班的资金流向</Link>
      </p>
      <TrailLinks links={trail.links} download={(fileId) => downloadClaimTrailDocument(trail.claimId, fileId)} />
    </div>
  );
}
