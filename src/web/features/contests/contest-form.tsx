import '../persons/persons.css';
import { Form, Input } from 'antd';
import type { ContestDetail } from '../../../shared/contracts/contests-contracts';
import {
  contestLevelLabels,
  contestLevelsFor,
  contestStatusLabels,
  contestStatuses,
  type ContestLevel,
  type ContestStatus,
} from '../../../shared/domain/contest-codes';
import { ErrorSummary } from '../../components/error-summary';
import { chooseOptions, FormActions, requiredText } from '../../components/form-fields';
import { NativeSelect } from '../../components/native-select';
import { useFormErrors } from '../../lib/use-form-errors';
import { useCurrentUser } from '../auth/use-session';
import { useContestMutations } from './use-contests';

interface ContestFormValues {
  name: string;
  level: ContestLevel | '';
  occupations: string;
  startsOn: string;
  endsOn: string;
  venue: string;
  organiser: string;
  remarks: string;
  status: ContestStatus;
}

const formName = 'contest-form';

function initial(contest: ContestDetail | null): ContestFormValues {
  return {
    name: contest?.name ?? '',
    level: contest?.level ?? '',
    occupations: contest?.occupations.join('\n') ?? '',
    startsOn: contest?.startsOn ?? '',
    endsOn: contest?.endsOn ?? '',
    venue: contest?.venue ?? '',
    organiser: contest?.organiser ?? '',
    remarks: contest?.remarks ?? '',
    status: contest?.status ?? 'planned',
  };
}

/** Records a contest of the account's own region, or changes one (with its status). */
export function ContestForm({
  editing,
  onSaved,
  onCancel,
}: {
  editing: ContestDetail | null;
  onSaved: (contest: ContestDetail) => void;
  onCancel: () => void;
}) {
  const user = useCurrentUser();
  const [form] = Form.useForm<ContestFormValues>();
  const errors = useFormErrors(form, formName);
  const mutations = useContestMutations();
  const levels = contestLevelsFor(user.region.level);
  const levelOptions = chooseOptions(levels, contestLevelLabels);
  const statusOptions = contestStatuses.map((value) => ({ value, label: contestStatusLabels[value] }));

  async function save(values: ContestFormValues) {
    errors.clear();
    const body = {
      name: values.name.trim(),
      level: values.level as ContestLevel,
      occupations: values.occupations
        .split(/\n|、|,|，/)
        .map((line) => line.trim())
        .filter(Boolean),
      startsOn: values.startsOn,
      endsOn: values.endsOn,
      venue: values.venue.trim() || null,
      organiser: values.organiser.trim(),
      remarks: values.remarks.trim() || null,
    };
    try {
      const saved = editing
        ? await mutations.update.mutateAsync({ id: editing.id, body: { ...body, status: values.status, version: editing.version } })
        : await mutations.create.mutateAsync(body);
      onSaved(saved);
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
        initialValues={initial(editing)}
        onFinish={(values) => void save(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item
          name="name"
          label="竞赛名称"
          rules={[requiredText('请填写竞赛名称'), { min: 4, max: 100, message: '竞赛名称为 4 至 100 个字' }]}
        >
          <Input autoComplete="off" maxLength={100} />
        </Form.Item>
        <Form.Item name="level" label="竞赛级别" rules={[{ required: true, message: '请选择竞赛级别' }]}>
          <NativeSelect options={levelOptions} />
        </Form.Item>
        <Form.Item
          name="occupations"
          label="竞赛项目（职业/工种）"
          extra="每行一个项目，例如：盲人按摩。"
          rules={[requiredText('请至少填写一个竞赛项目')]}
        >
          <Input.TextArea rows={4} maxLength={2000} />
        </Form.Item>
        <Form.Item name="startsOn" label="开始日期" rules={[{ required: true, message: '请填写开始日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="endsOn" label="结束日期" rules={[{ required: true, message: '请填写结束日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="organiser" label="主办单位" rules={[requiredText('请填写主办单位')]}>
          <Input autoComplete="organization" maxLength={100} />
        </Form.Item>
        <Form.Item name="venue" label="比赛地点（可选）">
          <Input autoComplete="off" maxLength={200} />
        </Form.Item>
        <Form.Item name="remarks" label="备注（可选）">
          <Input.TextArea rows={3} maxLength={1000} />
        </Form.Item>
        {editing && (
          <Form.Item name="status" label="状态">
            <NativeSelect options={statusOptions} />
          </Form.Item>
        )}
        <FormActions submit="保存" pending={mutations.create.isPending || mutations.update.isPending} onCancel={onCancel} />
      </Form>
    </>
  );
}
