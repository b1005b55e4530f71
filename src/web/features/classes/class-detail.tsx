import '../persons/persons.css';
import '../accreditation/accreditation.css';
import './classes.css';
import { Alert } from 'antd';
import { Component, type ReactNode, useEffect, useRef, useState } from 'react';
import { Link, useLocation, useSearchParams } from 'react-router';
import { type ClassDetail, downloadClassDocument } from '../../../shared/contracts/classes-contracts';
import { classCommandLabels, classStatusLabels } from '../../../shared/domain/class-status';
import type { Action } from '../../../shared/domain/permissions';
import { DetailTable } from '../../components/detail-table';
import { DocumentLinks } from '../../components/document-links';
import { type TabItem, Tabs } from '../../components/tabs';
import { downloadFile } from '../../lib/api-client';
import { focusSoon } from '../../lib/focus-soon';
import { formatDateTime } from '../../lib/formatters';
import { useCurrentUser, userCan } from '../auth/use-session';
import { ClassAttendanceTab } from '../attendance/class-attendance-tab';
import { ClassCompletionTab } from '../certificates/class-completion-tab';
import { ClassRosterTab } from '../enrolment/class-roster-tab';
import { ClassInspectionsTab } from '../inspections/class-inspections-tab';
import { ClassRecordsTab } from '../inspections/class-records-tab';
import { ClassSatisfactionTab } from '../satisfaction/class-satisfaction-tab';
import { ClassClaimsTab } from '../subsidy-claims/class-claims-tab';
import { ClassActions } from './class-actions';
import type { ClassLocationState } from './class-form';
import { ClassOverview } from './class-overview';
import type { ClassTabProps } from './class-tab-props';

type TabKey = 'overview' | 'roster' | 'attendance' | 'inspections' | 'records' | 'completion' | 'satisfaction' | 'subsidies' | 'history';

/** The tabs other areas own: who may see each (the server checks again), and its component. */
const areaTabs: {
  key: Exclude<TabKey, 'overview' | 'history'>;
  label: string;
  action: Action;
  render: (props: ClassTabProps) => ReactNode;
}[] = [
  { key: 'roster', label: '学员', action: 'classes.read', render: (p) => <ClassRosterTab {...p} /> },
  { key: 'attendance', label: '考勤', action: 'attendance.read', render: (p) => <ClassAttendanceTab {...p} /> },
  { key: 'inspections', label: '过程检查', action: 'inspections.read', render: (p) => <ClassInspectionsTab {...p} /> },
  { key: 'records', label: '台账', action: 'class_records.read', render: (p) => <ClassRecordsTab {...p} /> },
  { key: 'completion', label: '结业与证书', action: 'certificates.read', render: (p) => <ClassCompletionTab {...p} /> },
  { key: 'satisfaction', label: '满意度', action: 'satisfaction.read', render: (p) => <ClassSatisfactionTab {...p} /> },
  { key: 'subsidies', label: '补贴申领', action: 'subsidy_claims.read', render: (p) => <ClassClaimsTab {...p} /> }, // subsidy claims (issue 6, area B)
];

/** One area's tab failing to render leaves the rest of the class's page usable. */
class TabBoundary extends Component<{ label: string; children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };
  static getDerivedStateFromError() {
    return { failed: true };
  }
  override render() {
    if (this.state.failed) {
      return <Alert type="error" role="alert" showIcon title={`“${this.props.label}”暂时无法显示，请刷新页面后重试。`} />;
    }
    return this.props.children;
  }
}

/** A class's page: the status line, the steps this viewer may take, and the tabs (?tab= keeps the one open). */
export function ClassDetailView({ detail, onChanged }: { detail: ClassDetail; onChanged: () => void }) {
  const user = useCurrentUser();
  const location = useLocation();
  const [params, setParams] = useSearchParams();
  const [notice, setNotice] = useState((location.state as ClassLocationState | null)?.notice ?? '');
  const statusLine = useRef<HTMLParagraphElement>(null);
  const downloadDocument = (fileId: string) => downloadFile(downloadClassDocument, { params: { id: detail.id, fileId } });

  const visibleArea = areaTabs.filter((t) => userCan(user, t.action));
  const keys: TabKey[] = ['overview', ...visibleArea.map((t) => t.key), 'history'];
  const requested = params.get('tab');
  const active: TabKey = keys.find((k) => k === requested) ?? 'overview';
  const tabProps: ClassTabProps = {
    classId: detail.id,
    status: detail.status,
    institutionId: detail.institutionId,
    countyCode: detail.countyCode,
    isInstitution: detail.party === 'institution',
    onChanged,
  };

  // a notice brought from the form (saved) is read out first: the line takes focus from the heading
  useEffect(() => {
    if (statusLine.current?.textContent) focusSoon(() => statusLine.current);
  }, []);

  const announce = (message: string) => {
    setNotice(message);
    focusSoon(() => statusLine.current);
  };

  // only the open tab is rendered: each area's tab loads its own data when it is shown
  const items: TabItem<TabKey>[] = [
    { key: 'overview', label: '概况', content: active === 'overview' && <ClassOverview detail={detail} onDone={announce} /> },
    ...visibleArea.map((t) => ({
      key: t.key,
      label: t.label,
      content: active === t.key && <TabBoundary label={t.label}>{t.render(tabProps)}</TabBoundary>,
    })),
    {
      key: 'history',
      label: `办理记录（${detail.events.length}）`,
      content: active === 'history' && (
        <>
          <h2>办理记录</h2>
          <DetailTable
            caption="办理记录（按时间先后）"
            headers={['时间', '事项', '状态变化', '意见或说明', '附件', '办理人']}
            empty="暂无办理记录。"
            rows={detail.events.map((event, index) => ({
              key: `${event.occurredAt}-${index}`,
              cells: [
                formatDateTime(event.occurredAt),
                classCommandLabels[event.command],
                `${event.fromStatus ? classStatusLabels[event.fromStatus] : '—'} → ${classStatusLabels[event.toStatus]}`,
                event.comment ?? '—',
                <DocumentLinks key="docs" documents={event.documents} download={downloadDocument} />,
                event.actorName ?? '系统',
              ],
            }))}
          />
        </>
      ),
    },
  ];

  return (
    <>
      <p ref={statusLine} tabIndex={-1} role="status" className="list-status">
        {notice}
      </p>
      <p>
        <Link to="/classes">返回培训班列表</Link>
        {userCan(user, 'classes.review') && (
          <>
            {' · '}
            <Link to="/classes/review">返回审核队列</Link>
          </>
        )}
      </p>
      {detail.overdue && (
        <Alert
          type="warning"
          showIcon
          className="page-notice"
          title={`审核已逾期：应于 ${detail.status === 'completion_submitted' ? detail.completionReviewDueOn : detail.reviewDueOn} 前完成。`}
        />
      )}
      <ClassActions detail={detail} onDone={announce} />
      <Tabs<TabKey>
        label="培训班信息"
        active={active}
        onChange={(key) => {
          const next = new URLSearchParams(params);
          if (key === 'overview') next.delete('tab');
          else next.set('tab', key);
          setParams(next, { replace: true });
        }}
        items={items}
      />
    </>
  );
}
