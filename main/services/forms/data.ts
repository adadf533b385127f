import type { Store } from '../../db/store';
import { computeAmounts, loadReference, loadStates, type ReferenceTables } from '../register/amounts';
import { formatBirthDate, formatDateVi, type Month } from '@shared/domain/dates';
import type { PayoutMethodCode } from '@shared/api/register';
import { printedDecisionNumber } from '@shared/domain/labels';
import { payoutInForce } from '../payout/in-force';

// What the printed forms say about people, read from the register: identity, what they receive (programme,
// group, decision, amount this month) and their accounts. Bulk-friendly: the reference tables are loaded
// once per print, people with one prepared statement each.

export interface PersonOnForm {
  id: number;
  fullName: string;
  birth: string;
  gender: string;
  /** The 12-digit personal ID, or the old 9-digit ID card number when that is all the register has. */
  idNumber: string;
  idKind: 'CCCD' | 'CMND' | '';
  idIssueDate: string;
  idIssuePlace: string;
  address: string;
  phone: string;
}

export interface EntitlementOnForm {
  programme: string;
  programmeName: string;
  /** The group's label, or the meritorious-service category as written on the decision. */
  groupLabel: string;
  groupCode: string;
  decision: string;
  amountVnd: number;
}

export interface AccountOnForm {
  accountNumber: string;
  holderName: string;
  bankName: string;
  branch: string;
}

export interface AuthorizationOnForm {
  id: number;
  giver: PersonOnForm;
  entitlements: EntitlementOnForm[];
  monthlyVnd: number;
  receiver: PersonOnForm;
  relationship: string;
  account: AccountOnForm | null;
  validFrom: string;
  validTo: string;
  certifiedDate: string | null;
  scopeNote: string;
}

interface PersonRow {
  id: number;
  full_name: string;
  birth_date: string | null;
  birth_precision: 'day' | 'year' | 'unknown';
  gender: 'male' | 'female' | null;
  citizen_id: string | null;
  legacy_id: string | null;
  id_issue_date: string | null;
  id_issue_place: string | null;
  address: string;
  phone: string;
}

const PERSON_SQL = `SELECT id, full_name, birth_date, birth_precision, gender, citizen_id, legacy_id, id_issue_date, id_issue_place,
  address, phone FROM people WHERE id = ?`;

function personOnForm(row: PersonRow): PersonOnForm {
  const birth =
    row.birth_date && row.birth_precision !== 'unknown'
      ? formatBirthDate({ precision: row.birth_precision, value: row.birth_date })
      : '';
  return {
    id: row.id,
    fullName: row.full_name,
    birth,
    gender: row.gender === 'male' ? 'Nam' : row.gender === 'female' ? 'Nữ' : '',
    idNumber: row.citizen_id ?? row.legacy_id ?? '',
    idKind: row.citizen_id ? 'CCCD' : row.legacy_id ? 'CMND' : '',
    idIssueDate: row.id_issue_date ? formatDateVi(row.id_issue_date) : '',
    idIssuePlace: row.id_issue_place ?? '',
    address: row.address,
    phone: row.phone,
  };
}

/**
 * "12/QĐ-UBND" → "số 12/QĐ-UBND"; a number already written with "Số …" (old records) is kept as written;
 * the import's placeholder for an unknown number ("Sổ theo dõi cũ") is no number: the form leaves a blank.
 */
const decisionNumber = (raw: string) => {
  const n = printedDecisionNumber(raw);
  return !n ? '' : /^số\b/iu.test(n) ? n : `số ${n}`;
};

/** Reads people, entitlements and accounts for the forms of one print. */
export class FormData {
  private readonly ref: ReferenceTables;
  private readonly person;
  private readonly programmes: Map<string, string>;
  private readonly decision;
  private readonly category;
  private readonly account;

  constructor(
    private readonly store: Store,
    readonly month: Month,
  ) {
    this.ref = loadReference(store);
    this.person = store.prepare(PERSON_SQL);
    this.programmes = new Map(
      (store.prepare('SELECT code, name_vi FROM programmes').all() as Array<{ code: string; name_vi: string }>).map(
        (p) => [p.code, p.name_vi],
      ),
    );
    this.decision = store.prepare(
      `SELECT d.number, d.signed_date FROM entitlements e JOIN decisions d ON d.id = e.grant_decision_id WHERE e.id = ?`,
    );
    this.category = store
      .prepare(
        `SELECT category_label FROM entitlement_terms WHERE entitlement_id = ? AND effective_from <= ? ORDER BY effective_from DESC LIMIT 1`,
      )
      .pluck();
    this.account = store.prepare(
      `SELECT ba.account_number, ba.holder_name, ba.branch, COALESCE(b.name, ba.bank_code) AS bank_name
       FROM bank_accounts ba LEFT JOIN banks b ON b.code = ba.bank_code WHERE ba.id = ?`,
    );
  }

  personById(id: number): PersonOnForm | undefined {
    const row = this.person.get(id) as PersonRow | undefined;
    return row ? personOnForm(row) : undefined;
  }

  /** The person's entitlements in the month, with this month's amounts (after the overlap rule). */
  entitlements(personId: number): EntitlementOnForm[] {
    const states = loadStates(this.store, this.month, [personId]);
    const amounts = computeAmounts(this.ref, states, this.month);
    return amounts.map((a) => {
      const d = this.decision.get(a.entitlementId) as { number: string; signed_date: string | null } | undefined;
      const category = (this.category.get(a.entitlementId, this.month) as string | undefined) ?? '';
      const group = a.groupCode ? this.ref.groups.get(a.groupCode) : undefined;
      return {
        programme: a.programme,
        programmeName: this.programmes.get(a.programme) ?? a.programme,
        groupLabel: category || group?.label || '',
        groupCode: a.groupCode ?? '',
        decision: d
          ? [decisionNumber(d.number), d.signed_date ? `ngày ${formatDateVi(d.signed_date)}` : '']
              .filter(Boolean)
              .join(' ')
          : '',
        amountVnd: a.amountVnd,
      };
    });
  }

  accountById(id: number | null): AccountOnForm | null {
    if (id === null) return null;
    const row = this.account.get(id) as
      { account_number: string; holder_name: string; branch: string; bank_name: string } | undefined;
    return row
      ? { accountNumber: row.account_number, holderName: row.holder_name, bankName: row.bank_name, branch: row.branch }
      : null;
  }

  /** The payout method in force for the person this month (the first programme's, or cash). */
  methodInForce(
    personId: number,
    programme: string | undefined,
  ): { method: PayoutMethodCode; account: AccountOnForm | null } {
    const p = payoutInForce(this.store, personId, programme ?? 'BTXH', this.month);
    return { method: p.registered, account: this.accountById(p.bankAccountId) };
  }
}

interface AuthorizationRow {
  id: number;
  giver_person_id: number;
  receiver_person_id: number;
  relationship: string;
  bank_account_id: number | null;
  valid_from: string;
  valid_to: string;
  certified_date: string | null;
  scope_note: string;
}

const AUTH_SQL = `SELECT id, giver_person_id, receiver_person_id, relationship, bank_account_id, valid_from, valid_to, certified_date, scope_note
FROM authorizations`;

export function authorizationOnForm(data: FormData, row: AuthorizationRow): AuthorizationOnForm {
  const giver = data.personById(row.giver_person_id)!;
  const receiver = data.personById(row.receiver_person_id)!;
  const entitlements = data.entitlements(row.giver_person_id);
  return {
    id: row.id,
    giver,
    entitlements,
    monthlyVnd: entitlements.reduce((s, e) => s + e.amountVnd, 0),
    receiver,
    relationship: row.relationship,
    account: data.accountById(row.bank_account_id),
    validFrom: row.valid_from,
    validTo: row.valid_to,
    certifiedDate: row.certified_date,
    scopeNote: row.scope_note,
  };
}

export function authorizationRow(store: Store, id: number): AuthorizationRow | undefined {
  return store.prepare(`${AUTH_SQL} WHERE id = ?`).get(id) as AuthorizationRow | undefined;
}

/**
 * Authorizations waiting for the ward's certification: not certified, not revoked, not expired on
 * `today`, and the giver alive. In the offices' name order of the giver.
 */
const PENDING_WHERE = `a.certified_date IS NULL AND a.revoked_date IS NULL AND a.valid_to >= @today AND g.death_date IS NULL`;

export function pendingAuthorizationRows(store: Store, today: string): AuthorizationRow[] {
  return store
    .prepare(
      `SELECT a.id, a.giver_person_id, a.receiver_person_id, a.relationship, a.bank_account_id, a.valid_from, a.valid_to, a.certified_date, a.scope_note
       FROM authorizations a JOIN people g ON g.id = a.giver_person_id WHERE ${PENDING_WHERE} ORDER BY g.sort_key, a.id`,
    )
    .all({ today }) as AuthorizationRow[];
}

export function pendingAuthorizationCount(store: Store, today: string): number {
  return store
    .prepare(`SELECT count(*) FROM authorizations a JOIN people g ON g.id = a.giver_person_id WHERE ${PENDING_WHERE}`)
    .pluck()
    .get({ today }) as number;
}
