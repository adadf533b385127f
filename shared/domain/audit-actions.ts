// The audit log's action codes in words the office uses (the audit screen and its Excel export).
// Main records codes ('auth.login.failed'); every code main writes has a label here (a test checks it).

export const ACTION_LABELS: Record<string, string> = {
  'auth.firstRun': 'Thiết lập lần đầu (tạo quản trị)',
  'app.upgrade': 'Mở phiên bản mới của ứng dụng (nâng cấp dữ liệu)',
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
  'user.setRole': 'Đổi vai trò tài khoản',
  'access.denied': 'Bị từ chối: không đủ quyền',
  'api.unknownChannel': 'Yêu cầu không hợp lệ',
  'person.create': 'Thêm hồ sơ',
  'person.update': 'Sửa hồ sơ',
  'person.death': 'Báo tử',
  'person.moveAway': 'Chuyển đi',
  'personFile.pdf': 'In hồ sơ đối tượng',
  'personFile.transferOut': 'Chuyển hồ sơ đi nơi khác',
  'personFile.transferFiles': 'Ghi tệp chuyển hồ sơ',
  'personFile.transferIn': 'Nhận hồ sơ chuyển đến',
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
  'import.revert': 'Hoàn tác lần nhập sổ từ Excel',
  'person.death.undo': 'Hoàn tác báo tử ghi nhầm',
  'entitlement.stop.undo': 'Mở lại chế độ đã dừng (hoàn tác ghi nhầm)',
  'person.moveAway.undo': 'Hoàn tác ghi chuyển đi nhầm',
  'personFile.transferOut.undo': 'Bỏ ghi chuyển hồ sơ đi (hoàn tác)',
  'funeral.withdraw': 'Huỷ khoản hỗ trợ mai táng (hoàn tác báo tử)',
  'payout_method.undo': 'Hoàn tác đổi hình thức nhận',
  'register.export': 'Xuất sổ đối tượng ra Excel',
  'audit.export': 'Xuất nhật ký ra Excel',
  'payroll.build': 'Lập bảng chi trả',
  'payroll.submit': 'Trình phê duyệt bảng chi trả',
  'payroll.return': 'Trả lại bảng chi trả (kèm ý kiến)',
  'payroll.draftPdf': 'In bản dự thảo bảng chi trả',
  'payroll.approve': 'Phê duyệt bảng chi trả',
  'payroll.discard': 'Huỷ bảng chi trả nháp',
  'payroll.correction': 'Ghi khoản điều chỉnh sau phê duyệt',
  'round.create': 'Lập đợt chi một lần',
  'round.rebuild': 'Chọn lại danh sách đợt chi một lần',
  'round.adjust': 'Thêm, bỏ người trong đợt chi một lần',
  'round.discard': 'Huỷ đợt chi một lần (chưa duyệt)',
  'round.submit': 'Trình phê duyệt đợt chi một lần',
  'round.return': 'Trả lại đợt chi một lần (kèm ý kiến)',
  'round.approve': 'Phê duyệt đợt chi một lần',
  'round.export': 'Lập danh sách ký nhận, tệp ngân hàng của đợt chi một lần',
  'ledger.heir.name': 'Xác định người thừa kế nhận tiền của người đã mất',
  'ledger.recovery.record': 'Ghi cách thu hồi khoản chi thừa (truy thu)',
  'ledgerFiles.personPdf': 'In bảng theo dõi chi trả của một người',
  'ledgerFiles.arrearsList': 'Xuất danh sách truy lĩnh, truy thu',
  'bhyt.card.create': 'Ghi thẻ BHYT',
  'bhyt.card.update': 'Sửa thẻ BHYT',
  'bhyt.exportList': 'Xuất danh sách cấp, thu hồi, điều chỉnh thẻ BHYT',
  'evidence.create': 'Ghi giấy tờ xác định điều kiện hưởng',
  'evidence.update': 'Sửa giấy tờ xác định điều kiện hưởng',
  'evidence.end': 'Kết thúc giấy tờ xác định điều kiện hưởng',
  'receiving.setMode': 'Đổi chế độ làm việc (phường / đơn vị tổng hợp)',
  'receiving.receive': 'Nhận bộ báo cáo của phường',
  'receiving.refused': 'Từ chối bộ báo cáo của phường',
  'receiving.addWard': 'Thêm phường, xã cần báo cáo',
  'receiving.produce': 'Tạo báo cáo tổng hợp các phường',
  'payout_method.change': 'Đổi hình thức nhận trợ cấp',
  'payout_method.bulk_change': 'Đổi hình thức nhận hàng loạt',
  'bank_account.create': 'Thêm tài khoản ngân hàng',
  'bank.create': 'Thêm ngân hàng',
  'bank.update': 'Sửa ngân hàng',
  'authorization.create': 'Lập giấy ủy quyền',
  'authorization.certify': 'Chứng thực giấy ủy quyền',
  'authorization.revoke': 'Chấm dứt ủy quyền',
  'authorization.renew': 'Gia hạn giấy ủy quyền',
  'sensitive.reveal': 'Xem đầy đủ số giấy tờ',
  'sensitive.searchId': 'Tìm theo số định danh đầy đủ',
  'sensitive.groupFilter': 'Lọc theo nhóm đối tượng cần bảo mật',
  'sensitive.exportProtectedGroups': 'Xuất kèm nhóm đối tượng cần bảo mật',
  'sensitive.exportClear': 'Xuất tệp không mã hoá (có dữ liệu cá nhân)',
  'api.refused.signedOut': 'Yêu cầu bị từ chối khi chưa đăng nhập (gộp theo phút)',
  'settings.office.save': 'Lưu thông tin đơn vị',
  'settings.security.save': 'Lưu cài đặt bảo mật',
  'standardLevel.add': 'Thêm mức chuẩn',
  'campaign.target.set': 'Đặt chỉ tiêu chuyển khoản',
  'campaign.target.clear': 'Bỏ chỉ tiêu chuyển khoản',
  'campaign.workList.export': 'Xuất danh sách cần vận động chuyển khoản',
  'forms.authorization.print': 'In giấy ủy quyền',
  'forms.authorization.printPending': 'In các giấy ủy quyền chờ chứng thực',
  'print.document': 'In trực tiếp ra máy in',
  'forms.changeRequest.print': 'In đơn đề nghị thay đổi hình thức nhận',
  'wardDecision.create': 'Lập dự thảo quyết định của phường (cấp số)',
  'wardDecision.print': 'In dự thảo quyết định của phường',
  'wardDecision.printPosting': 'In danh sách niêm yết công khai',
  'wardDecision.recordSigned': 'Ghi số, ngày quyết định đã ký',
  'nccBenefit.create': 'Ghi trợ cấp mai táng, trợ cấp một lần theo quyết định của Sở (người có công từ trần)',
  'wardDecision.void': 'Hủy dự thảo quyết định của phường (số đã cấp không dùng lại)',
  'diagnostics.saveLogs': 'Lưu nhật ký lỗi để gửi hỗ trợ',
  'payrollFiles.export': 'Xuất tệp chi trả (ngân hàng, danh sách chi)',
  'payrollFiles.settings.save': 'Lưu mẫu tệp ngân hàng',
  'payrollResults.import': 'Nhập kết quả chi trả của ngân hàng',
  'payrollResults.format.save': 'Lưu cấu hình tệp kết quả',
  'payrollResults.exportReconciliation': 'Xuất báo cáo đối chiếu chi trả',
  'reports.produce': 'Lập báo cáo',
  'reports.exportProvince': 'Xuất báo cáo gửi tỉnh',
  'backup.create': 'Sao lưu dữ liệu',
  'backup.restore': 'Khôi phục từ bản sao lưu',
  'backup.undoRestore': 'Hoàn tác khôi phục',
  'backup.recoveryRestore': 'Khôi phục khi tệp dữ liệu hỏng',
  'backup.restore.done': 'Đã khôi phục (ghi trong dữ liệu được khôi phục)',
  'backup.undoRestore.done': 'Đã hoàn tác khôi phục',
  'backup.recoveryRestore.done': 'Đã khôi phục khi tệp dữ liệu hỏng',
  'payrollResults.cashPaid': 'Ghi đã chi tiền mặt',
  'payrollResults.cashNotCollected': 'Ghi chưa nhận tiền',
  'payrollResults.carryOver': 'Chuyển khoản chưa chi sang tháng sau',
  'payrollResults.convertToCash': 'Chuyển khoản chưa chi sang tiền mặt tháng sau',
};

export function actionLabel(action: string): string {
  return ACTION_LABELS[action] ?? action;
}

// ---- The audit log's "Dữ liệu" column: what an entry is about, in words ---------------------------

/** Every entity main records (a test checks), in Vietnamese. */
export const AUDIT_ENTITY_LABELS: Record<string, string> = {
  api: 'Yêu cầu',
  app: 'Ứng dụng',
  authorization: 'Giấy ủy quyền',
  backup: 'Bản sao lưu',
  bank: 'Ngân hàng',
  bank_account: 'Tài khoản ngân hàng',
  bhyt_list: 'Danh sách thẻ bảo hiểm y tế',
  decision: 'Quyết định',
  eligibility_evidence: 'Giấy tờ xác định điều kiện hưởng',
  entitlement: 'Chế độ hưởng',
  export: 'Tệp xuất',
  health_insurance_card: 'Thẻ bảo hiểm y tế',
  import: 'Lần nhập Excel',
  ledger_heir: 'Khoản chi cho người thừa kế',
  ledger_recovery: 'Khoản truy thu',
  log: 'Nhật ký lỗi',
  one_off_item: 'Khoản chi một lần',
  payout_method: 'Hình thức nhận trợ cấp',
  payroll: 'Bảng chi trả',
  person: 'Hồ sơ',
  report: 'Báo cáo',
  round: 'Đợt chi một lần',
  settings: 'Cài đặt',
  standard_level: 'Mức chuẩn',
  user: 'Tài khoản',
  ward_decision: 'Quyết định của phường',
  received_export: 'Bộ báo cáo phường gửi',
  receiving_ward: 'Phường, xã báo cáo',
};

/** Report ids recorded with entity 'report' (shared/api/report-labels.ts's kinds), as short words. */
const AUDIT_REPORT_NAMES: Record<string, string> = {
  noncash: 'tiến độ chi trả không dùng tiền mặt',
  changes: 'danh sách tăng, giảm đối tượng',
  form10a: 'mẫu 10a',
  form10c: 'mẫu 10c',
  form10d: 'mẫu 10d',
  consolidated: 'tổng hợp các phường',
};

const AUDIT_SETTINGS_KEYS: Record<string, string> = {
  office: 'thông tin đơn vị',
  security: 'bảo mật',
  'office-mode': 'chế độ làm việc',
};

/**
 * "Hồ sơ số 12", "Báo cáo mẫu 10a", "Giấy ủy quyền số 52", "Tài khoản canbo": never an English code.
 * `usernameOf` names a user account by its id when the caller knows it.
 */
export function auditEntityLabel(
  entity: string,
  entityId: string | null,
  usernameOf: (id: number) => string | undefined = () => undefined,
): string {
  const label = AUDIT_ENTITY_LABELS[entity] ?? 'Dữ liệu khác';
  const id = entityId ?? '';
  if (!id) return label;
  if (entity === 'user' && /^\d+$/.test(id)) return `${label} ${usernameOf(Number(id)) ?? `số ${id}`}`;
  if (entity === 'settings') return `${label} ${AUDIT_SETTINGS_KEYS[id] ?? ''}`.trim();
  if (entity === 'report') return AUDIT_REPORT_NAMES[id] ? `${label} ${AUDIT_REPORT_NAMES[id]}` : 'Bộ báo cáo gửi tỉnh';
  // Paths and request names say nothing to the reader; the action and the detail column do.
  if (entity === 'export' || entity === 'api' || entity === 'backup' || entity === 'log') return label;
  if (/^\d+$/.test(id)) return `${label} số ${id}`;
  // A short code the office knows (a bank's "VCB"); anything else would be machine text.
  return /^[A-Z0-9_-]{2,20}$/.test(id) ? `${label} ${id}` : label;
}
