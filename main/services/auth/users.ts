import { qb, type Store } from '../../db/store';
import { ApiError } from '../../../shared/api/errors';
import type { Role, SessionUser, UserView } from '../../../shared/api/auth';
import { dummyHash, hashPassword, verifyPassword } from './passwords';

// Named users with roles. Failed sign-ins are counted; after MAX_FAILURES the account is locked for a
// while that doubles with each further failure (capped), so guessing is slow even on a shared PC.

export const MAX_FAILURES = 5;
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;

interface UserRow {
  id: number;
  username: string;
  full_name: string;
  role: Role;
  password_hash: string | null;
  active: number;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
}

const toSessionUser = (u: UserRow): SessionUser => ({ id: u.id, username: u.username, fullName: u.full_name, role: u.role });

/** No account can sign in yet: the first-run wizard must create the administrator. */
export function firstRunNeeded(store: Store): boolean {
  const row = store.prepare('SELECT COUNT(*) AS n FROM users WHERE password_hash IS NOT NULL').get() as { n: number };
  return row.n === 0;
}

/** Turns the built-in account (id 1) into the named administrator; only while no one can sign in. */
export async function createFirstAdmin(store: Store, input: { username: string; fullName: string; password: string }): Promise<SessionUser> {
  const hash = await hashPassword(input.password);
  return store.transaction(() => {
    if (!firstRunNeeded(store)) throw new ApiError('CONFLICT', 'Đã có tài khoản quản trị; hãy đăng nhập.');
    store.prepare("UPDATE users SET username = ?, full_name = ?, password_hash = ?, role = 'admin', active = 1 WHERE id = 1").run(input.username, input.fullName, hash);
    return toSessionUser(userById(store, 1)!);
  });
}

export function userById(store: Store, id: number): UserRow | undefined {
  return store.prepare('SELECT * FROM users WHERE id = ?').get(id) as UserRow | undefined;
}

export type AuthOutcome =
  | { ok: true; user: SessionUser }
  | { ok: false; reason: 'unknown' | 'disabled' | 'locked' | 'wrong-password'; message: string; userId?: number };

export const WRONG_SIGN_IN = 'Tên đăng nhập hoặc mật khẩu không đúng.';
const WRONG = WRONG_SIGN_IN;

/**
 * Checks a password and updates the failure count / lock.
 *
 * The failure is counted BEFORE the (slow, async) scrypt check, in one synchronous statement: parallel
 * attempts cannot all read the same old count (issue 12: 100 parallel tries used to count as 2). The try
 * that reaches MAX_FAILURES locks the account at once, so tries arriving while it is verified are refused
 * without a check; a right password then clears the count. An unknown name is checked against a dummy
 * hash of the same cost, so it answers as slowly as a known one.
 */
export async function authenticate(store: Store, username: string, password: string, now: Date): Promise<AuthOutcome> {
  const user = store.prepare('SELECT * FROM users WHERE username = ?').get(username) as UserRow | undefined;
  if (!user || !user.password_hash) {
    await verifyPassword(password, await dummyHash()); // same work whether or not the name exists
    return { ok: false, reason: 'unknown', message: WRONG };
  }
  if (!user.active) return { ok: false, reason: 'disabled', message: 'Tài khoản này đã bị vô hiệu hoá. Liên hệ quản trị hệ thống.', userId: user.id };
  const nowIso = now.toISOString();
  const counted = store.transaction(() => {
    const row = store
      .prepare('UPDATE users SET failed_attempts = failed_attempts + 1 WHERE id = ? AND (locked_until IS NULL OR locked_until <= ?) RETURNING failed_attempts')
      .get(user.id, nowIso) as { failed_attempts: number } | undefined;
    if (!row) return undefined;
    const failures = row.failed_attempts;
    const lockMs = failures >= MAX_FAILURES ? Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (failures - MAX_FAILURES)) : 0;
    if (lockMs) store.prepare('UPDATE users SET locked_until = ? WHERE id = ?').run(new Date(now.getTime() + lockMs).toISOString(), user.id);
    return { failures, lockMs };
  });
  if (!counted) {
    const lockedUntil = (store.prepare('SELECT locked_until FROM users WHERE id = ?').pluck().get(user.id) as string | null) ?? nowIso;
    const until = new Date(lockedUntil);
    const hhmm = `${String(until.getHours()).padStart(2, '0')}:${String(until.getMinutes()).padStart(2, '0')}`;
    return { ok: false, reason: 'locked', message: `Tài khoản tạm khoá đến ${hhmm} do nhập sai mật khẩu nhiều lần.`, userId: user.id };
  }
  const good = await verifyPassword(password, user.password_hash);
  if (good) {
    store.prepare('UPDATE users SET failed_attempts = 0, locked_until = NULL WHERE id = ?').run(user.id);
    return { ok: true, user: toSessionUser(user) };
  }
  const { failures, lockMs } = counted;
  const left = MAX_FAILURES - failures;
  const message = lockMs ? `${WRONG} Tài khoản bị tạm khoá ${Math.round(lockMs / 60_000)} phút.` : left <= 2 ? `${WRONG} Còn ${left} lần thử trước khi tài khoản bị tạm khoá.` : WRONG;
  return { ok: false, reason: 'wrong-password', message, userId: user.id };
}

export function listUsers(store: Store): UserView[] {
  return (store.all(qb.selectFrom('users').selectAll().where('password_hash', 'is not', null).orderBy('username')) as UserRow[]).map((u) => ({
    ...toSessionUser(u),
    active: u.active === 1,
    lockedUntil: u.locked_until,
    createdAt: u.created_at,
  }));
}

export async function createUser(store: Store, input: { username: string; fullName: string; role: Role; password: string }, now: Date): Promise<number> {
  const hash = await hashPassword(input.password);
  const taken = store.prepare('SELECT 1 FROM users WHERE username = ?').get(input.username);
  if (taken) throw new ApiError('CONFLICT', `Tên đăng nhập «${input.username}» đã có người dùng.`, [{ path: 'username', message: 'Tên đăng nhập đã có người dùng.' }]);
  const result = store.prepare('INSERT INTO users (username, full_name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?)').run(input.username, input.fullName, input.role, hash, now.toISOString());
  return Number(result.lastInsertRowid);
}
