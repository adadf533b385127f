import { ScreenTitle } from '../components/ScreenTitle';
import { OfficeSettingsForm } from './settings/OfficeSettingsForm';
import type { ScreenProps } from './types';

export function SettingsScreen({ office, onOfficeSaved, onRetryOffice }: ScreenProps) {
  const firstRun = office.status === 'loaded' && office.settings.unitName === '';
  return (
    <>
      <ScreenTitle>Cài đặt</ScreenTitle>
      {firstRun && (
        <div className="message message-info" role="note">
          <p className="message-title">Chào mừng đến với Sổ An Sinh!</p>
          <p>Thiết lập thông tin đơn vị trước khi bắt đầu. Các thông tin này được in trên danh sách chi trả và báo cáo.</p>
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
        {office.status === 'loaded' && <OfficeSettingsForm initial={office.settings} onSaved={onOfficeSaved} />}
      </section>
    </>
  );
}
