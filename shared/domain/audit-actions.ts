// The audit log's action codes in words the office uses (the audit screen and its Excel export).
// Main records codes ('auth.login.failed'); every code main writes has a label here (a test checks it).

export const ACTION_LABELS: Record<string, string> = {
  'auth.firstRun': 'Thiết lập lần đầu (tạo quản trị)',
  'auth.login': 'Đăng nhập',
  'auth.login.failed': 'Đăng nhập không thành công',
  'auth.unlock': 'Mở khoá phiên làm việc',
  'auth.unlock.failed': 'Mở khoá không thành công',
  'auth.logout': 'Đăng xuất',
  'auth.lock': 'Khoá màn hình',
  'auth.changePassword.failed': 'Đổi mật khẩu không thành công',
  'user.changePassword': 'Đổi mật khẩu',
  'user.create': 'Tạo tài khoản',
  'user.enable': 'Cho tài khoản dùng lại / mở khoá',
  'user.disable': 'Vô hiệu hoá tài khoản',
  'user.resetPassword': 'Đặt lại mật khẩu',
  'access.denied': 'Bị từ chối: không đủ quyền',
  'api.unknownChannel': 'Yêu cầu không hợp lệ',
  'person.create': 'Thêm hồ sơ',
  'person.update': 'Sửa hồ sơ',
  'person.death': 'Báo tử',
  'person.moveAway': 'Chuyển đi',
  'entitlement.create': 'Bắt đầu hưởng chế độ',
  'entitlement.adjust': 'Điều chỉnh chế độ',
  'entitlement.suspend': 'Tạm dừng chế độ',
  'entitlement.resume': 'Hưởng lại chế độ',
  'entitlement.stop': 'Thôi hưởng chế độ',
  'decision.grant': 'Quyết định hưởng',
  'decision.adjust': 'Quyết định điều chỉnh',
  'decision.suspend': 'Quyết định tạm dừng',
  'decision.resume': 'Quyết định hưởng lại',
  'decision.stop': 'Quyết định thôi hưởng',
  'arrears.create': 'Ghi khoản truy lĩnh',
  'funeral.create': 'Ghi hỗ trợ mai táng',
  'import.commit': 'Nhập sổ từ Excel',
  'register.export': 'Xuất sổ đối tượng ra Excel',
  'audit.export': 'Xuất nhật ký ra Excel',
  'sensitive.reveal': 'Xem đầy đủ số giấy tờ',
  'settings.office.save': 'Lưu thông tin đơn vị',
  'settings.security.save': 'Lưu cài đặt bảo mật',
  'standardLevel.add': 'Thêm mức chuẩn',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}
