import '../persons/persons.css';
import './trainers.css';
import { Alert, Button, Form, Input } from 'antd';
import { useState } from 'react';
import type { TrainingBaseView } from '../../../shared/contracts/trainers-contracts';
import { todayInChina } from '../../../shared/domain/person-validation';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { ErrorSummary } from '../../components/error-summary';
import { LoadingState } from '../../components/loading-state';
import { NativeSelect } from '../../components/native-select';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { useCurrentUser, userCan } from '../auth/use-session';
import { DetailTable } from '../../components/detail-table';
import { ListStatus, useAnnouncer } from '../../components/paged-list';
import { useInstitutionOptions, useTrainerMutations, useTrainingBases } from './use-trainers';

const formName = 'designate-base';

/** The provincial trainer-training base (师资研修基地): current and past designations; province staff designate and end them. */
export function TrainingBases() {
  const user = useCurrentUser();
  const bases = useTrainingBases();
  const canDesignate = userCan(user, 'trainers.rotation') && user.kind === 'staff' && user.region.level === 'province';
  const institutions = useInstitutionOptions(canDesignate);
  const mutations = useTrainerMutations();
  const [form] = Form.useForm<{ institutionId: string; designatedOn: string; note: string }>();
  const errors = useFormErrors(form, formName);
  const [ending, setEnding] = useState<TrainingBaseView | null>(null);
  const { message, announce, statusLine } = useAnnouncer();

  return (
    <>
      <p>
        依托普通高校和特殊教育学校建设的省级残疾人职业培训师资研修基地，承担师资五年一周期的全员轮训。在基地参加的轮训登记时可直接选择基地。
      </p>
      <ListStatus ref={statusLine} text={message} />
      {bases.isPending && <LoadingState />}
      {bases.isError && <Alert type="error" role="alert" showIcon title={errorMessage(bases.error)} />}
      {bases.data && (
        <DetailTable
          caption="师资研修基地"
          headers={['机构', '所在县区', '认定日期', '状态', '说明', '操作']}
          empty="尚未认定师资研修基地。"
          rows={bases.data.items.map((b) => ({
            key: b.id,
            cells: [
              b.institutionName,
              b.countyName,
              b.designatedOn,
              b.endedOn ? `已于 ${b.endedOn} 终止` : '现行',
              b.note ?? '—',
              canDesignate && !b.endedOn ? (
                <Button size="small" htmlType="button" onClick={() => setEnding(b)} aria-label={`终止 ${b.institutionName} 的认定`}>
                  终止认定
                </Button>
              ) : (
                '—'
              ),
            ],
          }))}
        />
      )}
      {canDesignate && (
        <section aria-labelledby="designate-heading" className="subform">
          <h2 id="designate-heading">认定师资研修基地</h2>
          <ErrorSummary errors={errors.errors} />
          <Form
            form={form}
            name={formName}
            layout="vertical"
            className="narrow-form"
            initialValues={{ institutionId: '', designatedOn: todayInChina(), note: '' }}
            onFinishFailed={errors.onFinishFailed}
            onFinish={async (values) => {
              errors.clear();
              try {
                const base = await mutations.designateBase.mutateAsync({
                  institutionId: values.institutionId,
                  designatedOn: values.designatedOn,
                  note: values.note.trim() || null,
                });
                form.resetFields();
                announce(`已认定 ${base.institutionName} 为师资研修基地。`);
              } catch (error) {
                errors.showError(error);
              }
            }}
          >
            <Form.Item name="institutionId" label="培训机构" rules={[{ required: true, message: '请选择培训机构' }]}>
              <NativeSelect
                options={[
                  { value: '', label: '请选择' },
                  ...(institutions.data?.items ?? []).map((i) => ({ value: i.id, label: `${i.name}（${i.countyName}）` })),
                ]}
              />
            </Form.Item>
            <Form.Item name="designatedOn" label="认定日期" rules={[{ required: true, message: '请选择认定日期' }]}>
              <Input type="date" max={todayInChina()} />
            </Form.Item>
            <Form.Item name="note" label="说明（选填）">
              <Input autoComplete="off" maxLength={200} />
            </Form.Item>
            <Button type="primary" htmlType="submit" loading={mutations.designateBase.isPending}>
              认定
            </Button>
          </Form>
        </section>
      )}
      <ConfirmReasonModal
        open={ending !== null}
        title={ending ? `终止认定：${ending.institutionName}` : '终止认定'}
        description={<p>终止后该机构不再作为师资研修基地，已登记的轮训记录不受影响。操作会连同原因记入审计日志。</p>}
        confirmText="终止认定"
        danger
        onConfirm={async (reason) => {
          if (!ending) return;
          await mutations.endBase.mutateAsync({ id: ending.id, endedOn: todayInChina(), reason });
          const name = ending.institutionName;
          setEnding(null);
          announce(`已终止 ${name} 的师资研修基地认定。`);
        }}
        onCancel={() => setEnding(null)}
      />
    </>
  );
}
