// What an audit entry changed, field by field. The log stores each record whole, before and after;
// reading two JSON blobs side by side to spot one changed number is slow, so the UI shows only the
// fields that differ, nested fields by their dotted path (`releasability.level`).

export interface FieldChange {
  /** Dotted path such as `personnel`, `releasability.level` or `phases[1].name`. */
  path: string;
  /** `undefined` where the field is absent on that side (a created or deleted record, a new field). */
  before: unknown;
  after: unknown;
}

/** Fields every stored record carries; they change with every edit, so they are listed last. */
const BOOKKEEPING = new Set(['version', 'createdAt', 'updatedAt']);

/**
 * The fields that differ between two versions of a record, in the order they appear (after first,
 * then fields only the old version had), bookkeeping fields last. Either side may be null or
 * undefined: a created record lists every field as new, a deleted one every field as removed.
 */
export function diffRecords(before: unknown, after: unknown): FieldChange[] {
  const old = flatten(before);
  const now = flatten(after);
  const paths = [...new Set([...now.keys(), ...old.keys()])];
  const changes = paths
    .filter((p) => !sameValue(old.get(p), now.get(p)))
    .map((path) => ({ path, before: old.get(path), after: now.get(path) }));
  const isBookkeeping = (c: FieldChange) => BOOKKEEPING.has(c.path);
  return [...changes.filter((c) => !isBookkeeping(c)), ...changes.filter(isBookkeeping)];
}

/** Leaf values by path. Lists of plain values (nation codes) stay one value: they read as a list. */
function flatten(value: unknown, prefix = '', into = new Map<string, unknown>()): Map<string, unknown> {
  if (value === null || value === undefined) {
    if (prefix) into.set(prefix, value);
    return into;
  }
  if (Array.isArray(value)) {
    if (value.every((v) => !isContainer(v)) || value.length === 0) {
      if (prefix) into.set(prefix, value);
      return into;
    }
    value.forEach((item, i) => flatten(item, `${prefix}[${i}]`, into));
    return into;
  }
  if (isContainer(value)) {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.length === 0 && prefix) into.set(prefix, {});
    for (const [key, v] of entries) flatten(v, prefix ? `${prefix}.${key}` : key, into);
    return into;
  }
  if (prefix) into.set(prefix, value);
  return into;
}

function isContainer(v: unknown): boolean {
  return typeof v === 'object' && v !== null;
}

function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (isContainer(a) || isContainer(b)) return JSON.stringify(a) === JSON.stringify(b);
  return false;
}

/** A field value as a reader wants it: lists joined, absent shown as a dash. */
export function formatFieldValue(v: unknown): string {
  if (v === undefined) return '—';
  if (v === null) return 'none';
  if (typeof v === 'string') return v === '' ? '(empty)' : v;
  if (typeof v === 'number' || typeof v === 'boolean') return String(v);
  if (Array.isArray(v) && v.every((x) => !isContainer(x))) {
    return v.length === 0 ? '(none)' : v.map((x) => String(x)).join(', ');
  }
  return JSON.stringify(v);
}
