import { useEffect, type ReactNode } from 'react';
import iconUrl from '../../assets/icon.svg';
import './auth.css';

/** The page around sign-in and first run: the app's name, one card, the version. */
export function AuthFrame({ title, appVersion, children }: { title: string; appVersion: string; children: ReactNode }) {
  useEffect(() => {
    document.title = `${title} — Sổ An Sinh`;
  }, [title]);
  return (
    <div className="auth-page">
      <header className="auth-brand">
        <img src={iconUrl} alt="" width={40} height={40} />
        <div>
          <p className="auth-app-name">Sổ An Sinh</p>
          <p className="auth-app-lead">Sổ theo dõi và chi trả trợ cấp an sinh xã hội</p>
        </div>
      </header>
      <main className="auth-card">
        <h1 className="auth-title">{title}</h1>
        {children}
      </main>
      <p className="auth-version">Phiên bản {appVersion}</p>
    </div>
  );
}
