import { describe, expect, it } from 'vitest';
import { ISO_3166_ALPHA3 } from './iso-3166.ts';
import {
  ATLAS_NAME_TO_ALPHA3,
  NUMERIC_COUNTRIES,
  alpha3OfNumeric,
  countryNameOfAlpha3,
  countryOfNumeric,
  numericOfAlpha3,
} from './iso-3166-numeric.ts';

/** European NATO members (32 allies less Canada and the United States), 2024. */
const EUROPEAN_NATO = [
  'ALB',
  'BEL',
  'BGR',
  'HRV',
  'CZE',
  'DNK',
  'EST',
  'FIN',
  'FRA',
  'DEU',
  'GRC',
  'HUN',
  'ISL',
  'ITA',
  'LVA',
  'LTU',
  'LUX',
  'MNE',
  'NLD',
  'MKD',
  'NOR',
  'POL',
  'PRT',
  'ROU',
  'SVK',
  'SVN',
  'ESP',
  'SWE',
  'TUR',
  'GBR',
];
const EU = [
  'AUT',
  'BEL',
  'BGR',
  'HRV',
  'CYP',
  'CZE',
  'DNK',
  'EST',
  'FIN',
  'FRA',
  'DEU',
  'GRC',
  'HUN',
  'IRL',
  'ITA',
  'LVA',
  'LTU',
  'LUX',
  'MLT',
  'NLD',
  'POL',
  'PRT',
  'ROU',
  'SVK',
  'SVN',
  'ESP',
  'SWE',
];

describe('ISO 3166-1 numeric to alpha-3', () => {
  it('maps the codes world-atlas uses, zero-padded or not', () => {
    expect(alpha3OfNumeric('250')).toBe('FRA');
    expect(alpha3OfNumeric(250)).toBe('FRA');
    expect(alpha3OfNumeric('826')).toBe('GBR');
    expect(alpha3OfNumeric('056')).toBe('BEL');
    expect(alpha3OfNumeric(56)).toBe('BEL');
    expect(alpha3OfNumeric('8')).toBe('ALB');
    expect(alpha3OfNumeric('792')).toBe('TUR');
    expect(alpha3OfNumeric('804')).toBe('UKR');
    expect(alpha3OfNumeric('840')).toBe('USA');
    expect(alpha3OfNumeric('124')).toBe('CAN');
    expect(alpha3OfNumeric('036')).toBe('AUS');
    expect(alpha3OfNumeric('554')).toBe('NZL');
  });

  it('answers undefined for codes it does not hold or that are not codes', () => {
    for (const code of [undefined, null, '', '999', '1000', 'FRA', '25.0', '-250', ' ']) {
      expect(alpha3OfNumeric(code)).toBeUndefined();
    }
  });

  it('holds only assigned alpha-3 codes, each once, with three-digit numeric codes each once', () => {
    const alpha = NUMERIC_COUNTRIES.map((c) => c.alpha3);
    const numeric = NUMERIC_COUNTRIES.map((c) => c.numeric);
    expect(new Set(alpha).size).toBe(alpha.length);
    expect(new Set(numeric).size).toBe(numeric.length);
    for (const c of NUMERIC_COUNTRIES) {
      expect(ISO_3166_ALPHA3.has(c.alpha3), c.alpha3).toBe(true);
      expect(c.numeric).toMatch(/^\d{3}$/);
      expect(countryOfNumeric(c.numeric)).toBe(c);
      expect(numericOfAlpha3(c.alpha3)).toBe(c.numeric);
    }
    expect(ISO_3166_ALPHA3.has(ATLAS_NAME_TO_ALPHA3.Kosovo ?? '')).toBe(true);
  });

  it('covers every European NATO and EU member, Ukraine and the partners beyond Europe', () => {
    for (const code of [...EUROPEAN_NATO, ...EU, 'UKR', 'MDA', 'CHE', 'CAN', 'USA', 'AUS', 'NZL', 'JPN']) {
      expect(numericOfAlpha3(code), code).toBeDefined();
    }
  });

  it('names countries the short way', () => {
    expect(countryNameOfAlpha3('TUR')).toBe('Türkiye');
    expect(countryNameOfAlpha3('MKD')).toBe('North Macedonia');
    expect(countryNameOfAlpha3('XKX')).toBe('Kosovo');
    expect(countryNameOfAlpha3('ZZZ')).toBeUndefined();
  });
});
