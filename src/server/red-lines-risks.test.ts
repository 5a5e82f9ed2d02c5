// Red lines and the risk register as record kinds, through the API in process on PGlite and
// PostgreSQL: a red line names a rung of the scenario's escalation ladder (400 at `rung` otherwise),
// and a header change that drops a rung a red line or a risk names is refused naming who uses it; a
// risk's links name existing records (400 at `links[i].key`); a liaison officer writes its own
// nation's red lines and neither another nation's nor a risk (403); deleting a record a risk links to
// drops the link rather than refusing; and both kinds come back out in the export.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { skippedFor } from '../../test-summary.ts';
import {
  escalationLadder,
  offer,
  redLine,
  risk,
  sampleScenario,
  withRedLinesAndRisks,
} from '../domain/test-fixtures.ts';
import type { TestApp } from './test-app.ts';
import { testBackends, type TestBackend } from './test-backends.ts';
import type { TestUserName } from './test-server.ts';

for (const backend of testBackends('red-lines-risks', 'rlr')) describeRedLinesAndRisks(backend);

type Json = Record<string, unknown>;
type Method = 'GET' | 'POST' | 'PATCH' | 'DELETE';

interface ErrorBody {
  error: { code: string; message: string; issues?: { path: string; message: string }[] };
}

const S = 'red-lines-risks';
const url = (path: string) => `/api/scenarios/${S}${path}`;

function describeRedLinesAndRisks(backend: TestBackend): void {
  describe(`red lines and risks (${backend.name})`, skippedFor(backend.skipReason), () => {
    let t: TestApp;

    beforeAll(async () => {
      t = await backend.open();
      const base = sampleScenario({ id: S });
      const doc = withRedLinesAndRisks({
        ...base,
        offers: [...base.offers!, offer({ id: 'OFF-GBR-8', nation: 'GBR' })],
      });
      const r = await call('planner', 'POST', '/api/scenarios', {
        ...doc,
        risks: [...doc.risks!, risk({ id: 'RSK-2', links: [{ kind: 'offers', key: 'OFF-GBR-8' }] })],
      });
      expect(r.statusCode, r.body).toBe(201);
    });
    afterAll(async () => {
      await t?.close();
      await backend.dispose();
    });

    const call = (user: TestUserName, method: Method, path: string, payload?: unknown) =>
      t.call(user, method, path, payload);

    function expectInvalidAt(r: LightMyRequestResponse, path: string, message: string | RegExp): void {
      expect(r.statusCode, r.body).toBe(400);
      const body = r.json() as ErrorBody;
      expect(body.error.code).toBe('invalid');
      expect(body.error.issues?.map((i) => i.path)).toEqual([path]);
      expect(body.error.issues![0]!.message).toMatch(message);
    }

    it('a liaison officer writes its own nation’s red line: creates, changes and deletes it', async () => {
      const created = await call(
        'liaison-gbr',
        'POST',
        url('/red-lines'),
        redLine({ id: 'RL-GBR-2', rung: 'violation', effect: 'withdraws', share: 0.5 }),
      );
      expect(created.statusCode, created.body).toBe(201);
      const patched = await call('liaison-gbr', 'PATCH', url('/red-lines/RL-GBR-2'), {
        share: 1,
        version: 1,
      });
      expect(patched.statusCode, patched.body).toBe(200);
      expect((patched.json() as Json).share).toBe(1);
      const deleted = await call('liaison-gbr', 'DELETE', url('/red-lines/RL-GBR-2?version=2'));
      expect(deleted.statusCode, deleted.body).toBe(204);
    });

    it('a liaison officer may not write another nation’s red line, nor a risk (403)', async () => {
      const other = await call(
        'liaison-gbr',
        'POST',
        url('/red-lines'),
        redLine({ id: 'RL-FRA-7', nation: 'FRA' }),
      );
      expect(other.statusCode, other.body).toBe(403);
      const change = await call('liaison-gbr', 'PATCH', url('/red-lines/RL-FRA-1'), {
        km: 5,
        version: 1,
      });
      expect(change.statusCode, change.body).toBe(403);
      const newRisk = await call('liaison-gbr', 'POST', url('/risks'), risk({ id: 'RSK-GBR-9' }));
      expect(newRisk.statusCode, newRisk.body).toBe(403);
      const changeRisk = await call('liaison-fra', 'PATCH', url('/risks/RSK-1'), {
        owner: 'FRA',
        version: 1,
      });
      expect(changeRisk.statusCode, changeRisk.body).toBe(403);
    });

    it('a red line naming a rung the ladder does not have is 400 at "rung"', async () => {
      for (const user of ['planner', 'liaison-gbr'] as const) {
        const r = await call(user, 'POST', url('/red-lines'), redLine({ id: 'RL-GBR-3', rung: 'war' }));
        expectInvalidAt(r, 'rung', 'names unknown rung "war" (not in escalation.rungs)');
      }
      const patched = await call('planner', 'PATCH', url('/red-lines/RL-1'), { rung: 'war', version: 1 });
      expectInvalidAt(patched, 'rung', /unknown rung "war"/);
    });

    it('a risk linking to a record or rung that does not exist is 400 at the link’s key', async () => {
      const r = await call(
        'planner',
        'POST',
        url('/risks'),
        risk({
          id: 'RSK-9',
          links: [
            { kind: 'rungs', key: 'attack' },
            { kind: 'offers', key: 'OFF-404' },
          ],
        }),
      );
      expectInvalidAt(r, 'links[1].key', 'names unknown offers record "OFF-404"');
      const rung = await call(
        'planner',
        'POST',
        url('/risks'),
        risk({ id: 'RSK-9', links: [{ kind: 'rungs', key: 'war' }] }),
      );
      expectInvalidAt(rung, 'links[0].key', /unknown rung "war"/);
    });

    it('a header change that drops a rung a red line names is refused naming the red line', async () => {
      const h = (await call('planner', 'GET', url(''))).json() as { version: number };
      const ladder = escalationLadder();
      const r = await call('planner', 'PATCH', url(''), {
        version: h.version,
        escalation: { ...ladder, rungs: ladder.rungs!.filter((rung) => rung.id !== 'attack') },
      });
      expectInvalidAt(
        r,
        'escalation.rungs',
        'must keep rung "attack": red line RL-1 names it; change that first',
      );
      const removed = await call('planner', 'PATCH', url(''), { version: h.version, escalation: null });
      expect(removed.statusCode, removed.body).toBe(400);
      expect(removed.body).toContain('must keep rung');
    });

    it('deleting a record a risk links to drops the link from the risk, audited', async () => {
      const { version } = (await call('planner', 'GET', url('/offers/OFF-GBR-8'))).json() as {
        version: number;
      };
      const deleted = await call('liaison-gbr', 'DELETE', url(`/offers/OFF-GBR-8?version=${version}`));
      expect(deleted.statusCode, deleted.body).toBe(204);
      const after = (await call('planner', 'GET', url('/risks/RSK-2'))).json() as Json;
      expect(after.links).toEqual([]);
      expect(after.version).toBe(2);
      const exported = await call('planner', 'GET', url('/export'));
      expect(exported.statusCode, exported.body).toBe(200);
    });

    it('exports both kinds, and a re-import of the export is the same document', async () => {
      const exported = await call('planner', 'GET', url('/export'));
      expect(exported.statusCode, exported.body).toBe(200);
      const doc = exported.json() as Json & { redLines: Json[]; risks: Json[] };
      expect(doc.redLines.map((l) => l.id)).toEqual(['RL-1', 'RL-FRA-1']);
      expect(doc.risks.map((k) => k.id)).toEqual(['RSK-1', 'RSK-2']);
      const copy = await call('planner', 'POST', '/api/scenarios', { ...doc, id: `${S}-copy` });
      expect(copy.statusCode, copy.body).toBe(201);
      const again = (await call('planner', 'GET', `/api/scenarios/${S}-copy/export`)).json() as Json;
      expect({ ...again, id: S }).toEqual(doc);
    });
  });
}
