// `coalition list`: the scenarios in the store. The command most often run against a server, so it
// loads nothing but the backend and the table (no schemas, no YAML).
import { withBackend, type Connect } from '../connect.ts';
import { renderTable } from '../table.ts';

export interface ListOptions {
  json?: boolean;
}

export async function list(opts: ListOptions, connect: Connect): Promise<void> {
  const items = await withBackend(connect, (b) => b.listScenarios());
  if (opts.json) {
    console.log(JSON.stringify(items, null, 2));
    return;
  }
  console.log(
    renderTable(items, [
      { header: 'ID', value: (s) => s.id },
      { header: 'NAME', value: (s) => s.name, maxWidth: 40 },
      { header: 'AS OF', value: (s) => s.asOf },
      { header: 'NATIONS', value: (s) => s.counts.nations },
      { header: 'TARGET', value: (s) => s.mission.forceTarget.personnel },
      { header: 'OFFERED', value: (s) => s.personnelOffered },
    ]),
  );
}
