import { describe, expect, it } from 'vitest';
import { nextSort, sortRows } from './table-sort.ts';

const rows = [
  { name: 'Latvia', n: 200 },
  { name: 'estonia', n: null },
  { name: 'France', n: 10000 },
  { name: 'Germany', n: 0 },
  { name: 'Denmark', n: 200 },
];

describe('sortRows', () => {
  it('sorts names case-insensitively', () => {
    const sorted = sortRows(rows, (r) => r.name, 'ascending').map((r) => r.name);
    expect(sorted).toEqual(['Denmark', 'estonia', 'France', 'Germany', 'Latvia']);
  });

  it('sorts numbers numerically and keeps ties in their original order', () => {
    const sorted = sortRows(rows, (r) => r.n, 'descending').map((r) => r.name);
    expect(sorted).toEqual(['France', 'Latvia', 'Denmark', 'Germany', 'estonia']);
  });

  it('puts blanks last in either direction', () => {
    expect(sortRows(rows, (r) => r.n, 'ascending').at(-1)?.name).toBe('estonia');
    expect(sortRows(rows, (r) => r.n, 'descending').at(-1)?.name).toBe('estonia');
  });

  it('does not change the input', () => {
    const copy = [...rows];
    sortRows(rows, (r) => r.name, 'descending');
    expect(rows).toEqual(copy);
  });
});

describe('nextSort', () => {
  it('starts a new column at its preferred direction, then toggles', () => {
    const first = nextSort(null, 'personnel', 'descending');
    expect(first).toEqual({ column: 'personnel', direction: 'descending' });
    expect(nextSort(first, 'personnel', 'descending')).toEqual({
      column: 'personnel',
      direction: 'ascending',
    });
    expect(nextSort(first, 'name', 'ascending')).toEqual({ column: 'name', direction: 'ascending' });
  });
});
