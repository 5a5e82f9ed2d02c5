import { describe, expect, it } from 'vitest';
import { DomainError } from './errors.ts';
import { parseSearchQuery, recordLabel, snippetOf } from './search.ts';

function issuesOf(raw: Parameters<typeof parseSearchQuery>[0]) {
  try {
    parseSearchQuery(raw);
  } catch (e) {
    if (e instanceof DomainError) return e.issues;
    throw e;
  }
  throw new Error('expected the query to be refused');
}

describe('parseSearchQuery', () => {
  it('trims the text and takes kinds as a list or repeated parameter, in kind order', () => {
    expect(parseSearchQuery({ q: '  air cover ' })).toEqual({ text: 'air cover' });
    expect(parseSearchQuery({ q: 'x', kinds: 'pledges, offers', limit: '10' })).toEqual({
      text: 'x',
      kinds: ['offers', 'pledges'],
      limit: 10,
    });
    expect(parseSearchQuery({ q: 'x', kinds: ['rotationPolicies', 'nations'] }).kinds).toEqual([
      'nations',
      'rotationPolicies',
    ]);
    expect(parseSearchQuery({ q: 'x', kinds: '', limit: '' })).toEqual({ text: 'x' });
    expect(parseSearchQuery({ q: 'é'.repeat(200) }).text).toHaveLength(200);
  });

  it('names the parameter at fault', () => {
    expect(issuesOf({})).toEqual([{ path: 'q', message: 'is required: the text to search for' }]);
    expect(issuesOf({ q: '   ' })[0]?.path).toBe('q');
    expect(issuesOf({ q: 'x'.repeat(201) })).toEqual([
      { path: 'q', message: 'must be at most 200 characters' },
    ]);
    expect(issuesOf({ q: 'a\nb' })[0]?.message).toMatch(/control characters/);
    expect(issuesOf({ q: 'a\u0085b' })[0]?.path).toBe('q');
    expect(issuesOf({ q: 'a\u0000b' })[0]?.message).toMatch(/NUL/);
    expect(issuesOf({ q: 'a\ud800b' })[0]?.message).toMatch(/surrogate/);
    expect(issuesOf({ q: ['a', 'b'] })).toEqual([{ path: 'q', message: 'must be given once, as text' }]);
    expect(issuesOf({ q: 'x', kinds: 'offers,secrets' })).toEqual([
      {
        path: 'kinds',
        message:
          'names unknown kind "secrets"; use nations, stances, capabilities, requirements, offers, pledges, rotationPolicies, nodes, arcs, ulns, movements, redLines, risks',
      },
    ]);
    for (const limit of ['0', '201', '1.5', 'ten', '-1']) {
      expect(issuesOf({ q: 'x', limit })[0]?.path, limit).toBe('limit');
    }
    expect(issuesOf({ kinds: 'nope', limit: '0' }).map((i) => i.path)).toEqual(['q', 'kinds', 'limit']);
  });
});

describe('snippetOf', () => {
  it('keeps short text whole, on one line', () => {
    expect(snippetOf('Only with\n US air cover.', 'air')).toBe('Only with US air cover.');
  });

  it('cuts long text around the match at word boundaries, marking the cuts', () => {
    const text =
      'The United Kingdom is ready to put boots on the ground and planes in the air, ' +
      'alongside others, to guarantee the ceasefire for as long as it takes to secure a lasting peace.';
    expect(snippetOf(text, 'CEASEFIRE')).toBe(
      '…alongside others, to guarantee the ceasefire for as long as it takes to secure a…',
    );
    expect(snippetOf(text, 'The United')).toBe('The United Kingdom is ready to put boots on the…');
  });

  it('falls back to the start when the match cannot be found', () => {
    expect(snippetOf('abc', 'zzz')).toBe('abc');
  });
});

describe('recordLabel', () => {
  it('names a record as a person would', () => {
    expect(
      recordLabel('offers', {
        id: 'O',
        nation: 'GBR',
        capability: 'MECH-INF-BN',
        quantity: 2,
        personnel: 1,
        tonnes: 1,
        readiness: { level: 'L1', daysToReady: 1 },
        status: 'offered',
        caveats: { excludedSectors: [], allowedTasks: [], requiresUsBackstop: false },
      } as never),
    ).toBe('GBR offers 2 × MECH-INF-BN (offered)');
    expect(
      recordLabel('stances', {
        id: 'FRA-1',
        nation: 'FRA',
        date: '2025-03-02',
        stance: 'lead',
        statement: 's',
      } as never),
    ).toBe('FRA: lead (2025-03-02)');
    expect(recordLabel('rotationPolicies', { nation: 'GBR', tourMonths: 6, dwellRatio: 2 } as never)).toBe(
      'GBR rotation: 6-month tours',
    );
  });
});
