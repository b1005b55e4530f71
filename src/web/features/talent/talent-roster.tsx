import '../persons/persons.css';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { PersonSummary } from '../../../shared/contracts/persons-contracts';
import type { TalentMember } from '../../../shared/contracts/talent-contracts';
import { talentCategories, talentCategoryLabels, type TalentCategory } from '../../../shared/domain/talent-codes';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { ErrorSummary } from '../../components/error-summary';
import { chosen, FilterForm, filterOptions } from '../../components/filter-form';
import { NativeSelect } from '../../components/native-select';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import { codesText } from '../catalogue/catalogue-labels';
import { PickPerson } from '../contests/pick-person';
import { CodeCheckboxes } from '../../components/code-checkboxes';
import { DetailTable } from '../../components/detail-table';
import { MaskedText } from '../../components/masked-text';
import { useMembers, useTalentMutations } from './use-talent';

const categoryOptions = filterOptions(talentCategories, talentCategoryLabels);
const addFormName = 'talent-member';
const editFormName = 'talent-member-edit';

interface MemberValues {
  categories: TalentCategory[];
  specialty: string;
  evidence: string;
}

function MemberFields() {
  return (
    <>
      <Form.Item name="categories" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个人才类别' }]}>
        <CodeCheckboxes legend="人才类别" codes={talentCategories} labels={talentCategoryLabels} />
      </Form.Item>
      <Form.Item name="specialty" label="技能专长" rules={[{ required: true, whitespace: true, message: '请填写技能专长' }]}>
        <Input autoComplete="off" maxLength={100} />
      </Form.Item>
      <Form.Item name="evidence" label="认定依据（可选）" extra="例如获奖情况、非遗传承人认定、专利号。">
        <Input.TextArea rows={3} maxLength={1000} />
      </Form.Item>
    </>
  );
}

function AddMember() {
  const mutations = useTalentMutations();
  const [person, setPerson] = useState<PersonSummary | null>(null);
  const [form] = Form.useForm<MemberValues>();
  const errors = useFormErrors(form, addFormName);
  const [message, setMessage] = useState('');

  async function add(values: MemberValues) {
    if (!person) return;
    errors.clear();
    try {
      await mutations.addMember.mutateAsync({
        personId: person.id,
        categories: values.categories,
        specialty: values.specialty.trim(),
        evidence: values.evidence?.trim() || null,
      });
      setMessage(`${person.name} 已纳入高技能人才名册。`);
      setPerson(null);
      form.resetFields();
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <section aria-labelledby="add-member-heading" className="subform">
      <h2 id="add-member-heading">纳入名册</h2>
      <PickPerson name="talent-person-search" label="人员的身份证号或残疾人证号" picked={person} onPicked={setPerson} />
      {person && (
        <>
          <ErrorSummary errors={errors.errors} />
          <Form
            form={form}
            name={addFormName}
            layout="vertical"
            initialValues={{ categories: [], specialty: '', evidence: '' }}
            onFinish={(v) => void add(v)}
            onFinishFailed={errors.onFinishFailed}
          >
            <MemberFields />
            <Button type="primary" htmlType="submit" loading={mutations.addMember.isPending}>
              纳入名册
            </Button>
          </Form>
        </>
      )}
      <p role="status" className="list-status">
        {message}
      </p>
    </section>
  );
}

function EditMember({ member, onDone }: { member: TalentMember; onDone: (message: string) => void }) {
  const mutations = useTalentMutations();
  const [form] = Form.useForm<MemberValues>();
  const errors = useFormErrors(form, editFormName);
  async function save(values: MemberValues) {
    errors.clear();
    try {
      await mutations.updateMember.mutateAsync({
        id: member.id,
        body: {
          categories: values.categories,
          specialty: values.specialty.trim(),
          evidence: values.evidence?.trim() || null,
          version: member.version,
        },
      });
      onDone(`已保存 ${member.person.name} 的名册信息。`);
    } catch (error) {
      errors.showError(error);
    }
  }
  return (
    <section aria-labelledby="edit-member-heading" className="subform">
      <h2 id="edit-member-heading">修改名册信息：{member.person.name}</h2>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={editFormName}
        layout="vertical"
        initialValues={{ categories: member.categories, specialty: member.specialty, evidence: member.evidence ?? '' }}
        onFinish={(v) => void save(v)}
        onFinishFailed={errors.onFinishFailed}
      >
        <MemberFields />
        <div className="button-row">
          <Button type="primary" htmlType="submit" loading={mutations.updateMember.isPending}>
            保存
          </Button>
          <Button htmlType="button" onClick={() => onDone('')}>
            取消
          </Button>
        </div>
      </Form>
    </section>
  );
}

/** The high-skill talent roster of the account's region (plan 二(四)), and adding to it. */
export function TalentRoster() {
  const user = useCurrentUser();
  const [filters, setFilters] = useState<{ q?: string | undefined; category?: TalentCategory | undefined }>({});
  const [page, setPage] = useState(1);
  const members = useMembers({ ...filters, page, pageSize: 50 });
  const [editing, setEditing] = useState<TalentMember | null>(null);
  const [removing, setRemoving] = useState<TalentMember | null>(null);
  const mutations = useTalentMutations();
  const [message, setMessage] = useState('');
  const canWrite = userCan(user, 'talent.write');
  const data = members.data;
  return (
    <>
      {canWrite && !editing && <AddMember />}
      {editing && (
        <EditMember
          member={editing}
          onDone={(text) => {
            setEditing(null);
            setMessage(text);
          }}
        />
      )}
      <section aria-labelledby="roster-heading">
        <h2 id="roster-heading">名册</h2>
        <FilterForm<{ q: string; category: string }>
          label="筛选名册"
          name="roster-filters"
          initialValues={{ q: '', category: '' }}
          onSearch={(values) => {
            setFilters({ q: values.q.trim() || undefined, category: chosen<TalentCategory>(values.category) });
            setPage(1);
          }}
          onReset={() => setFilters({})}
        >
          <Form.Item name="q" label="姓名">
            <Input autoComplete="off" maxLength={40} />
          </Form.Item>
          <Form.Item name="category" label="人才类别">
            <NativeSelect options={categoryOptions} />
          </Form.Item>
        </FilterForm>
        <p role="status" className="list-status">
          {members.isFetching ? '正在查询…' : data ? `名册共 ${data.total} 人。${message}` : ''}
        </p>
        {members.isError && <Alert type="error" role="alert" showIcon title={errorMessage(members.error)} />}
        <DetailTable
          caption="高技能人才名册"
          headers={['姓名', '身份证号', '县区', '人才类别', '技能专长', '认定依据', ...(canWrite ? ['修改', '移出'] : [])]}
          empty="名册中暂无人员。"
          rows={(data?.items ?? []).map((member) => ({
            key: member.id,
            cells: [
              member.person.name,
              <MaskedText key="id" value={member.person.idNumber} />,
              member.person.countyName,
              codesText(talentCategories, talentCategoryLabels, member.categories),
              member.specialty,
              member.evidence ?? '—',
              ...(canWrite
                ? [
                    <Button
                      key="edit"
                      size="small"
                      htmlType="button"
                      aria-label={`修改 ${member.person.name} 的名册信息`}
                      onClick={() => setEditing(member)}
                    >
                      修改
                    </Button>,
                    <Button
                      key="remove"
                      size="small"
                      htmlType="button"
                      aria-label={`将 ${member.person.name} 移出名册`}
                      onClick={() => setRemoving(member)}
                    >
                      移出
                    </Button>,
                  ]
                : []),
            ],
          }))}
        />
        {data && data.total > 50 && (
          <div className="button-row">
            <Button htmlType="button" disabled={page === 1} onClick={() => setPage(page - 1)}>
              上一页
            </Button>
            <Button htmlType="button" disabled={page * 50 >= data.total} onClick={() => setPage(page + 1)}>
              下一页
            </Button>
          </div>
        )}
      </section>
      <ConfirmReasonModal
        open={removing !== null}
        title={removing ? `将 ${removing.person.name} 移出名册` : '移出名册'}
        description={<p>移出后不再列入高技能人才名册；进行中的带徒结对不受影响。原因会记入审计日志。</p>}
        confirmText="移出"
        danger
        onConfirm={async (reason) => {
          if (!removing) return;
          await mutations.removeMember.mutateAsync({ id: removing.id, reason });
          setMessage(`已将 ${removing.person.name} 移出名册。`);
          setRemoving(null);
        }}
        onCancel={() => setRemoving(null)}
      />
    </>
  );
}
