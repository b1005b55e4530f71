import { useParams } from 'react-router';
import { CertificateDetail } from '../features/certificates/certificate-detail';

/** /certificates/:id — the printable HTML twin of a training certificate. */
export function CertificatesDetailPage() {
  const { id = '' } = useParams();
  return <CertificateDetail key={id} id={id} />;
}
