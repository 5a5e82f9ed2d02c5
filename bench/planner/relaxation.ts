// Where the planner loses to the bound's relaxation: for each instance, the plan and the plan guided
// by the bound's prices, the delivery-day bound by subgradient ascent alone, and the same bound
// solved to the relaxation's optimum by column generation (bound/delivery-master.ts, HiGHS). When
// the master converges, no choice of prices can prove more: the gap left is between the relaxation
// and the planner's rules, not the bound's search. Then the excess of the plan over the
// relaxation's solution per class of ULN (heavy or not, size), which says where it lies.
//
//   npm run bench:relaxation                       # layered surge N = 2,000 seeds 1-3, the shapes' seed 1
//   npm run bench:relaxation -- --seconds 90 --n 2000 --seeds 1,2 --shapes layered,mid-closure
import { parseArgs } from 'node:util';
import { deliveryLowerBound } from '../../src/planner/deploy/bound/delivery-bound.ts';
import { deliveryMasterBound } from '../../src/planner/deploy/bound/delivery-master.ts';
import { generateDeploymentInstance } from '../../src/planner/deploy/instance-generator.ts';
import type { InstanceShape } from '../../src/planner/deploy/instance-generator.ts';
import { planDeployment } from '../../src/planner/deploy/schedule.ts';
import type { Uln } from '../../src/planner/deploy/schedule.ts';
import { loadHighs } from '../../src/planner/force-fill-lp.ts';
import { renderTable } from '../../src/cli/table.ts';

const { values } = parseArgs({
  options: {
    seconds: { type: 'string', default: '60' },
    n: { type: 'string', default: '2000' },
    seeds: { type: 'string', default: '1,2,3' },
    shapes: { type: 'string', default: 'layered,single-crossing,corridor-detour,mid-closure' },
    help: { type: 'boolean', default: false },
  },
});
if (values.help) {
  console.log('npm run bench:relaxation -- [--seconds 60] [--n 2000] [--seeds 1,2,3] [--shapes layered,...]');
  process.exit(0);
}
const seconds = Number(values.seconds);
const n = Number(values.n);
const seeds = values.seeds.split(',').map(Number);
const shapes = values.shapes.split(',') as InstanceShape[];

/** A ULN's class: heavy (an item no tactical lift takes) or not, and its size by tonnes. */
const classOf = (u: Uln): string =>
  `${(u.largestItemTonnes ?? 0) > 20 ? 'heavy' : 'light'}, ${u.tonnes > 1000 ? '> 1,000 t' : u.tonnes > 200 ? '200-1,000 t' : '≤ 200 t'}`;

const fmt = (x: number) => Math.round(x).toLocaleString('en-GB');
const pct = (plan: number, bound: number) => (bound > 0 ? `${((plan / bound - 1) * 100).toFixed(1)}` : '∞');

interface Row {
  instance: string;
  plan: number;
  guided: number;
  ascent: number;
  master: number;
  status: string;
  seconds: number;
  fractional: string;
  excess: Map<string, { plan: number; lp: number; count: number }>;
}

const highs = await loadHighs();
const rows: Row[] = [];
for (const shape of shapes) {
  for (const seed of shape === 'layered' ? seeds : seeds.slice(0, 1)) {
    const { network, ulns } = generateDeploymentInstance({
      seed,
      ulnCount: n,
      scenario: 'surge',
      shape,
      lift: true,
    });
    const plan = planDeployment(network, ulns);
    const options = {
      target: plan.objective.value,
      horizonDays: plan.horizonDays,
      timeLimitMs: seconds * 1000,
    };
    const ascent = deliveryLowerBound(network, ulns, options);
    const master = deliveryMasterBound(network, ulns, { ...options, highs, ascentShare: 0.3 });
    const guided = planDeployment(network, ulns, { prices: master.prices });
    const excess = new Map<string, { plan: number; lp: number; count: number }>();
    // The LP's per-ULN lateness says where the plan loses only once the master is at its optimum.
    if (master.status === 'converged' && !master.error)
      plan.ulns.forEach((s, j) => {
        const k = classOf(ulns[j]!);
        const e = excess.get(k) ?? { plan: 0, lp: 0, count: 0 };
        e.plan += s.weightedPersonnelDaysLate;
        e.lp += master.ulnLateness?.[j] ?? 0;
        e.count++;
        excess.set(k, e);
      });
    const row: Row = {
      instance: `${shape}/surge/${n}/${seed}`,
      plan: plan.objective.value,
      guided: guided.objective.value,
      ascent: ascent.value,
      master: master.value,
      status: master.error ? `error: ${master.error}` : `${master.status}, ${master.rounds} rounds`,
      seconds: master.elapsedMs / 1000,
      fractional: master.ulnLateness ? `${master.fractional} of ${ulns.length}` : '',
      excess,
    };
    rows.push(row);
    process.stderr.write(
      `${row.instance}: plan ${fmt(row.plan)}, relaxation ${fmt(row.master)} (${row.status})\n`,
    );
  }
}

console.log(
  `The delivery-day relaxation against the planner: surge, N = ${n.toLocaleString('en-GB')}, ${seconds} s per bound\n`,
);
console.log(
  renderTable(rows, [
    { header: 'instance', value: (r) => r.instance },
    { header: 'plan', value: (r) => fmt(r.plan), align: 'right' },
    { header: 'guided', value: (r) => fmt(r.guided), align: 'right' },
    { header: 'ascent bound', value: (r) => fmt(r.ascent), align: 'right' },
    { header: 'master bound', value: (r) => fmt(r.master), align: 'right' },
    { header: 'master', value: (r) => r.status },
    { header: 's', value: (r) => r.seconds.toFixed(1), align: 'right' },
    { header: 'split ULNs', value: (r) => r.fractional },
    {
      header: 'gap % (better plan)',
      value: (r) => pct(Math.min(r.plan, r.guided), r.master),
      align: 'right',
    },
  ]),
);
console.log(
  '\nPlan against the relaxation per class of ULN, where the master converged (priority-weighted personnel-days late):\n',
);
const classRows = rows.flatMap((r) =>
  [...r.excess].sort().map(([k, e]) => ({ instance: r.instance, k, ...e })),
);
console.log(
  renderTable(classRows, [
    { header: 'instance', value: (r) => r.instance },
    { header: 'ULNs', value: (r) => r.k },
    { header: 'n', value: (r) => String(r.count), align: 'right' },
    { header: 'relaxation', value: (r) => fmt(r.lp), align: 'right' },
    { header: 'plan', value: (r) => fmt(r.plan), align: 'right' },
    { header: 'excess', value: (r) => fmt(r.plan - r.lp), align: 'right' },
  ]),
);
console.log(
  '\nascent bound: bound/delivery-bound.ts alone; master bound: the same relaxation with prices from a restricted ' +
    "master LP (bound/delivery-master.ts); 'converged' means no schedule improves the master: the relaxation's " +
    'optimum is proved, so no bound of this relaxation can close more of the gap. split ULNs: ULNs the LP solution ' +
    "splits over more than one schedule. relaxation per class: each ULN's lateness in the LP solution.",
);
