// Courses of action compared, decided and promoted, over the store and the analysis runner.
//
// - compare: the baseline and its variants as the viewer may see each (the store's guarded export),
//   one summary job per scenario memoised under that scenario's content version, then one job that
//   assembles the comparison, memoised under all the versions together; nothing heavy runs here.
// - decisions: coalition staff record the course of action chosen, with the rationale; the record
//   keeps the compared figures, the COA matrix and a fingerprint of each scenario's inputs, so that
//   reopening it either recomputes the same figures or names the inputs changed since.
// - promote: a variant's inputs become its parent's, only if the parent is still at the version the
//   variant was branched from (or the caller names the parent's current version to overwrite it).
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import {
  compareParamsSchema,
  decisionRequestSchema,
  type CompareArgs,
  type CompareEnvelope,
  type DecisionCheck,
  type DecisionRecord,
} from '../contract/compare.ts';
import { authorizeScenarioWrite, visibilityKey, type Principal } from '../domain/access.ts';
import { inputChanges } from '../domain/comparison/input-changes.ts';
import { DomainError, invalid, type FieldIssue } from '../domain/errors.ts';
import { zodIssues } from '../domain/scenario-document.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import type { ScenarioId } from '../domain/ids.ts';
import type { ScenarioSummary } from '../domain/records.ts';
import type { AnalysisRunner } from './analysis-runner.ts';
import { readScoped } from './analysis-service.ts';
import type { CoalitionService } from './coalition-service.ts';
import { inputFingerprint } from './input-fingerprint.ts';
import type { Scope } from './jobs.ts';

export interface CompareRunOptions {
  signal?: AbortSignal | undefined;
}

/** What the store keeps of a decision: the record as the API shows it, and the fingerprints. */
interface DecisionBody {
  record: DecisionRecord;
  /** Per compared scenario, in record order: input → hash (input-fingerprint.ts). */
  inputs: Record<string, string>[];
  /**
   * The parameters as asked, defaults not filled in: reopening asks again exactly so (the record's
   * `parameters` are the baseline's resolved ones, and a variant may have another as-of date).
   */
  asked: Omit<CompareArgs, 'variants' | 'criteria'>;
}

export const promoteRequestSchema = z.strictObject({
  parentContentVersion: z
    .number({ error: 'must be a whole number' })
    .int({ error: 'must be a whole number' })
    .min(0, { error: 'must be a content version (0 or more)' })
    .optional()
    .describe(
      "The parent's current content version (a 409 names it), to promote over changes made to it " +
        'since the variant was branched',
    ),
});

export class CompareService {
  constructor(
    readonly coalition: CoalitionService,
    readonly runner: AnalysisRunner,
  ) {}

  /** The comparison as JSON text (what the HTTP API sends as it is). */
  async compareText(
    baselineId: string,
    query: unknown,
    viewer: Principal,
    options: CompareRunOptions = {},
  ): Promise<string> {
    const parsed = compareParamsSchema.safeParse(query ?? {});
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    return (await this.run(baselineId, parsed.data, viewer, options)).text;
  }

  async compare(
    baselineId: string,
    query: unknown,
    viewer: Principal,
    options: CompareRunOptions = {},
  ): Promise<CompareEnvelope> {
    return JSON.parse(await this.compareText(baselineId, query, viewer, options)) as CompareEnvelope;
  }

  // ---- Decision records ----

  /** Records the course of action chosen (coalition staff): the comparison as it stands now. */
  async decide(baselineId: string, body: unknown, principal: Principal): Promise<DecisionRecord> {
    await this.coalition.store.getScenario(baselineId);
    authorizeScenarioWrite(principal, 'record decisions');
    const parsed = decisionRequestSchema.safeParse(body ?? {});
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    const { variants, criteria, chosen, rationale, parameters } = parsed.data;
    const args: CompareArgs = { ...(parameters ?? {}), variants, ...(criteria && { criteria }) };
    const ids = [baselineId, ...variants];
    if (!ids.includes(chosen))
      throw invalid([
        { path: 'chosen', message: `must be the baseline or one of the variants (${ids.join(', ')})` },
      ]);
    const run = await this.run(baselineId, args, principal);
    const envelope = JSON.parse(run.text) as CompareEnvelope;
    const { versions } = run;
    const docs = await run.documents();
    // The fingerprints must be of the inputs the figures were computed from.
    for (const [i, id] of [baselineId, ...variants].entries())
      if ((await this.coalition.store.contentVersion(id)) !== versions[i])
        throw new DomainError(
          'conflict',
          `scenario ${id} changed while the decision was recorded; try again`,
        );
    const record: DecisionRecord = {
      id: randomUUID(),
      baseline: baselineId,
      chosen,
      rationale,
      decidedBy: principal.userId,
      decidedAt: new Date().toISOString(),
      scenarios: envelope.result.scenarios.map((s, i) => ({
        id: s.id,
        name: s.name,
        inputsHash: s.inputsHash,
        version: versions[i]!,
      })),
      parameters: envelope.parameters,
      criteria: envelope.result.criteria,
      figures: envelope.result.figures.map((f) => ({ key: f.key, values: f.values })),
      coa: envelope.result.coa,
    };
    const stored = await this.coalition.store.addDecision(
      baselineId,
      {
        id: record.id,
        body: {
          record,
          inputs: docs.map((d) => inputFingerprint(d).inputs),
          asked: parameters ?? {},
        } satisfies DecisionBody,
      },
      principal,
    );
    // The store's clock is the one of record.
    return { ...record, decidedAt: stored.decidedAt };
  }

  async listDecisions(baselineId: string, viewer: Principal): Promise<DecisionRecord[]> {
    await this.coalition.store.getScenario(baselineId);
    authorizeDecisionRead(viewer);
    const stored = await this.coalition.store.listDecisions(baselineId);
    return stored.map((d) => ({ ...(d.body as DecisionBody).record, decidedAt: d.decidedAt }));
  }

  /**
   * Reopens a decision: each compared scenario's inputs against their fingerprints. When none has
   * changed the figures are computed again and checked against the recorded ones; otherwise the
   * inputs changed since are named, scenario by scenario.
   */
  async checkDecision(baselineId: string, decisionId: string, viewer: Principal): Promise<DecisionCheck> {
    await this.coalition.store.getScenario(baselineId);
    authorizeDecisionRead(viewer);
    const stored = await this.coalition.store.getDecision(baselineId, decisionId);
    const body = stored.body as DecisionBody;
    const record = { ...body.record, decidedAt: stored.decidedAt };
    const scenarios: DecisionCheck['scenarios'] = [];
    for (const [i, s] of record.scenarios.entries()) {
      const doc = await this.coalition.store.exportScenario(s.id, viewer).catch((e: unknown) => {
        if (e instanceof DomainError && e.code === 'not_found') return undefined;
        throw e;
      });
      if (!doc) {
        scenarios.push({ id: s.id, status: 'missing', changes: [] });
        continue;
      }
      const now = inputFingerprint(doc);
      const changes = now.hash === s.inputsHash ? [] : inputChanges(body.inputs[i] ?? {}, now.inputs);
      scenarios.push({ id: s.id, status: changes.length === 0 ? 'unchanged' : 'changed', changes });
    }
    const unchanged = scenarios.every((s) => s.status === 'unchanged');
    let recomputed: DecisionCheck['recomputed'] = null;
    if (unchanged) {
      const [, ...variants] = record.scenarios.map((s) => s.id as ScenarioId);
      const { text } = await this.run(
        baselineId,
        { ...body.asked, variants, criteria: record.criteria },
        viewer,
      );
      const envelope = JSON.parse(text) as CompareEnvelope;
      const now = new Map(envelope.result.figures.map((f) => [f.key, f.values]));
      const differences = record.figures.flatMap((f) => {
        const values = now.get(f.key) ?? [];
        return JSON.stringify(values) === JSON.stringify(f.values)
          ? []
          : [{ key: f.key, recorded: f.values, now: values }];
      });
      recomputed = { sameFigures: differences.length === 0, differences };
    }
    return { decision: record, status: unchanged ? 'unchanged' : 'changed', scenarios, recomputed };
  }

  // ---- Promotion ----

  /**
   * Makes a variant's inputs its parent's (coalition staff): the parent keeps its id, name and
   * description and its decision records; the variant stays as it is. Refused when the parent has
   * changed since the variant was branched, unless `parentVersion` names its current version.
   */
  async promote(variantId: string, body: unknown, principal: Principal): Promise<ScenarioSummary> {
    await this.coalition.store.getScenario(variantId);
    authorizeScenarioWrite(principal, 'promote a variant to baseline');
    const parsed = promoteRequestSchema.safeParse(body ?? {});
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    const variant = await this.coalition.store.exportScenario(variantId, principal);
    if (!variant.variantOf)
      throw invalid([
        {
          path: 'scenarioId',
          message: `scenario ${variantId} is not a variant: it has no parent to promote it to`,
        },
      ]);
    const variantOf = variant.variantOf;
    const parentId = variantOf.parent;
    const parent = await this.coalition.store.exportScenario(parentId, principal).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'not_found')
        throw invalid([{ path: 'scenarioId', message: `its parent ${parentId} no longer exists` }]);
      throw e;
    });
    const { variantOf: _v, description: _d, ...inputs } = variant;
    const document: ScenarioDocument = {
      ...inputs,
      id: parent.id,
      name: parent.name,
      ...(parent.description !== undefined && { description: parent.description }),
      ...(parent.variantOf !== undefined && { variantOf: parent.variantOf }),
    };
    const recorded = variant.variantOf.parentInputsHash;
    const named = parsed.data.parentContentVersion;
    // Run under the parent's row lock: nothing can change the parent between this check and the
    // promotion, so a change made since the branch is never overwritten unless the caller named it.
    const check = ({
      document: now,
      contentVersion,
    }: {
      document: ScenarioDocument;
      contentVersion: number;
    }) => {
      const current = { contentVersion };
      if (named !== undefined) {
        if (named !== contentVersion)
          throw new DomainError(
            'conflict',
            `scenario ${parentId} is at content version ${contentVersion}, not ${named}: it changed again; look at it and try again`,
            [],
            { current },
          );
        return;
      }
      if (recorded === undefined)
        throw new DomainError(
          'conflict',
          `${variantId} does not record the inputs of ${parentId} it was branched from, so whether ${parentId} has changed since cannot be told. To promote anyway, name its current content version, ${contentVersion} (parentContentVersion).`,
          [],
          { current },
        );
      if (inputFingerprint(now).hash !== recorded)
        throw new DomainError(
          'conflict',
          `${parentId} has changed since ${variantId} was branched from it (at version ${variantOf.parentVersion}): promoting would overwrite those changes. Look at them first; to promote anyway, name its current content version, ${contentVersion} (parentContentVersion).`,
          [],
          { current },
        );
    };
    return this.coalition.store.promoteVariant(parentId, variantId, document, check, principal);
  }

  // ---- The comparison itself ----

  private async run(
    baselineId: string,
    args: CompareArgs,
    viewer: Principal,
    options: CompareRunOptions = {},
  ): Promise<{ text: string; versions: number[]; documents: () => Promise<ScenarioDocument[]> }> {
    const { variants, criteria, ...summaryArgs } = args;
    const issues: FieldIssue[] = [];
    variants.forEach((id, i) => {
      if (id === baselineId) issues.push({ path: `variants[${i}]`, message: 'is the baseline itself' });
      else if (variants.indexOf(id) !== i)
        issues.push({ path: `variants[${i}]`, message: `names ${id} twice` });
    });
    if (issues.length > 0) throw invalid(issues);
    const ids = [baselineId, ...variants];
    const store = this.coalition.store;
    // Versions first (an unknown id is 404 before anything is computed; a memo hit needs no more).
    const versions: number[] = [];
    for (const id of ids) versions.push(await store.contentVersion(id));
    const visibility = visibilityKey(viewer);
    const argsKey = JSON.stringify(summaryArgs);
    // Every scenario is read in the viewer's view: the comparison is built from those documents only.
    const docs: ScenarioDocument[] = [];
    let scope: Scope = { partial: false };
    const read = async () => {
      if (docs.length > 0) return;
      for (const id of ids) {
        const r = await readScoped(store, id, viewer);
        docs.push(r.doc);
        scope = r.scope;
      }
    };
    const key = `compare|${ids.map((id, i) => `${id}@${versions[i]}`).join(',')}|${visibility}|${argsKey}|${JSON.stringify(criteria ?? null)}`;
    const output = await this.runner.run(
      async () => {
        await read();
        // One job per scenario, one after another: each is memoised on its own, so a variant compared
        // again with other variants is not computed twice, and the runner's queue bound holds.
        const summaries: string[] = [];
        for (const [i, doc] of docs.entries()) {
          const summary = await this.runner.run(() => ({ type: 'summary', doc, scope, args: summaryArgs }), {
            key: `summary|${ids[i]}|${versions[i]}|${visibility}|${argsKey}`,
            signal: options.signal,
          });
          summaries.push(summary.text);
        }
        return { type: 'compare', docs, summaries, criteria, scope };
      },
      { key, signal: options.signal },
    );
    // The documents only when asked (a decision fingerprints them): a comparison answered from
    // memory reads no scenario.
    const documents = async () => {
      await read();
      return docs;
    };
    return { text: output.text, versions, documents };
  }
}

/** Decision records hold figures computed over every record: coalition staff only. */
function authorizeDecisionRead(viewer: Principal): void {
  authorizeScenarioWrite(viewer, 'read decision records');
}
