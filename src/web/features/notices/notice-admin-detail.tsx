import './notices.css';
import { Alert, Button, Space } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import type { StaffObjection } from '../../../shared/contracts/notices-contracts';
import {
  isUndecided,
  noticeKindLabels,
  noticeStatusLabels,
  objectionDecisionLabels,
  type ObjectionDecision,
  objectionStatusLabels,
} from '../../../shared/domain/notice-rules';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { errorMessage } from '../../lib/use-form-errors';
import { formatNoticeTime, formatPeriod } from './notice-format';
import { useDecideObjection, useNotice, useWithdrawNotice } from './use-notices';

type Pending = { kind: 'decide'; objection: StaffObjection; decision: ObjectionDecision } | { kind: 'withdraw' } | null;

const decisionHelp: Record<ObjectionDecision, string> = {
  uphold: '异议成立：公示事项不予通过，立即生效，不能撤销。处理意见会告知异议人（凭查询码查看）。',
  dismiss: '异议不成立：如公示期已满且没有其他待处理异议，公示事项随即生效。处理意见会告知异议人（凭查询码查看）。',
};

/** Staff: one notice and its objections; decide each objection with a reason, or withdraw the notice. */
export function NoticeAdminDetail({ id }: { id: string }) {
  const { data: notice, isPending, isError, error } = useNotice(id);
  const decide = useDecideObjection(id);
  const withdraw = useWithdrawNotice(id);
  const [pending, setPending] = useState<Pending>(null);
  const [done, setDone] = useState<string | null>(null);

  if (isPending) return <LoadingState label="正在加载公示…" />;
  if (isError || !notice) {
    return (
      <>
        <PageHeader title="公示详情" />
        <Alert type="error" role="alert" showIcon title={errorMessage(error)} />
        <p>
          <Link to="/notices">返回公示列表</Link>
        </p>
      </>
    );
  }

  const undecided = isUndecided(notice.status);
  return (
    <>
      <PageHeader
        title={notice.title}
        description={
          <Space wrap size={[16, 4]}>
            <Link to="/notices">返回公示列表</Link>
            <Link to={`/public/notices/${notice.id}`}>查看公开页面上的这条公示</Link>
          </Space>
        }
      />
      {done && <Alert type="success" role="status" showIcon title={done} className="modal-alert" />}
      <dl className="notice-facts">
        <dt>类型</dt>
        <dd>{noticeKindLabels[notice.kind]}</dd>
        <dt>区域</dt>
        <dd>{notice.regionName}</dd>
        <dt>公示期</dt>
        <dd>{formatPeriod(notice.startsAt, notice.endsAt)}</dd>
        <dt>状态</dt>
        <dd className={`notice-status notice-status-${notice.status}`}>{noticeStatusLabels[notice.status]}</dd>
        {notice.settledAt && (
          <>
            <dt>办结时间</dt>
            <dd>{formatNoticeTime(notice.settledAt)}</dd>
          </>
        )}
        <dt>异议</dt>
        <dd>{notice.totalObjections === 0 ? '无' : `共 ${notice.totalObjections} 条，待处理 ${notice.pendingObjections} 条`}</dd>
      </dl>
      <h2>公示内容</h2>
      <p className="notice-summary">{notice.summary}</p>
      {notice.canHandle && undecided && (
        <div className="notice-actions">
          <Button htmlType="button" danger onClick={() => setPending({ kind: 'withdraw' })}>
            撤回公示
          </Button>
        </div>
      )}
      <h2>异议（{notice.objections.length} 条）</h2>
      {notice.objections.length === 0 && <p>没有收到异议。</p>}
      {notice.objections.map((o, index) => (
        <article key={o.id} className="objection-card" aria-labelledby={`objection-${o.id}`}>
          <h3 id={`objection-${o.id}`}>
            第 {index + 1} 条：{objectionStatusLabels[o.status]}
          </h3>
          <dl className="notice-facts">
            <dt>提交时间</dt>
            <dd>{formatNoticeTime(o.filedAt)}</dd>
            <dt>查询码</dt>
            <dd>{o.lookupCode}</dd>
            <dt>异议人</dt>
            <dd>
              {o.anonymous ? (
                '匿名'
              ) : (
                <>
                  {o.filerName ?? '—'}
                  {o.filerContact && (
                    <>
                      ，联系方式 <span aria-label={o.filerContact.spoken}>{o.filerContact.text}</span>
                    </>
                  )}
                </>
              )}
            </dd>
            {notice.kind === 'subsidy_list' && (
              <>
                <dt>针对的行</dt>
                <dd>{o.lineNo === null ? '整份名单' : `名单第 ${o.lineNo} 行（异议成立只暂停该行的申领）`}</dd>
              </>
            )}
            <dt>异议内容</dt>
            <dd className="objection-content">{o.content}</dd>
            {o.status !== 'pending' && (
              <>
                <dt>处理意见</dt>
                <dd className="objection-content">{o.decisionReason}</dd>
                <dt>处理人</dt>
                <dd>
                  {o.decidedByName ?? '—'}，{formatNoticeTime(o.decidedAt ?? '')}
                </dd>
              </>
            )}
          </dl>
          {o.status === 'pending' && notice.canHandle && (
            <div className="notice-actions">
              {(['uphold', 'dismiss'] as const).map((decision) => (
                <Button
                  key={decision}
                  htmlType="button"
                  danger={decision === 'uphold'}
                  aria-label={`${objectionDecisionLabels[decision]}：第 ${index + 1} 条异议`}
                  onClick={() => setPending({ kind: 'decide', objection: o, decision })}
                >
                  {objectionDecisionLabels[decision]}
                </Button>
              ))}
            </div>
          )}
        </article>
      ))}
      <ConfirmReasonModal
        open={pending?.kind === 'decide'}
        title={
          pending?.kind === 'decide'
            ? `${objectionDecisionLabels[pending.decision]}（第 ${notice.objections.indexOf(pending.objection) + 1} 条异议）`
            : ''
        }
        description={pending?.kind === 'decide' ? decisionHelp[pending.decision] : undefined}
        confirmText={pending?.kind === 'decide' ? `确认${objectionDecisionLabels[pending.decision]}` : '确认'}
        danger={pending?.kind === 'decide' && pending.decision === 'uphold'}
        onCancel={() => setPending(null)}
        onConfirm={async (reason) => {
          if (pending?.kind !== 'decide') return;
          const detail = await decide.mutateAsync({ objectionId: pending.objection.id, body: { decision: pending.decision, reason } });
          setPending(null);
          setDone(`已处理：${objectionDecisionLabels[pending.decision]}。公示状态：${noticeStatusLabels[detail.status]}`);
        }}
      />
      <ConfirmReasonModal
        open={pending?.kind === 'withdraw'}
        title="撤回公示"
        description="撤回后公示停止，不再受理异议，公示事项退回经办模块。"
        confirmText="确认撤回"
        danger
        onCancel={() => setPending(null)}
        onConfirm={async (reason) => {
          await withdraw.mutateAsync(reason);
          setPending(null);
          setDone('公示已撤回');
        }}
      />
    </>
  );
}
