// Whole-installation backup and restore (`coalition export --all`, `coalition import BACKUP`):
// every scenario as a document with its decision records and briefing packs, and the user accounts
// when asked, never their password hashes (see src/domain/backup.ts). Scenarios, decisions and packs
// are restored in one transaction, decisions and packs as they were made (who, when); restored users
// get generated one-time passwords.
import { authorizeAdmin, type Principal } from '../domain/access.ts';
import {
  buildBackup,
  parseBackup,
  type Backup,
  type BackupBrief,
  type BackupDecision,
} from '../domain/backup.ts';
import { DomainError, invalid, type FieldIssue } from '../domain/errors.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import type { CoalitionService } from './coalition-service.ts';
import type { UserService, UserView } from './user-service.ts';

export interface RestoreReport {
  scenarios: { id: string; name: string; replaced: boolean }[];
  /** Users created, each with its one-time password (shown once). */
  users: { user: UserView; password: string }[];
  /** Users in the backup that already exist here: left as they are. */
  keptUsers: string[];
}

export class BackupService {
  constructor(
    readonly service: CoalitionService,
    readonly users: UserService,
  ) {}

  /**
   * Every scenario as `principal` may see it (the operator sees all), ordered by id, and the
   * decision records and briefing packs of each, scenario by scenario, oldest first.
   */
  async exportAll(
    principal: Principal,
    options: { includeUsers: boolean },
    now = new Date(),
  ): Promise<Backup> {
    authorizeAdmin(principal, 'back up the installation');
    const summaries = await this.service.listScenarios(principal);
    const ids = summaries.map((s) => s.id).sort();
    const docs: ScenarioDocument[] = [];
    const decisions: BackupDecision[] = [];
    const briefs: BackupBrief[] = [];
    for (const id of ids) {
      docs.push(await this.service.exportDocument(id, principal));
      // The store lists newest first; a file reads better in the order they were made.
      for (const d of (await this.service.store.listDecisions(id)).reverse())
        decisions.push({
          id: d.id,
          scenario: d.scenarioId,
          decidedBy: d.decidedBy,
          decidedAt: d.decidedAt,
          body: d.body,
        });
      // The list leaves the packs out; each is read whole, one at a time.
      for (const summary of (await this.service.store.listBriefs(id)).reverse()) {
        const b = await this.service.store.getBrief(id, summary.audience, summary.version);
        briefs.push({
          scenario: b.scenarioId,
          audience: b.audience,
          version: b.version,
          createdBy: b.createdBy,
          createdAt: b.createdAt,
          contentHash: b.contentHash,
          scenarioVersion: b.scenarioVersion,
          pack: b.pack,
        });
      }
    }
    const users = options.includeUsers ? await this.users.backupUsers(principal) : undefined;
    return buildBackup(docs, decisions, briefs, users, now);
  }

  /**
   * Checks the whole backup before writing anything: its shape (an older format version migrated
   * first), every scenario document, that every decision and briefing pack belongs to one of the
   * backup's scenarios, and that no scenario exists here unless `replace`. Then imports the
   * scenarios, their decisions and their packs in one transaction, and creates the users that do not
   * exist yet.
   */
  async restore(value: unknown, principal: Principal, options: { replace: boolean }): Promise<RestoreReport> {
    authorizeAdmin(principal, 'restore a backup');
    const parsed = parseBackup(value);
    if (!parsed.ok) throw invalid(parsed.issues);
    const backup = parsed.backup;

    const issues: FieldIssue[] = [];
    const docs: ScenarioDocument[] = [];
    const seen = new Set<string>();
    const scenarioIds = new Set(
      backup.scenarios.flatMap((raw) =>
        typeof raw === 'object' && raw !== null && typeof (raw as { id?: unknown }).id === 'string'
          ? [(raw as { id: string }).id]
          : [],
      ),
    );
    backup.scenarios.forEach((raw, i) => {
      try {
        const doc = this.service.validateDocument(raw);
        if (seen.has(doc.id))
          issues.push({ path: `scenarios[${i}].id`, message: `duplicate scenario "${doc.id}"` });
        seen.add(doc.id);
        docs.push(doc);
      } catch (e) {
        if (!(e instanceof DomainError)) throw e;
        for (const issue of e.issues) {
          issues.push({
            path: issue.path ? `scenarios[${i}].${issue.path}` : `scenarios[${i}]`,
            message: issue.message,
          });
        }
      }
    });
    backup.decisions.forEach((d, i) => {
      // Checked against the ids as written, so that a broken document does not hide this too.
      if (!scenarioIds.has(d.scenario))
        issues.push({
          path: `decisions[${i}].scenario`,
          message: `names scenario "${d.scenario}", which is not in the backup`,
        });
    });
    backup.briefs.forEach((b, i) => {
      if (!scenarioIds.has(b.scenario))
        issues.push({
          path: `briefs[${i}].scenario`,
          message: `names scenario "${b.scenario}", which is not in the backup`,
        });
    });
    if (issues.length > 0) throw invalid(issues);

    const existing = new Set((await this.service.listScenarios(principal)).map((s) => s.id));
    const clashes = docs.filter((d) => existing.has(d.id)).map((d) => d.id);
    if (clashes.length > 0 && !options.replace) {
      throw new DomainError(
        'conflict',
        `scenario${clashes.length > 1 ? 's' : ''} ${clashes.join(', ')} already exist${clashes.length > 1 ? '' : 's'}; ` +
          'use --replace to replace them with the backup',
      );
    }

    const report: RestoreReport = { scenarios: [], users: [], keptUsers: [] };
    // One transaction for every scenario, decision and pack: a restore that fails half-way leaves
    // the installation as it was.
    const imported = await this.service.store.importScenarios(
      docs.map((document) => ({ document })),
      principal,
      {
        replace: options.replace,
        decisions: backup.decisions.map((d) => ({
          id: d.id,
          scenarioId: d.scenario,
          decidedBy: d.decidedBy,
          decidedAt: d.decidedAt,
          body: d.body,
        })),
        briefs: backup.briefs.map((b) => ({
          scenarioId: b.scenario,
          audience: b.audience,
          version: b.version,
          createdBy: b.createdBy,
          createdAt: b.createdAt,
          contentHash: b.contentHash,
          scenarioVersion: b.scenarioVersion,
          pack: b.pack,
        })),
      },
    );
    for (const s of imported) report.scenarios.push({ id: s.id, name: s.name, replaced: existing.has(s.id) });

    const existingUsers = new Set((await this.users.list(principal)).map((u) => u.id));
    for (const u of backup.users ?? []) {
      if (existingUsers.has(u.id)) {
        report.keptUsers.push(u.id);
        continue;
      }
      const { user, password } = await this.users.add(
        {
          id: u.id,
          displayName: u.displayName,
          role: u.role,
          nation: u.nation,
          disabled: u.disabled,
        },
        principal,
      );
      report.users.push({ user, password: password! });
    }
    return report;
  }
}
