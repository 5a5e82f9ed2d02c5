// `coalition plan SCENARIO`: when the force closes and what holds it up, from the same
// DeploymentService as GET /api/scenarios/:id/deployment/plan (in this process or over HTTP), so the
// figures are the API's. A stage bar follows the work when it runs in this process.
// `coalition force-list …`: the TPFDD-style force list out to CSV, in from CSV (all or nothing),
// or generated from the force-generation fill.
import { writeFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { invalid } from '../../domain/errors.ts';
import { zodIssues } from '../../domain/scenario-document.ts';
import type { PlanReport } from '../../planner/deploy/plan-report.ts';
import { planParamsSchema, type PlanEnvelope } from '../../app/deployment-service.ts';
import { withBackend, type Connect } from '../connect.ts';
import { readTextFile, reportingIssues } from '../shared.ts';
import { renderTable } from '../table.ts';

export interface PlanOptions {
  json?: boolean;
  reference?: boolean;
  today?: string;
}

export async function plan(scenario: string, opts: PlanOptions, connect: Connect): Promise<void> {
  const bar = stageBar(process.stderr.isTTY === true && !opts.json);
  const body = await reportingIssues(scenario, async () => {
    // The service's own parameter rules, applied before anything is opened or sent.
    const parsed = planParamsSchema.safeParse({
      ...(opts.today !== undefined && { today: opts.today }),
      ...(opts.reference === true && { reference: true }),
    });
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    return withBackend(connect, (b) => b.plan(scenario, parsed.data, bar.onStage));
  }).finally(() => bar.stop());
  console.log(opts.json ? JSON.stringify(body, null, 2) : printPlan(body));
}

export async function forceListExport(
  scenario: string,
  opts: { output?: string },
  connect: Connect,
): Promise<void> {
  const file = await withBackend(connect, (b) => b.forceListCsv(scenario));
  if (opts.output) writeFileSync(opts.output, file.text);
  else process.stdout.write(file.text);
  // On standard error, so the CSV on standard output stays a clean file.
  console.error(`force list tag ${file.tag} (import with --if-match ${file.tag})`);
}

export interface ForceListImportOptions {
  ifMatch?: string;
  force?: boolean;
}

export async function forceListImport(
  scenario: string,
  file: string,
  opts: ForceListImportOptions,
  connect: Connect,
): Promise<void> {
  const text = readTextFile(file);
  const ifMatch = opts.ifMatch ?? (opts.force === true ? '*' : undefined);
  const result = await reportingIssues(file, () =>
    withBackend(connect, (b) => b.importForceListCsv(scenario, text, ifMatch)),
  );
  console.log(`Imported ${result.imported} ULNs into ${scenario}.`);
}

export async function forceListGenerate(
  scenario: string,
  opts: { replace?: boolean },
  connect: Connect,
): Promise<void> {
  const result = await reportingIssues(scenario, () =>
    withBackend(connect, (b) => b.generateForceList(scenario, { replace: opts.replace === true })),
  );
  console.log(`Generated and stored ${result.imported} ULNs for ${scenario}.`);
}

/** A bar over the plan's stages, on standard error when it is a terminal; cleared when done. */
function stageBar(enabled: boolean): {
  onStage: (stage: number, total: number, what: string) => void;
  stop(): void;
} {
  if (!enabled) return { onStage: () => undefined, stop: () => undefined };
  let bar: cliProgress.SingleBar | undefined;
  return {
    onStage: (stage, total, what) => {
      if (!bar) {
        bar = new cliProgress.SingleBar(
          {
            stream: process.stderr,
            format: 'Planning [{bar}] {value}/{total} {stage}',
            clearOnComplete: true,
            hideCursor: null,
          },
          cliProgress.Presets.shades_classic,
        );
        bar.start(total, 0, { stage: what });
      }
      bar.update(stage - 1, { stage: what });
    },
    stop: () => {
      bar?.update(bar.getTotal());
      bar?.stop();
    },
  };
}

const n = (x: number) => Math.round(x).toLocaleString('en-GB');
const day = (d: number | null) => (d === null ? 'never' : `C+${d}`);

export function printPlan(body: PlanEnvelope): string {
  const r: PlanReport = body.result;
  const out: string[] = [];
  const source = r.forceList.source === 'generated' ? 'generated from the force fill' : 'stored';
  out.push(
    `Deployment plan — ${body.scenario} (from ${day(r.today)}; force list ${source}: ${n(r.forceList.ulns)} ULNs, ` +
      `${n(r.forceList.personnel)} personnel, ${n(r.forceList.tonnes)} t)`,
  );
  if (body.partial)
    out.push('Partial: some records are not releasable to you and are left out of this plan.');
  out.push('');
  const target = r.target.personnel;
  if (r.closure.targetDay !== null) out.push(`The ${n(target)} close on ${day(r.closure.targetDay)}.`);
  else
    out.push(
      `The ${n(target)} do not close: ${r.target.notInForceList > 0 ? `the force list holds ${n(r.forceList.personnel)} (${n(r.target.notInForceList)} short)` : 'not all of the force list can be moved'}.`,
    );
  out.push(
    `The force list closes: half by ${day(r.closure.halfDay)}, 90% by ${day(r.closure.ninetyDay)}, all by ${day(r.closure.allDay)} (last load ${day(r.closure.lastArrivalDay)}).`,
  );
  out.push(
    `Late against RDD: ${n(r.objective.lateUlns)} ULNs, ${n(r.objective.personnelDaysLate)} personnel-days ` +
      `(priority-weighted ${n(r.objective.weightedPersonnelDaysLate)}); cannot move: ${n(r.objective.unscheduled)} ULNs.`,
  );
  out.push('', 'What holds it up:');
  r.holdUps.forEach((h, i) => out.push(`  ${i + 1}. ${h}`));
  if (r.bottlenecks.length > 0) {
    out.push('', 'Bottlenecks:');
    out.push(
      renderTable(r.bottlenecks, [
        { header: 'WHERE', value: (b) => b.name },
        { header: 'DAYS FULL', value: (b) => b.daysAtCapacity },
        { header: 'WAITING', value: (b) => Math.round(b.weightedWaiting) },
      ]),
    );
  }
  if (r.missedLad.length > 0) {
    out.push(
      '',
      `Missing their LAD: ${n(r.missedLad.length)} ULNs${r.missedLad.length > 10 ? ' (first 10)' : ''}:`,
    );
    for (const m of r.missedLad.slice(0, 10)) out.push(`  ${m.uln}: ${m.reason}`);
  }
  if (body.reference) {
    const ref = body.reference;
    out.push(
      '',
      `Optimality reference (HiGHS LP, splittable): ${ref.status}` +
        (ref.objective !== null ? `, objective ${n(ref.objective)}` : '') +
        (ref.gapPercent !== null ? `, planner gap ${ref.gapPercent.toFixed(2)}%` : '') +
        `, ${ref.seconds.toFixed(2)} s.`,
    );
  }
  return out.join('\n');
}
