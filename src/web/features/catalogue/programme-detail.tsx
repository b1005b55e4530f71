import '../persons/persons.css';
import { Alert, Button, Modal } from 'antd';
import { useState } from 'react';
import { Link, useLocation, useNavigate } from 'react-router';
import type { ProgrammeDetail } from '../../../shared/contracts/catalogue-contracts';
import { canRetire, canRevise, canSubmit, isEditable } from '../../../shared/domain/catalogue-codes';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { formatDateTime } from '../../lib/formatters';
import { errorMessage } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import { DetailTable } from '../../components/detail-table';
import { ProgrammeStatusTag } from './catalogue-labels';
import { ProgrammeFields } from './programme-fields';
import { useCatalogueMutations } from './use-catalogue';

export interface ProgrammeLocationState {
  /** a short confirmation to show once after a change */
  notice?: string;
}

/** One programme version: its content, where it stands, what can be done next, and the versions of its chain. */
export function ProgrammeDetailView({ programme }: { programme: ProgrammeDetail }) {
  const user = useCurrentUser();
  const location = useLocation();
  const navigate = useNavigate();
  const mutations = useCatalogueMutations();
  const notice = (location.state as ProgrammeLocationState | null)?.notice;
  const [confirmSubmit, setConfirmSubmit] = useState(false);
  const [retiring, setRetiring] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const canWrite = userCan(user, 'catalogue.write') && programme.writable;
  const latest = programme.history[0]?.id === programme.id;

  async function revise() {
    setFailure(null);
    try {
      const draft = await mutations.revise.mutateAsync(programme.id);
      void navigate(`/catalogue/${draft.id}/edit`, { state: { notice: `已建立第 ${draft.edition} 版草稿，修改后提交公示。` } });
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  async function submit() {
    setFailure(null);
    try {
      await mutations.submit.mutateAsync(programme.id);
      setConfirmSubmit(false);
      void navigate(`/catalogue/${programme.id}`, { replace: true, state: { notice: '已提交公示，公示期满无异议后生效。' } });
    } catch (error) {
      setConfirmSubmit(false);
      setFailure(errorMessage(error));
    }
  }

  return (
    <>
      {notice && <Alert type="success" showIcon role="status" title={notice} className="page-notice" />}
      {failure && <Alert type="error" showIcon role="alert" title={failure} className="page-notice" />}
      <p>
        状态：
        <ProgrammeStatusTag status={programme.status} />
        {programme.effectiveFrom && ` 自 ${programme.effectiveFrom} 起施行`}
        {programme.effectiveTo && `，至 ${programme.effectiveTo} 止`}
      </p>
      {programme.status === 'on_notice' && programme.notice && (
        <Alert
          type="info"
          showIcon
          title={`公示中：${formatDateTime(programme.notice.startsAt)} 至 ${formatDateTime(programme.notice.endsAt)}。公示期满无异议后自动生效${programme.edition > 1 ? '，并替代现行版本' : ''}。`}
          description={
            <>
              <Link to={`/public/notices/${programme.notice.id}`}>查看公开的公示页面</Link>
              {userCan(user, 'notices.read') && (
                <>
                  {' · '}
                  <Link to={`/notices/${programme.notice.id}`}>公示与异议处理</Link>
                </>
              )}
            </>
          }
          className="page-notice"
        />
      )}
      {programme.status === 'refused' && programme.refusalReason && (
        <Alert type="warning" showIcon title={`公示未通过：${programme.refusalReason}`} className="page-notice" />
      )}
      {programme.status === 'retired' && programme.retiredReason && (
        <Alert type="warning" showIcon title={`已停用：${programme.retiredReason}`} className="page-notice" />
      )}
      <div className="toolbar">
        {canWrite && isEditable(programme.status) && (
          <Link to={`/catalogue/${programme.id}/edit`} className="link-button is-primary">
            修改草稿
          </Link>
        )}
        {canWrite && canSubmit(programme.status) && (
          <Button htmlType="button" onClick={() => setConfirmSubmit(true)}>
            提交公示
          </Button>
        )}
        {canWrite && latest && canRevise(programme.status) && (
          <Button htmlType="button" loading={mutations.revise.isPending} onClick={() => void revise()}>
            修订为新版本
          </Button>
        )}
        {canWrite && canRetire(programme.status) && (
          <Button htmlType="button" danger onClick={() => setRetiring(true)}>
            停用…
          </Button>
        )}
        <Link to="/catalogue" className="link-button">
          返回培训目录
        </Link>
      </div>
      <section aria-labelledby="programme-content-heading">
        <h2 id="programme-content-heading">项目内容</h2>
        <ProgrammeFields programme={programme} extra={[['最后修改', formatDateTime(programme.updatedAt)]]} />
      </section>
      <section aria-labelledby="programme-history-heading">
        <h2 id="programme-history-heading">版本历史</h2>
        <DetailTable
          caption={`${programme.programmeCode} 的全部版本`}
          headers={['版次', '状态', '施行起', '施行止', '最后修改']}
          empty="暂无其他版本。"
          rows={programme.history.map((version) => ({
            key: version.id,
            cells: [
              version.id === programme.id ? (
                `第 ${version.edition} 版（当前查看）`
              ) : (
                <Link to={`/catalogue/${version.id}`}>第 {version.edition} 版</Link>
              ),
              <ProgrammeStatusTag key="status" status={version.status} />,
              version.effectiveFrom ?? '—',
              version.effectiveTo ?? '—',
              formatDateTime(version.updatedAt),
            ],
          }))}
        />
      </section>
      <Modal
        open={confirmSubmit}
        title="提交公示"
        okText="提交公示"
        cancelText="取消"
        okButtonProps={{ loading: mutations.submit.isPending }}
        onOk={() => void submit()}
        onCancel={() => setConfirmSubmit(false)}
      >
        <p>
          提交后本版本进入公示，公示期内不能再修改。公示期满且无异议的，本版本自动生效
          {programme.edition > 1 ? '，并替代该项目的现行版本' : ''}；有异议的，待异议处理完毕后再定。
        </p>
      </Modal>
      <ConfirmReasonModal
        open={retiring}
        title="停用目录项目"
        description={<p>停用后该项目不再出现在公开的培训目录中，也不能再据此开班。历史版本保留。</p>}
        confirmText="停用"
        danger
        onConfirm={async (reason) => {
          await mutations.retire.mutateAsync({ id: programme.id, reason });
          setRetiring(false);
        }}
        onCancel={() => setRetiring(false)}
      />
    </>
  );
}
