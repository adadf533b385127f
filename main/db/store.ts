import type Database from 'better-sqlite3';
import {
  DummyDriver,
  Kysely,
  SqliteAdapter,
  SqliteIntrospector,
  SqliteQueryCompiler,
  type Compilable,
  type CompiledQuery,
} from 'kysely';
import type { DB } from './schema';

// Kysely is used as a typed query *builder* only; better-sqlite3 executes synchronously. That keeps a
// handler's transaction a plain synchronous `db.transaction(fn)`: no awaits inside, so no other call can
// interleave with it, and a thrown error always rolls the whole write back.

export const qb = new Kysely<DB>({
  dialect: {
    createAdapter: () => new SqliteAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new SqliteIntrospector(db),
    createQueryCompiler: () => new SqliteQueryCompiler(),
  },
});

type Param = string | number | bigint | Buffer | null;

const toParam = (value: unknown): Param => {
  if (typeof value === 'boolean') return value ? 1 : 0;
  if (value === undefined) return null;
  return value as Param;
};

const STATEMENT_CACHE_SIZE = 256;

export class Store {
  private readonly statements = new Map<string, Database.Statement>();

  /**
   * `writer`: set on a read-only store (a second connection opened readonly, given to query handlers:
   * see openReadOnly): the register's writable store, used only by auditedWrite (main/jobs.ts), so the one
   * way a query can change the file is an audited transaction, as a command's.
   */
  constructor(
    private handle: Database.Database,
    readonly writer?: Store,
  ) {}

  get sqlite(): Database.Database {
    return this.handle;
  }

  /**
   * Restore: this store now runs on `other`'s connection (the restored file), so everything holding this
   * store keeps working. The old connection must already be closed.
   */
  adopt(other: Store): void {
    this.statements.clear();
    this.handle = other.handle;
  }

  /** A prepared statement, cached by its SQL text. Bulk paths use this directly. */
  prepare(sql: string): Database.Statement {
    let statement = this.statements.get(sql);
    if (!statement) {
      if (this.statements.size >= STATEMENT_CACHE_SIZE) {
        this.statements.delete(this.statements.keys().next().value!);
      }
      statement = this.sqlite.prepare(sql);
      this.statements.set(sql, statement);
    }
    return statement;
  }

  /**
   * The rows of `SELECT <columns> <rest>` as arrays of their values (in the columns' order), read as ONE
   * JSON text: better-sqlite3 hands each cell to V8 with a call of its own, JSON.parse builds the same
   * arrays in half to two thirds of the time. For bulk reads (the whole register) of plain values: no
   * BLOBs, no REALs needing more than 15 digits.
   */
  rowsAsJson(columns: string, rest: string, params: Record<string, unknown>): unknown[][] {
    const json = this.prepare(`SELECT json_group_array(json_array(${columns})) ${rest}`).pluck().get(params);
    return JSON.parse(json as string) as unknown[][];
  }

  all<R>(query: Compilable<R> | CompiledQuery<R>): R[] {
    const { sql, parameters } = compiled(query);
    return this.prepare(sql).all(...parameters.map(toParam)) as R[];
  }

  first<R>(query: Compilable<R> | CompiledQuery<R>): R | undefined {
    const { sql, parameters } = compiled(query);
    return this.prepare(sql).get(...parameters.map(toParam)) as R | undefined;
  }

  run(query: Compilable<unknown> | CompiledQuery<unknown>): Database.RunResult {
    const { sql, parameters } = compiled(query);
    const statement = this.prepare(sql);
    const params = parameters.map(toParam);
    // INSERT … RETURNING returns rows; run() would refuse it.
    if (statement.reader) {
      const rows = statement.all(...params);
      return { changes: rows.length, lastInsertRowid: 0 };
    }
    return statement.run(...params);
  }

  /**
   * Rows changed by the register's writer since it opened (its total_changes()): a cache key that moves
   * with every write of this app, read on either handle (a read-only connection's own count never moves).
   */
  writeCount(): number {
    return ((this.writer ?? this).prepare('SELECT total_changes() AS n').get() as { n: number }).n;
  }

  /** True for a query's handle: SQLite refuses every write on it (SQLITE_READONLY). */
  get readOnly(): boolean {
    return this.handle.readonly;
  }

  /** Runs fn in one transaction (nested calls become savepoints). fn must be synchronous. */
  transaction<T>(fn: () => T): T {
    return this.sqlite.transaction(fn).immediate();
  }

  close(): void {
    this.statements.clear();
    if (this.sqlite.open) this.sqlite.close();
  }
}

function compiled<R>(query: Compilable<R> | CompiledQuery<R>): CompiledQuery<R> {
  return 'compile' in query ? query.compile() : query;
}
