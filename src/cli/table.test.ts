import { describe, expect, it } from 'vitest';
import { renderTable } from './table.ts';

describe('renderTable', () => {
  it('pads columns, right-aligns numbers and formats thousands', () => {
    const out = renderTable(
      [
        { id: 'article-2025-03', n: 100000 },
        { id: 'x', n: 5 },
      ],
      [
        { header: 'ID', value: (r) => r.id },
        { header: 'TARGET', value: (r) => r.n },
      ],
    );
    expect(out.split('\n')).toEqual([
      'ID               TARGET',
      '---------------  -------',
      'article-2025-03  100,000',
      'x                      5',
    ]);
  });

  it('prints only the header for no rows', () => {
    expect(renderTable([], [{ header: 'ID', value: (r: { id: string }) => r.id }])).toBe('ID\n--');
  });
});
