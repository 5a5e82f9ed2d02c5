// The force generation fill written as a linear programme and solved with HiGHS, to check the
// combinatorial engine in force-fill.ts on random and reference instances. Slower by orders of
// magnitude, so tests use it, not the Monte Carlo.
//
//   maximise    sum over arcs (o, l) of weight(l) * x(o, l)
//   subject to  sum over o of x(o, l) <= quantity(l)         for every line l
//               sum over l of x(o, l) <= supply(o)           for every offer o
//               x >= 0, integral when asked
//
// Arcs are the (offer, line) pairs the caveats allow (PreparedFill.offers[].eligibleLines). The
// constraint matrix is that of a bipartite transportation problem, totally unimodular, so the LP
// optimum is already integral; `integer: true` asks HiGHS to prove it as a MIP anyway.
//
// The lateness check fixes every line's fill and minimises late unit-days instead.
//
// Loading: `highs` reads its highs.wasm from beside its loader with the file system in Node (no
// network); the import is dynamic so that merely importing the planner costs nothing.
import type { Highs } from 'highs';
import type { PreparedFill } from './force-fill.ts';

export type HighsSolver = Pick<Highs, 'solve'>;

type HighsLoader = () => Promise<Highs>;

export async function loadHighs(): Promise<Highs> {
  // The package's types describe it as CommonJS, but Node's `import` condition gives its ES module,
  // whose default export is the loader itself; accept either shape.
  const module = (await import('highs')) as unknown as { default: HighsLoader | { default: HighsLoader } };
  const load = typeof module.default === 'function' ? module.default : module.default.default;
  return load();
}

export interface FillLpOptions {
  /** Offers that turn up, indexed like `prepared.offers`; absent means all. */
  delivered?: ArrayLike<boolean | number>;
  /** Solve as a MIP with integral unit counts. Default false (the LP is integral anyway). */
  integer?: boolean;
}

export interface FillLpSolution {
  /** HiGHS's model status ("Optimal"), or "Empty" when there is no arc to decide. */
  status: string;
  objective: number;
  /** Units per line, by `prepared.lines` index. */
  lineFilled: number[];
}

interface Arc {
  column: string;
  offer: number;
  line: number;
  weight: number;
  daysLate: number;
}

function arcsOf(prepared: PreparedFill, delivered?: ArrayLike<boolean | number>): Arc[] {
  const arcs: Arc[] = [];
  prepared.offers.forEach((offer, oi) => {
    if (!offer.available || (delivered !== undefined && !delivered[oi])) return;
    for (const li of offer.eligibleLines) {
      const line = prepared.lines[li]!;
      arcs.push({
        column: `x${arcs.length}`,
        offer: oi,
        line: li,
        weight: line.weight,
        daysLate: Math.max(0, offer.readyCDay - line.rddCDay),
      });
    }
  });
  return arcs;
}

function linearSum(terms: readonly { coefficient: number; column: string }[]): string {
  return terms.map((t, i) => `${i === 0 ? '' : '+ '}${t.coefficient} ${t.column}`).join(' ');
}

function capacityRows(
  prepared: PreparedFill,
  arcs: readonly Arc[],
  lineRow: (li: number, terms: string) => string,
): string[] {
  const rows: string[] = [];
  const byLine = new Map<number, Arc[]>();
  const byOffer = new Map<number, Arc[]>();
  for (const a of arcs) {
    byLine.set(a.line, [...(byLine.get(a.line) ?? []), a]);
    byOffer.set(a.offer, [...(byOffer.get(a.offer) ?? []), a]);
  }
  for (const [li, list] of byLine) {
    rows.push(lineRow(li, linearSum(list.map((a) => ({ coefficient: 1, column: a.column })))));
  }
  for (const [oi, list] of byOffer) {
    const terms = linearSum(list.map((a) => ({ coefficient: 1, column: a.column })));
    rows.push(` offer${oi}: ${terms} <= ${prepared.offers[oi]!.quantity}`);
  }
  return rows;
}

function model(
  sense: 'Maximize' | 'Minimize',
  objective: string,
  rows: string[],
  arcs: readonly Arc[],
  integer: boolean,
) {
  const generals = integer ? ['Generals', ` ${arcs.map((a) => a.column).join(' ')}`] : [];
  return [sense, ` obj: ${objective}`, 'Subject To', ...rows, ...generals, 'End'].join('\n');
}

/** The fill LP in CPLEX LP format, for inspection. */
export function fillLpText(prepared: PreparedFill, options: FillLpOptions = {}): string {
  const arcs = arcsOf(prepared, options.delivered);
  const rows = capacityRows(
    prepared,
    arcs,
    (li, terms) => ` line${li}: ${terms} <= ${prepared.lines[li]!.quantity}`,
  );
  const objective = linearSum(arcs.map((a) => ({ coefficient: a.weight, column: a.column })));
  return model('Maximize', objective, rows, arcs, options.integer ?? false);
}

export function solveFillLp(
  highs: HighsSolver,
  prepared: PreparedFill,
  options: FillLpOptions = {},
): FillLpSolution {
  const arcs = arcsOf(prepared, options.delivered);
  const lineFilled = prepared.lines.map(() => 0);
  if (arcs.length === 0) return { status: 'Empty', objective: 0, lineFilled };
  const solution = highs.solve(fillLpText(prepared, options), { output_flag: false });
  if (solution.Status !== 'Optimal') return { status: solution.Status, objective: Number.NaN, lineFilled };
  for (const a of arcs) lineFilled[a.line]! += solution.Columns[a.column]?.Primal ?? 0;
  return { status: solution.Status, objective: solution.ObjectiveValue, lineFilled };
}

/** The least late unit-days with which the lines can hold exactly `lineFilled` units. */
export function solveLatenessLp(
  highs: HighsSolver,
  prepared: PreparedFill,
  lineFilled: ArrayLike<number>,
  options: FillLpOptions = {},
): { status: string; lateUnitDays: number } {
  const arcs = arcsOf(prepared, options.delivered);
  if (arcs.length === 0) return { status: 'Empty', lateUnitDays: 0 };
  const rows = capacityRows(prepared, arcs, (li, terms) => ` line${li}: ${terms} = ${lineFilled[li]}`);
  // A late-free model still needs an objective term for the LP reader.
  const objective = linearSum(arcs.map((a) => ({ coefficient: a.daysLate, column: a.column })));
  const solution = highs.solve(model('Minimize', objective, rows, arcs, options.integer ?? false), {
    output_flag: false,
  });
  return {
    status: solution.Status,
    lateUnitDays: solution.Status === 'Optimal' ? solution.ObjectiveValue : Number.NaN,
  };
}
