import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { emptyDatabase, killGroup, type Spawned, spawnGroup } from '../support/process.js';

const running: Spawned[] = [];
const drops: (() => Promise<void>)[] = [];
afterAll(async () => {
  for (const s of running) killGroup(s);
  await Promise.all(running.map((s) => s.exited));
  for (const d of drops) await d();
});

/** `orderly worker` on the database, running the scheduled jobs five times a second. */
function worker(url: string, id: string): Spawned {
  const s = spawnGroup('node', ['bin/orderly.js', 'worker'], {
    DATABASE_URL: url,
    ORDERLY_WORKER_ID: id,
    ORDERLY_JOB_INTERVAL: '0.2',
  });
  running.push(s);
  return s;
}

/** Polls `probe` every 50 ms until it returns a value (or fails after `ms`). */
async function until<T>(
  what: string,
  probe: () => Promise<T | undefined>,
  s?: Spawned,
  ms = 60_000,
): Promise<T> {
  const t0 = Date.now();
  while (Date.now() - t0 < ms) {
    const v = await probe();
    if (v !== undefined) return v;
    if (s && s.child.exitCode !== null)
      throw new Error(`process exited while waiting for ${what}:\n${s.output()}`);
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`timed out waiting for ${what}`);
}

/** Two Support orders in pending-start-date whose start date is today, on two resources. */
async function fixture(c: pg.Client) {
  const one = async (sql: string, params: unknown[] = []) => (await c.query(sql, params)).rows[0];
  const customer = await one(`INSERT INTO customers (name, slug) VALUES ('Org', 'org') RETURNING id`);
  const project = await one(
    `INSERT INTO projects (customer_id, name, slug) VALUES ($1, 'P', 'p') RETURNING id`,
    [customer.id],
  );
  const category = await one(`INSERT INTO offering_categories (title) VALUES ('C') RETURNING id`);
  const offering = await one(
    `INSERT INTO offerings (customer_id, category_id, name, slug, type, state)
     VALUES ($1, $2, 'Desk', 'desk', 'Support.OfferingTemplate', 2) RETURNING id`,
    [customer.id, category.id],
  );
  const ids: { resource: number; order: number }[] = [];
  for (const name of ['first', 'second']) {
    const r = await one(
      `INSERT INTO resources (offering_id, project_id, name) VALUES ($1, $2, $3) RETURNING id`,
      [offering.id, project.id, name],
    );
    ids.push({ resource: r.id, order: 0 });
  }
  return {
    ids,
    /** Inserts the two due orders (first, then second: the job takes them in that order). */
    async orders() {
      for (const x of ids) {
        const o = await one(
          `INSERT INTO orders (resource_id, offering_id, project_id, type, state, start_date)
           VALUES ($1, $2, $3, 1, 9, current_date) RETURNING id`,
          [x.resource, offering.id, project.id],
        );
        x.order = o.id;
      }
    },
  };
}

describe('a worker killed during a scheduled run', () => {
  it('neither loses nor doubles a transition: the run rolls back whole and the next worker redoes it once', async () => {
    const db = await emptyDatabase();
    drops.push(db.drop);
    const a = worker(db.url, 'crash-a');
    await until('worker a ready', async () => (a.output().includes('(worker) ready') ? true : undefined), a);

    const setup = new pg.Client({ connectionString: db.url });
    const holder = new pg.Client({ connectionString: db.url });
    // A dropped database ends these connections; that is not an error of the test.
    setup.on('error', () => undefined);
    holder.on('error', () => undefined);
    await setup.connect();
    await holder.connect();
    try {
      const f = await fixture(setup);
      // Hold the second resource's row lock: the run moves the first order, then blocks on the second.
      // NO KEY UPDATE still lets the orders reference the row (their foreign key takes KEY SHARE),
      // while the run's FOR UPDATE on it waits.
      await holder.query('BEGIN');
      await holder.query('SELECT id FROM resources WHERE id = $1 FOR NO KEY UPDATE', [f.ids[1]?.resource]);
      await f.orders();
      const blocked = await until(
        'the job to block on the held row',
        async () =>
          (
            await setup.query(
              `SELECT pid FROM pg_stat_activity WHERE application_name = 'orderly-crash-a' AND wait_event_type = 'Lock'`,
            )
          ).rows[0]?.pid as number | undefined,
        a,
      );
      expect(blocked).toBeGreaterThan(0);
      // The first order's transition is written (the run holds the lock its INSERT took on
      // order_transitions) but not committed while the run waits on the second.
      const wrote = await setup.query(
        `SELECT 1 FROM pg_locks WHERE pid = $1 AND relation = 'order_transitions'::regclass AND mode = 'RowExclusiveLock' AND granted`,
        [blocked],
      );
      expect(wrote.rowCount).toBe(1);
      const during = await setup.query('SELECT state FROM orders ORDER BY id');
      expect(during.rows.map((r) => r.state)).toEqual([9, 9]);

      killGroup(a);
      await a.exited;
      await holder.query('ROLLBACK');
      // The killed worker's backend can never commit (its client is gone); wait until it is gone too.
      await until('the orphaned backend to end', async () =>
        (await setup.query(`SELECT 1 FROM pg_stat_activity WHERE application_name = 'orderly-crash-a'`))
          .rowCount === 0
          ? true
          : undefined,
      );
      const after = await setup.query(
        'SELECT (SELECT count(*)::int FROM order_transitions) AS transitions, (SELECT count(*)::int FROM order_attempts) AS attempts',
      );
      expect(after.rows[0]).toEqual({ transitions: 0, attempts: 0 });
      expect((await setup.query('SELECT state FROM orders ORDER BY id')).rows.map((r) => r.state)).toEqual([
        9, 9,
      ]);

      const b = worker(db.url, 'crash-b');
      await until(
        'both orders executing',
        async () => {
          const r = await setup.query('SELECT count(*)::int AS n FROM orders WHERE state = 2');
          return r.rows[0].n === 2 ? true : undefined;
        },
        b,
      );
      killGroup(b, 'SIGTERM');
      expect(await b.exited).toBe(0);
      const history = await setup.query(
        `SELECT o.id, o.attempt_count,
                (SELECT count(*)::int FROM order_transitions t WHERE t.order_id = o.id AND t.from_state = 9 AND t.to_state = 2) AS moves,
                (SELECT count(*)::int FROM order_attempts x WHERE x.order_id = o.id AND x.trigger = 'start_date') AS attempts
         FROM orders o ORDER BY o.id`,
      );
      expect(history.rows.map((r) => [r.attempt_count, r.moves, r.attempts])).toEqual([
        [1, 1, 1],
        [1, 1, 1],
      ]);
    } finally {
      await holder.end().catch(() => undefined);
      await setup.end();
    }
  }, 120_000);
});
