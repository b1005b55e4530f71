import type { RegionNode } from '../../../shared/domain/regions';
import { NativeSelect, type SelectOption, type SelectOptionGroup } from '../../components/native-select';

function regionOptions(root: RegionNode): (SelectOption | SelectOptionGroup)[] {
  const own = { value: root.code, label: root.name };
  if (root.level !== 'province') return [own, ...root.children.map((county) => ({ value: county.code, label: county.name }))];
  return [
    own,
    ...root.children.map((city) =>
      city.children.length === 0
        ? { value: city.code, label: city.name }
        : {
            label: `${city.name}及下属区县`,
            options: [
              { value: city.code, label: city.name },
              ...city.children.map((county) => ({ value: county.code, label: county.name })),
            ],
          },
    ),
  ];
}

interface RegionSelectProps {
  root: RegionNode | undefined;
  id?: string;
  value?: string | null;
  onChange?: (code: string | null) => void;
  /** the first, empty choice: “请选择” for a required field, “未填写” for an optional one */
  emptyLabel: string;
  emptyDisabled?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
  'aria-required'?: boolean | 'true' | 'false';
}

/**
 * RegionPicker's native <select> (antd's pickers fail screen readers), for person fields whose
 * empty choice means “not given” rather than “all regions”.
 */
export function RegionSelect({ root, value, onChange, emptyLabel, emptyDisabled = false, ...rest }: RegionSelectProps) {
  const first: SelectOption[] = root
    ? [{ value: '', label: emptyLabel, disabled: emptyDisabled && Boolean(value) }]
    : [{ value: '', label: '正在加载区域…' }];
  return (
    <NativeSelect
      {...rest}
      className="region-picker"
      options={[...first, ...(root ? regionOptions(root) : [])]}
      value={root ? (value ?? '') : ''}
      disabled={!root}
      aria-busy={!root}
      onChange={(code) => onChange?.(code || null)}
    />
  );
}
