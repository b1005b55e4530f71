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

interface CommonProps {
  /** the subtree to choose from (an account's own region); undefined while it loads */
  root: RegionNode | undefined;
  /** id of the <select>, which the visible <label for> (or Form.Item label) points at */
  id?: string;
  value?: string | null;
  disabled?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
  'aria-required'?: boolean | 'true' | 'false';
}

type RegionPickerProps = CommonProps &
  (
    | {
        /** offer "全部区域" (no region) as the first choice, for filters */
        allowAll?: boolean;
        emptyLabel?: undefined;
        onChange?: (code: string | undefined) => void;
      }
    | {
        allowAll?: undefined;
        /**
         * a record's field whose empty choice means “not given”: the first, empty choice is always
         * listed (“请选择” for a required field, “未填写” for an optional one) and gives null
         */
        emptyLabel: string;
        /** the empty choice cannot be chosen again once a region is */
        emptyDisabled?: boolean;
        onChange?: (code: string | null) => void;
      }
  );

/**
 * Province → city → county choice in a native <select> (antd's pickers fail screen readers).
 * Always used with a visible label.
 */
export function RegionPicker(props: RegionPickerProps) {
  const { root, value, disabled, allowAll, emptyLabel, emptyDisabled, onChange, ...rest } = props as CommonProps & {
    allowAll?: boolean;
    emptyLabel?: string;
    emptyDisabled?: boolean;
    onChange?: (code: string | null | undefined) => void;
  };
  const first: SelectOption[] = !root
    ? [{ value: '', label: '正在加载区域…' }]
    : emptyLabel !== undefined
      ? [{ value: '', label: emptyLabel, disabled: Boolean(emptyDisabled) && Boolean(value) }]
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
      onChange={(code) => onChange?.(code || (emptyLabel !== undefined ? null : undefined))}
    />
  );
}
