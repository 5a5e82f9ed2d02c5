// The Compare page's address (variants and criteria in the API's own text form) and the variant
// picker: the baseline's own variants first, each checkbox labelled by the scenario's name.
import { renderToStaticMarkup } from 'react-dom/server';
import { describe, expect, it } from 'vitest';
import { VariantPicker, variantCandidates } from '../components/compare-variant-picker.tsx';
import { comparePath, compareSearch, readCriteria, readVariants } from './compare-paths.ts';

describe('the Compare page’s address', () => {
  it('keeps commas and colons readable, as the API’s query writes them', () => {
    expect(
      comparePath('article-2025-03', {
        variants: ['us-backstop', 'germany-joins'],
        criteria: [
          { figure: 'matchedOnTime', weight: 3, benchmark: 100_000 },
          { figure: 'closureDay90', weight: 2, benchmark: null },
        ],
      }),
    ).toBe(
      '/scenarios/article-2025-03/compare?variants=us-backstop,germany-joins&criteria=matchedOnTime:3:100000,closureDay90:2',
    );
    expect(compareSearch('?variants=a&criteria=x:1', { criteria: undefined })).toBe('?variants=a');
  });

  it('reads the variants in order, without blanks or repeats', () => {
    expect(readVariants('?variants=a,%20b,,a')).toEqual(['a', 'b']);
    expect(readVariants('')).toEqual([]);
  });

  it('reads the criteria, or says why they cannot be read', () => {
    expect(readCriteria('?criteria=matchedOnTime:3:100000,lateUlns:1')).toEqual({
      kind: 'valid',
      criteria: [
        { figure: 'matchedOnTime', weight: 3, benchmark: 100_000 },
        { figure: 'lateUlns', weight: 1, benchmark: null },
      ],
    });
    expect(readCriteria('?variants=a')).toEqual({ kind: 'none' });
    expect(readCriteria('?criteria=matchedOnTime:30')).toEqual({
      kind: 'invalid',
      problems: ['criteria[0].weight: must be at most 10'],
    });
  });
});

describe('VariantPicker', () => {
  const scenarios = [
    { id: 'article-2025-03', name: 'Article, March 2025', variantOf: undefined },
    { id: 'reported-2026-01', name: 'Reported, January 2026', variantOf: undefined },
    {
      id: 'us-backstop',
      name: 'US backstop',
      variantOf: {
        parent: 'article-2025-03',
        parentVersion: 1,
        whatIfs: [{ title: 'The US gives a backstop', changes: [], notes: [] }],
      },
    },
    {
      id: 'other-variant',
      name: 'A variant elsewhere',
      variantOf: { parent: 'reported-2026-01', parentVersion: 2, whatIfs: [] },
    },
  ];
  const candidates = variantCandidates('article-2025-03', scenarios);

  it('lists the other scenarios, this scenario’s own variants first with their what-ifs', () => {
    expect(candidates).toEqual([
      { id: 'us-backstop', name: 'US backstop', own: true, note: 'What-ifs: The US gives a backstop' },
      { id: 'other-variant', name: 'A variant elsewhere', own: false, note: 'A variant of reported-2026-01' },
      { id: 'reported-2026-01', name: 'Reported, January 2026', own: false, note: '' },
    ]);
  });

  it('labels each checkbox by the scenario’s name, checks those compared, and has a Compare button', () => {
    const html = renderToStaticMarkup(
      <VariantPicker
        baselineName="Article"
        candidates={candidates}
        chosen={['us-backstop']}
        onCompare={() => undefined}
      />,
    );
    const boxes = [
      ...html.matchAll(/<input id="([^"]+)" type="checkbox"([^>]*)\/><label for="\1">([^<]+)<\/label>/g),
    ];
    expect(boxes.map((m) => [m[3], m[2]?.includes('checked=""')])).toEqual([
      ['US backstop', true],
      ['A variant elsewhere', false],
      ['Reported, January 2026', false],
    ]);
    expect(html).toContain('<button type="submit" class="button">Compare</button>');
  });

  it('lets no more than six be chosen', () => {
    const many = Array.from({ length: 8 }, (_, i) => ({ id: `s${i}`, name: `S${i}`, own: false, note: '' }));
    const html = renderToStaticMarkup(
      <VariantPicker
        baselineName="A"
        candidates={many}
        chosen={many.slice(0, 6).map((c) => c.id)}
        onCompare={() => undefined}
      />,
    );
    expect([...html.matchAll(/type="checkbox" disabled=""/g)]).toHaveLength(2);
    expect(html).toContain('6 are chosen: clear one to choose another.');
  });
});
