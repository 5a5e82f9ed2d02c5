// The backup file's format (backup.ts): the current version with its decision records, a version-1
// file migrated to it, a file from a newer build refused by its version, and bad fields named.
import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT_VERSION,
  BACKUP_MIGRATIONS,
  buildBackup,
  migrateBackup,
  parseBackup,
  type BackupDecision,
} from './backup.ts';

const DECISION: BackupDecision = {
  id: '6f1c2b7e-1111-4c1e-9d1a-2f9b8a7c6d5e',
  scenario: 'alpha',
  decidedBy: 'chief',
  decidedAt: '2025-04-01T09:30:00.123Z',
  body: { record: { chosen: 'alpha-variant', rationale: 'Ready sooner.' }, inputs: [{ offers: 'abc' }] },
};

const v2 = (extra: Record<string, unknown> = {}) => ({
  format: 'coalition-backup',
  formatVersion: 2,
  exportedAt: '2025-04-02T10:00:00.000Z',
  scenarios: [{ id: 'alpha' }],
  decisions: [DECISION],
  ...extra,
});

const v1 = () => ({
  format: 'coalition-backup',
  formatVersion: 1,
  exportedAt: '2025-04-02T10:00:00.000Z',
  scenarios: [{ id: 'alpha' }],
  users: [{ id: 'alice', displayName: 'Alice', role: 'planner' }],
});

function issuesOf(value: unknown) {
  const parsed = parseBackup(value);
  if (parsed.ok) throw new Error('expected the backup to be refused');
  return parsed.issues;
}

describe('backup format', () => {
  it('is at version 2, and buildBackup writes the decisions field by field', () => {
    expect(BACKUP_FORMAT_VERSION).toBe(2);
    const backup = buildBackup(
      [{ id: 'alpha' }],
      [{ ...DECISION, extra: 'not for the file' } as BackupDecision],
      undefined,
      new Date('2025-04-02T10:00:00Z'),
    );
    expect(backup).toEqual({
      format: 'coalition-backup',
      formatVersion: 2,
      exportedAt: '2025-04-02T10:00:00.000Z',
      scenarios: [{ id: 'alpha' }],
      decisions: [DECISION],
    });
    expect(parseBackup(JSON.parse(JSON.stringify(backup)))).toEqual({ ok: true, backup });
  });

  it('reads a version-2 backup with its decisions; a JSON null body is a body', () => {
    const withNull = { ...DECISION, id: 'd-null', body: null };
    const parsed = parseBackup(v2({ decisions: [DECISION, withNull] }));
    expect(parsed).toEqual({
      ok: true,
      backup: { ...v2(), decisions: [DECISION, withNull] },
    });
  });

  it('migrates a version-1 backup: no decisions, everything else as it was', () => {
    const parsed = parseBackup(v1());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.backup).toEqual({
      ...v1(),
      formatVersion: 2,
      decisions: [],
      users: [
        {
          id: 'alice',
          displayName: 'Alice',
          role: 'planner',
          nation: null,
          disabled: false,
          mustChangePassword: true,
        },
      ],
    });
    // One step per version, each turning version n into n + 1.
    expect(Object.keys(BACKUP_MIGRATIONS).map(Number)).toEqual([1]);
    expect(migrateBackup(v1())).toEqual({ ok: true, value: { ...v1(), formatVersion: 2, decisions: [] } });
  });

  it('checks a version-1 file that somehow gives decisions as version 2 would', () => {
    expect(issuesOf({ ...v1(), decisions: [{ ...DECISION, decidedAt: 'yesterday' }] })).toEqual([
      { path: 'decisions[0].decidedAt', message: 'must be an ISO 8601 date-time' },
    ]);
  });

  it('refuses a backup from a newer build by its version, and a version that is no version', () => {
    expect(issuesOf(v2({ formatVersion: 3, somethingNew: [] }))).toEqual([
      {
        path: 'formatVersion',
        message: 'is 3, newer than this software understands (2); upgrade Coalition Planner to restore it',
      },
    ]);
    const { formatVersion: _omitted, ...noVersion } = v2();
    expect(issuesOf(noVersion)).toEqual([{ path: 'formatVersion', message: 'is required (current: 2)' }]);
    for (const bad of [0, 1.5, '2', null])
      expect(issuesOf(v2({ formatVersion: bad })), String(bad)).toEqual([
        { path: 'formatVersion', message: 'must be a whole number from 1' },
      ]);
  });

  it('names a bad decision field, a missing list, an unknown field and a duplicate id', () => {
    const { body: _body, ...noBody } = DECISION;
    expect(
      issuesOf(
        v2({
          decisions: [
            { ...DECISION, decidedAt: '2025-04-01' },
            noBody,
            { ...DECISION, id: 'd-3', scenario: '' },
            { ...DECISION, id: 'd-4', decidedBy: 7 },
            { ...DECISION, id: 'd-5', chosen: 'alpha' },
          ],
        }),
      ),
    ).toEqual([
      { path: 'decisions[0].decidedAt', message: 'must be an ISO 8601 date-time' },
      { path: 'decisions[1].body', message: 'is required' },
      { path: 'decisions[2].scenario', message: 'must not be empty' },
      { path: 'decisions[3].decidedBy', message: 'must be a string' },
      { path: 'decisions[4].chosen', message: 'is not a known field' },
    ]);
    const { decisions: _decisions, ...noDecisions } = v2();
    expect(issuesOf(noDecisions).map((i) => i.path)).toEqual(['decisions']);
    expect(issuesOf(v2({ decisions: [DECISION, { ...DECISION, scenario: 'alpha' }] }))).toEqual([
      { path: 'decisions[1].id', message: `duplicate decision "${DECISION.id}"` },
    ]);
  });

  it('never carries a password hash: users are picked field by field', () => {
    const backup = buildBackup(
      [],
      [],
      [
        {
          id: 'alice',
          displayName: 'Alice',
          role: 'planner',
          nation: null,
          disabled: false,
          mustChangePassword: false,
          passwordHash: 'scrypt$secret',
        } as never,
      ],
      new Date('2025-04-02T10:00:00Z'),
    );
    expect(JSON.stringify(backup)).not.toMatch(/scrypt|passwordHash/);
    expect(issuesOf({ ...backup, users: [{ ...backup.users![0], passwordHash: 'x' }] })).toEqual([
      { path: 'users[0].passwordHash', message: 'is not a known field' },
    ]);
  });
});
