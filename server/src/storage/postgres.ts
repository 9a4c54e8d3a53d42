import pg from 'pg';
import type { Db, Queryable } from './db.js';

export interface PostgresOptions {
  connectionString: string;
  /** PostgreSQL schema to keep the tables in (created if missing); default `public`. Tests use one each. */
  schema?: string;
  /** Pool size (default 10). */
  max?: number;
}

const SCHEMA_NAME = /^[a-z_][a-z0-9_]{0,62}$/;

/** PostgreSQL through node-postgres, when `DATABASE_URL` is set. */
export async function openPostgres(options: PostgresOptions): Promise<Db> {
  const schema = options.schema ?? 'public';
  if (!SCHEMA_NAME.test(schema)) throw new Error(`invalid PostgreSQL schema name "${schema}": use lower-case letters, digits and _`);
  const pool = new pg.Pool({
    connectionString: options.connectionString,
    max: options.max ?? 10,
    // Every connection works in the chosen schema.
    options: `-c search_path=${schema}`,
  });
  // An idle client that loses its connection must not crash the process; the next query reconnects.
  pool.on('error', () => {});
  if (schema !== 'public') {
    try {
      await pool.query(`CREATE SCHEMA IF NOT EXISTS ${schema}`);
    } catch (error) {
      // Two processes creating the same schema at once: the loser sees a duplicate; the schema exists.
      if ((error as { code?: string }).code !== '23505' && (error as { code?: string }).code !== '42P06') throw error;
    }
  }
  const wrap = (q: pg.Pool | pg.PoolClient): Queryable => ({
    query: async <R>(text: string, params?: unknown[]) => ({ rows: (await q.query(text, params)).rows as R[] }),
    exec: async (text) => {
      await q.query(text);
    },
    execRows: async <R>(text: string) => {
      // Without parameters node-postgres sends the simple protocol: several statements, one result each.
      const run = async (c: pg.Pool | pg.PoolClient) => {
        const result = (await c.query(text)) as unknown as pg.QueryResult | pg.QueryResult[];
        const last = Array.isArray(result) ? result[result.length - 1] : result;
        return { rows: (last?.rows ?? []) as R[] };
      };
      if (!(q instanceof pg.Pool)) return run(q);
      // A string holding its own BEGIN … COMMIT (pg-boss's locked commands) that fails half-way leaves
      // its connection in an aborted transaction: roll it back before the connection goes back to the
      // pool, or the next query on it fails. (Two workers creating pg-boss's schema at once do that.)
      const client = await q.connect();
      try {
        return await run(client);
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
  });
  return {
    kind: 'postgres',
    ...wrap(pool),
    async transaction(fn) {
      const client = await pool.connect();
      try {
        await client.query('BEGIN');
        const value = await fn(wrap(client));
        await client.query('COMMIT');
        return value;
      } catch (error) {
        await client.query('ROLLBACK').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    },
    embeddedMemoryBytes: () => undefined,
    close: () => pool.end(),
  };
}
