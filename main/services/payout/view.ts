import type { Store } from '../../db/store';
import { today as dayOf } from '../clock';
import { ApiError, type FieldIssue } from '../../../shared/api/errors';
import type { AccountView, AttentionRow, AuthorizationView, MethodHistoryRow, PayoutView, ReceiverCandidate } from '../../../shared/api/payout';
import type { PayoutMethodCode } from '../../../shared/api/register';
import { formatBirthDate, formatDateVi, type IsoDate, type Month } from '../../../shared/domain/dates';
import { maskIdentifier } from '../../../shared/domain/masking';
import { authorizationState, bankShortName, EXPIRY_WARNING_DAYS, addDays, type AuthorizationState } from '../../../shared/domain/payout';
import { foldForSearch } from '../../../shared/domain/text';
import { payoutInForce } from './in-force';
import { enrolledFrom, lockedThrough, sharedAccountMessage, sharedAccountUsers } from './rules';

// What the person page's payout card and the authorization list show. Account numbers and citizen IDs
// leave main masked (shared/domain/masking.ts).

interface AuthorizationDbRow {
  id: number;
  giver_person_id: number;
  giver_name: string;
  giver_death_date: string | null;
  giver_neighbourhood: string | null;
  receiver_person_id: number;
  receiver_name: string;
  receiver_citizen_id: string | null;
  relationship: string;
  bank_account_id: number | null;
  bank_name: string | null;
  account_number: string | null;
  valid_from: string;
  valid_to: string;
  certified_date: string | null;
  certified_by: string;
  revoked_date: string | null;
  renews_id: number | null;
  renewed_by: number | null;
  term_assumed: number;
}

const AUTHORIZATION_SQL = `
SELECT au.id, au.giver_person_id, gp.full_name AS giver_name, gp.death_date AS giver_death_date, n.name AS giver_neighbourhood,
       au.receiver_person_id, rp.full_name AS receiver_name, rp.citizen_id AS receiver_citizen_id, au.relationship,
       au.bank_account_id, b.name AS bank_name, ba.account_number, au.valid_from, au.valid_to, au.certified_date, au.certified_by, au.revoked_date,
       au.renews_id, au.term_assumed,
       (SELECT max(r.id) FROM authorizations r WHERE r.renews_id = au.id AND (r.revoked_date IS NULL OR r.revoked_date > r.valid_from)) AS renewed_by
FROM authorizations au
JOIN people gp ON gp.id = au.giver_person_id
LEFT JOIN neighbourhoods n ON n.id = gp.neighbourhood_id
JOIN people rp ON rp.id = au.receiver_person_id
LEFT JOIN bank_accounts ba ON ba.id = au.bank_account_id
LEFT JOIN banks b ON b.code = ba.bank_code`;

const STATE_LABELS: Record<AuthorizationState, (to: string) => string> = {
  valid: (to) => `Còn hiệu lực đến ${to}`,
  expiring: (to) => `Sắp hết hạn (${to})`,
  expired: (to) => `Hết hạn (${to})`,
  future: () => 'Chưa đến ngày hiệu lực',
  revoked: () => 'Đã chấm dứt',
  giver_deceased: () => 'Người ủy quyền đã mất',
};

export function authorizationView(r: AuthorizationDbRow, today: IsoDate): AuthorizationView {
  const state = authorizationState({ validFrom: r.valid_from, validTo: r.valid_to, revokedDate: r.revoked_date, giverDeathDate: r.giver_death_date }, today);
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
  const row = store.prepare(`${AUTHORIZATION_SQL} WHERE au.id = ?`).get(id) as AuthorizationDbRow | undefined;
  if (!row) throw new ApiError('NOT_FOUND', 'Không tìm thấy giấy ủy quyền này.');
  return authorizationView(row, today);
}

export function payoutView(store: Store, personId: number, month: Month, today: IsoDate): PayoutView {
  const person = store.prepare('SELECT id, full_name FROM people WHERE id = ?').get(personId) as { id: number; full_name: string } | undefined;
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ này.');
  const programmes = (store.prepare('SELECT DISTINCT programme_code FROM entitlements WHERE person_id = ? ORDER BY programme_code').pluck().all(personId) as string[]);
  const inForce = payoutInForce(store, personId, programmes[0] ?? '', month);
  const bankNames = new Map((store.prepare('SELECT code, name FROM banks').all() as Array<{ code: string; name: string }>).map((b) => [b.code, bankShortName(b)]));

  const history = (
    store
      .prepare(
        `SELECT pm.id, pm.effective_from, pm.programme_code, pm.method, pm.note, pm.created_at, pm.reverses_id, ba.bank_code, ba.account_number, rp.full_name AS receiver_name
         FROM payout_methods pm LEFT JOIN bank_accounts ba ON ba.id = pm.bank_account_id
         LEFT JOIN authorizations au ON au.id = pm.authorization_id LEFT JOIN people rp ON rp.id = au.receiver_person_id
         WHERE pm.person_id = ? ORDER BY pm.effective_from DESC, pm.id DESC`,
      )
      .all(personId) as Array<{ id: number; effective_from: string; programme_code: string | null; method: PayoutMethodCode; note: string; created_at: string; reverses_id: number | null; bank_code: string | null; account_number: string | null; receiver_name: string | null }>
  ).map(
    (h): MethodHistoryRow => ({
      id: h.id,
      effectiveFrom: h.effective_from,
      programme: h.programme_code,
      method: h.method,
      detail: [h.receiver_name ? `Người nhận: ${h.receiver_name}` : '', h.bank_code ? `${bankNames.get(h.bank_code) ?? h.bank_code} · ${maskIdentifier(h.account_number)}` : '']
        .filter(Boolean)
        .join(' · '),
      note: h.note,
      createdAt: h.created_at,
      // Not an undo itself; narrowed below to the latest row recorded today.
      undoable: h.reverses_id === null,
    }),
  );
  // The latest row, a change recorded today (not itself an undo), can be undone (main/services/undo/method.ts).
  const latest = history.reduce<MethodHistoryRow | undefined>((a, h) => (!a || h.id > a.id ? h : a), undefined);
  for (const h of history) h.undoable &&= h === latest && dayOf(new Date(h.createdAt)) === today;

  const warnings: FieldIssue[] = [];
  // Accounts the person owns, and the accounts their payout methods use (a receiver's).
  const accountRows = store
    .prepare(
      `SELECT ba.*, o.full_name AS owner_name FROM bank_accounts ba JOIN people o ON o.id = ba.owner_person_id
       WHERE ba.owner_person_id = @id OR ba.id IN (SELECT bank_account_id FROM payout_methods WHERE person_id = @id AND bank_account_id IS NOT NULL)
       ORDER BY ba.id`,
    )
    .all({ id: personId }) as Array<{ id: number; owner_person_id: number; owner_name: string; bank_code: string; branch: string; account_number: string; holder_name: string; closed_date: string | null }>;
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
  const sharedNow = accounts.filter((a) => a.sharedWith.length > 0 && (inForce.bankAccountId === null || a.id === inForce.bankAccountId));
  for (const a of sharedNow) warnings.push({ path: 'accounts', message: `${a.bankName} · ${a.accountNumber}: ${sharedAccountMessage(a.sharedWith)}` });

  const authorizations = (store.prepare(`${AUTHORIZATION_SQL} WHERE au.giver_person_id = ? ORDER BY au.valid_from DESC, au.id DESC`).all(personId) as AuthorizationDbRow[]).map(
    (r) => authorizationView(r, today),
  );
  const receivesFor = (store.prepare(`${AUTHORIZATION_SQL} WHERE au.receiver_person_id = ? ORDER BY au.valid_from DESC, au.id DESC`).all(personId) as AuthorizationDbRow[]).map(
    (r) => authorizationView(r, today),
  );
  if (inForce.fallbackReason) warnings.push({ path: 'inForce', message: `Không chi vào tài khoản tháng này: ${inForce.fallbackReason}` });
  const current = authorizations.find((a) => a.id === inForce.authorizationId);
  if (current && current.state === 'expiring') {
    warnings.push({ path: 'authorizations', message: `Giấy ủy quyền sắp hết hạn (${formatDateVi(current.validTo)}): làm giấy mới trước ${EXPIRY_WARNING_DAYS} ngày.` });
  }
  if (current && !current.certified && inForce.method === 'AUTHORIZED_ACCOUNT') warnings.push({ path: 'authorizations', message: 'Giấy ủy quyền đang dùng chưa được chứng thực chữ ký.' });

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
  const rows = store
    .prepare(
      `${AUTHORIZATION_SQL}
       WHERE au.revoked_date IS NULL
         AND (au.certified_date IS NULL OR au.valid_to <= @soon OR gp.death_date IS NOT NULL)
         -- A term renewed (issue 14) is followed by its renewal, listed on its own.
         AND NOT EXISTS (SELECT 1 FROM authorizations r WHERE r.renews_id = au.id AND (r.revoked_date IS NULL OR r.revoked_date > r.valid_from))
         -- Long-expired ones are listed only while a payout method still uses them (issue 14: all of them).
         AND (au.valid_to >= @since OR EXISTS (SELECT 1 FROM payout_methods pm WHERE pm.authorization_id = au.id)
              OR au.renews_id IS NOT NULL)
       ORDER BY au.valid_to, au.id`,
    )
    .all({ soon, since: addDays(today, -366) }) as AuthorizationDbRow[];
  const methodProgramme = store
    .prepare("SELECT coalesce(programme_code, '') FROM payout_methods WHERE person_id = ? AND effective_from <= ? ORDER BY effective_from DESC, id DESC LIMIT 1")
    .pluck();
  // In use: the authorization the giver is paid by this month (following renewals, as the payroll does).
  const inUseOf = (r: AuthorizationDbRow) => {
    const programme = methodProgramme.get(r.giver_person_id, month) as string | undefined;
    return programme !== undefined && payoutInForce(store, r.giver_person_id, programme, month).authorizationId === r.id;
  };
  const out: AttentionRow[] = [];
  for (const r of rows) {
    const view = authorizationView(r, today);
    const reasons: AttentionRow['reasons'] = [];
    if (view.state === 'expiring') reasons.push('expiring');
    if ((view.state === 'expired' || view.state === 'giver_deceased') && inUseOf(r)) reasons.push(view.state);
    if (!view.certified && (view.state === 'valid' || view.state === 'expiring' || view.state === 'future')) reasons.push('uncertified');
    if (reasons.length) out.push({ ...view, reasons, giverNeighbourhood: r.giver_neighbourhood ?? '' });
  }
  return out;
}

/** People who could receive for a beneficiary, by folded name prefix or citizen-ID digits. */
export function findReceivers(store: Store, text: string, excludeId?: number): ReceiverCandidate[] {
  const t = text.trim();
  if (t.length < 2) return [];
  const digits = t.replace(/[\s.]/g, '');
  const rows = (
    // Digits find a person only by the whole citizen ID or old ID (issue 12: the list masks IDs, and a
    // fragment search would let the masked digits be found); the handler audits such a search.
    /^\d{3,}$/.test(digits)
      ? store.prepare('SELECT * FROM people WHERE (citizen_id = ? OR legacy_id = ?) AND death_date IS NULL AND id <> ? LIMIT 20').all(digits, digits, excludeId ?? -1)
      : store
          .prepare('SELECT * FROM people WHERE search_key >= ? AND search_key < ? AND death_date IS NULL AND id <> ? ORDER BY sort_key LIMIT 20')
          .all(foldForSearch(t), `${foldForSearch(t)}\uffff`, excludeId ?? -1)
  ) as Array<{ id: number; full_name: string; birth_date: string | null; birth_precision: string; citizen_id: string | null; id_issue_date: string | null; id_issue_place: string | null; address: string }>;
  // A name typed from the middle ("Hường") also finds "Trần Thị Hường": fall back to a contains match.
  const more =
    rows.length === 0 && !/^\d+$/.test(digits)
      ? (store
          .prepare("SELECT * FROM people WHERE search_key LIKE ? AND death_date IS NULL AND id <> ? ORDER BY sort_key LIMIT 20")
          .all(`%${foldForSearch(t)}%`, excludeId ?? -1) as typeof rows)
      : [];
  return [...rows, ...more].map((p) => ({
    id: p.id,
    fullName: p.full_name,
    birthText: p.birth_date ? formatBirthDate({ precision: p.birth_precision === 'year' ? 'year' : 'day', value: p.birth_date }) : '',
    citizenId: maskIdentifier(p.citizen_id),
    hasIdDocument: !!(p.citizen_id && p.id_issue_date && p.id_issue_place),
    address: p.address,
  }));
}

