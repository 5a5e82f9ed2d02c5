// The backup file's format (backup.ts): the current version with its decision records and briefing
// packs, version-1 and version-2 files migrated to it, a file from a newer build refused by its
// version, and bad fields named.
import { describe, expect, it } from 'vitest';
import {
  BACKUP_FORMAT_VERSION,
  BACKUP_MIGRATIONS,
  buildBackup,
  migrateBackup,
  parseBackup,
  type BackupBrief,
  type BackupDecision,
} from './backup.ts';

const DECISION: BackupDecision = {
  id: '6f1c2b7e-1111-4c1e-9d1a-2f9b8a7c6d5e',
  scenario: 'alpha',
  decidedBy: 'chief',
  decidedAt: '2025-04-01T09:30:00.123Z',
  body: { record: { chosen: 'alpha-variant', rationale: 'Ready sooner.' }, inputs: [{ offers: 'abc' }] },
};

const BRIEF: BackupBrief = {
  scenario: 'alpha',
  audience: 'rel-to:EST',
  version: 2,
  createdBy: 'chief',
  createdAt: '2025-04-01T10:15:00.456Z',
  contentHash: 'ab'.repeat(32),
  scenarioVersion: 41,
  pack: { title: 'Reassurance force: briefing pack', sections: [{ id: 'bluf', blocks: [] }] },
};

const v3 = (extra: Record<string, unknown> = {}) => ({
  format: 'coalition-backup',
  formatVersion: 3,
  exportedAt: '2025-04-02T10:00:00.000Z',
  scenarios: [{ id: 'alpha' }],
  decisions: [DECISION],
  briefs: [BRIEF],
  ...extra,
});

const v2 = () => ({
  format: 'coalition-backup',
  formatVersion: 2,
  exportedAt: '2025-04-02T10:00:00.000Z',
  scenarios: [{ id: 'alpha' }],
  decisions: [DECISION],
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
  it('is at version 3, and buildBackup writes the decisions and briefing packs field by field', () => {
    expect(BACKUP_FORMAT_VERSION).toBe(3);
    const backup = buildBackup(
      [{ id: 'alpha' }],
      [{ ...DECISION, extra: 'not for the file' } as BackupDecision],
      [{ ...BRIEF, scenarioId: 'alpha' } as BackupBrief],
      undefined,
      new Date('2025-04-02T10:00:00Z'),
    );
    expect(backup).toEqual({
      format: 'coalition-backup',
      formatVersion: 3,
      exportedAt: '2025-04-02T10:00:00.000Z',
      scenarios: [{ id: 'alpha' }],
      decisions: [DECISION],
      briefs: [BRIEF],
    });
    expect(parseBackup(JSON.parse(JSON.stringify(backup)))).toEqual({ ok: true, backup });
  });

  it('reads a version-3 backup with its decisions and packs; a JSON null body or pack is one', () => {
    const withNull = { ...DECISION, id: 'd-null', body: null };
    const nullPack = { ...BRIEF, audience: 'staff', version: 1, scenarioVersion: 0, pack: null };
    const parsed = parseBackup(v3({ decisions: [DECISION, withNull], briefs: [BRIEF, nullPack] }));
    expect(parsed).toEqual({
      ok: true,
      backup: { ...v3(), decisions: [DECISION, withNull], briefs: [BRIEF, nullPack] },
    });
  });

  it('migrates a version-2 backup: no briefing packs, everything else as it was', () => {
    expect(parseBackup(v2())).toEqual({ ok: true, backup: { ...v2(), formatVersion: 3, briefs: [] } });
    expect(BACKUP_MIGRATIONS[2]!(v2())).toEqual({ ...v2(), briefs: [] });
    expect(migrateBackup(v2())).toEqual({ ok: true, value: { ...v2(), formatVersion: 3, briefs: [] } });
  });

  it('checks a version-2 file that somehow gives briefing packs as version 3 would', () => {
    expect(issuesOf({ ...v2(), briefs: [{ ...BRIEF, createdAt: 'yesterday' }] })).toEqual([
      { path: 'briefs[0].createdAt', message: 'must be an ISO 8601 date-time' },
    ]);
  });

  it('migrates a version-1 backup: no decisions, no packs, everything else as it was', () => {
    const parsed = parseBackup(v1());
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(parsed.backup).toEqual({
      ...v1(),
      formatVersion: 3,
      decisions: [],
      briefs: [],
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
    expect(Object.keys(BACKUP_MIGRATIONS).map(Number)).toEqual([1, 2]);
    expect(BACKUP_MIGRATIONS[1]!(v1())).toEqual({ ...v1(), decisions: [] });
    expect(migrateBackup(v1())).toEqual({
      ok: true,
      value: { ...v1(), formatVersion: 3, decisions: [], briefs: [] },
    });
  });

  it('checks a version-1 file that somehow gives decisions as version 2 would', () => {
    expect(issuesOf({ ...v1(), decisions: [{ ...DECISION, decidedAt: 'yesterday' }] })).toEqual([
      { path: 'decisions[0].decidedAt', message: 'must be an ISO 8601 date-time' },
    ]);
  });

  it('refuses a backup from a newer build by its version, and a version that is no version', () => {
    expect(issuesOf(v3({ formatVersion: 4, somethingNew: [] }))).toEqual([
      {
        path: 'formatVersion',
        message: 'is 4, newer than this software understands (3); upgrade Coalition Planner to restore it',
      },
    ]);
    const { formatVersion: _omitted, ...noVersion } = v3();
    expect(issuesOf(noVersion)).toEqual([{ path: 'formatVersion', message: 'is required (current: 3)' }]);
    for (const bad of [0, 1.5, '2', null])
      expect(issuesOf(v3({ formatVersion: bad })), String(bad)).toEqual([
        { path: 'formatVersion', message: 'must be a whole number from 1' },
      ]);
  });

  it('names a bad decision field, a missing list, an unknown field and a duplicate id', () => {
    const { body: _body, ...noBody } = DECISION;
    expect(
      issuesOf(
        v3({
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
    const { decisions: _decisions, ...noDecisions } = v3();
    expect(issuesOf(noDecisions).map((i) => i.path)).toEqual(['decisions']);
    expect(issuesOf(v3({ decisions: [DECISION, { ...DECISION, scenario: 'alpha' }] }))).toEqual([
      { path: 'decisions[1].id', message: `duplicate decision "${DECISION.id}"` },
    ]);
  });

  it('names a bad briefing pack field, a missing list, an unknown field and a duplicate version', () => {
    const { pack: _pack, ...noPack } = BRIEF;
    const audience =
      'must be staff, coalition, public or rel-to: with a three-letter nation code (rel-to:EST)';
    expect(
      issuesOf(
        v3({
          briefs: [
            { ...BRIEF, audience: 'rel-to:est' },
            { ...BRIEF, audience: ' staff' },
            { ...BRIEF, version: 0 },
            { ...BRIEF, version: 1.5 },
            { ...BRIEF, contentHash: 'AB'.repeat(32) },
            { ...BRIEF, contentHash: 'ab' },
            { ...BRIEF, scenarioVersion: -1 },
            noPack,
            { ...BRIEF, createdBy: '' },
            { ...BRIEF, createdAt: '2025-04-01' },
            { ...BRIEF, banner: 'SECRET' },
          ],
        }),
      ),
    ).toEqual([
      { path: 'briefs[0].audience', message: audience },
      { path: 'briefs[1].audience', message: audience },
      { path: 'briefs[2].version', message: 'must be a whole number from 1' },
      { path: 'briefs[3].version', message: 'must be a whole number from 1' },
      { path: 'briefs[4].contentHash', message: 'must be a SHA-256 hash: 64 lowercase hexadecimal digits' },
      { path: 'briefs[5].contentHash', message: 'must be a SHA-256 hash: 64 lowercase hexadecimal digits' },
      { path: 'briefs[6].scenarioVersion', message: 'must be a whole number from 0' },
      { path: 'briefs[7].pack', message: 'is required' },
      { path: 'briefs[8].createdBy', message: 'must not be empty' },
      { path: 'briefs[9].createdAt', message: 'must be an ISO 8601 date-time' },
      { path: 'briefs[10].banner', message: 'is not a known field' },
    ]);
    const { briefs: _briefs, ...noBriefs } = v3();
    expect(issuesOf(noBriefs).map((i) => i.path)).toEqual(['briefs']);
    // The same version of another audience, or of another scenario, is another pack.
    const others = [
      { ...BRIEF, audience: 'staff' },
      { ...BRIEF, scenario: 'bravo' },
    ];
    expect(parseBackup(v3({ briefs: [BRIEF, ...others] })).ok).toBe(true);
    expect(issuesOf(v3({ briefs: [BRIEF, ...others, { ...BRIEF, pack: {} }] }))).toEqual([
      { path: 'briefs[3].version', message: 'duplicate briefing pack rel-to:EST/v2 of scenario "alpha"' },
    ]);
  });

  it('never carries a password hash: users are picked field by field', () => {
    const backup = buildBackup(
      [],
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
