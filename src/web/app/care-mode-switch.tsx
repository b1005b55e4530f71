import { Switch } from 'antd';
import { useId } from 'react';
import { useCareMode } from './care-mode-provider';

/** A real switch (role=switch) named by a visible label. */
export function CareModeSwitch() {
  const { careMode, setCareMode, saveError } = useCareMode();
  const id = useId();
  return (
    <span className="care-mode-switch">
      <Switch id={id} checked={careMode} onChange={setCareMode} />
      <label htmlFor={id}>关怀模式（大字号、高对比度）</label>
      {saveError && (
        <span role="alert" className="inline-error">
          {saveError}
        </span>
      )}
    </span>
  );
}
