import type { BankView, ChangeMethodInput, PayoutView } from '@shared/api/payout';
import type { PayoutMethodCode } from '@shared/api/register';
import { validateCitizenId } from '@shared/domain/citizen-id';
import { birthYear, formatMonthVi, nextMonth, parseBirthDate, parseDateVi, parseMonthVi } from '@shared/domain/dates';
import {
  accountNumberIssue,
  cleanAccountNumber,
  holderMismatchMessage,
  holderNameMatches,
} from '@shared/domain/payout';

// The "Đổi hình thức nhận" form as typed (flat strings), its local checks (the same pure rules main
// enforces: shared/domain/payout.ts), the channel input it becomes, and where main's issue paths land.

export interface ChangeForm {
  method: PayoutMethodCode | '';
  effectiveMonth: string;
  note: string;
  /** 'new' or an account id (own account, or the receiver's for an authorization). */
  accountChoice: string;
  bankCode: string;
  branch: string;
  accountNumber: string;
  holderName: string;
  /** 'new' or an existing authorization id. */
  authChoice: string;
  receiverMode: 'new' | 'existing';
  receiverId: string;
  receiverName: string;
  rFullName: string;
  rBirthDate: string;
  rGender: '' | 'male' | 'female';
  rCitizenId: string;
  rIdIssueDate: string;
  rIdIssuePlace: string;
  rAddress: string;
  rPhone: string;
  relationship: string;
  validFrom: string;
  validTo: string;
}

export type ChangeField = keyof ChangeForm;

/** This month, or the month after the last approved payroll. */
export function firstOpenMonth(view: PayoutView): string {
  let month = view.inForce.month;
  if (view.lockedThrough && view.lockedThrough >= month) month = nextMonth(view.lockedThrough);
  if (view.enrolledFrom && view.enrolledFrom > month) month = view.enrolledFrom;
  return month;
}

export function emptyChange(view: PayoutView): ChangeForm {
  const month = firstOpenMonth(view);
  return {
    method: '',
    effectiveMonth: formatMonthVi(month),
    note: '',
    accountChoice: 'new',
    bankCode: '',
    branch: '',
    accountNumber: '',
    holderName: '',
    authChoice: 'new',
    receiverMode: 'new',
    receiverId: '',
    receiverName: '',
    rFullName: '',
    rBirthDate: '',
    rGender: '',
    rCitizenId: '',
    rIdIssueDate: '',
    rIdIssuePlace: '',
    rAddress: '',
    rPhone: '',
    relationship: '',
    validFrom: `01/${formatMonthVi(month)}`,
    validTo: '',
  };
}

const isAccountMethod = (m: string) => m === 'OWN_ACCOUNT' || m === 'AUTHORIZED_ACCOUNT';
export const needsNewAuthorization = (f: ChangeForm) => f.method === 'AUTHORIZED_ACCOUNT' && f.authChoice === 'new';
export const needsNewAccount = (f: ChangeForm) =>
  (f.method === 'OWN_ACCOUNT' && f.accountChoice === 'new') || (needsNewAuthorization(f) && f.accountChoice === 'new');

/** Whose name the account must carry. */
export function expectedHolder(
  f: ChangeForm,
  view: PayoutView,
): { name: string; who: 'beneficiary' | 'receiver' } | null {
  if (f.method === 'OWN_ACCOUNT') return { name: view.fullName, who: 'beneficiary' };
  if (!needsNewAuthorization(f)) return null;
  const name = f.receiverMode === 'existing' ? f.receiverName : f.rFullName.trim();
  return name ? { name, who: 'receiver' } : null;
}

export function toChangeInput(f: ChangeForm, personId: number): ChangeMethodInput {
  const account = () =>
    f.accountChoice === 'new'
      ? { new: { bankCode: f.bankCode, branch: f.branch, accountNumber: f.accountNumber, holderName: f.holderName } }
      : { existingId: Number(f.accountChoice) };
  const input: ChangeMethodInput = {
    personId,
    method: (f.method || 'CASH_WARD') as PayoutMethodCode,
    effectiveMonth: f.effectiveMonth,
    note: f.note,
  };
  if (f.method === 'OWN_ACCOUNT') input.account = account();
  if (f.method === 'AUTHORIZED_ACCOUNT') {
    input.authorization =
      f.authChoice !== 'new'
        ? { existingId: Number(f.authChoice) }
        : {
            new: {
              receiver:
                f.receiverMode === 'existing'
                  ? { existingId: Number(f.receiverId) || 0 }
                  : {
                      new: {
                        fullName: f.rFullName,
                        birthDate: f.rBirthDate,
                        gender: f.rGender || null,
                        citizenId: f.rCitizenId,
                        idIssueDate: f.rIdIssueDate,
                        idIssuePlace: f.rIdIssuePlace,
                        address: f.rAddress,
                        phone: f.rPhone,
                      },
                    },
              relationship: f.relationship,
              validFrom: f.validFrom,
              validTo: f.validTo,
              account: account(),
              scopeNote: '',
            },
          };
  }
  return input;
}

export function localChangeErrors(
  f: ChangeForm,
  view: PayoutView,
  banks: readonly BankView[],
): Partial<Record<ChangeField, string>> {
  const e: Partial<Record<ChangeField, string>> = {};
  if (!f.method) e.method = 'Hình thức nhận: chọn một hình thức.';
  const month = parseMonthVi(f.effectiveMonth);
  if (!f.effectiveMonth.trim()) e.effectiveMonth = 'Áp dụng từ tháng: không được để trống.';
  else if (!month) e.effectiveMonth = 'Áp dụng từ tháng: nhập theo dạng tháng/năm, ví dụ 01/2026.';
  else if (view.enrolledFrom && month < view.enrolledFrom)
    e.effectiveMonth = `Tháng áp dụng trước tháng bắt đầu hưởng (${formatMonthVi(view.enrolledFrom)}).`;
  else if (view.lockedThrough && month <= view.lockedThrough)
    e.effectiveMonth = `Tháng ${formatMonthVi(view.lockedThrough)} đã có bảng chi trả được phê duyệt: chỉ đổi từ tháng sau.`;
  if (!isAccountMethod(f.method)) return e;
  if (f.method === 'AUTHORIZED_ACCOUNT' && f.authChoice === 'new') {
    if (f.receiverMode === 'existing' && !f.receiverId)
      e.receiverId = 'Tìm và chọn người được ủy quyền, hoặc nhập người mới.';
    if (f.receiverMode === 'new') {
      if (!f.rFullName.trim()) e.rFullName = 'Họ và tên người được ủy quyền: không được để trống.';
      if (!f.rCitizenId.trim()) e.rCitizenId = 'Số CCCD: không được để trống (bắt buộc khi ủy quyền).';
      else {
        const birth = parseBirthDate(f.rBirthDate);
        const id = validateCitizenId(f.rCitizenId, {
          birthYear: birth ? birthYear(birth) : undefined,
          gender: f.rGender || undefined,
        });
        if (!id.ok) e.rCitizenId = id.errors.map((x) => x.message).join(' ');
      }
      if (!f.rIdIssueDate.trim()) e.rIdIssueDate = 'Ngày cấp CCCD: không được để trống.';
      else if (!parseDateVi(f.rIdIssueDate)) e.rIdIssueDate = 'Ngày cấp: nhập theo dạng ngày/tháng/năm.';
      if (!f.rIdIssuePlace.trim()) e.rIdIssuePlace = 'Nơi cấp CCCD: không được để trống.';
      if (f.rBirthDate.trim() && !parseDateVi(f.rBirthDate) && !/^\d{4}$/.test(f.rBirthDate.trim()))
        e.rBirthDate = 'Ngày sinh: nhập ngày/tháng/năm hoặc năm sinh.';
    }
    if (!f.relationship.trim()) e.relationship = 'Quan hệ với người hưởng: không được để trống.';
    if (!parseDateVi(f.validFrom)) e.validFrom = 'Ủy quyền từ ngày: nhập theo dạng ngày/tháng/năm.';
    if (f.validTo.trim() && !parseDateVi(f.validTo))
      e.validTo = 'Ủy quyền đến ngày: nhập theo dạng ngày/tháng/năm (để trống: 1 năm).';
    else if (f.validTo.trim() && parseDateVi(f.validFrom) && parseDateVi(f.validTo)! < parseDateVi(f.validFrom)!)
      e.validTo = 'Ngày hết hạn phải sau ngày bắt đầu.';
  }
  if (needsNewAccount(f)) {
    const bank = banks.find((b) => b.code === f.bankCode);
    if (!bank) e.bankCode = 'Ngân hàng: chọn ngân hàng.';
    const numberIssue = accountNumberIssue(cleanAccountNumber(f.accountNumber), bank);
    if (numberIssue) e.accountNumber = numberIssue;
    const holder = expectedHolder(f, view);
    if (!f.holderName.trim()) e.holderName = 'Tên chủ tài khoản: không được để trống.';
    else if (holder && !holderNameMatches(f.holderName, holder.name))
      e.holderName = holderMismatchMessage(f.holderName.trim(), holder.name, holder.who);
  }
  return e;
}

const RECEIVER_FIELDS: Record<string, ChangeField> = {
  fullName: 'rFullName',
  birthDate: 'rBirthDate',
  gender: 'rGender',
  citizenId: 'rCitizenId',
  idIssueDate: 'rIdIssueDate',
  idIssuePlace: 'rIdIssuePlace',
  address: 'rAddress',
  phone: 'rPhone',
};
const ACCOUNT_FIELDS: Record<string, ChangeField> = {
  bankCode: 'bankCode',
  branch: 'branch',
  accountNumber: 'accountNumber',
  holderName: 'holderName',
};

/** main's issue path (payout.change / payout.check input) → the form field that shows it. */
export function fieldOfPath(path: string): ChangeField | undefined {
  const p = path.replace(/^authorization\.new\.account/, 'account');
  let m = /^account\.new\.(\w+)$/.exec(p);
  if (m) return ACCOUNT_FIELDS[m[1]!];
  if (p === 'account' || p === 'account.existingId') return 'accountChoice';
  m = /^authorization\.new\.receiver\.new\.(\w+)$/.exec(p);
  if (m) return RECEIVER_FIELDS[m[1]!];
  if (p.startsWith('authorization.new.receiver')) return 'receiverId';
  m = /^authorization\.new\.(relationship|validFrom|validTo)$/.exec(p);
  if (m) return m[1] as ChangeField;
  if (p === 'authorization' || p === 'authorization.existingId') return 'authChoice';
  if (p === 'method' || p === 'effectiveMonth' || p === 'note') return p;
  return undefined;
}
