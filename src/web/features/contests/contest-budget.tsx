import { Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { ContestDetail } from '../../../shared/contracts/contests-contracts';
import { budgetCategories, budgetCategoryLabels, type BudgetCategory } from '../../../shared/domain/contest-codes';
import { ErrorSummary } from '../../components/error-summary';
import { chooseOptions } from '../../components/form-fields';
import { NativeSelect } from '../../components/native-select';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { DetailTable } from '../../components/detail-table';
import { formatFen, useContestMutations } from './use-contests';

const formName = 'budget-line';
const categoryOptions = chooseOptions(budgetCategories, budgetCategoryLabels);

/** The contest's budget: each line says whether it may count towards training subsidy (plan 三(一)). */
export function ContestBudget({ contest }: { contest: ContestDetail }) {
  const mutations = useContestMutations();
  const [form] = Form.useForm<{ category: BudgetCategory | ''; amount: string; note: string }>();
  const errors = useFormErrors(form, formName);
  const [message, setMessage] = useState('');
  const { budget } = contest;

  async function add(values: { category: BudgetCategory | ''; amount: string; note: string }) {
    errors.clear();
    try {
      await mutations.addBudgetLine.mutateAsync({
        id: contest.id,
        body: {
          category: values.category as BudgetCategory,
          amountFen: Math.round(Number(values.amount) * 100),
          note: values.note.trim() || null,
        },
      });
      form.resetFields();
      setMessage(`已登记：${budgetCategoryLabels[values.category as BudgetCategory]} ${values.amount} 元。`);
    } catch (error) {
      errors.showError(error);
    }
  }

  async function remove(lineId: string, label: string) {
    try {
      await mutations.removeBudgetLine.mutateAsync({ id: contest.id, lineId });
      setMessage(`已删除：${label}。`);
    } catch (error) {
      setMessage(`删除未能完成：${errorMessage(error)}`);
    }
  }

  return (
    <>
      <p>
        合计 {formatFen(budget.totalFen)}，其中可申请职业培训补贴 {formatFen(budget.subsidisableFen)}
        。获奖人员奖金、差旅费、交通食宿费、工杂费等不属于培训补贴。
      </p>
      <p role="status" className="list-status">
        {message}
      </p>
      <DetailTable
        caption="经费明细"
        headers={['类别', '金额', '培训补贴', '说明', ...(contest.writable ? ['操作'] : [])]}
        empty="暂无经费记录。"
        rows={budget.lines.map((line) => ({
          key: line.id,
          cells: [
            budgetCategoryLabels[line.category],
            formatFen(line.amountFen),
            line.subsidyNote,
            line.note ?? '—',
            ...(contest.writable
              ? [
                  <Button
                    key="remove"
                    size="small"
                    htmlType="button"
                    aria-label={`删除经费：${budgetCategoryLabels[line.category]} ${formatFen(line.amountFen)}`}
                    onClick={() => void remove(line.id, budgetCategoryLabels[line.category])}
                  >
                    删除
                  </Button>,
                ]
              : []),
          ],
        }))}
      />
      {contest.writable && (
        <section aria-labelledby="budget-add-heading" className="subform">
          <h3 id="budget-add-heading">登记一笔经费</h3>
          <ErrorSummary errors={errors.errors} />
          <Form
            form={form}
            name={formName}
            layout="vertical"
            initialValues={{ category: '', amount: '', note: '' }}
            onFinish={(values) => void add(values)}
            onFinishFailed={errors.onFinishFailed}
          >
            <Form.Item name="category" label="类别" rules={[{ required: true, message: '请选择类别' }]}>
              <NativeSelect options={categoryOptions} />
            </Form.Item>
            <Form.Item
              name="amount"
              label="金额（元）"
              rules={[
                { required: true, message: '请填写金额' },
                { pattern: /^\d{1,9}(\.\d{1,2})?$/, message: '金额请填写数字，最多两位小数' },
              ]}
            >
              <Input inputMode="decimal" autoComplete="off" maxLength={12} />
            </Form.Item>
            <Form.Item name="note" label="说明（可选）">
              <Input autoComplete="off" maxLength={200} />
            </Form.Item>
            <Button htmlType="submit" loading={mutations.addBudgetLine.isPending}>
              登记经费
            </Button>
          </Form>
        </section>
      )}
    </>
  );
}
