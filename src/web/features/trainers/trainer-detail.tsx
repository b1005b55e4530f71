import '../persons/persons.css';
import './trainers.css';
import { EditOutlined } from '@ant-design/icons';
import { Alert } from 'antd';
import { useState } from 'react';
import { Link, useLocation } from 'react-router';
import { type TrainerDetail, unmaskTrainer } from '../../../shared/contracts/trainers-contracts';
import { sexLabels } from '../../../shared/domain/person-codes';
import {
  qualificationKindLabels,
  trainerEngagementLabels,
  trainerInstitutionRoleLabels,
  trainerStatusLabels,
} from '../../../shared/domain/trainer-codes';
import { apiCall } from '../../lib/api-client';
import { formatDateTime } from '../../lib/formatters';
import { useCurrentUser, userCan } from '../auth/use-session';
import { DetailList } from '../../components/detail-list';
import { DetailTable } from '../../components/detail-table';
import { Tabs } from '../../components/tabs';
import { UnmaskValue } from '../../components/unmask-value';
import { MayTeachChecker } from './may-teach-checker';
import { RotationBadge } from './rotation-badge';
import { listOrDash, sourcesText } from './trainer-labels';
import { TrainerRotations } from './trainer-rotations';

export interface TrainerLocationState {
  /** a short confirmation to show once, e.g. after saving */
  notice?: string;
}

type TabKey = 'profile' | 'qualifications' | 'institutions' | 'rotations' | 'mayTeach';

function Profile({ trainer, canUnmask }: { trainer: TrainerDetail; canUnmask: boolean }) {
  const unmask = (field: 'idNumber' | 'phone') => (
    <UnmaskValue
      fieldName={field === 'idNumber' ? '身份证号' : '联系电话'}
      ownerName={trainer.name}
      masked={field === 'idNumber' ? trainer.idNumber : trainer.phone}
      canUnmask={canUnmask}
      reveal={async (reason) => (await apiCall(unmaskTrainer, { params: { id: trainer.id }, body: { field, reason } })).value}
    />
  );
  return (
    <DetailList
      rows={[
        ['姓名', trainer.name],
        ['性别', sexLabels[trainer.sex]],
        ['出生日期', trainer.birthDate],
        ['身份证号', unmask('idNumber')],
        ['联系电话', unmask('phone')],
        ['登记县区', trainer.countyName],
        ['来源类别', sourcesText(trainer.sources)],
        ['专职/兼职', trainerEngagementLabels[trainer.engagement]],
        ['授课职业（工种）', listOrDash(trainer.occupations)],
        ['入库日期', trainer.joinedOn],
        ['在库状态', trainer.leftOn ? `${trainerStatusLabels[trainer.status]}（${trainer.leftOn}）` : trainerStatusLabels[trainer.status]],
        ['五年轮训', <RotationBadge key="rotation" rotation={trainer.rotation} />],
        ['残疾人实名库', trainer.personId ? <Link to={`/persons/${trainer.personId}`}>查看关联的残疾人登记</Link> : '未关联'],
        ['备注', trainer.remarks ?? '—'],
        ['更新时间', formatDateTime(trainer.updatedAt)],
      ]}
    />
  );
}

export function TrainerDetailView({ trainer }: { trainer: TrainerDetail }) {
  const user = useCurrentUser();
  const location = useLocation();
  const notice = (location.state as TrainerLocationState | null)?.notice;
  const [tab, setTab] = useState<TabKey>('profile');
  const canWrite = userCan(user, 'trainers.write');

  return (
    <>
      {notice && <Alert type="success" showIcon role="status" title={notice} className="page-notice" />}
      <div className="toolbar">
        {canWrite && (
          <Link to={`/trainers/${trainer.id}/edit`} className="link-button is-primary">
            <EditOutlined aria-hidden /> 修改信息
          </Link>
        )}
        <Link to="/trainers" className="link-button">
          返回师资列表
        </Link>
      </div>
      <Tabs<TabKey>
        label="师资信息"
        active={tab}
        onChange={setTab}
        items={[
          { key: 'profile', label: '基本信息', content: <Profile trainer={trainer} canUnmask={userCan(user, 'trainers.unmask')} /> },
          {
            key: 'qualifications',
            label: `证书与资质（${trainer.qualifications.length}）`,
            content: (
              <DetailTable
                caption="证书与资质"
                headers={['证书名称', '类别', '等级', '职业（工种）', '证书编号', '发证机构', '发证日期', '有效期至']}
                empty="尚未登记证书与资质。"
                rows={trainer.qualifications.map((q) => ({
                  key: q.id,
                  cells: [
                    q.title,
                    qualificationKindLabels[q.kind],
                    q.level ?? '—',
                    q.occupation ?? '—',
                    q.serialNumber ?? '—',
                    q.issuer ?? '—',
                    q.issuedOn ?? '—',
                    q.expiresOn ?? '长期',
                  ],
                }))}
              />
            ),
          },
          {
            key: 'institutions',
            label: `所在机构（${trainer.institutions.length}）`,
            content: (
              <DetailTable
                caption="所在机构"
                headers={['培训机构', '承担角色', '起始日期', '截止日期']}
                empty="尚未登记所在机构。"
                rows={trainer.institutions.map((i) => ({
                  key: i.id,
                  cells: [i.institutionName, trainerInstitutionRoleLabels[i.role], i.fromOn, i.toOn ?? '至今'],
                }))}
              />
            ),
          },
          {
            key: 'rotations',
            label: `轮训记录（${trainer.rotations.length}）`,
            content: <TrainerRotations trainer={trainer} canRecord={userCan(user, 'trainers.rotation')} />,
          },
          { key: 'mayTeach', label: '能否授课', content: <MayTeachChecker trainerId={trainer.id} /> },
        ]}
      />
    </>
  );
}
