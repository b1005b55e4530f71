import { Alert, Button } from 'antd';
import { useState } from 'react';
import { Link } from 'react-router';
import { type CertificateSummary, type ClassCertificates, downloadCertificatePdf } from '../../../shared/contracts/certificates-contracts';
import { ConfirmReasonModal } from '../../components/confirm-reason-modal';
import { ScrollTable } from '../../components/detail-table';
import { downloadFile } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import { certificateStatusText } from './certificate-format';
import { useIssueCertificates, useRevokeCertificate } from './use-certificates';

export const REVOKE_DESCRIPTION =
  '撤销后证书不再有效，公开核验页会显示“已撤销”和撤销原因。原因会公开，请不要写入身份证号、电话等个人信息。';

interface Props {
  data: ClassCertificates;
  onDone: (text: string) => void;
}

/** The class's training certificates: issue to the passed trainees, download, view the printable page, revoke. */
export function CertificatesSection({ data, onDone }: Props) {
  const issue = useIssueCertificates(data.classId);
  const revoke = useRevokeCertificate();
  const [failure, setFailure] = useState<string | null>(null);
  const [revoking, setRevoking] = useState<CertificateSummary | null>(null);

  async function issueAll() {
    setFailure(null);
    try {
      const after = await issue.mutateAsync(data.awaiting.map((a) => a.enrolmentId));
      onDone(`已颁发 ${after.items.length - data.items.length} 张培训合格证书。`);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  async function download(certificate: CertificateSummary) {
    setFailure(null);
    try {
      await downloadFile(downloadCertificatePdf, { params: { id: certificate.id } });
      onDone(`已下载 ${certificate.holderName} 的证书 PDF。`);
    } catch (error) {
      setFailure(errorMessage(error));
    }
  }

  return (
    <section aria-labelledby="completion-certificates-heading">
      <h3 id="completion-certificates-heading">培训合格证书</h3>
      {failure && <Alert type="error" role="alert" showIcon title={failure} />}
      {data.awaiting.length > 0 &&
        (data.canIssue ? (
          <div className="certificates-awaiting">
            <p>
              {data.awaiting.length} 名结业合格的学员还没有证书：{data.awaiting.map((a) => a.name).join('、')}。
            </p>
            <Button type="primary" htmlType="button" onClick={() => void issueAll()} loading={issue.isPending}>
              颁发证书（{data.awaiting.length} 人）
            </Button>
          </div>
        ) : (
          <p>
            {data.awaiting.length} 名结业合格的学员还没有证书
            {data.status === 'completion_approved' || data.status === 'closed' ? '，由培训机构颁发。' : '，结业审核通过后由培训机构颁发。'}
          </p>
        ))}
      {data.items.length === 0 ? (
        <p>
          {data.status === 'completion_approved' || data.status === 'closed'
            ? '还没有颁发证书。'
            : '结业审核通过后，培训机构向合格学员颁发证书。'}
        </p>
      ) : (
        <ScrollTable caption={`已颁发的证书（共 ${data.items.length} 张）`} headers={['持证人', '证书编号', '发证日期', '状态', '操作']}>
          {data.items.map((c) => (
            <tr key={c.id}>
              <th scope="row">{c.holderName}</th>
              <td className="code-text">{c.certificateNo}</td>
              <td>{c.issuedOn}</td>
              <td>
                <strong className={c.status === 'valid' ? 'certificate-valid' : 'certificate-revoked'}>
                  {certificateStatusText(c.status)}
                </strong>
                {c.revokedReason && `（${c.revokedReason}）`}
              </td>
              <td>
                <span className="button-row">
                  <Link to={`/certificates/${c.id}`} aria-label={`查看 ${c.holderName} 的证书`}>
                    查看
                  </Link>
                  <Button size="small" htmlType="button" onClick={() => void download(c)} aria-label={`下载 ${c.holderName} 的证书 PDF`}>
                    下载 PDF
                  </Button>
                  {data.canRevoke && c.status === 'valid' && (
                    <Button size="small" danger htmlType="button" onClick={() => setRevoking(c)} aria-label={`撤销 ${c.holderName} 的证书`}>
                      撤销
                    </Button>
                  )}
                </span>
              </td>
            </tr>
          ))}
        </ScrollTable>
      )}
      <ConfirmReasonModal
        open={revoking !== null}
        title={revoking ? `撤销 ${revoking.holderName} 的培训合格证书` : '撤销证书'}
        description={REVOKE_DESCRIPTION}
        confirmText="撤销证书"
        danger
        onCancel={() => setRevoking(null)}
        onConfirm={async (reason) => {
          const target = revoking!;
          await revoke.mutateAsync({ id: target.id, reason });
          setRevoking(null);
          onDone(`已撤销 ${target.holderName} 的证书 ${target.certificateNo}。`);
        }}
      />
    </section>
  );
}
