// Forged writes (CSRF). A browser attaches the session cookie to every request to this host, also to
// one that a page on another port or a sibling subdomain makes: SameSite=Strict counts those as the
// same site. So two rules hold for every write (any method but GET, HEAD and OPTIONS):
//
// 1. A write signed in with the cookie must come from a page of this very origin. Sec-Fetch-Site
//    (set by the browser, never by a page's script) must say `same-origin` (or `none`: the user typed
//    it); where a browser does not send it (plain HTTP on a LAN address, older browsers), Origin must
//    equal this server's own origin. A cookie write with neither header is refused: every browser
//    sends Origin on a POST, and a client that is not a browser should send the Bearer token. The
//    Bearer token is unaffected: another page cannot make the browser send a header it cannot know.
//    Sign-in (no session yet) is refused only when those headers say another origin, so a page
//    elsewhere cannot sign a victim in to the attacker's account (login CSRF) while the CLI, which
//    sends neither, still signs in.
// 2. A route takes bodies of its own media types only: JSON unless it says otherwise in
//    `config.accepts`. An HTML form can only send text/plain, urlencoded or multipart bodies, and a
//    cross-origin script without a CORS preflight (never granted here) only those three; none of
//    them reaches a JSON route, whatever the cookie. Refused with 415, naming the accepted types.
//
// Rule 1 runs first (a forged write gets 403 whatever its body) and after the auth hook, so a cookie
// that is not a session is 401 as before.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../domain/errors.ts';
import { SESSION_COOKIE, parseCookies } from './auth.ts';

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Media types the route's request body may have; JSON only when absent (see same-origin.ts). */
    accepts?: readonly string[];
  }
}

export const JSON_MEDIA_TYPE = 'application/json';
/** Scenario documents may also be posted as YAML, under any of its usual names. */
export const YAML_MEDIA_TYPES = ['application/yaml', 'application/x-yaml', 'text/yaml'] as const;
export const CSV_MEDIA_TYPE = 'text/csv';

/** Methods that change nothing here, so a forged one cannot hurt (and a page may not read the answer). */
const SAFE_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS']);

const USE_BEARER = 'send the session token as `Authorization: Bearer <token>` instead of the cookie';

export function registerSameOrigin(app: FastifyInstance): void {
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    if (SAFE_METHODS.has(request.method)) return;
    const forged = originRefusal(request);
    if (forged) throw new DomainError('forbidden', forged);
    const wrongType = mediaTypeRefusal(request);
    if (wrongType) {
      // The error handler knows only DomainError codes and Fastify's own errors: answer here, in the
      // API's error shape.
      return reply.status(415).send({ error: { code: 'unsupported_media_type', message: wrongType } });
    }
  });
}

/** Why this write is refused as coming from another origin, or undefined when it is not. */
function originRefusal(request: FastifyRequest): string | undefined {
  if (request.headers.authorization !== undefined) return undefined;
  const site = singleHeader(request, 'sec-fetch-site');
  const origin = singleHeader(request, 'origin');
  const sameOrigin =
    site !== undefined
      ? site === 'same-origin' || site === 'none'
      : origin !== undefined && origin === ownOrigin(request);
  if (sameOrigin) return undefined;
  const from = site !== undefined ? `a ${site} page${origin ? ` at ${origin}` : ''}` : origin;
  if (parseCookies(request.headers.cookie).has(SESSION_COOKIE)) {
    return from === undefined
      ? `this write carries the session cookie but neither Origin nor Sec-Fetch-Site, so it may come ` +
          `from another origin: a client that is not a browser must ${USE_BEARER}`
      : `this write came from another origin (${from}) with the session cookie and is refused: only ` +
          `this site's own pages may write with the cookie; an API client must ${USE_BEARER}`;
  }
  // Without the cookie only sign-in (and paths that are no route) get this far, the auth hook
  // refusing the rest: refuse it only when the browser says it came from elsewhere.
  if (from === undefined) return undefined;
  return `this request came from another origin (${from}) and is refused: sign in on this site's own page`;
}

/** Why this request's body is not one the route takes, or undefined when it is (or there is none). */
function mediaTypeRefusal(request: FastifyRequest): string | undefined {
  // No route: the not-found handler answers 404 whatever the body.
  if (request.is404) return undefined;
  // A body-less write (DELETE, sign-out) may name any type, e.g. a client that always sends JSON's.
  if (!hasBody(request)) return undefined;
  const accepts = request.routeOptions.config.accepts ?? [JSON_MEDIA_TYPE];
  const type = mediaTypeOf(singleHeader(request, 'content-type'));
  if (type !== undefined && accepts.includes(type)) return undefined;
  return (
    `${request.method} ${request.routeOptions.url ?? request.url} takes a body of type ` +
    `${accepts.join(' or ')}, not ${type ?? 'one without Content-Type'}`
  );
}

/** Whether the request carries a body, by the same test as Fastify's (which then parses it). */
function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

/** `text/plain; charset=UTF-8` → `text/plain`. */
function mediaTypeOf(header: string | undefined): string | undefined {
  const type = header?.split(';', 1)[0]?.trim().toLowerCase();
  return type ? type : undefined;
}

/**
 * This server's origin as the browser names it: scheme and the Host header. Normalised through URL
 * so that a default port and letter case compare equal; undefined when the Host header is unusable.
 */
function ownOrigin(request: FastifyRequest): string | undefined {
  try {
    return new URL(`${request.protocol}://${request.host}`).origin;
  } catch {
    return undefined;
  }
}

/** A header's one value; a repeated header (which browsers never send for these) counts as absent. */
function singleHeader(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  if (typeof value !== 'string') return undefined;
  if (name !== 'origin') return value.trim().toLowerCase();
  // Origin is compared normalised too; `null` (a sandboxed or privacy-sensitive context) and
  // anything that is not a URL stay as sent, so they match nothing.
  try {
    const url = new URL(value);
    return url.origin === 'null' ? value : url.origin;
  } catch {
    return value;
  }
}
