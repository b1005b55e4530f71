import { useParams } from 'react-router';
import { PublicNoticeDetail } from '../features/notices/public-notice-detail';

export function PublicNoticeDetailPage() {
  const { id = '' } = useParams();
  return <PublicNoticeDetail key={id} id={id} />;
}
