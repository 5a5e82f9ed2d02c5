// The backup file: every scenario of an installation as documents, the decision records made on
// them and the briefing packs made of them, and optionally its user accounts. It never holds a
// password hash: a backup travels (to a courier disk, to another headquarters), and a leaked hash can
// be attacked offline; restored users get new one-time passwords instead. The user field rules live
// here too because the users API and a restore must accept exactly the same accounts.
//
// The format is versioned (formatVersion) and its schema strict, so a file from a newer build is
// refused rather than half read. An older file is migrated explicitly, one step per version, as
// scenario documents are (scenario-migrations.ts): version 1 had no decision records, version 2 no
// briefing packs.
import { z } from 'zod';
import { ROLES, type Role } from './access.ts';
import { audienceText, parseAudience } from './brief/audience.ts';
import { type FieldIssue } from './errors.ts';
import { nationIdSchema } from './ids.ts';
import { zodIssues } from './scenario-document.ts';

export const BACKUP_FORMAT = 'coalition-backup';
export const BACKUP_FORMAT_VERSION = 3;

/** The user name used to sign in. */
export const userIdSchema = z
  .string({ error: 'must be a string' })
  .regex(/^[A-Za-z0-9._@-]{1,64}$/, 'must be 1-64 letters, digits, ".", "_", "-" or "@"');

export const displayNameSchema = z
  .string({ error: 'must be a string' })
  .trim()
  .min(1, 'must not be empty')
  .max(200, 'must be at most 200 characters');

export const roleSchema = z.enum(ROLES, { error: `must be one of ${ROLES.join(', ')}` });

/**
 * A liaison officer acts for one nation, so it must have one; coalition staff act for the coalition,
 * so they have none; an observer may be national or not.
 */
export function userNationIssue(role: Role, nation: string | null | undefined): FieldIssue | undefined {
  if (role === 'liaison' && !nation) return { path: 'nation', message: 'is required for a liaison officer' };
  if ((role === 'administrator' || role === 'planner') && nation) {
    return { path: 'nation', message: `must be empty for a ${role}: coalition staff belong to no nation` };
  }
  return undefined;
}

export const backupUserSchema = z
  .strictObject({
    id: userIdSchema,
    displayName: displayNameSchema,
    role: roleSchema,
    nation: nationIdSchema.nullable().default(null),
    disabled: z.boolean({ error: 'must be true or false' }).default(false),
    mustChangePassword: z.boolean({ error: 'must be true or false' }).default(true),
  })
  .superRefine((u, ctx) => {
    const issue = userNationIssue(u.role, u.nation);
    if (issue) ctx.addIssue({ code: 'custom', path: [issue.path], message: issue.message });
  });
export type BackupUser = z.output<typeof backupUserSchema>;

const nonEmpty = z.string({ error: 'must be a string' }).min(1, 'must not be empty');

/**
 * A decision record as a backup holds it: the stored record (StoredDecision in
 * src/storage/store.ts) with its scenario named by id. Who decided and when are the record's own and
 * come back as they were; the body is the app's JSON, which a backup carries without reading it.
 */
export const backupDecisionSchema = z.strictObject({
  id: nonEmpty,
  /** The id of the (baseline) scenario it belongs to: one of the backup's scenarios. */
  scenario: nonEmpty,
  decidedBy: nonEmpty,
  decidedAt: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }),
  // JSON null is a body too; only a missing one is refused (undefined has no JSON).
  body: z.unknown().refine((v): boolean => v !== undefined, 'is required'),
});
export type BackupDecision = z.output<typeof backupDecisionSchema>;

/** The largest version a pack can have (the store keeps it in a 32-bit integer). */
const MAX_BRIEF_VERSION = 2_147_483_647;

/**
 * A briefing pack as a backup holds it: the stored pack (StoredBrief in src/storage/store.ts) with
 * its scenario named by id. Its version, author and time are the pack's own and come back as they
 * were; the pack is the app's JSON, which a backup carries without reading it.
 */
export const backupBriefSchema = z.strictObject({
  /** The id of the scenario it was made of: one of the backup's scenarios. */
  scenario: nonEmpty,
  /** As text: staff, coalition, public or rel-to:EST (audienceText in brief/audience.ts). */
  audience: z.string({ error: 'must be a string' }).refine((t) => {
    const audience = parseAudience(t);
    return audience !== null && audienceText(audience) === t;
  }, 'must be staff, coalition, public or rel-to: with a three-letter nation code (rel-to:EST)'),
  /** 1, 2, … per scenario and audience, in the order made. */
  version: z
    .number({ error: 'must be a whole number from 1' })
    .int('must be a whole number from 1')
    .min(1, 'must be a whole number from 1')
    .max(MAX_BRIEF_VERSION, `must be at most ${MAX_BRIEF_VERSION}`),
  createdBy: nonEmpty,
  createdAt: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }),
  /** SHA-256 of the scenario's inputs as the audience saw them. */
  contentHash: z
    .string({ error: 'must be a string' })
    .regex(/^[0-9a-f]{64}$/, 'must be a SHA-256 hash: 64 lowercase hexadecimal digits'),
  /** The scenario's content version the pack was made from. */
  scenarioVersion: z
    .number({ error: 'must be a whole number from 0' })
    .int('must be a whole number from 0')
    .min(0, 'must be a whole number from 0'),
  // JSON null is JSON too; only a missing pack is refused (undefined has no JSON).
  pack: z.unknown().refine((v): boolean => v !== undefined, 'is required'),
});
export type BackupBrief = z.output<typeof backupBriefSchema>;

/** A backup of the current format version: what parseBackup returns, after migrating older ones. */
export const backupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION, {
    error: `must be ${BACKUP_FORMAT_VERSION}: this version reads backups of format version ${BACKUP_FORMAT_VERSION}`,
  }),
  exportedAt: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }),
  /** Scenario documents; each is validated as a document when the backup is restored. */
  scenarios: z.array(z.unknown()),
  /** Every decision record of the scenarios (since version 2). */
  decisions: z.array(backupDecisionSchema),
  /** Every briefing pack of the scenarios, every version of each audience's (since version 3). */
  briefs: z.array(backupBriefSchema),
  users: z.array(backupUserSchema).optional(),
});
export type Backup = z.output<typeof backupSchema>;

type BackupMigration = (backup: Record<string, unknown>) => Record<string, unknown>;

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

/**
 * Version 1 → 2: the backup gains the decision records (`decisions`). A version-1 backup was made
 * when backups did not carry them, so it holds none: restoring it restores no decision, as before.
 * A version-1 file that somehow gives a list keeps it, for the schema to check.
 */
function addDecisions(backup: Record<string, unknown>): Record<string, unknown> {
  return backup.decisions === undefined ? { ...backup, decisions: [] } : backup;
}

/**
 * Version 2 → 3: the backup gains the briefing packs (`briefs`). A version-2 backup was made when
 * backups did not carry them, so it holds none: restoring it restores no pack, as before. A
 * version-2 file that somehow gives a list keeps it, for the schema to check.
 */
function addBriefs(backup: Record<string, unknown>): Record<string, unknown> {
  return backup.briefs === undefined ? { ...backup, briefs: [] } : backup;
}

/** BACKUP_MIGRATIONS[n] turns a version-n backup into version n+1; each step has a test. */
export const BACKUP_MIGRATIONS: Readonly<Record<number, BackupMigration>> = {
  1: addDecisions,
  2: addBriefs,
};

/**
 * Brings a backup of an older format version to the current one. A version newer than this
 * software is refused, naming the version, rather than guessed at; anything that is not a backup at
 * all is left for the schema to report.
 */
export function migrateBackup(
  value: unknown,
): { ok: true; value: unknown } | { ok: false; issues: FieldIssue[] } {
  if (!isObject(value) || value.format !== BACKUP_FORMAT) return { ok: true, value };
  const version = value.formatVersion;
  if (version === undefined) {
    return {
      ok: false,
      issues: [{ path: 'formatVersion', message: `is required (current: ${BACKUP_FORMAT_VERSION})` }],
    };
  }
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    return { ok: false, issues: [{ path: 'formatVersion', message: 'must be a whole number from 1' }] };
  }
  if (version > BACKUP_FORMAT_VERSION) {
    return {
      ok: false,
      issues: [
        {
          path: 'formatVersion',
          message: `is ${version}, newer than this software understands (${BACKUP_FORMAT_VERSION}); upgrade Coalition Planner to restore it`,
        },
      ],
    };
  }
  let backup = value;
  for (let v = version; v < BACKUP_FORMAT_VERSION; v++) {
    const step = BACKUP_MIGRATIONS[v];
    if (!step)
      return { ok: false, issues: [{ path: 'formatVersion', message: `no migration from version ${v}` }] };
    backup = { ...step(backup), formatVersion: v + 1 };
  }
  return { ok: true, value: backup };
}

/** A backup announces itself; anything else given to `import` is a scenario document. */
export function isBackup(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && (value as { format?: unknown }).format === BACKUP_FORMAT
  );
}

export function buildBackup(
  scenarios: readonly unknown[],
  decisions: readonly BackupDecision[],
  briefs: readonly BackupBrief[],
  users: readonly BackupUser[] | undefined,
  exportedAt: Date,
): Backup {
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    scenarios: [...scenarios],
    decisions: decisions.map((d) => ({
      id: d.id,
      scenario: d.scenario,
      decidedBy: d.decidedBy,
      decidedAt: d.decidedAt,
      body: d.body,
    })),
    briefs: briefs.map((b) => ({
      scenario: b.scenario,
      audience: b.audience,
      version: b.version,
      createdBy: b.createdBy,
      createdAt: b.createdAt,
      contentHash: b.contentHash,
      scenarioVersion: b.scenarioVersion,
      pack: b.pack,
    })),
    // Picked field by field: whatever else a caller's user object holds stays out of the file.
    ...(users && {
      users: users.map((u) => ({
        id: u.id,
        displayName: u.displayName,
        role: u.role,
        nation: u.nation,
        disabled: u.disabled,
        mustChangePassword: u.mustChangePassword,
      })),
    }),
  };
}

/**
 * Checks a backup of any format version this software reads (migrating an older one first): its
 * shape, and that no user or decision id comes twice, nor a pack of the same scenario, audience and
 * version. Whether each decision's and pack's scenario is one of the backup's is for the restore to
 * say, once it has read the scenario documents.
 */
export function parseBackup(
  value: unknown,
): { ok: true; backup: Backup } | { ok: false; issues: FieldIssue[] } {
  const migrated = migrateBackup(value);
  if (!migrated.ok) return migrated;
  const parsed = backupSchema.safeParse(migrated.value);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const issues: FieldIssue[] = [];
  const seenUsers = new Set<string>();
  parsed.data.users?.forEach((u, i) => {
    if (seenUsers.has(u.id)) issues.push({ path: `users[${i}].id`, message: `duplicate user "${u.id}"` });
    seenUsers.add(u.id);
  });
  const seenDecisions = new Set<string>();
  parsed.data.decisions.forEach((d, i) => {
    if (seenDecisions.has(d.id))
      issues.push({ path: `decisions[${i}].id`, message: `duplicate decision "${d.id}"` });
    seenDecisions.add(d.id);
  });
  const seenBriefs = new Set<string>();
  parsed.data.briefs.forEach((b, i) => {
    const key = JSON.stringify([b.scenario, b.audience, b.version]);
    if (seenBriefs.has(key))
      issues.push({
        path: `briefs[${i}].version`,
        message: `duplicate briefing pack ${b.audience}/v${b.version} of scenario "${b.scenario}"`,
      });
    seenBriefs.add(key);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, backup: parsed.data };
}
