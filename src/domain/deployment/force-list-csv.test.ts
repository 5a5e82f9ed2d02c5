import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ISO_3166_ALPHA3 } from '../iso-3166.ts';
import { FORCE_LIST_COLUMNS, forceListFromCsv, forceListToCsv, parseCsvRows } from './force-list-csv.ts';
import { ulnRecordSchema, type UlnRecord } from './force-list.ts';

const record = (overrides: Partial<Record<keyof UlnRecord, unknown>> = {}): UlnRecord =>
  ulnRecordSchema.parse({
    uln: 'GBR-0001',
    nation: 'GBR',
    capability: 'MECH-INF-BN',
    personnel: 534,
    tonnes: 333.334,
    origin: 'gbr-tidworth',
    ald: -10,
    ead: 22,
    lad: 25,
    rdd: 30,
    destination: 'ukr-north',
    priority: 2,
    offer: 'gbr-inf',
    line: 'req-inf-north',
    ...overrides,
  });

const HEADER = FORCE_LIST_COLUMNS.join(',');

describe('forceListToCsv', () => {
  it('writes the TPFDD-like header and one CRLF line per ULN, negative C-days as numbers', () => {
    const csv = forceListToCsv([record(), record({ uln: 'GBR-0002', personnel: 533 })]);
    expect(csv).toBe(
      `${HEADER}\r\n` +
        'GBR-0001,GBR,MECH-INF-BN,534,333.334,gbr-tidworth,-10,22,25,30,ukr-north,2,gbr-inf,req-inf-north,\r\n' +
        'GBR-0002,GBR,MECH-INF-BN,533,333.334,gbr-tidworth,-10,22,25,30,ukr-north,2,gbr-inf,req-inf-north,\r\n',
    );
  });
});

describe('parseCsvRows', () => {
  it('handles quotes, doubled quotes, embedded commas and newlines, CRLF and LF, and counts lines', () => {
    const rows = parseCsvRows('a,"b,c"\r\n"multi\r\nline","say ""hi"""\n"x\ny",z\r\nlast,');
    expect(rows).toEqual([
      { line: 1, fields: ['a', 'b,c'] },
      { line: 2, fields: ['multi\r\nline', 'say "hi"'] },
      { line: 4, fields: ['x\ny', 'z'] },
      { line: 6, fields: ['last', ''] },
    ]);
  });
});

describe('forceListFromCsv', () => {
  it('reads what it wrote, with columns in any order and blank lines skipped', () => {
    const records = [record(), record({ uln: 'FRA-0001', nation: 'FRA', offer: 'fra-inf' })];
    expect(forceListFromCsv(forceListToCsv(records))).toEqual({ ok: true, records });
    const reordered =
      'line,ULN,NATION,UTC,PAX,TONNES,ORIGIN,ALD,EAD,LAD,RDD,DEST,PRIORITY,OFFER\n\n' +
      'req-inf-north,GBR-0001,GBR,MECH-INF-BN,534,333.334,gbr-tidworth,-10,22,25,30,ukr-north,2,gbr-inf\n';
    expect(forceListFromCsv(reordered)).toEqual({ ok: true, records: [record()] });
  });

  it('writes and reads the releasability marking, empty when the ULN has none', () => {
    const marked = [
      record({ releasability: { level: 'REL_TO', nations: ['GBR', 'FRA'] } }),
      record({ uln: 'GBR-0002', releasability: { level: 'COALITION' } }),
      record({ uln: 'GBR-0003' }),
    ];
    const csv = forceListToCsv(marked);
    expect(csv.split('\r\n')[1]).toMatch(/,REL_TO GBR FRA$/);
    expect(forceListFromCsv(csv)).toEqual({ ok: true, records: marked });
    const bad = `${HEADER}\nGBR-0001,GBR,MECH-INF-BN,534,1,o,-10,22,25,30,d,2,f,l,SECRET\n`;
    expect(
      !forceListFromCsv(bad).ok && (forceListFromCsv(bad) as { issues: { path: string }[] }).issues[0]!.path,
    ).toBe('line 2, column RELEASABILITY');
  });

  it('reports every bad cell by line and column and returns no records', () => {
    const good =
      'GBR-0001,GBR,MECH-INF-BN,534,333.334,gbr-tidworth,-10,22,25,30,ukr-north,2,gbr-inf,req-inf-north,';
    const text = [
      HEADER,
      good,
      '"GBR-0002",GBR,MECH-INF-BN,534,lots,gbr-tidworth,-10,22.5,25,30,ukr-north,2,gbr-inf,req-inf-north,',
      '"GBR-0003",GBR,MECH-INF-BN,534,1,gbr-tidworth,-10,26,25,30,ukr-north,9,gbr-inf,req-inf-north,',
      'GBR-0001,GBR,MECH-INF-BN,534,1,gbr-tidworth,-10,22,25,30,ukr-north,2,gbr-inf,req-inf-north,',
      'too,short',
      'FRA-0001,XXX,MECH-INF-BN,534,1,,-10,22,25,30,ukr-north,2,gbr-inf,req-inf-north,',
    ].join('\r\n');
    const result = forceListFromCsv(text);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'line 3, column TONNES: must be a number of tonnes',
      'line 3, column EAD: must be a whole C-day',
      'line 4, column PRIORITY: must be 1 (most urgent) to 5',
      'line 4, column EAD: must not be after LAD',
      'line 5, column ULN: duplicates "GBR-0001" on line 2',
      'line 6: has 2 fields; the header has 15',
      'line 7, column ORIGIN: must not be empty',
    ]);
    expect(result.issues[0]).toMatchObject({ line: 3, column: 'TONNES' });
  });

  it('reports schema problems by column once the cells are well formed', () => {
    const text = `${HEADER}\nFRA-0001,XXX,MECH-INF-BN,534,1,o,-10,22,25,30,d,2,f,l,\n`;
    const result = forceListFromCsv(text);
    expect(!result.ok && result.issues.map((i) => `${i.path}: ${i.message}`)).toEqual([
      'line 2, column NATION: "XXX" is not an ISO 3166-1 alpha-3 code',
      'line 2, column ULN: must start with the nation code "XXX-"',
    ]);
  });

  it('reports a missing, unknown or repeated header column', () => {
    const result = forceListFromCsv('ULN,NATION,NATION,SIZE\r\n');
    expect(!result.ok && result.issues.map((i) => i.path)).toEqual([
      'line 1, column NATION',
      'line 1, column SIZE',
      ...FORCE_LIST_COLUMNS.filter((c) => !['ULN', 'NATION', 'RELEASABILITY'].includes(c)).map(
        (c) => `line 1, column ${c}`,
      ),
    ]);
    expect(forceListFromCsv('')).toMatchObject({ ok: false, issues: [{ path: 'line 1' }] });
  });

  it('round-trips any valid force list exactly (export then import is the identity)', () => {
    const nations = [...ISO_3166_ALPHA3];
    const id = fc.stringMatching(/^[A-Za-z0-9][A-Za-z0-9._-]{0,20}$/);
    const cDay = fc.integer({ min: -365, max: 3650 });
    const arbRecord = fc
      .record({
        nation: fc.constantFrom(...nations),
        serial: fc.integer({ min: 0, max: 999_999 }),
        capability: fc.stringMatching(/^[A-Z0-9][A-Z0-9_-]{1,31}$/),
        personnel: fc.nat({ max: 100_000 }),
        tonnes: fc.double({ min: 0, max: 1e7, noNaN: true, noDefaultInfinity: true }),
        origin: id,
        ald: cDay,
        days: fc.array(cDay, { minLength: 3, maxLength: 3 }),
        destination: id,
        priority: fc.integer({ min: 1, max: 5 }),
        offer: id,
        line: id,
        releasability: fc.option(
          fc.oneof(
            fc.constant({ level: 'PUBLIC' }),
            fc.constant({ level: 'COALITION' }),
            fc.constant({ level: 'REL_TO', nations: ['GBR', 'UKR'] }),
          ),
          { nil: undefined },
        ),
      })
      .map(({ serial, days, releasability, ...r }) => {
        const [ead, lad, rdd] = [...days].sort((a, b) => a - b);
        return ulnRecordSchema.parse({
          ...r,
          uln: `${r.nation}-${String(serial).padStart(4, '0')}`,
          ead,
          lad,
          rdd,
          ...(releasability && { releasability }),
        });
      });
    fc.assert(
      fc.property(fc.uniqueArray(arbRecord, { selector: (r) => r.uln, maxLength: 20 }), (records) => {
        expect(forceListFromCsv(forceListToCsv(records))).toEqual({ ok: true, records });
      }),
    );
  });
});
