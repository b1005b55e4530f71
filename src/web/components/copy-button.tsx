import { CopyOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import { useState } from 'react';

/** Copies text and says so in a live region, since the clipboard gives no feedback of its own. */
export function CopyButton({ text, label }: { text: string; label: string }) {
  const [status, setStatus] = useState('');

  async function copy() {
    try {
      await navigator.clipboard.writeText(text);
      setStatus('已复制到剪贴板');
    } catch {
      setStatus('无法自动复制，请选中文字后手动复制');
    }
  }

  return (
    <span className="copy-button">
      <Button htmlType="button" icon={<CopyOutlined aria-hidden />} onClick={() => void copy()}>
        {label}
      </Button>
      <span role="status" className="copy-status">
        {status}
      </span>
    </span>
  );
}
