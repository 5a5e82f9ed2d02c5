import { describe, expect, it } from 'vitest';
import { PROBABILITIES, riskLevel, riskSchema, SEVERITIES } from './risk-register.ts';

describe('riskLevel', () => {
  it('reads the ATP 5-19 matrix: corners, and never lower for a likelier or graver risk', () => {
    expect(riskLevel('frequent', 'catastrophic')).toBe('extremely-high');
    expect(riskLevel('unlikely', 'catastrophic')).toBe('medium');
    expect(riskLevel('frequent', 'negligible')).toBe('medium');
    expect(riskLevel('unlikely', 'negligible')).toBe('low');
    expect(riskLevel('occasional', 'critical')).toBe('high');
    const order = ['low', 'medium', 'high', 'extremely-high'];
    PROBABILITIES.forEach((p, i) =>
      SEVERITIES.forEach((s, j) => {
        const here = order.indexOf(riskLevel(p, s));
        if (i > 0) expect(order.indexOf(riskLevel(PROBABILITIES[i - 1]!, s))).toBeGreaterThanOrEqual(here);
        if (j > 0) expect(order.indexOf(riskLevel(p, SEVERITIES[j - 1]!))).toBeGreaterThanOrEqual(here);
      }),
    );
  });
});

describe('riskSchema', () => {
  const entry = {
    id: 'RSK-1',
    title: 'Strike near the Zaporizhzhia staging area',
    cause: 'Artillery within reach of the staging area',
    event: 'Coalition troops come under fire',
    impact: 'Casualties; nations with red lines at that rung withdraw',
    links: [{ kind: 'rungs', key: 'R5' }],
    probability: 'seldom',
    severity: 'critical',
    controls: ['Stage 75 km from the line'],
    residual: { probability: 'unlikely', severity: 'critical' },
    owner: 'Coalition HQ J3',
    reviewDate: '2025-04-01',
  };

  it('accepts an entry and defaults its status to open', () => {
    expect(riskSchema.parse(entry).status).toBe('open');
  });

  it('names the field and the reason of a bad entry', () => {
    const r = riskSchema.safeParse({
      ...entry,
      probability: 'often',
      residual: {},
      links: [{ kind: 'x', key: '' }],
    });
    expect(r.error?.issues.map((i) => i.path.join('.')).sort()).toEqual([
      'links.0.key',
      'links.0.kind',
      'probability',
      'residual.probability',
      'residual.severity',
    ]);
  });
});
