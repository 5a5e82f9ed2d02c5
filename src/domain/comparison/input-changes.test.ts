import { describe, expect, it } from 'vitest';
import { requireScenario } from '../scenario-document.ts';
import { sampleScenario, offer } from '../test-fixtures.ts';
import { canonicalJson, inputChanges, scenarioInputs } from './input-changes.ts';

describe('scenarioInputs', () => {
  it('keys every record by kind and key, and leaves out labels (id, name, description, variant)', () => {
    const doc = requireScenario(sampleScenario());
    const inputs = scenarioInputs(doc);
    for (const o of doc.offers) expect(inputs.has(`offers/${o.id}`)).toBe(true);
    expect(inputs.has('header/mission')).toBe(true);
    const renamed = scenarioInputs({ ...doc, id: doc.id, name: 'Other', description: 'text' });
    expect([...renamed]).toEqual([...inputs]);
  });

  it('writes equal content the same whatever the order of its keys', () => {
    expect(canonicalJson({ b: 1, a: { d: [2, { y: 1, x: 0 }], c: null } })).toBe(
      canonicalJson({ a: { c: null, d: [2, { x: 0, y: 1 }] }, b: 1 }),
    );
  });
});

describe('inputChanges', () => {
  it('names the inputs added, removed and changed, in a stable order', () => {
    const doc = requireScenario(sampleScenario());
    const hashes = (d: typeof doc) => Object.fromEntries(scenarioInputs(d));
    const first = doc.offers[0]!;
    const after = requireScenario({
      ...doc,
      offers: [{ ...first, quantity: first.quantity + 1 }, offer({ id: 'OFF-NEW', nation: first.nation })],
    });
    const changes = inputChanges(hashes(doc), hashes(after));
    expect(changes).toEqual(
      expect.arrayContaining([
        { kind: 'offers', key: first.id, change: 'changed' },
        { kind: 'offers', key: 'OFF-NEW', change: 'added' },
      ]),
    );
    for (const o of doc.offers.slice(1))
      expect(changes).toContainEqual({ kind: 'offers', key: o.id, change: 'removed' });
    expect(inputChanges(hashes(doc), hashes(doc))).toEqual([]);
  });
});
