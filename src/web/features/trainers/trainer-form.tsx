import '../persons/persons.css';
import './trainers.css';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Button, Checkbox, Form, Input } from 'antd';
import { useNavigate } from 'react-router';
import { searchPersonById } from '../../../shared/contracts/persons-contracts';
import type { TrainerDetail } from '../../../shared/contracts/trainers-contracts';
import { todayInChina } from '../../../shared/domain/person-validation';
import {
  qualificationKindLabels,
  qualificationKinds,
  type QualificationKind,
  trainerEngagementLabels,
  trainerEngagements,
  type TrainerEngagement,
  trainerInstitutionRoleLabels,
  trainerInstitutionRoles,
  type TrainerInstitutionRole,
  type TrainerSource,
  trainerSourceLabels,
  trainerSources,
  trainerStatusLabels,
  trainerStatuses,
  type TrainerStatus,
} from '../../../shared/domain/trainer-codes';
import { ErrorSummary } from '../../components/error-summary';
import { NativeSelect } from '../../components/native-select';
import { ApiError, apiCall } from '../../lib/api-client';
import { listFromText } from '../../lib/formatters';
import { useFormErrors } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import { CodeCheckboxes } from '../../components/code-checkboxes';
import { MaskedText } from '../../components/masked-text';
import { RegionPicker } from '../../components/region-picker';
import { useRegionTree } from '../regions/use-region-tree';
import type { TrainerLocationState } from './trainer-detail';
import { useInstitutionOptions, useTrainerMutations } from './use-trainers';

interface QualificationValues {
  kind: QualificationKind;
  title: string;
  serialNumber: string;
  level: string;
  occupation: string;
  issuer: string;
  issuedOn: string;
  expiresOn: string;
}

interface InstitutionValues {
  institutionId: string;
  role: TrainerInstitutionRole;
  fromOn: string;
  toOn: string;
}

interface Values {
  idNumber: string;
  name: string;
  phone: string;
  countyCode: string | null;
  sources: TrainerSource[];
  engagement: TrainerEngagement;
  occupations: string;
  joinedOn: string;
  status: TrainerStatus;
  leftOn: string;
  qualifications: QualificationValues[];
  institutions: InstitutionValues[];
  remarks: string;
  /** the trainer is a disabled person registered in the real-name registry */
  linkRegistry: boolean;
}

const formName = 'trainer-form';
const engagementOptions = trainerEngagements.map((value) => ({ value, label: trainerEngagementLabels[value] }));
const kindOptions = qualificationKinds.map((value) => ({ value, label: qualificationKindLabels[value] }));
const roleOptions = trainerInstitutionRoles.map((value) => ({ value, label: trainerInstitutionRoleLabels[value] }));
const statusOptions = trainerStatuses.map((value) => ({ value, label: trainerStatusLabels[value] }));
const emptyQualification: QualificationValues = {
  kind: 'skill_level',
  title: '',
  serialNumber: '',
  level: '',
  occupation: '',
  issuer: '',
  issuedOn: '',
  expiresOn: '',
};

function toValues(trainer: TrainerDetail | undefined, countyCode: string | null): Values {
  if (!trainer) {
    return {
      idNumber: '',
      name: '',
      phone: '',
      countyCode,
      sources: [],
      engagement: 'part_time',
      occupations: '',
      joinedOn: todayInChina(),
      status: 'active',
      leftOn: '',
      qualifications: [],
      institutions: [],
      remarks: '',
      linkRegistry: false,
    };
  }
  return {
    idNumber: '',
    name: trainer.name,
    phone: '',
    countyCode: trainer.countyCode,
    sources: trainer.sources,
    engagement: trainer.engagement,
    occupations: trainer.occupations.join('、'),
    joinedOn: trainer.joinedOn,
    status: trainer.status,
    leftOn: trainer.leftOn ?? '',
    qualifications: trainer.qualifications.map((q) => ({
      kind: q.kind,
      title: q.title,
      serialNumber: q.serialNumber ?? '',
      level: q.level ?? '',
      occupation: q.occupation ?? '',
      issuer: q.issuer ?? '',
      issuedOn: q.issuedOn ?? '',
      expiresOn: q.expiresOn ?? '',
    })),
    institutions: trainer.institutions.map((i) => ({ institutionId: i.institutionId, role: i.role, fromOn: i.fromOn, toOn: i.toOn ?? '' })),
    remarks: trainer.remarks ?? '',
    linkRegistry: trainer.personId !== null,
  };
}

const orNull = (value: string) => value.trim() || null;

/** Registering a trainer, or changing one (`trainer` given: numbers left empty keep their stored values). */
export function TrainerForm({ trainer }: { trainer?: TrainerDetail }) {
  const user = useCurrentUser();
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, formName);
  const mutations = useTrainerMutations();
  const { root } = useRegionTree(user.region.code);
  const institutions = useInstitutionOptions();
  const status = Form.useWatch('status', form) ?? trainer?.status ?? 'active';
  const institutionOptions = [
    { value: '', label: '请选择' },
    ...(institutions.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.countyName}）` })),
  ];
  const editing = trainer !== undefined;
  const pending = mutations.create.isPending || mutations.update.isPending;

  /**
   * The registry person with the typed ID number (the number goes in a POST body, never a URL).
   * On an edit the stored link is kept unless the box is cleared.
   */
  async function registryPerson(values: Values): Promise<string | null> {
    if (!values.linkRegistry) return null;
    if (editing && trainer.personId && !values.idNumber.trim()) return trainer.personId;
    if (!values.idNumber.trim()) {
      // an edit shows the number masked: to look it up, it has to be typed again
      throw new ApiError(400, 'VALIDATION_FAILED', '请填写身份证号', [
        { field: 'body.idNumber', label: '身份证号', message: '关联实名库须按身份证号查找，请在此再次填写身份证号' },
      ]);
    }
    const { person } = await apiCall(searchPersonById, { body: { number: values.idNumber.trim() } });
    if (!person) {
      throw new ApiError(400, 'VALIDATION_FAILED', '实名库中没有该身份证号的登记', [
        { field: 'body.linkRegistry', label: '关联实名库', message: '实名库中没有该身份证号的登记（或不在本账号管辖范围内）' },
      ]);
    }
    return person.id;
  }

  async function submit(values: Values) {
    errors.clear();
    let personId: string | null;
    try {
      personId = await registryPerson(values);
    } catch (error) {
      errors.showError(error);
      return;
    }
    const common = {
      name: values.name.trim(),
      countyCode: values.countyCode ?? '',
      sources: values.sources,
      engagement: values.engagement,
      occupations: listFromText(values.occupations),
      joinedOn: values.joinedOn,
      qualifications: values.qualifications.map((q) => ({
        kind: q.kind,
        title: q.title.trim(),
        serialNumber: orNull(q.serialNumber),
        level: orNull(q.level),
        occupation: orNull(q.occupation),
        issuer: orNull(q.issuer),
        issuedOn: q.issuedOn || null,
        expiresOn: q.expiresOn || null,
      })),
      institutions: values.institutions.map((i) => ({
        institutionId: i.institutionId,
        role: i.role,
        fromOn: i.fromOn,
        toOn: i.toOn || null,
      })),
      remarks: orNull(values.remarks),
      personId,
    };
    try {
      const saved = editing
        ? await mutations.update.mutateAsync({
            id: trainer.id,
            body: {
              ...common,
              ...(values.idNumber.trim() && { idNumber: values.idNumber.trim() }),
              ...(values.phone.trim() && { phone: values.phone.trim() }),
              status: values.status,
              leftOn: values.status === 'left' ? values.leftOn || null : null,
              version: trainer.version,
            },
          })
        : await mutations.create.mutateAsync({ ...common, idNumber: values.idNumber.trim(), phone: orNull(values.phone) });
      const state: TrainerLocationState = { notice: editing ? '师资信息已保存。' : '师资已入库。' };
      await navigate(`/trainers/${saved.id}`, { state });
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        className="person-form"
        initialValues={toValues(trainer, user.region.level === 'county' ? user.region.code : null)}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <fieldset className="form-section">
          <legend>身份信息</legend>
          {editing && (
            <p>
              当前身份证号：
              <MaskedText value={trainer.idNumber} />
              ；联系电话：
              <MaskedText value={trainer.phone} />
              。不修改时请将下面两项留空。
            </p>
          )}
          <Form.Item
            name="idNumber"
            label={editing ? '新身份证号（不修改请留空）' : '身份证号'}
            extra="性别和出生日期由身份证号自动得出。"
            rules={editing ? [] : [{ required: true, message: '请填写身份证号' }]}
          >
            <Input autoComplete="off" maxLength={32} />
          </Form.Item>
          <Form.Item name="name" label="姓名" rules={[{ required: true, message: '请填写姓名' }]}>
            <Input autoComplete="off" maxLength={64} />
          </Form.Item>
          <Form.Item name="phone" label={editing ? '新联系电话（不修改请留空）' : '联系电话（选填）'}>
            <Input autoComplete="off" inputMode="tel" maxLength={32} />
          </Form.Item>
          {userCan(user, 'persons.read') && (
            <Form.Item
              name="linkRegistry"
              valuePropName="checked"
              extra={
                editing && trainer.personId
                  ? '已关联实名库登记；取消勾选即解除关联。'
                  : '勾选后按上面的身份证号在残疾人实名库中查找并关联。'
              }
            >
              <Checkbox>师资本人为残疾人，关联实名库登记</Checkbox>
            </Form.Item>
          )}
        </fieldset>
        <fieldset className="form-section">
          <legend>入库信息</legend>
          <Form.Item name="countyCode" label="登记县区" rules={[{ required: true, message: '请选择登记县区' }]}>
            <RegionPicker root={root} emptyLabel="请选择" emptyDisabled />
          </Form.Item>
          <Form.Item name="sources" rules={[{ required: true, type: 'array', min: 1, message: '请至少选择一个来源类别' }]}>
            <CodeCheckboxes legend="来源类别（可多选）" codes={trainerSources} labels={trainerSourceLabels} />
          </Form.Item>
          <Form.Item name="engagement" label="专职/兼职">
            <NativeSelect options={engagementOptions} />
          </Form.Item>
          <Form.Item name="occupations" label="授课职业（工种）" extra="多个职业用顿号“、”分隔，例如：保健按摩师、电子商务师。">
            <Input autoComplete="off" maxLength={400} />
          </Form.Item>
          <Form.Item
            name="joinedOn"
            label="入库日期"
            extra="五年轮训周期从入库日期起算。"
            rules={[{ required: true, message: '请选择入库日期' }]}
          >
            <Input type="date" max={todayInChina()} />
          </Form.Item>
          {editing && (
            <>
              <Form.Item name="status" label="在库状态">
                <NativeSelect options={statusOptions} />
              </Form.Item>
              {status === 'left' && (
                <Form.Item name="leftOn" label="退出日期" rules={[{ required: true, message: '请选择退出日期' }]}>
                  <Input type="date" max={todayInChina()} />
                </Form.Item>
              )}
            </>
          )}
        </fieldset>
        <fieldset className="form-section">
          <legend>证书与资质</legend>
          <Form.List name="qualifications">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <fieldset key={field.key} className="qualification-item">
                    <legend>证书 {index + 1}</legend>
                    <Form.Item name={[field.name, 'kind']} label="证书类别">
                      <NativeSelect options={kindOptions} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'title']} label="证书名称" rules={[{ required: true, message: '请填写证书名称' }]}>
                      <Input autoComplete="off" maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'level']} label="等级（选填）">
                      <Input autoComplete="off" maxLength={32} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'occupation']} label="职业（工种）（选填）">
                      <Input autoComplete="off" maxLength={64} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'serialNumber']} label="证书编号（选填）">
                      <Input autoComplete="off" maxLength={64} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'issuer']} label="发证机构（选填）">
                      <Input autoComplete="off" maxLength={100} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'issuedOn']} label="发证日期（选填）">
                      <Input type="date" max={todayInChina()} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'expiresOn']} label="有效期至（长期有效请留空）">
                      <Input type="date" />
                    </Form.Item>
                    <Button htmlType="button" icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(field.name)}>
                      删除证书 {index + 1}
                    </Button>
                  </fieldset>
                ))}
                <Button htmlType="button" icon={<PlusOutlined aria-hidden />} onClick={() => add({ ...emptyQualification })}>
                  添加证书
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
        <fieldset className="form-section">
          <legend>所在机构</legend>
          <Form.List name="institutions">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => (
                  <fieldset key={field.key} className="institution-item">
                    <legend>机构 {index + 1}</legend>
                    <Form.Item
                      name={[field.name, 'institutionId']}
                      label="培训机构"
                      rules={[{ required: true, message: '请选择培训机构' }]}
                    >
                      <NativeSelect options={institutionOptions} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'role']} label="承担角色">
                      <NativeSelect options={roleOptions} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'fromOn']} label="起始日期" rules={[{ required: true, message: '请选择起始日期' }]}>
                      <Input type="date" />
                    </Form.Item>
                    <Form.Item name={[field.name, 'toOn']} label="截止日期（仍在该机构请留空）">
                      <Input type="date" />
                    </Form.Item>
                    <Button htmlType="button" icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(field.name)}>
                      删除机构 {index + 1}
                    </Button>
                  </fieldset>
                ))}
                <Button
                  htmlType="button"
                  icon={<PlusOutlined aria-hidden />}
                  onClick={() => add({ institutionId: '', role: 'teacher', fromOn: todayInChina(), toOn: '' })}
                >
                  添加所在机构
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>
        <Form.Item name="remarks" label="备注（选填）">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
        <div className="form-actions">
          <Button type="primary" htmlType="submit" loading={pending}>
            {editing ? '保存修改' : '入库'}
          </Button>
          <Button htmlType="button" onClick={() => void navigate(editing ? `/trainers/${trainer.id}` : '/trainers')}>
            取消
          </Button>
        </div>
      </Form>
    </>
  );
}
