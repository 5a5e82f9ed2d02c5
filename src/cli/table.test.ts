import { describe, expect, it } from 'vitest';
import { renderTable, wrapCell } from './table.ts';

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

  it('wraps a column with maxWidth at spaces onto continuation lines', () => {
    const out = renderTable(
      [{ id: 'REQ-01', name: 'Armoured infantry battalion, Kyiv (deterrence)', n: 3 }],
      [
        { header: 'LINE', value: (r) => r.id },
        { header: 'NAME', value: (r) => r.name, maxWidth: 20 },
        { header: 'N', value: (r) => r.n },
      ],
    );
    expect(out.split('\n')).toEqual([
      'LINE    NAME               N',
      '------  -----------------  -',
      'REQ-01  Armoured infantry  3',
      '        battalion, Kyiv',
      '        (deterrence)',
    ]);
  });

  it('cuts a word longer than the column', () => {
    expect(wrapCell('Supercalifragilistic x', 8)).toEqual(['Superca…', 'x']);
    expect(wrapCell('short', 8)).toEqual(['short']);
  });
});
