import iconUrl from '../assets/icon.svg';

export function Header({ appName, unitName, userFullName }: { appName: string; unitName: string; userFullName: string }) {
  return (
    <header className="app-header">
      <div className="app-brand">
        <img src={iconUrl} alt="" width={28} height={28} />
        <span className="app-name">{appName}</span>
        <span className="app-unit">{unitName || 'Chưa thiết lập đơn vị'}</span>
      </div>
      <p className="app-user">
        Người dùng: <strong>{userFullName}</strong>
      </p>
    </header>
  );
}
