import { DownloadOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';
import { exportUsers } from '../../../shared/contracts/users-contracts';
import { downloadFile } from '../../lib/api-client';
import { errorMessage } from '../../lib/use-form-errors';
import type { UserFilterValues } from './user-filters';

/**
 * Downloads the account list as .xlsx with the filters of the list on screen. The browser shows no
 * sign of a download to a screen reader, so its start (or failure) is said in a live region.
 */
export function ExportUsersButton({ filters }: { filters: UserFilterValues }) {
  const [pending, setPending] = useState(false);
  const [status, setStatus] = useState('');
  const [failure, setFailure] = useState<string | null>(null);

  async function download() {
    setPending(true);
    setStatus('正在生成导出文件…');
    setFailure(null);
    try {
      const name = await downloadFile(exportUsers, { query: filters });
      setStatus(`已开始下载：${name}`);
    } catch (error) {
      setStatus('');
      setFailure(`导出未能完成：${errorMessage(error)}`);
    } finally {
      setPending(false);
    }
  }

  return (
    <span className="export-button">
      <Button htmlType="button" icon={<DownloadOutlined aria-hidden />} loading={pending} onClick={() => void download()}>
        导出账号清单
      </Button>
      <span role="status" className="export-status">
        {status}
      </span>
      {failure && (
        <span role="alert" className="inline-error">
          {failure}
        </span>
      )}
    </span>
  );
}
