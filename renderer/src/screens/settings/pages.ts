import type { Role } from '@shared/api/auth';
import { ADMIN_ROLES } from '../../auth/roles';

// Cài đặt's pages (#/cai-dat/…). Every role sees the office's details (read-only unless administrator)
// and changes its own password; users, security and the audit log are the administrator's.

export type SettingsPageKey =
  | 'office'
  | 'mode'
  | 'users'
  | 'security'
  | 'audit'
  | 'backup'
  | 'password'
  | 'banks'
  | 'bank-templates'
  | 'support-log'
  | 'about';

export interface SettingsPage {
  key: SettingsPageKey;
  path: string;
  label: string;
  roles?: readonly Role[];
}

export const SETTINGS_PAGES: readonly SettingsPage[] = [
  { key: 'office', path: '/cai-dat', label: 'Thông tin đơn vị' },
  { key: 'mode', path: '/cai-dat/che-do', label: 'Chế độ làm việc', roles: ADMIN_ROLES },
  { key: 'users', path: '/cai-dat/nguoi-dung', label: 'Người dùng', roles: ADMIN_ROLES },
  { key: 'security', path: '/cai-dat/bao-mat', label: 'Bảo mật', roles: ADMIN_ROLES },
  { key: 'audit', path: '/cai-dat/nhat-ky', label: 'Nhật ký', roles: ADMIN_ROLES },
  { key: 'backup', path: '/cai-dat/sao-luu', label: 'Sao lưu và khôi phục', roles: ADMIN_ROLES },
  { key: 'banks', path: '/cai-dat/ngan-hang', label: 'Ngân hàng', roles: ADMIN_ROLES },
  { key: 'bank-templates', path: '/cai-dat/mau-ngan-hang', label: 'Mẫu tệp ngân hàng', roles: ADMIN_ROLES },
  { key: 'support-log', path: '/cai-dat/nhat-ky-loi', label: 'Nhật ký lỗi', roles: ADMIN_ROLES },
  { key: 'password', path: '/cai-dat/doi-mat-khau', label: 'Đổi mật khẩu' },
  { key: 'about', path: '/cai-dat/phien-ban', label: 'Thông tin phiên bản' },
];

export function settingsPageOf(path: string): SettingsPage | undefined {
  const trimmed = path.replace(/\/+$/, '');
  return SETTINGS_PAGES.find((page) => page.path === trimmed);
}

export function pageAllowed(page: SettingsPage, role: Role): boolean {
  return !page.roles || page.roles.includes(role);
}
