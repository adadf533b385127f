import type { OfficeSettings } from '@shared/api/settings';
import { OFFICE_FIELDS } from './officeForm';

/** Thông tin đơn vị for the roles that do not edit it: the values, and who can change them. */
export function OfficeSettingsView({ settings }: { settings: OfficeSettings }) {
  return (
    <>
      <p className="form-legend">
        Chỉ người quản trị hệ thống sửa được thông tin đơn vị. Nếu có gì sai, hãy báo cho người quản trị.
      </p>
      {settings.unitName === '' && (
        <div className="message message-warning" role="note">
          <p>Đơn vị chưa được thiết lập. Hãy nhờ người quản trị hệ thống nhập thông tin đơn vị.</p>
        </div>
      )}
      <dl className="office-facts">
        {OFFICE_FIELDS.map((spec) => (
          <div key={spec.name} className="office-fact">
            <dt>{spec.label}</dt>
            <dd>{settings[spec.name] || <span className="muted">Chưa nhập</span>}</dd>
          </div>
        ))}
      </dl>
      <h3 className="office-recipients-title">Nơi nhận báo cáo</h3>
      {settings.reportRecipients.length === 0 ? (
        <p className="empty-note">Chưa có nơi nhận nào.</p>
      ) : (
        <ol className="office-recipients">
          {settings.reportRecipients.map((r, i) => (
            <li key={i}>
              {r.name}
              {r.scope && <span className="muted"> — {r.scope}</span>}
            </li>
          ))}
        </ol>
      )}
    </>
  );
}
