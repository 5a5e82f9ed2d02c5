// Record ↔ row, once per record kind. The generic store code knows tables only through these
// mappings: which table, which column is the key, which columns name a nation or a capability,
// and how a record becomes columns and back. Optional fields are NULL in the row and absent (not
// null) in the record, so an exported document equals the one imported.
import type { Releasability, ReleasabilityLevel } from '../domain/access.ts';
import type { UlnRecord } from '../domain/deployment/force-list.ts';
import type { MovementRecord } from '../domain/deployment/movement.ts';
import type { NetworkArc, NetworkNode } from '../domain/deployment/network.ts';
import type { RedLine } from '../domain/escalation.ts';
import type { EntityKind, EntityTypes, StanceRecord } from '../domain/records.ts';
import { ENTITY_REFERENCES, ENTITY_SHOWN_WITH, type RecordReference } from '../domain/releasable-view.ts';
import type { Risk } from '../domain/risk-register.ts';
import type {
  Capability,
  NationFields,
  Offer,
  Pledge,
  Requirement,
  RotationPolicy,
  Source,
} from '../domain/scenario-schema.ts';

export type Row = Record<string, unknown>;

export type EntityTable =
  | 'nations'
  | 'stances'
  | 'capabilities'
  | 'requirements'
  | 'offers'
  | 'pledges'
  | 'rotation_policies'
  | 'network_nodes'
  | 'network_arcs'
  | 'ulns'
  | 'movements'
  | 'red_lines'
  | 'risks';

export type Reference = RecordReference;

export interface EntityMapping<T> {
  table: EntityTable;
  /** Column holding the record's key (the record field is ENTITY_KEY[kind]). */
  keyColumn: string;
  /**
   * Column (and record field of the same name) holding the nation the record belongs to: its owner
   * under the read rule, the nation of its audit entries, and what the `nation` list filter tests.
   * Capabilities and requirement lines belong to no nation.
   */
  nationColumn?: 'id' | 'nation';
  references: readonly Reference[];
  /**
   * Names that are not references (nothing checks they resolve, nothing stops their target being
   * deleted) but that the read rule follows all the same: a ULN names the offer and the requirement
   * line it was drawn from, and is withheld from whoever may not see them (visibility.ts).
   */
  shownWith?: readonly Reference[];
  toRow(record: T): Row;
  fromRow(row: Row): T;
}

interface Provenance {
  source?: Source;
  assumption?: string;
}

/** Provenance lives in one jsonb column: it is always read and written whole. */
function provenanceJson(p: Provenance): string | null {
  if (p.source === undefined && p.assumption === undefined) return null;
  return JSON.stringify({ source: p.source, assumption: p.assumption });
}

function provenanceOf(value: unknown): Provenance {
  if (value === null || value === undefined) return {};
  const p = (typeof value === 'string' ? JSON.parse(value) : value) as Provenance;
  return { source: p.source, assumption: p.assumption };
}

/** Reads typed columns from a row, failing loudly if the schema and this code disagree. */
function reader(row: Row) {
  const get = (column: string): unknown => {
    if (!(column in row)) throw new Error(`storage: column ${column} missing from row`);
    return row[column];
  };
  const wrong = (column: string, expected: string): Error =>
    new Error(`storage: column ${column} is not ${expected} (${typeof row[column]})`);
  const str = (column: string): string => {
    const v = get(column);
    if (typeof v !== 'string') throw wrong(column, 'text');
    return v;
  };
  const num = (column: string): number => {
    const v = get(column);
    if (typeof v !== 'number') throw wrong(column, 'a number');
    return v;
  };
  const bool = (column: string): boolean => {
    const v = get(column);
    if (typeof v !== 'boolean') throw wrong(column, 'a boolean');
    return v;
  };
  const strs = (column: string): string[] => {
    const v = get(column);
    if (!Array.isArray(v) || !v.every((s) => typeof s === 'string')) throw wrong(column, 'a text array');
    return v as string[];
  };
  const optional =
    <T>(read: (column: string) => T) =>
    (column: string): T | undefined =>
      get(column) === null ? undefined : read(column);
  return {
    str,
    num,
    bool,
    strs,
    optStr: optional(str),
    optNum: optional(num),
    provenance: (column = 'provenance') => provenanceOf(get(column)),
  };
}

/** Drops keys whose value is undefined, at every depth, so absent stays absent. */
export function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map(withoutUndefined) as T;
  if (value === null || typeof value !== 'object') return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v);
  return out as T;
}

const nations: EntityMapping<NationFields> = {
  table: 'nations',
  keyColumn: 'id',
  nationColumn: 'id',
  references: ENTITY_REFERENCES.nations,
  toRow: (n) => ({
    id: n.id,
    name: n.name,
    nato: n.nato,
    eu: n.eu,
    gdp_value: n.gdp.value,
    gdp_year: n.gdp.year,
    gdp_currency: n.gdp.currency,
    gdp_provenance: provenanceJson(n.gdp),
    population_value: n.population.value,
    population_year: n.population.year,
    population_provenance: provenanceJson(n.population),
    currency: n.currency,
    role: n.role,
    notes: n.notes ?? null,
    provenance: provenanceJson(n),
  }),
  fromRow: (row) => {
    const r = reader(row);
    return {
      id: r.str('id'),
      name: r.str('name'),
      nato: r.bool('nato'),
      eu: r.bool('eu'),
      gdp: {
        value: r.num('gdp_value'),
        year: r.num('gdp_year'),
        ...r.provenance('gdp_provenance'),
        currency: r.str('gdp_currency'),
      },
      population: {
        value: r.num('population_value'),
        year: r.num('population_year'),
        ...r.provenance('population_provenance'),
      },
      currency: r.str('currency'),
      role: r.str('role'),
      notes: r.optStr('notes'),
      ...r.provenance(),
    } as NationFields;
  },
};

const stances: EntityMapping<StanceRecord> = {
  table: 'stances',
  keyColumn: 'id',
  nationColumn: 'nation',
  references: ENTITY_REFERENCES.stances,
  toRow: (s) => ({
    id: s.id,
    nation: s.nation,
    date: s.date,
    stance: s.stance,
    statement: s.statement,
    provenance: provenanceJson(s),
  }),
  fromRow: (row) => {
    const r = reader(row);
    return {
      id: r.str('id'),
      nation: r.str('nation'),
      date: r.str('date'),
      stance: r.str('stance'),
      statement: r.str('statement'),
      ...r.provenance(),
    } as StanceRecord;
  },
};

/**
 * A capability's lift lives in one jsonb column, read and written whole; its fields are put back
 * in the document's order (jsonb keeps its own), so an export reads as the document was written.
 */
function liftOf(value: unknown): Capability['lift'] {
  if (value === null || value === undefined) return undefined;
  const l = (typeof value === 'string' ? JSON.parse(value) : value) as NonNullable<Capability['lift']>;
  return {
    ...(l.modes !== undefined && { modes: l.modes }),
    ...(l.largestItemTonnes !== undefined && { largestItemTonnes: l.largestItemTonnes }),
    ...(l.source !== undefined && { source: l.source }),
    ...(l.assumption !== undefined && { assumption: l.assumption }),
  };
}

const capabilities: EntityMapping<Capability> = {
  table: 'capabilities',
  keyColumn: 'code',
  references: ENTITY_REFERENCES.capabilities,
  toRow: (c) => ({
    code: c.code,
    name: c.name,
    domain: c.domain,
    default_personnel: c.defaultPersonnel,
    default_tonnes: c.defaultTonnes,
    app6: c.app6,
    description: c.description ?? null,
    lift: c.lift === undefined ? null : JSON.stringify(c.lift),
    provenance: provenanceJson(c),
  }),
  fromRow: (row) => {
    const r = reader(row);
    return {
      code: r.str('code'),
      name: r.str('name'),
      domain: r.str('domain'),
      defaultPersonnel: r.num('default_personnel'),
      defaultTonnes: r.num('default_tonnes'),
      app6: r.str('app6'),
      description: r.optStr('description'),
      lift: liftOf(row.lift),
      ...r.provenance(),
    } as Capability;
  },
};

const requirements: EntityMapping<Requirement> = {
  table: 'requirements',
  keyColumn: 'id',
  references: ENTITY_REFERENCES.requirements,
  toRow: (q) => ({
    id: q.id,
    capability: q.capability,
    quantity: q.quantity,
    personnel_per_unit: q.personnelPerUnit ?? null,
    sector: q.sector,
    task: q.task,
    rdd_c_day: q.rddCDay,
    duration_months: q.durationMonths,
    priority: q.priority,
    description: q.description ?? null,
    provenance: provenanceJson(q),
  }),
  fromRow: (row) => {
    const r = reader(row);
    return {
      id: r.str('id'),
      capability: r.str('capability'),
      quantity: r.num('quantity'),
      personnelPerUnit: r.optNum('personnel_per_unit'),
      sector: r.str('sector'),
      task: r.str('task'),
      rddCDay: r.num('rdd_c_day'),
      durationMonths: r.num('duration_months'),
      priority: r.num('priority'),
      description: r.optStr('description'),
      ...r.provenance(),
    } as Requirement;
  },
};

const offers: EntityMapping<Offer> = {
  table: 'offers',
  keyColumn: 'id',
  nationColumn: 'nation',
  references: ENTITY_REFERENCES.offers,
  toRow: (o) => ({
    id: o.id,
    nation: o.nation,
    capability: o.capability,
    quantity: o.quantity,
    personnel: o.personnel,
    tonnes: o.tonnes,
    readiness_level: o.readiness.level,
    days_to_ready: o.readiness.daysToReady,
    status: o.status,
    excluded_sectors: o.caveats.excludedSectors,
    allowed_tasks: o.caveats.allowedTasks,
    max_duration_months: o.caveats.maxDurationMonths ?? null,
    min_distance_from_line_km: o.caveats.minDistanceFromLineKm ?? null,
    requires_us_backstop: o.caveats.requiresUsBackstop,
    caveat_notes: o.caveats.notes ?? null,
    valid_until: o.validUntil ?? null,
    provenance: provenanceJson(o),
  }),
  fromRow: (row) => {
    const r = reader(row);
    return {
      id: r.str('id'),
      nation: r.str('nation'),
      capability: r.str('capability'),
      quantity: r.num('quantity'),
      personnel: r.num('personnel'),
      tonnes: r.num('tonnes'),
      readiness: { level: r.str('readiness_level'), daysToReady: r.num('days_to_ready') },
      status: r.str('status'),
      caveats: {
        excludedSectors: r.strs('excluded_sectors'),
        allowedTasks: r.strs('allowed_tasks'),
        maxDurationMonths: r.optNum('max_duration_months'),
        minDistanceFromLineKm: r.optNum('min_distance_from_line_km'),
        requiresUsBackstop: r.bool('requires_us_backstop'),
        notes: r.optStr('caveat_notes'),
      },
      validUntil: r.optStr('valid_until'),
      ...r.provenance(),
    } as Offer;
  },
};

const pledges: EntityMapping<Pledge> = {
  table: 'pledges',
  keyColumn: 'id',
  nationColumn: 'nation',
  references: ENTITY_REFERENCES.pledges,
  toRow: (p) => ({
    id: p.id,
    nation: p.nation,
    amount: p.amount,
    currency: p.currency,
    date: p.date,
    purpose: p.purpose,
    stage: p.stage,
    description: p.description ?? null,
    provenance: provenanceJson(p),
  }),
  fromRow: (row) => {
    const r = reader(row);
    return {
      id: r.str('id'),
      nation: r.str('nation'),
      amount: r.num('amount'),
      currency: r.str('currency'),
      date: r.str('date'),
      purpose: r.str('purpose'),
      stage: r.str('stage'),
      description: r.optStr('description'),
      ...r.provenance(),
    } as Pledge;
  },
};

const rotationPolicies: EntityMapping<RotationPolicy> = {
  table: 'rotation_policies',
  keyColumn: 'nation',
  nationColumn: 'nation',
  references: ENTITY_REFERENCES.rotationPolicies,
  toRow: (p) => ({
    nation: p.nation,
    tour_months: p.tourMonths,
    dwell_ratio: p.dwellRatio,
    provenance: provenanceJson(p),
  }),
  fromRow: (row) => {
    const r = reader(row);
    return {
      nation: r.str('nation'),
      tourMonths: r.num('tour_months'),
      dwellRatio: r.num('dwell_ratio'),
      ...r.provenance(),
    } as RotationPolicy;
  },
};

const nodes: EntityMapping<NetworkNode> = {
  table: 'network_nodes',
  keyColumn: 'id',
  // The country the place is in: its liaison officer sees the place even when it is marked.
  nationColumn: 'nation',
  references: ENTITY_REFERENCES.nodes,
  toRow: (n) => ({
    id: n.id,
    name: n.name,
    kind: n.kind,
    nation: n.nation,
    lat: n.lat,
    lon: n.lon,
    reception_personnel: n.receptionPerDay?.personnel ?? null,
    reception_tonnes: n.receptionPerDay?.tonnes ?? null,
    provenance: provenanceJson(n),
  }),
  fromRow: (row) => {
    const r = reader(row);
    const personnel = r.optNum('reception_personnel');
    return {
      id: r.str('id'),
      name: r.str('name'),
      kind: r.str('kind'),
      nation: r.str('nation'),
      lat: r.num('lat'),
      lon: r.num('lon'),
      receptionPerDay: personnel === undefined ? undefined : { personnel, tonnes: r.num('reception_tonnes') },
      ...r.provenance(),
    } as NetworkNode;
  },
};

const arcs: EntityMapping<NetworkArc> = {
  table: 'network_arcs',
  keyColumn: 'id',
  references: ENTITY_REFERENCES.arcs,
  toRow: (a) => ({
    id: a.id,
    from: a.from,
    to: a.to,
    mode: a.mode,
    transit_days: a.transitDays,
    capacity_personnel: a.capacityPerDay.personnel,
    capacity_tonnes: a.capacityPerDay.tonnes,
    load_personnel: a.loadSize.personnel,
    load_tonnes: a.loadSize.tonnes,
    whole_unit: a.wholeUnit ?? null,
    closures: JSON.stringify(a.closures),
    provenance: provenanceJson(a),
  }),
  fromRow: (row) => {
    const r = reader(row);
    const closures = row.closures;
    const wholeUnit = row.whole_unit;
    return {
      id: r.str('id'),
      from: r.str('from'),
      to: r.str('to'),
      mode: r.str('mode'),
      transitDays: r.num('transit_days'),
      capacityPerDay: { personnel: r.num('capacity_personnel'), tonnes: r.num('capacity_tonnes') },
      loadSize: { personnel: r.num('load_personnel'), tonnes: r.num('load_tonnes') },
      wholeUnit: wholeUnit === null || wholeUnit === undefined ? undefined : r.bool('whole_unit'),
      closures: (typeof closures === 'string' ? JSON.parse(closures) : closures) as NetworkArc['closures'],
      ...r.provenance(),
    } as NetworkArc;
  },
};

const ulns: EntityMapping<UlnRecord> = {
  table: 'ulns',
  keyColumn: 'uln',
  nationColumn: 'nation',
  references: ENTITY_REFERENCES.ulns,
  shownWith: ENTITY_SHOWN_WITH.ulns,
  toRow: (u) => ({
    uln: u.uln,
    nation: u.nation,
    capability: u.capability,
    personnel: u.personnel,
    tonnes: u.tonnes,
    origin: u.origin,
    ald: u.ald,
    ead: u.ead,
    lad: u.lad,
    rdd: u.rdd,
    destination: u.destination,
    priority: u.priority,
    offer: u.offer,
    line: u.line,
  }),
  fromRow: (row) => {
    const r = reader(row);
    return {
      uln: r.str('uln'),
      nation: r.str('nation'),
      capability: r.str('capability'),
      personnel: r.num('personnel'),
      tonnes: r.num('tonnes'),
      origin: r.str('origin'),
      ald: r.num('ald'),
      ead: r.num('ead'),
      lad: r.num('lad'),
      rdd: r.num('rdd'),
      destination: r.str('destination'),
      priority: r.num('priority'),
      offer: r.str('offer'),
      line: r.str('line'),
    } as UlnRecord;
  },
};

const movements: EntityMapping<MovementRecord> = {
  table: 'movements',
  keyColumn: 'id',
  nationColumn: 'nation',
  references: ENTITY_REFERENCES.movements,
  toRow: (m) => ({
    id: m.id,
    uln: m.uln,
    nation: m.nation,
    arc: m.arc,
    depart_day: m.departDay,
    arrive_day: m.arriveDay ?? null,
    personnel: m.personnel,
    tonnes: m.tonnes,
    note: m.note ?? null,
    provenance: provenanceJson(m),
  }),
  fromRow: (row) => {
    const r = reader(row);
    return {
      id: r.str('id'),
      uln: r.str('uln'),
      nation: r.str('nation'),
      arc: r.str('arc'),
      departDay: r.num('depart_day'),
      arriveDay: r.optNum('arrive_day'),
      personnel: r.num('personnel'),
      tonnes: r.num('tonnes'),
      note: r.optStr('note'),
      ...r.provenance(),
    } as MovementRecord;
  },
};

const redLines: EntityMapping<RedLine> = {
  table: 'red_lines',
  keyColumn: 'id',
  nationColumn: 'nation',
  references: ENTITY_REFERENCES.redLines,
  toRow: (l) => ({
    id: l.id,
    nation: l.nation,
    rung: l.rung,
    effect: l.effect,
    share: l.share ?? null,
    km: l.km ?? null,
    statement: l.statement,
    provenance: provenanceJson(l),
  }),
  fromRow: (row) => {
    const r = reader(row);
    return {
      id: r.str('id'),
      nation: r.str('nation'),
      rung: r.str('rung'),
      effect: r.str('effect'),
      share: r.optNum('share'),
      km: r.optNum('km'),
      statement: r.str('statement'),
      ...r.provenance(),
    } as RedLine;
  },
};

/** A risk's links (kind and key, in order) live in one jsonb column, read and written whole. */
const risks: EntityMapping<Risk> = {
  table: 'risks',
  keyColumn: 'id',
  // Its links are followed by the read rule through RISK_LINK_TARGETS (visibility.ts).
  references: ENTITY_REFERENCES.risks,
  toRow: (k) => ({
    id: k.id,
    title: k.title,
    cause: k.cause,
    event: k.event,
    impact: k.impact,
    links: JSON.stringify(k.links),
    probability: k.probability,
    severity: k.severity,
    controls: k.controls,
    residual_probability: k.residual.probability,
    residual_severity: k.residual.severity,
    owner: k.owner,
    review_date: k.reviewDate,
    status: k.status,
    provenance: provenanceJson(k),
  }),
  fromRow: (row) => {
    const r = reader(row);
    const links = row.links;
    return {
      id: r.str('id'),
      title: r.str('title'),
      cause: r.str('cause'),
      event: r.str('event'),
      impact: r.str('impact'),
      links: (typeof links === 'string' ? JSON.parse(links) : links) as Risk['links'],
      probability: r.str('probability'),
      severity: r.str('severity'),
      controls: r.strs('controls'),
      residual: { probability: r.str('residual_probability'), severity: r.str('residual_severity') },
      owner: r.str('owner'),
      reviewDate: r.str('review_date'),
      status: r.str('status'),
      ...r.provenance(),
    } as Risk;
  },
};

/**
 * Every kind carries the same marking columns, so they are added here once. An unmarked record
 * has a NULL level; an explicit PUBLIC marking stays explicit.
 */
function marked<T extends { releasability?: Releasability }>(mapping: EntityMapping<T>): EntityMapping<T> {
  return {
    ...mapping,
    toRow: (record) => ({
      ...mapping.toRow(record),
      releasability: record.releasability?.level ?? null,
      rel_to: record.releasability?.nations ?? [],
    }),
    fromRow: (row) => {
      const r = reader(row);
      const level = r.optStr('releasability') as ReleasabilityLevel | undefined;
      const record = mapping.fromRow(row);
      return level === undefined
        ? record
        : { ...record, releasability: { level, nations: r.strs('rel_to') } };
    },
  };
}

export const MAPPINGS: { readonly [K in EntityKind]: EntityMapping<EntityTypes[K]> } = {
  nations: marked(nations),
  stances: marked(stances),
  capabilities: marked(capabilities),
  requirements: marked(requirements),
  offers: marked(offers),
  pledges: marked(pledges),
  rotationPolicies: marked(rotationPolicies),
  nodes: marked(nodes),
  arcs: marked(arcs),
  ulns: marked(ulns),
  movements: marked(movements),
  redLines: marked(redLines),
  risks: marked(risks),
};
