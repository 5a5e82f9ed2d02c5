// `coalition brief SCENARIO [--audience …] [--compare VARIANT…] [--summary FILE] -o FILE`: makes the
// briefing pack of the scenario for an audience (a new version, kept and audited, as POST …/briefs)
// and writes it as PDF or HTML by the output file's extension, or its JSON with --json. The request
// is checked by the contract's schema before the store is opened or a server asked, and a refusal
// names what the user typed (`--audience: must be …`, `--compare[0]: …`, `--summary (bluf): …`).
import { readFileSync, writeFileSync } from 'node:fs';
import { extname } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { briefRequestSchema, type BriefRequest } from '../../contract/brief.ts';
import { invalid, type FieldIssue } from '../../domain/errors.ts';
import { zodIssues } from '../../domain/scenario-document.ts';
import { withBackend, type Connect } from '../connect.ts';
import { CliError } from '../errors.ts';
import { progressBar } from '../progress.ts';
import { renamingFields } from './assumption-flags.ts';

export interface BriefOptions {
  audience?: string;
  compare?: string[];
  summary?: string;
  output?: string;
  json?: boolean;
  draws?: string;
  seed?: string;
}

const FORMATS: Readonly<Record<string, 'pdf' | 'html'>> = { '.pdf': 'pdf', '.html': 'html', '.htm': 'html' };

/** `variants[1]` → `--compare[1]`, `summary.bluf` → `--summary (bluf)`, and so on. */
function flagOf(path: string): string | undefined {
  if (path === 'audience') return '--audience';
  if (path.startsWith('variants')) return path.replace(/^variants/, '--compare');
  if (path.startsWith('summary')) return path === 'summary' ? '--summary' : `--summary (${path.slice(8)})`;
  if (path === 'draws' || path === 'seed') return `--${path}`;
  return undefined;
}

function readSummary(file: string): unknown {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (e) {
    throw new CliError(`--summary: cannot read ${file}: ${(e as Error).message}`);
  }
  try {
    // YAML is a superset of JSON: `bluf:` and `recommendations:` in either.
    return parseYaml(text) as unknown;
  } catch (e) {
    throw new CliError(`--summary: ${file} is neither YAML nor JSON: ${(e as Error).message}`);
  }
}

export async function brief(scenario: string, opts: BriefOptions, connect: Connect): Promise<void> {
  const format = opts.output ? FORMATS[extname(opts.output).toLowerCase()] : undefined;
  if (!opts.json && !opts.output) throw new CliError('-o FILE is required (a .pdf or .html file), or --json');
  if (opts.output && !format) throw new CliError(`-o: ${opts.output} must end in .pdf or .html`);
  const number = (flag: string, v: string | undefined) =>
    v === undefined ? undefined : /^\d+$/.test(v) ? Number(v) : v;
  const parsed = briefRequestSchema.safeParse({
    audience: opts.audience ?? 'staff',
    variants: opts.compare ?? [],
    ...(opts.summary !== undefined && { summary: readSummary(opts.summary) }),
    ...(opts.draws !== undefined && { draws: number('--draws', opts.draws) }),
    ...(opts.seed !== undefined && { seed: number('--seed', opts.seed) }),
  });
  if (!parsed.success) throw renamingFields(invalid(zodIssues(parsed.error) as FieldIssue[]), flagOf);
  const request: BriefRequest = parsed.data;
  const bar = progressBar(process.stderr.isTTY === true, 'Briefing pack [{bar}] {value}/{total} stages');
  const { made, file } = await withBackend(connect, async (b) => {
    const made = await b.brief(scenario, request, bar.onProgress).finally(() => bar.stop());
    const file = format ? await b.briefFile(scenario, made.audience, made.version, format) : undefined;
    return { made, file };
  }).catch((e: unknown) => {
    throw renamingFields(e, flagOf);
  });
  if (opts.json) {
    if (opts.output && file !== undefined) writeFileSync(opts.output, file);
    console.log(JSON.stringify(made, null, 2));
    return;
  }
  writeFileSync(opts.output!, file!);
  const pages = made.pack.sections.length;
  console.log(
    `${opts.output}: ${made.pack.title} — ${made.audience} v${made.version}, ${made.pack.banner.text}, ` +
      `${pages} sections, data as of ${made.pack.scenario.asOf} (inputs ${made.contentHash.slice(0, 12)}…)`,
  );
}
