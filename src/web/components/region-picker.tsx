import { TreeSelect } from 'antd';
import { useMemo } from 'react';
import { regionLevelLabels, type RegionNode } from '../../shared/domain/regions';

interface TreeOption {
  value: string;
  title: string;
  children: TreeOption[];
}

function toOption(node: RegionNode): TreeOption {
  return { value: node.code, title: node.name, children: node.children.map(toOption) };
}

interface RegionPickerProps {
  /** the subtree to choose from; undefined while it loads */
  root: RegionNode | undefined;
  /** id of the combobox, which the visible <label for> (or Form.Item label) points at */
  id?: string;
  value?: string | null;
  onChange?: (code: string | undefined) => void;
  allowClear?: boolean;
  disabled?: boolean;
  'aria-describedby'?: string;
  'aria-invalid'?: boolean | 'true' | 'false';
  'aria-required'?: boolean | 'true' | 'false';
}

/** A searchable tree of the province → city → county regions. Always used with a visible label. */
export function RegionPicker({ root, value, onChange, allowClear = false, ...rest }: RegionPickerProps) {
  const treeData = useMemo(() => (root ? [toOption(root)] : []), [root]);
  return (
    <TreeSelect
      {...rest}
      className="region-picker"
      treeData={treeData}
      value={value ?? undefined}
      onChange={(code: string | undefined) => onChange?.(code)}
      loading={!root}
      allowClear={allowClear}
      showSearch={{ treeNodeFilterProp: 'title' }}
      treeDefaultExpandedKeys={root ? [root.code] : []}
      notFoundContent={root ? '没有匹配的区域' : '正在加载区域…'}
      placeholder={root ? `请选择（${regionLevelLabels[root.level]}及以下）` : '正在加载区域…'}
    />
  );
}
