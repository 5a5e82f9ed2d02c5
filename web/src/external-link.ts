// Links to other sites, such as a source's URL: a page puts one into an href only through
// externalHref, which passes http: and https: URLs and nothing else. The API refuses other schemes
// on the way in (src/domain/schema-parts.ts); this holds too for a record stored before that rule,
// or a server that does not keep it, so a `javascript:` or `data:` URL never becomes a link.
import { isHttpUrl } from '../../src/domain/schema-parts.ts';

/** The URL to link to, or undefined when `url` is not an absolute http: or https: URL. */
export function externalHref(url: string | undefined): string | undefined {
  const trimmed = url?.trim();
  return trimmed !== undefined && isHttpUrl(trimmed) ? trimmed : undefined;
}
