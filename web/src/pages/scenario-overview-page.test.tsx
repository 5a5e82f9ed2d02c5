// Renders the overview to static HTML (no browser needed) and checks what a reader would see.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import type { NationOverview } from '../../../src/domain/overview.ts';
import type { ScenarioSummary } from '../../../src/domain/records.ts';
import type { Stance } from '../../../src/domain/scenario-schema.ts';
import type { ScenarioOverview } from '../api-client.ts';
import { ScenarioOverviewView } from './scenario-overview-page.tsx';

function nation(id: string, name: string, stance: Stance | null, personnelOffered: number): NationOverview {
  return {
    id,
    name,
    nato: true,
    eu: id !== 'GBR',
    role: 'contributor',
    currentStance: stance && { stance, date: '2025-03-02', statement: `${name} says so.` },
    personnelOffered,
    offerCount: personnelOffered > 0 ? 1 : 0,
  };
}

function overview(
  target: number,
  range: { min: number; max: number } | undefined,
  nations: NationOverview[],
) {
  const offered = nations.reduce((s, n) => s + n.personnelOffered, 0);
  const stanceCounts = {
    lead: 0,
    committed: 0,
    supportive: 0,
    cautious: 0,
    considering: 0,
    declined: 0,
    absent: 0,
  };
  for (const n of nations) if (n.currentStance) stanceCounts[n.currentStance.stance]++;
  return {
    scenario: { id: 'test' } as ScenarioSummary,
    totals: {
      targetPersonnel: target,
      range,
      personnelOffered: offered,
      difference: offered - target,
      stanceCounts,
    },
    nations,
  } satisfies ScenarioOverview;
}

const text = (html: string) => html.replace(/<[^>]+>/g, ' ').replace(/\s+/g, ' ');

describe('ScenarioOverviewView', () => {
  const html = renderToStaticMarkup(
    <ScenarioOverviewView
      overview={overview(100000, undefined, [
        nation('GBR', 'United Kingdom', 'lead', 10000),
        nation('DEU', 'Germany', 'cautious', 0),
        nation('USA', 'United States', 'absent', 0),
        nation('NOR', 'Norway', null, 0),
      ])}
    />,
  );

  it('states target, offer and shortfall with thousands separators', () => {
    expect(text(html)).toContain('Force target 100,000 personnel');
    expect(text(html)).toContain('Personnel offered 10,000 personnel 10% of target, from 1 nation');
    expect(text(html)).toContain('Shortfall against target 90,000 personnel');
    expect(text(html)).toContain('Difference −90,000');
  });

  it('lists each nation in a table named Nations, stance as text', () => {
    expect(html).toContain('<caption class="visually-hidden">Nations</caption>');
    expect(text(html)).toMatch(/Germany DEU Yes Yes Contributor Cautious 2 Mar 2025 Germany says so\. 0/);
    expect(text(html)).toMatch(/Norway NOR .* None recorded/);
  });

  it('counts nations by stance, including those without one', () => {
    expect(html).toContain('aria-label="Cautious: 1"');
    expect(html).toContain('aria-label="Absent: 1"');
    expect(html).toContain('aria-label="No stance recorded: 1"');
  });

  it('shows the range of estimates and where the offer falls against it', () => {
    const ranged = renderToStaticMarkup(
      <ScenarioOverviewView
        overview={overview(20000, { min: 15000, max: 30000 }, [nation('FRA', 'France', 'lead', 21000)])}
      />,
    );
    expect(text(ranged)).toContain('Estimates range 15,000–30,000');
    expect(text(ranged)).toContain('Surplus over target 1,000');
    expect(text(ranged)).toContain('within the range of estimates');
  });
});

describe('the notice of partial figures', () => {
  const nations = [nation('GBR', 'United Kingdom', 'lead', 10000)];

  it('is absent when the figures are not partial, as for coalition staff', () => {
    const html = renderToStaticMarkup(
      <ScenarioOverviewView overview={overview(100000, undefined, nations)} />,
    );
    expect(text(html)).not.toContain('releasable');
    expect(html).not.toContain('role="note"');
  });

  it('says first, in one fixed sentence, that the figures count only what is releasable', () => {
    const partial = { ...overview(100000, undefined, nations), partial: true };
    const html = renderToStaticMarkup(<ScenarioOverviewView overview={partial} />);
    expect(html.startsWith('<p class="notice notice-partial" role="note">')).toBe(true);
    expect(text(html)).toContain('Figures count only the records releasable to you.');
  });
});
