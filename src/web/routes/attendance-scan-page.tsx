import { useParams } from 'react-router';
import { AttendScan } from '../features/attendance/attend-scan';

/** /attend/:token — the QR sign-in landing; the session guard brings a signed-out trainee back here after login. */
export function AttendanceScanPage() {
  const { token = '' } = useParams();
  return <AttendScan key={token} token={token} />;
}
