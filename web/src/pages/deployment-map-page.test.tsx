// The deployment map rendered to static HTML with a one-country map, a flat projection and the real
// milsymbol: the network drawn by mode and kind, the ULNs as unit symbols gathered by place with
// their counts, the day control, and the places as a table.
import ms from 'milsymbol';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { GENERIC_UNIT_SIDC, groupUlnsOnDay, projectNodes } from '../components/deployment-model.ts';
import { describeGroup, makeSymbolRenderer } from '../components/deployment-map.tsx';
import type { EuropeMapModel } from '../components/map-geometry.ts';
import { europeProjection } from '../components/map-geometry.ts';
import { nodesById } from '../components/deployment-model.ts';
import { StaticRouterProvider } from '../router.tsx';
import { MapViewBody, lastMapDay, type MapViewBodyProps } from './deployment-map-page.tsx';
import { NODES, ULNS, planReport } from './deployment-test-fixtures.ts';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/\s+/g, ' ')
    .trim();

const model: EuropeMapModel = {
  width: 800,
  height: 600,
  countries: [{ key: 'POL', alpha3: 'POL', name: 'Poland', d: 'M10,10L20,20Z' }],
  onMap: new Set(['POL']),
};
/** 20 pixels a degree from 10°W, 60°N. */
const flat = (lon: number, lat: number): [number, number] => [(lon + 10) * 20, (60 - lat) * 20];
const app6 = new Map([
  ['MECH-INF-BN', 'SFGPUCIZ---F---'],
  ['ARMD-BN', 'SFGPUCA----F---'],
]);

function view(props: Partial<MapViewBodyProps> = {}) {
  return renderToStaticMarkup(
    <StaticRouterProvider path="/scenarios/s1/deployment/map">
      <MapViewBody
        report={planReport()}
        map={{ status: 'ready', model }}
        project={flat}
        symbols={makeSymbolRenderer(ms)}
        app6={app6}
        {...props}
      />
    </StaticRouterProvider>,
  );
}

describe('the deployment map', () => {
  const html = view({ initialDay: 4 });

  it('has a labelled day control, keyboard operable, and says where the ULNs are', () => {
    expect(html).toMatch(/<label for="[^"]+-day">Day<\/label>/);
    expect(html).toMatch(
      /<input id="[^"]+-day" type="range" min="0" max="21" step="1" aria-valuetext="C\+4"/,
    );
    expect(html).toContain('aria-label="Previous day"');
    expect(html).toContain('aria-label="Next day"');
    expect(text(html)).toContain(
      'On C+4: 0 ULNs at their origins, 3 moving, 0 between legs, 0 at their destinations, 1 that cannot be moved (at their origins).',
    );
  });

  it('draws every arc styled by mode, thicker when used that day, and every node by kind', () => {
    expect(html.match(/class="map-arc"/g)).toHaveLength(6);
    // Marchwood (1.45°W 50.89°N) to Gdańsk (18.67°E 54.4°N) on the flat projection; idle on C+4.
    expect(html).toContain(
      '<path d="M171,182.2L573.4,112" class="map-arc" data-mode="sea" fill="none" stroke="#0f7f7a" stroke-opacity="0.45" stroke-width="1.25" stroke-dasharray="10 4" stroke-linecap="round"><title>Marchwood (GBR) → Gdańsk (POL), sea: 0% of capacity on C+4</title></path>',
    );
    const busy = view({ initialDay: 9 });
    expect(busy).toMatch(
      /data-mode="rail" fill="none" stroke="#6a3fa0" stroke-opacity="0.9" stroke-width="6" stroke-dasharray="7 3"[^>]*><title>Gdańsk \(POL\) → Medyka \(POL\), rail: 100% of capacity on C\+9<\/title>/,
    );
    expect(html.match(/class="map-node"/g)).toHaveLength(6);
    expect(html).toContain('<title>Gdańsk (POL): SPOD (sea port of debarkation)</title>');
    expect(text(html)).toContain('Legend Road Rail Sea Garrison SPOE (sea port of embarkation)');
  });

  it('draws the ULNs at one place as one APP-6 symbol with their count', () => {
    expect(html.match(/class="map-unit"/g)).toHaveLength(3);
    expect(html).toContain(
      'role="img" aria-label="2 ULNs (1,200 personnel) moving Marchwood (GBR) → Gdańsk (POL) by sea: ARMD-BN, MECH-INF-BN"',
    );
    expect(html).toContain(
      'aria-label="1 ULN (650 personnel) moving Mourmelon (FRA) → Medyka (POL) by road: MECH-INF-BN"',
    );
    expect(html).toContain('aria-label="1 ULN (150 personnel) at Tidworth (GBR): HQ-STAFF"');
    expect(html.match(/<image href="data:image\/svg\+xml;utf8,/g)).toHaveLength(3);
    expect(html.match(/class="map-unit-count"/g)).toHaveLength(1);
    expect(html).toMatch(/class="map-unit-count"><circle[^>]*><\/circle><text[^>]*>2<\/text>/);
  });

  it('draws plain markers until milsymbol has loaded', () => {
    const plain = view({ symbols: null, initialDay: 4 });
    expect(plain).not.toContain('<image');
    expect(plain.match(/class="map-unit"/g)).toHaveLength(3);
  });

  it('gives the places as a table', () => {
    const at = html.indexOf('>ULNs by place on C+4</caption>');
    const t = text(html.slice(html.lastIndexOf('<table', at), html.indexOf('</table>', at)));
    expect(t).toContain(
      'Marchwood (GBR) → Gdańsk (POL) moving by sea, 24% of the way on average 2 1,200 ARMD-BN, MECH-INF-BN',
    );
    expect(t).toContain('Tidworth (GBR) 1 150 HQ-STAFF');
  });

  it('lists nodes off the map and says when the map cannot be drawn', () => {
    const far = planReport({
      nodes: [
        ...NODES,
        { ...NODES[0]!, id: 'GAR-TRENTON', name: 'Trenton', nation: 'CAN', lat: 44.1, lon: -77.5 },
      ],
    });
    expect(text(view({ report: far }))).toContain('Not on the map Trenton (CAN), Garrison');
    const failed = view({ map: { status: 'error', message: 'chunk failed' } });
    expect(text(failed)).toContain(
      'The map could not be drawn (chunk failed); the table below gives every place.',
    );
    expect(failed).not.toContain('class="map-arc"');
    expect(text(view({ project: null }))).toContain('Loading the map…');
  });

  it('goes up to the day after the last arrival', () => {
    expect(lastMapDay(planReport())).toBe(21);
    expect(lastMapDay(planReport({ closure: { ...planReport().closure, lastArrivalDay: null } }))).toBe(1);
  });
});

describe('symbols and projection', () => {
  it('draws each symbol code once, a code milsymbol cannot read as a generic unit', () => {
    const render = makeSymbolRenderer(ms);
    const a = render('SFGPUCIZ---F---');
    expect(render('SFGPUCIZ---F---')).toBe(a);
    expect(a.href.startsWith('data:image/svg+xml;utf8,%3Csvg')).toBe(true);
    expect(a.width).toBeGreaterThan(10);
    expect(render('not a code').href).toBe(render(GENERIC_UNIT_SIDC).href);
  });

  it('places the nodes with the Europe map’s projection, listing those outside it', () => {
    const { projection, width, height } = europeProjection();
    const project = (lon: number, lat: number) => projection([lon, lat]);
    const far = { ...NODES[0]!, id: 'FAR', lat: 44.1, lon: -77.5 };
    const { points, offMap } = projectNodes([...NODES, far], project, width, height);
    const lviv = points.get('DEST-LVIV')!;
    const gdansk = points.get('SPOD-GDANSK')!;
    expect(lviv.x).toBeGreaterThan(gdansk.x);
    expect(lviv.y).toBeGreaterThan(gdansk.y);
    expect(lviv.x).toBeLessThan(width);
    expect(offMap.map((n) => n.id)).toEqual(['FAR']);
  });

  it('describes a group in words', () => {
    const groups = groupUlnsOnDay(ULNS, 30);
    expect(groups.map((g) => describeGroup(g, nodesById(planReport())))).toEqual([
      '3 ULNs (1,850 personnel) at Lviv (UKR): MECH-INF-BN ×2, ARMD-BN',
      '1 ULN (150 personnel) at Tidworth (GBR): HQ-STAFF',
    ]);
  });
});
