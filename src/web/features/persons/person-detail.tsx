import './persons.css';
import { EditOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { PersonDetail as Person } from '../../../shared/contracts/persons-contracts';
import { formatDateTime } from '../../lib/formatters';
import { useCurrentUser, userCan } from '../auth/use-session';
import { DetailTable } from '../../components/detail-table';
import { changeKindLabels, changeSourceText, fieldListText, indexRegions, useProvinceTree } from './person-labels';
import { PersonConsents } from './person-consents';
import { PersonEmployment } from './person-employment';
import { MergedNotice, PersonNeeds, PersonProfile } from './person-profile';
import { Tabs } from '../../components/tabs';
import { PersonTrainingHistory } from '../enrolment/person-training-history';

export interface DetailLocationState {
  /** a short confirmation to show once, e.g. after saving (no personal data: history keeps it) */
  notice?: string;
}

type TabKey = 'profile' | 'needs' | 'consents' | 'employment' | 'training' | 'changes';

export function PersonDetailView({ person }: { person: Person }) {
  const user = useCurrentUser();
  const location = useLocation();
  const notice = (location.state as DetailLocationState | null)?.notice;
  const regions = indexRegions(useProvinceTree());
  const [tab, setTab] = useState<TabKey>('profile');
  const canWrite = userCan(user, 'persons.write') && person.status === 'active';
  const canUnmask = userCan(user, 'persons.unmask');

  return (
    <>
      {notice && <Alert type="success" showIcon role="status" title={notice} className="page-notice" />}
      <MergedNotice person={person} />
      {canWrite && (
        <div className="toolbar">
          <Link to={`/persons/${person.id}/edit`} className="link-button is-primary">
            <EditOutlined aria-hidden /> 修改信息
          </Link>
          <Link to="/persons" className="link-button">
            返回人员列表
          </Link>
        </div>
      )}
      {!canWrite && (
        <p>
          <Link to="/persons">返回人员列表</Link>
        </p>
      )}
      <Tabs<TabKey>
        label="人员信息"
        active={tab}
        onChange={setTab}
        items={[
          { key: 'profile', label: '基本信息', content: <PersonProfile person={person} regions={regions} canUnmask={canUnmask} /> },
          { key: 'needs', label: '需求与便利', content: <PersonNeeds person={person} /> },
          {
            key: 'consents',
            label: `同意记录（${person.consents.length}）`,
            content: <PersonConsents person={person} canWrite={canWrite} />,
          },
          {
            key: 'employment',
            label: '就业经历',
            content: <PersonEmployment person={person} canWrite={canWrite} />,
          },
          // training history (issue 5, area C: enrolment); only rendered when open, so it loads on demand
          { key: 'training', label: '培训经历', content: tab === 'training' && <PersonTrainingHistory personId={person.id} /> },
          {
            key: 'changes',
            label: '变更记录',
            content: (
              <DetailTable
                caption="变更记录"
                headers={['时间', '变更类型', '变更项目', '操作人', '来源']}
                empty="暂无变更记录。"
                rows={person.changes.map((change, index) => ({
                  key: `${change.changedAt}-${index}`,
                  cells: [
                    formatDateTime(change.changedAt),
                    changeKindLabels[change.kind] ?? change.kind,
                    fieldListText(change.fields),
                    change.actorName ?? '系统',
                    changeSourceText(change.source),
                  ],
                }))}
              />
            ),
          },
        ]}
      />
    </>
  );
}
