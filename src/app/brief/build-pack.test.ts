// The briefing pack of article-2025-03: the sections in decision-brief order, the figures the
// analyses give, the planner's summary, the what-ifs, the annex; the same pack from the same inputs;
// and for an audience, the pack made from the whole scenario equal to the pack made from the scenario
// without what is withheld from that audience (nothing withheld can reach a figure, an id or a count).
import { describe, expect, it } from 'vitest';
import type { Releasability } from '../../domain/access.ts';
import { type Audience } from '../../domain/brief/audience.ts';
import { packText } from '../../domain/brief/pack.ts';
import { withMarkings } from '../../domain/marking-fixtures.ts';
import { audienceMaySee } from '../../domain/brief/audience.ts';
import { releasableViewBy } from '../../domain/releasable-view.ts';
import { requireScenario } from '../../domain/scenario-document.ts';
import { branchDocument, branchRequestSchema } from '../../domain/variants.ts';
import { computeAnalysis } from '../analyses.ts';
import { loadExchangeRates, loadScenarioFile } from '../reference-data.ts';
import { REFERENCE_WHAT_IFS } from '../reference-what-ifs.ts';
import { buildPack, PACK_STAGES } from './build-pack.ts';

const rates = loadExchangeRates();
const doc = loadScenarioFile('data/scenarios/article-2025-03.yaml');
const MC = { draws: 300, seed: 3 };
const staff: Audience = { kind: 'staff' };

describe('the briefing pack of article-2025-03', () => {
  const progress: number[] = [];
  const pack = buildPack({
    doc,
    version: 7,
    rates,
    audience: staff,
    ...MC,
    onProgress: (d) => progress.push(d),
  });

  it('is in decision-brief order, and says how far it has got', () => {
    expect(pack.sections.map((s) => s.id)).toEqual([
      'purpose',
      'bluf',
      'coalition',
      'force',
      'timeline',
      'sustainment',
      'money',
      'risks',
      'request',
      'annex',
    ]);
    expect(progress).toEqual(Array.from({ length: PACK_STAGES }, (_, i) => i + 1));
    expect(pack.scenario).toMatchObject({ id: doc.id, version: 7, asOf: doc.asOf });
    expect(pack.scenario.contentHash).toMatch(/^[0-9a-f]{64}$/);
    expect(pack.banner.text).toBe('PUBLIC'); // the reference data carries no markings
  });

  it('states the analyses’ figures in the bottom line', () => {
    const input = { doc, rates, partial: false };
    const figures = computeAnalysis('figures', input, {}).result.values;
    const cost = computeAnalysis('cost', input, {}).result;
    const bluf = pack.sections.find((s) => s.id === 'bluf')!;
    const items = new Map(
      bluf.blocks.flatMap((b) => (b.kind === 'figures' ? b.items : [])).map((i) => [i.label, i.value]),
    );
    expect(items.get('Target')).toBe(figures.target.toLocaleString('en-GB'));
    expect(items.get('Matched on time')).toBe(figures.matchedOnTime.toLocaleString('en-GB'));
    expect(items.get('Cost per month')).toBe(
      `EUR ${(cost.coalition.perMonth / 1e6).toLocaleString('en-GB', { minimumFractionDigits: 1, maximumFractionDigits: 1 })}m`,
    );
  });

  it('carries the planner’s summary and recommendations when given', () => {
    const own = buildPack({
      doc,
      version: 7,
      rates,
      audience: staff,
      ...MC,
      summary: {
        bluf: 'The coalition can field a brigade by C+90.',
        recommendations: ['Ask for US air policing.'],
      },
    });
    const text = packText(own);
    expect(text).toContain('The coalition can field a brigade by C+90.');
    expect(text).toContain('Ask for US air policing.');
    expect(text).not.toContain('has not written recommendations');
  });

  it('compares the what-ifs and names the recommended course', () => {
    const variants = REFERENCE_WHAT_IFS.slice(0, 2).map((w) =>
      branchDocument(doc, 1, branchRequestSchema.parse(w.request)),
    );
    const withVariants = buildPack({ doc, version: 7, rates, audience: staff, ...MC, variants });
    const section = withVariants.sections.find((s) => s.id === 'what-ifs')!;
    expect(withVariants.sections.map((s) => s.id).indexOf('what-ifs')).toBe(
      withVariants.sections.map((s) => s.id).indexOf('request') - 1,
    );
    expect(packText({ ...withVariants, sections: [section] })).toMatch(
      /Recommended course: .+ \(first place in the matrix/,
    );
  });

  it('lists every source and assumption in the annex, with the pack’s identity', () => {
    const annex = pack.sections.find((s) => s.id === 'annex')!;
    const rows = annex.blocks.flatMap((b) => (b.kind === 'table' ? b.rows : []));
    const sourced = doc.offers.filter((o) => o.source || o.assumption !== undefined).length;
    expect(rows.filter((r) => r[0] === 'Offer')).toHaveLength(sourced);
    expect(rows.some((r) => r[0] === 'Cost rate' && /72\/285/.test(r[2]!))).toBe(true);
    expect(packText({ ...pack, sections: [annex] })).toContain(pack.scenario.contentHash);
  });

  it('is the same pack from the same inputs', () => {
    expect(buildPack({ doc, version: 7, rates, audience: staff, ...MC })).toEqual(pack);
  });
});

describe('a pack for an audience', () => {
  // Mark some of the article's records: a British offer and pledge for the UK and Estonia only, a
  // French offer for France only, a risk COALITION, a red line for Germany only (which takes the risk
  // linked to it out of every pack but Germany's and staff's).
  const rel = (level: Releasability['level'], nations: string[] = []) =>
    ({ level, nations }) as Releasability;
  const gbrOffer = doc.offers.find((o) => o.nation === 'GBR')!;
  const fraOffer = doc.offers.find((o) => o.nation === 'FRA')!;
  const marked = requireScenario(
    withMarkings(
      doc,
      new Map<string, Releasability>([
        [`offers:${gbrOffer.id}`, rel('REL_TO', ['GBR', 'EST'])],
        [`pledges:${doc.pledges[0]!.id}`, rel('REL_TO', ['GBR', 'EST'])],
        [`offers:${fraOffer.id}`, rel('REL_TO', ['FRA'])],
        // A risk linked only to records every nation sees (RSK-01 names a red line for Germany only).
        [`risks:${doc.risks.find((r) => r.id === 'RSK-05')!.id}`, rel('COALITION')],
        [`redLines:${doc.redLines[0]!.id}`, rel('REL_TO', ['DEU'])],
      ]),
    ),
  );

  for (const audience of [
    { kind: 'rel-to', nation: 'EST' },
    { kind: 'coalition' },
    { kind: 'public' },
  ] as Audience[]) {
    it(`${audience.kind === 'rel-to' ? `rel-to ${audience.nation}` : audience.kind}: is the pack of the scenario without what it may not see`, () => {
      const cut = releasableViewBy(marked, (r, owner) => audienceMaySee(audience, r, owner));
      const full = buildPack({ doc: marked, version: 3, rates, audience, ...MC });
      const alone = buildPack({ doc: cut, version: 3, rates, audience, ...MC });
      expect(full).toEqual(alone);
    });
  }

  it('rel-to EST holds no figure or id withheld from Estonia, and is released to it', () => {
    const est = buildPack({
      doc: marked,
      version: 3,
      rates,
      audience: { kind: 'rel-to', nation: 'EST' as never },
      ...MC,
    });
    const coalition = buildPack({ doc: marked, version: 3, rates, audience: { kind: 'coalition' }, ...MC });
    const estText = packText(est);
    expect(estText).toContain(gbrOffer.id);
    expect(estText).not.toContain(fraOffer.id);
    expect(packText(coalition)).not.toContain(gbrOffer.id);
    expect(est.banner.text).toBe('COALITION REL TO EST, GBR');
    expect(coalition.banner.text).toBe('COALITION');
    expect(est.audienceLabel).toBe('Releasable to EST');
  });

  it('staff see everything, and the banner says no single nation may', () => {
    const all = buildPack({ doc: marked, version: 3, rates, audience: staff, ...MC });
    expect(all.banner.text).toBe('COALITION STAFF ONLY');
    expect(packText(all)).toContain(fraOffer.id);
  });
});
