import { type KeyboardEvent, useEffect, useId, useRef, useState } from 'react';

/** One entry of an Actions dropdown, already decided by the server's `abilities`. */
export interface MenuAction {
  key: string;
  label: string;
  /** Section heading ("Resource actions", "Provider actions", "Staff actions"). */
  section?: string;
  allowed: boolean;
  /** Why the action is not available (the server's `message`). */
  reason?: string;
  onSelect(): void;
}

/**
 * The "Actions" dropdown: allowed actions are menu items; refused ones stay listed, disabled, with
 * the server's reason under them. Arrow keys move, Escape closes and returns focus to the button.
 */
export function ActionMenu({ actions, label = 'Actions' }: { actions: MenuAction[]; label?: string }) {
  const [open, setOpen] = useState(false);
  const menuId = useId();
  const button = useRef<HTMLButtonElement>(null);
  const menu = useRef<HTMLDivElement>(null);

  const items = () => [...(menu.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? [])];
  useEffect(() => {
    if (!open) return;
    menu.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
    const onDoc = (e: MouseEvent) => {
      const t = e.target as Node;
      if (!menu.current?.contains(t) && !button.current?.contains(t)) setOpen(false);
    };
    document.addEventListener('mousedown', onDoc);
    return () => document.removeEventListener('mousedown', onDoc);
  }, [open]);

  const onKey = (e: KeyboardEvent) => {
    const list = items();
    const i = list.indexOf(document.activeElement as HTMLElement);
    if (e.key === 'Escape') {
      setOpen(false);
      button.current?.focus();
    } else if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
      e.preventDefault();
      const step = e.key === 'ArrowDown' ? 1 : -1;
      list[(i + step + list.length) % list.length]?.focus();
    } else if (e.key === 'Tab') setOpen(false);
  };

  const choose = (a: MenuAction) => {
    if (!a.allowed) return;
    setOpen(false);
    a.onSelect();
  };

  const sections = [...new Set(actions.map((a) => a.section ?? ''))];
  return (
    <div className="menu-wrap">
      <button
        ref={button}
        type="button"
        className="btn btn-primary"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={menuId}
        onClick={() => setOpen((o) => !o)}
        disabled={actions.length === 0}
      >
        {label} <span aria-hidden="true">▾</span>
      </button>
      {open && (
        <div
          ref={menu}
          id={menuId}
          role="menu"
          aria-label={label}
          className="menu"
          tabIndex={-1}
          onKeyDown={onKey}
        >
          {sections.map((s) => (
            <div key={s || 'default'} className="menu-section">
              {s && <div className="menu-heading">{s}</div>}
              {actions
                .filter((a) => (a.section ?? '') === s)
                .map((a) => (
                  <div
                    key={a.key}
                    role="menuitem"
                    tabIndex={-1}
                    aria-disabled={!a.allowed}
                    className={a.allowed ? 'menu-item' : 'menu-item menu-item-disabled'}
                    onClick={() => choose(a)}
                    onKeyDown={(e) => {
                      if (e.key === 'Enter' || e.key === ' ') {
                        e.preventDefault();
                        choose(a);
                      }
                    }}
                  >
                    <span>{a.label}</span>
                    {!a.allowed && a.reason && <span className="menu-reason">{a.reason}</span>}
                  </div>
                ))}
            </div>
          ))}
        </div>
      )}
    </div>
  );
}
