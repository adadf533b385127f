import type { Store } from '../../db/store';
import { computeAmounts, loadReference, loadStates, type ReferenceTables } from '../register/amounts';
import { formatBirthDate, formatDateVi, type Month } from '@shared/domain/dates';
import type { PayoutMethodCode } from '@shared/api/register';
import { printedDecisionNumber } from '@shared/domain/labels';
import { payoutInForce } from '../payout/in-force';
import { formReaders, programmeNameRows, type AuthorizationRow, type FormPersonRow, type FormReaders } from './queries';

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

function personOnForm(row: FormPersonRow): PersonOnForm {
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
  private readonly read: FormReaders;
  private readonly programmes: Map<string, string>;

  constructor(
    private readonly store: Store,
    readonly month: Month,
  ) {
    this.ref = loadReference(store);
    this.read = formReaders(store);
    this.programmes = new Map(programmeNameRows(store).map((p) => [p.code, p.name_vi]));
  }

  personById(id: number): PersonOnForm | undefined {
    const row = this.read.person(id);
    return row ? personOnForm(row) : undefined;
  }

  /** The person's entitlements in the month, with this month's amounts (after the overlap rule). */
  entitlements(personId: number): EntitlementOnForm[] {
    const states = loadStates(this.store, this.month, [personId]);
    const amounts = computeAmounts(this.ref, states, this.month);
    return amounts.map((a) => {
      const d = this.read.grantDecision(a.entitlementId);
      const category = this.read.category(a.entitlementId, this.month) ?? '';
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
    const row = this.read.account(id);
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
