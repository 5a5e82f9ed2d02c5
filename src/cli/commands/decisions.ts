// The decision record and promotion from the terminal, through the same CompareService as the API
// (in this process or over HTTP):
// - `coalition decide BASELINE --variants A,B --choose ID --rationale TEXT`: records the course of
//   action chosen with the comparison it was chosen on (the same criteria and assumption flags as
//   `compare`), and prints its id, who, when and what was chosen;
// - `coalition decisions BASELINE`: the records, newest first;
// - `coalition decision BASELINE ID`: reopens one: "inputs unchanged; figures recomputed: the same",
//   or what changed since, scenario by scenario;
// - `coalition promote VARIANT [--parent-version N]`: the variant's inputs become its parent's; a
//   parent changed since the branch is refused with the version to name to promote over it.
import { decisionRequestSchema, type DecisionCheck, type DecisionRecord } from '../../contract/compare.ts';
import { COMPARED_FIGURES } from '../../domain/comparison/figures.ts';
import { DomainError, invalid, type FieldIssue } from '../../domain/errors.ts';
import { zodIssues } from '../../domain/scenario-document.ts';
import type { PromoteRequest } from '../backend.ts';
import { withBackend, type Connect } from '../connect.ts';
import { CliFailure } from '../errors.ts';
import { renderTable } from '../table.ts';
import {
  assumptionFlag,
  assumptionQuery,
  renamingFields,
  type AssumptionOptions,
} from './assumption-flags.ts';
import { criteriaFlag, variantIssues } from './compare.ts';
import { formatValue, paragraph, scenarioKey } from './compare-print.ts';

export interface DecideOptions extends AssumptionOptions {
  variants: string[];
  choose: string;
  rationale: string;
  criteria?: string;
  json?: boolean;
}

/** The request's field paths as the flags they came from. */
function decideFlag(path: string): string | undefined {
  if (path === 'chosen') return '--choose';
  if (path === 'rationale') return '--rationale';
  if (path === 'variants' || path.startsWith('variants[')) return `--${path}`;
  if (path.startsWith('parameters.')) return assumptionFlag(path.slice('parameters.'.length));
  return criteriaFlag(path);
}

export async function decide(baseline: string, opts: DecideOptions, connect: Connect): Promise<void> {
  const variants = opts.variants.map((v) => v.trim()).filter((v) => v !== '');
  const parameters = assumptionQuery(opts);
  const parsed = decisionRequestSchema.safeParse({
    variants,
    ...(opts.criteria !== undefined && { criteria: opts.criteria }),
    chosen: opts.choose,
    rationale: opts.rationale,
    ...(Object.keys(parameters).length > 0 && { parameters }),
  });
  const issues: FieldIssue[] = parsed.success ? [] : zodIssues(parsed.error);
  issues.push(...variantIssues(baseline, variants, 'variants'));
  const ids = [baseline, ...variants];
  if (!ids.includes(opts.choose))
    issues.push({
      path: 'chosen',
      message: `must be the baseline or one of the variants (${ids.join(', ')})`,
    });
  if (issues.length > 0) throw renamingFields(invalid(dedupe(issues)), decideFlag);
  const record = await withBackend(connect, (b) => b.decide(baseline, parsed.data!)).catch((e: unknown) => {
    throw renamingFields(e, decideFlag);
  });
  if (opts.json) {
    console.log(JSON.stringify(record, null, 2));
    return;
  }
  console.log(`Recorded decision ${record.id}`);
  console.log(decisionSummary(record).join('\n'));
}

/** Issues with the same path and message once (the schema and the pre-check may both find one). */
function dedupe(issues: FieldIssue[]): FieldIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.path}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Who, when, what was chosen among which, why, and what the matrix preferred. */
function decisionSummary(d: DecisionRecord): string[] {
  const ids = d.scenarios.map((s) => s.id);
  const chosen = ids.indexOf(d.chosen);
  const best = ids.filter((_, i) => d.coa.places[i] === 1);
  return [
    `  who:       ${d.decidedBy}`,
    `  when:      ${d.decidedAt}`,
    ...paragraph(
      `${d.chosen}${chosen >= 0 ? ` (${scenarioKey(chosen)})` : ''}, of ${ids.join(', ')}`,
      '  chosen:    ',
      '             ',
    ),
    ...paragraph(d.rationale, '  rationale: ', '             '),
    ...paragraph(
      best.length === 0
        ? 'no preference (no criteria)'
        : `prefers ${best.join(' and ')} (total ${d.coa.totals[ids.indexOf(best[0]!)]})`,
      '  matrix:    ',
      '             ',
    ),
  ];
}

export async function decisions(baseline: string, opts: { json?: boolean }, connect: Connect): Promise<void> {
  const items = await withBackend(connect, (b) => b.decisions(baseline));
  if (opts.json) {
    console.log(JSON.stringify(items, null, 2));
    return;
  }
  if (items.length === 0) {
    console.log(`No decisions recorded on ${baseline}.`);
    return;
  }
  // One block per decision: an id is 36 characters, a rationale a paragraph; a table would not fit.
  const blocks = items.map((d) => [d.id, ...decisionSummary(d)].join('\n'));
  console.log(`Decisions on ${baseline}, newest first:\n\n${blocks.join('\n\n')}`);
}

export async function decision(
  baseline: string,
  id: string,
  opts: { json?: boolean },
  connect: Connect,
): Promise<void> {
  const check = await withBackend(connect, (b) => b.checkDecision(baseline, id));
  console.log(opts.json ? JSON.stringify(check, null, 2) : printDecisionCheck(check));
}

export function printDecisionCheck(check: DecisionCheck): string {
  const d = check.decision;
  const out = [`Decision ${d.id} on ${d.baseline}`, ...decisionSummary(d)];
  out.push(
    ...paragraph(
      d.scenarios.map((s, i) => `${scenarioKey(i)} ${s.id} (version ${s.version})`).join(', '),
      '  compared:  ',
      '             ',
    ),
    '',
  );
  if (check.status === 'unchanged') {
    const r = check.recomputed;
    if (r === null || r.sameFigures) {
      out.push('inputs unchanged; figures recomputed: the same');
      return out.join('\n');
    }
    const n = r.differences.length;
    out.push(`inputs unchanged; figures recomputed: ${n} ${n === 1 ? 'differs' : 'differ'} from the record`);
    const ids = d.scenarios.map((s) => s.id);
    const rows = r.differences.flatMap((x) =>
      ids.flatMap((sid, i) =>
        (x.recorded[i] ?? null) === (x.now[i] ?? null)
          ? []
          : [
              {
                key: x.key,
                sid: `${scenarioKey(i)} ${sid}`,
                was: x.recorded[i] ?? null,
                now: x.now[i] ?? null,
              },
            ],
      ),
    );
    out.push(
      renderTable(rows, [
        { header: 'FIGURE', value: (x) => COMPARED_FIGURES[x.key].label, maxWidth: 28 },
        { header: 'SCENARIO', value: (x) => x.sid, maxWidth: 30 },
        {
          header: 'RECORDED',
          value: (x) => formatValue(COMPARED_FIGURES[x.key].unit, x.was),
          align: 'right',
        },
        { header: 'NOW', value: (x) => formatValue(COMPARED_FIGURES[x.key].unit, x.now), align: 'right' },
      ]),
    );
    return out.join('\n');
  }
  out.push('inputs changed since the decision (the figures were not recomputed):');
  check.scenarios.forEach((s, i) => {
    const who = `${scenarioKey(i)} ${s.id}`;
    if (s.status === 'unchanged') out.push(`${who}: unchanged`);
    else if (s.status === 'missing') out.push(`${who}: missing (deleted, or no longer shown to you)`);
    else {
      const n = s.changes.length;
      out.push(`${who}: ${n} ${n === 1 ? 'input' : 'inputs'} changed`);
      out.push(
        renderTable(s.changes, [
          { header: 'KIND', value: (c) => c.kind },
          { header: 'KEY', value: (c) => c.key, maxWidth: 60 },
          { header: 'CHANGE', value: (c) => c.change },
        ])
          .split('\n')
          .map((l) => `  ${l}`)
          .join('\n'),
      );
    }
  });
  return out.join('\n');
}

export interface PromoteOptions {
  parentVersion?: string;
}

export async function promote(variant: string, opts: PromoteOptions, connect: Connect): Promise<void> {
  const request: PromoteRequest = {};
  if (opts.parentVersion !== undefined) {
    if (!/^\d{1,15}$/.test(opts.parentVersion))
      throw invalid([
        {
          path: '--parent-version',
          message: 'must be a whole number: the version a refused promotion names',
        },
      ]);
    request.parentContentVersion = Number(opts.parentVersion);
  }
  const summary = await withBackend(connect, (b) => b.promoteVariant(variant, request)).catch(
    (e: unknown) => {
      if (e instanceof DomainError && e.code === 'conflict') {
        console.error(`error: ${e.message}`);
        const current = currentVersion(e);
        console.error(
          current === undefined
            ? `hint: look at the parent, then re-run: coalition promote ${variant} --parent-version <its current version>`
            : `hint: to promote over those changes, re-run: coalition promote ${variant} --parent-version ${current}`,
        );
        throw new CliFailure();
      }
      throw renamingFields(e, (path) =>
        path === 'parentContentVersion' || path === 'parentVersion'
          ? '--parent-version'
          : path === 'scenarioId'
            ? 'VARIANT'
            : undefined,
      );
    },
  );
  console.log(
    `promoted ${variant} to baseline: ${summary.id} "${summary.name}" now has its inputs (version ${summary.version})`,
  );
}

/**
 * The parent's current version as the refusal gives it (its current content version, or its
 * record's version), else as its message names it.
 */
function currentVersion(e: DomainError): number | undefined {
  const current = e.details?.current;
  if (typeof current === 'object' && current !== null) {
    const { contentVersion, version } = current as { contentVersion?: unknown; version?: unknown };
    if (typeof contentVersion === 'number') return contentVersion;
    if (typeof version === 'number') return version;
  }
  const m = /(?:parentContentVersion:|current content version,|is at (?:content )?version) (\d+)/.exec(
    e.message,
  );
  return m ? Number(m[1]) : undefined;
}
