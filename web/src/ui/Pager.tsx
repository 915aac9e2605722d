import { useId } from 'react';

/** Page sizes offered in lists. */
export const PAGE_SIZES = [10, 20, 50, 100];

/** "21–40 of 57" (or "of more than 10000" past the server's count bound), previous/next and the page size. */
export function Pager({
  page,
  size,
  count,
  exact = true,
  onPage,
  onSize,
}: {
  page: number;
  size: number;
  count: number;
  /** False when `count` is the server's bound plus one, not the total. */
  exact?: boolean;
  onPage(page: number): void;
  onSize(size: number): void;
}) {
  const id = useId();
  const pages = Math.max(1, Math.ceil(count / size));
  const first = count === 0 ? 0 : (page - 1) * size + 1;
  const last = Math.min(count, page * size);
  return (
    <nav className="pager" aria-label="Pagination">
      <span className="muted" aria-live="polite">
        {count === 0 ? 'No results' : `${first}–${last} of ${exact ? count : `more than ${count - 1}`}`}
      </span>
      <span className="pager-controls">
        <label htmlFor={id} className="inline-label">
          Per page
        </label>
        <select id={id} value={size} onChange={(e) => onSize(Number(e.target.value))}>
          {PAGE_SIZES.map((s) => (
            <option key={s} value={s}>
              {s}
            </option>
          ))}
        </select>
        <button type="button" className="btn btn-small" disabled={page <= 1} onClick={() => onPage(page - 1)}>
          Previous
        </button>
        <span className="muted small">
          Page {Math.min(page, pages)}
          {exact ? ` of ${pages}` : ''}
        </span>
        <button
          type="button"
          className="btn btn-small"
          disabled={page >= pages}
          onClick={() => onPage(page + 1)}
        >
          Next
        </button>
      </span>
    </nav>
  );
}
