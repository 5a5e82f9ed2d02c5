// The schema migrations, in order, handed to Kysely's Migrator in code (no directory scan, so
// they work the same from source, a bundle or a test). Append new ones; never edit a shipped one.
import type { Migration, MigrationProvider } from 'kysely';
import * as initial from './001-initial.ts';
import * as access from './002-access.ts';
import * as scenarioAssumptions from './003-scenario-assumptions.ts';
import * as deployment from './004-deployment.ts';
import * as signInAddresses from './005-sign-in-addresses.ts';
import * as missionSectors from './006-mission-sectors.ts';
import * as scenarioVariants from './007-scenario-variants.ts';
import * as decisions from './008-decisions.ts';
import * as theatreEscalation from './009-theatre-escalation.ts';
import * as redLinesRisks from './010-red-lines-risks.ts';
import * as briefs from './011-briefs.ts';
import * as capabilityLift from './012-capability-lift.ts';

const MIGRATIONS: Record<string, Migration> = {
  '001-initial': initial,
  '002-access': access,
  '003-scenario-assumptions': scenarioAssumptions,
  '004-deployment': deployment,
  '005-sign-in-addresses': signInAddresses,
  '006-mission-sectors': missionSectors,
  '007-scenario-variants': scenarioVariants,
  '008-decisions': decisions,
  '009-theatre-escalation': theatreEscalation,
  '010-red-lines-risks': redLinesRisks,
  '011-briefs': briefs,
  '012-capability-lift': capabilityLift,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: async () => MIGRATIONS,
};
