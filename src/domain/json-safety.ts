// What the storage cannot hold or the server cannot walk, refused at the edge with the field named:
// text with a NUL character (PostgreSQL text and jsonb reject it), text that is not well-formed
// Unicode (a lone surrogate, which jsonb rejects), and values nested deeper than any scenario
// needs (a recursive walk of a hostile body would exhaust the stack).
import { formatPath, type FieldIssue } from './errors.ts';

/** Deeper than any scenario document (about 6 levels) with room for growth. */
export const MAX_JSON_DEPTH = 32;

// With the `u` flag a lone surrogate is its own code point of category Cs.
const LONE_SURROGATE = /\p{Cs}/u;

/** Why a piece of text cannot be stored, or undefined when it can. */
export function textProblem(text: string): string | undefined {
  if (text.includes('\u0000')) return 'contains a NUL character (U+0000), which cannot be stored';
  if (LONE_SURROGATE.test(text)) return 'is not well-formed Unicode (it has an unpaired surrogate)';
  return undefined;
}

/**
 * Issues with a decoded JSON/YAML value, at most `limit` of them. Iterative, so a hostile depth
 * cannot overflow the stack while checking for it.
 */
export function jsonValueIssues(value: unknown, maxDepth = MAX_JSON_DEPTH, limit = 20): FieldIssue[] {
  const issues: FieldIssue[] = [];
  const stack: { value: unknown; path: PropertyKey[] }[] = [{ value, path: [] }];
  while (stack.length > 0 && issues.length < limit) {
    const { value: v, path } = stack.pop()!;
    if (typeof v === 'string') {
      const problem = textProblem(v);
      if (problem) issues.push({ path: formatPath(path), message: problem });
      continue;
    }
    if (typeof v !== 'object' || v === null) continue;
    if (path.length >= maxDepth) {
      issues.push({ path: formatPath(path), message: `is nested deeper than ${maxDepth} levels` });
      continue;
    }
    if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], path: [...path, i] });
      continue;
    }
    const entries = Object.entries(v as Record<string, unknown>);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i]!;
      const keyProblem = textProblem(key);
      if (keyProblem) issues.push({ path: formatPath([...path, key]), message: `field name ${keyProblem}` });
      else stack.push({ value: child, path: [...path, key] });
    }
  }
  return issues;
}
