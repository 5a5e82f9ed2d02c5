// The deployment map rendered to static HTML with a one-country map, a flat projection and the real
// milsymbol: the network drawn by mode and kind and opening fitted to its nodes, places named, the
// ULNs as unit symbols gathered by place (and clustered when zoomed out) with their counts, a cluster
// opened to its list, closed arcs, the zoom buttons and day control, and the places as a table.
import ms from 'milsymbol';
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { GENERIC_UNIT_SIDC, groupUlnsOnDay, projectNodes } from '../components/deployment-model.ts';
import { DEFAULT_MAP_BOX, describeGroup, makeSymbolRenderer } from '../components/deployment-map.tsx';
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
    // Marchwood to Gdańsk, idle on C+4.
    expect(html).toMatch(
      /<path d="M[\d.]+,[\d.]+L[\d.]+,[\d.]+" class="map-arc" data-mode="sea" fill="none" stroke="#0f7f7a" stroke-opacity="0.45" stroke-width="1.25" stroke-dasharray="10 4" stroke-linecap="round"><title>Marchwood \(GBR\) → Gdańsk \(POL\), sea: 0% of capacity on C\+4<\/title><\/path>/,
    );
    const busy = view({ initialDay: 9 });
    expect(busy).toMatch(
      /data-mode="rail" fill="none" stroke="#6a3fa0" stroke-opacity="0.9" stroke-width="6" stroke-dasharray="7 3"[^>]*><title>Gdańsk \(POL\) → Medyka \(POL\), rail: 100% of capacity on C\+9<\/title>/,
    );
    expect(html.match(/class="map-node"/g)).toHaveLength(6);
    expect(html).toContain('<title>Gdańsk (POL): SPOD (sea port of debarkation)</title>');
    expect(text(html)).toContain('Legend Road Rail Sea Garrison SPOE (sea port of embarkation)');
  });

  it('opens on the network: every node inside the map, the nodes spread across it', () => {
    const xs = [
      ...html.matchAll(/<g class="map-node"[^>]*><title>[^<]*<\/title>(?:<g>)?<\w+ (?:cx|x|d)="M?([\d.]+)/g),
    ].map((m) => Number(m[1]));
    expect(xs).toHaveLength(6);
    for (const x of xs) {
      expect(x).toBeGreaterThan(0);
      expect(x).toBeLessThan(DEFAULT_MAP_BOX.width);
    }
    // Fitted, not a fixed frame of Europe: from Tidworth in the west to Lviv in the east the network
    // spans most of the map's width.
    expect(Math.max(...xs) - Math.min(...xs)).toBeGreaterThan(DEFAULT_MAP_BOX.width * 0.8);
    expect(html).toMatch(
      /<g class="map-land" aria-hidden="true" transform="translate\([-\d.]+ [-\d.]+\) scale\([\d.]+\)">/,
    );
  });

  it('has zoom buttons and keyboard instructions, and a reset once the view has moved', () => {
    const toolbar = html.slice(
      html.indexOf('role="toolbar"'),
      html.indexOf('</div>', html.indexOf('role="toolbar"')),
    );
    expect(toolbar).toContain('aria-label="Map view"');
    expect(toolbar).toContain('aria-label="Zoom in">+</button>');
    expect(toolbar).toContain('aria-label="Zoom out">−</button>');
    expect(toolbar).toContain('disabled="">Reset view</button>');
    expect(html).toMatch(
      /<svg id="[^"]+" class="stance-map-svg network-map-svg"[^>]*aria-describedby="[^"]+" tabindex="0"/,
    );
    expect(text(html)).toContain('arrow keys pan');
    const moved = view({ initialDay: 4, initialView: { k: 3, x: 0, y: 0 } });
    expect(moved).toContain('<button type="button" class="button button-secondary">Reset view</button>');
  });

  it('names the places, the best-connected first, fewer when zoomed out', () => {
    const labels = (h: string) =>
      [...h.matchAll(/<text class="map-label"[^>]*>([^<]+)<\/text>/g)].map((m) => m[1]);
    expect(labels(html)).toEqual(expect.arrayContaining(['Gdańsk', 'Medyka', 'Lviv', 'Mourmelon']));
    // Zoomed far out the network is a few pixels across: only the best-connected place is named.
    const far = labels(view({ initialDay: 4, initialView: { k: 0.08, x: 300, y: 200 } }));
    expect(far.length).toBeLessThan(labels(html).length);
    expect(far[0]).toBe('Gdańsk');
  });

  it('draws the ULNs at one place as one APP-6 symbol with their count, a button for their list', () => {
    expect(html.match(/class="map-unit"/g)).toHaveLength(3);
    expect(html).toContain(
      'role="button" tabindex="0" aria-label="2 ULNs (1,200 personnel) moving Marchwood (GBR) → Gdańsk (POL) by sea: ARMD-BN, MECH-INF-BN" aria-expanded="false"',
    );
    expect(html).toContain(
      'aria-label="1 ULN (650 personnel) moving Mourmelon (FRA) → Medyka (POL) by road: MECH-INF-BN"',
    );
    expect(html).toContain('aria-label="1 ULN (150 personnel) at Tidworth (GBR): HQ-STAFF"');
    expect(html.match(/<image href="data:image\/svg\+xml;utf8,/g)).toHaveLength(3);
    expect(html.match(/class="map-unit-count"/g)).toHaveLength(1);
    expect(html).toMatch(/class="map-unit-count"><circle[^>]*><\/circle><text[^>]*>2<\/text>/);
  });

  it('clusters symbols that would overlap at the zoom, and opens a cluster to its list', () => {
    const far = view({ initialDay: 4, initialView: { k: 0.05, x: 300, y: 200 } });
    expect(far.match(/class="map-unit"/g)).toHaveLength(1);
    expect(far).toContain(
      'aria-label="4 ULNs (2,000 personnel) at 3 places near Marchwood (GBR) → Gdańsk (POL), sea: MECH-INF-BN ×2, ARMD-BN, HQ-STAFF"',
    );
    expect(far).toMatch(/class="map-unit-count"><circle[^>]*><\/circle><text[^>]*>4<\/text>/);

    const opened = view({ initialDay: 21, initialOpen: 'node:DEST-LVIV' });
    const list = opened.slice(
      opened.indexOf('<section id='),
      opened.indexOf('</section>', opened.indexOf('<section id=')),
    );
    const listId = /<section id="([^"]+)" class="map-cluster-list"/.exec(list)![1]!;
    expect(opened).toContain(`aria-expanded="true" aria-controls="${listId}"`);
    expect(text(list)).toBe(
      '3 ULNs at Lviv (UKR) × 3 ULNs, 1,850 personnel: MECH-INF-BN ×2, ARMD-BN GBR-0001, GBR-0002, FRA-0001',
    );
    expect(list).toContain('aria-label="Close the list"');
  });

  it('draws an arc closed on the day red and dashed, naming the window, with a legend entry', () => {
    const closures = new Map([['GDA-MED', [{ from: 3, to: 10, reason: 'Bridge repairs.' }]]]);
    const closed = view({ initialDay: 4, closures });
    expect(closed.match(/class="map-arc( map-arc-closed)?"/g)).toHaveLength(6);
    expect(closed).toMatch(
      /class="map-arc map-arc-closed" data-mode="rail" fill="none" stroke="#c62828" stroke-opacity="0.9" stroke-width="3" stroke-dasharray="6 4" stroke-linecap="butt"><title>Gdańsk \(POL\) → Medyka \(POL\), rail: Closed C\+3 to C\+10: Bridge repairs.<\/title>/,
    );
    expect(text(closed)).toContain('Closed on C+4 (1)');
    expect(text(closed)).toContain('red dashed lines are closed that day');
    const open = view({ initialDay: 12, closures });
    expect(open).not.toContain('map-arc-closed');
    expect(text(open)).toContain('Closed on C+12 (none that day)');
    // A network without closure windows has no legend entry for them.
    expect(text(html)).not.toContain('Closed on');
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
