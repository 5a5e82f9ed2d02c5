// `coalition validate FILE…`: checks scenario documents without any store: schema, cross-references,
// exchange rates. Each bad document is reported by file and field.
import { DomainError } from '../../domain/errors.ts';
import { validateScenarioDocument } from '../../app/coalition-service.ts';
import { loadExchangeRates } from '../../app/reference-data.ts';
import { CliFailure } from '../errors.ts';
import { printIssues, readDocument } from '../shared.ts';

export function validate(files: string[]): void {
  const rates = loadExchangeRates();
  let failed = 0;
  for (const file of files) {
    try {
      const doc = validateScenarioDocument(readDocument(file), rates);
      console.log(
        `ok  ${file}: ${doc.id} "${doc.name}" — ${doc.nations.length} nations, ${doc.requirements.length} requirement lines, ` +
          `${doc.offers.length} offers, ${doc.pledges.length} pledges`,
      );
    } catch (e) {
      if (!(e instanceof DomainError)) throw e;
      failed++;
      printIssues(file, e);
    }
  }
  if (failed > 0) {
    console.error(`${failed} of ${files.length} documents invalid`);
    throw new CliFailure();
  }
}
