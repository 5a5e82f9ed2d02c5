// The briefing pack of a scenario for one audience (issue 16), in decision-brief order: cover,
// purpose, bottom line up front with the planner's summary and recommendations, the coalition, the
// force, the timeline, sustainment, funding and cost, risks, the request to the US, and the annex of
// provenance. The document is first cut to what the audience may see (releasableViewBy with the
// audience's rule), then every analysis runs on that cut, so nothing withheld from the audience can
// reach a figure; the banner comes from the markings of what remains. Deterministic: no clock, no
// randomness but the seeded Monte Carlo.
import type { AnalysisArgs } from '../../contract/analyses/index.ts';
import { audienceLabel, audienceMaySee, bannerOf, type Audience } from '../../domain/brief/audience.ts';
import {
  PACK_SCHEMA_VERSION,
  type Block,
  type BriefPack,
  type PackSection,
  type PackSummary,
} from '../../domain/brief/pack.ts';
import type { ExchangeRates } from '../../domain/exchange-rates.ts';
import { markingsOf, releasableViewBy } from '../../domain/releasable-view.ts';
import type { ScenarioDocument } from '../../domain/scenario-schema.ts';
import { planScenario } from '../../planner/deploy/plan-report.ts';
import { computeAnalysis } from '../analyses.ts';
import { inputFingerprint } from '../input-fingerprint.ts';
import { annexSection } from './pack-annex.ts';
import { compareForPack, whatIfSection } from './pack-compare.ts';
import { day, figures, list, meur, n, pct, provenanceText, text } from './pack-format.ts';
import {
  coalitionSection,
  forceSection,
  moneySection,
  requestSection,
  riskSection,
  sustainmentSection,
  timelineSection,
  type PackInputs,
} from './pack-sections.ts';

export interface PackRequest {
  doc: ScenarioDocument;
  /** The scenario's content version the document is. */
  version: number;
  rates: ExchangeRates;
  audience: Audience;
  summary?: PackSummary | undefined;
  /** Variants to compare with the scenario (what-ifs), whole: each is cut to the audience too. */
  variants?: readonly ScenarioDocument[] | undefined;
  /** Monte Carlo draws (default 10,000) and seed (default 1). */
  draws?: number | undefined;
  seed?: number | undefined;
  onProgress?: ((done: number, total: number) => void) | undefined;
}

/** The stages a pack is built in, for a progress bar. */
export const PACK_STAGES = 9;

export function buildPack(req: PackRequest): BriefPack {
  const { audience } = req;
  const doc = releasableViewBy(req.doc, (rel, owner) => audienceMaySee(audience, rel, owner));
  const partial = doc !== req.doc;
  const publicViewer = audience.kind === 'public';
  let stage = 0;
  const step = () => req.onProgress?.(++stage, PACK_STAGES);
  const input = { doc, rates: req.rates, partial, publicViewer };
  const mc: AnalysisArgs<'resilience'> = { draws: req.draws ?? 10000, seed: req.seed ?? 1 };
  const figuresResult = computeAnalysis('figures', input, {}).result;
  step();
  const inputs: PackInputs = {
    doc,
    asOf: doc.asOf,
    figures: figuresResult,
    fill: computeAnalysis('fill', input, {}).result,
    dependency: computeAnalysis('dependency', input, {}).result,
    sustainment: computeAnalysis('sustainment', input, {}).result,
    resilience: computeAnalysis('resilience', input, mc).result,
    cost: computeAnalysis('cost', input, {}).result,
    risk: computeAnalysis('risk', input, { draws: mc.draws, seed: mc.seed }).result,
    plan: (() => {
      const planned = planScenario(doc);
      return planned.ok ? planned.report : null;
    })(),
  };
  step();
  const sections: PackSection[] = [];
  const add = (s: PackSection) => {
    sections.push(s);
    step();
  };
  add(purposeSection(doc));
  add(blufSection(inputs, req.summary));
  add(coalitionSection(inputs));
  add(forceSection(inputs));
  sections.push(timelineSection(inputs), sustainmentSection(inputs));
  add(moneySection(inputs));
  add(riskSection(inputs));
  if (req.variants && req.variants.length > 0) {
    const cut = req.variants.map((v) =>
      releasableViewBy(v, (rel, owner) => audienceMaySee(audience, rel, owner)),
    );
    const partialAny = partial || cut.some((v, i) => v !== req.variants![i]);
    sections.push(
      whatIfSection(
        compareForPack([doc, ...cut], req.rates, partialAny, { draws: mc.draws!, seed: mc.seed! }),
      ),
    );
  }
  sections.push(requestSection(inputs));
  const hash = inputFingerprint(doc).hash;
  add(annexSection(inputs, { version: audience.kind === 'staff' ? req.version : null, hash }));
  return {
    schemaVersion: PACK_SCHEMA_VERSION,
    title: `${doc.mission.name}: briefing pack`,
    subtitle: `${doc.name} · data as of ${day(doc.asOf)}`,
    scenario: {
      id: doc.id,
      name: doc.name,
      asOf: doc.asOf,
      version: audience.kind === 'staff' ? req.version : null,
      contentHash: hash,
    },
    audience,
    audienceLabel: audienceLabel(audience),
    summary: req.summary ?? null,
    banner: bannerOf(markingsOf(doc)),
    sections,
  };
}

function purposeSection(doc: ScenarioDocument): PackSection {
  const goals = doc.mission.goals;
  const blocks: Block[] = [
    text(
      `To decide what the coalition puts to the United States: whether the ${doc.mission.name} can be generated and sustained without the US, how fast it can deploy, what it costs and who pays, what happens if a nation pulls out or troops come under fire, and what is asked of Washington.`,
    ),
  ];
  if (doc.mission.summary) blocks.push(text(doc.mission.summary));
  if (goals.length > 0)
    blocks.push(
      text('The coalition’s stated goals:'),
      list(goals.map((g) => `${g.text} (${provenanceText(g)})`)),
    );
  return { id: 'purpose', title: 'Purpose', newPage: true, blocks };
}

function blufSection(x: PackInputs, summary: PackSummary | undefined): PackSection {
  const v = x.figures.values;
  const mc = x.resilience.monteCarlo;
  const c = x.cost.coalition;
  const withoutUs = x.dependency.withoutUs.personnelMatched;
  const stated = summary?.bluf?.trim();
  const bluf =
    stated && stated.length > 0
      ? stated
      : `Against a target of ${n(v.target)}, the coalition matches ${n(v.matchedOnTime)} personnel on time and ${n(v.matchedLate)} more late; ` +
        `${n(withoutUs)} without the United States. The chance of reaching the target is ${pct(mc.probabilityTargetMet, 1)}. ` +
        `The force costs ${meur(c.perMonth)} a month (${meur(c.total)} over ${x.cost.months} months) against ${meur(c.pledged.committed)} pledged.`;
  const recommendations =
    summary?.recommendations && summary.recommendations.length > 0
      ? summary.recommendations
      : ['(The planner has not written recommendations yet: edit the summary on the Briefing page.)'];
  return {
    id: 'bluf',
    title: 'Bottom line up front',
    newPage: true,
    blocks: [
      text(bluf),
      figures([
        { label: 'Target', value: n(v.target) },
        { label: 'Matched on time', value: n(v.matchedOnTime) },
        { label: 'Matched late', value: n(v.matchedLate) },
        { label: 'Short of the target', value: n(v.shortfallAgainstTarget) },
        { label: 'Without the US', value: n(withoutUs) },
        { label: 'P(target met)', value: pct(mc.probabilityTargetMet, 1) },
        { label: 'Cost per month', value: meur(c.perMonth) },
        { label: 'Gap against pledges', value: meur(c.gap.committed) },
      ]),
      text('Recommendations:'),
      list(recommendations),
    ],
  };
}
