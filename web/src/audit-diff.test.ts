import { describe, expect, it } from 'vitest';
import { diffRecords, formatFieldValue } from './audit-diff.ts';

const offer = {
  id: 'OFF-1',
  nation: 'GBR',
  personnel: 800,
  status: 'offered',
  releasability: { level: 'REL_TO', nations: ['GBR', 'FRA'] },
  version: 1,
  createdAt: '2025-03-01T10:00:00Z',
  updatedAt: '2025-03-01T10:00:00Z',
};

describe('diffRecords', () => {
  it('lists only changed fields, nested ones by dotted path, bookkeeping last', () => {
    const after = {
      ...offer,
      version: 2,
      updatedAt: '2025-03-02T09:00:00Z',
      personnel: 900,
      releasability: { level: 'COALITION', nations: [] },
    };
    expect(diffRecords(offer, after)).toEqual([
      { path: 'personnel', before: 800, after: 900 },
      { path: 'releasability.level', before: 'REL_TO', after: 'COALITION' },
      { path: 'releasability.nations', before: ['GBR', 'FRA'], after: [] },
      { path: 'version', before: 1, after: 2 },
      { path: 'updatedAt', before: '2025-03-01T10:00:00Z', after: '2025-03-02T09:00:00Z' },
    ]);
  });

  it('shows a created record as all new and a deleted one as all gone', () => {
    const created = diffRecords(null, { id: 'OFF-2', personnel: 10 });
    expect(created).toEqual([
      { path: 'id', before: undefined, after: 'OFF-2' },
      { path: 'personnel', before: undefined, after: 10 },
    ]);
    expect(diffRecords({ id: 'OFF-2' }, null)).toEqual([{ path: 'id', before: 'OFF-2', after: undefined }]);
  });

  it('notices fields added or removed, and looks into lists of objects', () => {
    const before = { phases: [{ name: 'A', days: 10 }], note: 'x' };
    const after = { phases: [{ name: 'A', days: 12 }], extra: true };
    expect(diffRecords(before, after)).toEqual([
      { path: 'phases[0].days', before: 10, after: 12 },
      { path: 'extra', before: undefined, after: true },
      { path: 'note', before: 'x', after: undefined },
    ]);
  });

  it('finds nothing between equal records', () => {
    expect(diffRecords(offer, structuredClone(offer))).toEqual([]);
  });
});

describe('formatFieldValue', () => {
  it('reads as text', () => {
    expect(formatFieldValue(undefined)).toBe('—');
    expect(formatFieldValue(null)).toBe('none');
    expect(formatFieldValue(['GBR', 'FRA'])).toBe('GBR, FRA');
    expect(formatFieldValue([])).toBe('(none)');
    expect(formatFieldValue(900)).toBe('900');
    expect(formatFieldValue({ a: 1 })).toBe('{"a":1}');
  });
});
