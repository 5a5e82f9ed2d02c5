// What the coalition rests on the United States for (analysis 3, dependency). Two fills are
// compared: "with the US", where offers that require a US backstop count, and "without", where they
// do not and where nations whose current stance is absent (the US itself in the reference article)
// bring nothing. What the second lacks against the first is what the coalition lacks if the US stays
// out. Comparing optimal fills rather than reading one fill's assignments matters: a line filled by a
// backstop offer with the US may be refilled by another offer without it, and is then no loss.
import type {
  CapabilityLoss,
  LineUsDependency,
  UsDependencyReport,
} from '../domain/analysis/us-dependency-report.ts';
import type { CapabilityCode, IsoDate, NationId, Personnel } from '../domain/ids.ts';
import { currentStance } from '../domain/overview.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';
import { forceFill, type FillScenario, type ForceFillOptions } from './force-fill.ts';

export type DependencyScenario = FillScenario & Pick<ScenarioDocument, 'nations'>;

export type UsDependencyOptions = Omit<ForceFillOptions, 'usBackstop'>;

export function usDependency(
  scenario: DependencyScenario,
  options: UsDependencyOptions = {},
): UsDependencyReport {
  const asOf = (options.asOf ?? scenario.asOf) as IsoDate;
  const absentNations = scenario.nations
    .filter((n) => currentStance(n.stances, asOf)?.stance === 'absent')
    .map((n) => n.id)
    .sort();
  const absent = new Set<NationId>(absentNations);
  const withUs = forceFill(scenario, { ...options, asOf, usBackstop: true });
  const withoutUs = forceFill(scenario, {
    ...options,
    asOf,
    usBackstop: false,
    excludeNations: [...(options.excludeNations ?? []), ...absentNations],
  });
  const backstop = new Set(scenario.offers.filter((o) => o.caveats.requiresUsBackstop).map((o) => o.id));

  const lines: LineUsDependency[] = [];
  withUs.lines.forEach((w, i) => {
    const wo = withoutUs.lines[i]!;
    const lost = Math.max(0, w.filled.quantity - wo.filled.quantity);
    const backstopOffers = w.assignments.filter((a) => backstop.has(a.offer)).map((a) => a.offer);
    const absentContributors = w.nations.filter((n) => absent.has(n.nation)).map((n) => n.nation);
    const filled = w.assignments.length > 0;
    if (lost === 0 && backstopOffers.length === 0 && absentContributors.length === 0) return;
    lines.push({
      line: w.line,
      capability: w.capability,
      sector: w.sector,
      task: w.task,
      priority: w.priority,
      requiredQuantity: w.required.quantity,
      filledWithUs: w.filled.quantity,
      filledWithoutUs: wo.filled.quantity,
      lostQuantity: lost,
      lostPersonnel: (lost * (w.required.personnel / w.required.quantity)) as Personnel,
      onlyBackstopOffers: filled && w.assignments.every((a) => backstop.has(a.offer)),
      onlyAbsentNations: filled && w.assignments.every((a) => absent.has(a.nation)),
      backstopOffers,
      absentNations: absentContributors,
    });
  });

  const losing = lines.filter((l) => l.lostQuantity > 0);
  const byCapability = new Map<CapabilityCode, CapabilityLoss>();
  for (const l of losing) {
    const c = byCapability.get(l.capability);
    if (c) {
      c.quantity += l.lostQuantity;
      c.personnel = (c.personnel + l.lostPersonnel) as Personnel;
    } else
      byCapability.set(l.capability, {
        capability: l.capability,
        quantity: l.lostQuantity,
        personnel: l.lostPersonnel,
      });
  }
  return {
    asOf,
    absentNations,
    withUs: withUs.totals,
    withoutUs: withoutUs.totals,
    lines,
    lacks: {
      lines: losing.map((l) => l.line),
      linesEmptied: losing.filter((l) => l.filledWithoutUs === 0).map((l) => l.line),
      quantity: losing.reduce((s, l) => s + l.lostQuantity, 0),
      personnel: losing.reduce((s, l) => s + l.lostPersonnel, 0) as Personnel,
      personnelMatched: (withUs.totals.personnelMatched - withoutUs.totals.personnelMatched) as Personnel,
      weightedFill: withUs.totals.weightedFill - withoutUs.totals.weightedFill,
      byCapability: [...byCapability.values()].sort(
        (a, b) => b.personnel - a.personnel || (a.capability < b.capability ? -1 : 1),
      ),
    },
  };
}
