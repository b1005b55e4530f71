interface FilePickerProps {
  /** set by Form.Item, so its label points here and the error summary can link here */
  id?: string;
  value?: File[];
  onChange?: (files: File[]) => void;
  accept: string;
  multiple?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
}

/**
 * A native file input (keyboard- and screen-reader-usable everywhere) as an antd form control, with
 * the chosen files listed below it; the files are uploaded when the form is submitted and the
 * server checks their content.
 */
export function FilePicker({ id, value = [], onChange, accept, multiple = false, ...aria }: FilePickerProps) {
  return (
    <>
      <input
        id={id}
        type="file"
        multiple={multiple}
        accept={accept}
        {...aria}
        onChange={(event) => onChange?.([...(event.target.files ?? [])].slice(0, 10))}
      />
      {value.length > 0 && (
        <ul aria-label="已选择的文件">
          {value.map((file) => (
            <li key={`${file.name}-${file.size}`}>{file.name}</li>
          ))}
        </ul>
      )}
    </>
  );
}

export const imageAccept = '.jpg,.jpeg,.png,image/jpeg,image/png';
export const documentAccept = '.pdf,.jpg,.jpeg,.png,application/pdf,image/jpeg,image/png';
