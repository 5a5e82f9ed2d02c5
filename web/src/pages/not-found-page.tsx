// Shown for any URL the router does not know, e.g. a mistyped or outdated bookmark.
import { HOME_PATH } from '../paths.ts';
import { Link, useDocumentTitle, useRouter } from '../router.tsx';

export function NotFoundPage() {
  useDocumentTitle('Page not found');
  const { path } = useRouter();
  return (
    <>
      <h1>Page not found</h1>
      <p>
        There is no page at <code>{path}</code>. <Link to={HOME_PATH}>Go to the list of scenarios</Link>.
      </p>
    </>
  );
}
