import { type KeyboardEvent, type ReactNode, useId, useRef } from 'react';

/** One tab: its key, label and panel. */
export interface TabSpec {
  key: string;
  label: ReactNode;
  panel: () => ReactNode;
}

/** WAI-ARIA tabs; the selected tab lives in the URL (`?tab=`), so it survives reloads and links. */
export function Tabs({
  tabs,
  selected,
  onSelect,
}: {
  tabs: TabSpec[];
  selected: string;
  onSelect(key: string): void;
}) {
  const base = useId();
  const list = useRef<HTMLDivElement>(null);
  const current = tabs.find((t) => t.key === selected) ?? tabs[0];
  const onKey = (e: KeyboardEvent, index: number) => {
    const step = e.key === 'ArrowRight' ? 1 : e.key === 'ArrowLeft' ? -1 : 0;
    if (!step) return;
    e.preventDefault();
    const next = tabs[(index + step + tabs.length) % tabs.length];
    if (!next) return;
    onSelect(next.key);
    list.current?.querySelector<HTMLElement>(`#${CSS.escape(`${base}-tab-${next.key}`)}`)?.focus();
  };
  if (!current) return null;
  return (
    <div className="tabs">
      <div role="tablist" className="tablist" ref={list}>
        {tabs.map((t, i) => (
          <button
            key={t.key}
            id={`${base}-tab-${t.key}`}
            type="button"
            role="tab"
            aria-selected={t.key === current.key}
            aria-controls={`${base}-panel`}
            tabIndex={t.key === current.key ? 0 : -1}
            className="tab"
            onClick={() => onSelect(t.key)}
            onKeyDown={(e) => onKey(e, i)}
          >
            {t.label}
          </button>
        ))}
      </div>
      <div
        role="tabpanel"
        id={`${base}-panel`}
        aria-labelledby={`${base}-tab-${current.key}`}
        className="tabpanel"
      >
        {current.panel()}
      </div>
    </div>
  );
}
