// The HTTP side of sign-in: the session cookie and the hook that resolves every /api request's
// token (Bearer header or cookie) to a session through the AuthService (src/app/auth-service.ts),
// or, for CLI commands on the server's machine, to the operator.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from '../domain/access.ts';
import { DomainError } from '../domain/errors.ts';
import type { AuthService, Session } from '../app/auth-service.ts';

export const SESSION_COOKIE = 'coalition_session';
/**
 * The operating-system user a CLI command on this machine runs as, sent with the operator
 * credential and believed only together with it (see AuthService.operator).
 */
export const OPERATOR_USER_HEADER = 'x-coalition-os-user';

declare module 'fastify' {
  interface FastifyRequest {
    /** The signed-in user's session; null only on public routes. */
    session: Session | null;
    principal: Principal | null;
  }
  interface FastifyContextConfig {
    /** Reachable without signing in (health, sign-in). */
    public?: boolean;
  }
}

/** Parses a Cookie header (`a=1; b=2`). The first occurrence of a name wins, as browsers send the most specific first. */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    let value = part.slice(eq + 1).trim();
    if (value.startsWith('"') && value.endsWith('"') && value.length >= 2) value = value.slice(1, -1);
    if (name && !out.has(name)) {
      try {
        out.set(name, decodeURIComponent(value));
      } catch {
        out.set(name, value);
      }
    }
  }
  return out;
}

/** The token a request carries: the Authorization header wins over the cookie. */
export function requestToken(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer\s+(\S+)\s*$/i.exec(header);
    // A malformed header is not silently replaced by the cookie: the client meant something else.
    return m?.[1] ?? '';
  }
  return parseCookies(request.headers.cookie).get(SESSION_COOKIE);
}

export function sessionCookie(request: FastifyRequest, token: string, maxAgeSeconds: number): string {
  const secure = request.protocol === 'https' ? '; Secure' : '';
  return `${SESSION_COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/; Max-Age=${maxAgeSeconds}${secure}`;
}

export function clearedSessionCookie(request: FastifyRequest): string {
  return sessionCookie(request, '', 0);
}

function isPublic(request: FastifyRequest): boolean {
  const path = request.url.split('?')[0] ?? '';
  // The web UI, its assets and /docs are open: the UI shows the sign-in page, the data stays behind /api.
  if (path !== '/api' && !path.startsWith('/api/')) return true;
  return request.routeOptions.config?.public === true;
}

/** Resolves the session on every request and refuses /api requests without one. */
export function registerAuthHook(app: FastifyInstance, auth: AuthService): void {
  app.decorateRequest('session', null);
  app.decorateRequest('principal', null);
  app.addHook('onRequest', async (request: FastifyRequest, _reply: FastifyReply) => {
    if (isPublic(request)) return;
    const token = requestToken(request);
    if (!token) throw new DomainError('unauthenticated', 'sign in first: no session token');
    // The machine's operator (a CLI command beside a server on the embedded store) has no session:
    // its credential comes only in the Authorization header, never as the browser's cookie.
    if (request.headers.authorization !== undefined) {
      const user = request.headers[OPERATOR_USER_HEADER];
      const operator = auth.operator(token, typeof user === 'string' ? user : undefined);
      if (operator) {
        request.principal = operator;
        return;
      }
    }
    const session = await auth.authenticate(token);
    if (!session) {
      throw new DomainError('unauthenticated', 'your session has ended or is not valid: sign in again');
    }
    request.session = session;
    request.principal = session.principal;
  });
}

/** The signed-in user of a request; the hook guarantees one on every non-public route. */
export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new DomainError('unauthenticated', 'sign in first');
  return request.principal;
}

export function sessionOf(request: FastifyRequest): Session {
  if (!request.session) throw new DomainError('unauthenticated', 'sign in first');
  return request.session;
}
