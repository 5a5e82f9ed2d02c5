// ISO 3166-1 numeric codes of the countries the Europe map can show, with their alpha-3 code and a
// short English name. Map data (Natural Earth through world-atlas) names countries by the numeric
// code, while scenarios name nations by alpha-3, so this table joins the two. It covers every country
// of Europe (the Council of Europe's members, Belarus, Russia and the microstates), its neighbours
// that fall inside the map's frame (the Caucasus, North Africa and the Middle East), the dependencies
// Natural Earth draws on their own, and the coalition's partners elsewhere (Canada, the United States,
// Australia, New Zealand, Japan, South Korea). Kosovo has no numeric code; see ATLAS_NAME_TO_ALPHA3.

export interface NumericCountry {
  /** Three digits, zero-padded, as ISO writes them (`056` for Belgium). */
  numeric: string;
  alpha3: string;
  name: string;
}

const TABLE: readonly (readonly [string, string, string])[] = [
  // Europe
  ['008', 'ALB', 'Albania'],
  ['020', 'AND', 'Andorra'],
  ['040', 'AUT', 'Austria'],
  ['056', 'BEL', 'Belgium'],
  ['070', 'BIH', 'Bosnia and Herzegovina'],
  ['100', 'BGR', 'Bulgaria'],
  ['112', 'BLR', 'Belarus'],
  ['191', 'HRV', 'Croatia'],
  ['196', 'CYP', 'Cyprus'],
  ['203', 'CZE', 'Czechia'],
  ['208', 'DNK', 'Denmark'],
  ['233', 'EST', 'Estonia'],
  ['234', 'FRO', 'Faroe Islands'],
  ['246', 'FIN', 'Finland'],
  ['248', 'ALA', 'Åland Islands'],
  ['250', 'FRA', 'France'],
  ['276', 'DEU', 'Germany'],
  ['292', 'GIB', 'Gibraltar'],
  ['300', 'GRC', 'Greece'],
  ['304', 'GRL', 'Greenland'],
  ['336', 'VAT', 'Holy See'],
  ['348', 'HUN', 'Hungary'],
  ['352', 'ISL', 'Iceland'],
  ['372', 'IRL', 'Ireland'],
  ['380', 'ITA', 'Italy'],
  ['428', 'LVA', 'Latvia'],
  ['438', 'LIE', 'Liechtenstein'],
  ['440', 'LTU', 'Lithuania'],
  ['442', 'LUX', 'Luxembourg'],
  ['470', 'MLT', 'Malta'],
  ['492', 'MCO', 'Monaco'],
  ['498', 'MDA', 'Moldova'],
  ['499', 'MNE', 'Montenegro'],
  ['528', 'NLD', 'Netherlands'],
  ['578', 'NOR', 'Norway'],
  ['616', 'POL', 'Poland'],
  ['620', 'PRT', 'Portugal'],
  ['642', 'ROU', 'Romania'],
  ['643', 'RUS', 'Russia'],
  ['674', 'SMR', 'San Marino'],
  ['688', 'SRB', 'Serbia'],
  ['703', 'SVK', 'Slovakia'],
  ['705', 'SVN', 'Slovenia'],
  ['724', 'ESP', 'Spain'],
  ['744', 'SJM', 'Svalbard and Jan Mayen'],
  ['752', 'SWE', 'Sweden'],
  ['756', 'CHE', 'Switzerland'],
  ['792', 'TUR', 'Türkiye'],
  ['804', 'UKR', 'Ukraine'],
  ['807', 'MKD', 'North Macedonia'],
  ['826', 'GBR', 'United Kingdom'],
  ['831', 'GGY', 'Guernsey'],
  ['832', 'JEY', 'Jersey'],
  ['833', 'IMN', 'Isle of Man'],
  // The Caucasus and Central Asia
  ['031', 'AZE', 'Azerbaijan'],
  ['051', 'ARM', 'Armenia'],
  ['268', 'GEO', 'Georgia'],
  ['398', 'KAZ', 'Kazakhstan'],
  ['795', 'TKM', 'Turkmenistan'],
  ['860', 'UZB', 'Uzbekistan'],
  // North Africa and the Middle East
  ['012', 'DZA', 'Algeria'],
  ['275', 'PSE', 'Palestine'],
  ['364', 'IRN', 'Iran'],
  ['368', 'IRQ', 'Iraq'],
  ['376', 'ISR', 'Israel'],
  ['400', 'JOR', 'Jordan'],
  ['414', 'KWT', 'Kuwait'],
  ['422', 'LBN', 'Lebanon'],
  ['434', 'LBY', 'Libya'],
  ['466', 'MLI', 'Mali'],
  ['478', 'MRT', 'Mauritania'],
  ['504', 'MAR', 'Morocco'],
  ['562', 'NER', 'Niger'],
  ['682', 'SAU', 'Saudi Arabia'],
  ['732', 'ESH', 'Western Sahara'],
  ['760', 'SYR', 'Syria'],
  ['788', 'TUN', 'Tunisia'],
  ['818', 'EGY', 'Egypt'],
  // Partners beyond Europe
  ['036', 'AUS', 'Australia'],
  ['124', 'CAN', 'Canada'],
  ['392', 'JPN', 'Japan'],
  ['410', 'KOR', 'South Korea'],
  ['554', 'NZL', 'New Zealand'],
  ['840', 'USA', 'United States'],
];

export const NUMERIC_COUNTRIES: readonly NumericCountry[] = TABLE.map(([numeric, alpha3, name]) => ({
  numeric,
  alpha3,
  name,
}));

const BY_NUMERIC = new Map(NUMERIC_COUNTRIES.map((c) => [c.numeric, c]));
const BY_ALPHA3 = new Map(NUMERIC_COUNTRIES.map((c) => [c.alpha3, c]));

/**
 * Countries Natural Earth draws without a numeric code, by the name it gives them. Kosovo has the
 * user-assigned alpha-3 code XKX (see iso-3166.ts) and no numeric one.
 */
export const ATLAS_NAME_TO_ALPHA3: Readonly<Record<string, string>> = { Kosovo: 'XKX' };

/** `250`, `"250"` or `"056"`/`56` → the country; undefined for a code not in the table. */
export function countryOfNumeric(code: string | number | null | undefined): NumericCountry | undefined {
  if (code === null || code === undefined) return undefined;
  const text = String(code).trim();
  if (!/^\d{1,3}$/.test(text)) return undefined;
  return BY_NUMERIC.get(text.padStart(3, '0'));
}

/** The alpha-3 code for a numeric one (`250` → `FRA`), or undefined. */
export function alpha3OfNumeric(code: string | number | null | undefined): string | undefined {
  return countryOfNumeric(code)?.alpha3;
}

/** The numeric code for an alpha-3 one (`BEL` → `056`), or undefined. */
export function numericOfAlpha3(alpha3: string): string | undefined {
  return BY_ALPHA3.get(alpha3)?.numeric;
}

/** The short English name of a country in the table (`TUR` → `Türkiye`), or undefined. */
export function countryNameOfAlpha3(alpha3: string): string | undefined {
  return BY_ALPHA3.get(alpha3)?.name ?? (alpha3 === 'XKX' ? 'Kosovo' : undefined);
}
