import type { Store } from '../../db/store';
import { ApiError } from '@shared/api/errors';
import type { Role, SessionUser, UserView } from '@shared/api/auth';
import { dummyHash, hashPassword, verifyPassword } from './passwords';
import * as q from './queries';
import type { UserRow } from './queries';

// Named users with roles. Failed sign-ins are counted; after MAX_FAILURES the account is locked for a
// while that doubles with each further failure (capped), so guessing is slow even on a shared PC.

export const MAX_FAILURES = 5;
const BASE_LOCK_MS = 60_000;
const MAX_LOCK_MS = 60 * 60_000;

const toSessionUser = (u: UserRow): SessionUser => ({
  id: u.id,
  username: u.username,
  fullName: u.full_name,
  role: u.role,
});

/** No account can sign in yet: the first-run wizard must create the administrator. */
export function firstRunNeeded(store: Store): boolean {
  return q.signInUserCount(store) === 0;
}

/** Turns the built-in account (id 1) into the named administrator; only while no one can sign in. */
export async function createFirstAdmin(
  store: Store,
  input: { username: string; fullName: string; password: string },
): Promise<SessionUser> {
  const hash = await hashPassword(input.password);
  return store.transaction(() => {
    if (!firstRunNeeded(store)) throw new ApiError('CONFLICT', 'Đã có tài khoản quản trị; hãy đăng nhập.');
    q.makeFirstAdmin(store, { username: input.username, fullName: input.fullName, hash });
    return toSessionUser(userById(store, 1)!);
  });
}

export const userById = q.userById;

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
  const user = q.userByName(store, username);
  if (!user || !user.password_hash) {
    await verifyPassword(password, await dummyHash()); // same work whether or not the name exists
    return { ok: false, reason: 'unknown', message: WRONG };
  }
  if (!user.active)
    return {
      ok: false,
      reason: 'disabled',
      message: 'Tài khoản này đã bị vô hiệu hoá. Liên hệ quản trị hệ thống.',
      userId: user.id,
    };
  const nowIso = now.toISOString();
  const counted = store.transaction(() => {
    const failures = q.countFailure(store, user.id, nowIso);
    if (failures === undefined) return undefined;
    const lockMs = failures >= MAX_FAILURES ? Math.min(MAX_LOCK_MS, BASE_LOCK_MS * 2 ** (failures - MAX_FAILURES)) : 0;
    if (lockMs) q.lockUntil(store, user.id, new Date(now.getTime() + lockMs).toISOString());
    return { failures, lockMs };
  });
  if (!counted) {
    const lockedUntil = q.lockedUntil(store, user.id) ?? nowIso;
    const until = new Date(lockedUntil);
    const hhmm = `${String(until.getHours()).padStart(2, '0')}:${String(until.getMinutes()).padStart(2, '0')}`;
    return {
      ok: false,
      reason: 'locked',
      message: `Tài khoản tạm khoá đến ${hhmm} do nhập sai mật khẩu nhiều lần.`,
      userId: user.id,
    };
  }
  const good = await verifyPassword(password, user.password_hash);
  if (good) {
    q.clearFailures(store, user.id);
    return { ok: true, user: toSessionUser(user) };
  }
  const { failures, lockMs } = counted;
  const left = MAX_FAILURES - failures;
  const message = lockMs
    ? `${WRONG} Tài khoản bị tạm khoá ${Math.round(lockMs / 60_000)} phút.`
    : left <= 2
      ? `${WRONG} Còn ${left} lần thử trước khi tài khoản bị tạm khoá.`
      : WRONG;
  return { ok: false, reason: 'wrong-password', message, userId: user.id };
}

export function listUsers(store: Store): UserView[] {
  return q.signInUsers(store).map((u) => ({
    ...toSessionUser(u),
    active: u.active === 1,
    lockedUntil: u.locked_until,
    createdAt: u.created_at,
  }));
}

export async function createUser(
  store: Store,
  input: { username: string; fullName: string; role: Role; password: string },
  now: Date,
): Promise<number> {
  const hash = await hashPassword(input.password);
  const taken = q.userByName(store, input.username);
  if (taken)
    throw new ApiError('CONFLICT', `Tên đăng nhập «${input.username}» đã có người dùng.`, [
      { path: 'username', message: 'Tên đăng nhập đã có người dùng.' },
    ]);
  return q.insertUser(store, {
    username: input.username,
    fullName: input.fullName,
    role: input.role,
    hash,
    createdAt: now.toISOString(),
  });
}
