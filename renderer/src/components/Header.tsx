import type { SessionUser } from '@shared/api/auth';
import iconUrl from '../assets/icon.svg';
import { ROLE_LABELS } from '../auth/roles';

export function Header({
  appName,
  unitName,
  user,
  onLock,
  onSignOut,
}: {
  appName: string;
  unitName: string;
  user: SessionUser;
  onLock: () => void;
  onSignOut: () => void;
}) {
  return (
    <header className="app-header">
      <div className="app-brand">
        <img src={iconUrl} alt="" width={28} height={28} />
        <span className="app-name">{appName}</span>
        <span className="app-unit">{unitName || 'Chưa thiết lập đơn vị'}</span>
      </div>
      <div className="app-user">
        <p>
          <span className="sr-only">Người dùng: </span>
          <strong className="app-user-name">{user.fullName}</strong>
          <span className="app-user-role">{ROLE_LABELS[user.role]}</span>
        </p>
        <button
          type="button"
          className="btn btn-on-dark"
          onClick={onLock}
          title="Khoá khi rời máy; mở lại bằng mật khẩu, những gì đang nhập vẫn còn"
        >
          Khoá màn hình
        </button>
        <button type="button" className="btn btn-on-dark" onClick={onSignOut}>
          Đăng xuất
        </button>
      </div>
    </header>
  );
}
