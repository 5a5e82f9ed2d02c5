// User accounts: administrators create, change, disable and reset them; every user changes its own
// password. Shared by the users API and the `coalition users` commands (which act as the machine's
// operator, SYSTEM_PRINCIPAL). Password hashes go into the store and never come back out of here.
import { z } from 'zod';
import { SYSTEM_PRINCIPAL, authorizeAdmin, type Principal, type Role } from '../domain/access.ts';
import {
  displayNameSchema,
  roleSchema,
  userIdSchema,
  userNationIssue,
  type BackupUser,
} from '../domain/backup.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { nationIdSchema } from '../domain/ids.ts';
import { zodIssues } from '../domain/scenario-document.ts';
import type { Store, UserPatch, UserRecord } from '../storage/store.ts';
import { LOGIN_WINDOW_MS, MAX_FAILURES_PER_USER, rateLimited, type Session } from './auth-service.ts';
import { generateOnetimePassword, hashPassword, passwordSchema, verifyPassword } from './passwords.ts';

/** What clients see of a user: never the hash. */
export interface UserView {
  id: string;
  displayName: string;
  role: Role;
  nation: string | null;
  disabled: boolean;
  mustChangePassword: boolean;
  version: number;
  createdAt: string;
  updatedAt: string;
}

/** Picks the fields one by one, so nothing else a store row might carry reaches a client. */
export function userView(u: UserRecord): UserView {
  return {
    id: u.id,
    displayName: u.displayName,
    role: u.role,
    nation: u.nation,
    disabled: u.disabled,
    mustChangePassword: u.mustChangePassword,
    version: u.version,
    createdAt: u.createdAt,
    updatedAt: u.updatedAt,
  };
}

const nationField = nationIdSchema.nullable().optional();

export const newUserSchema = z.strictObject({
  id: userIdSchema,
  displayName: displayNameSchema,
  role: roleSchema,
  nation: nationField,
  password: passwordSchema,
  /** Default true: the administrator chose the password, so the user should replace it. */
  mustChangePassword: z.boolean({ error: 'must be true or false' }).optional(),
});

const userPatchSchema = z.strictObject({
  version: z.number({ error: 'is required: send the version you last read' }).int().min(1),
  displayName: displayNameSchema.optional(),
  role: roleSchema.optional(),
  nation: nationField,
  disabled: z.boolean({ error: 'must be true or false' }).optional(),
});

const resetSchema = z.strictObject({ password: passwordSchema.optional() });

const changeOwnSchema = z.strictObject({
  currentPassword: z.string({ error: 'must be a string' }).min(1, 'must not be empty'),
  newPassword: passwordSchema,
});

/** Names the audit log and the CLI use for the operator; no account may take them. */
const RESERVED_IDS = new Set([SYSTEM_PRINCIPAL.userId, 'anonymous']);

export interface NewUserInput {
  id: string;
  displayName?: string;
  role: Role;
  nation?: string | null;
  /** Unset: a generated one-time password (returned), which the user must change. */
  password?: string;
  mustChangePassword?: boolean;
  disabled?: boolean;
}

export class UserService {
  constructor(readonly store: Store) {}

  async list(principal: Principal): Promise<UserView[]> {
    authorizeAdmin(principal, 'list users');
    return (await this.store.listUsers()).map(userView);
  }

  async get(id: string, principal: Principal): Promise<UserView> {
    authorizeAdmin(principal, 'read user accounts');
    return userView(await this.store.getUser(id));
  }

  /** POST /api/users: the body names the password. */
  async create(body: unknown, principal: Principal): Promise<UserView> {
    authorizeAdmin(principal, 'create users');
    const parsed = newUserSchema.safeParse(body);
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    const { user } = await this.add(parsed.data, principal);
    return user;
  }

  /**
   * Creates a user; shared by the API, `coalition users add` and backup restore. Returns the
   * one-time password when it generated one, for the caller to show once.
   */
  async add(input: NewUserInput, principal: Principal): Promise<{ user: UserView; password?: string }> {
    authorizeAdmin(principal, 'create users');
    const parsed = z
      .strictObject({
        id: userIdSchema,
        displayName: displayNameSchema.optional(),
        role: roleSchema,
        nation: nationField,
        password: passwordSchema.optional(),
        mustChangePassword: z.boolean().optional(),
        disabled: z.boolean().optional(),
      })
      .safeParse(input);
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    const u = parsed.data;
    if (RESERVED_IDS.has(u.id.toLowerCase())) {
      throw invalid([{ path: 'id', message: `"${u.id}" is reserved for the system; choose another name` }]);
    }
    const nation = u.nation ?? null;
    const nationIssue = userNationIssue(u.role, nation);
    if (nationIssue) throw invalid([nationIssue]);
    const generated = u.password === undefined ? generateOnetimePassword() : undefined;
    let user = await this.store.createUser(
      {
        id: u.id,
        displayName: u.displayName ?? u.id,
        role: u.role,
        nation,
        passwordHash: await hashPassword(u.password ?? generated!),
        mustChangePassword: generated !== undefined || (u.mustChangePassword ?? true),
      },
      principal,
    );
    if (u.disabled) user = await this.store.updateUser(u.id, { disabled: true }, user.version, principal);
    return generated === undefined ? { user: userView(user) } : { user: userView(user), password: generated };
  }

  async patch(id: string, body: unknown, principal: Principal): Promise<UserView> {
    authorizeAdmin(principal, 'change users');
    const parsed = userPatchSchema.safeParse(body);
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    const { version, ...fields } = parsed.data;
    const current = await this.store.getUser(id);
    const role = fields.role ?? current.role;
    // Staff have no nation: a promotion to planner drops the nation rather than failing.
    const staff = role === 'administrator' || role === 'planner';
    let nation = fields.nation !== undefined ? fields.nation : current.nation;
    if (staff && fields.nation === undefined) nation = null;
    const nationIssue = userNationIssue(role, nation);
    if (nationIssue) throw invalid([nationIssue]);

    const patch: UserPatch = {};
    if (fields.displayName !== undefined) patch.displayName = fields.displayName;
    if (fields.role !== undefined) patch.role = fields.role;
    if (nation !== current.nation) patch.nation = nation;
    if (fields.disabled !== undefined) patch.disabled = fields.disabled;

    const losesAdmin =
      current.role === 'administrator' && (role !== 'administrator' || patch.disabled === true);
    if (losesAdmin && !current.disabled) await this.requireAnotherAdministrator(id);

    const updated = await this.store.updateUser(id, patch, version, principal);
    // A disabled user is signed out everywhere at once, not when its sessions expire.
    if (updated.disabled && !current.disabled) await this.store.deleteUserSessions(id);
    return userView(updated);
  }

  /** `coalition users disable`: no version to send from a shell, so it takes the latest. */
  async disable(id: string, principal: Principal): Promise<UserView> {
    authorizeAdmin(principal, 'disable users');
    const current = await this.store.getUser(id);
    if (current.role === 'administrator' && !current.disabled) await this.requireAnotherAdministrator(id);
    const updated = await this.store.updateUser(id, { disabled: true }, undefined, principal);
    await this.store.deleteUserSessions(id);
    return userView(updated);
  }

  /**
   * Sets a new password chosen by an administrator, or generates a one-time one; either way the
   * user must change it, and every session of the user ends.
   */
  async resetPassword(id: string, body: unknown, principal: Principal): Promise<{ password: string }> {
    authorizeAdmin(principal, 'reset passwords');
    const parsed = resetSchema.safeParse(body ?? {});
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    await this.store.getUser(id); // not_found before any hashing
    const password = parsed.data.password ?? generateOnetimePassword();
    await this.store.updateUser(
      id,
      { passwordHash: await hashPassword(password), mustChangePassword: true },
      undefined,
      principal,
    );
    await this.store.deleteUserSessions(id);
    return { password };
  }

  /** A user replaces its own password; its other sessions end, the one it uses stays. */
  async changeOwnPassword(session: Session, body: unknown): Promise<void> {
    const parsed = changeOwnSchema.safeParse(body);
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    const { currentPassword, newPassword } = parsed.data;
    // A stolen session must not become a way to guess the password: same allowance as sign-in.
    const userKey = `user:${session.user.id.toLowerCase()}`;
    const now = new Date();
    const failures = await this.store.countLoginFailures(userKey, new Date(now.getTime() - LOGIN_WINDOW_MS));
    if (failures >= MAX_FAILURES_PER_USER) throw rateLimited();
    const credentials = await this.store.getCredentials(session.user.id);
    if (!credentials || !(await verifyPassword(currentPassword, credentials.passwordHash))) {
      await this.store.recordLoginFailure([userKey], now);
      // 400, not 401: the session is fine, and a 401 would send the web client back to sign-in.
      throw invalid([{ path: 'currentPassword', message: 'is not your current password' }]);
    }
    if (newPassword === currentPassword) {
      throw invalid([{ path: 'newPassword', message: 'must differ from the current password' }]);
    }
    await this.store.updateUser(
      session.user.id,
      { passwordHash: await hashPassword(newPassword), mustChangePassword: false },
      undefined,
      session.principal,
    );
    await this.store.deleteUserSessions(session.user.id);
    await this.store.createSession(session.tokenHash, session.user.id, session.expiresAt);
  }

  /** The accounts as a backup holds them. */
  async backupUsers(principal: Principal): Promise<BackupUser[]> {
    authorizeAdmin(principal, 'export users');
    return (await this.store.listUsers()).map((u) => ({
      id: u.id,
      displayName: u.displayName,
      role: u.role,
      nation: u.nation as BackupUser['nation'],
      disabled: u.disabled,
      mustChangePassword: u.mustChangePassword,
    }));
  }

  /** Refuses to disable or demote the last active administrator: nobody could manage users after. */
  private async requireAnotherAdministrator(id: string): Promise<void> {
    const others = (await this.store.listUsers()).filter(
      (u) => u.id !== id && u.role === 'administrator' && !u.disabled,
    );
    if (others.length === 0) {
      throw new DomainError(
        'conflict',
        `${id} is the last active administrator; make another user administrator first`,
      );
    }
  }
}
