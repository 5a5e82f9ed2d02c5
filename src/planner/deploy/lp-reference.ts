// A reference optimum for the deployment scheduler (schedule.ts): the same deployment written as a
// linear programme over a time-expanded network and solved with HiGHS, so that the list-scheduling
// heuristic can be measured against a proven lower bound of its own objective.
//
// Model (days 0..H-1, H as the scheduler's default: latest of ALD, RDD and LAD plus 61):
//  - A commodity is the personnel, or the tonnes, of a group of ULNs with the same origin,
//    destination, ALD, EAD, RDD, priority and mode eligibility (eligibilityKey): one block, a unit
//    of flow measured as the fraction of its total.
//  - Flow x[k, a, d] of block k on arc a departing day d (none on closed days, none before ALD,
//    arrival d + transit <= H - 1, arrival at the destination not before EAD) and hold-over h[k, v, d]
//    at nodes: one conservation row per (block, node, day); the destination absorbs.
//  - Shared rows: per (arc, departure day) the personnel and tonnes capacity, per (node, arrival
//    day) the reception limits, counting arrivals at every node of a route as the scheduler does.
//  - Objective: weight(priority) * personnel * max(0, arrival - RDD) on arrivals at the destination.
//    The planner now counts a unit late from its delivered day (its last personnel and its critical
//    tonnes in, objective.ts) for all its personnel, at least one: never less than this sum, so the
//    optimum stays a lower bound, but no longer equal to it term for term.
//
// Why this is a relaxation of every schedule the planner can produce (so LP <= planner):
//  - The planner splits cargo into loads and may send personnel ahead of tonnes (each dimension
//    departs as far as its own capacity and reception allow), and a unit late on every route may
//    send its personnel and its tonnes on routes of their own (choose-route.ts). So each dimension
//    of a unit is a flow of its own, nothing ties the two, and a commodity is one dimension.
//  - Merging ULNs with the same origin, destination, timing and priority keeps a relaxation: the
//    sum of their personnel (or tonnes) schedules is a flow of the merged commodity, and the
//    objective is linear in it. Units that may use different arcs (canCarry: modes, largest item)
//    stay apart: their sum is no flow of one commodity over the arcs both may use.
//  - Loads are continuous, whole-unit departures may split across days and a ULN may split across
//    routes: all relaxations. Arcs the scheduler can never use for a unit (a mode it may not take or
//    a load too small for its largest item, as canCarry says; a dimension with no capacity, a load
//    bigger than the head node's reception, a whole unit bigger than capacity) are left out for it,
//    as are arcs into its origin or out of its destination (routes are simple).
//  - Pruning (arc, day) columns to days the commodity can reach the tail by (forward earliest times)
//    and from which it can still reach its destination inside the horizon (backward earliest
//    arrival) removes only columns that are zero in every feasible flow, so it changes nothing.
//
// The MIP (options.integer, small instances, one commodity per ULN and dimension) adds what holds
// for every planner schedule as integrality: a binary per arc of each dimension's one route (simple:
// at most one route arc into each node); whole-unit departures as binaries; and load granularity
// per (dimension, arc, day): the amount leaving is a whole number of loads unless the dimension's
// pool at the tail empties that day (only the pool's last load may be short). The planner also
// couples personnel and tonnes inside a load, mostly keeps them on one route and fills loads in a
// fixed order; the MIP ignores that, so it stays a relaxation: LP <= MIP <= planner, with equality
// where the heuristic is optimal.
//
// Two ways to solve the LP:
//  - 'arc-flow': the model above as one sparse matrix (CSC typed arrays passed to HiGHS). Exact, but
//    its size is commodities x arcs x days: at 2,000 ULNs on the generated network it has millions
//    of columns, beyond what HiGHS compiled to WebAssembly solves in reasonable time and memory.
//  - 'column-generation': the same LP in path form (flow decomposition: every block's flow is a
//    convex combination of time-expanded walks from (origin, ALD) to the destination). A restricted
//    master holds the walks found so far plus the shared rows they touch; pricing is a
//    shortest path per block over the time-expanded network (acyclic: every arc takes at least a
//    day) with the duals as arc costs. Pricing keeps to simple routes (pricingStates), so its
//    optimum is at least the arc-flow LP's, and equal to it on networks without cycles; still a
//    relaxation of every planner schedule. Every round gives a Lagrangian lower bound (duals with the
//    right signs, plus each block's cheapest walk), so a time limit still leaves a valid bound. It
//    starts from the planner's own schedule cut into walks and prices at smoothed duals.
//
// The closure day is not optimised; closureDayLowerBound is each unit's earliest possible arrival
// ignoring capacity, and closureCurve the LP solution's (one optimal solution among many).
//
// This file is the public entry; the work is in lp/: prepared-instance.ts (flat network, commodities,
// reachability), arc-flow-model.ts and matrix-builder.ts (the CSC model), arc-flow-solve.ts (LP and
// MIP), pricing-states.ts, walk-pricing.ts, master.ts, planned-walks.ts and column-generation.ts
// (column generation), results.ts (gap, statuses) and solve-reference.ts (the front door).
export { loadHighs } from '../force-fill-lp.ts';
export type { ArcFlowModel } from './lp/arc-flow-model.ts';
export type {
  ReferenceMethod,
  ReferenceModelSize,
  ReferenceOptions,
  ReferenceProgress,
  ReferenceResult,
  ReferenceStatus,
} from './lp/reference-types.ts';
export { referenceGap } from './lp/results.ts';
export type { ReferenceGap } from './lp/results.ts';
export { solveDeploymentReference } from './lp/solve-reference.ts';
