// The application shell: skip link, banner with the main navigation, the routed page in <main>,
// and a footer. Pages know nothing of the shell; the shell knows pages only through ROUTES.
import { useRef } from 'react';
import { NotFoundPage } from './pages/not-found-page.tsx';
import { HOME_PATH } from './paths.ts';
import { ROUTES } from './routes.tsx';
import { Link, Routes, useFocusOnNavigate, useRouter } from './router.tsx';

export function App() {
  const main = useRef<HTMLElement>(null);
  useFocusOnNavigate(main);
  const { path } = useRouter();
  // The list itself is the current page; a scenario's pages are within that section.
  const scenariosCurrent = path === HOME_PATH ? 'page' : path.startsWith('/scenarios/') ? 'true' : undefined;

  return (
    <>
      <a className="skip-link" href="#main">
        Skip to main content
      </a>
      <header className="app-header">
        <Link to={HOME_PATH} className="brand">
          <span className="brand-mark" aria-hidden="true" />
          Coalition Planner
        </Link>
        <nav aria-label="Main" className="main-nav">
          <ul>
            <li>
              <Link to={HOME_PATH} aria-current={scenariosCurrent}>
                Scenarios
              </Link>
            </li>
            <li>
              {/* The API's own documentation, served by the API server rather than this app. */}
              <a href="/docs">API docs</a>
            </li>
          </ul>
        </nav>
      </header>
      <main id="main" ref={main} tabIndex={-1}>
        <Routes routes={ROUTES} fallback={<NotFoundPage />} />
      </main>
      <footer className="app-footer">
        <p>Figures are planning assumptions; each carries its source or is marked as an assumption.</p>
      </footer>
    </>
  );
}
