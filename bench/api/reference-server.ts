// The framework floor: a minimal Fastify server that answers every request, whatever its method
// and path, with one static JSON body of a given size; no store, no auth, no validation. Run as
// its own process, like the API, so the two see the same load generator on the same machine.
//   node --import tsx bench/api/reference-server.ts --bytes N
import { pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import Fastify from 'fastify';

export const REFERENCE_READY = 'reference server on ';

/** A JSON object of about `bytes` bytes, shaped like a list of records. */
export function referenceBody(bytes: number): { items: { id: string; note: string }[] } {
  const items: { id: string; note: string }[] = [];
  let size = '{"items":[]}'.length;
  for (let i = 0; size < bytes; i++) {
    const id = `REF-${String(i).padStart(5, '0')}`;
    // Records of roughly the size of an offer; the last one is cut to land on the target.
    const note = 'x'.repeat(Math.max(0, Math.min(500, bytes - size - 30)));
    items.push({ id, note });
    size += JSON.stringify({ id, note }).length + (i > 0 ? 1 : 0);
  }
  return { items };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { bytes: { type: 'string', default: '1000' }, port: { type: 'string', default: '0' } },
  });
  const body = referenceBody(Number(values.bytes));
  const app = Fastify({ logger: false });
  // Serialised per request, as the API serialises its answers.
  app.all('/*', async () => body);
  process.once('SIGTERM', () => void app.close().then(() => process.exit(0)));
  const address = await app.listen({ host: '127.0.0.1', port: Number(values.port) });
  console.log(`${REFERENCE_READY}${address}`);
}

// Imported by tests for referenceBody; only run as the server when executed directly.
if (process.argv[1] !== undefined && pathToFileURL(process.argv[1]).href === import.meta.url) {
  await main();
}
