import { Button } from 'antd';
import { useState } from 'react';
import { downloadAccreditationDocument } from '../../../shared/contracts/accreditation-contracts';
import { downloadFile } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';

/** The files attached to an accreditation or a step, each a button that downloads it. */
export function DocumentLinks({ accreditationId, documents }: { accreditationId: string; documents: { fileId: string; name: string }[] }) {
  const [status, setStatus] = useState('');
  if (documents.length === 0) return <>无</>;
  return (
    <>
      <ul className="document-links">
        {documents.map((doc) => (
          <li key={doc.fileId}>
            <Button
              type="link"
              htmlType="button"
              onClick={() => {
                setStatus('');
                downloadFile(downloadAccreditationDocument, { params: { id: accreditationId, fileId: doc.fileId } })
                  .then((name) => setStatus(`已开始下载：${name}`))
                  .catch((error: unknown) => setStatus(`下载未能完成：${errorMessage(error)}`));
              }}
            >
              下载 {doc.name}
            </Button>
          </li>
        ))}
      </ul>
      <span role="status">{status}</span>
    </>
  );
}
