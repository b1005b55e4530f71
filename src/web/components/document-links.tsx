import { Button } from 'antd';
import { useState } from 'react';
import { errorMessage } from '../lib/use-form-errors';

interface DocumentLinksProps {
  documents: { fileId: string; name: string }[];
  /** downloads one file through the route that checks the viewer may read the record; answers the file name */
  download: (fileId: string) => Promise<string>;
}

/** The files attached to a record or a step, each a button that downloads it. */
export function DocumentLinks({ documents, download }: DocumentLinksProps) {
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
                download(doc.fileId)
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
