// Who may see and change what. Pure rules over a principal (the signed-in user) and a record; the
// storage layer enforces the read rule in its queries (see sqlVisibility in src/storage) and the
// services call `authorizeWrite` before every change. Both read from here, so the rule is stated once.
import { DomainError } from './errors.ts';
import type { NationId } from './ids.ts';
import type { EntityKind } from './records.ts';
import { PUBLIC, type Releasability } from './releasability.ts';

// The marking is part of what access means to its callers, so it is offered from here too.
export {
  PUBLIC,
  RELEASABILITY_LEVELS,
  releasabilitySchema,
  type Releasability,
  type ReleasabilityLevel,
} from './releasability.ts';

export const ROLES = ['administrator', 'planner', 'liaison', 'observer'] as const;
export type Role = (typeof ROLES)[number];

/** The signed-in user a request acts for. */
export interface Principal {
  /** User name; written to the audit log as "who". */
  userId: string;
  role: Role;
  /** The nation a liaison officer (or a national observer) belongs to. */
  nation?: NationId | string | null | undefined;
}

/** Used by start-up seeding and local CLI commands run by the machine's operator. */
export const SYSTEM_PRINCIPAL: Principal = { userId: 'system', role: 'administrator', nation: null };

/** Coalition staff see every record whatever its marking. */
export function seesEverything(p: Principal): boolean {
  return p.role === 'administrator' || p.role === 'planner';
}

/**
 * Two principals with the same key see exactly the same records (canSee depends on nothing else),
 * so whatever is computed for one may be served to the other: the key of the result memo.
 */
export function visibilityKey(p: Principal): string {
  if (seesEverything(p)) return 'all';
  if (!p.nation) return 'public';
  return `${p.role === 'liaison' ? 'liaison' : 'national'}:${p.nation}`;
}

/**
 * The read rule. `owner` is the nation the record belongs to (an offer's nation; a nation's own id),
 * if any. Observers without a nation see PUBLIC records only.
 */
export function canSee(p: Principal, rel: Releasability | undefined, owner?: string | null): boolean {
  if (seesEverything(p)) return true;
  const r = rel ?? PUBLIC;
  if (r.level === 'PUBLIC') return true;
  if (!p.nation) return false;
  if (owner && owner === p.nation) return true;
  if (r.level === 'COALITION') return p.role === 'liaison';
  return r.nations.includes(p.nation as NationId);
}

/**
 * Kinds a liaison officer may create, change and delete for its own nation: its offers, its funding
 * pledges, its stance statements and its red lines. Everything else (nations, capabilities,
 * requirement lines, rotation policies, the transport network, the force list, movement records and
 * the risk register) is coalition
 * staff's, as one nation's entry there would reach every other nation's plans.
 */
export const LIAISON_WRITABLE: ReadonlySet<EntityKind> = new Set([
  'offers',
  'pledges',
  'stances',
  'redLines',
]);

export type WriteAction = 'create' | 'update' | 'delete';

/**
 * The write rule for records inside a scenario. `before` is the stored record (update, delete),
 * `after` the new one (create, update); for a liaison both must belong to its own nation, so an
 * offer can be neither moved to nor taken from another nation.
 */
export function authorizeWrite(
  p: Principal,
  kind: EntityKind,
  action: WriteAction,
  before: { nation?: string } | undefined,
  after: { nation?: string } | undefined,
): void {
  if (seesEverything(p)) return;
  if (p.role === 'observer') throw forbidden('observers have read-only access');
  if (!LIAISON_WRITABLE.has(kind)) {
    throw forbidden(`a liaison officer cannot ${action} ${kind}; ask a coalition planner`);
  }
  for (const rec of [before, after]) {
    if (rec && rec.nation !== p.nation) {
      throw forbidden(
        `a liaison officer of ${p.nation ?? 'no nation'} may only ${action} records of its own nation`,
      );
    }
  }
}

/**
 * The coalition's lead role is the planners' decision, not a nation's own claim: a stance entry
 * saying `lead` puts a nation among those the Monte Carlo trusts most (0.95) and the overview counts
 * as leading. So a liaison officer may neither write such an entry (create one, or patch its own
 * entry into one) nor change or delete one a planner wrote; to record that its nation steps back it
 * adds a later entry with another stance. A nation's `role` is a field of the nation record, which
 * liaison officers do not write at all (LIAISON_WRITABLE). Call after authorizeWrite, for stance
 * entries; `before` is the stored entry (update, delete), `after` the new one (create, update).
 */
export function authorizeLeadStance(
  p: Principal,
  before: { stance?: string } | undefined,
  after: { stance?: string } | undefined,
): void {
  if (seesEverything(p)) return;
  const refuse = (message: string) =>
    new DomainError('forbidden', `stance: ${message}`, [{ path: 'stance', message }]);
  if (before?.stance === 'lead') {
    throw refuse(
      'is "lead", which only planners set: a liaison officer may not change or delete this entry; add a later entry instead',
    );
  }
  if (after?.stance === 'lead') {
    throw refuse('may not be "lead": only planners set the coalition\'s lead role');
  }
}

/** Scenario-level changes (import, header edits, delete) are for coalition staff. */
export function authorizeScenarioWrite(p: Principal, what: string): void {
  if (!seesEverything(p)) throw forbidden(`only planners and administrators may ${what}`);
}

export function authorizeAdmin(p: Principal, what: string): void {
  if (p.role !== 'administrator') throw forbidden(`only administrators may ${what}`);
}

export function authorizeAuditRead(p: Principal): void {
  if (!seesEverything(p)) throw forbidden('only planners and administrators may read the audit log');
}

export function forbidden(message: string): DomainError {
  return new DomainError('forbidden', message);
}
