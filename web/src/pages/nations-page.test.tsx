// The Nations page rendered to static HTML: the stance map (each country titled with its name and
// stance, coloured as its legend entry), the nations off the map, the table and the timelines with
// their sources, and the edit links only for those who may use them.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { NationOverview } from '../../../src/domain/overview.ts';
import type { ScenarioSummary } from '../../../src/domain/records.ts';
import type { Stance } from '../../../src/domain/scenario-schema.ts';
import type { StoredRecord } from '../api-client.ts';
import { STANCE_FILLS, categoryFill, countryTitle } from '../components/map-europe.tsx';
import type { EuropeMapModel } from '../components/map-geometry.ts';
import { StaticRouterProvider } from '../router.tsx';
import { NationsView, linkText, nationRows, type NationsData } from './nations-page.tsx';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/\s+/g, ' ')
    .trim();

function overviewNation(id: string, name: string, stance: Stance | null, personnel = 0): NationOverview {
  return {
    id,
    name,
    nato: id !== 'UKR',
    eu: id === 'FRA' || id === 'DEU',
    role: 'contributor',
    currentStance: stance && { stance, date: '2025-03-02', statement: `${name} latest.` },
    personnelOffered: personnel,
    offerCount: personnel > 0 ? 2 : 0,
  };
}

const meta = { version: 1, createdAt: '2025-03-02T00:00:00Z', updatedAt: '2025-03-02T00:00:00Z' };

function nationRecord(id: string, name: string, gdp: number, population: number): StoredRecord<'nations'> {
  return {
    id,
    name,
    nato: true,
    eu: false,
    gdp: { value: gdp, currency: 'USD', year: 2024 },
    population: { value: population, year: 2024 },
    currency: 'EUR',
    role: 'contributor',
    ...meta,
  } as unknown as StoredRecord<'nations'>;
}

function stance(
  id: string,
  nation: string,
  date: string,
  s: Stance,
  statement: string,
  extra: object = {},
): StoredRecord<'stances'> {
  return { id, nation, date, stance: s, statement, ...extra, ...meta } as unknown as StoredRecord<'stances'>;
}

const data: NationsData = {
  overview: {
    scenario: { id: 's1' } as ScenarioSummary,
    totals: {
      targetPersonnel: 100,
      personnelOffered: 0,
      stanceCounts: {
        lead: 1,
        committed: 0,
        supportive: 0,
        cautious: 0,
        considering: 1,
        declined: 0,
        absent: 0,
      },
    },
    nations: [
      overviewNation('FRA', 'France', 'lead', 20960),
      overviewNation('DEU', 'Germany', null),
      overviewNation('CAN', 'Canada', 'considering', 1700),
    ],
    partial: true,
  },
  nations: [
    nationRecord('FRA', 'France', 3.2e12, 66_500_000),
    nationRecord('DEU', 'Germany', 4.7e12, 84_600_000),
    nationRecord('CAN', 'Canada', 2.2e12, 39_700_000),
  ],
  stances: [
    stance('FRA-1', 'FRA', '2025-02-17', 'supportive', 'France earlier.', {
      assumption: 'Inferred from the summit.',
    }),
    stance('FRA-2', 'FRA', '2025-03-02', 'lead', 'France latest.', {
      source: {
        publication: 'Élysée statement',
        date: '2025-03-02',
        url: 'https://www.elysee.fr/emmanuel-macron/2025/03/02/a-very-long-path-indeed',
      },
    }),
    stance('CAN-1', 'CAN', '2025-03-02', 'considering', 'Canada latest.'),
  ],
};

const model: EuropeMapModel = {
  width: 800,
  height: 680,
  countries: [
    { key: 'FRA', alpha3: 'FRA', name: 'France', d: 'M10,10L20,20Z' },
    { key: 'DEU', alpha3: 'DEU', name: 'Germany', d: 'M30,10L40,20Z' },
    { key: 'RUS', alpha3: 'RUS', name: 'Russia', d: 'M50,10L60,20Z' },
  ],
  onMap: new Set(['FRA', 'DEU', 'RUS']),
};

const render = (
  user: { role: 'planner' | 'liaison' | 'observer'; nation: string | null },
  nationsData: NationsData = data,
) =>
  renderToStaticMarkup(
    <StaticRouterProvider path="/scenarios/s1/nations">
      <NationsView scenarioId="s1" data={nationsData} user={user} map={{ status: 'ready', model }} />
    </StaticRouterProvider>,
  );

describe('the stance map', () => {
  const html = render({ role: 'planner', nation: null });

  it('titles and colours each country by stance, in the legend’s colours', () => {
    expect(html).toMatch(
      new RegExp(
        `<path d="M10,10L20,20Z" role="img" class="map-country map-nation" fill="${STANCE_FILLS.lead}" data-iso="FRA" data-stance="lead"><title>France: Lead</title></path>`,
      ),
    );
    expect(html).toContain('<title>Germany: no stance recorded</title>');
    expect(html).toContain('<title>Russia: not in this scenario</title>');
    expect(html).toMatch(
      /<svg class="stance-map-svg" viewBox="0 0 800 680" role="group" aria-labelledby="[^"]+">/,
    );
    // The legend names every stance beside its swatch, in the same colour as the map.
    const legend = html.slice(html.indexOf('<h3>Legend'));
    for (const [s, fill] of Object.entries(STANCE_FILLS)) {
      expect(legend).toMatch(new RegExp(`data-stance="${s}"><svg[^>]*><rect[^>]*fill="${fill}"`));
    }
    expect(text(legend)).toMatch(
      /^Legend Lead Committed \(none on the map\) Supportive \(none on the map\) Cautious \(none on the map\) Considering \(none on the map\) Declined \(none on the map\) Absent \(none on the map\) No stance recorded Not in this scenario/,
    );
    expect(categoryFill('none')).not.toBe(categoryFill('outside'));
    expect(countryTitle('Malta', 'none')).toBe('Malta: no stance recorded');
  });

  it('lists the nations it cannot show beside it, with their stance in words', () => {
    const off = html.slice(html.indexOf('<h3>Not on the map'));
    expect(text(off)).toMatch(/^Not on the map Canada Considering/);
    expect(html).not.toContain('<title>Canada');
  });

  it('says so when the map cannot be drawn: the table still gives every stance', () => {
    const failed = renderToStaticMarkup(
      <StaticRouterProvider path="/scenarios/s1/nations">
        <NationsView
          scenarioId="s1"
          data={data}
          user={{ role: 'planner', nation: null }}
          map={{ status: 'error', message: 'chunk failed' }}
        />
      </StaticRouterProvider>,
    );
    expect(text(failed)).toContain(
      'The map could not be drawn (chunk failed); the table below gives every nation’s stance.',
    );
    expect(failed).not.toContain('<svg class="stance-map-svg"');
  });
});

describe('NationsView', () => {
  it('says the view is partial, then lists each nation with its means and current stance', () => {
    const html = render({ role: 'planner', nation: null });
    expect(text(html)).toContain('Figures count only the records releasable to you.');
    expect(html.indexOf('role="note"')).toBeLessThan(html.indexOf('<table'));
    const whole = render(
      { role: 'planner', nation: null },
      { ...data, overview: { ...data.overview, partial: false } },
    );
    expect(whole).not.toContain('role="note"');
    expect(text(whole)).not.toContain('releasable');
    const table = text(html.slice(html.indexOf('<table'), html.indexOf('</table>')));
    expect(table).toContain(
      'France FRA Yes Yes US$3.2 tn 2024 66.5 m 2024 Lead since 2 Mar 2025 20,960 in 2 offers',
    );
    expect(table).toContain('Germany DEU Yes Yes US$4.7 tn 2024 84.6 m 2024 None recorded 0');
  });

  it('shows each timeline newest first, the current entry marked, with its source or assumption', () => {
    const html = render({ role: 'planner', nation: null });
    const france = text(
      html.slice(html.indexOf('France <span class="iso'), html.indexOf('Germany <span class="iso')),
    );
    expect(france).toMatch(
      /^France FRA Add stance entry 2 Mar 2025 Lead current Edit France latest\. Source: Élysée statement , 2 Mar 2025 www\.elysee\.fr\/emmanuel-macron\/2025\/03\/02… 17 Feb 2025 Supportive Edit France earlier\. Assumption: Inferred from the summit\.$/,
    );
    expect(html).toContain(
      '<a href="https://www.elysee.fr/emmanuel-macron/2025/03/02/a-very-long-path-indeed" target="_blank" rel="noreferrer noopener" class="source-link">',
    );
    expect(text(html)).toContain('Germany DEU Add stance entry No stance recorded.');
    expect(text(html)).toContain('Canada latest. No source given.');
  });

  it('links a planner to add and edit every nation’s entries', () => {
    const html = render({ role: 'planner', nation: null });
    expect(html).toContain(
      '<a href="/scenarios/s1/new/stances?nation=FRA&amp;back=%2Fscenarios%2Fs1%2Fnations" class="button button-secondary button-small" aria-label="Add a stance entry for France">Add stance entry</a>',
    );
    expect(html).toContain('href="/scenarios/s1/edit/stances/FRA-2?back=%2Fscenarios%2Fs1%2Fnations"');
    expect(html.match(/Add a stance entry for/g)).toHaveLength(3);
  });

  it('links a liaison officer to its own nation’s entries only, and an observer to none', () => {
    const liaison = render({ role: 'liaison', nation: 'CAN' });
    expect(liaison.match(/aria-label="Add a stance entry for [^"]+"/g)).toEqual([
      'aria-label="Add a stance entry for Canada"',
    ]);
    expect(liaison).toContain('/edit/stances/CAN-1');
    expect(liaison).not.toContain('/edit/stances/FRA-');
    const observer = render({ role: 'observer', nation: null });
    expect(observer).not.toContain('/new/stances');
    expect(observer).not.toContain('/edit/stances');
  });
});

describe('nationRows and linkText', () => {
  it('orders entries of one day with the later one first', () => {
    const rows = nationRows({
      ...data,
      stances: [
        stance('A', 'FRA', '2025-03-02', 'cautious', 'first'),
        stance('B', 'FRA', '2025-03-02', 'lead', 'second'),
      ],
    });
    expect(rows[0]?.timeline.map((s) => s.id)).toEqual(['B', 'A']);
    expect(rows[0]?.record?.name).toBe('France');
  });

  it('shortens a URL to its host and the start of its path', () => {
    expect(linkText('https://www.gov.uk/')).toBe('www.gov.uk');
    expect(linkText('https://example.org/a/b')).toBe('example.org/a/b');
    expect(linkText('not a url')).toBe('not a url');
  });
});
