// The Risk page rendered to static HTML from an answer the domain computed (risk-test-fixtures.ts):
// the map with the line, bands, units and threatened sector; personnel per band and per nation with
// the flags; the ladder's rungs with their red lines and the force left at each; who can respond per
// rung within 24/48/72 h, by nation and by sector; the register with its matrix. Every figure is read
// from the fixture, not restated. Also the public view (places on a grid) and an answer with no line,
// no ladder and no plan, whose notes stand in for the missing parts.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { PROBABILITIES, SEVERITIES } from '../../../src/domain/risk-register.ts';
import { formatCDay, formatProbability } from '../components/analysis-common.tsx';
import type { EuropeMapModel } from '../components/map-geometry.ts';
import { groupPositions, type SectorPlace } from '../components/risk-map.tsx';
import { bandRange, formatHours, formatKm, redLineEffect, rungLabel } from '../components/risk-model.ts';
import { RiskMatrix } from '../components/risk-register.tsx';
import { formatDate, formatNumber } from '../format.ts';
import { StaticRouterProvider } from '../router.tsx';
import {
  EMPTY_NOTES,
  RISK_NAMES,
  SECTOR_NODES,
  emptyRiskResult,
  riskEnvelope,
  riskResult,
} from './risk-test-fixtures.ts';
import { RiskView, readRiskQuery } from './risk-page.tsx';
import type { RiskResult } from '../../../src/contract/analyses/risk.ts';

const text = (html: string) =>
  html
    .replace(/<[^>]+>/g, ' ')
    .replace(/&#x27;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&amp;/g, '&')
    .replace(/\s+/g, ' ')
    .trim();

const model: EuropeMapModel = {
  width: 800,
  height: 600,
  countries: [{ key: 'UKR', alpha3: 'UKR', name: 'Ukraine', d: 'M10,10L20,20Z' }],
  onMap: new Set(['UKR']),
};
/** 20 pixels a degree from 10°W, 60°N. */
const flat = (lon: number, lat: number): [number, number] => [(lon + 10) * 20, (60 - lat) * 20];
const SECTOR_PLACES: ReadonlyMap<string, SectorPlace> = new Map(
  Object.entries(SECTOR_NODES).map(([sector, [lon, lat]]) => [sector, { sector, node: sector, lon, lat }]),
);

function view(result: RiskResult, options: { partial?: boolean } = {}) {
  return renderToStaticMarkup(
    <StaticRouterProvider path="/scenarios/s1/risk">
      <RiskView
        scenarioId="s1"
        envelope={riskEnvelope(result, options.partial)}
        names={RISK_NAMES}
        assumptions={{ usBackstop: false, allowLate: false }}
        onAssumptionsChange={() => undefined}
        onRun={() => undefined}
        onThreat={() => undefined}
        map={{ status: 'ready', model }}
        project={flat}
        sectorPlaces={SECTOR_PLACES}
      />
    </StaticRouterProvider>,
  );
}

/** The HTML of the table with this caption. */
function table(html: string, caption: string): string {
  const at = html.indexOf(`>${caption}</caption>`);
  expect(at, caption).toBeGreaterThan(-1);
  return html.slice(html.lastIndexOf('<table', at), html.indexOf('</table>', at));
}

/** The text of each body row of a table, in order. */
function rows(tableHtml: string): string[] {
  const body = tableHtml.slice(tableHtml.indexOf('<tbody>'));
  return [...body.matchAll(/<tr>(.*?)<\/tr>/g)].map((m) => text(m[1]!));
}

/** The HTML of the region a heading of this text opens, up to the next panel. */
function panel(html: string, heading: string): string {
  const at = html.indexOf(`>${heading}`);
  expect(at, heading).toBeGreaterThan(-1);
  const start = html.lastIndexOf('<section', at);
  const next = html.indexOf('<section class="panel"', at);
  return html.slice(start, next === -1 ? undefined : next);
}

describe('RiskView', () => {
  const result = riskResult();
  const html = view(result);
  const exposure = result.exposure!;
  const ladder = result.ladder!;
  const respond = result.respond!;
  const at48 = respond.windows.indexOf(48);

  it('draws the map as one labelled image: the line, a buffer per band, the units and the threatened sector', () => {
    const line = result.line!;
    const groups = groupPositions(exposure.positions);
    const label = html.match(/<svg class="risk-map-svg"[^>]*role="img" aria-label="([^"]+)"/)?.[1];
    expect(label).toBeDefined();
    expect(label).toContain(`line of contact as of ${formatDate(line.date)} (${formatKm(line.lengthKm)})`);
    expect(label).toContain(`${groups.length} places`);
    expect(label).toContain(`threatened sector ${respond.sector} ringed`);
    expect(html).toMatch(/<g class="risk-map-line"><path d="M[\d.]+,[\d.]+(L[\d.]+,[\d.]+)+"/);
    // One buffer per band short of the rear, outermost first.
    const buffers = [
      ...html.matchAll(
        /<path d="[^"]+" fill="none" stroke="[^"]+" stroke-width="([\d.]+)"[^>]*data-band="([^"]+)"/g,
      ),
    ];
    expect(buffers.map((b) => b[2])).toEqual(
      result.bands
        .filter((b) => b.toKm !== null)
        .map((b) => b.name)
        .reverse(),
    );
    expect(Number(buffers[0]![1])).toBeGreaterThan(Number(buffers[buffers.length - 1]![1]));
    expect(html.match(/<circle [^>]*data-band=/g)).toHaveLength(groups.length);
    expect(html).toContain(`${respond.sector} (threatened)`);
    expect(text(html)).toContain(
      `Legend Line of contact ${result.bands[0]!.name} (${bandRange(result.bands[0]!).toLowerCase()})`,
    );
  });

  it('gives personnel per band with the total within each band’s outer distance', () => {
    const bands = rows(table(html, 'Personnel per distance band'));
    expect(bands).toHaveLength(result.bands.length);
    result.bands.forEach((b, i) => {
      const within = result.headline.personnelWithin.find((w) => w.band === b.name);
      expect(bands[i]).toContain(
        `${b.name} ${bandRange(b)} ${formatNumber(exposure.personnel[i]!)} ${within ? formatNumber(within.personnel) : '–'}`,
      );
    });
    expect(text(html)).toContain(
      `${formatNumber(exposure.placedPersonnel)} personnel placed at their destinations`,
    );
  });

  it('gives each nation’s personnel per band, and the caveats and red lines breached', () => {
    const nations = rows(table(html, 'Personnel per nation and band'));
    for (const n of exposure.nations) {
      const row = nations.find((r) => r.startsWith(`${RISK_NAMES.get(n.nation)} ${n.nation}`));
      expect(row, n.nation).toContain(n.personnel.map(formatNumber).join(' '));
    }
    const flags = text(panel(html, 'Exposure to the line'));
    expect(exposure.flags.length).toBeGreaterThan(0);
    expect(flags).toContain(`Caveats, red lines and zones breached ${exposure.flags.length}`);
    for (const f of exposure.flags) expect(flags).toContain(f.text);
  });

  it('lists the ladder’s rungs with their red lines, linked, and the force remaining at each', () => {
    const rungs = table(html, 'Rungs of the escalation ladder');
    const rungRows = rows(rungs);
    expect(rungRows).toHaveLength(ladder.rungs.length);
    ladder.rungs.forEach((r, i) => {
      const row = rungRows[i]!;
      expect(row).toContain(`${r.level}. ${r.name} ${r.id}`);
      expect(row).toContain(`${r.response} ${formatHours(r.hoursToRespond)} ${r.owner}`);
      expect(row).toContain(formatProbability(r.probabilityReached));
      expect(row).toContain(
        `${formatNumber(r.personnelMatched.p50)} P10 ${formatNumber(r.personnelMatched.p10)} all deliver ${formatNumber(r.allDeliver.personnelMatched)}`,
      );
      expect(row).toContain(formatProbability(r.probabilityTargetMet));
      for (const l of r.redLines) {
        // The id is a link: the text helper parts it from the colon.
        expect(row).toContain(`${l.id} : ${RISK_NAMES.get(l.nation)} (${l.nation}) ${redLineEffect(l)}`);
        expect(row).toContain(`“${l.statement}”`);
        expect(rungs).toContain(`href="/scenarios/s1/records/red-lines/${l.id}"`);
      }
    });
    expect(ladder.rungs.flatMap((r) => r.redLines)).not.toHaveLength(0);
    expect(rungs).toContain(`id="rung-${ladder.rungs[0]!.id}"`);
  });

  it('sets the correlated outcome beside the independent one', () => {
    const outcome = rows(
      table(html, 'Force where the escalation stops: correlated against independent red lines'),
    );
    const { correlated, independent } = result.outcome!;
    expect(outcome[0]).toContain(
      `Red lines correlated one escalation path for all: the nations naming a rung withdraw together ${[
        correlated.personnelMatched.p10,
        correlated.personnelMatched.p50,
        correlated.personnelMatched.p90,
        correlated.personnelMatched.mean,
      ]
        .map(formatNumber)
        .join(' ')} ${formatProbability(correlated.probabilityTargetMet)}`,
    );
    expect(outcome[1]).toContain(`Each nation on its own`);
    expect(outcome[1]).toContain(formatNumber(independent.personnelMatched.p50));
  });

  it('says who can respond within 24, 48 and 72 h at each rung, by nation and by sector', () => {
    const respondHtml = panel(html, 'Who can respond');
    const perRung = table(respondHtml, `Personnel able to reach ${respond.sector}, per rung`);
    // The 48 h column, marked out, holds each rung's figure within 48 h.
    expect(perRung).toContain('<th scope="col" class="num risk-key-window">Within 48 h</th>');
    expect([...perRung.matchAll(/<td class="num risk-key-window">([\d,]+)<\/td>/g)].map((m) => m[1])).toEqual(
      respond.rungs.map((r) => formatNumber(r.personnel[at48]!)),
    );
    const perRungRows = rows(perRung);
    respond.rungs.forEach((r, i) => {
      const rung = ladder.rungs.find((x) => x.id === r.rung)!;
      expect(perRungRows[i]).toContain(
        `${rungLabel(rung)} ${r.personnel.map(formatNumber).join(' ')} ${formatNumber(r.personnelWithinRungTime)} in ${formatHours(r.hoursToRespond)}`,
      );
    });
    // The 48 h figures differ by rung (the red lines at "attack" withdraw two nations).
    expect(new Set(respond.rungs.map((r) => r.personnel[at48])).size).toBeGreaterThan(1);

    const byNation = rows(table(respondHtml, `By nation, within 48 h of ${respond.sector}`));
    for (const n of respond.rungs[0]!.nations) {
      const row = byNation.find((r) => r.startsWith(`${RISK_NAMES.get(n.nation)} ${n.nation}`))!;
      const figures = respond.rungs.map(
        (r) => r.nations.find((x) => x.nation === n.nation)?.personnel[at48] ?? 0,
      );
      expect(row).toContain(figures.map(formatNumber).join(' '));
    }

    const sectors = rows(table(respondHtml, 'Every sector, at the lowest rung'));
    respond.sectors.forEach((s, i) => {
      expect(sectors[i]).toContain(`${s.sector}`);
      expect(sectors[i]).toContain(s.personnel.map(formatNumber).join(' '));
    });
    expect(respondHtml).toMatch(new RegExp(`<option value="${respond.sector}" selected="">`));
    expect(respondHtml).toMatch(/<input id="[^"]+-day"[^>]*name="day" [^>]*value="30"/);
  });

  it('lists the quickest units and why the others cannot respond', () => {
    const respondHtml = panel(html, 'Who can respond');
    const quick = rows(table(respondHtml, `Quickest units to ${respond.sector}`));
    const able = respond.units.filter((u) => u.hours !== null && u.hours <= 72);
    expect(quick).toHaveLength(able.length);
    expect(quick[0]).toContain(
      `${able[0]!.id} ${RISK_NAMES.get(able[0]!.nation)} ${able[0]!.nation} ${able[0]!.capability}`,
    );
    expect(quick[0]).toContain(formatHours(able[0]!.hours!));
    const cannot = respond.units.filter((u) => u.cannot !== null);
    expect(text(respondHtml)).toContain(`${cannot.length} units (`);
    for (const u of cannot)
      expect(text(respondHtml)).toContain(`${u.cannot}: 1 unit, ${formatNumber(u.personnel)} personnel`);
  });

  it('keeps away the nations whose red lines forbid the threatened sector', () => {
    const near = riskResult({ sector: 'Zaporizhzhia' });
    const kept = near.respond!.rungs.find((r) => r.keptAway.length > 0)!;
    expect(kept).toBeDefined();
    const perRung = rows(table(view(near), 'Personnel able to reach Zaporizhzhia, per rung'));
    const row = perRung[near.respond!.rungs.indexOf(kept)]!;
    for (const n of kept.keptAway) expect(row).toContain(`${RISK_NAMES.get(n)} (${n})`);
  });

  it('lists the register, each risk linked, the overdue reviews marked, and counts open risks on the matrix', () => {
    const register = result.register;
    const entries = table(html, 'Risk register entries');
    const entryRows = rows(entries);
    expect(entryRows).toHaveLength(register.entries.length);
    register.entries.forEach((e, i) => {
      expect(entries).toContain(`href="/scenarios/s1/records/risks/${e.id}"`);
      expect(entryRows[i]).toContain(`${e.id} ${e.title} ${e.cause} → ${e.event} → ${e.impact}`);
      expect(entryRows[i]).toContain(
        `${e.owner} ${formatDate(e.reviewDate)}${e.reviewOverdue ? ' Overdue' : ''}`,
      );
    });
    expect(register.entries.some((e) => e.reviewOverdue)).toBe(true);
    // Links to records, and to a rung of the ladder on this page.
    expect(entries).toContain('href="/scenarios/s1/records/offers/OFF-FRA-01"');
    expect(entries).toContain('href="#rung-attack"');

    const matrixCounts = (m: string) =>
      [
        ...table(m, m.match(/>(Open risks by severity and probability[^<]*)<\/caption>/)![1]!).matchAll(
          /<td class="risk-cell[^"]*"><span class="risk-cell-count">(\d+)<\/span>/g,
        ),
      ].map((c) => Number(c[1]));
    expect(matrixCounts(html)).toEqual(register.matrix.residual.flat());
    expect(register.matrix.residual.flat().reduce((s, n) => s + n, 0)).toBe(register.open);
    const initial = renderToStaticMarkup(<RiskMatrix counts={register.matrix.initial} view="initial" />);
    expect(matrixCounts(initial)).toEqual(register.matrix.initial.flat());
    expect(initial.match(/<th scope="row">/g)).toHaveLength(SEVERITIES.length);
    expect(initial.match(/<th scope="col">/g)).toHaveLength(PROBABILITIES.length + 1);
    expect(initial).toContain(
      '<td class="risk-cell risk-level-extremely-high"><span class="risk-cell-count">1</span>',
    );
  });

  it('shows the parameters used', () => {
    const p = riskEnvelope(result).parameters;
    expect(text(html)).toContain(
      `Threatened sector ${respond.sector} on ${formatCDay(respond.day)}; land units on ${p.respond.noticeHours.land} h notice to move, road march at ${p.respond.marchKmh} km/h. Each rung is climbed from the one below with probability ${formatProbability(p.climb)}; ${formatNumber(p.draws)} draws, seed ${p.seed}.`,
    );
    expect(html).toMatch(/<input id="[^"]+-climb"[^>]*value="0.5"/);
  });

  it('says in the public view that places are grid cells, and names no place', () => {
    const pub = riskResult({ view: 'public' });
    const publicHtml = view(pub, { partial: true });
    expect(pub.exposure!.view).toBe('public');
    const grid = pub.exposure!.view === 'public' ? pub.exposure!.gridDegrees : 0;
    expect(text(publicHtml)).toContain(`Places are shown as the centres of grid cells ${grid}° wide`);
    expect(text(publicHtml)).toContain('Figures count only the records releasable to you.');
    expect(publicHtml).toContain('<title>Grid cell at ');
    expect(publicHtml).not.toContain('(sector):');
  });

  it('renders an answer without a line, a ladder or a plan, its notes saying why', () => {
    const empty = emptyRiskResult();
    const emptyHtml = view(empty);
    const t = text(emptyHtml);
    for (const note of EMPTY_NOTES) expect(t).toContain(note);
    expect(t).toContain('The scenario has no line of contact, so no distances or bands are drawn.');
    expect(t).toContain('No exposure is computed for this scenario.');
    expect(t).toContain('The scenario has no escalation ladder.');
    expect(t).toContain('Who can respond No one can be placed to respond in this scenario.');
    expect(t).toContain('The register has no risks that you may see.');
    expect(emptyHtml).toContain('aria-label="Map without a line of contact."');
    expect(emptyHtml).not.toContain('risk-map-line');
  });
});

describe('readRiskQuery', () => {
  it('reads the sector, day, movement assumptions and climb, dropping what is out of range', () => {
    expect(readRiskQuery('?sector=Odesa&day=30&noticeHours=12&marchKmh=20&climb=0.25')).toEqual({
      sector: 'Odesa',
      day: 30,
      noticeHours: 12,
      marchKmh: 20,
      climb: 0.25,
    });
    expect(readRiskQuery('?day=-1&noticeHours=999&marchKmh=0&climb=2&sector=')).toEqual({});
  });
});
