// The Europe map's geometry lives in src/domain/geo/europe-map.ts, shared with the briefing pack's
// server-rendered map; here the web app adds how it loads the bundled world topology.
import type { Topology } from 'topojson-specification';

export * from '../../../src/domain/geo/europe-map.ts';

/** Loads the bundled 1:50m world topology: a chunk of the app, fetched from the app's own server. */
export async function loadWorldTopology(): Promise<Topology> {
  const module = await import('world-atlas/countries-50m.json', { with: { type: 'json' } });
  return module.default as unknown as Topology;
}
