import { describe, expect, it } from 'vitest';
import { generateDeploymentInstance } from './instance-generator.ts';

describe('generateDeploymentInstance', () => {
  it('is deterministic per seed and differs between seeds', () => {
    const a = generateDeploymentInstance({ seed: 5, ulnCount: 200 });
    expect(generateDeploymentInstance({ seed: 5, ulnCount: 200 })).toEqual(a);
    expect(generateDeploymentInstance({ seed: 6, ulnCount: 200 })).not.toEqual(a);
  });

  it('builds about 40 nodes and 130 arcs with consistent references and dates', () => {
    for (const scenario of ['normal', 'surge'] as const) {
      const { network, ulns } = generateDeploymentInstance({ seed: 1, ulnCount: 500, scenario });
      expect(network.nodes).toHaveLength(40);
      expect(network.arcs.length).toBeGreaterThanOrEqual(115);
      expect(network.arcs.length).toBeLessThanOrEqual(145);
      const ids = new Set(network.nodes.map((n) => n.id));
      expect(new Set(network.arcs.map((a) => a.id)).size).toBe(network.arcs.length);
      for (const a of network.arcs) {
        expect(ids.has(a.from) && ids.has(a.to)).toBe(true);
        expect(Number.isInteger(a.transitDays) && a.transitDays >= 1).toBe(true);
      }
      expect(ulns).toHaveLength(500);
      for (const u of ulns) {
        expect(ids.has(u.origin) && ids.has(u.destination)).toBe(true);
        expect(u.ald).toBeLessThanOrEqual(u.ead);
        expect(u.ead).toBeLessThanOrEqual(u.rdd);
        expect(u.rdd).toBeLessThanOrEqual(u.lad);
        expect(u.rdd).toBeLessThan(120);
        if (scenario === 'surge') expect(u.rdd).toBeLessThanOrEqual(21);
      }
    }
  });
});
