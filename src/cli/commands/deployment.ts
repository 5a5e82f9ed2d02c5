// `coalition plan SCENARIO`: when the force closes and what holds it up, from the same
// DeploymentService as GET /api/scenarios/:id/deployment/plan (in this process or over HTTP), so the
// figures are the API's. A stage bar follows the work when it runs in this process.
// `coalition force-list …`: the TPFDD-style force list out to CSV, in from CSV (all or nothing),
// or generated from the force-generation fill.
import { writeFileSync } from 'node:fs';
import cliProgress from 'cli-progress';
import { invalid } from '../../domain/errors.ts';
import { zodIssues } from '../../domain/scenario-document.ts';
import { planParamsSchema } from '../../app/deployment-service.ts';
import { withBackend, type Connect } from '../connect.ts';
import { readTextFile, reportingIssues } from '../shared.ts';
import { renamingFields } from './assumption-flags.ts';
import { printPlan } from './plan-print.ts';

export { printPlan };

export interface PlanOptions {
  json?: boolean;
  reference?: boolean;
  today?: string;
  boundSeconds?: string;
}

/** The plan's parameters as the flags that set them, for the messages that name them. */
const PLAN_FLAGS: Readonly<Record<string, string>> = {
  today: '--today',
  reference: '--reference',
  boundSeconds: '--bound-seconds',
};

export async function plan(scenario: string, opts: PlanOptions, connect: Connect): Promise<void> {
  const bar = stageBar(process.stderr.isTTY === true && !opts.json);
  const body = await reportingIssues(scenario, async () => {
    // The service's own parameter rules, applied before anything is opened or sent.
    const parsed = planParamsSchema.safeParse({
      ...(opts.today !== undefined && { today: opts.today }),
      ...(opts.reference === true && { reference: true }),
      ...(opts.boundSeconds !== undefined && { boundSeconds: opts.boundSeconds }),
    });
    if (!parsed.success) throw renamingFields(invalid(zodIssues(parsed.error)), (path) => PLAN_FLAGS[path]);
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
