import type { Store } from '../../db/store';
import { today as dayOf } from '../clock';
import { ApiError, type FieldIssue } from '@shared/api/errors';
import type {
  AccountView,
  AttentionRow,
  AuthorizationView,
  MethodHistoryRow,
  PayoutView,
  ReceiverCandidate,
} from '@shared/api/payout';
import { formatBirthDate, formatDateVi, type IsoDate, type Month } from '@shared/domain/dates';
import { maskIdentifier } from '@shared/domain/masking';
import {
  authorizationState,
  bankShortName,
  EXPIRY_WARNING_DAYS,
  addDays,
  type AuthorizationState,
} from '@shared/domain/payout';
import { foldForSearch } from '@shared/domain/text';
import { payoutInForce } from './in-force';
import { enrolledFrom, lockedThrough, sharedAccountMessage, sharedAccountUsers } from './rules';
import {
  attentionCandidates,
  authorizationDbRow,
  authorizationDbRowsOf,
  type AuthorizationDbRow,
} from './queries/authorizations';
import { accountsOfPerson, bankNameRows } from './queries/banks';
import { methodHistoryOf, methodProgrammeReader } from './queries/methods';
import { livingByIdNumber, livingByNamePart, livingByNamePrefix, personName, programmesOf } from './queries/people';

// What the person page's payout card and the authorization list show. Account numbers and citizen IDs
// leave main masked (shared/domain/masking.ts).

const STATE_LABELS: Record<AuthorizationState, (to: string) => string> = {
  valid: (to) => `Còn hiệu lực đến ${to}`,
  expiring: (to) => `Sắp hết hạn (${to})`,
  expired: (to) => `Hết hạn (${to})`,
  future: () => 'Chưa đến ngày hiệu lực',
  revoked: () => 'Đã chấm dứt',
  giver_deceased: () => 'Người ủy quyền đã mất',
};

export function authorizationView(r: AuthorizationDbRow, today: IsoDate): AuthorizationView {
  const state = authorizationState(
    { validFrom: r.valid_from, validTo: r.valid_to, revokedDate: r.revoked_date, giverDeathDate: r.giver_death_date },
    today,
  );
  const certified = r.certified_date !== null;
  const live = state !== 'revoked' && state !== 'giver_deceased' && state !== 'expired';
  return {
    id: r.id,
    giverPersonId: r.giver_person_id,
    giverName: r.giver_name,
    receiverPersonId: r.receiver_person_id,
    receiverName: r.receiver_name,
    receiverCitizenId: maskIdentifier(r.receiver_citizen_id),
    relationship: r.relationship,
    accountId: r.bank_account_id,
    bankName: r.bank_name ? bankShortName({ name: r.bank_name }) : '',
    accountNumber: maskIdentifier(r.account_number),
    validFrom: r.valid_from,
    validTo: r.valid_to,
    certifiedDate: r.certified_date,
    certifiedBy: r.certified_by,
    revokedDate: r.revoked_date,
    state,
    stateLabel:
      STATE_LABELS[state](formatDateVi(r.valid_to)) +
      (!certified && live ? ' · Chưa chứng thực' : '') +
      (r.renewed_by !== null ? ' · Đã gia hạn' : '') +
      (r.term_assumed ? ' · Thời hạn giả định (tệp nhập không ghi)' : ''),
    certified,
    renewsId: r.renews_id,
    renewedById: r.renewed_by,
    termAssumed: r.term_assumed === 1,
  };
}

export function authorizationById(store: Store, id: number, today: IsoDate): AuthorizationView {
  const row = authorizationDbRow(store, id);
  if (!row) throw new ApiError('NOT_FOUND', 'Không tìm thấy giấy ủy quyền này.');
  return authorizationView(row, today);
}

export function payoutView(store: Store, personId: number, month: Month, today: IsoDate): PayoutView {
  const person = personName(store, personId);
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ này.');
  const programmes = programmesOf(store, personId);
  const inForce = payoutInForce(store, personId, programmes[0] ?? '', month);
  const bankNames = new Map(bankNameRows(store).map((b) => [b.code, bankShortName(b)]));

  const history = methodHistoryOf(store, personId).map((h): MethodHistoryRow => ({
    id: h.id,
    effectiveFrom: h.effective_from,
    programme: h.programme_code,
    method: h.method,
    detail: [
      h.receiver_name ? `Người nhận: ${h.receiver_name}` : '',
      h.bank_code ? `${bankNames.get(h.bank_code) ?? h.bank_code} · ${maskIdentifier(h.account_number)}` : '',
    ]
      .filter(Boolean)
      .join(' · '),
    note: h.note,
    createdAt: h.created_at,
    // Not an undo itself; narrowed below to the latest row recorded today.
    undoable: h.reverses_id === null,
  }));
  // The latest row, a change recorded today (not itself an undo), can be undone (main/services/undo/method.ts).
  const latest = history.reduce<MethodHistoryRow | undefined>((a, h) => (!a || h.id > a.id ? h : a), undefined);
  for (const h of history) h.undoable &&= h === latest && dayOf(new Date(h.createdAt)) === today;

  const warnings: FieldIssue[] = [];
  // Accounts the person owns, and the accounts their payout methods use (a receiver's).
  const accountRows = accountsOfPerson(store, personId);
  const accounts = accountRows.map((a): AccountView => {
    const sharedWith = sharedAccountUsers(store, a.bank_code, a.account_number, personId);
    return {
      id: a.id,
      ownerPersonId: a.owner_person_id,
      ownerName: a.owner_name,
      bankCode: a.bank_code,
      bankName: bankNames.get(a.bank_code) ?? a.bank_code,
      branch: a.branch,
      accountNumber: maskIdentifier(a.account_number),
      holderName: a.holder_name,
      closedDate: a.closed_date,
      sharedWith,
    };
  });
  // The warning is about the account paid now: the one of the method in force (or any account the person uses).
  const sharedNow = accounts.filter(
    (a) => a.sharedWith.length > 0 && (inForce.bankAccountId === null || a.id === inForce.bankAccountId),
  );
  for (const a of sharedNow)
    warnings.push({
      path: 'accounts',
      message: `${a.bankName} · ${a.accountNumber}: ${sharedAccountMessage(a.sharedWith)}`,
    });

  const authorizations = authorizationDbRowsOf(store, 'giver', personId).map((r) => authorizationView(r, today));
  const receivesFor = authorizationDbRowsOf(store, 'receiver', personId).map((r) => authorizationView(r, today));
  if (inForce.fallbackReason)
    warnings.push({ path: 'inForce', message: `Không chi vào tài khoản tháng này: ${inForce.fallbackReason}` });
  const current = authorizations.find((a) => a.id === inForce.authorizationId);
  if (current && current.state === 'expiring') {
    warnings.push({
      path: 'authorizations',
      message: `Giấy ủy quyền sắp hết hạn (${formatDateVi(current.validTo)}): làm giấy mới trước ${EXPIRY_WARNING_DAYS} ngày.`,
    });
  }
  if (current && !current.certified && inForce.method === 'AUTHORIZED_ACCOUNT')
    warnings.push({ path: 'authorizations', message: 'Giấy ủy quyền đang dùng chưa được chứng thực chữ ký.' });

  return {
    personId,
    fullName: person.full_name,
    enrolledFrom: enrolledFrom(store, personId),
    lockedThrough: lockedThrough(store, personId),
    inForce: {
      month,
      registered: inForce.registered,
      method: inForce.method,
      fallbackReason: inForce.fallbackReason,
      effectiveFrom: inForce.effectiveFrom,
      bankName: inForce.bankCode ? (bankNames.get(inForce.bankCode) ?? inForce.bankCode) : null,
      accountNumber: inForce.accountNumber ? maskIdentifier(inForce.accountNumber) : null,
      holderName: inForce.holderName,
      receiverName: inForce.receiverName,
      authorizationValidTo: inForce.authorizationValidTo,
      authorizationUncertified: inForce.authorizationUncertified,
    },
    history,
    accounts,
    authorizations,
    receivesFor,
    warnings,
  };
}

/**
 * Authorizations needing attention: not revoked, and expiring within 30 days, expired while still the
 * method in force of their giver (payment blocked), the giver deceased while still in use, or not yet
 * certified. Sorted by end date.
 */
export function attentionList(store: Store, today: IsoDate, month: Month): AttentionRow[] {
  const soon = addDays(today, EXPIRY_WARNING_DAYS);
  const rows = attentionCandidates(store, soon, addDays(today, -366));
  const methodProgramme = methodProgrammeReader(store);
  // In use: the authorization the giver is paid by this month (following renewals, as the payroll does).
  const inUseOf = (r: AuthorizationDbRow) => {
    const programme = methodProgramme(r.giver_person_id, month);
    return (
      programme !== undefined && payoutInForce(store, r.giver_person_id, programme, month).authorizationId === r.id
    );
  };
  const out: AttentionRow[] = [];
  for (const r of rows) {
    const view = authorizationView(r, today);
    const reasons: AttentionRow['reasons'] = [];
    if (view.state === 'expiring') reasons.push('expiring');
    if ((view.state === 'expired' || view.state === 'giver_deceased') && inUseOf(r)) reasons.push(view.state);
    if (!view.certified && (view.state === 'valid' || view.state === 'expiring' || view.state === 'future'))
      reasons.push('uncertified');
    if (reasons.length) out.push({ ...view, reasons, giverNeighbourhood: r.giver_neighbourhood ?? '' });
  }
  return out;
}

/** People who could receive for a beneficiary, by folded name prefix or citizen-ID digits. */
export function findReceivers(store: Store, text: string, excludeId?: number): ReceiverCandidate[] {
  const t = text.trim();
  if (t.length < 2) return [];
  const digits = t.replace(/[\s.]/g, '');
  // Digits find a person only by the whole citizen ID or old ID (issue 12: the list masks IDs, and a
  // fragment search would let the masked digits be found); the handler audits such a search.
  const rows = /^\d{3,}$/.test(digits)
    ? livingByIdNumber(store, digits, excludeId ?? -1)
    : livingByNamePrefix(store, foldForSearch(t), excludeId ?? -1);
  // A name typed from the middle ("Hường") also finds "Trần Thị Hường": fall back to a contains match.
  const more =
    rows.length === 0 && !/^\d+$/.test(digits) ? livingByNamePart(store, foldForSearch(t), excludeId ?? -1) : [];
  return [...rows, ...more].map((p) => ({
    id: p.id,
    fullName: p.full_name,
    birthText: p.birth_date
      ? formatBirthDate({ precision: p.birth_precision === 'year' ? 'year' : 'day', value: p.birth_date })
      : '',
    citizenId: maskIdentifier(p.citizen_id),
    hasIdDocument: !!(p.citizen_id && p.id_issue_date && p.id_issue_place),
    address: p.address,
  }));
}
