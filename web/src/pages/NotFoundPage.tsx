import { Link } from '../lib/router.js';
import { usePageTitle } from '../lib/usePageTitle.js';

/** An unknown in-app URL. */
export function NotFoundPage() {
  usePageTitle('Page not found');
  return (
    <section className="card narrow">
      <h1>Page not found</h1>
      <p>There is no page at this address.</p>
      <Link to="/">Go to the home page</Link>
    </section>
  );
}
