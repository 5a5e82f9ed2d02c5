// `coalition line-of-contact`: a GeoJSON line from the terminal becomes the scenario's line of
// contact, in process over a seeded in-memory store and over HTTP as a signed-in user; it comes back
// the same in the export, and every refusal names the flag or the place in the file.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Installation } from '../app/installation.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import { openTestApp, type TestApp } from '../server/test-app.ts';
import type { TestUserName } from '../server/test-server.ts';
import { cliPrincipal } from './local-backend.ts';
import { tempDir } from './test-cli.ts';
import { connectOverHttp, connectTo, openSeededInstallation, runCommand } from './test-in-process.ts';

const S = 'article-2025-03';
const SOUTH = [
  [33.0, 46.6],
  [35.8, 47.4],
  [37.5, 48.0],
];
const NORTH = [
  [37.6, 49.7, 120],
  [36.9, 50.3, 140],
];
const FRONT = {
  type: 'FeatureCollection',
  features: [
    { type: 'Feature', properties: { name: 'south' }, geometry: { type: 'LineString', coordinates: SOUTH } },
    {
      type: 'Feature',
      properties: { name: 'Kharkiv' },
      geometry: { type: 'Point', coordinates: [36.2, 50] },
    },
    { type: 'Feature', properties: null, geometry: { type: 'LineString', coordinates: NORTH } },
  ],
};

const widest = (text: string) => Math.max(...text.split('\n').map((l) => l.length));

function file(name: string, content: unknown): string {
  const path = join(tempDir(), name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
}

describe('coalition line-of-contact, in process', () => {
  let inst: Installation;
  const run = (...args: string[]) => runCommand(['line-of-contact', S, ...args], connectTo(inst));
  const exported = () => inst.service.exportDocument(S, cliPrincipal()) as Promise<ScenarioDocument>;

  beforeAll(async () => {
    inst = await openSeededInstallation();
  });
  afterAll(async () => {
    await inst?.close();
  });

  it('stores the file’s lines as the line of contact, and the export gives them back', async () => {
    const before = await exported();
    const front = file('front.geojson', FRONT);
    const r = await run(front, '--date', '2026-01-31', '--assumption', 'Drawn by the J2 cell.');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(
      new RegExp(`^${S}: line of contact as of 2026-01-31 stored \\(version \\d+\\)$`, 'm'),
    );
    expect(r.stdout).toMatch(/^ {2}2 lines, 5 positions, [\d,]+ km long, from .*front\.geojson$/m);
    expect(widest(r.stdout.replace(front, 'front.geojson'))).toBeLessThanOrEqual(100);
    const after = await exported();
    expect(after.theatre?.lineOfContact).toEqual({
      date: '2026-01-31',
      assumption: 'Drawn by the J2 cell.',
      geometry: { type: 'MultiLineString', coordinates: [SOUTH, NORTH.map(([lon, lat]) => [lon, lat])] },
    });
    // Only the line changed: the bands, zones and the ladder are as they were.
    expect(after.theatre?.exposureBands).toEqual(before.theatre?.exposureBands);
    expect(after.escalation).toEqual(before.escalation);

    // A source instead of an assumption, a single Feature, and the version named.
    const feature = file('south.geojson', FRONT.features[0]);
    const { version } = await inst.service.getScenario(S, cliPrincipal());
    const sourced = await run(
      feature,
      '--date',
      '2026-02-01',
      '--source-publication',
      'Staff map',
      '--source-url',
      'https://example.org/map',
      '--expect-version',
      String(version),
    );
    expect(sourced.code, sourced.stderr).toBe(0);
    expect(sourced.stdout).toMatch(/^ {2}1 line, 3 positions, /m);
    expect((await exported()).theatre?.lineOfContact).toEqual({
      date: '2026-02-01',
      source: { publication: 'Staff map', url: 'https://example.org/map' },
      geometry: { type: 'LineString', coordinates: SOUTH },
    });
  });

  it('names the flag at fault, or the place in the file', async () => {
    const front = file('front.geojson', FRONT);
    const unsourced = await run(front, '--date', '2026-01-31');
    expect(unsourced.code).toBe(1);
    expect(unsourced.stderr).toContain('--source-publication: or --assumption is required');
    const both = await run(front, '--date', '2026-01-31', '--assumption', 'x', '--source-publication', 'y');
    expect(both.stderr).toContain('--assumption: cannot go with --source-publication');
    const orphanUrl = await run(
      front,
      '--date',
      '2026-01-31',
      '--assumption',
      'x',
      '--source-url',
      'https://x.org',
    );
    expect(orphanUrl.stderr).toContain('--source-url: needs --source-publication');
    const badDate = await run(front, '--date', '2026-02-30', '--assumption', 'x');
    expect(badDate.code).toBe(1);
    expect(badDate.stderr).toMatch(/^--date: /m);
    const badUrl = await run(
      front,
      '--date',
      '2026-01-31',
      '--source-publication',
      'y',
      '--source-url',
      'x.org',
    );
    expect(badUrl.stderr).toMatch(/^--source-url: must be an absolute http/m);

    const bad = structuredClone(FRONT);
    bad.features[2]!.geometry.coordinates = [
      [37.6, 49.7],
      [36.9, 95],
    ];
    const broken = file('broken.geojson', bad);
    const r = await run(broken, '--date', '2026-01-31', '--assumption', 'x');
    expect(r.code).toBe(1);
    expect(r.stderr).toContain(
      `${broken}: features[2].geometry.coordinates[1][1]: must be a latitude from -90 to 90`,
    );
    const points = file('points.geojson', { type: 'FeatureCollection', features: [FRONT.features[1]] });
    expect((await run(points, '--date', '2026-01-31', '--assumption', 'x')).stderr).toContain(
      `${points}: features: has no feature whose geometry is a LineString or MultiLineString`,
    );
    const notJson = file('not.geojson', '{"type": "Feature",');
    const garbled = await run(notJson, '--date', '2026-01-31', '--assumption', 'x');
    expect(garbled.code).toBe(1);
    expect(garbled.stderr).toContain(notJson);
    const missing = await run(join(tempDir(), 'none.geojson'), '--date', '2026-01-31', '--assumption', 'x');
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/none\.geojson: cannot read/);
  });

  it('refuses a stale --expect-version and leaves the line as it was', async () => {
    const before = await exported();
    const { version } = await inst.service.getScenario(S, cliPrincipal());
    const r = await run(
      file('front.geojson', FRONT),
      '--date',
      '2026-03-01',
      '--assumption',
      'x',
      '--expect-version',
      String(version - 1),
    );
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(new RegExp(`is at version ${version}, not ${version - 1}`));
    expect((await exported()).theatre).toEqual(before.theatre);
    const nonsense = await run(
      file('front.geojson', FRONT),
      '--date',
      '2026-03-01',
      '--assumption',
      'x',
      '--expect-version',
      'latest',
    );
    expect(nonsense.stderr).toContain('--expect-version: must be a whole number from 1');
  });
});

describe('coalition line-of-contact, over HTTP', () => {
  let api: TestApp;
  const as = (user: TestUserName, ...args: string[]) =>
    runCommand(['line-of-contact', S, ...args], connectOverHttp(api.app, api.tokens[user]));

  beforeAll(async () => {
    api = await openTestApp({ seed: true, referenceSolver: null });
  });
  afterAll(async () => {
    await api?.close();
  });

  it('stores the line for a planner and refuses a liaison officer', async () => {
    const front = file('front.geojson', FRONT);
    const r = await as('planner', front, '--date', '2026-01-31', '--source-publication', 'Staff map');
    expect(r.code, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/^ {2}2 lines, 5 positions, /m);
    const doc = (
      await api.app.inject({ url: `/api/scenarios/${S}/export`, headers: api.as('observer') })
    ).json() as ScenarioDocument;
    expect(doc.theatre?.lineOfContact?.source).toEqual({ publication: 'Staff map' });
    const refused = await as('liaison-gbr', front, '--date', '2026-01-31', '--assumption', 'x');
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^error: /m);
    const bad = structuredClone(FRONT);
    bad.features[0]!.geometry.coordinates = [[33, 46.6]];
    const broken = file('broken.geojson', bad);
    const short = await as('planner', broken, '--date', '2026-01-31', '--assumption', 'x');
    expect(short.stderr).toContain(
      `${broken}: features[0].geometry.coordinates: must have at least 2 positions`,
    );
  });
});
