import type { Selectable } from 'kysely';
import type { Store } from '../../../db/store';
import type {
  BanksTable,
  EntitlementsTable,
  LedgerHeirsTable,
  LedgerRecoveriesTable,
  OneOffItemsTable,
  PeopleTable,
} from '../../../db/schema';
import type { LedgerComponent } from '@shared/api/ledger';
import type { Month } from '@shared/domain/dates';

// One person's ledger (issue 13): what the person view, the heir and the recovery read and write.

export function personExists(store: Store, personId: number): boolean {
  return store.prepare('SELECT 1 FROM people WHERE id = ?').get(personId) !== undefined;
}

export type PersonBasics = Pick<Selectable<PeopleTable>, 'id' | 'full_name' | 'death_date'>;

export function personBasics(store: Store, personId: number): PersonBasics | undefined {
  return store.prepare('SELECT id, full_name, death_date FROM people WHERE id = ?').get(personId) as
    PersonBasics | undefined;
}

/** The person's first entitlement month (null with none). */
export function firstEntitledMonth(store: Store, personId: number): Month | null {
  return (
    store.prepare('SELECT MIN(start_month) AS m FROM entitlements WHERE person_id = ?').get(personId) as {
      m: Month | null;
    }
  ).m;
}

export type RecoveryRow = Pick<
  Selectable<LedgerRecoveriesTable>,
  'id' | 'method' | 'amount_vnd' | 'paper_number' | 'paper_date' | 'note' | 'created_at' | 'from_month' | 'to_month'
> & {
  component: LedgerComponent;
  /** The officer's name ('' if unknown). */
  created_by: string;
  /** What approved payrolls have deducted (deduct). */
  applied: number;
};

export function recoveryRows(store: Store, personId: number): RecoveryRow[] {
  return store
    .prepare(
      `SELECT r.id, r.method, r.amount_vnd, r.paper_number, r.paper_date, r.note, r.created_at, r.component, r.from_month, r.to_month,
                COALESCE(u.full_name, '') AS created_by,
                COALESCE((SELECT -SUM(m.amount_vnd) FROM payroll_line_months m JOIN payrolls p ON p.id = m.payroll_id AND p.status = 'approved' WHERE m.recovery_id = r.id), 0) AS applied
         FROM ledger_recoveries r LEFT JOIN users u ON u.id = r.created_by WHERE r.person_id = ? ORDER BY r.id`,
    )
    .all(personId) as RecoveryRow[];
}

export type HeirRow = Selectable<LedgerHeirsTable> & { created_by_name: string };

/** The heir named last for the person. */
export function latestHeir(store: Store, personId: number): HeirRow | undefined {
  return store
    .prepare(
      `SELECT h.*, COALESCE(u.full_name, '') AS created_by_name FROM ledger_heirs h LEFT JOIN users u ON u.id = h.created_by WHERE h.person_id = ? ORDER BY h.id DESC LIMIT 1`,
    )
    .get(personId) as HeirRow | undefined;
}

export interface PaidRow {
  service_month: Month;
  component: LedgerComponent;
  entitlement_id: number | null;
  amount_vnd: number;
  payroll_id: number;
  payroll_month: Month;
  programme: string;
  line_id: number;
}

/** Every approved service-month row of the person, with its payroll. */
export function approvedPaidRows(store: Store, personId: number): PaidRow[] {
  return store
    .prepare(
      `SELECT m.service_month, m.component, m.entitlement_id, m.amount_vnd, p.id AS payroll_id, p.month AS payroll_month, p.programme_code AS programme, m.line_id
       FROM payroll_line_months m JOIN payrolls p ON p.id = m.payroll_id AND p.status = 'approved' WHERE m.person_id = ? ORDER BY m.service_month, p.month, m.line_id`,
    )
    .all(personId) as PaidRow[];
}

/** The person's entitlements with the group code of their latest term ('' with none). */
export function entitlementGroups(
  store: Store,
  personId: number,
): Array<Pick<Selectable<EntitlementsTable>, 'id'> & { g: string }> {
  return store
    .prepare(
      `SELECT e.id, COALESCE((SELECT t.group_code FROM entitlement_terms t WHERE t.entitlement_id = e.id ORDER BY t.effective_from DESC LIMIT 1), '') AS g FROM entitlements e WHERE e.person_id = ?`,
    )
    .all(personId) as Array<Pick<Selectable<EntitlementsTable>, 'id'> & { g: string }>;
}

export type OneOffRow = Pick<
  Selectable<OneOffItemsTable>,
  'id' | 'kind' | 'amount_vnd' | 'due_month' | 'entitlement_id' | 'note'
>;

/** The person's one-off items in force, by due month. */
export function oneOffItemsOf(store: Store, personId: number): OneOffRow[] {
  return store
    .prepare(
      'SELECT id, kind, amount_vnd, due_month, entitlement_id, note FROM one_off_items WHERE person_id = ? AND superseded = 0 ORDER BY due_month, id',
    )
    .all(personId) as OneOffRow[];
}

// Writes.

/** The next build looks at this person's months again, from the first. */
export function markPerson(store: Store, personId: number): void {
  store.prepare("INSERT INTO ledger_marks (person_id, from_month) VALUES (?, '0000-00')").run(personId);
}

export interface BankLengthRule {
  code: Selectable<BanksTable>['code'];
  min: number;
  max: number;
}

export function bankLengthRule(store: Store, code: string): BankLengthRule | undefined {
  return store
    .prepare('SELECT code, account_length_min AS min, account_length_max AS max FROM banks WHERE code = ?')
    .get(code) as BankLengthRule | undefined;
}

/** True if the person owns this account (the deceased's own account). */
export function ownsAccount(store: Store, personId: number, accountNumber: string, bankCode: string): boolean {
  return (
    store
      .prepare('SELECT 1 FROM bank_accounts WHERE owner_person_id = ? AND account_number = ? AND bank_code = ?')
      .get(personId, accountNumber, bankCode) !== undefined
  );
}

export type NewHeir = Omit<Selectable<LedgerHeirsTable>, 'id'>;

export function insertHeir(store: Store, h: NewHeir): number {
  return Number(
    store
      .prepare(
        `INSERT INTO ledger_heirs (person_id, full_name, relationship, citizen_id, paper_kind, paper_number, paper_date, method, bank_code, branch, account_number, holder_name, note, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        h.person_id,
        h.full_name,
        h.relationship,
        h.citizen_id,
        h.paper_kind,
        h.paper_number,
        h.paper_date,
        h.method,
        h.bank_code,
        h.branch,
        h.account_number,
        h.holder_name,
        h.note,
        h.created_at,
        h.created_by,
      ).lastInsertRowid,
  );
}

/** The person's deductions of a component, month by month, with what approved payrolls have not taken yet. */
export function pendingDeductionMonths(
  store: Store,
  personId: number,
  component: LedgerComponent,
): Array<{ month: Month; pending: number }> {
  return store
    .prepare(
      `SELECT rm.service_month AS month, rm.amount_vnd + COALESCE((SELECT SUM(m.amount_vnd) FROM payroll_line_months m JOIN payrolls p ON p.id = m.payroll_id AND p.status = 'approved'
               WHERE m.recovery_id = r.id AND m.service_month = rm.service_month), 0) AS pending
       FROM ledger_recoveries r JOIN ledger_recovery_months rm ON rm.recovery_id = r.id WHERE r.method = 'deduct' AND r.person_id = ? AND r.component = ?`,
    )
    .all(personId, component) as Array<{ month: Month; pending: number }>;
}

export type NewRecovery = Omit<Selectable<LedgerRecoveriesTable>, 'id'>;

/** A recovery and its amount per service month. */
export function insertRecovery(
  store: Store,
  r: NewRecovery,
  months: ReadonlyArray<{ month: Month; amount: number }>,
): number {
  const id = Number(
    store
      .prepare(
        `INSERT INTO ledger_recoveries (person_id, component, from_month, to_month, method, amount_vnd, paper_number, paper_date, note, created_at, created_by)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      )
      .run(
        r.person_id,
        r.component,
        r.from_month,
        r.to_month,
        r.method,
        r.amount_vnd,
        r.paper_number,
        r.paper_date,
        r.note,
        r.created_at,
        r.created_by,
      ).lastInsertRowid,
  );
  const insertMonth = store.prepare(
    'INSERT INTO ledger_recovery_months (recovery_id, service_month, amount_vnd) VALUES (?, ?, ?)',
  );
  for (const m of months) insertMonth.run(id, m.month, m.amount);
  return id;
}
