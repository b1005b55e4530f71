import '../persons/persons.css';
import './institutions.css';
import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Modal, Tag } from 'antd';
import { type ReactNode, useState } from 'react';
import { Link, useLocation } from 'react-router';
import type { InstitutionDetail } from '../../../shared/contracts/institutions-contracts';
import {
  accessibilityFeatureLabels,
  accessibilityFeatures,
  institutionAllows,
  institutionKindLabels,
  institutionStatusLabels,
} from '../../../shared/domain/institution-codes';
import { noticeStatusLabels } from '../../../shared/domain/notice-rules';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { formatDateTime } from '../../lib/formatters';
import { errorMessage } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import { DetailList } from '../../components/detail-list';
import { DetailTable } from '../../components/detail-table';
import { fieldListText } from '../persons/person-labels';
import { type TabItem, Tabs } from '../../components/tabs';
import { InstitutionAccounts } from './institution-accounts';
import { historyActionLabels, statusTagClass } from './institution-labels';
import { useInstitutionMutations } from './use-institutions';

export interface InstitutionLocationState {
  /** a short confirmation to show once, e.g. after saving */
  notice?: string;
}

type TabKey = 'profile' | 'accessibility' | 'occupations' | 'accounts' | 'history';

export function StatusTag({ status }: { status: InstitutionDetail['status'] }) {
  return <Tag className={statusTagClass[status]}>{institutionStatusLabels[status]}</Tag>;
}

function NoticeState({ institution }: { institution: InstitutionDetail }) {
  const user = useCurrentUser();
  const { notice } = institution;
  if (!notice) return <p>尚未提交公示。登记信息核对无误后，点击“提交公示”；公示期满无异议后机构生效。</p>;
  return (
    <DetailList
      rows={[
        ['公示状态', noticeStatusLabels[notice.status]],
        ['公示开始', formatDateTime(notice.startsAt)],
        ['公示截止', formatDateTime(notice.endsAt)],
        ['办结时间', notice.settledAt ? formatDateTime(notice.settledAt) : '尚未办结'],
        ['公示详情', userCan(user, 'notices.read') ? <Link to={`/notices/${notice.id}`}>查看公示与异议</Link> : '由县区残联处理异议'],
      ]}
    />
  );
}

/**
 * One institution in tabs. `own`: the institution's own account is looking (我的机构), so the
 * federation's actions are not offered and the accounts tab is for its admin.
 */
export function InstitutionDetailView({
  institution,
  own = false,
  institutionAdmin = false,
  profileEditor,
}: {
  institution: InstitutionDetail;
  own?: boolean;
  institutionAdmin?: boolean;
  /** 我的机构: the form the institution edits its own profile with */
  profileEditor?: ReactNode;
}) {
  const user = useCurrentUser();
  const location = useLocation();
  const notice = (location.state as InstitutionLocationState | null)?.notice;
  const [tab, setTab] = useState<TabKey>('profile');
  const [dialog, setDialog] = useState<'submit' | 'close' | null>(null);
  const [submitError, setSubmitError] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const mutations = useInstitutionMutations();
  const canWrite = !own && userCan(user, 'institutions.write');
  const showAccounts = own ? institutionAdmin : userCan(user, 'institution_accounts.manage');

  async function submitForNotice() {
    setSubmitError(null);
    try {
      const saved = await mutations.submit.mutateAsync({ id: institution.id, version: institution.version });
      setDialog(null);
      setMessage(`已提交公示，公示截止 ${formatDateTime(saved.notice?.endsAt)}。`);
    } catch (error) {
      setSubmitError(errorMessage(error));
    }
  }

  const items: TabItem<TabKey>[] = [
    {
      key: 'profile',
      label: '基本信息',
      content: (
        <DetailList
          rows={[
            ['机构名称', institution.name],
            ['机构类型', institutionKindLabels[institution.kind]],
            ['统一社会信用代码', <span className="number-cell">{institution.creditCode}</span>],
            ['所在县区', institution.countyName],
            ['详细地址', institution.address],
            ['联系人', institution.contactName],
            ['联系电话', institution.contactPhone],
            ['状态', <StatusTag status={institution.status} />],
            ['备注', institution.remarks ?? '无'],
            ['登记时间', formatDateTime(institution.createdAt)],
            ['最近更新', formatDateTime(institution.updatedAt)],
          ]}
        />
      ),
    },
    {
      key: 'accessibility',
      label: '场所无障碍',
      content: (
        <>
          <h2 className="tab-heading">具备的设施与服务</h2>
          {institution.accessibility.length ? (
            <ul>
              {accessibilityFeatures
                .filter((f) => institution.accessibility.includes(f))
                .map((f) => (
                  <li key={f}>{accessibilityFeatureLabels[f]}</li>
                ))}
            </ul>
          ) : (
            <p>尚未填写。</p>
          )}
          <h2 className="tab-heading">说明</h2>
          <p>{institution.accessibilityNote ?? '无'}</p>
        </>
      ),
    },
    {
      key: 'occupations',
      label: `开设职业（${institution.occupations.length}）`,
      content: institution.occupations.length ? (
        <ul>
          {institution.occupations.map((o) => (
            <li key={o}>{o}</li>
          ))}
        </ul>
      ) : (
        <p>尚未填写开设的职业（工种）。</p>
      ),
    },
    ...(showAccounts
      ? [{ key: 'accounts' as const, label: '机构账号', content: <InstitutionAccounts institutionId={institution.id} /> }]
      : []),
    {
      key: 'history',
      label: '公示与变更记录',
      content: (
        <>
          <h2 className="tab-heading">公示</h2>
          <NoticeState institution={institution} />
          <h2 className="tab-heading">变更记录</h2>
          <DetailTable
            caption="变更记录（最新在前）"
            headers={['时间', '事项', '变更项目', '操作人', '原因']}
            empty="暂无变更记录。"
            rows={institution.history.map((h, index) => ({
              key: `${h.at}-${index}`,
              cells: [
                formatDateTime(h.at),
                historyActionLabels[h.action] ?? h.action,
                fieldListText(h.fields),
                h.actorName ?? '系统',
                h.reason ?? '—',
              ],
            }))}
          />
        </>
      ),
    },
  ];

  return (
    <>
      {notice && !message && <Alert type="success" showIcon role="status" title={notice} className="page-notice" />}
      {message && <Alert type="success" showIcon role="status" title={message} className="page-notice" />}
      {canWrite && (
        <div className="toolbar">
          {institutionAllows(institution.status, 'edit') && (
            <Link to={`/institutions/${institution.id}/edit`} className="link-button is-primary">
              <EditOutlined aria-hidden /> 修改信息
            </Link>
          )}
          {institutionAllows(institution.status, 'submit') && (
            <Button htmlType="button" onClick={() => setDialog('submit')}>
              提交公示
            </Button>
          )}
          {institutionAllows(institution.status, 'close') && (
            <Button htmlType="button" danger onClick={() => setDialog('close')}>
              注销机构
            </Button>
          )}
        </div>
      )}
      {!own && (
        <p>
          <Link to="/institutions">返回培训机构列表</Link>
        </p>
      )}
      {profileEditor}
      <Tabs<TabKey> label="培训机构信息" active={tab} onChange={setTab} items={items} />
      <Modal
        open={dialog === 'submit'}
        title={`提交公示：${institution.name}`}
        okText="确认提交公示"
        cancelText="取消"
        okButtonProps={{ loading: mutations.submit.isPending }}
        onOk={() => void submitForNotice()}
        onCancel={() => {
          setDialog(null);
          setSubmitError(null);
        }}
        mask={{ closable: false }}
        destroyOnHidden
      >
        <p>
          提交后，机构名称、类型、统一社会信用代码、地址、开设职业和无障碍设施将向社会公示（不含联系人）。公示期间不能修改；期满无异议即生效，异议成立则不生效。
        </p>
        {submitError && <Alert type="error" role="alert" showIcon title={submitError} className="modal-alert" />}
      </Modal>
      <ConfirmReasonModal
        open={dialog === 'close'}
        title={`注销机构：${institution.name}`}
        description={<p>注销后机构不再开展培训，其全部账号立即停用并退出登录。此操作记入审计日志。</p>}
        confirmText="注销"
        danger
        onConfirm={async (reason) => {
          await mutations.close.mutateAsync({ id: institution.id, version: institution.version, reason });
          setDialog(null);
          setMessage('机构已注销，其账号已停用。');
        }}
        onCancel={() => setDialog(null)}
      />
    </>
  );
}
