// The briefing pack's annex: where every figure comes from. Every record and figure of the scenario
// the audience may see that carries a source or an assumption, with it, kind by kind; every rate the
// cost used; and the pack's identity (data as-of date, the scenario's content version and the
// SHA-256 of its inputs as the audience sees them), so a reader can tell two packs apart.
import type { PackSection } from '../../domain/brief/pack.ts';
import { day, provenanceText, table, text, type Provenanced } from './pack-format.ts';
import type { PackInputs } from './pack-sections.ts';

interface Row {
  kind: string;
  what: string;
  p: Provenanced;
}

function rowsOf({ doc, cost }: PackInputs): Row[] {
  const rows: Row[] = [];
  const push = (kind: string, what: string, p: Provenanced) => {
    if (p.source || p.assumption !== undefined) rows.push({ kind, what, p });
  };
  const t = doc.mission.forceTarget;
  push('Mission', `Force target ${t.personnel.toLocaleString('en-GB')}`, t);
  for (const e of t.estimates) push('Mission', `Estimate of the force`, e as Provenanced);
  for (const g of doc.mission.goals) push('Mission', `Goal: ${g.text}`, g);
  for (const e of doc.mission.events) push('Mission', `${day(e.date)}: ${e.title}`, e);
  for (const nation of doc.nations) {
    push('Nation', `${nation.name}`, nation);
    push('Nation', `${nation.name}: GDP ${nation.gdp.year}`, nation.gdp);
    push('Nation', `${nation.name}: population ${nation.population.year}`, nation.population);
    for (const s of nation.stances) push('Stance', `${nation.name}, ${day(s.date)}: ${s.stance}`, s);
  }
  for (const c of doc.capabilities) push('Capability', `${c.code} ${c.name}`, c);
  for (const r of doc.requirements) push('Requirement line', `${r.id} ${r.capability} ${r.sector}`, r);
  for (const o of doc.offers) push('Offer', `${o.id} ${o.nation} ${o.quantity} × ${o.capability}`, o);
  for (const p of doc.pledges)
    push('Pledge', `${p.id} ${p.nation} ${p.amount.toLocaleString('en-GB')} ${p.currency}`, p);
  for (const r of doc.rotationPolicies) push('Rotation policy', `${r.nation}`, r);
  for (const node of doc.network.nodes) push('Network place', `${node.id} ${node.name}`, node);
  for (const arc of doc.network.arcs) push('Network arc', arc.id, arc);
  const loc = doc.theatre?.lineOfContact;
  if (loc) push('Theatre', `Line of contact, ${day(loc.date)}`, loc);
  for (const z of doc.theatre?.zones ?? []) push('Theatre', `Zone ${z.name}`, z);
  for (const rung of doc.escalation?.rungs ?? [])
    push('Escalation', `Rung ${rung.level}: ${rung.name}`, rung);
  for (const l of doc.redLines) push('Red line', `${l.id} ${l.nation}`, l);
  for (const r of doc.risks) push('Risk', `${r.id} ${r.title}`, r);
  const rates = cost.rates;
  push('Cost rate', 'Personnel per person per month', rates.personnelPerMonth);
  for (const r of rates.nationPersonnelPerMonth) push('Cost rate', `Personnel per month, ${r.nation}`, r);
  for (const r of rates.sustainmentPerMonth) push('Cost rate', `Sustainment per month, ${r.domain}`, r);
  for (const r of rates.transportPerLoad) push('Cost rate', `Transport per load, ${r.mode}`, r);
  return rows;
}

export function annexSection(inputs: PackInputs, id: { version: number | null; hash: string }): PackSection {
  const rows = rowsOf(inputs);
  const { doc } = inputs;
  return {
    id: 'annex',
    title: 'Annex: sources and assumptions',
    newPage: true,
    blocks: [
      text(
        `Data as of ${day(doc.asOf)}. Scenario ${doc.id}${id.version === null ? '' : `, content version ${id.version}`}; SHA-256 of its inputs as this audience sees them: ${id.hash}.`,
      ),
      text(
        `${rows.length} records and figures carry a source or an assumption; each is listed with it. A figure without either is the product's computation from these.`,
      ),
      table(
        'Every source and assumption',
        ['Kind', 'Record or figure', 'Source or assumption'],
        rows.map((r) => [r.kind, r.what, provenanceText(r.p)]),
        [12, 28, 60],
      ),
    ],
  };
}
