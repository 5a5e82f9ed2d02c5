// The heavy work of the application as plain data in, JSON text out: an analysis, a deployment
// plan, a generated force list, a briefing pack and its PDF (base64) or HTML. Pure apart from the clock, so it runs the same on a worker thread
// (analysis-thread.ts) and in-process (the CLI, most tests). The answer is JSON text because that
// is what the HTTP layer sends: serialising on the worker keeps the request thread free, and the
// text's length is what the result memo counts against its budget.
import type { AnalysisArgs, AnalysisKind } from '../contract/analyses/index.ts';
import type { UlnRecord } from '../domain/deployment/force-list.ts';
import { invalid } from '../domain/errors.ts';
import type { ExchangeRates } from '../domain/exchange-rates.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import type { Highs } from 'highs';
import { planScenarioWithBound } from '../planner/deploy/guided-plan.ts';
import { loadHighs } from '../planner/deploy/lp-reference.ts';
import { provedBoundsWith } from '../planner/deploy/plan-bound.ts';
import { scenarioForceList, type ScenarioPlanOptions } from '../planner/deploy/plan-report.ts';
import { computeAnalysis } from './analyses.ts';
import type { CoaCriterion } from '../domain/comparison/coa.ts';
import { assembleComparison, type SummaryOutput } from './comparison.ts';
import { summariseScenario, type SummaryArgs } from './scenario-summary.ts';
import type { Audience } from '../domain/brief/audience.ts';
import type { BriefPack, PackSummary } from '../domain/brief/pack.ts';
import { renderPackHtml } from './brief/render-html.ts';
import { renderPackPdf } from './brief/render-pdf.ts';

/** What the envelope says of the viewer's scope: `partial` for everyone but coalition staff. */
export interface Scope {
  partial: boolean;
  /** The viewer sees the public view only (no nation, not coalition staff): places are rounded. */
  publicView?: boolean;
}

export type Job =
  | {
      type: 'analysis';
      kind: AnalysisKind;
      doc: ScenarioDocument;
      scope: Scope;
      args: AnalysisArgs<AnalysisKind>;
    }
  | {
      type: 'plan';
      doc: ScenarioDocument;
      scope: Scope;
      options: ScenarioPlanOptions;
      reference: boolean;
      /** Seconds to spend proving a lower bound on the plan's objective; 0: none. */
      boundSeconds: number;
    }
  | { type: 'force-list'; doc: ScenarioDocument }
  | { type: 'summary'; doc: ScenarioDocument; scope: Scope; args: SummaryArgs }
  | {
      type: 'brief';
      /** The scenario whole: the pack cuts it to the audience. */
      doc: ScenarioDocument;
      variants: ScenarioDocument[];
      version: number;
      audience: Audience;
      summary: PackSummary | undefined;
      draws?: number | undefined;
      seed?: number | undefined;
    }
  | { type: 'brief-render'; pack: BriefPack; format: 'pdf' | 'html' }
  | {
      type: 'compare';
      docs: ScenarioDocument[];
      /** Each scenario's summary job's text, in the order of `docs`. */
      summaries: string[];
      criteria: CoaCriterion[] | undefined;
      scope: Scope;
    };

export interface JobContext {
  rates: ExchangeRates;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** A job's answer: the JSON text to send, and for a plan what the optimality reference needs. */
export interface JobOutput {
  text: string;
  /** A plan: the planner's objective and the ULNs planned (for the LP reference). */
  plan?: { objective: number; ulns: UlnRecord[] };
}

/**
 * Runs a job. Errors are DomainErrors (the runner carries them across threads). A PDF is made
 * asynchronously (pdfmake's interface), and a plan with a bound waits for HiGHS to load; everything
 * else answers at once.
 */
export function runJob(job: Job, context: JobContext): JobOutput | Promise<JobOutput> {
  switch (job.type) {
    case 'analysis': {
      const { parameters, result } = computeAnalysis(
        job.kind,
        {
          doc: job.doc,
          rates: context.rates,
          partial: job.scope.partial,
          publicViewer: job.scope.publicView === true,
          onProgress: context.onProgress,
        },
        job.args,
      );
      const envelope = {
        scenario: job.doc.id,
        asOf: parameters.asOf,
        partial: job.scope.partial,
        parameters,
        result,
      };
      return { text: JSON.stringify(envelope) };
    }
    case 'plan':
      return planJob(job);
    case 'force-list': {
      const list = scenarioForceList(job.doc);
      if (!list.ok) throw invalid(list.issues);
      return { text: JSON.stringify(list.records) };
    }
    case 'summary':
      return {
        text: JSON.stringify(
          summariseScenario({ doc: job.doc, rates: context.rates, partial: job.scope.partial }, job.args),
        ),
      };
    case 'brief':
      // Loaded when a pack is made: its charts bring Apache ECharts (some 700 modules), which every
      // CLI command and server start would otherwise load for nothing.
      return import('./brief/build-pack.ts').then(({ buildPack }) => {
        const pack = buildPack({
          doc: job.doc,
          variants: job.variants,
          version: job.version,
          rates: context.rates,
          audience: job.audience,
          summary: job.summary,
          draws: job.draws,
          seed: job.seed,
          onProgress: context.onProgress,
        });
        return { text: JSON.stringify(pack) };
      });
    case 'brief-render':
      if (job.format === 'html') return { text: renderPackHtml(job.pack) };
      return renderPackPdf(job.pack).then((pdf) => ({ text: pdf.toString('base64') }));
    case 'compare': {
      const summaries = job.summaries.map((t) => JSON.parse(t) as SummaryOutput);
      return {
        text: JSON.stringify(assembleComparison(job.docs, summaries, job.criteria, job.scope.partial)),
      };
    }
  }
}

type PlanJob = Extract<Job, { type: 'plan' }>;

/** A plan, its proved bound and the guided plans (guided-plan.ts), as the job's envelope. */
async function planJob(job: PlanJob): Promise<JobOutput> {
  // The proved bound reads what the planner read, so it too covers only the viewer's records;
  // the plan is made again with its prices and the better kept (guided-plan.ts).
  // HiGHS only when a bound is asked for: its master LP proves more than the ascent alone.
  const bounds =
    job.boundSeconds > 0
      ? provedBoundsWith(await workerHighs(), () => {
          // A WASM abort leaves the module unusable: the next plan loads it afresh.
          highs = null;
        })
      : undefined;
  const planned = planScenarioWithBound(job.doc, job.options, {
    seconds: job.boundSeconds,
    ...(bounds && { bounds }),
  });
  if (!planned.ok) throw invalid(planned.issues);
  // `reference` is left for the caller to add: the LP solve is a job of its own.
  const envelope = {
    scenario: job.doc.id,
    partial: job.scope.partial,
    parameters: {
      today: planned.report.today,
      reference: job.reference,
      boundSeconds: job.boundSeconds,
    },
    result: planned.report,
  };
  return {
    text: JSON.stringify(envelope),
    // What the planner minimises (unplanned ULNs' penalty included), which the LP bounds.
    plan: { objective: planned.plan.objective.value, ulns: planned.ulns },
  };
}

let highs: Promise<Highs> | null = null;

/** The thread's HiGHS, loaded once (its WASM module is a few megabytes); a failed load is retried. */
function workerHighs(): Promise<Highs> {
  highs ??= loadHighs().catch((e: unknown) => {
    highs = null;
    throw e;
  });
  return highs;
}
