import { PROTECTED_FILTER_ROLES } from '@shared/domain/masking';
import { useRole } from '../auth/session';
import { PasswordField } from './PasswordField';
import { PASSPHRASE_MIN_LENGTH, PASSPHRASE_RULE_VI } from '@shared/domain/passphrase';

// How an export with personal data leaves the PC (issue 12; main enforces it, shared/api/fields.ts):
// encrypted by default under a passphrase; in clear only when the user ticks it, after a warning, and the
// choice is in the audit log. Protected groups are left blank unless the officer ticks them in (audited).

export interface ExportProtectionValue {
  passphrase: string;
  clear: boolean;
  includeProtectedGroups: boolean;
}

export const DEFAULT_EXPORT_PROTECTION: ExportProtectionValue = {
  passphrase: '',
  clear: false,
  includeProtectedGroups: false,
};

export function ExportProtection({
  idPrefix,
  value,
  onChange,
  error,
  offerProtectedGroups = true,
}: {
  idPrefix: string;
  /** false for a file that carries no group lists to leave blank (a person's transfer file). */
  offerProtectedGroups?: boolean;
  value: ExportProtectionValue;
  onChange: (value: ExportProtectionValue) => void;
  error?: string | undefined;
}) {
  const mayIncludeProtected = PROTECTED_FILTER_ROLES.includes(useRole()) && offerProtectedGroups;
  return (
    <div className="export-protection">
      {!value.clear && (
        <PasswordField
          id={`${idPrefix}-passphrase`}
          label={`Cụm mật khẩu mã hoá tệp (ít nhất ${PASSPHRASE_MIN_LENGTH} ký tự)`}
          value={value.passphrase}
          onChange={(passphrase) => onChange({ ...value, passphrase })}
          autoComplete="new-password"
          required
          hint={`${PASSPHRASE_RULE_VI} Tệp được ghi mã hoá (.sasbak, cách mở ghi trong hướng dẫn sử dụng); hãy báo cụm mật khẩu cho người nhận qua kênh khác.`}
          error={error}
        />
      )}
      <label className="check">
        <input
          type="checkbox"
          id={`${idPrefix}-clear`}
          checked={value.clear}
          onChange={(e) => onChange({ ...value, clear: e.target.checked })}
        />{' '}
        Ghi không mã hoá (không khuyến khích)
      </label>
      {value.clear && (
        <p className="message message-error" role="alert">
          Cảnh báo: tệp sẽ chứa họ tên và số định danh cá nhân ở dạng ai cũng đọc được; ai cầm được tệp hoặc ổ USB đều
          xem được. Việc chọn ghi không mã hoá được lưu vào nhật ký.
        </p>
      )}
      {mayIncludeProtected && (
        <label className="check">
          <input
            type="checkbox"
            id={`${idPrefix}-protected`}
            checked={value.includeProtectedGroups}
            onChange={(e) => onChange({ ...value, includeProtectedGroups: e.target.checked })}
          />{' '}
          Ghi cả các nhóm đối tượng không hiển thị (mặc định để trống; việc chọn được lưu vào nhật ký)
        </label>
      )}
    </div>
  );
}
