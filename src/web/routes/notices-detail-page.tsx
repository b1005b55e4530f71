import { useParams } from 'react-router';
import { NoticeAdminDetail } from '../features/notices/notice-admin-detail';

export function NoticesDetailPage() {
  const { id = '' } = useParams();
  return <NoticeAdminDetail key={id} id={id} />;
}
