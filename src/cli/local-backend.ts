// The installation opened in this process (openInstallation, with the in-process runner so that
// progress bars can follow the work), acting as the machine's operator: whoever can run the command
// can read the data directory anyway. The audit log names the operating-system user (`cli:<user>`),
// exactly as a server names a CLI command that reaches it with the operator credential.
import type { BriefRequest } from '../contract/brief.ts';
import type { AnalysisAnswer, AnalysisArgs, AnalysisKind } from '../contract/analyses/index.ts';
import type { CompareArgs, DecisionRequest } from '../contract/compare.ts';
import type { Principal } from '../domain/access.ts';
import type { EntityKind } from '../domain/records.ts';
import type { SearchQuery } from '../domain/search.ts';
import { operatorPrincipal } from '../app/auth-service.ts';
import type { StoreConfig } from '../app/config.ts';
import {
  markSeeded,
  openInstallation,
  seedReferenceScenarios,
  type Installation,
} from '../app/installation.ts';
import type {
  Backend,
  ImportOptions,
  LineOfContactRequest,
  NewUser,
  PromoteRequest,
  UserChange,
} from './backend.ts';
import { osUserName } from './os-user.ts';

export function cliPrincipal(): Principal {
  return operatorPrincipal(osUserName());
}

export async function openLocalBackend(config: StoreConfig, options: { seed: boolean }): Promise<Backend> {
  const where = config.databaseUrl !== undefined ? 'the PostgreSQL database (DATABASE_URL)' : config.dataDir;
  // Seeded here rather than by openInstallation, so that the user hears of it (see seedNotice).
  const inst = await openInstallation({
    databaseUrl: config.databaseUrl,
    dataDir: config.dataDir,
    seed: false,
  });
  try {
    if (options.seed && config.seed) {
      const loaded = await seedReferenceScenarios(inst.service);
      if (loaded.length > 0) console.error(seedNotice(loaded, where));
    }
  } catch (e) {
    await inst.close();
    throw e;
  }
  return new LocalBackend(inst, where);
}

/**
 * A backend over an installation that is already open, acting as the machine's operator as a
 * command does; closing it leaves the installation open (tests run many commands on one store).
 */
export function installationBackend(inst: Installation, where = 'the installation'): Backend {
  return new LocalBackend(inst, where, false);
}

/**
 * Said on standard error when a command's first use of a store loads the reference scenarios, so
 * that importing one of them next ("already exists") is no surprise.
 */
export function seedNotice(ids: readonly string[], where: string): string {
  return (
    `First use of ${where}: loaded the reference scenarios ${ids.join(', ')} ` +
    '(COALITION_SEED=false starts with an empty store instead)'
  );
}

class LocalBackend implements Backend {
  private readonly principal = cliPrincipal();

  constructor(
    private readonly inst: Installation,
    readonly where: string,
    /** Whether closing the backend closes the installation (it does when the backend opened it). */
    private readonly ownsInstallation = true,
  ) {}

  listScenarios() {
    return this.inst.service.listScenarios(this.principal);
  }

  async importDocument(value: unknown, options: ImportOptions) {
    const { service } = this.inst;
    const doc = service.validateDocument(value);
    const id = options.id ?? doc.id;
    if (options.replace && (await service.listScenarios(this.principal)).some((s) => s.id === id)) {
      await service.store.deleteScenario(id, undefined, this.principal);
    }
    return service.importDocument(doc, this.principal, { id: options.id, name: options.name });
  }

  branchScenario(scenarioId: string, request: unknown) {
    return this.inst.service.branchScenario(scenarioId, request, this.principal);
  }

  async restoreBackup(value: unknown, options: { replace: boolean }) {
    const report = await this.inst.backup.restore(value, this.principal, options);
    // The backup says which scenarios the installation has: a later first use must not add back
    // reference scenarios it left out.
    await markSeeded(this.inst.store);
    return report;
  }

  exportDocument(scenarioId: string) {
    return this.inst.service.exportDocument(scenarioId, this.principal);
  }

  exportAll(options: { includeUsers: boolean }) {
    return this.inst.backup.exportAll(this.principal, options);
  }

  async csv(scenarioId: string, kind: EntityKind) {
    return (await this.inst.service.csv(scenarioId, kind, this.principal)).text;
  }

  search(scenarioId: string, query: SearchQuery) {
    const raw = { q: query.text, kinds: query.kinds?.join(','), limit: query.limit };
    return this.inst.service.search(scenarioId, raw, this.principal);
  }

  analysis<K extends AnalysisKind>(
    kind: K,
    scenarioId: string,
    args: AnalysisArgs<K>,
    onProgress?: (done: number, total: number) => void,
  ): Promise<AnalysisAnswer<K>> {
    return this.inst.analyses.run(kind, scenarioId, args, this.principal, { onProgress });
  }

  plan(
    scenarioId: string,
    query: {
      today?: number | undefined;
      reference?: boolean | undefined;
      boundSeconds?: number | undefined;
    },
    onStage?: (stage: number, total: number, what: string) => void,
  ) {
    return this.inst.deployment.plan(scenarioId, query, this.principal, { onStage });
  }

  compare(baselineId: string, args: CompareArgs) {
    return this.inst.compare.compare(baselineId, args, this.principal);
  }

  brief(scenarioId: string, request: BriefRequest, onProgress?: (done: number, total: number) => void) {
    return this.inst.briefs.create(scenarioId, request, this.principal, { onProgress });
  }

  async briefFile(scenarioId: string, audience: string, version: number, format: 'pdf' | 'html') {
    const { body } = await this.inst.briefs.render(scenarioId, audience, version, format, this.principal);
    return typeof body === 'string' ? body : new Uint8Array(body);
  }

  decide(baselineId: string, request: DecisionRequest) {
    return this.inst.compare.decide(baselineId, request, this.principal);
  }

  decisions(baselineId: string) {
    return this.inst.compare.listDecisions(baselineId, this.principal);
  }

  checkDecision(baselineId: string, decisionId: string) {
    return this.inst.compare.checkDecision(baselineId, decisionId, this.principal);
  }

  promoteVariant(variantId: string, request: PromoteRequest) {
    return this.inst.compare.promote(variantId, request, this.principal);
  }

  async putLineOfContact(scenarioId: string, request: LineOfContactRequest, version: number | undefined) {
    const { service } = this.inst;
    // No version given from a shell: the latest, as `users set` takes it.
    const base = version ?? (await service.getScenario(scenarioId, this.principal)).version;
    return service.putLineOfContact(scenarioId, { ...request, version: base }, this.principal);
  }

  async forceListCsv(scenarioId: string) {
    const file = await this.inst.deployment.forceListCsv(scenarioId, this.principal);
    return { text: file.text, tag: file.tag };
  }

  async importForceListCsv(scenarioId: string, text: string, ifMatch: string | undefined) {
    const { imported } = await this.inst.deployment.importForceListCsv(
      scenarioId,
      text,
      this.principal,
      ifMatch,
    );
    return { imported };
  }

  async generateForceList(scenarioId: string, options: { replace: boolean }) {
    const { imported } = await this.inst.deployment.generateForceList(scenarioId, options, this.principal);
    return { imported };
  }

  listUsers() {
    return this.inst.users.list(this.principal);
  }

  addUser(user: NewUser) {
    return this.inst.users.add(
      {
        id: user.id,
        role: user.role,
        ...(user.nation !== undefined && { nation: user.nation }),
        ...(user.displayName !== undefined && { displayName: user.displayName }),
        // A password the operator chose for the user is theirs to keep.
        ...(user.password !== undefined && { password: user.password, mustChangePassword: false }),
      },
      this.principal,
    );
  }

  async disableUser(id: string) {
    await this.inst.users.disable(id, this.principal);
  }

  async updateUser(id: string, change: UserChange) {
    const { version, ...fields } = change;
    // No version given from a shell: the latest, as `disable` takes it.
    const base = version ?? (await this.inst.users.get(id, this.principal)).version;
    return this.inst.users.patch(id, { version: base, ...withoutUndefined(fields) }, this.principal);
  }

  resetPassword(id: string) {
    return this.inst.users.resetPassword(id, {}, this.principal);
  }

  async close() {
    if (this.ownsInstallation) await this.inst.close();
  }
}

function withoutUndefined<T extends object>(o: T): Partial<T> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined)) as Partial<T>;
}
