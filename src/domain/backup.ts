// The backup file: every scenario of an installation as documents, optionally with its user
// accounts. It never holds a password hash: a backup travels (to a courier disk, to another
// headquarters), and a leaked hash can be attacked offline; restored users get new one-time
// passwords instead. The user field rules live here too because the users API and a restore must
// accept exactly the same accounts.
import { z } from 'zod';
import { ROLES, type Role } from './access.ts';
import { type FieldIssue } from './errors.ts';
import { nationIdSchema } from './ids.ts';
import { zodIssues } from './scenario-document.ts';

export const BACKUP_FORMAT = 'coalition-backup';
export const BACKUP_FORMAT_VERSION = 1;

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

export const backupSchema = z.strictObject({
  format: z.literal(BACKUP_FORMAT),
  formatVersion: z.literal(BACKUP_FORMAT_VERSION, {
    error: `must be ${BACKUP_FORMAT_VERSION}: this version reads backups of format version ${BACKUP_FORMAT_VERSION}`,
  }),
  exportedAt: z.iso.datetime({ error: 'must be an ISO 8601 date-time' }),
  /** Scenario documents; each is validated as a document when the backup is restored. */
  scenarios: z.array(z.unknown()),
  users: z.array(backupUserSchema).optional(),
});
export type Backup = z.output<typeof backupSchema>;

/** A backup announces itself; anything else given to `import` is a scenario document. */
export function isBackup(value: unknown): boolean {
  return (
    typeof value === 'object' && value !== null && (value as { format?: unknown }).format === BACKUP_FORMAT
  );
}

export function buildBackup(
  scenarios: readonly unknown[],
  users: readonly BackupUser[] | undefined,
  exportedAt: Date,
): Backup {
  return {
    format: BACKUP_FORMAT,
    formatVersion: BACKUP_FORMAT_VERSION,
    exportedAt: exportedAt.toISOString(),
    scenarios: [...scenarios],
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

export function parseBackup(
  value: unknown,
): { ok: true; backup: Backup } | { ok: false; issues: FieldIssue[] } {
  const parsed = backupSchema.safeParse(value);
  if (!parsed.success) return { ok: false, issues: zodIssues(parsed.error) };
  const seen = new Set<string>();
  const issues: FieldIssue[] = [];
  parsed.data.users?.forEach((u, i) => {
    if (seen.has(u.id)) issues.push({ path: `users[${i}].id`, message: `duplicate user "${u.id}"` });
    seen.add(u.id);
  });
  return issues.length > 0 ? { ok: false, issues } : { ok: true, backup: parsed.data };
}
