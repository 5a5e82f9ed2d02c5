// Text search across the records of a scenario: what a query may be, what a hit says, and the
// snippet that shows a hit in context. The search itself runs in the store, inside the same
// releasability rule as every other read, so a hit is only ever a record the viewer may see.
import { invalid, type FieldIssue } from './errors.ts';
import { textProblem } from './json-safety.ts';
import { ENTITY_KINDS, type EntityKind, type EntityTypes } from './records.ts';

export const SEARCH_TEXT_MAX = 200;
export const SEARCH_LIMIT_DEFAULT = 50;
export const SEARCH_LIMIT_MAX = 200;
/** Characters of context either side of the match in a snippet. */
export const SNIPPET_CONTEXT = 40;

export interface SearchQuery {
  /** Matched case-insensitively as a plain substring (no wildcards, no operators). */
  text: string;
  /** Only these kinds (default: every kind). */
  kinds?: readonly EntityKind[] | undefined;
  /** At most this many hits (default SEARCH_LIMIT_DEFAULT, at most SEARCH_LIMIT_MAX). */
  limit?: number | undefined;
}

export interface SearchHit {
  kind: EntityKind;
  /** The record's key within its kind (ENTITY_KEY), as in its URL. */
  key: string;
  /** What a person calls the record: a nation's name, "GBR offers 2 × MECH-INF-BN". */
  label: string;
  /** Dotted path of the field that matched, e.g. `caveats.notes` or `source.publication`. */
  field: string;
  /** The matched text with some context either side, on one line. */
  snippet: string;
}

export interface SearchResult {
  items: SearchHit[];
  /** True when more records matched than `limit`: narrow the query to see them. */
  truncated: boolean;
}

// Control characters have no place in a search box and would only reach logs and SQL.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/**
 * The query of a search request (`q`, `kinds`, `limit` as they arrive in a URL), validated with
 * each problem named by its parameter. `kinds` is a comma-separated list or repeated parameter.
 */
export function parseSearchQuery(raw: { q?: unknown; kinds?: unknown; limit?: unknown }): SearchQuery {
  const issues: FieldIssue[] = [];
  const text = typeof raw.q === 'string' ? raw.q.trim() : undefined;
  if (raw.q !== undefined && typeof raw.q !== 'string') {
    issues.push({ path: 'q', message: 'must be given once, as text' });
  } else if (text === undefined || text === '') {
    issues.push({ path: 'q', message: 'is required: the text to search for' });
  } else if ([...text].length > SEARCH_TEXT_MAX) {
    issues.push({ path: 'q', message: `must be at most ${SEARCH_TEXT_MAX} characters` });
  } else if (textProblem(text)) {
    issues.push({ path: 'q', message: textProblem(text)! });
  } else if (CONTROL.test(text)) {
    issues.push({ path: 'q', message: 'must not contain control characters (line breaks, tabs…)' });
  }

  let kinds: EntityKind[] | undefined;
  if (raw.kinds !== undefined) {
    const parts = (Array.isArray(raw.kinds) ? raw.kinds : [raw.kinds])
      .flatMap((k) => (typeof k === 'string' ? k.split(',') : [String(k)]))
      .map((k) => k.trim())
      .filter((k) => k !== '');
    const unknown = parts.filter((k) => !(ENTITY_KINDS as readonly string[]).includes(k));
    if (unknown.length > 0) {
      issues.push({
        path: 'kinds',
        message: `names unknown kind ${unknown.map((k) => `"${k}"`).join(', ')}; use ${ENTITY_KINDS.join(', ')}`,
      });
    } else if (parts.length > 0) {
      kinds = ENTITY_KINDS.filter((k) => parts.includes(k));
    }
  }

  let limit: number | undefined;
  if (raw.limit !== undefined && raw.limit !== '') {
    const n = typeof raw.limit === 'number' ? raw.limit : Number(raw.limit);
    if (!Number.isInteger(n) || n < 1 || n > SEARCH_LIMIT_MAX) {
      issues.push({ path: 'limit', message: `must be a whole number from 1 to ${SEARCH_LIMIT_MAX}` });
    } else {
      limit = n;
    }
  }

  if (issues.length > 0) throw invalid(issues);
  return { text: text!, ...(kinds && { kinds }), ...(limit !== undefined && { limit }) };
}

/**
 * `text` on one line, cut to the match and SNIPPET_CONTEXT characters either side, with "…" where
 * it was cut. If the match cannot be located (case rules differ), the start of the text.
 */
export function snippetOf(text: string, query: string, context = SNIPPET_CONTEXT): string {
  const flat = text.replace(/\s+/g, ' ').trim();
  const at = flat.toLowerCase().indexOf(query.toLowerCase());
  const start = at < 0 ? 0 : Math.max(0, at - context);
  const end = at < 0 ? 2 * context + query.length : at + query.length + context;
  const cutStart = start > 0;
  const cutEnd = end < flat.length;
  // Cut at word boundaries where there is one nearby, so a snippet does not start mid-word.
  let piece = flat.slice(start, Math.min(end, flat.length));
  if (cutStart) piece = piece.replace(/^\S{0,15}\s/, '');
  if (cutEnd) piece = piece.replace(/\s\S{0,15}$/, '');
  return `${cutStart ? '…' : ''}${piece}${cutEnd ? '…' : ''}`;
}

/** What a person calls a record, for a list of hits. */
export function recordLabel<K extends EntityKind>(kind: K, record: EntityTypes[K]): string {
  const r = record as EntityTypes[EntityKind];
  switch (kind) {
    case 'nations':
      return (r as EntityTypes['nations']).name;
    case 'stances': {
      const s = r as EntityTypes['stances'];
      return `${s.nation}: ${s.stance} (${s.date})`;
    }
    case 'capabilities':
      return (r as EntityTypes['capabilities']).name;
    case 'requirements': {
      const q = r as EntityTypes['requirements'];
      return `${q.quantity} × ${q.capability}, ${q.sector} (${q.task})`;
    }
    case 'offers': {
      const o = r as EntityTypes['offers'];
      return `${o.nation} offers ${o.quantity} × ${o.capability} (${o.status})`;
    }
    case 'pledges': {
      const p = r as EntityTypes['pledges'];
      return `${p.nation} pledge for ${p.purpose} (${p.stage})`;
    }
    case 'rotationPolicies': {
      const p = r as EntityTypes['rotationPolicies'];
      return `${p.nation} rotation: ${p.tourMonths}-month tours`;
    }
    case 'redLines': {
      const l = r as EntityTypes['redLines'];
      return `${l.nation} red line at rung ${l.rung} (${l.effect})`;
    }
    case 'risks': {
      const k = r as EntityTypes['risks'];
      return `${k.title} (${k.status})`;
    }
    default:
      return String(kind);
  }
}
