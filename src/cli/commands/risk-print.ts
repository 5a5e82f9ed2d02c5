// How `coalition risk` (and `coalition analyse --only risk`) prints the risk analysis: the line of
// contact, personnel per band and per nation × band, the flags, the ladder with its red lines and the
// force remaining at each rung, and the force with red lines correlated against independent. Every
// table keeps within 100 columns: long text wraps, and the ladder is split in two tables.
import type { RiskResult } from '../../contract/analyses/index.ts';
import { renderTable, wrapCell } from '../table.ts';

const WIDTH = 100;
const fmt = (n: number) => Math.round(n).toLocaleString('en-GB');
const km = (n: number) => String(Number(n.toFixed(2)));
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const wrap = (text: string, indent = '') =>
  wrapCell(text, WIDTH - indent.length)
    .map((l) => indent + l)
    .join('\n');

type Band = RiskResult['bands'][number];
const bandRange = (b: Band) =>
  b.toKm === null ? `> ${km(b.fromKm)} km` : `${km(b.fromKm)}–${km(b.toKm)} km`;

export function printRisk(r: RiskResult): string {
  const out: string[] = [];
  out.push('LINE OF CONTACT');
  if (r.line) {
    const l = r.line;
    const from = l.provenance.source
      ? `source: ${l.provenance.source.publication}`
      : l.provenance.assumption !== undefined
        ? `assumption: ${l.provenance.assumption}`
        : 'no source given';
    out.push(
      wrap(`As of ${l.date}: ${fmt(l.lengthKm)} km long, ${l.vertices} positions in ${l.lines} line(s)`),
      wrap(from),
    );
  } else out.push('—');

  out.push('', `PERSONNEL BY DISTANCE FROM THE LINE (bands: ${r.bandsFrom})`);
  const e = r.exposure;
  if (e) {
    let within = 0;
    out.push(
      renderTable(
        e.bands.map((b, i) => ({ b, personnel: e.personnel[i] ?? 0 })),
        [
          { header: 'BAND', value: (x) => x.b.name, maxWidth: 30 },
          { header: 'DISTANCE', value: (x) => bandRange(x.b) },
          { header: 'PERSONNEL', value: (x) => x.personnel },
          {
            header: 'WITHIN (CUMULATIVE)',
            value: (x) => (x.b.toKm === null ? '—' : fmt((within += x.personnel))),
            align: 'right',
          },
        ],
      ),
      `Placed ${fmt(e.placedPersonnel)}; not yet scheduled ${fmt(e.unplacedPersonnel)}` +
        (e.unlocated.length > 0 ? `; ${e.unlocated.length} ULN(s) without a place` : ''),
      '',
      'PERSONNEL BY NATION AND BAND',
      nationTable(e),
    );
    if (e.view === 'public') out.push(`Places rounded to a ${e.gridDegrees}° grid (public view).`);
    out.push('', `FLAGS (${e.flags.length}): caveats, red lines and zones that forbid where a unit stands`);
    const shown = e.flags.slice(0, 20);
    out.push(...shown.map((f) => wrap(`- ${f.text}`, '').replace(/\n/g, '\n  ')));
    if (e.flags.length > shown.length) out.push(`… and ${e.flags.length - shown.length} more (--json)`);
    if (e.flags.length === 0) out.push('—');
  } else out.push('—');

  out.push('', 'ESCALATION LADDER');
  const ladder = r.ladder;
  if (ladder) {
    out.push(
      renderTable(ladder.rungs, [
        { header: 'LVL', value: (g) => g.level },
        { header: 'RUNG', value: (g) => g.name, maxWidth: 28 },
        { header: 'RESPOND', value: (g) => `${km(g.hoursToRespond)} h`, align: 'right' },
        { header: 'OWNER', value: (g) => g.owner, maxWidth: 24 },
        {
          header: 'RED LINES',
          value: (g) =>
            g.redLines.length === 0
              ? '—'
              : g.redLines
                  .map((l) =>
                    l.effect === 'withdraws'
                      ? `${l.nation} withdraws ${pct(l.share ?? 1)}`
                      : `${l.nation} ≥ ${km(l.km ?? 0)} km`,
                  )
                  .join('; '),
          maxWidth: 26,
        },
      ]),
      '',
      `FORCE REMAINING BY RUNG (personnel matched; target ${fmt(ladder.personnelTarget)})`,
      renderTable(ladder.rungs, [
        { header: 'LVL', value: (g) => g.level },
        { header: 'REACHED', value: (g) => pct(g.probabilityReached), align: 'right' },
        {
          header: 'WITHDRAWN',
          value: (g) => (g.withdrawals.length === 0 ? '—' : g.withdrawals.map((w) => w.nation).join(', ')),
          maxWidth: 24,
        },
        { header: 'ALL DELIVER', value: (g) => g.allDeliver.personnelMatched },
        { header: 'P50', value: (g) => fmt(g.personnelMatched.p50), align: 'right' },
        { header: 'P10', value: (g) => fmt(g.personnelMatched.p10), align: 'right' },
        { header: 'TARGET MET', value: (g) => pct(g.probabilityTargetMet), align: 'right' },
      ]),
    );
  } else out.push('—');

  out.push('', ...respondSection(r));

  if (r.outcome) {
    const o = r.outcome;
    out.push(
      '',
      'WHERE ESCALATION STOPS: RED LINES CORRELATED AGAINST INDEPENDENT',
      renderTable(
        [
          ['Correlated', o.correlated],
          ['Independent', o.independent],
        ] as const,
        [
          { header: 'MODEL', value: ([m]) => m },
          { header: 'P10', value: ([, x]) => fmt(x.personnelMatched.p10), align: 'right' },
          { header: 'P50', value: ([, x]) => fmt(x.personnelMatched.p50), align: 'right' },
          { header: 'P90', value: ([, x]) => fmt(x.personnelMatched.p90), align: 'right' },
          {
            header: 'TARGET MET',
            value: ([, x]) => `${pct(x.probabilityTargetMet)} ± ${pct(x.probabilityTargetMetError)}`,
            align: 'right',
          },
        ],
      ),
    );
  }
  if (r.notes.length > 0) out.push('', 'NOTES', ...r.notes.map((n) => wrap(`- ${n}`).replace(/\n/g, '\n  ')));
  return out.join('\n');
}

/** Who can reach the threatened sector within 24, 48 and 72 h, per rung, then its quickest units. */
function respondSection(r: RiskResult): string[] {
  const x = r.respond;
  if (!x) return ['WHO CAN RESPOND', '—'];
  const w = x.windows;
  const rungName = new Map((r.ladder?.rungs ?? []).map((g) => [g.id, `${g.level} ${g.name}`]));
  const out = [wrap(`WHO CAN RESPOND: personnel able to reach ${x.sector} on C+${x.day}, by rung`)];
  if (x.rungs.length > 0)
    out.push(
      renderTable(x.rungs, [
        { header: 'RUNG', value: (g) => rungName.get(g.rung) ?? g.rung, maxWidth: 30 },
        ...w.map((h, i) => ({
          header: `≤ ${h} H`,
          value: (g: (typeof x.rungs)[number]) => fmt(g.personnel[i] ?? 0),
          align: 'right' as const,
        })),
        {
          header: 'IN RUNG TIME',
          value: (g) => `${fmt(g.personnelWithinRungTime)} (${km(g.hoursToRespond)} h)`,
          align: 'right',
        },
        {
          header: 'KEPT AWAY',
          value: (g) => (g.keptAway.length === 0 ? '—' : g.keptAway.join(', ')),
          maxWidth: 16,
        },
      ]),
    );
  const at48 = w.indexOf(48);
  const first = x.rungs[0];
  if (first && at48 >= 0 && first.nations.length > 0)
    out.push(
      '',
      wrap(
        `Within 48 h at the lowest rung, by nation: ${first.nations.map((n) => `${n.nation} ${fmt(n.personnel[at48] ?? 0)}`).join(', ')}`,
      ),
    );
  out.push(
    '',
    'BY SECTOR (lowest rung)',
    renderTable(x.sectors, [
      { header: 'SECTOR', value: (s) => s.sector, maxWidth: 28 },
      {
        header: 'FROM LINE',
        value: (s) => (s.distanceToLineKm === null ? '—' : `${fmt(s.distanceToLineKm)} km`),
        align: 'right',
      },
      ...w.map((h, i) => ({
        header: `≤ ${h} H`,
        value: (s: (typeof x.sectors)[number]) => fmt(s.personnel[i] ?? 0),
        align: 'right' as const,
      })),
    ]),
  );
  const quickest = x.units.filter((u) => u.hours !== null && u.hours <= w[w.length - 1]!);
  out.push(
    '',
    `QUICKEST UNITS TO ${x.sector.toUpperCase()} (${quickest.length} within ${w[w.length - 1]} h)`,
    quickest.length === 0
      ? '—'
      : renderTable(quickest.slice(0, 15), [
          { header: 'ULN', value: (u) => u.id },
          { header: 'NATION', value: (u) => u.nation },
          { header: 'CAPABILITY', value: (u) => u.capability },
          { header: 'PERSONNEL', value: (u) => u.personnel },
          { header: 'FROM', value: (u) => u.from },
          { header: 'ROUTE', value: (u) => u.route ?? '—' },
          { header: 'HOURS', value: (u) => km(u.hours ?? 0), align: 'right' },
        ]),
  );
  if (quickest.length > 15) out.push(`… and ${quickest.length - 15} more (--json)`);
  const cannot = x.units.filter((u) => u.cannot !== null && u.domain !== 'enabler').length;
  if (cannot > 0)
    out.push(`${cannot} unit(s) cannot be sent there: a caveat, or a maritime unit elsewhere (--json).`);
  return out;
}

/** Nations down, bands across; a table too wide for the terminal is split into groups of bands. */
function nationTable(e: NonNullable<RiskResult['exposure']>): string {
  const nationWidth = 8;
  const cell = (b: Band) => Math.max(bandRange(b).length, 9) + 2;
  const groups: number[][] = [];
  let width = nationWidth + 11;
  for (let i = 0; i < e.bands.length; i++) {
    const w = cell(e.bands[i]!);
    if (groups.length === 0 || width + w > WIDTH) {
      groups.push([]);
      width = nationWidth + 11;
    }
    groups[groups.length - 1]!.push(i);
    width += w;
  }
  return groups
    .map((bands, g) =>
      renderTable(e.nations, [
        { header: 'NATION', value: (n) => n.nation },
        ...bands.map((i) => ({
          header: bandRange(e.bands[i]!),
          value: (n: (typeof e.nations)[number]) => n.personnel[i] ?? 0,
        })),
        ...(g === groups.length - 1
          ? [{ header: 'UNPLACED', value: (n: (typeof e.nations)[number]) => n.unplacedPersonnel }]
          : []),
      ]),
    )
    .join('\n\n');
}
