import { useNavigate } from 'react-router';
import { PageHeader } from '../components/page-header';
import type { ApprenticeshipLocationState } from '../features/talent/apprenticeship-detail';
import { ApprenticeshipForm } from '../features/talent/apprenticeship-form';

export function TalentApprenticeshipNewPage() {
  const navigate = useNavigate();
  return (
    <>
      <PageHeader title="登记师徒结对" description="先从实名库选择徒弟，再填写师傅、技艺和带徒目标。" />
      <ApprenticeshipForm
        onSaved={(pair) =>
          void navigate(`/talent/apprenticeships/${pair.id}`, {
            state: { notice: '师徒结对已登记。' } satisfies ApprenticeshipLocationState,
          })
        }
        onCancel={() => void navigate('/talent/apprenticeships')}
      />
    </>
  );
}
