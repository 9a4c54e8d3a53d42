/**
 * The one seam between the SQL storage and its drivers (PGlite, node-postgres). Both speak the same
 * PostgreSQL dialect, so the storage, the migrations and the tests are written once.
 */
export interface Queryable {
  /** One statement, with `$1`-style parameters. */
  query<R = Record<string, unknown>>(text: string, params?: unknown[]): Promise<{ rows: R[] }>;
  /** Several statements, no parameters (migrations). */
  exec(text: string): Promise<void>;
  /** Several statements, no parameters, and the rows of the last one (pg-boss's locked commands). */
  execRows<R = Record<string, unknown>>(text: string): Promise<{ rows: R[] }>;
}

export interface Db extends Queryable {
  readonly kind: 'pglite' | 'postgres';
  /** Run `fn` in one transaction: COMMIT when it resolves, ROLLBACK when it throws. */
  transaction<T>(fn: (tx: Queryable) => Promise<T>): Promise<T>;
  /** Bytes of the embedded database's WebAssembly memory (PGlite); undefined for a server database. */
  embeddedMemoryBytes(): number | undefined;
  close(): Promise<void>;
}
