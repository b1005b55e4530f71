import { Alert, Button, Form, Input } from 'antd';
import type { ClassExam } from '../../../shared/contracts/certificates-contracts';
import { parseSkillCertificateNo, skillAssessorKindLabels } from '../../../shared/domain/certificate-codes';
import { DetailTable } from '../../components/detail-table';
import { ErrorSummary } from '../../components/error-summary';
import { LoadingState } from '../../components/loading-state';
import { NativeSelect } from '../../components/native-select';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { useRecordSkillCertificate, useSkillCertificates } from './use-certificates';

const formName = 'skill-certificate';

interface Values {
  enrolmentId: string;
  certificateNo: string;
  occupation: string;
  issuedOn: string;
  issuer: string;
}

/** What the typed number reads as, so a typo shows before saving. */
function NumberReading({ value }: { value: string | undefined }) {
  if (!value || value.trim() === '') return null;
  const check = parseSkillCertificateNo(value);
  if (!check.ok) return null;
  return (
    <span>
      {skillAssessorKindLabels[check.assessorKind]}，20{check.year} 年，等级 {check.level}。
    </span>
  );
}

function RecordForm({ classId, exam, onDone }: { classId: string; exam: ClassExam; onDone: (text: string) => void }) {
  const [form] = Form.useForm<Values>();
  const errors = useFormErrors(form, formName);
  const record = useRecordSkillCertificate(classId);
  const typed = Form.useWatch('certificateNo', form);
  // only registered persons: an external participant has no registry record to hold the certificate
  const people = exam.lines.filter((l) => l.participantKind === 'person');

  async function submit(values: Values) {
    errors.clear();
    try {
      await record.mutateAsync(values);
      const name = people.find((p) => p.enrolmentId === values.enrolmentId)?.name ?? '';
      form.resetFields();
      onDone(`已登记 ${name} 的职业技能等级证书。`);
    } catch (error) {
      errors.showError(error);
    }
  }

  if (people.length === 0) return <p>本班没有实名登记的学员，无需登记职业技能等级证书。</p>;
  return (
    <>
      <ErrorSummary errors={errors.errors} />
      <Form
        form={form}
        name={formName}
        layout="vertical"
        className="narrow-form"
        onFinish={(values) => void submit(values)}
        onFinishFailed={errors.onFinishFailed}
        initialValues={{ enrolmentId: '' }}
      >
        <Form.Item name="enrolmentId" label="学员" rules={[{ required: true, message: '请选择学员' }]}>
          <NativeSelect options={[{ value: '', label: '请选择' }, ...people.map((p) => ({ value: p.enrolmentId, label: p.name }))]} />
        </Form.Item>
        <Form.Item
          name="certificateNo"
          label="证书编号"
          extra={
            <>
              22 位：第 1 位为字母 Y（用人单位评价）或 S（社会培训评价组织评价），后面 21 位数字，第 16 位为等级 1–5。
              <NumberReading value={typed} />
            </>
          }
          validateTrigger="onBlur"
          rules={[
            { required: true, whitespace: true, message: '请填写证书编号' },
            {
              validator: async (_rule, value: string | undefined) => {
                if (!value || value.trim() === '') return;
                const check = parseSkillCertificateNo(value);
                if (!check.ok) throw new Error(check.message);
              },
            },
          ]}
        >
          <Input autoComplete="off" spellCheck={false} maxLength={30} className="skill-no-input" />
        </Form.Item>
        <Form.Item name="occupation" label="职业（工种）" rules={[{ required: true, whitespace: true, message: '请填写职业（工种）' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Form.Item name="issuedOn" label="发证日期" rules={[{ required: true, message: '请填写发证日期' }]}>
          <Input type="date" />
        </Form.Item>
        <Form.Item name="issuer" label="发证机构" rules={[{ required: true, whitespace: true, message: '请填写发证机构' }]}>
          <Input maxLength={100} />
        </Form.Item>
        <Button type="primary" htmlType="submit" loading={record.isPending}>
          登记证书
        </Button>
      </Form>
    </>
  );
}

/** Skill-level certificates (职业技能等级证书) the trainees obtained after the class, with the number checked. */
export function SkillCertificatesSection({ classId, exam, onDone }: { classId: string; exam: ClassExam; onDone: (text: string) => void }) {
  const query = useSkillCertificates(classId);
  return (
    <section aria-labelledby="completion-skill-heading">
      <h3 id="completion-skill-heading">职业技能等级证书</h3>
      {query.isPending ? (
        <LoadingState />
      ) : query.isError ? (
        <Alert type="error" role="alert" showIcon title={errorMessage(query.error)} />
      ) : (
        <>
          <DetailTable
            caption={`已登记的职业技能等级证书（共 ${query.data.items.length} 张）`}
            headers={['学员', '证书编号', '等级', '职业（工种）', '发证日期', '发证机构']}
            empty="还没有登记职业技能等级证书。"
            rows={query.data.items.map((s) => ({
              key: s.id,
              cells: [
                s.personName,
                <span key="no" className="code-text">
                  {s.certificateNo}
                </span>,
                s.levelLabel,
                s.occupation,
                s.issuedOn,
                s.issuer,
              ],
            }))}
          />
          {query.data.canRecord ? (
            <>
              <h4>登记一张证书</h4>
              <RecordForm classId={classId} exam={exam} onDone={onDone} />
            </>
          ) : (
            <p>结业审核通过后，可以登记学员参加技能等级评价取得的证书。</p>
          )}
        </>
      )}
    </section>
  );
}
