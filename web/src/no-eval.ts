// The page's Content-Security-Policy forbids eval (src/server/security-headers.ts). Zod 4 compiles
// fast object parsers with `new Function` after probing whether eval is allowed; the probe is caught,
// but the browser still reports a CSP violation on every page that parses a schema. Jitless skips
// both: the same checks, interpreted. Imported first by main.tsx, before any schema is parsed.
import { config } from 'zod';

config({ jitless: true });
