import './persons.css';
import { Alert, Button, Form, Input, Modal, Radio, Space } from 'antd';
import { useId, useRef, useState, type ReactNode } from 'react';
import { Link } from 'react-router';
import type { PersonSummary } from '../../../shared/contracts/persons-contracts';
import { accommodationLabels, employmentStatusLabels, sexLabels, trainingTypeLabels } from '../../../shared/domain/person-codes';
import { LoadingState } from '../../components/loading-state';
import { formatDateTime } from '../../lib/formatters';
import { errorMessage } from '../../lib/use-form-errors';
import { MaskedText } from '../../components/masked-text';
import { ListPagination } from '../../components/paged-list';
import { disabilityText, listText } from './person-labels';
import { useDuplicateList, usePersonMutations } from './use-persons';
import { focusSoon } from '../../lib/focus-soon';

type Pair = { reason: 'name_phone' | 'name_birth_date'; a: PersonSummary; b: PersonSummary };

const reasonLabels: Record<Pair['reason'], string> = {
  name_phone: '姓名和联系电话相同',
  name_birth_date: '同一县区内姓名和出生日期相同',
};
const pageSize = 10;

export function DuplicateReview() {
  const [page, setPage] = useState(1);
  const list = useDuplicateList({ page, pageSize });
  const mutations = usePersonMutations();
  const [merging, setMerging] = useState<{ pair: Pair; open: boolean } | null>(null);
  const afterMerge = useRef<string | null>(null);
  const [message, setMessage] = useState('');
  const statusLine = useRef<HTMLParagraphElement>(null);

  const announce = (text: string) => {
    setMessage(text);
    focusSoon(() => statusLine.current);
  };

  async function dismiss(pair: Pair) {
    try {
      await mutations.dismiss.mutateAsync({ a: pair.a.id, b: pair.b.id });
      announce(`已确认不是同一人：${pair.a.name}（${pair.a.countyName}）与 ${pair.b.name}（${pair.b.countyName}）。此组不再列出。`);
    } catch (error) {
      announce(`操作未能完成：${errorMessage(error)}`);
    }
  }

  const data = list.data;
  return (
    <>
      <p ref={statusLine} tabIndex={-1} role="status" className="list-status">
        {[message, list.isFetching ? '正在查询…' : data ? `共 ${data.total} 组疑似重复。` : ''].filter(Boolean).join(' ')}
      </p>
      {list.isError && <Alert type="error" role="alert" showIcon title={errorMessage(list.error)} />}
      {list.isPending && <LoadingState />}
      {data && data.items.length === 0 && <p>没有待处理的疑似重复登记。</p>}
      {data?.items.map((pair, index) => (
        <PairCard
          key={`${pair.a.id}-${pair.b.id}`}
          pair={pair}
          number={(page - 1) * pageSize + index + 1}
          busy={mutations.dismiss.isPending}
          onMerge={() => setMerging({ pair, open: true })}
          onDismiss={() => void dismiss(pair)}
        />
      ))}
      <ListPagination
        label="疑似重复分页"
        page={page}
        pageSize={pageSize}
        total={data?.total ?? 0}
        unit="组"
        onChange={(next) => {
          setPage(next);
          statusLine.current?.focus();
        }}
      />
      {merging && (
        <MergeModal
          pair={merging.pair}
          open={merging.open}
          onCancel={() => setMerging({ ...merging, open: false })}
          onConfirm={async (survivorId, reason) => {
            const { pair } = merging;
            const mergedId = survivorId === pair.a.id ? pair.b.id : pair.a.id;
            const survivor = await mutations.merge.mutateAsync({ survivorId, mergedId, reason });
            afterMerge.current = `已合并：保留 ${survivor.name}（${survivor.countyName}）的记录，另一条已指向它，历史记录均已保留。`;
            setMerging({ ...merging, open: false });
          }}
          afterClose={() => {
            setMerging(null);
            // the pair and its button are gone: the result line takes focus once the dialog has closed
            if (afterMerge.current) announce(afterMerge.current);
            afterMerge.current = null;
          }}
        />
      )}
    </>
  );
}

function PairCard({
  pair,
  number,
  busy,
  onMerge,
  onDismiss,
}: {
  pair: Pair;
  number: number;
  busy: boolean;
  onMerge: () => void;
  onDismiss: () => void;
}) {
  const headingId = useId();
  const { a, b } = pair;
  const rows: [string, ReactNode, ReactNode, boolean][] = [
    ['姓名', a.name, b.name, a.name === b.name],
    ['性别', sexLabels[a.sex], sexLabels[b.sex], a.sex === b.sex],
    ['出生日期', a.birthDate, b.birthDate, a.birthDate === b.birthDate],
    ['身份证号', <MaskedText key="a" value={a.idNumber} />, <MaskedText key="b" value={b.idNumber} />, a.idNumber.text === b.idNumber.text],
    [
      '残疾人证号',
      <MaskedText key="a" value={a.certificateNumber} />,
      <MaskedText key="b" value={b.certificateNumber} />,
      a.certificateNumber?.text === b.certificateNumber?.text,
    ],
    [
      '残疾类别与等级',
      disabilityText(a.disabilityCategory, a.disabilityLevel),
      disabilityText(b.disabilityCategory, b.disabilityLevel),
      a.disabilityCategory === b.disabilityCategory && a.disabilityLevel === b.disabilityLevel,
    ],
    ['登记县区', a.countyName, b.countyName, a.countyCode === b.countyCode],
    [
      '就业状况',
      employmentStatusLabels[a.employmentStatus],
      employmentStatusLabels[b.employmentStatus],
      a.employmentStatus === b.employmentStatus,
    ],
    [
      '培训意愿',
      listText(a.trainingWishes, trainingTypeLabels),
      listText(b.trainingWishes, trainingTypeLabels),
      listText(a.trainingWishes, trainingTypeLabels) === listText(b.trainingWishes, trainingTypeLabels),
    ],
    [
      '便利需求',
      listText(a.accommodations, accommodationLabels),
      listText(b.accommodations, accommodationLabels),
      listText(a.accommodations, accommodationLabels) === listText(b.accommodations, accommodationLabels),
    ],
    ['最近更新', formatDateTime(a.updatedAt), formatDateTime(b.updatedAt), true],
  ];
  return (
    <section aria-labelledby={headingId} className="duplicate-pair">
      <h2 id={headingId}>
        第 {number} 组：{a.name} 与 {b.name}
      </h2>
      <p>
        疑似原因：<strong>{reasonLabels[pair.reason]}</strong>
      </p>
      <div className="table-scroll" role="region" aria-label={`第 ${number} 组对比`} tabIndex={0}>
        <table className="data-table compare-table">
          <caption className="visually-hidden">第 {number} 组两条记录对比</caption>
          <thead>
            <tr>
              <th scope="col">项目</th>
              <th scope="col">记录 A</th>
              <th scope="col">记录 B</th>
              <th scope="col">是否相同</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(([label, left, right, same]) => (
              <tr key={label} className={same ? 'is-same' : 'is-different'}>
                <th scope="row">{label}</th>
                <td>{left}</td>
                <td>{right}</td>
                <td>{label === '最近更新' ? '—' : same ? '相同' : '不同'}</td>
              </tr>
            ))}
            <tr>
              <th scope="row">详情</th>
              <td>
                <Link to={`/persons/${a.id}`}>查看记录 A：{a.name}</Link>
              </td>
              <td>
                <Link to={`/persons/${b.id}`}>查看记录 B：{b.name}</Link>
              </td>
              <td>—</td>
            </tr>
          </tbody>
        </table>
      </div>
      <Space wrap className="form-actions">
        <Button type="primary" htmlType="button" onClick={onMerge} aria-label={`合并第 ${number} 组：${a.name} 与 ${b.name}`}>
          合并…
        </Button>
        <Button htmlType="button" onClick={onDismiss} disabled={busy} aria-label={`第 ${number} 组不是同一人`}>
          不是同一人
        </Button>
      </Space>
    </section>
  );
}

const mergeFormName = 'merge-form';

function MergeModal({
  pair,
  open,
  onCancel,
  onConfirm,
  afterClose,
}: {
  pair: Pair;
  open: boolean;
  onCancel: () => void;
  onConfirm: (survivorId: string, reason: string) => Promise<void>;
  afterClose: () => void;
}) {
  const [form] = Form.useForm<{ survivorId: string; reason: string }>();
  const [failure, setFailure] = useState<string | null>(null);
  const [pending, setPending] = useState(false);
  const describe = (label: string, person: PersonSummary) =>
    `保留记录 ${label}：${person.name}，${person.countyName}，${disabilityText(person.disabilityCategory, person.disabilityLevel)}，更新于 ${formatDateTime(person.updatedAt)}`;
  return (
    <Modal
      open={open}
      afterClose={afterClose}
      title={`合并：${pair.a.name} 与 ${pair.b.name}`}
      okText="确认合并"
      cancelText="取消"
      okButtonProps={{ danger: true, loading: pending, htmlType: 'submit', form: mergeFormName }}
      onCancel={onCancel}
      mask={{ closable: false }}
      destroyOnHidden
      afterOpenChange={(visible) => {
        if (visible) document.querySelector<HTMLInputElement>(`#${mergeFormName}_survivorId input`)?.focus();
      }}
    >
      <p className="modal-description">
        选择保留的记录。另一条记录会标记为“已合并”并指向保留的记录，两条记录的变更历史都会保留；之后按证件号查找被合并的记录，会找到保留的记录。合并会连同原因记入审计日志。
      </p>
      {failure && <Alert type="error" role="alert" showIcon title={failure} className="modal-alert" />}
      <Form
        form={form}
        name={mergeFormName}
        layout="vertical"
        onFinish={async ({ survivorId, reason }) => {
          setPending(true);
          setFailure(null);
          try {
            await onConfirm(survivorId, reason.trim());
          } catch (error) {
            setFailure(errorMessage(error));
          } finally {
            setPending(false);
          }
        }}
      >
        <Form.Item name="survivorId" rules={[{ required: true, message: '请选择保留哪一条记录' }]}>
          <SurvivorChoice
            options={[
              { value: pair.a.id, label: describe('A', pair.a) },
              { value: pair.b.id, label: describe('B', pair.b) },
            ]}
          />
        </Form.Item>
        <Form.Item
          name="reason"
          label="合并原因"
          extra="原因会记入审计日志，2 至 200 个字。"
          rules={[
            { required: true, whitespace: true, message: '请填写合并原因' },
            { min: 2, message: '合并原因至少 2 个字' },
            { max: 200, message: '合并原因最多 200 个字' },
          ]}
        >
          <Input.TextArea rows={3} maxLength={200} showCount />
        </Form.Item>
      </Form>
    </Modal>
  );
}

function SurvivorChoice({
  options,
  id,
  value,
  onChange,
  'aria-describedby': describedBy,
}: {
  options: { value: string; label: string }[];
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  'aria-describedby'?: string;
}) {
  return (
    <fieldset id={id} className="checkbox-fieldset" aria-describedby={describedBy}>
      <legend>保留哪一条记录</legend>
      <Radio.Group value={value} onChange={(event) => onChange?.(event.target.value as string)} className="radio-stack">
        {options.map((option) => (
          <Radio key={option.value} value={option.value}>
            {option.label}
          </Radio>
        ))}
      </Radio.Group>
    </fieldset>
  );
}
