import type { SelectHTMLAttributes } from 'react';

export interface SelectOption {
  value: string;
  label: string;
  disabled?: boolean;
}

export interface SelectOptionGroup {
  label: string;
  options: SelectOption[];
}

interface NativeSelectProps extends Omit<SelectHTMLAttributes<HTMLSelectElement>, 'value' | 'onChange'> {
  options: (SelectOption | SelectOptionGroup)[];
  value?: string | null;
  onChange?: (value: string) => void;
}

/**
 * A styled native <select>. antd's Select exposes its combobox without a value and points
 * aria-owns at a list that is not there; the browser's own control is announced correctly by
 * every screen reader, has type-ahead, and uses the phone's native picker.
 */
export function NativeSelect({ options, value, onChange, className, ...rest }: NativeSelectProps) {
  return (
    <select
      {...rest}
      className={className ? `native-select ${className}` : 'native-select'}
      value={value ?? ''}
      onChange={(event) => onChange?.(event.target.value)}
    >
      {options.map((item) =>
        'options' in item ? (
          <optgroup key={`group-${item.label}`} label={item.label}>
            {item.options.map((option) => (
              <option key={option.value} value={option.value} disabled={option.disabled}>
                {option.label}
              </option>
            ))}
          </optgroup>
        ) : (
          <option key={item.value} value={item.value} disabled={item.disabled}>
            {item.label}
          </option>
        ),
      )}
    </select>
  );
}
