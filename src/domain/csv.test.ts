import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CSV_COLUMNS,
  csvField,
  csvFileName,
  flattenRecord,
  parseCsv,
  recordsToCsv,
  toCsv,
  valueAt,
} from './csv.ts';
import { ENTITY_KINDS, type EntityTypes, type Stored } from './records.ts';
import { offerSchema } from './scenario-schema.ts';

const offer = (over: Record<string, unknown> = {}): Stored<EntityTypes['offers']> => ({
  ...offerSchema.parse({
    id: 'OFF-1',
    nation: 'GBR',
    capability: 'MECH-INF-BN',
    quantity: 2,
    personnel: 1_200,
    tonnes: 8_000.5,
    readiness: { level: 'RDL', daysToReady: 45 },
    status: 'confirmed',
    caveats: { excludedSectors: ['Donbas', 'Kharkiv, north'], requiresUsBackstop: true },
    source: { publication: 'Le Monde, "Coalition"', date: '2025-03-02' },
    releasability: { level: 'REL_TO', nations: ['FRA', 'DEU'] },
    ...over,
  }),
  version: 3,
  createdAt: '2025-03-02T10:00:00.000Z',
  updatedAt: '2025-03-03T10:00:00.000Z',
});

describe('csvField', () => {
  it('quotes fields holding commas, quotes, line breaks or edge spaces, doubling quotes', () => {
    expect(csvField('plain')).toBe('plain');
    expect(csvField('a,b')).toBe('"a,b"');
    expect(csvField('say "no"')).toBe('"say ""no"""');
    expect(csvField('two\nlines')).toBe('"two\nlines"');
    expect(csvField('cr\rlf')).toBe('"cr\rlf"');
    expect(csvField(' padded ')).toBe('" padded "');
    expect(csvField('Türkiye 🇹🇷')).toBe('Türkiye 🇹🇷');
  });

  it('defuses text a spreadsheet would run as a formula, and only text', () => {
    expect(csvField('=1+1')).toBe("'=1+1");
    expect(csvField('+44 20')).toBe("'+44 20");
    expect(csvField('-2+3')).toBe("'-2+3");
    expect(csvField('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvField('\t=1')).toBe("'\t=1");
    expect(csvField('\r=1')).toBe('"\'\r=1"');
    expect(csvField('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvField('a=b')).toBe('a=b');
    // Numbers are numbers: a negative C-day stays negative.
    expect(csvField(-10)).toBe('-10');
    expect(csvField(1e-7)).toBe('1e-7');
    expect(csvField(Number.NaN)).toBe('');
    expect(csvField(true)).toBe('true');
    expect(csvField(undefined)).toBe('');
    expect(csvField(null)).toBe('');
  });
});

describe('toCsv and parseCsv', () => {
  it('writes CRLF after every line, the header first', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          [1, 'x'],
          [undefined, 'y,z'],
        ],
      ),
    ).toBe('a,b\r\n1,x\r\n,"y,z"\r\n');
    expect(toCsv(['a'], [])).toBe('a\r\n');
  });

  it('round-trips any text that needs no defusing (property)', () => {
    const safe = fc.string({ unit: 'grapheme' }).filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.array(safe, { minLength: 2, maxLength: 2 }), { maxLength: 5 }), (rows) => {
        const text = toCsv(['h1', 'h2'], rows);
        expect(parseCsv(text)).toEqual([['h1', 'h2'], ...rows]);
      }),
    );
  });

  it('reads quoted line breaks and bare LF line ends', () => {
    expect(parseCsv('a,b\n"1\r\n2",3\n')).toEqual([
      ['a', 'b'],
      ['1\r\n2', '3'],
    ]);
    expect(parseCsv('a,b')).toEqual([['a', 'b']]);
  });
});

describe('recordsToCsv', () => {
  it('flattens nested fields under dotted headers, joins lists, leaves absent fields empty', () => {
    const [header, row, ...rest] = parseCsv(recordsToCsv('offers', [offer()]));
    expect(rest).toEqual([]);
    expect(header).toEqual([...CSV_COLUMNS.offers]);
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('readiness.level')).toBe('RDL');
    expect(cell('readiness.daysToReady')).toBe('45');
    expect(cell('tonnes')).toBe('8000.5');
    expect(cell('caveats.excludedSectors')).toBe('Donbas; Kharkiv, north');
    expect(cell('caveats.allowedTasks')).toBe('');
    expect(cell('caveats.requiresUsBackstop')).toBe('true');
    expect(cell('caveats.maxDurationMonths')).toBe('');
    expect(cell('source.publication')).toBe('Le Monde, "Coalition"');
    expect(cell('releasability.level')).toBe('REL_TO');
    expect(cell('releasability.nations')).toBe('FRA; DEU');
    expect(cell('version')).toBe('3');
    expect(cell('updatedAt')).toBe('2025-03-03T10:00:00.000Z');
  });

  it('defuses formulas in every text field, including inside lists', () => {
    const evil = offer({
      caveats: { excludedSectors: ['=cmd|"/c calc"!A1'], notes: '@SUM(1)' },
      assumption: '+1',
    });
    const [header, row] = parseCsv(recordsToCsv('offers', [evil]));
    const cell = (name: string) => row![header!.indexOf(name)];
    expect(cell('caveats.excludedSectors')).toBe(`'=cmd|"/c calc"!A1`);
    expect(cell('caveats.notes')).toBe("'@SUM(1)");
    expect(cell('assumption')).toBe("'+1");
  });

  it('gives every kind a header of unique columns, and an empty kind just the header', () => {
    for (const kind of ENTITY_KINDS) {
      expect(new Set(CSV_COLUMNS[kind]).size, kind).toBe(CSV_COLUMNS[kind].length);
      expect(recordsToCsv(kind, [])).toBe(`${CSV_COLUMNS[kind].join(',')}\r\n`);
    }
    expect(CSV_COLUMNS.nations).toContain('gdp.source.publication');
  });
});

describe('flattenRecord and valueAt', () => {
  it('lists the fields a record has, in column order', () => {
    const fields = flattenRecord('offers', offer({ releasability: undefined }));
    expect(fields.slice(0, 3)).toEqual([
      ['id', 'OFF-1'],
      ['nation', 'GBR'],
      ['capability', 'MECH-INF-BN'],
    ]);
    expect(fields.map(([k]) => k)).not.toContain('releasability.level');
    expect(fields).toContainEqual(['caveats.excludedSectors', 'Donbas; Kharkiv, north']);
  });

  it('reads nothing through arrays or missing objects', () => {
    expect(valueAt({ a: [{ b: 1 }] }, 'a.b')).toBeUndefined();
    expect(valueAt({}, 'source.publication')).toBeUndefined();
    expect(valueAt({ a: { b: { c: 1 } } }, 'a.b')).toBe('{"c":1}');
  });
});

describe('csvFileName', () => {
  it('names the scenario and kind, with nothing a header could be broken by', () => {
    expect(csvFileName('article-2025-03', 'rotation-policies')).toBe('article-2025-03-rotation-policies.csv');
    expect(csvFileName('a"b\r\nc', 'offers')).toBe('a_b__c-offers.csv');
  });
});
