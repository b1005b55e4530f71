import { Form, Input } from 'antd';
import type { FundDetail } from '../../../shared/contracts/funds-contracts';
import { fundKindLabels, fundKinds, type FundKind } from '../../../shared/domain/subsidy-codes';
import { ErrorSummary } from '../../components/error-summary';
import { chooseOptions, FormActions, requiredText } from '../../components/form-fields';
import { NativeSelect } from '../../components/native-select';
import { RegionPicker } from '../../components/region-picker';
import { useFormErrors } from '../../lib/use-form-errors';
import { useCurrentUser } from '../auth/use-session';
import { useRegionTree } from '../regions/use-region-tree';
import { currentYear } from './fund-labels';
import { useFundMutations } from './use-funds';

interface Values {
  regionCode: string;
  year: string;
  fundKind: string;
  fundCode: string;
  fundName: string;
  donor: string;
  remarks: string;
}

const formName = 'fund';

/** 新建资金: a budget line or a donation of a region and year; the budget is entered on its page afterwards. */
export function FundForm({ onSaved, onCancel }: { onSaved: (f: FundDetail) => void; onCancel: () => void }) {
  const user = useCurrentUser();
  const { root } = useRegionTree(user.viewRegion?.code ?? user.region.code);
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, formName);
  const { create } = useFundMutations();
  const kind = Form.useWatch('fundKind', form);

  async function submit(v: Values) {
    errors.clear();
    try {
      onSaved(
        await create.mutateAsync({
          regionCode: v.regionCode,
          year: Number(v.year.trim()),
          fundKind: v.fundKind as FundKind,
          fundCode: v.fundCode.trim(),
          fundName: v.fundName.trim(),
          donor: v.donor.trim() || null,
          remarks: v.remarks.trim() || null,
        }),
      );
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <>
      <ErrorSummary errors={errors.errors} />
      <Form<Values>
        form={form}
        name={formName}
        layout="vertical"
        className="record-form"
        initialValues={{
          regionCode: user.viewRegion?.code ?? user.region.code,
          year: String(currentYear()),
          fundKind: '',
          fundCode: '',
          fundName: '',
          donor: '',
          remarks: '',
        }}
        onFinishFailed={errors.onFinishFailed}
        onFinish={(v) => void submit(v)}
      >
        <Form.Item name="regionCode" label="所属区域" rules={[{ required: true, message: '请选择所属区域' }]}>
          <RegionPicker root={root} emptyLabel="请选择" emptyDisabled />
        </Form.Item>
        <Form.Item
          name="year"
          label="年度"
          rules={[requiredText('请填写年度'), { pattern: /^\s*\d{4}\s*$/, message: '年度为 4 位数字，例如 2026' }]}
        >
          <Input inputMode="numeric" autoComplete="off" maxLength={4} />
        </Form.Item>
        <Form.Item name="fundKind" label="资金类别" rules={[{ required: true, message: '请选择资金类别' }]}>
          <NativeSelect options={chooseOptions(fundKinds, fundKindLabels)} />
        </Form.Item>
        <Form.Item
          name="fundCode"
          label="资金编码"
          extra="财政预算资金填预算科目编码，社会捐赠资金填捐赠协议号。"
          rules={[requiredText('请填写资金编码')]}
        >
          <Input autoComplete="off" maxLength={40} />
        </Form.Item>
        <Form.Item name="fundName" label="资金名称" rules={[requiredText('请填写资金名称')]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item
          name="donor"
          label={kind === 'donation' ? '捐赠方' : '捐赠方（社会捐赠资金填写）'}
          rules={kind === 'donation' ? [requiredText('社会捐赠资金请填写捐赠方')] : []}
        >
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="remarks" label="备注（可选）">
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
        <FormActions submit="新建资金" pending={create.isPending} onCancel={onCancel} />
      </Form>
    </>
  );
}
