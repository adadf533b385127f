import type { z } from 'zod';
import type { Store } from '../../db/store';
import type { FieldIssue } from '@shared/api/errors';
import type { changeMethodSchema, newAccountSchema, receiverSchema } from '@shared/api/payout';
import { validateCitizenId } from '@shared/domain/citizen-id';
import { birthYear, formatDateVi, formatMonthVi, type IsoDate, type Month } from '@shared/domain/dates';
import {
  accountNumberIssue,
  addDays,
  defaultValidTo,
  holderMismatchMessage,
  holderNameMatches,
  termsOverlap,
} from '@shared/domain/payout';
import { foldForSearch } from '@shared/domain/text';
import { checkPerson } from '../register/people';
import { bankByCode } from './banks';
import { authorizationRow, authorizationsOfGiver, type AuthorizationRow } from './queries/authorizations';
import { bankAccountRow, holderOfAccount, sharedAccountRows } from './queries/banks';
import {
  firstEntitledMonth,
  lastApprovedMonth,
  personBasics as personBasicsRow,
  receiverRow,
  type PersonBasics,
} from './queries/people';

// The rules of a payout-method change (payments.md), checked before anything is written: the same
// function answers the dialog's live check (payout.check) and guards the write (payout.change).

export type ChangeInput = z.output<typeof changeMethodSchema>;
type NewAccount = z.output<typeof newAccountSchema>;
type NewReceiver = z.output<typeof receiverSchema>;

export type { PersonBasics };

/** What the write will do, once the checks pass. */
export interface ChangePlan {
  person: PersonBasics;
  account: { existingId: number } | { new: NewAccount; owner: 'person' | 'receiver' } | null;
  authorization:
    | { existingId: number; bankAccountId: number }
    | {
        new: { relationship: string; validFrom: IsoDate; validTo: IsoDate; scopeNote: string };
        receiver: { existingId: number } | { new: NewReceiver };
      }
    | null;
}

export interface CheckResult {
  errors: FieldIssue[];
  warnings: FieldIssue[];
  /** Refused because of what already exists (an approved payroll, an overlapping authorization). */
  conflict: boolean;
  plan: ChangePlan | null;
}

export function personBasics(store: Store, id: number): PersonBasics | undefined {
  return personBasicsRow(store, id);
}

/** The first month the person is enrolled (earliest entitlement start), for a programme or any. */
export function enrolledFrom(store: Store, personId: number, programme?: string): Month | null {
  return firstEntitledMonth(store, personId, programme ?? null);
}

/** The last month with an approved payroll of the person's programmes (or of one programme). */
export function lockedThrough(store: Store, personId: number, programme?: string): Month | null {
  return lastApprovedMonth(store, personId, programme ?? null);
}

export interface MonthProblem {
  message: string;
  /** The month is in an approved payroll: a conflict with what was already paid, not a typing error. */
  conflict: boolean;
}

/** Errors about the month alone: enrollment, approved payrolls, death. Shared by the single and bulk change. */
export function monthIssues(store: Store, person: PersonBasics, month: Month, programme?: string): MonthProblem | null {
  const invalid = (message: string) => ({ message, conflict: false });
  const from = enrolledFrom(store, person.id, programme);
  if (!from) return invalid(`${person.full_name} chưa hưởng chế độ nào: chưa thể ghi hình thức nhận trợ cấp.`);
  if (month < from)
    return invalid(
      `Tháng áp dụng ${formatMonthVi(month)} trước tháng bắt đầu hưởng của ${person.full_name} (${formatMonthVi(from)}).`,
    );
  const locked = lockedThrough(store, person.id, programme);
  if (locked && month <= locked) {
    return {
      message: `Tháng ${formatMonthVi(locked)} đã có bảng chi trả được phê duyệt: không sửa hình thức nhận của các tháng đã chi; chỉ đổi từ tháng sau ${formatMonthVi(locked)}.`,
      conflict: true,
    };
  }
  if (person.death_date && month > person.death_date.slice(0, 7)) {
    return invalid(
      `${person.full_name} đã mất ngày ${formatDateVi(person.death_date)}: không ghi hình thức nhận cho các tháng sau đó.`,
    );
  }
  return null;
}

/** Other beneficiaries whose latest payout method uses the same account (bank + number). */
export function sharedAccountUsers(
  store: Store,
  bankCode: string,
  number: string,
  exceptPersonId: number,
): Array<{ personId: number; fullName: string }> {
  return sharedAccountRows(store, bankCode, number, exceptPersonId);
}

export function sharedAccountMessage(users: Array<{ fullName: string }>): string {
  return `Tài khoản này cũng đang nhận trợ cấp cho ${users.map((u) => u.fullName).join(', ')}: kiểm tra lại (một người chăm sóc có thể nhận thay cho nhiều người).`;
}

/** The last day an authorization can be used: its end, or the day before it was revoked. */
const lastDay = (a: AuthorizationRow): IsoDate =>
  a.revoked_date && addDays(a.revoked_date, -1) < a.valid_to ? addDays(a.revoked_date, -1) : a.valid_to;

export function checkChange(store: Store, input: ChangeInput, today: IsoDate): CheckResult {
  const errors: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  let conflict = false;
  const err = (path: string, message: string) => errors.push({ path, message });
  const person = personBasics(store, input.personId);
  if (!person)
    return { errors: [{ path: 'personId', message: 'Không tìm thấy hồ sơ này.' }], warnings, conflict, plan: null };

  const monthProblem = monthIssues(store, person, input.effectiveMonth, input.programme);
  if (monthProblem) {
    err('effectiveMonth', monthProblem.message);
    conflict ||= monthProblem.conflict;
  }

  const plan: ChangePlan = { person, account: null, authorization: null };
  const firstDay = `${input.effectiveMonth}-01`;

  /** A new or existing account, owned by `owner` whose name the holder must match. */
  const checkAccount = (
    choice: NonNullable<ChangeInput['account']>,
    path: string,
    owner: { id: number | null; name: string },
    who: 'beneficiary' | 'receiver',
  ) => {
    if (choice.existingId !== undefined) {
      const a = bankAccountRow(store, choice.existingId);
      if (!a || owner.id === null || a.owner_person_id !== owner.id) {
        err(
          `${path}.existingId`,
          who === 'beneficiary'
            ? 'Tài khoản này không phải của người hưởng.'
            : 'Tài khoản này không phải của người được ủy quyền.',
        );
        return;
      }
      if (a.closed_date && a.closed_date <= today)
        err(
          `${path}.existingId`,
          `Tài khoản đã đóng ngày ${formatDateVi(a.closed_date)}: chọn hoặc nhập tài khoản khác.`,
        );
      if (!holderNameMatches(a.holder_name, owner.name))
        err(`${path}.existingId`, holderMismatchMessage(a.holder_name, owner.name, who));
      const shared = sharedAccountUsers(store, a.bank_code, a.account_number, person.id);
      if (shared.length) warnings.push({ path: `${path}.existingId`, message: sharedAccountMessage(shared) });
      return;
    }
    const n = choice.new!;
    const bank = bankByCode(store, n.bankCode);
    if (!bank || !bank.active) err(`${path}.new.bankCode`, 'Ngân hàng: chọn một ngân hàng trong danh sách.');
    const numberProblem = accountNumberIssue(n.accountNumber, bank);
    if (numberProblem) err(`${path}.new.accountNumber`, numberProblem);
    if (owner.name && !holderNameMatches(n.holderName, owner.name))
      err(`${path}.new.holderName`, holderMismatchMessage(n.holderName, owner.name, who));
    if (bank && !numberProblem) {
      const shared = sharedAccountUsers(store, bank.code, n.accountNumber, person.id);
      if (shared.length) warnings.push({ path: `${path}.new.accountNumber`, message: sharedAccountMessage(shared) });
      // The same number held by someone else under another name: most likely a typo.
      const otherHolder = holderOfAccount(store, bank.code, n.accountNumber);
      if (otherHolder !== undefined && !holderNameMatches(otherHolder, n.holderName)) {
        warnings.push({
          path: `${path}.new.accountNumber`,
          message: `Số tài khoản này đã có trong sổ, đứng tên «${otherHolder}»: kiểm tra lại số tài khoản.`,
        });
      }
    }
  };

  if (input.method === 'CASH_WARD' || input.method === 'POST_OFFICE') {
    if (input.account) err('account', 'Hình thức tiền mặt/bưu điện không dùng tài khoản.');
    if (input.authorization) err('authorization', 'Hình thức tiền mặt/bưu điện không dùng giấy ủy quyền.');
  } else if (input.method === 'OWN_ACCOUNT') {
    if (input.authorization) err('authorization', 'Tài khoản cá nhân không dùng giấy ủy quyền.');
    if (!input.account) err('account', 'Nhập tài khoản của người hưởng.');
    else {
      checkAccount(input.account, 'account', { id: person.id, name: person.full_name }, 'beneficiary');
      plan.account =
        input.account.existingId !== undefined
          ? { existingId: input.account.existingId }
          : { new: input.account.new!, owner: 'person' };
    }
  } else {
    if (input.account) err('account', 'Tài khoản nhận là tài khoản của người được ủy quyền: nhập trong phần ủy quyền.');
    const choice = input.authorization;
    if (!choice) err('authorization', 'Chọn hoặc nhập giấy ủy quyền.');
    else if (choice.existingId !== undefined) {
      const a = authorizationRow(store, choice.existingId);
      if (!a || a.giver_person_id !== person.id)
        err('authorization.existingId', 'Giấy ủy quyền này không phải của người hưởng.');
      else if (a.revoked_date)
        err('authorization.existingId', `Giấy ủy quyền đã chấm dứt ngày ${formatDateVi(a.revoked_date)}.`);
      else if (!a.bank_account_id) err('authorization.existingId', 'Giấy ủy quyền này không ghi tài khoản nhận.');
      else {
        if (a.valid_to < firstDay)
          err('authorization.existingId', `Giấy ủy quyền đã hết hạn ngày ${formatDateVi(a.valid_to)}.`);
        if (!a.certified_date)
          warnings.push({ path: 'authorization.existingId', message: 'Giấy ủy quyền chưa được chứng thực.' });
        plan.authorization = { existingId: a.id, bankAccountId: a.bank_account_id };
      }
    } else {
      const auth = choice.new!;
      // The receiver: an existing person record with a citizen ID document, or a new one.
      let receiver: { id: number | null; name: string } = { id: null, name: '' };
      if (auth.receiver.existingId !== undefined) {
        const r = receiverRow(store, auth.receiver.existingId);
        const path = 'authorization.new.receiver.existingId';
        if (!r) err(path, 'Không tìm thấy người được ủy quyền.');
        else {
          receiver = { id: r.id, name: r.full_name };
          if (r.id === person.id) err(path, 'Người được ủy quyền phải là người khác người hưởng.');
          if (r.death_date) err(path, `${r.full_name} đã mất: không thể nhận ủy quyền.`);
          if (!r.citizen_id || !r.id_issue_date || !r.id_issue_place) {
            err(
              path,
              `Hồ sơ của ${r.full_name} chưa có số định danh (CCCD) với ngày cấp và nơi cấp: bổ sung vào hồ sơ trước khi ủy quyền.`,
            );
          }
        }
      } else {
        const n = auth.receiver.new!;
        receiver = { id: null, name: n.fullName };
        const p = 'authorization.new.receiver.new.';
        if (foldForSearch(n.fullName) === foldForSearch(person.full_name) && n.birthDate === null) {
          warnings.push({ path: `${p}fullName`, message: 'Người được ủy quyền trùng tên người hưởng: kiểm tra lại.' });
        }
        const id = validateCitizenId(n.citizenId, {
          birthYear: n.birthDate ? birthYear(n.birthDate) : undefined,
          gender: n.gender ?? undefined,
        });
        for (const e of id.errors) err(`${p}citizenId`, e.message);
        for (const w of id.warnings) warnings.push({ path: `${p}citizenId`, message: w.message });
        if (id.ok) {
          const dup = checkPerson(store, {
            fullName: n.fullName,
            birth: n.birthDate,
            gender: n.gender,
            citizenId: id.normalized,
            legacyId: '',
          });
          for (const e of dup.errors)
            err(`${p}citizenId`, `${e.message} Chọn người này trong ô tìm người được ủy quyền.`);
        }
        if (n.idIssueDate > today) err(`${p}idIssueDate`, 'Ngày cấp CCCD không được sau hôm nay.');
      }
      const validTo = auth.validTo ?? defaultValidTo(auth.validFrom);
      if (validTo < auth.validFrom) err('authorization.new.validTo', 'Ngày hết hạn ủy quyền phải sau ngày bắt đầu.');
      else {
        const others = authorizationsOfGiver(store, person.id);
        for (const o of others) {
          if (o.revoked_date && o.revoked_date <= o.valid_from) continue;
          if (termsOverlap({ from: auth.validFrom, to: validTo }, { from: o.valid_from, to: lastDay(o) })) {
            conflict = true;
            err(
              'authorization.new.validFrom',
              `Trùng thời hạn với giấy ủy quyền đang có (từ ${formatDateVi(o.valid_from)} đến ${formatDateVi(lastDay(o))}): chấm dứt giấy cũ hoặc chọn thời hạn khác.`,
            );
            break;
          }
        }
        if (auth.validFrom > `${input.effectiveMonth}-31` || validTo < firstDay) {
          warnings.push({
            path: 'authorization.new.validFrom',
            message: `Thời hạn ủy quyền không bao gồm tháng ${formatMonthVi(input.effectiveMonth)}: tháng đó sẽ chi tiền mặt.`,
          });
        }
      }
      checkAccount(auth.account, 'authorization.new.account', receiver, 'receiver');
      warnings.push({
        path: 'authorization',
        message: 'Giấy ủy quyền cần được lãnh đạo UBND chứng thực chữ ký (ghi ngày chứng thực sau khi ký).',
      });
      plan.authorization = {
        new: { relationship: auth.relationship, validFrom: auth.validFrom, validTo, scopeNote: auth.scopeNote },
        receiver:
          auth.receiver.existingId !== undefined
            ? { existingId: auth.receiver.existingId }
            : { new: auth.receiver.new! },
      };
      plan.account =
        auth.account.existingId !== undefined
          ? { existingId: auth.account.existingId }
          : { new: auth.account.new!, owner: 'receiver' };
    }
  }
  return { errors, warnings, conflict, plan: errors.length ? null : plan };
}
