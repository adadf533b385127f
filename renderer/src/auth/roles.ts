import type { Role } from '@shared/api/auth';
import type { Channel } from '@shared/api/contract';

// Who may do what, as the renderer shows it. Main checks every call (shared/api/contract.ts `access`);
// the renderer only hides what a role cannot use, so that nobody meets a button that always refuses.
//
// The labels and the minimum length mirror shared/api/auth.ts. They are copied rather than imported:
// that module builds its zod schemas when loaded, which would pull zod and every zod locale (~450 kB)
// into the renderer bundle for four strings. tests/e2e/auth.test.ts checks that the labels shown are
// exactly shared/api/auth.ts's ROLE_LABELS.

export const ROLE_LABELS: Record<Role, string> = {
  officer: 'Cán bộ chính sách',
  accountant: 'Kế toán',
  approver: 'Lãnh đạo phê duyệt',
  admin: 'Quản trị hệ thống',
};

/** In the order offered when creating a user. */
export const ROLE_ORDER: readonly Role[] = ['officer', 'accountant', 'approver', 'admin'];

export const ROLE_DUTIES: Record<Role, string> = {
  officer: 'nhập, sửa hồ sơ và quyết định; nhập, xuất Excel',
  accountant: 'xem sổ, xuất danh sách; chi trả',
  approver: 'xem sổ; phê duyệt',
  admin: 'người dùng, cài đặt, nhật ký; chỉ xem sổ',
};

export const MIN_PASSWORD_LENGTH = 8;

const OFFICER: readonly Role[] = ['officer'];
const ADMIN: readonly Role[] = ['admin'];
const EXPORTERS: readonly Role[] = ['officer', 'accountant'];

/** The role-restricted channels the renderer offers, with contract.ts's access lists. Keyed by Channel, so a renamed channel fails to compile. */
const CHANNEL_ROLES: { readonly [C in Channel]?: readonly Role[] } = {
  'settings.saveOffice': ADMIN,
  'settings.saveSecurity': ADMIN,
  'users.list': ADMIN,
  'users.create': ADMIN,
  'users.setActive': ADMIN,
  'users.setRole': ADMIN,
  'users.resetPassword': ADMIN,
  'audit.list': ADMIN,
  'audit.export': ADMIN,
  'audit.verify': ADMIN,
  'diagnostics.saveLogs': ADMIN,
  'people.update': OFFICER,
  'register.enroll': OFFICER,
  'register.decide': OFFICER,
  'register.recordDeath': OFFICER,
  'register.moveAway': OFFICER,
  // A person's file and its transfer (shared/api/person-file.ts)
  'personFile.pdf': ['officer', 'accountant', 'approver'],
  'personFile.recordTransfer': OFFICER,
  'personFile.transferFiles': OFFICER,
  'personFile.importPreview': OFFICER,
  'personFile.importCommit': OFFICER,
  'register.export': EXPORTERS,
  'reference.addProvinceLevel': ADMIN,
  'import.analyze': OFFICER,
  'import.commit': OFFICER,
  // Payout methods and authorizations (shared/api/payout.ts)
  'payout.check': OFFICER,
  'payout.change': OFFICER,
  'payout.bulkChange': OFFICER,
  'banks.save': ADMIN,
  'authorizations.certify': ['approver'],
  'authorizations.certifyMany': ['approver'],
  'authorizations.revoke': OFFICER,
  // Undo (shared/api/undo.ts)
  'undo.importRevert': OFFICER,
  'undo.death': OFFICER,
  'undo.moveAway': OFFICER,
  'undo.method': OFFICER,
  // One-off rounds (shared/api/rounds.ts): the officer prepares and submits, the approver decides.
  'rounds.create': OFFICER,
  'rounds.rebuild': OFFICER,
  'rounds.adjust': OFFICER,
  'rounds.discard': OFFICER,
  'rounds.submit': OFFICER,
  'rounds.return': ['approver'],
  'rounds.approve': ['approver'],
  'rounds.export': EXPORTERS,
  // An approved round's payment results (shared/api/round-results.ts): the payroll staff record, the approver reads.
  'roundResults.record': EXPORTERS,
  'roundResults.previewImport': EXPORTERS,
  'roundResults.commitImport': EXPORTERS,
  'roundResults.lines': ['officer', 'accountant', 'approver'],
  'roundResults.reconciliation': ['officer', 'accountant', 'approver'],
  'roundResults.exportReconciliation': ['officer', 'accountant', 'approver'],
};

/** Whether a signed-in user of this role may call the channel (any role may call the unlisted ones). */
export function canCall(role: Role, channel: Channel): boolean {
  const roles = CHANNEL_ROLES[channel];
  return !roles || roles.includes(role);
}

/** Roles that see the sections not built yet (Chi trả, Báo cáo): the people who will work in them. */
export const PAYMENT_ROLES: readonly Role[] = ['officer', 'accountant', 'approver'];
export const ADMIN_ROLES = ADMIN;
