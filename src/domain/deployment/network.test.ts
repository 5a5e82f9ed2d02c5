import { describe, expect, it } from 'vitest';
import { checkNetwork, networkArcSchema, networkSchema, parseNetwork, type NetworkInput } from './network.ts';

const node = (id: string, kind: string, extra: Record<string, unknown> = {}) => ({
  id,
  name: id,
  kind,
  nation: 'POL',
  lat: 50,
  lon: 20,
  assumption: 'Planning fixture.',
  ...extra,
});
const arc = (id: string, from: string, to: string, mode: string, extra: Record<string, unknown> = {}) => ({
  id,
  from,
  to,
  mode,
  transitDays: 1,
  capacityPerDay: { personnel: 1000, tonnes: 2000 },
  loadSize: { personnel: 300, tonnes: 600 },
  ...extra,
});

const fixture = (): NetworkInput =>
  ({
    nodes: [
      node('gbr-tidworth', 'garrison', { nation: 'GBR', lat: 51.23, lon: -1.66 }),
      node('gbr-brize', 'apoe', { nation: 'GBR' }),
      node('pol-rzeszow', 'apod', { receptionPerDay: { personnel: 2000, tonnes: 500 } }),
      node('pol-rail', 'railhead'),
      node('ukr-sector-north', 'destination', { nation: 'UKR' }),
    ],
    arcs: [
      arc('road-1', 'gbr-tidworth', 'gbr-brize', 'road'),
      arc('air-1', 'gbr-brize', 'pol-rzeszow', 'air', {
        closures: [{ from: -5, to: 2, reason: 'Airspace closed for an exercise.' }],
      }),
      arc('road-2', 'pol-rzeszow', 'pol-rail', 'road'),
      arc('road-3', 'pol-rail', 'ukr-sector-north', 'road', { wholeUnit: true }),
    ],
  }) as NetworkInput;

describe('network', () => {
  it('accepts a consistent network and defaults closures to none', () => {
    const result = parseNetwork(fixture());
    expect(result.ok).toBe(true);
    if (result.ok) {
      expect(result.network.arcs[0]!.closures).toEqual([]);
      expect(result.network.arcs[1]!.closures).toHaveLength(1);
    }
  });

  it('reports schema problems with paths under network', () => {
    const input = fixture() as { nodes: Record<string, unknown>[] };
    input.nodes[1]!.lat = 91;
    input.nodes[2]!.lon = -181;
    input.nodes[3]!.kind = 'airfield';
    const result = parseNetwork(input);
    expect(result.ok).toBe(false);
    if (!result.ok)
      expect(result.issues.map((i) => i.path)).toEqual([
        'network.nodes[1].lat',
        'network.nodes[2].lon',
        'network.nodes[3].kind',
      ]);
  });

  it('reports unknown endpoints, duplicate ids, bad closures and mode/kind mismatches by exact path', () => {
    const input = fixture() as { nodes: Record<string, unknown>[]; arcs: Record<string, unknown>[] };
    input.nodes.push(node('pol-rail', 'railhead'));
    input.arcs.push(arc('road-1', 'pol-rail', 'nowhere', 'road'));
    input.arcs.push(arc('air-2', 'gbr-tidworth', 'pol-rzeszow', 'air'));
    input.arcs.push(arc('sea-1', 'pol-rail', 'pol-rail', 'sea'));
    input.arcs.push(arc('rail-2', 'pol-rail', 'gbr-brize', 'rail'));
    const parsed = networkSchema.parse(input);
    const issues = checkNetwork(parsed);
    expect(issues).toEqual([
      { path: 'network.nodes[5].id', message: 'duplicates nodes[3].id "pol-rail"' },
      { path: 'network.arcs[4].id', message: 'duplicates arcs[0].id "road-1"' },
      { path: 'network.arcs[4].to', message: 'names unknown node "nowhere" (not in network.nodes)' },
      {
        path: 'network.arcs[5].from',
        message: 'is a garrison ("gbr-tidworth"); air arcs must start and end at one of apoe, apod',
      },
      expect.objectContaining({ path: 'network.arcs[6].from' }),
      expect.objectContaining({ path: 'network.arcs[6].to' }),
      { path: 'network.arcs[6].to', message: 'must differ from from (an arc joins two places)' },
      expect.objectContaining({ path: 'network.arcs[7].to', message: expect.stringContaining('apoe') }),
    ]);
    expect(parseNetwork(input).ok).toBe(false);
  });

  it('refuses a closure that ends before it starts, on the arc itself as on the whole network', () => {
    const closed = arc('rail-2', 'gbr-tidworth', 'pol-rzeszow', 'rail', {
      closures: [{ from: 10, to: 3, reason: 'x' }],
    });
    const one = networkArcSchema.safeParse(closed);
    expect(one.success).toBe(false);
    expect(one.error?.issues.map((i) => [i.path.join('.'), i.message])).toEqual([
      ['closures.0.to', 'must not be before from (C10)'],
    ]);
    const input = fixture() as { arcs: Record<string, unknown>[] };
    input.arcs.push(closed);
    const whole = parseNetwork(input);
    expect(whole.ok).toBe(false);
    expect(!whole.ok && whole.issues).toContainEqual({
      path: `network.arcs[${input.arcs.length - 1}].closures[0].to`,
      message: 'must not be before from (C10)',
    });
  });

  it('takes the base path from the caller', () => {
    const input = fixture() as { arcs: Record<string, unknown>[] };
    input.arcs[0]!.to = 'missing';
    const result = parseNetwork(input, ['scenario', 'network']);
    expect(!result.ok && result.issues[0]!.path).toBe('scenario.network.arcs[0].to');
  });
});
