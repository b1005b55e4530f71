import { useId } from 'react';
import { documentAccept, FilePicker } from './file-picker';

interface DocumentsInputProps {
  id: string;
  label: string;
  files: File[];
  onChange: (files: File[]) => void;
}

/**
 * A native file input (it is keyboard- and screen-reader-usable everywhere) with the chosen
 * files listed below it; the files are uploaded when the form is submitted.
 */
export function DocumentsInput({ id, label, files, onChange }: DocumentsInputProps) {
  const hintId = useId();
  return (
    <div className="ant-form-item">
      <label htmlFor={id} className="documents-label">
        {label}
      </label>
      <p id={hintId} className="field-hint">
        可选。PDF、JPG 或 PNG，每个文件不超过上传限制，最多 10 个。
      </p>
      <FilePicker id={id} value={files} onChange={onChange} accept={documentAccept} multiple aria-describedby={hintId} />
    </div>
  );
}
