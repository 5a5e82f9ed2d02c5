// The cost rates in a scenario document (since schemaVersion 4): optional, validated where they stand, and
// a version-3 document migrates to version 4 unchanged but for the version.
import { describe, expect, it } from 'vitest';
import { DEFAULT_COST_RATES } from './cost-rates.ts';
import { MIGRATIONS } from './scenario-migrations.ts';
import { parseScenarioValue, requireScenario } from './scenario-document.ts';
import { CURRENT_SCHEMA_VERSION } from './scenario-schema.ts';
import { sampleScenario } from './test-fixtures.ts';

describe('cost rates in a scenario document', () => {
  it('are optional, and taken with their provenance when given', () => {
    expect(requireScenario(sampleScenario()).assumptions?.costRates).toBeUndefined();
    const doc = requireScenario(
      sampleScenario({
        assumptions: {
          costRates: {
            personnelPerMonth: { amount: 1500, currency: 'USD', priceDate: '2025-01-01', assumption: 'test' },
            nationPersonnelPerMonth: { GBR: { amount: 9000, currency: 'GBP', assumption: 'UK own cost' } },
            transportPerLoad: { air: { amount: 350000, currency: 'EUR', assumption: 'charter' } },
          },
        },
      }),
    );
    expect(Object.values(doc.assumptions!.costRates!.nationPersonnelPerMonth!)[0]!.amount).toBe(9000);
  });

  it('are refused at the field that is wrong', () => {
    const r = parseScenarioValue(
      sampleScenario({
        assumptions: {
          costRates: {
            personnelPerMonth: { amount: -5, currency: 'EUR' },
            sustainmentPerMonth: { land: { amount: 1, currency: 'euro' } },
          },
        },
      }),
    );
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.issues.map((i) => i.path)).toEqual(
      expect.arrayContaining([
        'assumptions.costRates.personnelPerMonth.amount',
        'assumptions.costRates.sustainmentPerMonth.land.currency',
      ]),
    );
  });

  it('default to the UN rate with its source and to planning assumptions that say so', () => {
    expect(DEFAULT_COST_RATES.personnelPerMonth).toMatchObject({ amount: 1428, currency: 'USD' });
    expect(DEFAULT_COST_RATES.personnelPerMonth.source?.url).toContain('A/RES/72/285');
    for (const m of [
      ...Object.values(DEFAULT_COST_RATES.sustainmentPerMonth),
      ...Object.values(DEFAULT_COST_RATES.transportPerLoad),
    ])
      expect(m.assumption).toMatch(/^Planning assumption/);
  });
});

describe('scenario migrations: version 3 → 4 (cost rates)', () => {
  it('is an explicit step that changes nothing but the version', () => {
    expect(CURRENT_SCHEMA_VERSION).toBeGreaterThanOrEqual(4);
    const old = { ...structuredClone(sampleScenario()), schemaVersion: 3 };
    expect(MIGRATIONS[3]!(old)).toEqual(old);
    const migrated = parseScenarioValue(old);
    if (!migrated.ok) throw new Error(JSON.stringify(migrated.issues));
    expect(migrated.document).toEqual(requireScenario(sampleScenario()));
  });
});
