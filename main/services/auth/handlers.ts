import type { HandlerTable } from '../../api/handlers';
import type { HandlerContext, StatusContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import type { SessionState, SessionUser, UserView } from '@shared/api/auth';
import { auditedWrite, startJob, yieldToEventLoop } from '../../jobs';
import { exportAudit, listAudit, verifyAuditWithAnchors } from '../audit-log';
import { hashPassword } from './passwords';
import { appendOwn, collapserOf } from '../audit-limit';
import { getSecuritySettings, saveSecuritySettings } from './security-settings';
import { today } from '../clock';
import { activeAdminCount, setActive, setPasswordHash, setRole } from './queries';
import {
  authenticate,
  WRONG_SIGN_IN,
  createFirstAdmin,
  createUser,
  firstRunNeeded,
  listUsers,
  userById,
} from './users';

// Sign-in, users and the audit screen. Every sign-in, failed sign-in, unlock, sign-out and user change
// is in the audit log; a failed sign-in is recorded under the name that was tried.

type AuthChannels =
  | 'auth.state'
  | 'auth.firstRun'
  | 'auth.login'
  | 'auth.unlock'
  | 'auth.logout'
  | 'auth.lock'
  | 'auth.changePassword'
  | 'users.list'
  | 'users.create'
  | 'users.setActive'
  | 'users.setRole'
  | 'users.resetPassword'
  | 'audit.list'
  | 'audit.export'
  | 'audit.verify'
  | 'settings.getSecurity'
  | 'settings.saveSecurity';

function state(ctx: StatusContext): SessionState {
  const idleMinutes = ctx.sessions.idleMinutes;
  if (!ctx.store) return { state: 'signed-out', user: null, idleMinutes };
  if (firstRunNeeded(ctx.store)) return { state: 'first-run', user: null, idleMinutes };
  const session = ctx.sessions.current(ctx.client, ctx.now.getTime());
  if (!session) return { state: 'signed-out', user: null, idleMinutes };
  return { state: session.locked ? 'locked' : 'signed-in', user: session.user, idleMinutes };
}

function signIn(ctx: HandlerContext, user: SessionUser, action: string): SessionState {
  ctx.sessions.signIn(ctx.client, user, ctx.now.getTime());
  ctx.user = user;
  ctx.audit({ action, entity: 'user', entityId: user.id });
  return state(ctx);
}

function userView(ctx: HandlerContext, id: number): UserView {
  const view = listUsers(ctx.store).find((u) => u.id === id);
  if (!view) throw new ApiError('NOT_FOUND', 'Không tìm thấy người dùng này.');
  return view;
}

/** Checks a password for a sign-in; a failure is audited under the tried name and refused. */
async function checkPassword(
  ctx: HandlerContext,
  username: string,
  password: string,
  action: string,
): Promise<SessionUser> {
  const outcome = await authenticate(ctx.store, username, password, ctx.now);
  if (outcome.ok) return outcome.user;
  ctx.user = { id: outcome.userId ?? null, username: username.slice(0, 64) || '(trống)', fullName: '', role: null };
  const entry = {
    action: `${action}.failed`,
    entity: 'user',
    entityId: outcome.userId ?? null,
    detail: { reason: outcome.reason },
  };
  if (outcome.reason === 'wrong-password') {
    ctx.audit(entry); // bounded by the lock-out: each one on record
  } else {
    // An unknown name, a locked or disabled account: anyone can repeat these without limit, so they are
    // collapsed per kind (and account) and minute (services/audit-limit.ts).
    const key = `${entry.action}:${outcome.reason}:${outcome.userId ?? ''}`;
    collapserOf(ctx.store).record(
      key,
      entry,
      ctx.now,
      appendOwn(ctx.store, ctx.now),
      ctx.user,
      outcome.reason === 'unknown' ? username.slice(0, 32) : undefined,
    );
  }
  throw new ApiError('UNAUTHENTICATED', outcome.message);
}

/**
 * Checks the signed-in user's own password (unlock, change of password). A wrong password, or the
 * temporary lock-out it leads to, is an error on the password field: the session goes on. A user disabled
 * meanwhile is signed out.
 */
async function checkOwnPassword(
  ctx: HandlerContext,
  user: SessionUser,
  password: string,
  action: string,
  field: string,
): Promise<void> {
  const outcome = await authenticate(ctx.store, user.username, password, ctx.now);
  if (outcome.ok) return;
  ctx.user = user;
  const entry = { action: `${action}.failed`, entity: 'user', entityId: user.id, detail: { reason: outcome.reason } };
  // Tries against an account already locked can be repeated without limit at a locked screen: collapsed.
  if (outcome.reason === 'locked')
    collapserOf(ctx.store).record(
      `${entry.action}:locked:${user.id}`,
      entry,
      ctx.now,
      appendOwn(ctx.store, ctx.now),
      user,
    );
  else ctx.audit(entry);
  if (outcome.reason === 'wrong-password' || outcome.reason === 'locked') {
    const message =
      outcome.reason === 'locked'
        ? outcome.message
        : outcome.message.replace(WRONG_SIGN_IN, 'Mật khẩu đang dùng không đúng.');
    throw new ApiError('INVALID_INPUT', message, [{ path: field, message: 'Mật khẩu không đúng.' }]);
  }
  ctx.sessions.signOut(ctx.client);
  throw new ApiError('UNAUTHENTICATED', outcome.message);
}

export const authHandlers: Pick<HandlerTable, AuthChannels> = {
  'auth.state': (ctx) => state(ctx),
  'auth.firstRun': async (ctx, input) => signIn(ctx, await createFirstAdmin(ctx.store, input), 'auth.firstRun'),
  'auth.login': async (ctx, input) =>
    signIn(ctx, await checkPassword(ctx, input.username, input.password, 'auth.login'), 'auth.login'),
  'auth.unlock': async (ctx, { password }) => {
    const session = ctx.sessions.current(ctx.client, ctx.now.getTime());
    if (!session) throw new ApiError('UNAUTHENTICATED', 'Hãy đăng nhập để tiếp tục.');
    await checkOwnPassword(ctx, session.user, password, 'auth.unlock', 'password');
    ctx.sessions.unlock(ctx.client, ctx.now.getTime());
    ctx.user = session.user;
    ctx.audit({ action: 'auth.unlock', entity: 'user', entityId: session.user.id });
    return state(ctx);
  },
  'auth.logout': (ctx) => {
    const session = ctx.sessions.current(ctx.client, ctx.now.getTime());
    ctx.sessions.signOut(ctx.client);
    if (session) {
      ctx.user = session.user;
      ctx.audit({ action: 'auth.logout', entity: 'user', entityId: session.user.id });
    }
    return state(ctx);
  },
  'auth.lock': (ctx) => {
    const session = ctx.sessions.current(ctx.client, ctx.now.getTime());
    if (session && !session.locked) {
      ctx.sessions.lock(ctx.client);
      ctx.user = session.user;
      ctx.audit({ action: 'auth.lock', entity: 'user', entityId: session.user.id });
    }
    return state(ctx);
  },
  'auth.changePassword': async (ctx, input) => {
    const me = ctx.user as SessionUser;
    await checkOwnPassword(ctx, me, input.currentPassword, 'auth.changePassword', 'currentPassword');
    const hash = await hashPassword(input.newPassword);
    setPasswordHash(ctx.store, me.id, hash, { unlock: false });
    ctx.audit({ action: 'user.changePassword', entity: 'user', entityId: me.id });
    return { changed: true as const };
  },
  'users.list': (ctx) => listUsers(ctx.store),
  'users.create': async (ctx, input) => {
    const id = await createUser(ctx.store, input, ctx.now);
    ctx.audit({
      action: 'user.create',
      entity: 'user',
      entityId: id,
      after: { username: input.username, fullName: input.fullName, role: input.role },
    });
    return userView(ctx, id);
  },
  'users.setActive': (ctx, { id, active }) => {
    const user = userById(ctx.store, id);
    if (!user || !user.password_hash) throw new ApiError('NOT_FOUND', 'Không tìm thấy người dùng này.');
    if (id === ctx.user.id && !active) throw new ApiError('CONFLICT', 'Không thể tự vô hiệu hoá tài khoản đang dùng.');
    setActive(ctx.store, id, active);
    if (!active) ctx.sessions.signOutUser(id);
    ctx.audit({
      action: active ? 'user.enable' : 'user.disable',
      entity: 'user',
      entityId: id,
      before: { active: user.active === 1 },
      after: { active },
    });
    return userView(ctx, id);
  },
  'users.setRole': (ctx, { id, role }) => {
    const user = userById(ctx.store, id);
    if (!user || !user.password_hash) throw new ApiError('NOT_FOUND', 'Không tìm thấy người dùng này.');
    if (user.role === role) return userView(ctx, id);
    // The office always keeps an active administrator: users, settings and the audit log need one.
    if (user.role === 'admin' && user.active === 1) {
      if (activeAdminCount(ctx.store) <= 1)
        throw new ApiError(
          'CONFLICT',
          'Đây là quản trị hệ thống duy nhất đang hoạt động: tạo hoặc mở lại một tài khoản quản trị khác trước khi đổi vai trò tài khoản này.',
        );
    }
    setRole(ctx.store, id, role);
    // The session carries the role: the person signs in again and gets the new one.
    ctx.sessions.signOutUser(id);
    ctx.audit({ action: 'user.setRole', entity: 'user', entityId: id, before: { role: user.role }, after: { role } });
    return userView(ctx, id);
  },
  'users.resetPassword': async (ctx, { id, password }) => {
    if (!userById(ctx.store, id)) throw new ApiError('NOT_FOUND', 'Không tìm thấy người dùng này.');
    const hash = await hashPassword(password);
    setPasswordHash(ctx.store, id, hash, { unlock: true });
    ctx.sessions.signOutUser(id);
    ctx.audit({ action: 'user.resetPassword', entity: 'user', entityId: id });
    return userView(ctx, id);
  },
  'audit.list': (ctx, filter) => listAudit(ctx.store, filter),
  'audit.export': (ctx, filter) => {
    const { store, user, now } = ctx;
    const jobId = startJob('audit.export', 'Đang xuất nhật ký…', async (progress, signal) => {
      progress(0, 1);
      await yieldToEventLoop();
      signal.throwIfCancelled();
      const { buffer, count } = await exportAudit(store, filter);
      signal.throwIfCancelled();
      auditedWrite(store, user, now, (audit) =>
        audit({ action: 'audit.export', entity: 'export', detail: { rows: count, filter } }),
      );
      progress(1, 1);
      // The office's own date in the name (a UTC date is yesterday's before 7 am in Vietnam).
      return { fileName: `nhat-ky-${today(now)}.xlsx`, contentBase64: buffer.toString('base64'), count };
    });
    return { jobId };
  },
  'audit.verify': (ctx) => verifyAuditWithAnchors(ctx.store, ctx.dbControl?.dbPath),
  'settings.getSecurity': (ctx) => getSecuritySettings(ctx.store),
  'settings.saveSecurity': (ctx, input) => saveSecuritySettings(ctx, input),
};
