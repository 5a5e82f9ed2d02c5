// Deployment planning over the store: the plan of a scenario as the viewer may see it, and the
// force list as a TPFDD-style file (export, all-or-nothing import, generation from the fill). The
// planning itself is pure (src/planner/deploy); this reads the scenario through the store's export,
// which applies releasability, so a plan never moves or shows a ULN, node or arc the viewer
// cannot see.
import { z } from 'zod';
import { authorizeScenarioWrite, type Principal } from '../domain/access.ts';
import { csvFileName } from '../domain/csv.ts';
import { forceListToCsv, readForceListCsv } from '../domain/deployment/force-list-csv.ts';
import type { UlnRecord } from '../domain/deployment/force-list.ts';
import { DomainError, invalid, type FieldIssue } from '../domain/errors.ts';
import { zodIssues } from '../domain/scenario-document.ts';
import { visibilityKey } from '../domain/access.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import type { AnalysisRunner } from './analysis-runner.ts';
import { readScoped } from './analysis-service.ts';
import {
  DEFAULT_BOUND_SECONDS,
  planParamsSchema,
  type PlanEnvelope,
  type ReferenceSummary,
} from '../contract/plan.ts';
import type { CoalitionService, CsvFile } from './coalition-service.ts';

// The query, the report and the envelope are the API's: defined in the contract.
export { planParamsSchema, type PlanEnvelope, type ReferenceSummary };

/** Solves the LP reference of a plan; injected so the server can run it in a worker thread. */
export type ReferenceSolver = (
  input: { scenario: ScenarioDocument; objective: number; ulns: UlnRecord[] },
  signal?: AbortSignal,
) => Promise<ReferenceSummary>;

/** A generated ULN ready too late for its line's RDD: its own RDD, which its window follows, is later. */
export interface GeneratedRddShortfall {
  uln: string;
  line: string;
  lineRdd: number;
  rdd: number;
}

export interface PlanRunOptions {
  signal?: AbortSignal | undefined;
  /** Hears of each step as it starts (stage number from 1, of `total`), for a progress bar. */
  onStage?: ((stage: number, total: number, what: string) => void) | undefined;
}

export class DeploymentService {
  constructor(
    private readonly coalition: CoalitionService,
    private readonly runner: AnalysisRunner,
    private readonly reference?: ReferenceSolver,
  ) {}

  /**
   * The plan as JSON text (what the HTTP API sends). Planned on the analysis runner and memoised
   * by content version × visibility × parameters; with `reference`, the LP solve runs under the
   * runner's cap on optimality references and is memoised too.
   */
  async planText(
    scenarioId: string,
    query: unknown,
    viewer: Principal,
    options: PlanRunOptions = {},
  ): Promise<string> {
    const parsed = planParamsSchema.safeParse(query ?? {});
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    const reference = parsed.data.reference === true;
    const boundSeconds = parsed.data.boundSeconds ?? DEFAULT_BOUND_SECONDS;
    const total = reference ? 3 : 2;
    if (reference && !this.reference)
      throw new DomainError('invalid', 'the optimality reference is not available here', [
        { path: 'reference', message: 'is not available: no LP solver is configured' },
      ]);
    const store = this.coalition.store;
    options.onStage?.(1, total, 'reading the scenario');
    const version = await store.contentVersion(scenarioId);
    // The LP reference does not depend on the bound's time: its memo key leaves it out.
    const planKey = `plan|${scenarioId}|${version}|${visibilityKey(viewer)}|${parsed.data.today ?? ''}`;
    const key = `${planKey}|${reference}|${boundSeconds}`;
    let doc: ScenarioDocument | undefined;
    const output = await this.runner.run(
      async () => {
        const read = await readScoped(store, scenarioId, viewer);
        doc = read.doc;
        options.onStage?.(2, total, boundSeconds > 0 ? 'planning and proving a bound' : 'planning');
        return {
          type: 'plan',
          doc: read.doc,
          scope: read.scope,
          reference,
          boundSeconds,
          options: parsed.data.today !== undefined ? { today: parsed.data.today } : {},
        };
      },
      { key, signal: options.signal },
    );
    // The envelope's last field is added here: `reference` comes from a job of its own.
    let summary: ReferenceSummary | null = null;
    if (reference && this.reference && output.plan) {
      options.onStage?.(3, total, 'solving the LP reference (HiGHS)');
      const solver = this.reference;
      const planned = output.plan;
      summary = await this.runner.reference(
        `${planKey}|${reference}|reference`,
        async (signal) =>
          solver({ scenario: doc ?? (await store.exportScenario(scenarioId, viewer)), ...planned }, signal),
        options.signal,
      );
    }
    return `${output.text.slice(0, -1)},"reference":${JSON.stringify(summary)}}`;
  }

  async plan(
    scenarioId: string,
    query: unknown,
    viewer: Principal,
    options: PlanRunOptions = {},
  ): Promise<PlanEnvelope> {
    return JSON.parse(await this.planText(scenarioId, query, viewer, options)) as PlanEnvelope;
  }

  /** The stored force list as TPFDD-style CSV, with the tag a later import may name (If-Match). */
  async forceListCsv(scenarioId: string, viewer: Principal): Promise<CsvFile & { tag: string }> {
    const records = await this.coalition.store.list(scenarioId, 'ulns', viewer);
    const tag = await this.coalition.store.recordsTag(scenarioId, 'ulns', viewer);
    const plain = records.map(({ version: _v, createdAt: _c, updatedAt: _u, ...r }) => r as UlnRecord);
    return { fileName: csvFileName(scenarioId, 'force-list'), text: forceListToCsv(plain), tag };
  }

  /**
   * Replaces the force list with the file's ULNs, or with none of them: every bad cell is reported by
   * line and column, and so is a row naming a node, nation or capability the scenario lacks. Once a
   * list is stored, `ifMatch` must name it (its tag) or be `*`.
   */
  async importForceListCsv(
    scenarioId: string,
    text: unknown,
    principal: Principal,
    ifMatch?: string,
  ): Promise<{ imported: number; tag: string }> {
    await this.coalition.store.getScenario(scenarioId);
    authorizeScenarioWrite(principal, 'replace the force list');
    if (typeof text !== 'string')
      throw invalid([{ path: 'body', message: 'must be the CSV text (Content-Type: text/csv)' }]);
    const parsed = readForceListCsv(text);
    if (!parsed.ok) throw invalid(parsed.issues.map(({ path, message }) => ({ path, message })));
    const lineOf = new Map(parsed.records.map((r, i) => [r.uln as string, parsed.lines[i]!]));
    await this.checkNames(scenarioId, parsed.records, principal, (uln) => lineOf.get(uln));
    if (ifMatch === undefined) {
      // A whole-list replacement must say which list it replaces, or a ULN edited since the file
      // was exported would be undone without anyone noticing.
      const current = await this.coalition.store.recordsTag(scenarioId, 'ulns', principal);
      if (!current.startsWith('0-'))
        throw new DomainError(
          'conflict',
          `scenario ${scenarioId} has a stored force list: send If-Match with the ETag of the list your file is based on (GET …/force-list.csv), or If-Match: * to replace whatever is stored`,
        );
    }
    const result = await this.coalition.store.replaceRecords(
      scenarioId,
      'ulns',
      parsed.records,
      principal,
      ifMatch === '*' ? undefined : ifMatch,
    );
    return { imported: result.count, tag: result.tag };
  }

  /**
   * Generates the force list from the force-generation fill and stores it. The answer names the
   * ULNs ready too late for their requirement line's RDD: their windows follow their readiness, so
   * their RDD is later than the line's.
   */
  async generateForceList(
    scenarioId: string,
    body: unknown,
    principal: Principal,
  ): Promise<{ imported: number; tag: string; rddShortfalls: GeneratedRddShortfall[] }> {
    await this.coalition.store.getScenario(scenarioId);
    authorizeScenarioWrite(principal, 'generate the force list');
    const options = z
      .strictObject({ replace: z.boolean({ error: 'must be true or false' }).optional() })
      .safeParse(body ?? {});
    if (!options.success) throw invalid(zodIssues(options.error));
    const doc = await this.coalition.store.exportScenario(scenarioId, principal);
    if (doc.forceList.length > 0 && options.data.replace !== true)
      throw new DomainError(
        'conflict',
        `scenario ${scenarioId} already has a force list of ${doc.forceList.length} ULNs; send replace: true to replace it`,
      );
    // The fill behind a generated list is heavy work: it goes to the runner like an analysis.
    const generated = await this.runner.run(() => ({ type: 'force-list', doc: { ...doc, forceList: [] } }));
    const records = JSON.parse(generated.text) as UlnRecord[];
    const result = await this.coalition.store.replaceRecords(scenarioId, 'ulns', records, principal);
    const lineRdd = new Map(doc.requirements.map((r) => [r.id as string, r.rddCDay as number]));
    const rddShortfalls = records.flatMap((r) => {
      const due = lineRdd.get(r.line);
      return due !== undefined && r.rdd > due ? [{ uln: r.uln, line: r.line, lineRdd: due, rdd: r.rdd }] : [];
    });
    return { imported: result.count, tag: result.tag, rddShortfalls };
  }

  private async checkNames(
    scenarioId: string,
    records: readonly UlnRecord[],
    viewer: Principal,
    lineOf: (uln: string) => number | undefined,
  ): Promise<void> {
    const [nodes, nations, capabilities] = await Promise.all([
      this.coalition.store.list(scenarioId, 'nodes', viewer),
      this.coalition.store.list(scenarioId, 'nations', viewer),
      this.coalition.store.list(scenarioId, 'capabilities', viewer),
    ]);
    const known = {
      node: new Set<string>(nodes.map((n) => n.id)),
      nation: new Set<string>(nations.map((n) => n.id)),
      capability: new Set<string>(capabilities.map((c) => c.code)),
    };
    const issues: FieldIssue[] = [];
    const at = (uln: string, column: string) => {
      const line = lineOf(uln);
      return line === undefined ? `${uln}, column ${column}` : `line ${line}, column ${column}`;
    };
    for (const r of records) {
      if (!known.nation.has(r.nation))
        issues.push({ path: at(r.uln, 'NATION'), message: `names unknown nation "${r.nation}"` });
      if (!known.capability.has(r.capability))
        issues.push({ path: at(r.uln, 'UTC'), message: `names unknown capability "${r.capability}"` });
      if (!known.node.has(r.origin))
        issues.push({ path: at(r.uln, 'ORIGIN'), message: `names unknown node "${r.origin}"` });
      if (!known.node.has(r.destination))
        issues.push({ path: at(r.uln, 'DEST'), message: `names unknown node "${r.destination}"` });
    }
    if (issues.length > 0) throw invalid(issues);
  }
}
