// PGlite has one session: a query from outside a transaction must wait for it rather than run
// inside it (where it would see uncommitted rows and be rolled back with them).
import { PGlite } from '@electric-sql/pglite';
import { Kysely, sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Mutex, PGliteDialect } from './pglite-dialect.ts';

interface Db {
  t: { n: number };
}

describe('PGliteDialect', () => {
  let db: Kysely<Db>;

  beforeAll(async () => {
    db = new Kysely<Db>({ dialect: new PGliteDialect({ pglite: await PGlite.create() }) });
    await sql`create table t (n integer)`.execute(db);
  });
  afterAll(async () => {
    await db.destroy();
  });

  it('holds the connection from BEGIN to COMMIT', async () => {
    let insideDone!: () => void;
    const inside = new Promise<void>((resolve) => (insideDone = resolve));
    const events: string[] = [];
    const trx = db.transaction().execute(async (tx) => {
      await tx.insertInto('t').values({ n: 1 }).execute();
      insideDone();
      // Give the outside query every chance to run now, if it could.
      await new Promise((resolve) => setTimeout(resolve, 50));
      events.push('commit');
    });
    await inside;
    const outside = db
      .selectFrom('t')
      .select('n')
      .execute()
      .then((rows) => events.push(`outside saw ${rows.length}`));
    await Promise.all([trx, outside]);
    expect(events).toEqual(['commit', 'outside saw 1']);
  });

  it('rolls back a failed transaction and frees the connection', async () => {
    await expect(
      db.transaction().execute(async (tx) => {
        await tx.insertInto('t').values({ n: 2 }).execute();
        throw new Error('boom');
      }),
    ).rejects.toThrow('boom');
    const rows = await db.selectFrom('t').select('n').where('n', '=', 2).execute();
    expect(rows).toEqual([]);
  });

  it('reports affected rows', async () => {
    const result = await db.updateTable('t').set({ n: 10 }).where('n', '=', 1).executeTakeFirst();
    expect(result.numUpdatedRows).toBe(1n);
  });
});

describe('Mutex', () => {
  it('grants the lock in request order, one holder at a time', async () => {
    const mutex = new Mutex();
    const order: string[] = [];
    const holder = async (name: string, ms: number) => {
      const release = await mutex.lock();
      order.push(`${name} in`);
      await new Promise((resolve) => setTimeout(resolve, ms));
      order.push(`${name} out`);
      release();
    };
    await Promise.all([holder('a', 20), holder('b', 1), holder('c', 1)]);
    expect(order).toEqual(['a in', 'a out', 'b in', 'b out', 'c in', 'c out']);
  });
});
