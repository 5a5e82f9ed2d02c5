// A small history-API router: the URL is the state of the UI, so a page can be bookmarked, shared in
// a briefing and left with the browser's back button. Routes are a plain list of patterns such as
// `/scenarios/:id`; adding a page means adding one entry to the list in routes.tsx.
import {
  createContext,
  useCallback,
  useContext,
  useEffect,
  useMemo,
  useRef,
  useState,
  type AnchorHTMLAttributes,
  type MouseEvent,
  type ReactNode,
  type RefObject,
} from 'react';

export type RouteParams = Readonly<Record<string, string>>;

export interface Route {
  /** Path pattern; `:name` matches one URL segment. */
  path: string;
  render: (params: RouteParams) => ReactNode;
}

interface RouterState {
  path: string;
  /** The query string including its `?`, or empty: filters and the sign-in page's `next` live here. */
  search: string;
  navigate: (to: string, options?: { replace?: boolean }) => void;
}

const RouterContext = createContext<RouterState | null>(null);

export function RouterProvider({ children }: { children: ReactNode }) {
  const [location, setLocation] = useState(currentLocation);

  useEffect(() => {
    const onPopState = () => setLocation(currentLocation());
    window.addEventListener('popstate', onPopState);
    return () => window.removeEventListener('popstate', onPopState);
  }, []);

  const navigate = useCallback((to: string, options?: { replace?: boolean }) => {
    if (to === window.location.pathname + window.location.search) return;
    if (options?.replace) window.history.replaceState(null, '', to);
    else window.history.pushState(null, '', to);
    setLocation(currentLocation());
    window.scrollTo(0, 0);
  }, []);

  const { path, search } = location;
  const value = useMemo(() => ({ path, search, navigate }), [path, search, navigate]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

function currentLocation(): { path: string; search: string } {
  return { path: window.location.pathname, search: window.location.search };
}

/**
 * A router held at one location, for rendering pages where there is no browser history (tests that
 * render to static HTML). Navigating does nothing.
 */
export function StaticRouterProvider({
  path,
  search = '',
  children,
}: {
  path: string;
  search?: string;
  children: ReactNode;
}) {
  const value = useMemo(() => ({ path, search, navigate: () => undefined }), [path, search]);
  return <RouterContext.Provider value={value}>{children}</RouterContext.Provider>;
}

export function useRouter(): RouterState {
  const router = useContext(RouterContext);
  if (!router) throw new Error('useRouter must be used inside <RouterProvider>');
  return router;
}

/** Params of `pattern` when it matches `path` exactly, otherwise null. */
export function matchPath(pattern: string, path: string): RouteParams | null {
  const want = segments(pattern);
  const have = segments(path);
  if (want.length !== have.length) return null;
  const params: Record<string, string> = {};
  for (const [i, part] of want.entries()) {
    const actual = have[i] ?? '';
    if (part.startsWith(':')) {
      try {
        params[part.slice(1)] = decodeURIComponent(actual);
      } catch {
        return null; // a malformed escape cannot name anything
      }
    } else if (part !== actual) {
      return null;
    }
  }
  return params;
}

function segments(path: string): string[] {
  return path.split('/').filter((s) => s !== '');
}

/** Renders the first route matching the current path, or `fallback`. */
export function Routes({ routes, fallback }: { routes: readonly Route[]; fallback: ReactNode }) {
  const { path } = useRouter();
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params) return <>{route.render(params)}</>;
  }
  return <>{fallback}</>;
}

type LinkProps = Omit<AnchorHTMLAttributes<HTMLAnchorElement>, 'href'> & { to: string };

/** An ordinary link (it opens in a new tab, copies, and works without script) that navigates in place. */
export function Link({ to, onClick, children, ...rest }: LinkProps) {
  const { navigate } = useRouter();
  const handleClick = (e: MouseEvent<HTMLAnchorElement>) => {
    onClick?.(e);
    if (e.defaultPrevented || e.button !== 0 || e.metaKey || e.ctrlKey || e.shiftKey || e.altKey) return;
    if (rest.target && rest.target !== '_self') return;
    e.preventDefault();
    navigate(to);
  };
  return (
    <a href={to} onClick={handleClick} {...rest}>
      {children}
    </a>
  );
}

/** Sets the browser tab's title, which is also what a screen reader announces on navigation. */
export function useDocumentTitle(title: string | undefined): void {
  useEffect(() => {
    document.title = title ? `${title} · Coalition Planner` : 'Coalition Planner';
  }, [title]);
}

/**
 * After in-app navigation, moves keyboard and screen-reader focus to the main content, as a full
 * page load would; the first render leaves focus where the browser put it. A page whose purpose is
 * one form (sign-in) marks its first field `data-autofocus` to receive focus instead.
 */
export function useFocusOnNavigate(target: RefObject<HTMLElement | null>): void {
  const { path } = useRouter();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const preferred = target.current?.querySelector<HTMLElement>('[data-autofocus]');
    (preferred ?? target.current)?.focus({ preventScroll: true });
  }, [path, target]);
}
