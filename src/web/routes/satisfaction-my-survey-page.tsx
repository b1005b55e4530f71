import { useParams } from 'react-router';
import { MySurvey } from '../features/satisfaction/my-survey';

export function SatisfactionMySurveyPage() {
  const { classId = '' } = useParams();
  return <MySurvey key={classId} classId={classId} />;
}
