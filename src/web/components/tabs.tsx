import { useId, useRef, type KeyboardEvent, type ReactNode } from 'react';

export interface TabItem<K extends string> {
  key: K;
  label: string;
  content: ReactNode;
}

interface TabsProps<K extends string> {
  label: string;
  items: TabItem<K>[];
  active: K;
  onChange: (key: K) => void;
}

/**
 * The ARIA tabs pattern, kept small: arrow keys, Home and End move between tabs (and select
 * them), Tab goes into the panel. Every panel is rendered (hidden when inactive) so each
 * aria-controls points at a real element; the tab row wraps instead of hiding tabs behind a
 * “more” button on narrow screens (antd's overflow button sits inside the tablist, which fails axe).
 */
export function Tabs<K extends string>({ label, items, active, onChange }: TabsProps<K>) {
  const base = useId();
  const buttons = useRef(new Map<K, HTMLButtonElement>());
  const tabId = (key: K) => `${base}-tab-${key}`;
  const panelId = (key: K) => `${base}-panel-${key}`;

  function onKeyDown(event: KeyboardEvent<HTMLButtonElement>, index: number) {
    const last = items.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? index === last
          ? 0
          : index + 1
        : event.key === 'ArrowLeft'
          ? index === 0
            ? last
            : index - 1
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    const key = items[next]!.key;
    onChange(key);
    buttons.current.get(key)?.focus();
  }

  return (
    <div className="tabs">
      <div role="tablist" aria-label={label} className="tab-list">
        {items.map((item, index) => (
          <button
            key={item.key}
            ref={(element) => {
              if (element) buttons.current.set(item.key, element);
              else buttons.current.delete(item.key);
            }}
            type="button"
            role="tab"
            id={tabId(item.key)}
            aria-selected={item.key === active}
            aria-controls={panelId(item.key)}
            tabIndex={item.key === active ? 0 : -1}
            className="tab"
            onClick={() => onChange(item.key)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            {item.label}
          </button>
        ))}
      </div>
      {items.map((item) => (
        <div
          key={item.key}
          role="tabpanel"
          id={panelId(item.key)}
          aria-labelledby={tabId(item.key)}
          tabIndex={0}
          hidden={item.key !== active}
          className="tab-panel"
        >
          {item.content}
        </div>
      ))}
    </div>
  );
}
