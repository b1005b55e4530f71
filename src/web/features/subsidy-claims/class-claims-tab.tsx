import '../persons/persons.css';
import './subsidy-claims.css';
import { Alert, Button } from 'antd';
import { Link } from 'react-router';
import { formatFen } from '../../../shared/domain/class-codes';
import { claimStatusLabels, editableClaimStatuses } from '../../../shared/domain/subsidy-codes';
import { DetailTable } from '../../components/detail-table';
import { LoadingState } from '../../components/loading-state';
import { ListStatus, useAnnouncer } from '../../components/paged-list';
import { errorMessage } from '../../lib/use-form-errors';
import type { ClassTabProps } from '../classes/class-tab-props';
import { dueText } from './claims-list';
import { useClaimMutations, useClassClaims } from './use-claims';

/**
 * The class's subsidy claims (补贴申领): one per certificate holder. The institution generates them
 * (they are also generated when the class closes) and submits the completed ones together.
 */
export function ClassClaimsTab(props: ClassTabProps) {
  const list = useClassClaims(props.classId);
  const { message, announce, statusLine } = useAnnouncer();
  const { generate, submitMany } = useClaimMutations();
  const headingId = `class-claims-${props.classId}`;
  const items = list.data?.items ?? [];
  const submittable = props.isInstitution ? items.filter((c) => editableClaimStatuses.includes(c.status)) : [];

  return (
    <section aria-labelledby={headingId}>
      <h2 id={headingId}>补贴申领</h2>
      <ListStatus ref={statusLine} text={message} />
      <p>
        <Link to={`/subsidies/trail/classes/${props.classId}`}>查看本班的资金追溯</Link>
      </p>
      {list.isPending && <LoadingState />}
      {list.isError && <Alert type="error" role="alert" showIcon title={errorMessage(list.error)} />}
      {list.data && (
        <>
          <div className="claim-review-actions">
            {list.data.canGenerate && (
              <Button
                htmlType="button"
                loading={generate.isPending}
                onClick={() =>
                  generate.mutate(props.classId, {
                    onSuccess: (done) =>
                      announce(done.created > 0 ? `已生成 ${done.created} 条待提交的申领。` : '没有需要新生成的申领：持证学员都已有申领。'),
                    onError: (error) => announce(errorMessage(error)),
                  })
                }
              >
                生成补贴申领
              </Button>
            )}
            {submittable.length > 0 && (
              <Button
                type="primary"
                htmlType="button"
                loading={submitMany.isPending}
                onClick={() =>
                  submitMany.mutate(
                    { classId: props.classId, claimIds: submittable.map((c) => c.id) },
                    {
                      onSuccess: ({ results }) => {
                        const ok = results.filter((r) => r.outcome === 'submitted').length;
                        const lines = results.filter((r) => r.outcome !== 'submitted').map((r) => `${r.claimNo}：${r.message}`);
                        announce(`已提交 ${ok} 条，未提交 ${results.length - ok} 条。${lines.join('；')}`);
                      },
                      onError: (error) => announce(errorMessage(error)),
                    },
                  )
                }
              >
                提交全部待提交的申领（{submittable.length} 条）
              </Button>
            )}
          </div>
          <DetailTable
            caption="本班的补贴申领"
            headers={['申领编号', '学员', '申领金额', '标准上限', '状态', '提交期限']}
            empty={
              list.data.canGenerate ? '还没有申领。点击“生成补贴申领”为持证学员生成。' : '还没有申领。培训班结业并颁发培训合格证书后生成。'
            }
            rows={items.map((c) => ({
              key: c.id,
              cells: [
                <Link key="n" to={`/subsidies/claims/${c.id}`}>
                  {c.claimNo}
                </Link>,
                c.personName,
                formatFen(c.amountFen),
                formatFen(c.standardFen),
                claimStatusLabels[c.status],
                <span key="d" className={c.overdue ? 'state-overdue' : undefined}>
                  {dueText(c.submitDueOn, c.overdue)}
                </span>,
              ],
            }))}
          />
        </>
      )}
    </section>
  );
}
