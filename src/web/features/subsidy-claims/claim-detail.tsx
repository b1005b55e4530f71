import '../persons/persons.css';
import './subsidy-claims.css';
import { Button, Form, Input } from 'antd';
import { useRef, useState } from 'react';
import { Link } from 'react-router';
import type { ClaimCheckView, ClaimDetail } from '../../../shared/contracts/subsidy-claims-contracts';
import { skillLevelLabels } from '../../../shared/domain/catalogue-codes';
import { classTrainingTypeLabels, formatFen } from '../../../shared/domain/class-codes';
import {
  claimStatusLabels,
  contestOnlyCategories,
  payeeKindLabels,
  payeeKinds,
  type PayeeKind,
  subsidisableCategories,
  type SubsidyItemCategory,
  subsidyItemCategoryLabels,
} from '../../../shared/domain/subsidy-codes';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { DetailList } from '../../components/detail-list';
import { DetailTable, ScrollTable } from '../../components/detail-table';
import { ErrorSummary } from '../../components/error-summary';
import { documentAccept, FilePicker } from '../../components/file-picker';
import { NativeSelect } from '../../components/native-select';
import { ListStatus, useAnnouncer } from '../../components/paged-list';
import { UnmaskValue } from '../../components/unmask-value';
import { ApiError, uploadFiles } from '../../lib/api-client';
import { focusSoon } from '../../lib/focus-soon';
import { formatDateTime } from '../../lib/formatters';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { fenToYuanText, yuanToFen } from '../classes/class-form-values';
import { dueText } from './claims-list';
import { ExtendDeadlineModal } from './extend-deadline-modal';
import { revealBankAccount, useClaimMutations } from './use-claims';

const checkContextLabels: Record<ClaimCheckView['context'], string> = { submit: '提交时核查', recheck: '重新核查', approve: '审核时核查' };

/** One claim: what it says, the steps this viewer may take, every eligibility decision with its reasons, and its history. */
export function ClaimDetailView({ claim }: { claim: ClaimDetail }) {
  const { message, announce, statusLine } = useAnnouncer();
  return (
    <>
      <ListStatus ref={statusLine} text={message} />
      <p>
        <Link to="/subsidies/claims">返回补贴申领列表</Link>
      </p>
      <ClaimFacts claim={claim} />
      {claim.can.edit && <ClaimEditor claim={claim} onDone={announce} />}
      <ClaimActions claim={claim} onDone={announce} />
      <EligibilityChecks checks={claim.checks} />
      <section aria-labelledby="claim-events-heading">
        <h2 id="claim-events-heading">办理记录</h2>
        <DetailTable
          caption="申领的每一步办理"
          headers={['时间', '办理', '状态变化', '办理人', '意见或说明']}
          empty="暂无办理记录"
          rows={claim.events.map((e) => ({
            key: e.id,
            cells: [
              formatDateTime(e.occurredAt),
              e.label,
              e.fromStatus && e.fromStatus !== e.toStatus
                ? `${claimStatusLabels[e.fromStatus]} → ${claimStatusLabels[e.toStatus]}`
                : claimStatusLabels[e.toStatus],
              e.actorName ?? '系统',
              e.comment ?? '—',
            ],
          }))}
        />
      </section>
    </>
  );
}

function ClaimFacts({ claim }: { claim: ClaimDetail }) {
  const masked =
    claim.bankAccountMasked && claim.bankAccountSpoken ? { text: claim.bankAccountMasked, spoken: claim.bankAccountSpoken } : null;
  return (
    <section aria-labelledby="claim-facts-heading">
      <h2 id="claim-facts-heading">申领 {claim.claimNo}</h2>
      <DetailList
        rows={[
          ['状态', claimStatusLabels[claim.status]],
          ['学员', claim.personName],
          [
            '培训班',
            <Link key="c" to={`/classes/${claim.classId}`}>
              {claim.className}（{claim.classNo}）
            </Link>,
          ],
          ['培训机构', claim.institutionName],
          ['培训类型', classTrainingTypeLabels[claim.trainingType]],
          ['职业（工种）与等级', `${claim.occupation} ${skillLevelLabels[claim.skillLevel]}`],
          ['考核日期', claim.examOn ?? '未记录'],
          ['提交期限', dueText(claim.submitDueOn, claim.overdue)],
          [
            '培训合格证书',
            claim.links.certificateId ? (
              <Link key="t" to={`/certificates/${claim.links.certificateId}`}>
                {claim.links.certificateNo}
              </Link>
            ) : (
              '无'
            ),
          ],
          [
            '补贴标准',
            claim.standard
              ? `${claim.standard.regionName}，${claim.standard.effectiveFrom} 起执行，本申领上限 ${formatFen(claim.standardFen)}${claim.assisted ? '（含辅助教学人员补贴）' : ''}`
              : '未找到适用的补贴标准',
          ],
          ['申领金额', formatFen(claim.amountFen)],
          ['收款人', `${claim.payeeName ?? '未填写'}（${payeeKindLabels[claim.payeeKind]}）`],
          ['开户银行', claim.bankName ?? '未填写'],
          [
            '银行账号',
            <UnmaskValue
              key="b"
              fieldName="银行账号"
              ownerName={claim.payeeName ?? claim.claimNo}
              masked={masked}
              canUnmask={claim.can.unmask}
              reveal={(reason) => revealBankAccount(claim.id, reason)}
            />,
          ],
          ['求职地', claim.jobSeekingRegionCode ? `${claim.jobSeekingRegionName ?? '区划'}（${claim.jobSeekingRegionCode}）` : '未填写'],
          ['其他资金申报', claim.otherFunding ?? '未享受其他资金'],
          ['附件', claim.documents.length > 0 ? claim.documents.map((d) => d.name).join('、') : '无'],
          [
            '资金追溯',
            <Link key="m" to={claim.links.trailUrl}>
              查看这笔补贴的资金追溯
            </Link>,
          ],
        ]}
      />
      <DetailTable
        caption="申领明细（与补贴标准对照）"
        headers={['项目', '申领金额', '标准金额', '是否可补贴']}
        empty="尚未填写申领明细"
        rows={claim.items.map((i) => ({
          key: i.category,
          cells: [
            i.label,
            formatFen(i.amountFen),
            i.subsidisable ? formatFen(i.standardFen) : '—',
            i.subsidisable ? '可补贴' : '只登记，不补贴',
          ],
        }))}
      />
    </section>
  );
}

/** The eligibility decisions, newest first: each rule passed or failed in words, with its explanation. */
function EligibilityChecks({ checks }: { checks: ClaimCheckView[] }) {
  return (
    <section aria-labelledby="claim-checks-heading">
      <h2 id="claim-checks-heading">补贴资格核查</h2>
      {checks.length === 0 && <p>尚未核查。提交申领时系统按补贴规则逐条核查，并保存核查说明。</p>}
      {checks.map((check) => (
        <ScrollTable
          key={check.id}
          caption={`${checkContextLabels[check.context]}：${formatDateTime(check.checkedAt)}${check.checkedByName ? `，${check.checkedByName}` : ''}，结论：${check.eligible ? '符合补贴条件' : '不符合补贴条件'}`}
          headers={['规则', '结果', '说明', '依据']}
        >
          {check.rules.map((r) => (
            <tr key={r.rule}>
              <th scope="row">{r.label}</th>
              <td className={r.passed ? 'rule-passed' : 'rule-failed'}>{r.passed ? '通过' : '未通过'}</td>
              <td>{r.explanation}</td>
              <td>{r.refs.length > 0 ? r.refs.join('、') : '—'}</td>
            </tr>
          ))}
        </ScrollTable>
      ))}
    </section>
  );
}

// ---------------------------------------------------------------- the institution's form

interface EditValues {
  amounts: Partial<Record<SubsidyItemCategory, string>>;
  jobSeekingRegionCode: string;
  otherFunding: string;
  payeeKind: PayeeKind;
  payeeName: string;
  bankName: string;
  bankAccount: string;
  newDocuments: File[];
}

const formName = 'claim-edit';

/** The categories the form asks for: subsidisable ones (assisting staff only for an assisted class), contest-only ones on contest training. */
function formCategories(claim: ClaimDetail): SubsidyItemCategory[] {
  return [
    ...subsidisableCategories.filter((c) => c !== 'assisting_staff' || claim.assisted),
    ...(claim.trainingType === 'contest' ? contestOnlyCategories : []),
  ];
}

/**
 * The institution completes the claim in two steps: the form (saved on the server, which checks the
 * amounts against the standard), then a check-your-answers summary from which the claim is submitted.
 */
function ClaimEditor({ claim, onDone }: { claim: ClaimDetail; onDone: (message: string) => void }) {
  const [form] = Form.useForm<EditValues>();
  const errors = useFormErrors(form, formName);
  const [step, setStep] = useState<'edit' | 'review'>('edit');
  const [pending, setPending] = useState(false);
  const [keptDocuments, setKeptDocuments] = useState(claim.documents);
  // what the save answered: the review step shows it and submits its version (the page's query may still be refetching)
  const [saved, setSaved] = useState<ClaimDetail | null>(null);
  const reviewHeading = useRef<HTMLHeadingElement>(null);
  const formHeading = useRef<HTMLHeadingElement>(null);
  const { update, submit } = useClaimMutations();
  const categories = formCategories(claim);
  const shown = saved && saved.version > claim.version ? saved : claim;
  const amountOf = (category: SubsidyItemCategory) => claim.items.find((i) => i.category === category)?.amountFen ?? 0;

  /** The server names items by their position in what was sent; the form names them by category. */
  function showSaveError(error: unknown, sent: SubsidyItemCategory[]) {
    if (!(error instanceof ApiError)) return errors.showError(error);
    const issues = error.issues.map((issue) => {
      const match = /^body\.items\.(\d+)\./.exec(issue.field);
      const category = match ? sent[Number(match[1])] : undefined;
      return category ? { ...issue, field: `body.amounts_${category}` } : issue;
    });
    for (const issue of issues) {
      const category = issue.field.startsWith('body.amounts_') ? (issue.field.slice('body.amounts_'.length) as SubsidyItemCategory) : null;
      if (category) form.setFields([{ name: ['amounts', category], errors: [issue.message] }]);
    }
    errors.showError(new ApiError(error.status, error.code, error.message, issues, error.requestId));
  }

  async function save(values: EditValues) {
    errors.clear();
    const items: { category: SubsidyItemCategory; amountFen: number }[] = [];
    for (const category of categories) {
      const fen = yuanToFen(values.amounts[category] ?? '');
      // the field's own rule has refused text that is not an amount; empty means the item is not claimed
      if (fen !== null && (values.amounts[category] ?? '').trim() !== '') items.push({ category, amountFen: fen });
    }
    setPending(true);
    try {
      const newIds = await uploadFiles(values.newDocuments ?? []);
      const account = values.bankAccount.trim();
      const answer = await update.mutateAsync({
        id: claim.id,
        body: {
          version: shown.version,
          items,
          jobSeekingRegionCode: values.jobSeekingRegionCode.trim() || null,
          otherFunding: values.otherFunding.trim() || null,
          payeeKind: values.payeeKind,
          payeeName: values.payeeName.trim(),
          bankName: values.bankName.trim() || null,
          ...(account !== '' && { bankAccount: account }),
          documentIds: [...keptDocuments.map((d) => d.fileId), ...newIds],
        },
      });
      setSaved(answer);
      form.setFieldValue('bankAccount', '');
      form.setFieldValue('newDocuments', []);
      setStep('review');
      focusSoon(() => reviewHeading.current);
    } catch (error) {
      showSaveError(
        error,
        items.map((i) => i.category),
      );
    } finally {
      setPending(false);
    }
  }

  async function send() {
    errors.clear();
    setPending(true);
    try {
      const done = await submit.mutateAsync({ id: claim.id, version: shown.version });
      onDone(`申领 ${done.claimNo} 已提交，资格核查通过，等待县区残联列入公示。`);
    } catch (error) {
      // an ineligible decision is stored: the page reloads with it; the message says why
      onDone(errorMessage(error));
    } finally {
      setPending(false);
    }
  }

  return (
    <section aria-labelledby="claim-edit-heading" className="claim-editor">
      {step === 'edit' ? (
        <>
          <h2 id="claim-edit-heading" ref={formHeading} tabIndex={-1}>
            填写申领（第 1 步，共 2 步）
          </h2>
          <ErrorSummary errors={errors.errors} />
          <Form
            form={form}
            name={formName}
            layout="vertical"
            initialValues={{
              amounts: Object.fromEntries(categories.map((c) => [c, amountOf(c) > 0 ? fenToYuanText(amountOf(c)) : ''])),
              jobSeekingRegionCode: claim.jobSeekingRegionCode ?? '',
              otherFunding: claim.otherFunding ?? '',
              payeeKind: claim.payeeKind,
              payeeName: claim.payeeName ?? '',
              bankName: claim.bankName ?? '',
              bankAccount: '',
              newDocuments: [],
            }}
            onFinish={(values) => void save(values)}
            onFinishFailed={errors.onFinishFailed}
          >
            <fieldset className="claim-items">
              <legend>申领明细（元）</legend>
              <p className="field-hint">
                每项不超过补贴标准
                {claim.standard
                  ? `：培训费 ${formatFen(claim.standard.tuitionFen)}，教材资料费 ${formatFen(claim.standard.materialsFen)}，考核鉴定费 ${formatFen(claim.standard.examFeeFen)}${claim.assisted ? `，辅助教学人员费 ${formatFen(claim.standard.assistingStaffFen)}` : ''}`
                  : '（尚未找到适用的标准，请联系县区残联）'}
                。不申领的项目留空。
              </p>
              {categories.map((category) => (
                <Form.Item
                  key={category}
                  name={['amounts', category]}
                  label={subsidyItemCategoryLabels[category]}
                  extra={subsidisableCategories.includes(category) ? undefined : '只登记，不予补贴'}
                  rules={[
                    {
                      validator: (_, value: string | undefined) =>
                        !value || value.trim() === '' || yuanToFen(value) !== null
                          ? Promise.resolve()
                          : Promise.reject(new Error(`${subsidyItemCategoryLabels[category]}：请填写金额（元），最多两位小数`)),
                    },
                  ]}
                >
                  <Input inputMode="decimal" suffix="元" autoComplete="off" maxLength={14} />
                </Form.Item>
              ))}
            </fieldset>
            <Form.Item name="payeeKind" label="收款人类别" required>
              <NativeSelect options={payeeKinds.map((k) => ({ value: k, label: payeeKindLabels[k] }))} />
            </Form.Item>
            <Form.Item name="payeeName" label="收款人" required rules={[{ required: true, whitespace: true, message: '请填写收款人' }]}>
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
            <Form.Item name="bankName" label="开户银行">
              <Input maxLength={100} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="bankAccount"
              label="银行账号"
              extra={
                claim.bankAccountMasked
                  ? `已登记的账号：${claim.bankAccountSpoken ?? ''}。不修改请留空。`
                  : '8 至 30 位数字，可含空格。提交申领前必须填写。'
              }
            >
              <Input inputMode="numeric" maxLength={40} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="jobSeekingRegionCode"
              label="求职地区划代码"
              extra="可选。学员在求职地参加培训时填写 6 位区划代码，如 620102（城关区）。"
              rules={[{ pattern: /^\d{6}$/, message: '求职地区划代码为 6 位数字' }]}
            >
              <Input inputMode="numeric" maxLength={6} autoComplete="off" />
            </Form.Item>
            <Form.Item
              name="otherFunding"
              label="同一培训已享受的其他资金"
              extra="没有请留空。如已享受人社部门等其他培训补贴，请写明资金名称——同一培训不能重复享受补贴。"
            >
              <Input.TextArea rows={2} maxLength={200} showCount />
            </Form.Item>
            {keptDocuments.length > 0 && (
              <fieldset>
                <legend>已上传的附件</legend>
                <ul className="claim-documents">
                  {keptDocuments.map((d) => (
                    <li key={d.fileId}>
                      {d.name}{' '}
                      <Button
                        size="small"
                        htmlType="button"
                        aria-label={`移除附件 ${d.name}`}
                        onClick={() => setKeptDocuments(keptDocuments.filter((k) => k.fileId !== d.fileId))}
                      >
                        移除
                      </Button>
                    </li>
                  ))}
                </ul>
              </fieldset>
            )}
            <Form.Item name="newDocuments" label="添加附件" extra="可选。求职登记、银行卡复印件、票据等，PDF、JPG 或 PNG。">
              <FilePicker accept={documentAccept} multiple />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={pending}>
              保存并核对
            </Button>
          </Form>
        </>
      ) : (
        <>
          <h2 id="claim-edit-heading" ref={reviewHeading} tabIndex={-1}>
            核对申领信息（第 2 步，共 2 步）
          </h2>
          <ErrorSummary errors={errors.errors} />
          <p>申领已保存。请核对以下信息，无误后提交；提交时系统按补贴规则核查资格并保存核查说明。</p>
          <DetailList
            rows={[
              ['申领明细', shown.items.map((i) => `${i.label} ${formatFen(i.amountFen)}`).join('；') || '未填写'],
              ['申领金额', formatFen(shown.amountFen)],
              ['收款人', `${shown.payeeName ?? '未填写'}（${payeeKindLabels[shown.payeeKind]}）`],
              ['开户银行', shown.bankName ?? '未填写'],
              ['银行账号', shown.bankAccountSpoken ?? '未填写'],
              [
                '求职地',
                shown.jobSeekingRegionCode ? `${shown.jobSeekingRegionName ?? '区划'}（${shown.jobSeekingRegionCode}）` : '未填写',
              ],
              ['其他资金申报', shown.otherFunding ?? '未享受其他资金'],
              ['附件', shown.documents.map((d) => d.name).join('、') || '无'],
            ]}
          />
          <div className="claim-review-actions">
            <Button
              htmlType="button"
              onClick={() => {
                setStep('edit');
                focusSoon(() => formHeading.current);
              }}
            >
              返回修改
            </Button>
            <Button type="primary" htmlType="button" loading={pending} onClick={() => void send()}>
              提交申领
            </Button>
          </div>
        </>
      )}
    </section>
  );
}

/** Withdraw (the institution, before the notice), recheck and deadline extension (county staff). */
function ClaimActions({ claim, onDone }: { claim: ClaimDetail; onDone: (message: string) => void }) {
  const [asking, setAsking] = useState(false);
  const [extending, setExtending] = useState(false);
  const { withdraw, recheck, extendDeadline } = useClaimMutations();
  if (!claim.can.withdraw && !claim.can.recheck && !claim.can.extendDeadline) return null;
  return (
    <section aria-labelledby="claim-actions-heading">
      <h2 id="claim-actions-heading">办理</h2>
      <div className="claim-review-actions">
        {claim.can.recheck && (
          <Button
            htmlType="button"
            loading={recheck.isPending}
            onClick={() =>
              recheck.mutate(claim.id, {
                onSuccess: (done) =>
                  onDone(`已重新核查：${done.checks[0]?.eligible ? '符合补贴条件' : '不符合补贴条件'}，核查说明见“补贴资格核查”。`),
                onError: (error) => onDone(errorMessage(error)),
              })
            }
          >
            重新核查资格
          </Button>
        )}
        {claim.can.extendDeadline && (
          <Button htmlType="button" onClick={() => setExtending(true)}>
            延长申领期限
          </Button>
        )}
        {claim.can.withdraw && (
          <Button danger htmlType="button" onClick={() => setAsking(true)}>
            撤回申领
          </Button>
        )}
      </div>
      <ConfirmReasonModal
        open={asking}
        title={`撤回申领 ${claim.claimNo}`}
        description="撤回后本申领不再办理；如需再次申领，可在培训班的“补贴申领”中重新生成。"
        confirmText="撤回"
        danger
        onConfirm={async (reason) => {
          await withdraw.mutateAsync({ id: claim.id, body: { version: claim.version, reason } });
          setAsking(false);
          onDone(`申领 ${claim.claimNo} 已撤回。`);
        }}
        onCancel={() => setAsking(false)}
      />
      <ExtendDeadlineModal
        open={extending}
        claimNo={claim.claimNo}
        currentDueOn={claim.submitDueOn}
        onConfirm={async (body) => {
          const done = await extendDeadline.mutateAsync({ id: claim.id, body: { version: claim.version, ...body } });
          setExtending(false);
          onDone(`申领 ${claim.claimNo} 的申领期限已延长至 ${done.submitDueOn}，培训机构可在此前提交。`);
        }}
        onCancel={() => setExtending(false)}
      />
    </section>
  );
}
