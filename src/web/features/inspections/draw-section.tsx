import { Alert, Button, Form, Input, InputNumber } from 'antd';
import { type RefObject, useRef, useState } from 'react';
import { Link } from 'react-router';
import type { DrawDetail } from '../../../shared/contracts/inspections-contracts';
import { type ClassTrainingType, classTrainingTypeLabels, classTrainingTypes } from '../../../shared/domain/class-codes';
import { todayInChina } from '../../../shared/domain/person-validation';
import { addDays } from '../../../shared/domain/trainer-rotation';
import { DetailList } from '../../components/detail-list';
import { DetailTable } from '../../components/detail-table';
import { ErrorSummary } from '../../components/error-summary';
import { NativeSelect } from '../../components/native-select';
import { focusSoon } from '../../lib/focus-soon';
import { formatDateTime } from '../../lib/formatters';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { checkDraw, useInspectionMutations } from './use-inspections';

interface DrawValues {
  sampleSize: number | null;
  plannedOn: string;
  trainingType: string;
}

/** 随机抽查: the form, then the draw with its seed, method and the selected classes. */
export function DrawSection() {
  const formName = 'inspection-draw';
  const [form] = Form.useForm<DrawValues>();
  const errors = useFormErrors(form, formName);
  const { draw } = useInspectionMutations();
  const [result, setResult] = useState<DrawDetail | null>(null);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const today = todayInChina();

  async function submit(values: DrawValues) {
    errors.clear();
    try {
      const detail = await draw.mutateAsync({
        sampleSize: values.sampleSize ?? 0,
        plannedOn: values.plannedOn,
        ...(values.trainingType && { trainingType: values.trainingType as ClassTrainingType }),
      });
      setResult(detail);
      focusSoon(() => resultHeading.current);
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <section aria-labelledby="draw-heading" className="inspection-panel">
      <h2 id="draw-heading">随机抽查</h2>
      <p>
        从本辖区正在开班的培训班中按公开的方法随机抽取，系统为抽中的培训班各安排一次检查。随机种子、参与名单和方法随记录保存，任何人都可以重新计算核对。
      </p>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        initialValues={{ sampleSize: 3, plannedOn: addDays(today, 7), trainingType: '' }}
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <Form.Item
          name="sampleSize"
          label="抽取数量"
          required
          extra="1 到 50 个；正在开班的培训班不足时全部抽取。"
          rules={[{ required: true, type: 'number', min: 1, max: 50, message: '请填写 1 到 50 之间的整数' }]}
        >
          <InputNumber min={1} max={50} precision={0} style={{ width: '100%', maxWidth: '12rem' }} />
        </Form.Item>
        <Form.Item name="plannedOn" label="计划检查日期" required rules={[{ required: true, message: '请填写计划检查日期' }]}>
          <Input type="date" min={today} />
        </Form.Item>
        <Form.Item name="trainingType" label="培训类型">
          <NativeSelect
            options={[
              { value: '', label: '全部类型' },
              ...classTrainingTypes.map((t) => ({ value: t, label: classTrainingTypeLabels[t] })),
            ]}
          />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={draw.isPending}>
          开始抽取
        </Button>
      </Form>
      {result && <DrawResult draw={result} headingRef={resultHeading} />}
    </section>
  );
}

function DrawResult({ draw, headingRef }: { draw: DrawDetail; headingRef: RefObject<HTMLHeadingElement | null> }) {
  const [check, setCheck] = useState('');
  const selected = draw.population.filter((p) => p.selected);
  const inspectionOf = new Map(draw.inspections.map((i) => [i.classId, i.id]));
  return (
    <div className="inspection-forms">
      <h3 ref={headingRef} tabIndex={-1}>
        抽取结果：抽中 {draw.selectedCount} 个培训班（共 {draw.populationSize} 个参与抽取）
      </h3>
      <DetailList
        rows={[
          [
            '随机种子',
            <span key="s" className="draw-seed">
              {draw.seed}
            </span>,
          ],
          ['计划抽取', `${draw.sampleSize} 个`],
          ['培训类型', draw.trainingType ? classTrainingTypeLabels[draw.trainingType] : '全部类型'],
          ['抽取时间', formatDateTime(draw.drawnAt)],
          ['抽取人', draw.drawnByName ?? '—'],
        ]}
      />
      <h4>抽取方法</h4>
      <p className="draw-method">{draw.method}</p>
      <DetailTable
        caption="抽中的培训班"
        headers={['班级编号', '培训班', '培训机构', '检查']}
        empty="没有抽中的培训班"
        rows={selected.map((p) => ({
          key: p.classId,
          cells: [
            p.classNo,
            <Link key="c" to={`/classes/${p.classId}`}>
              {p.className}
            </Link>,
            p.institutionName,
            inspectionOf.has(p.classId) ? <Link to={`/inspections/${inspectionOf.get(p.classId)}`}>查看检查</Link> : '—',
          ],
        }))}
      />
      <details>
        <summary>全部参与抽取的培训班（按排序值从小到大）</summary>
        <DetailTable
          caption="参与抽取的培训班及排序值"
          headers={['名次', '班级编号', '培训班', '排序值（HMAC-SHA256）', '是否抽中']}
          empty="没有参与抽取的培训班"
          rows={draw.population.map((p, index) => ({
            key: p.classId,
            cells: [
              String(index + 1),
              p.classNo,
              p.className,
              <span key="d" className="digest-cell">
                {p.digest}
              </span>,
              p.selected ? '抽中' : '未抽中',
            ],
          }))}
        />
      </details>
      <div className="button-row">
        <Button
          htmlType="button"
          onClick={() => {
            setCheck('正在核对…');
            checkDraw(draw.id)
              .then((r) =>
                setCheck(
                  r.matches
                    ? '核对一致：按保存的种子和名单重新计算，抽中的培训班与记录相同。'
                    : '核对不一致：重新计算的结果与记录不同，请报告管理员。',
                ),
              )
              .catch((e: unknown) => setCheck(`核对未能完成：${errorMessage(e)}`));
          }}
        >
          重新计算核对
        </Button>
      </div>
      <p role="status">{check}</p>
      {check.startsWith('核对不一致') && <Alert type="error" showIcon title="抽取记录与重新计算的结果不一致" />}
    </div>
  );
}
