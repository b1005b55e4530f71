import { useParams } from 'react-router';
import { VerifyCertificate, VerifyCertificateStart } from '../features/certificates/verify-certificate';

/** /verify and /verify/:code — the public check of a training certificate (no login; the QR code opens it). */
export function CertificatesVerifyPage() {
  const { code } = useParams();
  return code ? <VerifyCertificate key={code} code={code} /> : <VerifyCertificateStart />;
}
