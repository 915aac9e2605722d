import { useEffect } from 'react';

/** Sets the browser tab title ("Orders · Orderly"). */
export function usePageTitle(title: string): void {
  useEffect(() => {
    document.title = title ? `${title} · Orderly` : 'Orderly';
  }, [title]);
}
