import './subsidy-approval.css';
import { Alert, Button, Checkbox, Space } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import type { HeldClaim, NoticeCandidate } from '../../../shared/contracts/subsidy-approval-contracts';
import { formatFen } from '../../../shared/domain/class-codes';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { DetailTable } from '../../components/detail-table';
import { ListPagination, ListStatus, ResultsTable, useAnnouncer } from '../../components/paged-list';
import { focusSoon } from '../../lib/focus-soon';
import { formatDateTime } from '../../lib/formatters';
import { errorMessage } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import { useHeldClaims, useHeldDecision, useNoticeCandidates, useNoticeLists, usePutOnNotice } from './use-subsidy-approval';

const PAGE_SIZE = 50;

/** County: submitted claims → check the list → put it on notice (the maker). */
function PutOnNotice() {
  const [page, setPage] = useState(1);
  const [selected, setSelected] = useState<Map<string, NoticeCandidate>>(new Map());
  const [checking, setChecking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const checkHeading = useRef<HTMLHeadingElement>(null);
  const { message, announce, statusLine } = useAnnouncer();
  const query = useNoticeCandidates(page, PAGE_SIZE);
  const put = usePutOnNotice();
  const chosen = [...selected.values()];
  const total = chosen.reduce((sum, c) => sum + c.amountFen, 0);

  function toggle(item: NoticeCandidate, on: boolean) {
    setSelected((current) => {
      const next = new Map(current);
      if (on) next.set(item.id, item);
      else next.delete(item.id);
      return next;
    });
  }

  async function confirm() {
    setFailure(null);
    try {
      const list = await put.mutateAsync(chosen.map((c) => c.id));
      setSelected(new Map());
      setChecking(false);
      announce(
        `已编制名单 ${list.listNo}（${list.claimCount} 人，合计 ${formatFen(list.totalFen)}）并公示，公示至 ${formatDateTime(list.noticeEndsAt)}`,
      );
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  if (checking) {
    return (
      <section aria-labelledby="notice-check-title" className="notice-check">
        <h2 id="notice-check-title" ref={checkHeading} tabIndex={-1}>
          请核对公示名单
        </h2>
        <p>
          以下 {chosen.length} 项申领将按申领编号顺序编为名单第 1 至 {chosen.length} 行，合计 {formatFen(total)}
          。公示期间公众可以看到隐去部分的姓名、培训机构、培训班、职业等级和金额，并可对某一行提出异议。您将作为制单人，不能再审核这些申领。
        </p>
        <DetailTable
          caption="拟公示的申领"
          headers={['申领编号', '学员', '培训机构', '职业（工种）与等级', '金额']}
          rows={chosen.map((c) => ({
            key: c.id,
            cells: [c.claimNo, c.personName, c.institutionName, `${c.occupation}，${c.skillLevelLabel}`, formatFen(c.amountFen)],
          }))}
          empty="没有选择申领"
        />
        {failure && <Alert type="error" role="alert" showIcon title={failure} />}
        <Space wrap>
          <Button type="primary" htmlType="button" loading={put.isPending} onClick={() => void confirm()}>
            确认公示
          </Button>
          <Button
            htmlType="button"
            disabled={put.isPending}
            onClick={() => {
              setChecking(false);
              setFailure(null);
            }}
          >
            返回修改
          </Button>
        </Space>
      </section>
    );
  }

  return (
    <section aria-labelledby="candidates-title">
      <h2 id="candidates-title">待公示的申领</h2>
      <ListStatus
        ref={statusLine}
        query={query}
        text={message || (query.data ? `共 ${query.data.total} 项已提交的申领，已选 ${selected.size} 项` : '')}
      />
      <ResultsTable
        caption="已提交、待列入公示的申领"
        headers={['选择', '申领编号', '学员', '培训机构', '培训班', '职业（工种）与等级', '金额', '提交时间']}
        items={query.data?.items ?? []}
        busy={query.isFetching}
        empty="没有待公示的申领"
        row={(item) => (
          <>
            <td>
              <Checkbox
                checked={selected.has(item.id)}
                onChange={(event) => toggle(item, event.target.checked)}
                aria-label={`选择申领 ${item.claimNo}`}
              />
            </td>
            <th scope="row">{item.claimNo}</th>
            <td>{item.personName}</td>
            <td>{item.institutionName}</td>
            <td>{item.classNo}</td>
            <td>
              {item.occupation}，{item.skillLevelLabel}
            </td>
            <td>{formatFen(item.amountFen)}</td>
            <td>{formatDateTime(item.submittedAt)}</td>
          </>
        )}
      />
      <ListPagination label="待公示申领分页" page={page} pageSize={PAGE_SIZE} total={query.data?.total ?? 0} unit="项" onChange={setPage} />
      <Button
        type="primary"
        htmlType="button"
        onClick={() => {
          if (selected.size === 0) {
            announce('请先勾选要列入公示的申领');
            return;
          }
          setChecking(true);
          focusSoon(() => checkHeading.current);
        }}
      >
        下一步：核对名单
      </Button>
    </section>
  );
}

function NoticeLists() {
  const canReadNotices = userCan(useCurrentUser(), 'notices.read');
  const [page, setPage] = useState(1);
  const query = useNoticeLists(page, PAGE_SIZE);
  return (
    <section aria-labelledby="lists-title">
      <h2 id="lists-title">公示名单</h2>
      <ListStatus query={query} text={query.data ? `共 ${query.data.total} 份名单` : ''} />
      <ResultsTable
        caption="补贴公示名单"
        headers={['名单编号', '县区', '人数', '合计金额', '名单状态', '公示情况', '暂停办理', '制单人', '公示']}
        items={query.data?.items ?? []}
        busy={query.isFetching}
        empty="还没有公示名单"
        row={(list) => (
          <>
            <th scope="row">{list.listNo}</th>
            <td>{list.countyName}</td>
            <td>{list.claimCount}</td>
            <td>{formatFen(list.totalFen)}</td>
            <td>{list.statusLabel}</td>
            <td>
              {list.noticeStatusLabel ?? '—'}
              {list.noticeEndsAt && `，截止 ${formatDateTime(list.noticeEndsAt)}`}
            </td>
            <td>{list.heldCount} 项</td>
            <td>{list.preparedByName ?? '—'}</td>
            <td>
              {list.noticeId ? (
                <ul className="plain-links">
                  {canReadNotices && (
                    <li>
                      <Link to={`/notices/${list.noticeId}`}>处理异议（名单 {list.listNo}）</Link>
                    </li>
                  )}
                  <li>
                    <Link to={`/public/notices/${list.noticeId}`}>公众看到的公示（名单 {list.listNo}）</Link>
                  </li>
                </ul>
              ) : (
                '—'
              )}
            </td>
          </>
        )}
      />
      <ListPagination label="公示名单分页" page={page} pageSize={PAGE_SIZE} total={query.data?.total ?? 0} unit="份" onChange={setPage} />
    </section>
  );
}

/** Held claims; a county reviewer releases or rejects them (shown on the notice and the review pages). */
export function HeldClaims({ canDecide }: { canDecide: boolean }) {
  const [page, setPage] = useState(1);
  const [asking, setAsking] = useState<{ claim: HeldClaim; decision: 'release' | 'reject' } | null>(null);
  const { message, announce, statusLine } = useAnnouncer();
  const query = useHeldClaims(page, PAGE_SIZE);
  const decide = useHeldDecision();
  return (
    <section aria-labelledby="held-title">
      <h2 id="held-title">暂停办理的申领</h2>
      <p>公示期间异议成立的申领暂停办理。县区残联审核人核实后恢复办理，或作不予补贴处理。</p>
      <ListStatus ref={statusLine} query={query} text={message || (query.data ? `共 ${query.data.total} 项暂停办理` : '')} />
      <ResultsTable
        caption="异议成立、暂停办理的申领"
        headers={['申领编号', '学员', '培训机构', '金额', '名单与行号', '暂停原因', ...(canDecide ? ['办理'] : [])]}
        items={query.data?.items ?? []}
        busy={query.isFetching}
        empty="没有暂停办理的申领"
        row={(claim) => (
          <>
            <th scope="row">{claim.claimNo}</th>
            <td>{claim.personName}</td>
            <td>{claim.institutionName}</td>
            <td>{formatFen(claim.amountFen)}</td>
            <td>{claim.listNo ? `${claim.listNo}${claim.lineNo ? ` 第 ${claim.lineNo} 行` : ''}` : '—'}</td>
            <td>{claim.holdReason ?? '—'}</td>
            {canDecide && (
              <td>
                <Space wrap>
                  <Button
                    htmlType="button"
                    onClick={() => setAsking({ claim, decision: 'release' })}
                    aria-label={`恢复办理 ${claim.claimNo}`}
                  >
                    恢复办理
                  </Button>
                  <Button
                    danger
                    htmlType="button"
                    onClick={() => setAsking({ claim, decision: 'reject' })}
                    aria-label={`不予补贴 ${claim.claimNo}`}
                  >
                    不予补贴
                  </Button>
                </Space>
              </td>
            )}
          </>
        )}
      />
      <ListPagination
        label="暂停办理申领分页"
        page={page}
        pageSize={PAGE_SIZE}
        total={query.data?.total ?? 0}
        unit="项"
        onChange={setPage}
      />
      <ConfirmReasonModal
        open={asking !== null}
        title={asking ? `${asking.decision === 'release' ? '恢复办理' : '不予补贴'}：${asking.claim.claimNo}` : ''}
        description={asking && <p>暂停原因：{asking.claim.holdReason ?? '—'}。请写明核实的情况。</p>}
        confirmText={asking?.decision === 'reject' ? '确认不予补贴' : '确认恢复办理'}
        danger={asking?.decision === 'reject'}
        onConfirm={async (comment) => {
          const answer = await decide.mutateAsync({ id: asking!.claim.id, decision: asking!.decision, comment });
          setAsking(null);
          announce(`申领 ${answer.claimNo} 现为“${answer.statusLabel}”`);
        }}
        onCancel={() => setAsking(null)}
      />
    </section>
  );
}

/** The county's subsidy notice work: put claims on notice, follow the lists, decide held claims. */
export function SubsidyNotices() {
  const user = useCurrentUser();
  const canPrepare = userCan(user, 'subsidy_claims.prepare') && user.region.level === 'county';
  const canDecide = user.roles.includes('reviewer') && user.region.level === 'county';
  return (
    <>
      {canPrepare && <PutOnNotice />}
      <NoticeLists />
      <HeldClaims canDecide={canDecide} />
    </>
  );
}
