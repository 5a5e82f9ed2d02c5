// Explicit migrations of older scenario documents to the current schemaVersion, one function per
// step. A document newer than this software is refused rather than guessed at.
import type { FieldIssue } from './errors.ts';
import { CURRENT_SCHEMA_VERSION } from './scenario-schema.ts';

type Migration = (doc: Record<string, unknown>) => Record<string, unknown>;

/**
 * MIGRATIONS[n] turns a version-n document into version n+1. Version 1 is the first published
 * schema, so there is no step yet; the next schema change adds `1: (doc) => …` and a fixture test.
 */
export const MIGRATIONS: Readonly<Record<number, Migration>> = {};

export function migrateScenarioDocument(
  value: unknown,
): { ok: true; value: Record<string, unknown> } | { ok: false; issues: FieldIssue[] } {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return { ok: false, issues: [{ path: '', message: 'must be an object (a scenario document)' }] };
  }
  let doc = value as Record<string, unknown>;
  const version = doc.schemaVersion;
  if (version === undefined) {
    return {
      ok: false,
      issues: [{ path: 'schemaVersion', message: `is required (current: ${CURRENT_SCHEMA_VERSION})` }],
    };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, issues: [{ path: 'schemaVersion', message: 'must be a whole number from 1' }] };
  }
  if (version > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      issues: [
        {
          path: 'schemaVersion',
          message: `is ${version}, newer than this software understands (${CURRENT_SCHEMA_VERSION}); upgrade Coalition Planner`,
        },
      ],
    };
  }
  for (let v = version; v < CURRENT_SCHEMA_VERSION; v++) {
    const step = MIGRATIONS[v];
    if (!step)
      return { ok: false, issues: [{ path: 'schemaVersion', message: `no migration from version ${v}` }] };
    doc = { ...step(doc), schemaVersion: v + 1 };
  }
  return { ok: true, value: doc };
}
