// Who a briefing pack is for (issue 16), and the classification banner it carries. A pack is
// generated as a viewer of its audience, so it holds only what that audience may see:
// - `public`: PUBLIC records only (an observer without a nation);
// - `coalition`: what every nation's liaison officer may see: PUBLIC and COALITION records, and no
//   record released to some nations only (REL_TO), not even the reader's own;
// - `rel-to` a nation: what that nation's liaison officer sees (PUBLIC, COALITION, REL_TO lists naming
//   it, and its own records);
// - `staff`: coalition staff, everything.
// The banner is derived from the markings of everything inside: the most restrictive level, and for
// REL_TO the nations every REL_TO record is released to (the intersection; a nation always sees its
// own records, so a record's owner counts as released to). An empty intersection can go to no nation:
// COALITION STAFF ONLY.
import { z } from 'zod';
import type { Principal } from '../access.ts';
import { nationIdSchema, type NationId } from '../ids.ts';
import { PUBLIC, type Releasability } from '../releasability.ts';

export const AUDIENCE_KINDS = ['staff', 'coalition', 'rel-to', 'public'] as const;
export type AudienceKind = (typeof AUDIENCE_KINDS)[number];

export const audienceSchema = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('staff') }),
    z.strictObject({ kind: z.literal('coalition') }),
    z.strictObject({ kind: z.literal('rel-to'), nation: nationIdSchema }),
    z.strictObject({ kind: z.literal('public') }),
  ],
  { error: `must be one of ${AUDIENCE_KINDS.join(', ')} (rel-to with a nation)` },
);
export type Audience = z.output<typeof audienceSchema>;

/** `staff`, `coalition`, `public`, or `rel-to:EST`, as a URL or a flag writes it. */
export function parseAudience(text: string): Audience | null {
  const t = text.trim();
  if (t === 'staff' || t === 'coalition' || t === 'public') return { kind: t };
  const m = /^rel-to:([A-Z]{3})$/.exec(t);
  return m ? { kind: 'rel-to', nation: m[1] as NationId } : null;
}

export function audienceText(a: Audience): string {
  return a.kind === 'rel-to' ? `rel-to:${a.nation}` : a.kind;
}

/** The audience in words, for a cover page. */
export function audienceLabel(a: Audience): string {
  switch (a.kind) {
    case 'staff':
      return 'Coalition staff';
    case 'coalition':
      return 'All coalition nations';
    case 'rel-to':
      return `Releasable to ${a.nation}`;
    case 'public':
      return 'Public';
  }
}

/**
 * Whether a record of this marking (owned by `owner`, if a nation's) goes into a pack for the
 * audience. `staff` and `rel-to` follow the read rule of their viewer (access.ts canSee); `coalition`
 * is stricter than any one liaison officer: no REL_TO record at all, so no nation's pack differs.
 */
export function audienceMaySee(a: Audience, rel: Releasability | undefined, owner?: string | null): boolean {
  const r = rel ?? PUBLIC;
  switch (a.kind) {
    case 'staff':
      return true;
    case 'public':
      return r.level === 'PUBLIC';
    case 'coalition':
      return r.level !== 'REL_TO';
    case 'rel-to':
      if (r.level !== 'REL_TO') return true;
      return owner === a.nation || r.nations.includes(a.nation);
  }
}

/** The viewer a pack for `staff`, `rel-to` or `public` is computed as (coalition: see audienceMaySee). */
export function audiencePrincipal(a: Audience, userId: string): Principal {
  switch (a.kind) {
    case 'staff':
      return { userId, role: 'planner', nation: null };
    case 'rel-to':
      return { userId, role: 'liaison', nation: a.nation };
    case 'public':
    case 'coalition':
      return { userId, role: 'observer', nation: null };
  }
}

export interface Marked {
  releasability?: Releasability | undefined;
  /** The nation the record belongs to, when it is a nation's. */
  owner?: string | null | undefined;
}

export interface Banner {
  level: 'PUBLIC' | 'COALITION' | 'REL_TO' | 'STAFF_ONLY';
  /** REL_TO: the nations it may go to, sorted. */
  nations: string[];
  text: string;
}

/** The banner of a pack holding records of these markings (see the header). */
export function bannerOf(records: Iterable<Marked>): Banner {
  let level: 'PUBLIC' | 'COALITION' | 'REL_TO' = 'PUBLIC';
  let nations: ReadonlySet<string> | undefined;
  for (const m of records) {
    const r = m.releasability ?? PUBLIC;
    if (r.level === 'PUBLIC') continue;
    if (r.level === 'COALITION') {
      if (level === 'PUBLIC') level = 'COALITION';
      continue;
    }
    level = 'REL_TO';
    const to = new Set<string>(r.nations);
    if (m.owner) to.add(m.owner);
    const before: ReadonlySet<string> = nations ?? to;
    nations = new Set([...before].filter((n) => to.has(n)));
  }
  if (level !== 'REL_TO') return { level, nations: [], text: level };
  const list = [...(nations ?? [])].sort();
  if (list.length === 0) return { level: 'STAFF_ONLY', nations: [], text: 'COALITION STAFF ONLY' };
  return { level: 'REL_TO', nations: list, text: `COALITION REL TO ${list.join(', ')}` };
}
