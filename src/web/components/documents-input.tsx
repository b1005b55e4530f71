import { useId } from 'react';

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
      <input
        id={id}
        type="file"
        multiple
        accept=".pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png"
        aria-describedby={hintId}
        onChange={(event) => onChange([...(event.target.files ?? [])].slice(0, 10))}
      />
      {files.length > 0 && (
        <ul aria-label="已选择的文件">
          {files.map((file) => (
            <li key={`${file.name}-${file.size}`}>{file.name}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
