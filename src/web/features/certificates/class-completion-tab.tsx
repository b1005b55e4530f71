import './certificates.css';
import { Alert } from 'antd';
import { useEffect } from 'react';
import { LoadingState } from '../../components/loading-state';
import { ListStatus, useAnnouncer } from '../../components/paged-list';
import { errorMessage } from '../../lib/use-form-errors';
import type { ClassTabProps } from '../classes/class-tab-props';
import { CertificatesSection } from './certificates-section';
import { ExamSection } from './exam-section';
import { SkillCertificatesSection } from './skill-certificates-section';
import { useClassCertificates, useClassExam } from './use-certificates';

/**
 * Completion (结业): the exam results with each trainee's attendance and pass or fail, the training
 * certificates of the passed trainees, and the skill-level certificates they went on to obtain.
 */
export function ClassCompletionTab(props: ClassTabProps) {
  const exam = useClassExam(props.classId);
  const certificates = useClassCertificates(props.classId);
  const { message, announce, statusLine } = useAnnouncer();
  const { refetch: refetchExam } = exam;
  const { refetch: refetchCertificates } = certificates;

  // a status move made elsewhere on the page (submit, approve) changes what may be entered here
  useEffect(() => {
    void refetchExam();
    void refetchCertificates();
  }, [props.status, refetchExam, refetchCertificates]);

  const heading = (
    <h2 id="class-completion-heading" tabIndex={-1}>
      结业与证书
    </h2>
  );
  if (exam.isPending || certificates.isPending) {
    return (
      <section aria-labelledby="class-completion-heading">
        {heading}
        <LoadingState />
      </section>
    );
  }
  if (exam.isError || certificates.isError) {
    return (
      <section aria-labelledby="class-completion-heading">
        {heading}
        <Alert type="error" role="alert" showIcon title={errorMessage(exam.error ?? certificates.error)} />
      </section>
    );
  }

  return (
    <section aria-labelledby="class-completion-heading" className="class-completion">
      {heading}
      <ListStatus ref={statusLine} text={message} />
      <ExamSection
        exam={exam.data}
        onSaved={(text) => {
          announce(text);
          // the exam date is a class field: the class's version moved on
          props.onChanged();
        }}
      />
      <CertificatesSection data={certificates.data} onDone={announce} />
      <SkillCertificatesSection classId={props.classId} exam={exam.data} onDone={announce} />
    </section>
  );
}
