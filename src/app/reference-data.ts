// Loads the data shipped with the product (data/): the exchange-rate table and the reference
// scenarios. File I/O lives here, at the edge, so the domain only ever sees parsed values.
import { readFileSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { DomainError } from '../domain/errors.ts';
import { ExchangeRates, parseExchangeRateTable } from '../domain/exchange-rates.ts';
import { parseScenarioText } from '../domain/scenario-document.ts';
import type { ScenarioDocument } from '../domain/scenario-schema.ts';

export const DATA_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '../../data');

export function loadExchangeRates(file = join(DATA_DIR, 'exchange-rates.json')): ExchangeRates {
  return new ExchangeRates(parseExchangeRateTable(JSON.parse(readFileSync(file, 'utf8'))));
}

export function referenceScenarioFiles(dir = join(DATA_DIR, 'scenarios')): string[] {
  return readdirSync(dir)
    .filter((f) => /\.(ya?ml|json)$/.test(f))
    .sort()
    .map((f) => join(dir, f));
}

export function loadScenarioFile(file: string): ScenarioDocument {
  const r = parseScenarioText(readFileSync(file, 'utf8'));
  if (!r.ok) {
    throw new DomainError(
      'invalid',
      `${file}: ${r.issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
      r.issues,
    );
  }
  return r.document;
}
