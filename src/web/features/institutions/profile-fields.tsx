import { Form, Input } from 'antd';
import type { z } from 'zod';
import { institutionProfileInput } from '../../../shared/contracts/institutions-contracts';
import { accessibilityFeatureLabels, accessibilityFeatures } from '../../../shared/domain/institution-codes';
import { CodeCheckboxes } from '../../components/code-checkboxes';
import { occupationsFromText } from './institution-labels';

export const typingDelay = 400;

/**
 * An antd rule from a field's shared zod schema: the browser refuses exactly what the server would,
 * with the same Chinese message. `prepare` turns the form's value into the API's (e.g. lines → list).
 */
export function sharedRule(schema: z.ZodType, prepare: (value: unknown) => unknown = (value) => value ?? '') {
  return {
    validator: async (_: unknown, value: unknown) => {
      const result = schema.safeParse(prepare(value));
      if (!result.success) throw new Error(result.error.issues[0]?.message ?? '格式不正确');
    },
  };
}

const shape = institutionProfileInput.shape;

/** The form's values of the part an institution describes itself (occupations as lines of text). */
export interface ProfileFormValues {
  contactName: string;
  contactPhone: string;
  accessibility: (typeof accessibilityFeatures)[number][];
  accessibilityNote: string;
  offeredOccupations: string;
}

export function profileBody(values: ProfileFormValues) {
  return {
    contactName: values.contactName,
    contactPhone: values.contactPhone,
    accessibility: values.accessibility ?? [],
    accessibilityNote: values.accessibilityNote?.trim() || null,
    offeredOccupations: occupationsFromText(values.offeredOccupations),
  };
}

/** Contacts, premises and occupations: the fields both the federation's form and 我的机构 edit. */
export function ProfileFields() {
  return (
    <>
      <fieldset className="form-section">
        <legend>联系人</legend>
        <Form.Item name="contactName" label="联系人" required validateDebounce={typingDelay} rules={[sharedRule(shape.contactName)]}>
          <Input autoComplete="off" maxLength={32} />
        </Form.Item>
        <Form.Item
          name="contactPhone"
          label="联系电话"
          required
          validateDebounce={typingDelay}
          extra="11 位手机号，或带区号的固定电话（如 0931-8123456）。"
          rules={[sharedRule(shape.contactPhone)]}
        >
          <Input type="tel" autoComplete="off" maxLength={24} className="number-input" />
        </Form.Item>
      </fieldset>
      <fieldset className="form-section">
        <legend>场所无障碍</legend>
        <Form.Item name="accessibility" extra="选择培训场所实际具备的设施和可提供的服务，学员会据此选择机构。">
          <CodeCheckboxes legend="无障碍设施与服务（可多选）" codes={accessibilityFeatures} labels={accessibilityFeatureLabels} />
        </Form.Item>
        <Form.Item name="accessibilityNote" label="无障碍说明" rules={[sharedRule(shape.accessibilityNote)]}>
          <Input.TextArea rows={3} maxLength={500} showCount />
        </Form.Item>
      </fieldset>
      <fieldset className="form-section">
        <legend>开设职业（工种）</legend>
        <Form.Item
          name="offeredOccupations"
          label="开设的职业（工种）"
          extra="每行填写一个，例如“保健按摩师”，最多 30 个。"
          validateDebounce={typingDelay}
          rules={[sharedRule(shape.offeredOccupations, (value) => occupationsFromText(value as string | undefined))]}
        >
          <Input.TextArea rows={5} />
        </Form.Item>
      </fieldset>
    </>
  );
}
