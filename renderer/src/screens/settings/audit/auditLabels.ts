import type { AuditEntryView } from '@shared/api/auth';
import { ROLE_LABELS } from '../../../auth/roles';
import { actionLabel, auditEntityLabel } from '@shared/domain/audit-actions';

export { actionLabel };

// The audit log in words the office uses. Main records action codes ('auth.login.failed'); the screen
// shows Vietnamese (shared/domain/audit-actions.ts), and the raw code only for something it does not know yet.

/** The "Thao tác" filter: main matches the code or everything under it ('auth' → 'auth.login', …). */
export const ACTION_FILTERS: ReadonlyArray<{ value: string; label: string }> = [
  { value: 'auth', label: 'Đăng nhập, đăng xuất, mở khoá' },
  { value: 'auth.login.failed', label: 'Đăng nhập không thành công' },
  { value: 'access.denied', label: 'Bị từ chối: không đủ quyền' },
  { value: 'user', label: 'Tài khoản người dùng' },
  { value: 'person', label: 'Hồ sơ (thêm, sửa, báo tử, chuyển đi)' },
  { value: 'entitlement', label: 'Chế độ hưởng' },
  { value: 'decision', label: 'Quyết định' },
  { value: 'arrears', label: 'Truy lĩnh' },
  { value: 'funeral', label: 'Hỗ trợ mai táng' },
  { value: 'import', label: 'Nhập từ Excel' },
  { value: 'register.export', label: 'Xuất sổ đối tượng' },
  { value: 'audit.export', label: 'Xuất nhật ký' },
  { value: 'settings', label: 'Cài đặt' },
  { value: 'standardLevel', label: 'Mức chuẩn' },
  { value: 'sensitive', label: 'Dữ liệu nhạy cảm (xem, tìm theo số định danh, lọc, xuất)' },
  { value: 'payout_method', label: 'Hình thức nhận trợ cấp' },
  { value: 'authorization', label: 'Ủy quyền' },
  { value: 'forms', label: 'In giấy tờ' },
  { value: 'campaign', label: 'Chỉ tiêu, danh sách vận động chuyển khoản' },
  { value: 'payroll', label: 'Bảng chi trả (lập, trình, trả lại, duyệt)' },
  { value: 'payrollFiles', label: 'Tệp chi trả' },
  { value: 'payrollResults', label: 'Kết quả chi trả, đối chiếu' },
  { value: 'reports', label: 'Báo cáo' },
  { value: 'backup', label: 'Sao lưu, khôi phục' },
];

/** Channels named in refusals ('access.denied'), in words. */
const CHANNEL_LABELS: Record<string, string> = {
  'users.list': 'xem danh sách người dùng',
  'users.create': 'tạo tài khoản',
  'users.setActive': 'khoá/mở tài khoản',
  'users.resetPassword': 'đặt lại mật khẩu',
  'audit.list': 'xem nhật ký',
  'audit.export': 'xuất nhật ký',
  'audit.verify': 'kiểm tra nhật ký',
  'settings.saveOffice': 'sửa thông tin đơn vị',
  'settings.saveSecurity': 'sửa cài đặt bảo mật',
  'people.update': 'sửa hồ sơ',
  'register.enroll': 'thêm đối tượng',
  'register.decide': 'ghi quyết định',
  'register.recordDeath': 'báo tử',
  'register.moveAway': 'ghi chuyển đi',
  'register.export': 'xuất sổ đối tượng',
  'reference.addProvinceLevel': 'thêm mức chuẩn',
  'import.analyze': 'nhập từ Excel',
  'import.preview': 'nhập từ Excel',
  'import.commit': 'nhập từ Excel',
  'import.discard': 'nhập từ Excel',
  'payroll.approve': 'phê duyệt bảng chi trả',
  'payroll.build': 'lập bảng chi trả',
  'payroll.submit': 'trình phê duyệt bảng chi trả',
  'payroll.return': 'trả lại bảng chi trả',
};

const FAILURE_REASONS: Record<string, string> = {
  unknown: 'tên đăng nhập không có',
  'wrong-password': 'sai mật khẩu',
  disabled: 'tài khoản đã bị vô hiệu hoá',
  locked: 'tài khoản đang tạm khoá',
};

export function isRefusal(action: string): boolean {
  return action === 'access.denied' || action.endsWith('.failed') || action === 'api.unknownChannel';
}

/** "Tài khoản canbo", "Hồ sơ số 12", "Báo cáo mẫu 10a" (shared/domain/audit-actions.ts). */
export function entityLabel(entry: AuditEntryView, usernameOf: (id: number) => string | undefined): string {
  return auditEntityLabel(entry.entity, entry.entityId, usernameOf);
}

function parseDetail(detail: string): Record<string, unknown> | undefined {
  if (!detail) return undefined;
  try {
    const value: unknown = JSON.parse(detail);
    return typeof value === 'object' && value !== null ? (value as Record<string, unknown>) : undefined;
  } catch {
    return undefined;
  }
}

/** A short, readable note for the entries whose detail says something the administrator needs. */
export function detailNote(entry: AuditEntryView): string {
  const d = parseDetail(entry.detail);
  if (!d) return '';
  if (typeof d.reason === 'string') return `Lý do: ${FAILURE_REASONS[d.reason] ?? d.reason}`;
  if (entry.action === 'access.denied' && typeof d.channel === 'string') {
    const role =
      typeof d.role === 'string' && d.role in ROLE_LABELS
        ? ` (vai trò ${ROLE_LABELS[d.role as keyof typeof ROLE_LABELS]})`
        : '';
    return `Yêu cầu ${CHANNEL_LABELS[d.channel] ?? d.channel}${role}`;
  }
  if (typeof d.rows === 'number') return `${d.rows.toLocaleString('vi-VN')} dòng`;
  return '';
}
