import type { Selectable } from 'kysely';
import { qb, type Store } from '../../db/store';
import type { UsersTable } from '../../db/schema';

// The users' SQL (issue 13): typed by the generated schema, built with kysely.

export type UserRow = Selectable<UsersTable>;
export type Role = UserRow['role'];

export function userById(store: Store, id: number): UserRow | undefined {
  return store.first(qb.selectFrom('users').selectAll().where('id', '=', id));
}

export function userByName(store: Store, username: string): UserRow | undefined {
  return store.first(qb.selectFrom('users').selectAll().where('username', '=', username));
}

/** Accounts that can sign in (the built-in account has no password until the first run). */
export function signInUsers(store: Store): UserRow[] {
  return store.all(qb.selectFrom('users').selectAll().where('password_hash', 'is not', null).orderBy('username'));
}

export function signInUserCount(store: Store): number {
  const row = store.first(
    qb
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('password_hash', 'is not', null),
  );
  return row?.n ?? 0;
}

export function activeAdminCount(store: Store): number {
  const row = store.first(
    qb
      .selectFrom('users')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('role', '=', 'admin')
      .where('active', '=', 1)
      .where('password_hash', 'is not', null),
  );
  return row?.n ?? 0;
}

export function makeFirstAdmin(store: Store, input: { username: string; fullName: string; hash: string }): void {
  store.run(
    qb
      .updateTable('users')
      .set({ username: input.username, full_name: input.fullName, password_hash: input.hash, role: 'admin', active: 1 })
      .where('id', '=', 1),
  );
}

export function insertUser(
  store: Store,
  row: { username: string; fullName: string; role: Role; hash: string; createdAt: string },
): number {
  const insert = qb.insertInto('users').values({
    username: row.username,
    full_name: row.fullName,
    role: row.role,
    password_hash: row.hash,
    created_at: row.createdAt,
  });
  return Number(store.run(insert).lastInsertRowid);
}

/** Counts a failed sign-in unless the account is locked; the new count, or undefined while locked. */
export function countFailure(store: Store, id: number, nowIso: string): number | undefined {
  const row = store.first(
    qb
      .updateTable('users')
      .set((eb) => ({ failed_attempts: eb('failed_attempts', '+', 1) }))
      .where('id', '=', id)
      .where((eb) => eb.or([eb('locked_until', 'is', null), eb('locked_until', '<=', nowIso)]))
      .returning('failed_attempts'),
  );
  return row?.failed_attempts;
}

export function lockUntil(store: Store, id: number, until: string): void {
  store.run(qb.updateTable('users').set({ locked_until: until }).where('id', '=', id));
}

export function lockedUntil(store: Store, id: number): string | null {
  return store.first(qb.selectFrom('users').select('locked_until').where('id', '=', id))?.locked_until ?? null;
}

export function clearFailures(store: Store, id: number): void {
  store.run(qb.updateTable('users').set({ failed_attempts: 0, locked_until: null }).where('id', '=', id));
}

export function setPasswordHash(store: Store, id: number, hash: string, opts: { unlock: boolean }): void {
  const unlock = opts.unlock ? { failed_attempts: 0, locked_until: null } : {};
  store.run(
    qb
      .updateTable('users')
      .set({ password_hash: hash, ...unlock })
      .where('id', '=', id),
  );
}

export function setActive(store: Store, id: number, active: boolean): void {
  store.run(
    qb
      .updateTable('users')
      .set({ active: active ? 1 : 0, failed_attempts: 0, locked_until: null })
      .where('id', '=', id),
  );
}

export function setRole(store: Store, id: number, role: Role): void {
  store.run(qb.updateTable('users').set({ role }).where('id', '=', id));
}
