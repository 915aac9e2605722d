import { useEffect, useId, useRef, useState } from 'react';

/** Free-text search that reports after a short pause in typing (so each key is not a request). */
export function SearchField({
  label,
  value,
  onChange,
}: {
  label: string;
  value: string;
  onChange(v: string): void;
}) {
  const id = useId();
  const [text, setText] = useState(value);
  const report = useRef(onChange);
  report.current = onChange;
  useEffect(() => setText(value), [value]);
  useEffect(() => {
    if (text === value) return;
    const t = window.setTimeout(() => report.current(text.trim()), 300);
    return () => window.clearTimeout(t);
  }, [text, value]);
  return (
    <div className="field field-search">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        type="search"
        value={text}
        placeholder="Name, project or order id"
        onChange={(e) => setText(e.target.value)}
      />
    </div>
  );
}
