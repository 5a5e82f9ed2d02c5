// The one-click what-ifs on the reference scenario article-2025-03: each gives a valid document with
// exactly the change it names, says what it changed, warns where the change alone moves nothing
// (Germany "joins" with every offer conditional on a US backstop), and leaves the baseline as it was.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { currentStance } from './overview.ts';
import { parseScenarioText, requireScenario } from './scenario-document.ts';
import type { ScenarioDocument } from './scenario-schema.ts';
import { applyWhatIf, WhatIfError, type WhatIf } from './what-ifs.ts';

function article(): ScenarioDocument {
  const parsed = parseScenarioText(readFileSync('data/scenarios/article-2025-03.yaml', 'utf8'));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return parsed.document;
}

/** Applies a what-if, checking the variant is a valid document and the baseline is untouched. */
function variant(whatIf: WhatIf) {
  const base = article();
  const before = JSON.stringify(base);
  const result = applyWhatIf(base, whatIf);
  expect(JSON.stringify(base)).toBe(before);
  expect(() => requireScenario(result.document)).not.toThrow();
  return { base, ...result };
}

const stanceOf = (doc: ScenarioDocument, id: string) =>
  currentStance(doc.nations.find((n) => n.id === id)!.stances, doc.asOf)?.stance;
const offersOf = (doc: ScenarioDocument, id: string) => doc.offers.filter((o) => o.nation === id);

describe('a nation joins', () => {
  it('declares Germany committed as of the analysis date and confirms its offers, saying they still wait for a US backstop', () => {
    const { base, document, title, changes, notes } = variant({ kind: 'nation-joins', nation: 'DEU' });
    expect(stanceOf(base, 'DEU')).toBe('cautious');
    expect(stanceOf(document, 'DEU')).toBe('committed');
    const offers = offersOf(document, 'DEU');
    expect(offers.length).toBeGreaterThan(0);
    expect(offers.every((o) => o.status !== 'offered')).toBe(true);
    expect(offers.every((o) => o.caveats.requiresUsBackstop)).toBe(true);
    expect(title).toBe('Germany joins (caveats kept)');
    expect(changes[0]).toBe(`Germany declares itself committed on ${base.asOf}.`);
    const personnel = offers.reduce((s, o) => s + o.personnel, 0).toLocaleString('en-GB');
    expect(notes).toEqual([
      `${offers.length} of Germany's ${offers.length} offers (${personnel} personnel) require a US backstop: ` +
        'they still do not count unless the US backstop is given or the caveats are lifted.',
    ]);
    // Nothing of any other nation moves.
    expect(document.offers.filter((o) => o.nation !== 'DEU')).toEqual(
      base.offers.filter((o) => o.nation !== 'DEU'),
    );
  });

  it('lifts the caveats when asked: no backstop, sector, task or tour limit left', () => {
    const { document, title, notes } = variant({ kind: 'nation-joins', nation: 'DEU', liftCaveats: true });
    expect(title).toBe('Germany joins (caveats lifted)');
    expect(notes).toEqual([]);
    for (const o of offersOf(document, 'DEU')) {
      expect(o.caveats).toMatchObject({ excludedSectors: [], allowedTasks: [], requiresUsBackstop: false });
      expect(o.caveats.maxDurationMonths).toBeUndefined();
    }
  });

  it('gives the new stance entry the nation’s next id', () => {
    const { base, document } = variant({ kind: 'nation-joins', nation: 'DEU' });
    const before = base.nations.find((n) => n.id === 'DEU')!.stances;
    const after = document.nations.find((n) => n.id === 'DEU')!.stances;
    expect(after).toHaveLength(before.length + 1);
    expect(after.at(-1)!.id).toMatch(/^DEU-\d+$/);
    expect(before.map((s) => s.id)).not.toContain(after.at(-1)!.id);
  });
});

describe('a nation withdraws', () => {
  it('declines Italy and withdraws every one of its offers', () => {
    const { base, document, changes } = variant({ kind: 'nation-withdraws', nation: 'ITA' });
    expect(offersOf(base, 'ITA').some((o) => o.status !== 'withdrawn')).toBe(true);
    expect(offersOf(document, 'ITA').every((o) => o.status === 'withdrawn')).toBe(true);
    expect(stanceOf(document, 'ITA')).toBe('declined');
    expect(changes[1]).toMatch(/^Its \d+ offers are withdrawn \([\d,]+ personnel\)\.$/);
  });
});

describe('the US gives a backstop', () => {
  it('lets every conditional offer count, and names how many and how much', () => {
    const { base, document, changes, notes } = variant({ kind: 'us-backstop' });
    const conditional = base.offers.filter((o) => o.status !== 'withdrawn' && o.caveats.requiresUsBackstop);
    expect(conditional.length).toBeGreaterThan(0);
    expect(document.offers.some((o) => o.caveats.requiresUsBackstop)).toBe(false);
    expect(changes[0]).toContain(`The ${conditional.length} offers conditional on a US backstop`);
    expect(notes).toEqual([]);
  });
});

describe('a place or a way is closed', () => {
  it('closes every arc into and out of the Medyka road crossing for a month after C-day', () => {
    const { base, document, title } = variant({
      kind: 'close-node',
      node: 'POL-MEDYKA-ROAD',
      from: 1,
      to: 30,
      reason: 'crossing closed',
    });
    const touching = base.network.arcs.filter(
      (a) => a.from === 'POL-MEDYKA-ROAD' || a.to === 'POL-MEDYKA-ROAD',
    );
    expect(touching.length).toBeGreaterThan(0);
    for (const a of document.network.arcs) {
      const was = base.network.arcs.find((b) => b.id === a.id)!;
      if (touching.some((t) => t.id === a.id))
        expect(a.closures).toEqual([...was.closures, { from: 1, to: 30, reason: 'crossing closed' }]);
      else expect(a).toEqual(was);
    }
    expect(title).toMatch(/ closed C\+1 to C\+30$/);
  });

  it('refuses a window that ends before it starts, and a place or way that does not exist', () => {
    const base = article();
    const arc = base.network.arcs[0]!.id;
    expect(() => applyWhatIf(base, { kind: 'close-arc', arc, from: 9, to: 3, reason: 'x' })).toThrow(
      new WhatIfError('to', 'must not be before from (C9)'),
    );
    expect(() =>
      applyWhatIf(base, { kind: 'close-arc', arc: 'nowhere', from: 1, to: 3, reason: 'x' }),
    ).toThrow('names unknown arc "nowhere"');
    expect(() => applyWhatIf(base, { kind: 'nation-joins', nation: 'XYZ' })).toThrow(
      'names unknown nation "XYZ"',
    );
  });
});

describe('the target changes', () => {
  it('sets the target as an assumption of the variant', () => {
    const { document, changes } = variant({ kind: 'target', personnel: 60_000 });
    expect(document.mission.forceTarget.personnel).toBe(60_000);
    expect(document.mission.forceTarget.source).toBeUndefined();
    expect(document.mission.forceTarget.assumption).toMatch(/^What-if variant/);
    expect(changes).toEqual(['The force target changes from 100,000 to 60,000.']);
    expect(() => applyWhatIf(article(), { kind: 'target', personnel: 0 })).toThrow(WhatIfError);
  });
});
