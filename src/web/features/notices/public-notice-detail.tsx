import './notices.css';
import { Alert } from 'antd';
import { Link } from 'react-router';
import { noticeKindLabels } from '../../../shared/domain/notice-rules';
import { LoadingState } from '../../components/loading-state';
import { PageHeader } from '../../components/page-header';
import { errorMessage } from '../../lib/use-form-errors';
import { formatPeriod } from './notice-format';
import { ObjectionForm } from './objection-form';
import { PublicNoticeLines } from '../subsidy-approval/public-notice-lines';
import { usePublicNotice } from './use-notices';

/** One notice as the public reads it, with the objection form while objections are accepted. */
export function PublicNoticeDetail({ id }: { id: string }) {
  const { data: notice, isPending, isError, error, refetch } = usePublicNotice(id);
  if (isPending) return <LoadingState label="正在加载公示…" />;
  if (isError || !notice) {
    return (
      <>
        <PageHeader title="公示详情" />
        <Alert type="error" role="alert" showIcon title={errorMessage(error)} />
        <p>
          <Link to="/public/notices">返回公示列表</Link>
        </p>
      </>
    );
  }
  return (
    <>
      <PageHeader title={notice.title} description={<Link to="/public/notices">返回公示列表</Link>} />
      <dl className="notice-facts">
        <dt>类型</dt>
        <dd>{noticeKindLabels[notice.kind]}</dd>
        <dt>地区</dt>
        <dd>{notice.regionName}</dd>
        <dt>公示期</dt>
        <dd>{formatPeriod(notice.startsAt, notice.endsAt)}</dd>
        <dt>状态</dt>
        <dd className={`notice-status notice-status-${notice.status}`}>{notice.statusLabel}</dd>
      </dl>
      <h2>公示内容</h2>
      <p className="notice-summary">{notice.summary}</p>
      {notice.kind === 'subsidy_list' && notice.status !== 'withdrawn' && <PublicNoticeLines noticeId={notice.id} />}
      {notice.acceptsObjections ? (
        <ObjectionForm notice={notice} formToken={notice.formToken} onStaleToken={() => void refetch()} />
      ) : (
        <Alert
          type="info"
          showIcon
          title="这条公示现在不受理异议"
          description="公示期已结束或公示已撤回。如有意见，可拨打页面上方的培训监督电话。"
        />
      )}
    </>
  );
}
