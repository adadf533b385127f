import { useSession } from '../auth/session';
import { ScreenTitle } from '../components/ScreenTitle';
import { hrefFor, useHashPath } from '../routing';
import { NoAccessNote } from './NoAccessScreen';
import { NotFoundScreen } from './NotFoundScreen';
import { AuditPage } from './settings/audit/AuditPage';
import { BackupPage } from './settings/backup/BackupPage';
import { SupportLogPage } from './settings/SupportLogPage';
import { AboutPage } from './settings/AboutPage';
import { BanksPage } from './settings/BanksPage';
import { ChangePasswordPage } from './settings/ChangePasswordPage';
import { OfficeSettingsForm } from './settings/OfficeSettingsForm';
import { OfficeSettingsView } from './settings/OfficeSettingsView';
import { OfficeNamesHistory } from './settings/OfficeNamesHistory';
import { SETTINGS_PAGES, pageAllowed, settingsPageOf, type SettingsPage } from './settings/pages';
import { SecurityPage } from './settings/SecurityPage';
import { UsersPage } from './settings/users/UsersPage';
import { BankTemplatesPage } from './settings/bank-templates/BankTemplatesPage';
import type { ScreenProps } from './types';
import { ModePage } from './settings/ModePage';
import './settings/settings.css';

export function SettingsScreen(props: ScreenProps) {
  const { user } = useSession();
  const page = settingsPageOf(useHashPath());
  if (!page) return <NotFoundScreen />;
  const pages = SETTINGS_PAGES.filter((p) => pageAllowed(p, user.role));
  return (
    <>
      <ScreenTitle>Cài đặt</ScreenTitle>
      <SettingsTabs pages={pages} current={page} />
      {pageAllowed(page, user.role) ? <SettingsPageBody page={page} {...props} /> : <NoAccessNote />}
    </>
  );
}

function SettingsTabs({ pages, current }: { pages: readonly SettingsPage[]; current: SettingsPage }) {
  return (
    <nav className="settings-tabs" aria-label="Các mục cài đặt">
      <ul>
        {pages.map((p) => (
          <li key={p.key}>
            <a href={hrefFor(p.path)} aria-current={p.key === current.key ? 'page' : undefined}>
              {p.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

function SettingsPageBody({ page, ...props }: ScreenProps & { page: SettingsPage }) {
  switch (page.key) {
    case 'office':
      return <OfficePage {...props} />;
    case 'users':
      return <UsersPage />;
    case 'security':
      return <SecurityPage />;
    case 'audit':
      return <AuditPage />;
    case 'backup':
      return <BackupPage />;
    case 'password':
      return <ChangePasswordPage />;
    case 'bank-templates':
      return <BankTemplatesPage />;
    case 'banks':
      return <BanksPage />;
    case 'support-log':
      return <SupportLogPage />;
    case 'about':
      return <AboutPage info={props.info} />;
    case 'mode':
      return <ModePage />;
  }
}

/** Thông tin đơn vị: the administrator edits it; other roles read it. */
function OfficePage({ office, onOfficeSaved, onRetryOffice }: ScreenProps) {
  const { user } = useSession();
  const admin = user.role === 'admin';
  const empty = office.status === 'loaded' && office.settings.unitName === '';
  return (
    <>
      {empty && admin && (
        <div className="message message-info" role="note">
          <p className="message-title">Chào mừng đến với Sổ An Sinh!</p>
          <p>
            Thiết lập thông tin đơn vị trước khi bắt đầu. Các thông tin này được in trên danh sách chi trả và báo cáo.
          </p>
          <p>
            Sau đó, tạo tài khoản cho cán bộ chính sách và kế toán ở mục{' '}
            <a href={hrefFor('/cai-dat/nguoi-dung')}>Người dùng</a>.
          </p>
        </div>
      )}
      <section className="panel" aria-labelledby="office-heading">
        <h2 id="office-heading">Thông tin đơn vị</h2>
        {office.status === 'loading' && <p role="status">Đang tải thông tin đơn vị…</p>}
        {office.status === 'failed' && (
          <div className="message message-error" role="alert">
            <p>Không tải được thông tin đơn vị. {office.message}</p>
            <button type="button" className="btn btn-secondary" onClick={onRetryOffice}>
              Thử lại
            </button>
          </div>
        )}
        {office.status === 'loaded' &&
          (admin ? (
            <OfficeSettingsForm initial={office.settings} onSaved={onOfficeSaved} />
          ) : (
            <OfficeSettingsView settings={office.settings} />
          ))}
        {office.status === 'loaded' && <OfficeNamesHistory />}
      </section>
    </>
  );
}
