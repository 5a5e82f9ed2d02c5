import { describe, expect, it } from 'vitest';
import type { NationFields, Offer, StanceEntry } from './scenario-schema.ts';
import { currentStance, forceTotals, overviewNations, personnelOffered } from './overview.ts';

const stance = (date: string, s: StanceEntry['stance'], nation = 'DEU'): StanceEntry & { nation: string } =>
  ({ id: `${nation}-${date}`, date, stance: s, statement: `${s} on ${date}`, nation }) as StanceEntry & {
    nation: string;
  };

const offer = (nation: string, personnel: number, status: Offer['status'] = 'offered'): Offer =>
  ({ id: `${nation}-${personnel}`, nation, personnel, status }) as unknown as Offer;

const nation = (id: string): NationFields =>
  ({ id, name: id, nato: true, eu: true, role: 'contributor' }) as NationFields;

describe('currentStance', () => {
  it('takes the latest entry on or before the as-of date, whatever the list order', () => {
    const entries = [
      stance('2025-06-01', 'committed'),
      stance('2025-03-02', 'cautious'),
      stance('2026-01-06', 'declined'),
    ];
    expect(currentStance(entries, '2025-12-31')?.stance).toBe('committed');
    expect(currentStance(entries, '2025-03-02')?.stance).toBe('cautious');
    expect(currentStance(entries)?.stance).toBe('declined');
  });

  it('is null before the first entry and for an empty timeline', () => {
    expect(currentStance([stance('2025-03-02', 'lead')], '2025-01-01')).toBeNull();
    expect(currentStance([])).toBeNull();
  });

  it('lets the later of two same-day entries win', () => {
    expect(
      currentStance([stance('2025-03-02', 'cautious'), stance('2025-03-02', 'considering')])?.stance,
    ).toBe('considering');
  });
});

describe('overview totals', () => {
  it('sums personnel of offers that are not withdrawn, per nation and in total', () => {
    const offers = [offer('GBR', 10_000), offer('GBR', 500, 'withdrawn'), offer('FRA', 8_000, 'confirmed')];
    expect(personnelOffered(offers)).toBe(18_000);
    const rows = overviewNations(
      [nation('GBR'), nation('FRA'), nation('DEU')],
      [stance('2025-03-02', 'cautious', 'DEU'), stance('2025-03-02', 'lead', 'GBR')],
      offers,
    );
    expect(
      rows.map((r) => [r.id, r.personnelOffered, r.offerCount, r.currentStance?.stance ?? null]),
    ).toEqual([
      ['GBR', 10_000, 1, 'lead'],
      ['FRA', 8_000, 1, null],
      ['DEU', 0, 0, 'cautious'],
    ]);
    const totals = forceTotals({ personnel: 100_000 }, rows);
    expect(totals.personnelOffered).toBe(18_000);
    expect(totals.stanceCounts.lead).toBe(1);
    expect(totals.stanceCounts.cautious).toBe(1);
    expect(totals.stanceCounts.absent).toBe(0);
  });
});
