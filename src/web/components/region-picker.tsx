import type { RegionNode } from '../../shared/domain/regions';
import { NativeSelect, type SelectOption, type SelectOptionGroup } from './native-select';

/** Regions as options; a city and its counties form one group, so the hierarchy is announced. */
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

interface RegionPickerProps {
  /** the subtree to choose from (an account's own region); undefined while it loads */
  root: RegionNode | undefined;
  /** id of the <select>, which the visible <label for> (or Form.Item label) points at */
  id?: string;
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  /** offer "全部区域" (no region) as the first choice, for filters */
  allowAll?: boolean;
  disabled?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
  'aria-required'?: boolean | 'true' | 'false';
}

/** Province → city → county choice. Always used with a visible label. */
export function RegionPicker({ root, value, onChange, allowAll = false, disabled, ...rest }: RegionPickerProps) {
  const first: SelectOption[] = !root
    ? [{ value: '', label: '正在加载区域…' }]
    : allowAll
      ? [{ value: '', label: '全部区域' }]
      : value
        ? []
        : [{ value: '', label: '请选择', disabled: true }];
  return (
    <NativeSelect
      {...rest}
      className="region-picker"
      options={[...first, ...(root ? regionOptions(root) : [])]}
      value={root ? (value ?? '') : ''}
      disabled={disabled || !root}
      aria-busy={!root}
      onChange={(code) => onChange?.(code || undefined)}
    />
  );
}
