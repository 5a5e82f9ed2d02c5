// Security headers on every response (the UI, its assets, /docs and the API's JSON alike), through
// @fastify/helmet. The Content-Security-Policy allows this server's own scripts, styles, images
// and requests only: the UI bundles everything (no CDNs, remote fonts or map tiles, see
// vite.config.ts), so a script injected despite React's escaping can neither load code from
// elsewhere nor send data there, and no other site may frame the app (clickjacking).
import fastifyHelmet from '@fastify/helmet';
import type { FastifyInstance } from 'fastify';

/** The policy, directive by directive; `null` leaves a directive out. */
export const CSP_DIRECTIVES: Record<string, readonly string[] | null> = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  // No inline event handlers, ever.
  'script-src-attr': ["'none'"],
  'style-src': ["'self'"],
  // data: for the favicon inlined in index.html, the APP-6 unit symbols on the deployment map (which
  // milsymbol draws as data: URLs) and Swagger UI's icons. Styles need nothing inline: React and
  // ECharts set them through element.style (the CSSOM), which style-src does not restrict.
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'none'"],
  // Left out: the server speaks plain HTTP itself (TLS, when used, ends at a proxy in front), and on
  // a plain-HTTP address the upgrade would send every asset request to a port that is not there.
  'upgrade-insecure-requests': null,
};

/** The policy as the header value. */
export function cspHeader(directives: Record<string, readonly string[] | null> = CSP_DIRECTIVES): string {
  return Object.entries(directives)
    .filter((entry): entry is [string, readonly string[]] => entry[1] !== null)
    .map(([name, values]) => [name, ...values].join(' '))
    .join('; ');
}

/** Registers the headers on every route of `app`; call it before any route or hook that may answer. */
export async function registerSecurityHeaders(app: FastifyInstance): Promise<void> {
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      useDefaults: false,
      directives: Object.fromEntries(
        Object.entries(CSP_DIRECTIVES).map(([name, values]) => [name, values === null ? null : [...values]]),
      ),
    },
    // Anti-framing for browsers that predate frame-ancestors.
    frameguard: { action: 'deny' },
    // Browsers heed it only over HTTPS. Not includeSubDomains: sibling hosts are not this app's to
    // force onto HTTPS.
    strictTransportSecurity: { maxAge: 180 * 24 * 60 * 60, includeSubDomains: false },
  });
}

/**
 * The logo of Swagger UI (/docs) is an SVG with a <style> element of its own: allowed there by its
 * hash, on /docs only, rather than 'unsafe-inline'. A new @fastify/swagger-ui may change the logo; the
 * browser test of the CSP then fails naming the new hash (e2e/csp.test.ts).
 */
const SWAGGER_LOGO_STYLE = "'sha256-RL3ie0nH+Lzz2YNqQN83mnU0J1ot4QL7b99vMdIX99w='";

/** The policy of /docs, for @fastify/swagger-ui's `transformStaticCSP`: the app's plus the logo's style. */
export function docsCsp(): string {
  return cspHeader({
    ...CSP_DIRECTIVES,
    'style-src': [...(CSP_DIRECTIVES['style-src'] ?? []), SWAGGER_LOGO_STYLE],
  });
}
