import '../persons/persons.css';
import '../accreditation/accreditation.css';
import './classes.css';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Input } from 'antd';
import { useCallback, useState } from 'react';
import { Link, useNavigate } from 'react-router';
import {
  type ClassDetail,
  type ClassFormOptions,
  type ClassInput,
  classTrainerRoleLabels,
  classTrainerRoles,
  type ClassTrainerRole,
} from '../../../shared/contracts/classes-contracts';
import {
  classTrainingTypeLabels,
  classTrainingTypes,
  type ClassTrainingType,
  formatFen,
  periodCodeLabels,
  periodCodeOf,
  trainingYearOf,
  venueFeatureLabels,
  venueFeatures,
  type VenueFeature,
} from '../../../shared/domain/class-codes';
import { accommodationLabels, accommodationNeeds, type AccommodationNeed } from '../../../shared/domain/person-codes';
import { addDays, isCalendarDate } from '../../../shared/domain/trainer-rotation';
import { CodeCheckboxes } from '../../components/code-checkboxes';
import { ErrorSummary, type SummaryError } from '../../components/error-summary';
import { chooseOptions, requiredText } from '../../components/form-fields';
import { LoadingState } from '../../components/loading-state';
import { NativeSelect } from '../../components/native-select';
import { RegionPicker } from '../../components/region-picker';
import { ApiError } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { chinaDateTime, chinaInstant } from '../../lib/formatters';
import { fenToYuanText, type SessionDraft, yuanToFen } from './class-form-values';
import { ClassScheduleEditor, scheduleSectionId, sessionRowId } from './class-schedule-editor';
import { useClassFormOptions, useClassMutations, useProvinceRegions } from './use-classes';

interface TrainerValues {
  trainerId: string;
  role: ClassTrainerRole;
}

interface Values {
  programmeId: string;
  name: string;
  trainingType: string;
  venueBaseId: string;
  venueAddress: string;
  venueRegionCode: string | null;
  venueFeatures: VenueFeature[];
  venueNotes: string;
  startsOn: string;
  endsOn: string;
  hours: string;
  plannedSize: string;
  budgetYuan: string;
  accommodationsOffered: AccommodationNeed[];
  examOn: string;
  remarks: string;
  trainers: TrainerValues[];
}

export interface ClassLocationState {
  /** a short confirmation shown once in the detail page's status line */
  notice?: string;
}

const formName = 'class-form';
const typeOptions = chooseOptions(classTrainingTypes, classTrainingTypeLabels);
const roleOptions = classTrainerRoles.map((value) => ({ value, label: classTrainerRoleLabels[value] }));
/** request fields the form holds under another name */
const fieldAliases: Record<string, string> = { budgetFen: 'budgetYuan' };

function toValues(detail: ClassDetail | undefined, options: ClassFormOptions): Values {
  if (!detail) {
    return {
      programmeId: '',
      name: '',
      trainingType: '',
      venueBaseId: '',
      venueAddress: '',
      venueRegionCode: options.institution.countyCode,
      venueFeatures: [],
      venueNotes: '',
      startsOn: '',
      endsOn: '',
      hours: '',
      plannedSize: '',
      budgetYuan: '',
      accommodationsOffered: [],
      examOn: '',
      remarks: '',
      trainers: [],
    };
  }
  return {
    programmeId: detail.programmeId,
    name: detail.name,
    trainingType: detail.trainingType,
    venueBaseId: detail.venueBaseId ?? '',
    venueAddress: detail.venueAddress,
    venueRegionCode: detail.venueRegionCode,
    venueFeatures: detail.venueFeatures,
    venueNotes: detail.venueNotes ?? '',
    startsOn: detail.startsOn,
    endsOn: detail.endsOn,
    hours: String(detail.hours),
    plannedSize: String(detail.plannedSize),
    budgetYuan: fenToYuanText(detail.budgetFen),
    accommodationsOffered: detail.accommodationsOffered.filter((a): a is AccommodationNeed =>
      (accommodationNeeds as readonly string[]).includes(a),
    ),
    examOn: detail.examOn ?? '',
    remarks: detail.remarks ?? '',
    trainers: detail.trainers.map((t) => ({ trainerId: t.trainerId, role: t.role })),
  };
}

function toSessions(detail: ClassDetail | undefined): SessionDraft[] {
  return (detail?.sessions ?? []).map((s) => {
    const start = chinaDateTime(s.startsAt);
    return { date: start.date, startTime: start.time, endTime: chinaDateTime(s.endsAt).time, topic: s.topic, trainerId: s.trainerId ?? '' };
  });
}

const wholeNumber = (label: string) => ({
  validator: (_: unknown, value: string) =>
    !value || /^\d+$/.test(value.trim()) ? Promise.resolve() : Promise.reject(new Error(`${label}须为整数`)),
});

/**
 * The opening application (开班申请), new or changed while it is a draft or returned. It is saved as
 * a draft; submitting it for review is a step on the class's page. The form waits for its options
 * (programmes, bases, trainers), so its starting values are complete when it mounts.
 */
export function ClassForm({ detail }: { detail?: ClassDetail }) {
  const options = useClassFormOptions(detail?.startsOn);
  if (detail && !detail.canEdit) {
    return (
      <>
        <Alert type="warning" role="alert" showIcon title="这个培训班当前不能修改：开班申请只有在草稿或退回修改时可以修改。" />
        <p>
          <Link to={`/classes/${detail.id}`}>返回培训班详情</Link>
        </p>
      </>
    );
  }
  if (options.isError && !options.data) return <Alert type="error" role="alert" showIcon title={errorMessage(options.error)} />;
  if (!options.data) return <LoadingState label="正在加载培训项目、基地和师资…" />;
  return <ClassFormFields detail={detail} initialOptions={options.data} />;
}

function ClassFormFields({ detail, initialOptions }: { detail?: ClassDetail; initialOptions: ClassFormOptions }) {
  const navigate = useNavigate();
  const [form] = Form.useForm<Values>();
  const [errors, setErrors] = useState<SummaryError[]>([]);
  const [sessions, setSessions] = useState<SessionDraft[]>(() => toSessions(detail));
  const { create, update } = useClassMutations();
  const province = useProvinceRegions();
  const startsOn = Form.useWatch('startsOn', form) ?? detail?.startsOn ?? '';
  const endsOn = Form.useWatch('endsOn', form) ?? detail?.endsOn ?? '';
  const programmeId = Form.useWatch('programmeId', form) ?? detail?.programmeId ?? '';
  const budgetYuan = Form.useWatch('budgetYuan', form) ?? '';
  const chosenTrainers = Form.useWatch('trainers', form) ?? [];
  // the trainers' may-teach answers follow the start date as it is typed (a whole date only)
  const current = useClassFormOptions(isCalendarDate(startsOn) ? startsOn : undefined);
  const options = current.data ?? initialOptions;
  const programme = options.programmes.find((p) => p.id === programmeId);
  const editing = detail !== undefined;
  const pending = create.isPending || update.isPending;
  const budgetFen = yuanToFen(budgetYuan);

  const programmeOptions = [
    { value: '', label: '请选择', disabled: true },
    ...options.programmes.map((p) => ({ value: p.id, label: `${p.name}（${p.code}）` })),
    // a returned application may name a programme that has since left the current catalogue
    ...(detail && !options.programmes.some((p) => p.id === detail.programmeId)
      ? [{ value: detail.programmeId, label: `${detail.programmeName}（${detail.programmeCode}，已不在现行目录）` }]
      : []),
  ];
  const baseOptions = [
    { value: '', label: '不在挂牌基地举办' },
    ...options.bases.map((b) => ({ value: b.id, label: b.plaqueNo ? `${b.baseName}（${b.plaqueNo}）` : b.baseName })),
  ];
  const trainerOptions = [{ value: '', label: '请选择', disabled: true }, ...options.trainers.map((t) => ({ value: t.id, label: t.name }))];
  const classTrainers = chosenTrainers
    .map((c) => options.trainers.find((t) => t.id === c?.trainerId))
    .filter((t): t is ClassFormOptions['trainers'][number] => t !== undefined);

  const showServerError = useCallback(
    (error: unknown) => {
      if (!(error instanceof ApiError) || error.issues.length === 0) {
        setErrors([{ message: errorMessage(error) }]);
        return;
      }
      const summary: SummaryError[] = [];
      for (const issue of error.issues) {
        const [head = '', ...rest] = issue.field.replace(/^body\./, '').split('.');
        if (head === 'sessions') {
          const index = rest[0] !== undefined && /^\d+$/.test(rest[0]) ? Number(rest[0]) : null;
          summary.push(
            index === null
              ? { message: `课程表：${issue.message}`, fieldId: scheduleSectionId }
              : { message: `第 ${index + 1} 次课：${issue.message}`, fieldId: sessionRowId(index) },
          );
          continue;
        }
        const name = [fieldAliases[head] ?? head, ...rest].map((part) => (/^\d+$/.test(part) ? Number(part) : part));
        const fieldId = `${formName}_${name.join('_')}`;
        if (document.getElementById(fieldId)) {
          form.setFields([{ name: name as Parameters<typeof form.setFields>[0][number]['name'], errors: [issue.message] }]);
          summary.push({ message: `${issue.label}：${issue.message}`, fieldId });
        } else {
          summary.push({ message: `${issue.label}：${issue.message}` });
        }
      }
      setErrors(summary);
    },
    [form],
  );

  async function submit(values: Values) {
    setErrors([]);
    const body: ClassInput = {
      programmeId: values.programmeId,
      name: values.name.trim(),
      trainingType: values.trainingType as ClassTrainingType,
      venueBaseId: values.venueBaseId || null,
      venueAddress: values.venueAddress.trim(),
      venueRegionCode: values.venueRegionCode ?? '',
      venueFeatures: values.venueFeatures,
      venueNotes: values.venueNotes.trim() || null,
      startsOn: values.startsOn,
      endsOn: values.endsOn,
      hours: Number(values.hours.trim()),
      plannedSize: Number(values.plannedSize.trim()),
      budgetFen: yuanToFen(values.budgetYuan) ?? 0,
      accommodationsOffered: values.accommodationsOffered,
      examOn: values.examOn || null,
      remarks: values.remarks.trim() || null,
      trainers: values.trainers.map((t) => ({ trainerId: t.trainerId, role: t.role })),
      sessions: sessions.map((s) => ({
        startsAt: chinaInstant(s.date, s.startTime),
        endsAt: chinaInstant(s.date, s.endTime),
        topic: s.topic,
        trainerId: s.trainerId || null,
      })),
    };
    try {
      const saved = editing
        ? await update.mutateAsync({ id: detail.id, body: { ...body, version: detail.version } })
        : await create.mutateAsync(body);
      const state: ClassLocationState = {
        notice: editing ? '开班申请已保存。' : `开班申请已保存为草稿，班级编号 ${saved.classNo}。核对无误后请在本页“提交开班申请”。`,
      };
      await navigate(`/classes/${saved.id}`, { state });
    } catch (error) {
      showServerError(error);
    }
  }

  const derived =
    isCalendarDate(startsOn) && isCalendarDate(endsOn) && endsOn >= startsOn
      ? `培训期限：${periodCodeLabels[periodCodeOf(startsOn, endsOn)]}；培训年度：${trainingYearOf(startsOn)} 年`
      : null;

  return (
    <>
      <ErrorSummary errors={errors} />
      <Form<Values>
        form={form}
        name={formName}
        layout="vertical"
        className="person-form class-form"
        initialValues={toValues(detail, initialOptions)}
        onValuesChange={(changed: Partial<Values>) => {
          // choosing a programme fills its catalogue hours and type; both stay editable
          if (changed.programmeId) {
            const chosen = options.programmes.find((p) => p.id === changed.programmeId);
            if (chosen) {
              form.setFieldsValue({
                hours: String(chosen.hours),
                ...((classTrainingTypes as readonly string[]).includes(chosen.trainingType) && { trainingType: chosen.trainingType }),
              });
            }
          }
        }}
        onFinish={(values) => void submit(values)}
        onFinishFailed={({ errorFields }) =>
          setErrors(errorFields.flatMap((f) => f.errors.map((message) => ({ message, fieldId: `${formName}_${f.name.join('_')}` }))))
        }
      >
        <fieldset className="form-section">
          <legend>培训项目与班级</legend>
          <p>
            承办机构：{options.institution.name}（{options.institution.countyName}）
          </p>
          <Form.Item
            name="programmeId"
            label="培训项目（现行培训目录）"
            rules={[{ required: true, message: '请选择培训项目' }]}
            extra={
              programme
                ? `目录规定：${classTrainingTypeLabels[programme.trainingType as ClassTrainingType] ?? programme.trainingType}，${programme.hours} 学时。选择后已代入下面的培训类型和学时，可按实际修改。`
                : '选择后自动代入该项目的培训类型和学时。'
            }
          >
            <NativeSelect options={programmeOptions} />
          </Form.Item>
          <Form.Item
            name="name"
            label="培训班名称"
            rules={[requiredText('请填写培训班名称'), { min: 4, message: '培训班名称至少 4 个字' }]}
          >
            <Input autoComplete="off" maxLength={100} />
          </Form.Item>
          <Form.Item name="trainingType" label="培训类型" rules={[{ required: true, message: '请选择培训类型' }]}>
            <NativeSelect options={typeOptions} />
          </Form.Item>
          <Form.Item name="venueBaseId" label="举办基地" extra={options.bases.length === 0 ? '本机构暂无有效的挂牌基地。' : undefined}>
            <NativeSelect options={baseOptions} />
          </Form.Item>
        </fieldset>

        <fieldset className="form-section">
          <legend>培训场地</legend>
          <Form.Item name="venueAddress" label="培训地点（详细地址）" rules={[requiredText('请填写培训地点')]}>
            <Input autoComplete="off" maxLength={200} />
          </Form.Item>
          <Form.Item name="venueRegionCode" label="场地所在区域" rules={[{ required: true, message: '请选择场地所在区域' }]}>
            <RegionPicker root={province} emptyLabel="请选择" emptyDisabled />
          </Form.Item>
          <Form.Item name="venueFeatures">
            <CodeCheckboxes legend="场地无障碍情况（可多选）" codes={venueFeatures} labels={venueFeatureLabels} />
          </Form.Item>
          <Form.Item name="venueNotes" label="场地说明" extra="例如：教室楼层、无障碍通道位置、盲道走向。">
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={500} />
          </Form.Item>
        </fieldset>

        <fieldset className="form-section">
          <legend>时间、规模与预算</legend>
          <Form.Item
            name="startsOn"
            label="开班日期"
            rules={[{ required: true, message: '请选择开班日期' }]}
            extra={`开班申请须在开班前至少 ${options.submitLeadDays} 天提交：今天提交，开班日期最早为 ${addDays(options.today, options.submitLeadDays)}。`}
          >
            <Input type="date" />
          </Form.Item>
          <Form.Item
            name="endsOn"
            label="结业日期"
            dependencies={['startsOn']}
            rules={[
              { required: true, message: '请选择结业日期' },
              ({ getFieldValue }) => ({
                validator: (_, value: string) =>
                  !value || !getFieldValue('startsOn') || value >= (getFieldValue('startsOn') as string)
                    ? Promise.resolve()
                    : Promise.reject(new Error('结业日期不能早于开班日期')),
              }),
            ]}
          >
            <Input type="date" />
          </Form.Item>
          {derived && <p className="derived-fields">{derived}</p>}
          <Form.Item name="hours" label="学时" rules={[{ required: true, message: '请填写学时' }, wholeNumber('学时')]}>
            <Input inputMode="numeric" autoComplete="off" maxLength={4} className="short-input" />
          </Form.Item>
          <Form.Item name="plannedSize" label="计划人数" rules={[{ required: true, message: '请填写计划人数' }, wholeNumber('计划人数')]}>
            <Input inputMode="numeric" autoComplete="off" maxLength={3} className="short-input" />
          </Form.Item>
          <Form.Item
            name="budgetYuan"
            label="预算（元）"
            extra={
              budgetFen !== null && budgetYuan.trim()
                ? `按 ${formatFen(budgetFen)} 保存。`
                : '以元为单位，最多两位小数，例如 58000 或 58000.50。'
            }
            rules={[
              { required: true, whitespace: true, message: '请填写预算' },
              {
                validator: (_, value: string) =>
                  !value?.trim() || yuanToFen(value) !== null
                    ? Promise.resolve()
                    : Promise.reject(new Error('预算须为金额（元），最多两位小数')),
              },
            ]}
          >
            <Input inputMode="decimal" autoComplete="off" maxLength={20} className="short-input" />
          </Form.Item>
          <Form.Item name="examOn" label="结业考核日期">
            <Input type="date" />
          </Form.Item>
          <Form.Item name="accommodationsOffered" extra="学员名册中的便利需求会另行汇总；这里填写本班已准备好的。">
            <CodeCheckboxes legend="本班提供的便利服务（可多选）" codes={accommodationNeeds} labels={accommodationLabels} />
          </Form.Item>
        </fieldset>

        <fieldset className="form-section">
          <legend>授课师资</legend>
          <p className="field-hint">
            {isCalendarDate(startsOn)
              ? `下面是各位师资在开班日（${startsOn}）能否授课的判断（五年一周期全员轮训）。不能授课的，须由残联记录特许后方可授课。`
              : '填写开班日期后，显示各位师资在开班日能否授课。'}
          </p>
          {options.trainers.length === 0 && <p>本机构在师资库中还没有师资，请先联系残联将师资入库。</p>}
          <Form.List name="trainers">
            {(fields, { add, remove }) => (
              <>
                {fields.map((field, index) => {
                  const chosen = options.trainers.find((t) => t.id === chosenTrainers[index]?.trainerId);
                  return (
                    <fieldset key={field.key} className="institution-item">
                      <legend>师资 {index + 1}</legend>
                      <Form.Item
                        name={[field.name, 'trainerId']}
                        label="师资"
                        rules={[
                          { required: true, message: '请选择师资' },
                          ({ getFieldValue }) => ({
                            validator: (_, value: string) =>
                              (getFieldValue('trainers') as TrainerValues[]).filter((t) => t?.trainerId === value).length > 1
                                ? Promise.reject(new Error('同一名师资只需添加一次'))
                                : Promise.resolve(),
                          }),
                        ]}
                      >
                        <NativeSelect options={trainerOptions} />
                      </Form.Item>
                      <Form.Item name={[field.name, 'role']} label="承担工作">
                        <NativeSelect options={roleOptions} />
                      </Form.Item>
                      {chosen && isCalendarDate(startsOn) && (
                        <p className={chosen.mayTeach.allowed ? 'may-teach-line' : 'may-teach-line is-refused'}>
                          <strong>{chosen.mayTeach.allowed ? '可以授课' : '不能授课'}</strong>：{chosen.mayTeach.reason}
                        </p>
                      )}
                      <Button htmlType="button" icon={<MinusCircleOutlined aria-hidden />} onClick={() => remove(field.name)}>
                        删除师资 {index + 1}
                      </Button>
                    </fieldset>
                  );
                })}
                <Button
                  htmlType="button"
                  icon={<PlusOutlined aria-hidden />}
                  disabled={options.trainers.length === 0}
                  onClick={() => {
                    add({ trainerId: '', role: fields.length === 0 ? 'lead' : 'assistant' });
                  }}
                >
                  添加授课师资
                </Button>
              </>
            )}
          </Form.List>
        </fieldset>

        <Form.Item name="remarks" label="备注">
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={1000} />
        </Form.Item>
      </Form>

      <ClassScheduleEditor
        sessions={sessions}
        onChange={setSessions}
        trainers={classTrainers.length > 0 ? classTrainers : options.trainers}
        period={() => ({ startsOn: form.getFieldValue('startsOn') as string, endsOn: form.getFieldValue('endsOn') as string })}
        topicPrefix={() => programme?.name ?? ''}
      />

      <div className="form-actions button-row">
        <Button type="primary" htmlType="button" loading={pending} onClick={() => form.submit()}>
          {editing ? '保存修改' : '保存为草稿'}
        </Button>
        <Button htmlType="button" onClick={() => void navigate(editing ? `/classes/${detail.id}` : '/classes')}>
          取消
        </Button>
      </div>
    </>
  );
}
