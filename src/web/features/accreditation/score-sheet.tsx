import '../persons/persons.css';
import './accreditation.css';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { ScoreSheetView } from '../../../shared/contracts/accreditation-contracts';
import { ErrorSummary } from '../../components/error-summary';
import { LoadingState } from '../../components/loading-state';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import { DetailTable } from '../../components/detail-table';
import { useAccreditationMutations, useScoreSheet } from './use-accreditation';

interface Values {
  items: { key: string; label: string; maxScore: string }[];
  keepMin: string;
  downgradeMin: string;
  suspendMin: string;
}

const formName = 'score-sheet';

function toValues(sheet: ScoreSheetView): Values {
  return {
    items: sheet.items.map((i) => ({ key: i.key, label: i.label, maxScore: String(i.maxScore) })),
    keepMin: String(sheet.thresholds.keepMin),
    downgradeMin: String(sheet.thresholds.downgradeMin),
    suspendMin: String(sheet.thresholds.suspendMin),
  };
}

/** The current sheet for everyone who evaluates; province staff publish a new version. */
export function ScoreSheetPage() {
  const user = useCurrentUser();
  const sheet = useScoreSheet();
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState('');
  const canEdit = userCan(user, 'evaluation_sheet.manage') && user.region.level === 'province';

  if (sheet.isPending) return <LoadingState />;
  if (sheet.isError) return <Alert type="error" role="alert" showIcon title={errorMessage(sheet.error)} />;
  const current = sheet.data;
  return (
    <>
      <p role="status" className="list-status">
        {message}
      </p>
      <DetailTable
        caption={`现行评分表：第 ${current.version} 版（满分 ${current.maxTotal}）`}
        headers={['评分项', '满分', '代码']}
        empty="评分表没有评分项。"
        rows={current.items.map((i) => ({ key: i.key, cells: [i.label, String(i.maxScore), i.key] }))}
      />
      <p>
        分数线：总分 ≥ {current.thresholds.keepMin} 建议保留；≥ {current.thresholds.downgradeMin} 建议降级；≥{' '}
        {current.thresholds.suspendMin} 建议暂停；低于 {current.thresholds.suspendMin} 建议摘牌。建议仅供参考，结论由审核人作出并说明理由。
      </p>
      {canEdit && !editing && (
        <Button htmlType="button" onClick={() => setEditing(true)}>
          修改并发布新版…
        </Button>
      )}
      {canEdit && editing && (
        <SheetEditor
          sheet={current}
          onDone={(text) => {
            setEditing(false);
            setMessage(text);
          }}
          onCancel={() => setEditing(false)}
        />
      )}
    </>
  );
}

function SheetEditor({ sheet, onDone, onCancel }: { sheet: ScoreSheetView; onDone: (message: string) => void; onCancel: () => void }) {
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, formName);
  const { publishSheet } = useAccreditationMutations();
  const number = (label: string) => ({
    validator: (_: unknown, value: string) =>
      value !== '' && Number.isFinite(Number(value)) && Number(value) >= 0
        ? Promise.resolve()
        : Promise.reject(new Error(`${label}须为不小于 0 的数`)),
  });

  async function submit(values: Values) {
    errors.clear();
    try {
      const saved = await publishSheet.mutateAsync({
        items: values.items.map((i) => ({ key: i.key.trim(), label: i.label.trim(), maxScore: Number(i.maxScore) })),
        thresholds: { keepMin: Number(values.keepMin), downgradeMin: Number(values.downgradeMin), suspendMin: Number(values.suspendMin) },
        baseVersion: sheet.version,
      });
      onDone(`已发布评分表第 ${saved.version} 版。已有评估保留原版本。`);
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <section aria-labelledby="sheet-edit-heading">
      <h2 id="sheet-edit-heading">编辑评分表（发布为第 {sheet.version + 1} 版）</h2>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        initialValues={toValues(sheet)}
        onFinish={(v) => void submit(v)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.List name="items">
          {(fields, { add, remove }) => (
            <>
              {fields.map((field, index) => (
                <fieldset key={field.key} className="checkbox-fieldset">
                  <legend>评分项 {index + 1}</legend>
                  <div className="sheet-item-row">
                    <Form.Item
                      name={[field.name, 'key']}
                      label="代码"
                      rules={[{ required: true, pattern: /^[a-z][a-z0-9_]{1,39}$/, message: '小写字母开头的字母、数字或下划线' }]}
                    >
                      <Input autoComplete="off" maxLength={40} />
                    </Form.Item>
                    <Form.Item
                      name={[field.name, 'label']}
                      label="名称"
                      rules={[{ required: true, whitespace: true, message: '请填写评分项名称' }]}
                    >
                      <Input autoComplete="off" maxLength={40} />
                    </Form.Item>
                    <Form.Item name={[field.name, 'maxScore']} label="满分" required rules={[number('满分')]}>
                      <Input inputMode="decimal" autoComplete="off" maxLength={6} />
                    </Form.Item>
                    <Button htmlType="button" onClick={() => remove(field.name)} disabled={fields.length <= 1}>
                      删除评分项 {index + 1}
                    </Button>
                  </div>
                </fieldset>
              ))}
              <Button htmlType="button" onClick={() => add({ key: '', label: '', maxScore: '10' })}>
                添加评分项
              </Button>
            </>
          )}
        </Form.List>
        <Form.Item name="keepMin" required label="保留分数线（总分不低于）" rules={[number('保留分数线')]}>
          <Input inputMode="decimal" autoComplete="off" maxLength={6} />
        </Form.Item>
        <Form.Item name="downgradeMin" required label="降级分数线（总分不低于）" rules={[number('降级分数线')]}>
          <Input inputMode="decimal" autoComplete="off" maxLength={6} />
        </Form.Item>
        <Form.Item name="suspendMin" required label="暂停分数线（总分不低于，低于此线建议摘牌）" rules={[number('暂停分数线')]}>
          <Input inputMode="decimal" autoComplete="off" maxLength={6} />
        </Form.Item>
        <div className="button-row">
          <Button type="primary" htmlType="submit" loading={publishSheet.isPending}>
            发布新版
          </Button>
          <Button htmlType="button" onClick={onCancel}>
            取消
          </Button>
        </div>
      </Form>
    </section>
  );
}
