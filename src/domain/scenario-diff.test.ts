import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ENTITY_KINDS, type EntityKind } from './records.ts';
import { diffScenarios, type FieldChange, type KindDiff, type ScenarioDiff } from './scenario-diff.ts';
import { requireScenario } from './scenario-document.ts';
import type { ScenarioDocument } from './scenario-schema.ts';
import {
  capability,
  deploymentScenario,
  nation,
  offer,
  requirement,
  sampleScenario,
  stance,
} from './test-fixtures.ts';

const baseline = requireScenario(sampleScenario());
const deployBaseline = requireScenario(deploymentScenario());

/** The parsed document without its brands, so that an edit writes plain strings and numbers. */
type Unbranded<T> = T extends string
  ? string
  : T extends number
    ? number
    : T extends boolean
      ? T
      : T extends readonly (infer E)[]
        ? Unbranded<E>[]
        : T extends object
          ? { [K in keyof T]: Unbranded<T[K]> }
          : T;
type EditableDocument = Unbranded<ScenarioDocument>;

/** A variant made by editing a copy of the parsed document, parsed again so that it is valid. */
function variantOf(doc: ScenarioDocument, edit: (copy: EditableDocument) => void): ScenarioDocument {
  const copy: EditableDocument = structuredClone(doc);
  edit(copy);
  return requireScenario(copy);
}

/** The kinds that differ, so that an expectation names exactly what changed and nothing else. */
function nonEmptyKinds(diff: ScenarioDiff): Partial<Record<EntityKind, KindDiff<unknown>>> {
  return Object.fromEntries(
    Object.entries(diff.records).filter(([, d]) => d.added.length + d.removed.length + d.changed.length > 0),
  );
}

const none = { added: [], removed: [], changed: [] };

describe('diffScenarios', () => {
  it('finds nothing between a document and itself, and says so in the summary', () => {
    for (const doc of [baseline, deployBaseline]) {
      const diff = diffScenarios(doc, structuredClone(doc));
      expect(diff.header).toEqual([]);
      expect(nonEmptyKinds(diff)).toEqual({});
      expect(diff.summary.identical).toBe(true);
      // Every kind is present, with zero counts, so a client need not test for absence.
      expect(Object.keys(diff.records)).toEqual([...ENTITY_KINDS]);
      for (const kind of ENTITY_KINDS) {
        expect(diff.records[kind]).toEqual(none);
        expect(diff.summary.counts[kind]).toEqual({ added: 0, removed: 0, changed: 0 });
      }
    }
  });

  it('matches records by key, not by position: a reordered document is identical', () => {
    const reordered = variantOf(deployBaseline, (d) => {
      d.nations.reverse();
      d.capabilities.reverse();
      d.requirements.reverse();
      d.offers.reverse();
      d.rotationPolicies.reverse();
      d.network.nodes.reverse();
      d.network.arcs.reverse();
      // Stance entries keep their ids (the parsed document spells them out), so their order is free too.
      d.nations.forEach((n) => n.stances.reverse());
    });
    expect(reordered.offers.map((o) => o.id)).toEqual(['OFF-3', 'OFF-2', 'OFF-1']);
    const diff = diffScenarios(deployBaseline, reordered);
    expect(diff.summary.identical).toBe(true);
    expect(diff.header).toEqual([]);
    expect(nonEmptyKinds(diff)).toEqual({});
  });

  it('shows a changed offer quantity as one field of one offer', () => {
    const variant = variantOf(baseline, (d) => {
      d.offers[1]!.quantity = 3;
    });
    const diff = diffScenarios(baseline, variant);
    expect(nonEmptyKinds(diff)).toEqual({
      offers: { ...none, changed: [{ key: 'OFF-2', changes: [{ path: 'quantity', before: 1, after: 3 }] }] },
    });
    expect(diff.header).toEqual([]);
    expect(diff.summary.counts.offers).toEqual({ added: 0, removed: 0, changed: 1 });
    expect(diff.summary.identical).toBe(false);
  });

  it('shows an added offer whole, with its key', () => {
    const variant = variantOf(baseline, (d) => {
      const added = { ...d.offers[0]!, id: 'OFF-GBR-9', quantity: 4 };
      d.offers.splice(1, 0, added);
    });
    const diff = diffScenarios(baseline, variant);
    expect(nonEmptyKinds(diff)).toEqual({
      offers: { ...none, added: [{ key: 'OFF-GBR-9', record: variant.offers[1] }] },
    });
    expect(diff.summary.counts.offers).toEqual({ added: 1, removed: 0, changed: 0 });
  });

  it('shows a removed requirement line whole, as the baseline had it', () => {
    const variant = variantOf(baseline, (d) => {
      d.requirements = d.requirements.filter((r) => r.id !== 'R-2');
    });
    const diff = diffScenarios(baseline, variant);
    expect(nonEmptyKinds(diff)).toEqual({
      requirements: { ...none, removed: [{ key: 'R-2', record: baseline.requirements[1] }] },
    });
    expect(diff.header).toEqual([]);
  });

  it('shows a changed stance statement under the stance entry, not its nation', () => {
    const variant = variantOf(baseline, (d) => {
      d.nations[0]!.stances[1]!.statement = 'Will lead a land component of up to 10,000.';
    });
    const diff = diffScenarios(baseline, variant);
    expect(nonEmptyKinds(diff)).toEqual({
      stances: {
        ...none,
        changed: [
          {
            key: 'GBR-2',
            changes: [
              {
                path: 'statement',
                before: 'Ready to contribute forces.',
                after: 'Will lead a land component of up to 10,000.',
              },
            ],
          },
        ],
      },
    });
  });

  it('shows a closure added to an arc as the whole list of closures', () => {
    const closure = { from: 5, to: 7, reason: 'Crossing closed for repairs' };
    const variant = variantOf(deployBaseline, (d) => {
      d.network.arcs.find((a) => a.id === 'medyka-kyiv')!.closures.push(closure);
    });
    const diff = diffScenarios(deployBaseline, variant);
    expect(nonEmptyKinds(diff)).toEqual({
      arcs: {
        ...none,
        changed: [{ key: 'medyka-kyiv', changes: [{ path: 'closures', before: [], after: [closure] }] }],
      },
    });
  });

  it('shows a re-marking as a change of the whole releasability field', () => {
    const marked = variantOf(baseline, (d) => {
      d.offers[2]!.releasability = { level: 'COALITION', nations: [] };
    });
    const diff = diffScenarios(baseline, marked);
    expect(nonEmptyKinds(diff)).toEqual({
      offers: {
        ...none,
        changed: [
          { key: 'OFF-3', changes: [{ path: 'releasability', after: { level: 'COALITION', nations: [] } }] },
        ],
      },
    });
    // No `before` at all, not `before: undefined`: the baseline has no marking.
    expect('before' in diff.records.offers.changed[0]!.changes[0]!).toBe(false);

    const narrowed = variantOf(marked, (d) => {
      d.offers[2]!.releasability = { level: 'REL_TO', nations: ['FRA'] };
    });
    expect(diffScenarios(marked, narrowed).records.offers.changed).toEqual([
      {
        key: 'OFF-3',
        changes: [
          {
            path: 'releasability',
            before: { level: 'COALITION', nations: [] },
            after: { level: 'REL_TO', nations: ['FRA'] },
          },
        ],
      },
    ]);
  });

  it('takes an absent marking for PUBLIC, and a field set to undefined for an absent one', () => {
    const spelt = variantOf(baseline, (d) => {
      d.offers[0]!.releasability = { level: 'PUBLIC', nations: [] };
    });
    expect(diffScenarios(baseline, spelt).summary.identical).toBe(true);
    const withUndefined: ScenarioDocument = {
      ...baseline,
      description: undefined,
      offers: baseline.offers.map((o) => ({ ...o, validUntil: undefined })),
    };
    expect(diffScenarios(baseline, withUndefined).summary.identical).toBe(true);
  });

  it('names nested fields by dotted path and compares lists of values whole', () => {
    const variant = variantOf(baseline, (d) => {
      const o = d.offers[2]!;
      o.readiness.daysToReady = 45;
      o.caveats.excludedSectors = ['Dnipro', 'Kyiv'];
    });
    expect(diffScenarios(baseline, variant).records.offers.changed).toEqual([
      {
        key: 'OFF-3',
        changes: [
          { path: 'readiness.daysToReady', before: 90, after: 45 },
          { path: 'caveats.excludedSectors', before: ['Dnipro'], after: ['Dnipro', 'Kyiv'] },
        ],
      },
    ]);
  });

  it('shows header changes by dotted path: the force target, C-day, the sector list', () => {
    const variant = variantOf(baseline, (d) => {
      d.mission.forceTarget.personnel = 2_500;
      d.mission.cDay = '2026-03-01';
      d.mission.sectors.push({ name: 'Odesa' });
    });
    const diff = diffScenarios(baseline, variant);
    expect(diff.header).toEqual([
      { path: 'mission.cDay', after: '2026-03-01' },
      { path: 'mission.forceTarget.personnel', before: 2_000, after: 2_500 },
      {
        path: 'mission.sectors',
        before: baseline.mission.sectors,
        after: [...baseline.mission.sectors, { name: 'Odesa' }],
      },
    ]);
    expect(nonEmptyKinds(diff)).toEqual({});
    expect(diff.summary.identical).toBe(false);
  });

  it('shows a header section added or dropped whole, and leaves the scenario id out', () => {
    const withAssumptions = variantOf(baseline, (d) => {
      d.id = 'sample-what-if';
      d.name = 'Sample: what if France holds back';
      d.assumptions = {
        nationDeliveryProbability: Object.fromEntries([['FRA', 0.5]]),
        assumption: 'planner judgement',
      };
    });
    expect(diffScenarios(baseline, withAssumptions).header).toEqual([
      { path: 'name', before: 'Sample coalition', after: 'Sample: what if France holds back' },
      { path: 'assumptions', after: withAssumptions.assumptions },
    ]);
    const noSettings = variantOf(deployBaseline, (d) => {
      delete d.deployment;
    });
    expect(diffScenarios(deployBaseline, noSettings).header).toEqual([
      { path: 'deployment', before: deployBaseline.deployment },
    ]);
    const moved = variantOf(deployBaseline, (d) => {
      d.deployment!.onwardMovementDays = 5;
      d.deployment!.sectorDestinations = { Kyiv: 'ukr-kyiv', Dnipro: 'pol-rzeszow' };
    });
    expect(diffScenarios(deployBaseline, moved).header).toEqual([
      { path: 'deployment.onwardMovementDays', before: 3, after: 5 },
      {
        path: 'deployment.sectorDestinations',
        before: { Kyiv: 'ukr-kyiv', Dnipro: 'ukr-kyiv' },
        after: { Kyiv: 'ukr-kyiv', Dnipro: 'pol-rzeszow' },
      },
    ]);
  });

  it('is plain JSON: it survives a round trip unchanged', () => {
    const variant = variantOf(deployBaseline, (d) => {
      d.offers.pop();
      d.offers[0]!.releasability = { level: 'COALITION', nations: [] };
      d.mission.forceTarget.range = undefined;
      d.network.arcs[0]!.closures.push({ from: 1, to: 2, reason: 'strike' });
    });
    const diff = diffScenarios(deployBaseline, variant);
    expect(JSON.parse(JSON.stringify(diff))).toStrictEqual(diff);
  });
});

// Property tests: a generated scenario with a few offers, and a variant made by random edits to them.

type OfferEdit = 'keep' | 'remove' | 'quantity' | 'remark';

interface EditCase {
  quantities: number[];
  edits: OfferEdit[];
  added: number;
  /** Sort keys that shuffle the variant's offers, so that a positional match would show changes. */
  order: number[];
  newTarget: number | null;
}

const NATIONS = ['GBR', 'FRA', 'DEU'];

const editCase: fc.Arbitrary<EditCase> = fc.integer({ min: 1, max: 8 }).chain((n) =>
  fc.record({
    quantities: fc.array(fc.integer({ min: 1, max: 9 }), { minLength: n, maxLength: n }),
    edits: fc.array(fc.constantFrom<OfferEdit>('keep', 'remove', 'quantity', 'remark'), {
      minLength: n,
      maxLength: n,
    }),
    added: fc.integer({ min: 0, max: 3 }),
    order: fc.array(fc.nat(), { minLength: n + 3, maxLength: n + 3 }),
    newTarget: fc.option(fc.integer({ min: 1, max: 50_000 }), { nil: null }),
  }),
);

function generatedScenario(quantities: readonly number[]): ScenarioDocument {
  return requireScenario(
    sampleScenario({
      nations: [...NATIONS, 'UKR'].map((id) => nation(id, { stances: [stance()] })),
      capabilities: [capability('MECH-INF-BN')],
      requirements: [requirement({ id: 'R-1' })],
      offers: quantities.map((quantity, i) =>
        offer({ id: `OFF-${i + 1}`, nation: NATIONS[i % 3], quantity }),
      ),
      rotationPolicies: [],
    }),
  );
}

/** The variant of `c`, with the counts its edits should show. */
function applyEdits(base: ScenarioDocument, c: EditCase) {
  const expected = { added: c.added, removed: 0, changed: 0 };
  const variant = variantOf(base, (d) => {
    d.offers = d.offers.flatMap((o, i) => {
      switch (c.edits[i]!) {
        case 'keep':
          return [o];
        case 'remove':
          expected.removed += 1;
          return [];
        case 'quantity':
          expected.changed += 1;
          return [{ ...o, quantity: o.quantity + 1 }];
        case 'remark':
          expected.changed += 1;
          return [{ ...o, releasability: { level: 'COALITION' as const, nations: [] } }];
      }
    });
    for (let j = 0; j < c.added; j++) d.offers.push({ ...base.offers[0]!, id: `OFF-NEW-${j}` });
    const rank = new Map(d.offers.map((o, i) => [o.id, c.order[i]!]));
    d.offers.sort((a, b) => rank.get(a.id)! - rank.get(b.id)!);
    if (c.newTarget !== null) d.mission.forceTarget.personnel = c.newTarget;
  });
  return { variant, expected };
}

/** diff(b, a) as diff(a, b) should see it: added and removed swapped, before and after swapped. */
function reversed(diff: ScenarioDiff): unknown {
  const swap = (changes: FieldChange[]) =>
    changes.map(({ path, before, after }) => ({
      path,
      ...(after === undefined ? {} : { before: after }),
      ...(before === undefined ? {} : { after: before }),
    }));
  const byKey = <T extends { key: string }>(items: T[]) =>
    [...items].sort((a, b) => a.key.localeCompare(b.key));
  return {
    header: swap(diff.header),
    records: Object.fromEntries(
      Object.entries(diff.records).map(([kind, d]) => [
        kind,
        {
          added: d.removed,
          removed: d.added,
          // diff(a, b) lists changes in b's order and diff(b, a) in a's: compare them by key.
          changed: byKey(d.changed.map((r) => ({ key: r.key, changes: swap(r.changes) }))),
        },
      ]),
    ),
  };
}

function sortedChanges(diff: ScenarioDiff): unknown {
  return {
    header: diff.header,
    records: Object.fromEntries(
      Object.entries(diff.records).map(([kind, d]) => [
        kind,
        { ...d, changed: [...d.changed].sort((a, b) => a.key.localeCompare(b.key)) },
      ]),
    ),
  };
}

describe('diffScenarios, over random edits', () => {
  it('counts exactly the offers added, removed and changed, however the variant orders them', () => {
    fc.assert(
      fc.property(editCase, (c) => {
        const base = generatedScenario(c.quantities);
        const { variant, expected } = applyEdits(base, c);
        const diff = diffScenarios(base, variant);
        expect(diff.summary.counts.offers).toEqual(expected);
        for (const kind of ENTITY_KINDS.filter((k) => k !== 'offers'))
          expect(diff.summary.counts[kind]).toEqual({ added: 0, removed: 0, changed: 0 });
        const targetChanged = c.newTarget !== null && c.newTarget !== base.mission.forceTarget.personnel;
        expect(diff.header.length).toBe(targetChanged ? 1 : 0);
        expect(diff.summary.identical).toBe(
          !targetChanged && expected.added + expected.removed + expected.changed === 0,
        );
        // Each changed offer shows the one field its edit touched.
        for (const { changes } of diff.records.offers.changed) {
          expect(changes).toHaveLength(1);
          expect(['quantity', 'releasability']).toContain(changes[0]!.path);
        }
      }),
    );
  });

  it('is antisymmetric: diff(b, a) swaps added with removed and before with after', () => {
    fc.assert(
      fc.property(editCase, (c) => {
        const base = generatedScenario(c.quantities);
        const { variant } = applyEdits(base, c);
        expect(sortedChanges(diffScenarios(variant, base))).toEqual(reversed(diffScenarios(base, variant)));
      }),
    );
  });
});
