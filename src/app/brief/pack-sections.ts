// The body sections of the briefing pack, in decision-brief order after the bottom line: the
// coalition, the force, the timeline, sustainment, funding and cost, risks, and the request to the
// US. Each reads the analyses as computed for the pack's audience (PackInputs) and writes blocks;
// no figure is computed here that an analysis does not give.
import type { AnalysisResults } from '../../contract/analyses/index.ts';
import { HEADLINE_FIGURE_KEYS, HEADLINE_FIGURES } from '../../domain/analysis/headline-figures.ts';
import type { Block, PackSection } from '../../domain/brief/pack.ts';
import { currentStance } from '../../domain/overview.ts';
import type { RISK_LEVELS } from '../../domain/risk-register.ts';
import type { ScenarioDocument } from '../../domain/scenario-schema.ts';
import type { PlanReport } from '../../planner/deploy/plan-report.ts';
import { cday, day, figures, list, meur, n, pct, provenanceText, right, table, text } from './pack-format.ts';
import { barChart, lineChart, stanceMap, type Svg } from './svg.ts';

export interface PackInputs {
  doc: ScenarioDocument;
  asOf: string;
  figures: AnalysisResults['figures'];
  fill: AnalysisResults['fill'];
  dependency: AnalysisResults['dependency'];
  sustainment: AnalysisResults['sustainment'];
  resilience: AnalysisResults['resilience'];
  cost: AnalysisResults['cost'];
  risk: AnalysisResults['risk'];
  plan: PlanReport | null;
}

const svgBlock = (s: Svg, caption: string, alt: string): Block => ({ kind: 'svg', caption, alt, ...s });
const nameOf = (doc: ScenarioDocument) => {
  const names = new Map(doc.nations.map((x) => [x.id as string, x.name]));
  return (id: string) => names.get(id) ?? id;
};

export function coalitionSection({ doc, asOf }: PackInputs): PackSection {
  const rows = doc.nations.map((nation) => {
    const entry = [...nation.stances]
      .filter((s) => s.date <= asOf)
      .sort((a, b) => (a.date < b.date ? -1 : 1))
      .at(-1);
    const current = currentStance(nation.stances, asOf);
    const offered = doc.offers
      .filter((o) => o.nation === nation.id && o.status !== 'withdrawn')
      .reduce((s, o) => s + o.personnel, 0);
    return {
      nation,
      stance: current?.stance ?? null,
      cells: [
        `${nation.name} (${nation.id})`,
        nation.role,
        current ? `${current.stance}, ${day(current.date)}` : 'no stance recorded',
        current?.statement ?? '—',
        entry ? provenanceText(entry) : '—',
        n(offered),
      ],
    };
  });
  const { offMap, ...map } = stanceMap(
    rows.map((r) => ({ id: r.nation.id, name: r.nation.name, stance: r.stance })),
  );
  const off = rows.filter((r) => offMap.includes(r.nation.id));
  const byStance = new Map<string, number>();
  for (const r of rows) if (r.stance) byStance.set(r.stance, (byStance.get(r.stance) ?? 0) + 1);
  return {
    id: 'coalition',
    title: 'The coalition',
    newPage: true,
    blocks: [
      text(
        `${doc.nations.length} nations in the scenario as of ${day(asOf)}: ` +
          [...byStance].map(([s, k]) => `${k} ${s}`).join(', ') +
          '. Stances are the latest statement on or before that date.',
      ),
      svgBlock(
        map,
        off.length === 0
          ? 'Nations by stance'
          : `Nations by stance; not on the map: ${off.map((r) => `${r.nation.name} (${r.stance ?? 'no stance'})`).join(', ')}`,
        `Map of Europe coloured by each nation's stance: ${rows.map((r) => `${r.nation.name} ${r.stance ?? 'no stance'}`).join('; ')}`,
      ),
      table(
        'Members, their stances and what they offer',
        ['Nation', 'Role', 'Stance (date)', 'Statement', 'Source', right('Offered')],
        rows.map((r) => r.cells),
        [15, 11, 12, 28, 22, 8],
      ),
    ],
  };
}

export function forceSection({ figures: f, fill, dependency, resilience }: PackInputs): PackSection {
  const v = f.values;
  const mc = resilience.monteCarlo;
  const domains = fill.byDomain;
  const chart = barChart(
    'force',
    domains.map((d) => d.domain),
    [
      { name: 'Required', data: domains.map((d) => d.personnelRequired) },
      { name: 'Matched', data: domains.map((d) => d.personnelMatched) },
      { name: 'Shortfall', data: domains.map((d) => d.personnelShortfall) },
    ],
    'Personnel',
  );
  return {
    id: 'force',
    title: 'The force',
    newPage: true,
    blocks: [
      table(
        'The headline figures',
        ['Figure', right('Personnel'), 'Definition'],
        HEADLINE_FIGURE_KEYS.map((k) => [HEADLINE_FIGURES[k].label, n(v[k]), HEADLINE_FIGURES[k].definition]),
        [16, 10, 50],
      ),
      text(
        `Requirement lines: ${f.lineCounts.filled} filled, ${f.lineCounts.partial} partly filled, ${f.lineCounts.empty} empty` +
          `${f.countsLate ? ' (late matches counted)' : ' (on time only)'}. ` +
          `In ${n(mc.draws)} Monte Carlo draws of which nations deliver, the matched force is ${n(mc.personnelMatched.p10)} (P10) to ${n(mc.personnelMatched.p90)} (P90), median ${n(mc.personnelMatched.p50)}; the chance of reaching the target is ${pct(mc.probabilityTargetMet, 1)}.`,
      ),
      svgBlock(
        chart,
        'Required, matched and short, by domain',
        domains
          .map(
            (d) =>
              `${d.domain}: required ${n(d.personnelRequired)}, matched ${n(d.personnelMatched)}, short ${n(d.personnelShortfall)}`,
          )
          .join('; '),
      ),
      table(
        'Shortfall by domain',
        ['Domain', right('Required'), right('Offered'), right('Matched'), right('Shortfall')],
        domains.map((d) => [
          d.domain,
          n(d.personnelRequired),
          n(d.personnelOffered),
          n(d.personnelMatched),
          n(d.personnelShortfall),
        ]),
      ),
      text(
        `Without the United States (no backstop, absent nations' offers left out) the coalition matches ${n(dependency.withoutUs.personnelMatched)} personnel against ${n(dependency.withUs.personnelMatched)} with a backstop: ` +
          `${n(dependency.lacks.personnelMatched)} matched personnel and ${dependency.lacks.linesEmptied.length} requirement line(s) depend on the US.`,
      ),
      ...(dependency.lacks.byCapability.length > 0
        ? [
            table(
              'What only the US could fill (a backstop or US offers)',
              ['Capability', right('Units'), right('Personnel')],
              dependency.lacks.byCapability.map((c) => [c.capability, n(c.quantity), n(c.personnel)]),
            ),
          ]
        : []),
    ],
  };
}

export function timelineSection({ plan, doc }: PackInputs): PackSection {
  if (!plan)
    return {
      id: 'timeline',
      title: 'The timeline',
      newPage: true,
      blocks: [text('No deployment plan: the scenario has no transport network or force list to plan.')],
    };
  const c = plan.closure;
  const curve = c.curve;
  const days = curve.map((_, i) => i);
  const total = curve.at(-1) ?? 0;
  const chart = lineChart('closure', days, curve, 'Personnel in place', 'Personnel', [
    { label: 'Target', value: doc.mission.forceTarget.personnel },
  ]);
  const events = [...doc.mission.events].sort((a, b) => (a.date < b.date ? -1 : 1));
  return {
    id: 'timeline',
    title: 'The timeline',
    newPage: true,
    blocks: [
      figures([
        { label: 'Half the force in place', value: cday(c.halfDay) },
        { label: '90 % in place', value: cday(c.ninetyDay) },
        { label: 'All in place', value: cday(c.allDay) },
        { label: 'Personnel planned', value: n(total) },
      ]),
      svgBlock(
        chart,
        'Closure: personnel in place by C-day',
        `Closure curve: ${n(total)} personnel in place by ${cday(c.allDay)}; half by ${cday(c.halfDay)}`,
      ),
      ...(events.length > 0
        ? [
            table(
              'Key dates',
              ['Date', 'Event', 'Source'],
              events.map((e) => [day(e.date), e.title, provenanceText(e)]),
              [10, 50, 30],
            ),
          ]
        : []),
    ],
  };
}

export function sustainmentSection({ sustainment }: PackInputs): PackSection {
  const c = sustainment.coalition;
  return {
    id: 'sustainment',
    title: 'Sustainment',
    newPage: false,
    blocks: [
      text(
        `Rotation: ${n(c.strength)} personnel deployed need a pool of ${n(c.poolNeeded)} under the nations' rotation policies; the pool offered is ${n(c.pool)}.`,
      ),
      table(
        'Personnel sustainable for each horizon',
        ['Horizon', right('Personnel')],
        c.sustainableFor.map((r) => [
          r.horizon === 'indefinite' ? 'Indefinitely' : `${r.horizon} months`,
          n(r.personnel),
        ]),
      ),
    ],
  };
}

export function moneySection({ cost, doc }: PackInputs): PackSection {
  const c = cost.coalition;
  const name = nameOf(doc);
  const shown = cost.nations.filter((x) => x.total > 0 || x.pledged.committed > 0);
  const chart = barChart(
    'cost',
    shown.map((x) => x.nation),
    [
      { name: `Cost over ${cost.months} months`, data: shown.map((x) => Math.round(x.total / 1e6)) },
      { name: 'Pledged (committed)', data: shown.map((x) => Math.round(x.pledged.committed / 1e6)) },
    ],
    'EUR million',
  );
  const rate = cost.rates.personnelPerMonth;
  return {
    id: 'money',
    title: 'Funding, cost and burden',
    newPage: true,
    blocks: [
      figures([
        { label: 'Cost per month', value: meur(c.perMonth), note: `${n(c.personnel)} personnel` },
        { label: 'Deployment transport', value: meur(c.transport), note: `${n(c.loads)} loads` },
        { label: `Total over ${cost.months} months`, value: meur(c.total) },
        {
          label: 'Pledged (committed)',
          value: meur(c.pledged.committed),
          note: `delivered ${meur(c.pledged.delivered)}`,
        },
        { label: 'Gap against committed', value: meur(c.gap.committed), note: `covered ${pct(c.coverage)}` },
      ]),
      text(
        `Costs lie where they fall: each nation pays for its own units. Personnel at ${rate.amount.toLocaleString('en-GB')} ${rate.currency} per person per month (${provenanceText(rate)}); sustainment and transport at the rates in the annex. Against the pledges, the force's cost over ${cost.months} months leaves a gap of ${meur(c.gap.committed)} against what is committed and ${meur(c.gap.delivered)} against what is delivered.`,
      ),
      svgBlock(
        chart,
        'Cost against pledges, by nation (EUR million)',
        shown
          .map((x) => `${name(x.nation)}: cost ${meur(x.total)}, pledged ${meur(x.pledged.committed)}`)
          .join('; '),
      ),
      table(
        'Who pays: cost and pledges by nation, against GDP',
        [
          'Nation',
          right('Personnel'),
          right('Cost'),
          right('Pledged'),
          right('Gap'),
          right('Share of cost'),
          right('Share of GDP'),
          right('Ratio'),
        ],
        shown.map((x) => [
          name(x.nation),
          n(x.personnel),
          meur(x.total),
          meur(x.pledged.committed),
          meur(x.gapCommitted),
          pct(x.shareOfCoalitionCost, 1),
          pct(x.shareOfCoalitionGdp, 1),
          x.burdenRatio === null ? '—' : x.burdenRatio.toFixed(2),
        ]),
      ),
      table(
        'Cost by domain',
        ['Domain', right('Personnel'), right('Per month'), right('Transport'), right('Total')],
        cost.domains.map((d) => [
          d.domain,
          n(d.personnel),
          meur(d.perMonth),
          meur(d.transport),
          meur(d.total),
        ]),
      ),
    ],
  };
}

const LEVEL_TEXT: Readonly<Record<(typeof RISK_LEVELS)[number], string>> = {
  'extremely-high': 'Extremely high',
  high: 'High',
  medium: 'Medium',
  low: 'Low',
};

export function riskSection({ risk }: PackInputs): PackSection {
  const blocks: Block[] = [];
  if (risk.line && risk.exposure) {
    const e = risk.exposure;
    blocks.push(
      text(
        `The line of contact as of ${day(risk.line.date)}: ${n(risk.line.lengthKm)} km (${provenanceText(risk.line.provenance)}).`,
      ),
      table(
        'Personnel by distance from the line',
        ['Band', 'Distance', right('Personnel')],
        e.bands.map((b, i) => [
          b.name,
          b.toKm === null ? `beyond ${b.fromKm} km` : `${b.fromKm}–${b.toKm} km`,
          n(e.personnel[i] ?? 0),
        ]),
      ),
    );
  }
  if (risk.ladder) {
    blocks.push(
      table(
        'The escalation ladder: the force remaining at each rung',
        ['Rung', 'Response (owner, hours)', 'Red lines', right('P(reached)'), right('Force P50')],
        risk.ladder.rungs.map((g) => [
          `${g.level}. ${g.name}`,
          `${g.owner}, ${g.hoursToRespond} h`,
          g.redLines.length === 0
            ? '—'
            : g.redLines
                .map((l) =>
                  l.effect === 'withdraws' ? `${l.nation} withdraws` : `${l.nation} keeps ${l.km} km`,
                )
                .join('; '),
          pct(g.probabilityReached),
          n(g.personnelMatched.p50),
        ]),
        [26, 22, 22, 10, 10],
      ),
    );
  }
  if (risk.respond) {
    const r = risk.respond;
    const at48 = r.windows.indexOf(48);
    blocks.push(
      text(
        `Who can respond to ${r.sector} (C+${r.day}): ` +
          r.rungs
            .map(
              (g, i) =>
                `rung ${risk.ladder?.rungs[i]?.level ?? g.rung} ${n(g.personnel[at48] ?? 0)} within 48 h`,
            )
            .join('; ') +
          '.',
      ),
    );
  }
  const top = risk.register.entries.filter((x) => x.status === 'open').slice(0, 5);
  blocks.push(
    top.length === 0
      ? text('The risk register has no open entry.')
      : table(
          `The risk register: the ${top.length} highest open entries (of ${risk.register.open})`,
          ['Risk', 'Cause, event, impact', 'Level', 'Residual', 'Owner'],
          top.map((x) => [
            `${x.id} ${x.title}`,
            `Cause: ${x.cause} Event: ${x.event} Impact: ${x.impact}`,
            LEVEL_TEXT[x.level],
            LEVEL_TEXT[x.residual.level],
            x.owner,
          ]),
          [16, 46, 9, 9, 14],
        ),
  );
  if (risk.notes.length > 0) blocks.push(list(risk.notes));
  return { id: 'risks', title: 'Risks', newPage: true, blocks };
}

export function requestSection({ dependency, doc }: PackInputs): PackSection {
  const name = nameOf(doc);
  const conditioned = doc.offers.filter((o) => o.caveats.requiresUsBackstop && o.status !== 'withdrawn');
  const byNation = new Map<string, number>();
  for (const o of conditioned) byNation.set(o.nation, (byNation.get(o.nation) ?? 0) + o.personnel);
  const lost = dependency.lines.filter((l) => l.lostQuantity > 0);
  return {
    id: 'request',
    title: 'The request to the United States',
    newPage: true,
    blocks: [
      text(
        `A US backstop would add ${n(dependency.lacks.personnelMatched)} matched personnel and fill ${lost.length} requirement line(s) that the coalition cannot fill alone. ` +
          `${conditioned.length} offer(s) totalling ${n(conditioned.reduce((s, o) => s + o.personnel, 0))} personnel are conditioned on it.`,
      ),
      ...(byNation.size > 0
        ? [
            table(
              'Offers conditioned on a US backstop',
              ['Nation', right('Personnel')],
              [...byNation].sort((a, b) => b[1] - a[1]).map(([nation, p]) => [name(nation), n(p)]),
            ),
          ]
        : []),
      ...(lost.length > 0
        ? [
            table(
              'Requirement lines that depend on the US',
              ['Line', 'Capability', 'Sector', right('Units lost'), right('Personnel')],
              lost.map((l) => [l.line, l.capability, l.sector, n(l.lostQuantity), n(l.lostPersonnel)]),
            ),
          ]
        : []),
    ],
  };
}
