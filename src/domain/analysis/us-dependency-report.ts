// Analysis 3 of the product design, dependency: what the coalition's force rests on the United
// States for, through offers that require a US backstop or nations whose current stance is absent.
// Types only; computed by src/planner/us-dependency.ts.
import type { CapabilityCode, IsoDate, NationId, OfferId, Personnel, RequirementId } from '../ids.ts';
import type { ForceFillTotals } from './force-fill-report.ts';

export interface LineUsDependency {
  line: RequirementId;
  capability: CapabilityCode;
  sector: string;
  task: string;
  priority: number;
  requiredQuantity: number;
  filledWithUs: number;
  filledWithoutUs: number;
  /** Units the line has with the US and not without it; 0 when it keeps or gains units. */
  lostQuantity: number;
  /** The lost units at the line's planning size. */
  lostPersonnel: Personnel;
  /** With the US, the line is filled (partly or wholly) only by offers that require a US backstop. */
  onlyBackstopOffers: boolean;
  /** With the US, the line is filled only by nations whose current stance is absent. */
  onlyAbsentNations: boolean;
  /** Offers requiring a US backstop that fill the line with the US. */
  backstopOffers: OfferId[];
  /** Absent nations that fill the line with the US. */
  absentNations: NationId[];
}

export interface CapabilityLoss {
  capability: CapabilityCode;
  quantity: number;
  personnel: Personnel;
}

export interface UsDependencyReport {
  /** The date stances are read at. */
  asOf: IsoDate;
  /** Nations whose current stance is absent (the US in the reference article). */
  absentNations: NationId[];
  /** Fill assuming a US backstop, with every nation's offers. */
  withUs: ForceFillTotals;
  /** Fill without a backstop and without the absent nations' offers. */
  withoutUs: ForceFillTotals;
  /** Lines that lose units without the US or take any unit from a backstop offer or an absent nation, in the scenario's order. */
  lines: LineUsDependency[];
  /** What the coalition lacks if the US stays out. */
  lacks: {
    /** Lines that lose units. */
    lines: RequirementId[];
    /** Lines that have units with the US and none without. */
    linesEmptied: RequirementId[];
    quantity: number;
    /** Lost units at the lines' planning sizes. */
    personnel: Personnel;
    /** Matched personnel with the US minus without (as the offers declare them). */
    personnelMatched: Personnel;
    weightedFill: number;
    byCapability: CapabilityLoss[];
  };
}
