import { Checkbox } from 'antd';

interface CodeCheckboxesProps<T extends string> {
  legend: string;
  codes: readonly T[];
  labels: Record<T, string>;
  id?: string;
  value?: T[];
  onChange?: (values: T[]) => void;
  'aria-describedby'?: string;
}

/** A labelled group of checkboxes: easier with a screen reader than a multi-select. */
export function CodeCheckboxes<T extends string>({
  legend,
  codes,
  labels,
  id,
  value,
  onChange,
  'aria-describedby': describedBy,
}: CodeCheckboxesProps<T>) {
  return (
    <fieldset id={id} className="checkbox-fieldset" aria-describedby={describedBy}>
      <legend>{legend}</legend>
      <Checkbox.Group<T>
        value={value ?? []}
        onChange={(next) => onChange?.(next)}
        options={codes.map((code) => ({ value: code, label: labels[code] }))}
      />
    </fieldset>
  );
}
