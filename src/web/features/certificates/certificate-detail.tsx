import './certificates.css';
import { Alert, Button } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type CertificateView, downloadCertificatePdf } from '../../../shared/contracts/certificates-contracts';
import { spokenVerifyCode } from '../../../shared/domain/certificate-codes';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { DetailList } from '../../components/detail-list';
import { ListStatus, useAnnouncer } from '../../components/paged-list';
import { RecordPage } from '../../components/record-page';
import { downloadFile } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { certificateStatusText } from './certificate-format';
import { REVOKE_DESCRIPTION } from './certificates-section';
import { useCertificate, useRevokeCertificate } from './use-certificates';

/** The certificate's fields as printed; the PDF carries the same (certificate-pdf.ts). */
function CertificateSheet({ c }: { c: CertificateView }) {
  return (
    <article className="certificate-sheet" aria-labelledby="certificate-sheet-title">
      <h2 id="certificate-sheet-title">培训合格证书</h2>
      <p className="certificate-statement">
        证书状态：{certificateStatusText(c.status)}
        {c.status === 'revoked' && c.revokedAt && `（${c.revokedAt.slice(0, 10)} 撤销：${c.revokedReason}）`}
      </p>
      <DetailList
        rows={[
          ['持证人', c.holderName],
          ['培训项目', `${c.programmeName}（${c.programmeCode}）`],
          ['培训类型', c.trainingTypeLabel],
          ['培训学时', `${c.hours} 学时`],
          ['培训日期', `${c.startsOn} 至 ${c.endsOn}`],
          ['培训机构', c.institutionName],
          [
            '证书编号',
            <span key="no" className="code-text">
              {c.certificateNo}
            </span>,
          ],
          ['发证日期', c.issuedOn],
          [
            '核验码',
            <span key="code" className="code-text">
              <span aria-hidden="true">{c.verifyCode}</span>
              <span className="visually-hidden">{spokenVerifyCode(c.verifyCode.replaceAll('-', ''))}</span>
            </span>,
          ],
        ]}
      />
      <p>经结业考核合格，特发此证。</p>
      <p className="certificate-url">
        核验网址：<a href={c.verifyUrl}>{c.verifyUrl}</a>
      </p>
    </article>
  );
}

function CertificateActions({ c }: { c: CertificateView }) {
  const revoke = useRevokeCertificate();
  const [revoking, setRevoking] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { message, announce, statusLine } = useAnnouncer();

  async function download() {
    setFailure(null);
    try {
      await downloadFile(downloadCertificatePdf, { params: { id: c.id } });
      announce('已下载证书 PDF。');
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  return (
    <>
      <ListStatus ref={statusLine} text={message} />
      {failure && <Alert type="error" role="alert" showIcon title={failure} />}
      <p className="button-row">
        <Button type="primary" htmlType="button" onClick={() => void download()}>
          下载 PDF
        </Button>
        <Button htmlType="button" onClick={() => window.print()}>
          打印
        </Button>
        {c.canRevoke && (
          <Button danger htmlType="button" onClick={() => setRevoking(true)}>
            撤销证书
          </Button>
        )}
      </p>
      <ConfirmReasonModal
        open={revoking}
        title={`撤销 ${c.holderName} 的培训合格证书`}
        description={REVOKE_DESCRIPTION}
        confirmText="撤销证书"
        danger
        onCancel={() => setRevoking(false)}
        onConfirm={async (reason) => {
          await revoke.mutateAsync({ id: c.id, reason });
          setRevoking(false);
        }}
        afterClose={() => {
          if (revoke.isSuccess) announce(`证书 ${c.certificateNo} 已撤销，公开核验页将显示“已撤销”。`);
        }}
      />
    </>
  );
}

/** /certificates/:id — the accessible, printable twin of the PDF. */
export function CertificateDetail({ id }: { id: string }) {
  const query = useCertificate(id);
  return (
    <RecordPage query={query} title="培训合格证书" back={{ to: '/classes', label: '返回培训班列表' }}>
      {(c) => (
        <>
          <p>
            所属培训班：
            <Link to={`/classes/${c.classId}`}>
              {c.className}（{c.classNo}）
            </Link>
          </p>
          <CertificateActions c={c} />
          <CertificateSheet c={c} />
        </>
      )}
    </RecordPage>
  );
}
