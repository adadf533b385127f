import { useState } from 'react';
import type { UserView } from '@shared/api/auth';
import { api } from '../../../api/client';
import { useApi } from '../../../api/query';
import { ROLE_LABELS } from '../../../auth/roles';
import { useSession } from '../../../auth/session';
import { Dialog } from '../../../components/Dialog';
import { messageOf } from '../../../errors';
import { formatLocalTimeShort } from '../time';
import { CreateUserForm } from './CreateUserForm';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { RoleDialog } from './RoleDialog';

// Người dùng: who can sign in, with which role; disable someone who left, unlock or reset a password.

type Notice = { text: string; error: boolean };
type OpenDialog =
  | { kind: 'reset'; user: UserView }
  | { kind: 'disable'; user: UserView }
  | { kind: 'role'; user: UserView }
  | undefined;

function isLockedOut(user: UserView, now: Date): boolean {
  return user.lockedUntil !== null && new Date(user.lockedUntil) > now;
}

export function UsersPage() {
  const { user: me } = useSession();
  // Loaded again by the data layer after each change to an account (commands and password resets).
  const { state: users, reload: load } = useApi('users.list', {});
  const list = users.status === 'loaded' ? { status: 'loaded' as const, users: users.value } : users;
  const [notice, setNotice] = useState<Notice | undefined>();
  const [dialog, setDialog] = useState<OpenDialog>();
  const [busyId, setBusyId] = useState<number | undefined>();
  // A new, empty form after each account created (its own state starts over); it says what was created.
  const [created, setCreated] = useState<{ count: number; user?: UserView }>({ count: 0 });

  const setActive = async (user: UserView, active: boolean, done: string) => {
    setBusyId(user.id);
    setNotice(undefined);
    try {
      await api('users.setActive', { id: user.id, active });
      setNotice({ text: done, error: false });
    } catch (error) {
      setNotice({ text: messageOf(error), error: true });
    } finally {
      setBusyId(undefined);
      setDialog(undefined);
    }
  };

  const now = new Date();
  return (
    <>
      <section className="panel" aria-labelledby="users-heading">
        <h2 id="users-heading">Người dùng</h2>
        <p className="panel-lead">Những người được đăng nhập vào Sổ An Sinh của đơn vị và vai trò của từng người.</p>
        <div className="notice-box">
          <p role="status" className={notice && !notice.error ? 'outcome outcome-ok' : 'outcome'}>
            {notice && !notice.error ? notice.text : ''}
          </p>
          <p role="alert" className={notice?.error ? 'outcome outcome-error' : 'outcome'}>
            {notice?.error ? notice.text : ''}
          </p>
        </div>
        {list.status === 'loading' && <p role="status">Đang tải danh sách người dùng…</p>}
        {list.status === 'failed' && (
          <div className="message message-error" role="alert">
            <p>Không tải được danh sách người dùng. {list.message}</p>
            <button type="button" className="btn btn-secondary" onClick={load}>
              Thử lại
            </button>
          </div>
        )}
        {list.status === 'loaded' && (
          <div className="table-scroll">
            <table className="data-table users-table">
              <caption className="sr-only">Danh sách người dùng</caption>
              <thead>
                <tr>
                  <th scope="col">Họ và tên</th>
                  <th scope="col">Tên đăng nhập</th>
                  <th scope="col">Vai trò</th>
                  <th scope="col">Trạng thái</th>
                  <th scope="col">Thao tác</th>
                </tr>
              </thead>
              <tbody>
                {list.users.map((u) => {
                  const self = u.id === me.id;
                  const lockedOut = u.active && isLockedOut(u, now);
                  return (
                    <tr key={u.id}>
                      <th scope="row">
                        {u.fullName}
                        {self && <span className="muted users-me"> (bạn)</span>}
                      </th>
                      <td>{u.username}</td>
                      <td>{ROLE_LABELS[u.role]}</td>
                      <td>
                        {!u.active ? (
                          <span className="status status-stopped">Đã vô hiệu hoá</span>
                        ) : lockedOut ? (
                          <span className="status status-suspended">
                            Tạm khoá đến {formatLocalTimeShort(u.lockedUntil!)}
                          </span>
                        ) : (
                          <span className="status status-active">Đang dùng</span>
                        )}
                      </td>
                      <td>
                        <div className="row-actions">
                          {lockedOut && (
                            <button
                              type="button"
                              className="btn btn-secondary"
                              disabled={busyId === u.id}
                              onClick={() => void setActive(u, true, `Đã mở khoá tài khoản «${u.username}».`)}
                            >
                              Mở khoá<span className="sr-only"> tài khoản {u.username}</span>
                            </button>
                          )}
                          {!self && (
                            <button
                              type="button"
                              className="btn btn-secondary"
                              onClick={() => setDialog({ kind: 'role', user: u })}
                            >
                              Đổi vai trò<span className="sr-only"> của {u.username}</span>
                            </button>
                          )}
                          {!self && (
                            <button
                              type="button"
                              className="btn btn-secondary"
                              onClick={() => setDialog({ kind: 'reset', user: u })}
                            >
                              Đặt lại mật khẩu<span className="sr-only"> cho {u.username}</span>
                            </button>
                          )}
                          {!self &&
                            (u.active ? (
                              <button
                                type="button"
                                className="btn btn-danger"
                                onClick={() => setDialog({ kind: 'disable', user: u })}
                              >
                                Vô hiệu hoá<span className="sr-only"> tài khoản {u.username}</span>
                              </button>
                            ) : (
                              <button
                                type="button"
                                className="btn btn-secondary"
                                disabled={busyId === u.id}
                                onClick={() => void setActive(u, true, `Đã cho tài khoản «${u.username}» dùng lại.`)}
                              >
                                Cho dùng lại<span className="sr-only"> tài khoản {u.username}</span>
                              </button>
                            ))}
                        </div>
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        )}
      </section>

      <CreateUserForm
        key={created.count}
        lastCreated={created.user}
        onCreated={(user) => {
          setNotice(undefined);
          setCreated((c) => ({ count: c.count + 1, user }));
        }}
      />

      {dialog?.kind === 'role' && (
        <RoleDialog
          user={dialog.user}
          onClose={() => setDialog(undefined)}
          onDone={(user) => {
            setDialog(undefined);
            setNotice({ text: `Đã đổi vai trò của «${user.username}» thành ${ROLE_LABELS[user.role]}.`, error: false });
          }}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ResetPasswordDialog
          user={dialog.user}
          onClose={() => setDialog(undefined)}
          onDone={(user) => {
            setDialog(undefined);
            setNotice({
              text: `Đã đặt lại mật khẩu cho «${user.username}». Hãy báo mật khẩu mới cho ${user.fullName}.`,
              error: false,
            });
          }}
        />
      )}
      {dialog?.kind === 'disable' && (
        <Dialog title={`Vô hiệu hoá tài khoản — ${dialog.user.fullName}`} onClose={() => setDialog(undefined)}>
          <p>
            «{dialog.user.username}» sẽ không đăng nhập được nữa và bị đăng xuất ngay trên mọi máy. Hồ sơ và nhật ký do
            người này ghi vẫn giữ nguyên; có thể cho dùng lại sau.
          </p>
          <div className="dialog-actions">
            <div className="dialog-buttons">
              <button type="button" className="btn btn-secondary" onClick={() => setDialog(undefined)}>
                Huỷ
              </button>
              <button
                type="button"
                className="btn btn-primary"
                aria-disabled={busyId === dialog.user.id || undefined}
                onClick={() =>
                  void setActive(dialog.user, false, `Đã vô hiệu hoá tài khoản «${dialog.user.username}».`)
                }
              >
                Vô hiệu hoá
              </button>
            </div>
          </div>
        </Dialog>
      )}
    </>
  );
}
