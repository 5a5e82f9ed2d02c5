// Briefing packs (issue 16) over the store and the analysis runner: made, kept and read again.
//
// Who may do what. A pack holds what its audience may see, so a user may make and read the packs of
// the audiences whose content it may see itself: coalition staff every audience; a nation's liaison
// officer the coalition's, the public's and its own nation's (rel-to); an observer the public's
// only. Observers do not make packs (a pack is stored and audited: a write). A pack of an audience the
// reader may not read answers as if it did not exist, and versions are counted per audience, so the
// packs of other audiences cannot be told from their absence.
//
// The pack is built on a worker from the scenario whole (read as staff here, never sent out) cut to
// the audience there; rendering to PDF or HTML is a job too, memoised (a stored pack never changes).
import { forbidden, seesEverything, type Principal } from '../domain/access.ts';
import { audienceText, parseAudience, type Audience } from '../domain/brief/audience.ts';
import { packSchema, type BriefPack } from '../domain/brief/pack.ts';
import { DomainError, invalid } from '../domain/errors.ts';
import { zodIssues } from '../domain/scenario-document.ts';
import { briefRequestSchema, type Brief, type BriefSummaryWire } from '../contract/brief.ts';
import type { AnalysisRunner } from './analysis-runner.ts';
import type { CoalitionService } from './coalition-service.ts';
import type { BriefSummary } from '../storage/store.ts';

export interface BriefRunOptions {
  signal?: AbortSignal | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** The audiences whose packs `p` may make and read (see the header). */
export function readableAudiences(p: Principal): ((a: Audience) => boolean) & { list: string[] | undefined } {
  const staff = seesEverything(p);
  const own = p.role === 'liaison' && p.nation ? p.nation : null;
  const test = (a: Audience) =>
    staff ||
    a.kind === 'public' ||
    (own !== null && (a.kind === 'coalition' || (a.kind === 'rel-to' && a.nation === own)));
  const list = staff ? undefined : own ? ['coalition', 'public', `rel-to:${own}`] : ['public'];
  return Object.assign(test, { list });
}

const notFound = (scenarioId: string, audience: string, version: string) =>
  new DomainError('not_found', `briefing pack ${audience} v${version} of scenario ${scenarioId} not found`);

/** A pack's record as `viewer` is shown it: the content version for coalition staff only. */
function shownTo(viewer: Principal, b: BriefSummary): BriefSummaryWire {
  return { ...b, scenarioVersion: seesEverything(viewer) ? b.scenarioVersion : null };
}

/** Coalition staff as a reader: the scenario whole, for the worker to cut to the audience. */
const asStaff = (p: Principal): Principal => ({ userId: p.userId, role: 'planner', nation: null });

export class BriefService {
  constructor(
    readonly coalition: CoalitionService,
    readonly runner: AnalysisRunner,
  ) {}

  async create(
    scenarioId: string,
    body: unknown,
    principal: Principal,
    options: BriefRunOptions = {},
  ): Promise<Brief> {
    const store = this.coalition.store;
    await store.getScenario(scenarioId);
    if (principal.role === 'observer') throw forbidden('observers may read briefing packs but not make them');
    const parsed = briefRequestSchema.safeParse(body ?? {});
    if (!parsed.success) throw invalid(zodIssues(parsed.error));
    const audience = parseAudience(parsed.data.audience)!;
    if (!readableAudiences(principal)(audience))
      throw invalid([
        {
          path: 'audience',
          message: `you may make packs only for ${readableAudiences(principal).list?.join(', ') ?? 'any audience'}`,
        },
      ]);
    // Each variant must be one the maker may see; its content is then cut to the audience.
    for (const [i, id] of parsed.data.variants.entries()) {
      if (id === scenarioId) throw invalid([{ path: `variants[${i}]`, message: 'is the scenario itself' }]);
      await store.exportScenario(id, principal).catch((e: unknown) => {
        if (e instanceof DomainError && e.code === 'not_found')
          throw invalid([{ path: `variants[${i}]`, message: `names no scenario you may see ("${id}")` }]);
        throw e;
      });
    }
    const version = await store.contentVersion(scenarioId);
    const output = await this.runner.run(
      async () => ({
        type: 'brief' as const,
        doc: await store.exportScenario(scenarioId, asStaff(principal)),
        variants: await Promise.all(
          parsed.data.variants.map((id) => store.exportScenario(id, asStaff(principal))),
        ),
        version,
        audience,
        summary: parsed.data.summary,
        draws: parsed.data.draws,
        seed: parsed.data.seed,
      }),
      { signal: options.signal, onProgress: options.onProgress },
    );
    const pack = JSON.parse(output.text) as BriefPack;
    if ((await store.contentVersion(scenarioId)) !== version)
      throw new DomainError('conflict', `scenario ${scenarioId} changed while the pack was made; try again`);
    const stored = await store.addBrief(
      scenarioId,
      {
        audience: audienceText(audience),
        contentHash: pack.scenario.contentHash,
        scenarioVersion: version,
        pack,
      },
      principal,
    );
    const { pack: _p, ...summary } = stored;
    return { ...shownTo(principal, summary), pack };
  }

  async list(scenarioId: string, viewer: Principal): Promise<BriefSummaryWire[]> {
    await this.coalition.store.getScenario(scenarioId);
    const items = await this.coalition.store.listBriefs(scenarioId, readableAudiences(viewer).list);
    return items.map((b) => shownTo(viewer, b));
  }

  /** `version` as a URL gives it (text) or as a number; anything but a whole number ≥ 1 is no pack's. */
  async get(
    scenarioId: string,
    audience: string,
    version: number | string,
    viewer: Principal,
  ): Promise<Brief> {
    await this.coalition.store.getScenario(scenarioId);
    const a = parseAudience(audience);
    const v = typeof version === 'string' && /^\d{1,9}$/.test(version) ? Number(version) : version;
    if (!a || !readableAudiences(viewer)(a) || typeof v !== 'number' || !Number.isInteger(v) || v < 1)
      throw notFound(scenarioId, audience, String(version));
    const stored = await this.coalition.store.getBrief(scenarioId, audienceText(a), v).catch((e: unknown) => {
      if (e instanceof DomainError && e.code === 'not_found') throw notFound(scenarioId, audience, String(v));
      throw e;
    });
    const { pack, ...summary } = stored;
    return { ...shownTo(viewer, summary), pack: packSchema.parse(pack) };
  }

  /** The pack as PDF bytes or HTML text, rendered on the runner and memoised (packs never change). */
  async render(
    scenarioId: string,
    audience: string,
    version: number,
    format: 'pdf' | 'html',
    viewer: Principal,
    options: BriefRunOptions = {},
  ): Promise<{ brief: Brief; body: Buffer | string }> {
    const brief = await this.get(scenarioId, audience, version, viewer);
    const output = await this.runner.run(
      () => ({ type: 'brief-render' as const, pack: brief.pack, format }),
      {
        // The hash and the time too: a scenario deleted and made again counts its versions from 1.
        key: `brief:${scenarioId}:${brief.audience}:${version}:${brief.createdAt}:${brief.contentHash}:${format}`,
        signal: options.signal,
      },
    );
    return { brief, body: format === 'pdf' ? Buffer.from(output.text, 'base64') : output.text };
  }
}
