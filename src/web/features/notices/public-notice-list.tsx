import './notices.css';
import { Alert, Button } from 'antd';
import { Link, useSearchParams } from 'react-router';
import { noticeKindLabels, noticeKinds, type NoticeKind } from '../../../shared/domain/notice-rules';
import { LoadingState } from '../../components/loading-state';
import { errorMessage } from '../../lib/use-form-errors';
import { formatNoticeTime } from './notice-format';
import { usePublicNotices } from './use-notices';

const pageSize = 20;

function isKind(value: string | null): value is NoticeKind {
  return (noticeKinds as readonly string[]).includes(value ?? '');
}

/** Notices on notice now, by kind. The kind and page live in the address, so a link can be shared. */
export function PublicNoticeList() {
  const [params, setParams] = useSearchParams();
  const kindParam = params.get('kind');
  const kind = isKind(kindParam) ? kindParam : undefined;
  const page = Math.max(1, Number(params.get('page')) || 1);
  const { data, isPending, isError, error } = usePublicNotices(kind, page, pageSize);
  const pages = data ? Math.max(1, Math.ceil(data.total / pageSize)) : 1;
  const kindLinks: { kind: NoticeKind | undefined; label: string }[] = [
    { kind: undefined, label: '全部' },
    ...noticeKinds.map((k) => ({ kind: k, label: noticeKindLabels[k] })),
  ];

  function goTo(nextPage: number) {
    const next = new URLSearchParams(params);
    next.set('page', String(nextPage));
    setParams(next);
  }

  return (
    <>
      <nav aria-label="公示类型" className="notice-kind-nav">
        <ul>
          {kindLinks.map((link) => (
            <li key={link.label}>
              <Link to={link.kind ? `?kind=${link.kind}` : '?'} aria-current={link.kind === kind ? 'page' : undefined}>
                {link.label}
              </Link>
            </li>
          ))}
        </ul>
      </nav>
      {isPending && <LoadingState label="正在加载公示…" />}
      {isError && <Alert type="error" role="alert" showIcon title={errorMessage(error)} />}
      {data && (
        <>
          <p role="status">
            {kind ? noticeKindLabels[kind] : '全部类型'}：正在公示 {data.total} 项
          </p>
          {data.items.length === 0 ? (
            <p>目前没有正在公示的事项。</p>
          ) : (
            <ul className="notice-list">
              {data.items.map((notice) => (
                <li key={notice.id} className="notice-item">
                  <h2>
                    <Link to={`/public/notices/${notice.id}`}>{notice.title}</Link>
                  </h2>
                  <dl className="notice-facts">
                    <dt>类型</dt>
                    <dd>{noticeKindLabels[notice.kind]}</dd>
                    <dt>地区</dt>
                    <dd>{notice.regionName}</dd>
                    <dt>公示截止</dt>
                    <dd>{formatNoticeTime(notice.endsAt)}</dd>
                    <dt>状态</dt>
                    <dd className={`notice-status notice-status-${notice.status}`}>{notice.statusLabel}</dd>
                  </dl>
                </li>
              ))}
            </ul>
          )}
          {pages > 1 && (
            <div className="notice-pager">
              <Button htmlType="button" disabled={page <= 1} onClick={() => goTo(page - 1)}>
                上一页
              </Button>
              <span>
                第 {page} 页，共 {pages} 页
              </span>
              <Button htmlType="button" disabled={page >= pages} onClick={() => goTo(page + 1)}>
                下一页
              </Button>
            </div>
          )}
        </>
      )}
    </>
  );
}
