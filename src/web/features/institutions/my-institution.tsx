import '../persons/persons.css';
import { EditOutlined } from '@ant-design/icons';
import { Alert, Button, Form, Space } from 'antd';
import { useEffect, useRef, useState } from 'react';
import type { InstitutionDetail } from '../../../shared/contracts/institutions-contracts';
import { ErrorSummary } from '../../components/error-summary';
import { LoadingState } from '../../components/loading-state';
import { errorMessage, useFormErrors } from '../../lib/use-form-errors';
import { InstitutionDetailView } from './institution-detail';
import { occupationsToText } from './institution-labels';
import { profileBody, ProfileFields, type ProfileFormValues } from './profile-fields';
import { useInstitutionMutations, useMyInstitution } from './use-institutions';
import { focusSoon } from '../../lib/focus-soon';

const formName = 'my-institution-form';

function ProfileEditor({ institution, onDone }: { institution: InstitutionDetail; onDone: (message: string | null) => void }) {
  const [form] = Form.useForm<ProfileFormValues>();
  const errors = useFormErrors(form, formName);
  const { updateMine } = useInstitutionMutations();
  const heading = useRef<HTMLHeadingElement>(null);
  // the version the form was filled from, not a newer one a background refetch brought
  const [loadedVersion] = useState(institution.version);

  useEffect(() => heading.current?.focus(), []);

  async function save(values: ProfileFormValues) {
    errors.clear();
    try {
      await updateMine.mutateAsync({ ...profileBody(values), version: loadedVersion });
      onDone('已保存本机构的联系人、无障碍设施与开设职业。');
    } catch (error) {
      errors.showError(error);
    }
  }

  return (
    <section aria-labelledby="profile-editor-heading" className="page-notice">
      <h2 id="profile-editor-heading" ref={heading} tabIndex={-1}>
        修改本机构信息
      </h2>
      <p className="field-hint">机构名称、类型、统一社会信用代码和地址由县区残联登记，需要更正请联系县区残联。</p>
      <ErrorSummary errors={errors.errors} />
      <Form<ProfileFormValues>
        form={form}
        name={formName}
        layout="vertical"
        className="person-form"
        initialValues={{
          contactName: institution.contactName,
          contactPhone: institution.contactPhone,
          accessibility: institution.accessibility,
          accessibilityNote: institution.accessibilityNote ?? '',
          offeredOccupations: occupationsToText(institution.occupations),
        }}
        onFinish={(values) => void save(values)}
        onFinishFailed={errors.onFinishFailed}
      >
        <ProfileFields />
        <Space wrap className="form-actions">
          <Button type="primary" htmlType="submit" loading={updateMine.isPending}>
            保存
          </Button>
          <Button htmlType="button" onClick={() => onDone(null)}>
            取消
          </Button>
        </Space>
      </Form>
    </section>
  );
}

/** 我的机构: an institution account's own institution, its profile and (for its admin) its accounts. */
export function MyInstitution() {
  const mine = useMyInstitution();
  const [editing, setEditing] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const editButton = useRef<HTMLButtonElement>(null);

  if (mine.isPending) return <LoadingState />;
  if (mine.isError) return <Alert type="error" role="alert" showIcon title={errorMessage(mine.error)} />;
  const institution = mine.data;
  const closed = institution.status === 'closed';

  return (
    <>
      {message && <Alert type="success" showIcon role="status" title={message} className="page-notice" />}
      {!editing && !closed && (
        <div className="toolbar">
          <Button
            ref={editButton}
            type="primary"
            htmlType="button"
            icon={<EditOutlined aria-hidden />}
            onClick={() => {
              setMessage(null);
              setEditing(true);
            }}
          >
            修改联系人、无障碍设施与开设职业
          </Button>
        </div>
      )}
      <InstitutionDetailView
        institution={institution}
        own
        institutionAdmin={institution.institutionAdmin}
        profileEditor={
          editing ? (
            <ProfileEditor
              institution={institution}
              onDone={(done) => {
                setEditing(false);
                setMessage(done);
                focusSoon(() => editButton.current);
              }}
            />
          ) : null
        }
      />
    </>
  );
}
