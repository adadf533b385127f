import type { Generated } from 'kysely';

// Row types of the SQLite schema (main/db/migrations/001-initial.ts), for kysely's typed query builder.

type Id = Generated<number>;

export interface UsersTable {
  id: Id;
  username: string;
  full_name: string;
  role: 'admin' | 'officer' | 'accountant' | 'approver';
  password_hash: string | null;
  active: number;
  failed_attempts: number;
  locked_until: string | null;
  created_at: string;
}

export interface SettingsTable {
  key: string;
  value_json: string;
  updated_at: string;
  updated_by: number | null;
}

export interface NeighbourhoodsTable {
  id: Id;
  name: string;
  search_key: string;
  active: number;
}

export interface PeopleTable {
  id: Id;
  full_name: string;
  family_name: string;
  middle_name: string;
  given_name: string;
  search_key: string;
  sort_key: string;
  birth_date: string | null;
  birth_precision: 'day' | 'year' | 'unknown';
  birth_year: number | null;
  gender: 'male' | 'female' | null;
  citizen_id: string | null;
  legacy_id: string | null;
  id_issue_date: string | null;
  id_issue_place: string | null;
  address: string;
  neighbourhood_id: number | null;
  phone: string;
  health_insurance_no: string | null;
  death_date: string | null;
  moved_away_date: string | null;
  note: string;
  created_at: string;
  updated_at: string;
}

export interface ProgrammesTable {
  code: string;
  name_vi: string;
  amount_rule: 'coefficient' | 'recorded';
  sort_order: number;
}

export interface AllowanceGroupsTable {
  code: string;
  programme_code: string;
  clause: string;
  label_vi: string;
  age_min: number | null;
  age_max: number | null;
  note: string;
  sort_order: number;
  active: number;
}

export interface GroupCoefficientsTable {
  id: Id;
  group_code: string;
  effective_from: string;
  coefficient_milli: number;
  basis: string;
}

export interface StandardLevelsTable {
  id: Id;
  programme_code: string;
  scope: 'national' | 'province';
  effective_from: string;
  amount_vnd: number;
  basis: string;
  label: string;
}

export type DecisionKind = 'grant' | 'adjust' | 'suspend' | 'resume' | 'stop';

export interface DecisionsTable {
  id: Id;
  person_id: number;
  programme_code: string;
  kind: DecisionKind;
  number: string;
  signed_date: string | null;
  signer: string;
  effective_month: string;
  reason: string;
  arrears_decided: number;
  created_at: string;
  created_by: number | null;
}

export interface EntitlementsTable {
  id: Id;
  person_id: number;
  programme_code: string;
  cared_person_id: number | null;
  start_month: string;
  end_month: string | null;
  grant_decision_id: number;
  created_at: string;
}

export interface EntitlementTermsTable {
  id: Id;
  entitlement_id: number;
  effective_from: string;
  status: 'active' | 'suspended' | 'stopped';
  group_code: string | null;
  decision_id: number;
}

export interface TermComponentsTable {
  id: Id;
  term_id: number;
  kind: string;
  label_vi: string;
  amount_vnd: number;
}

export interface OneOffItemsTable {
  id: Id;
  person_id: number;
  entitlement_id: number | null;
  kind: 'arrears' | 'funeral' | 'other';
  amount_vnd: number;
  due_month: string;
  payee_person_id: number | null;
  decision_id: number | null;
  note: string;
  created_at: string;
  /** 1: an old arrears item the ledger pays instead (migration 007). */
  superseded: number;
}

export interface BanksTable {
  code: string;
  name: string;
  napas_bin: string | null;
  account_length_min: number;
  account_length_max: number;
  active: number;
  sort_order: number;
}

export interface BankAccountsTable {
  id: Id;
  owner_person_id: number;
  bank_code: string;
  branch: string;
  account_number: string;
  holder_name: string;
  closed_date: string | null;
  created_at: string;
}

export interface AuthorizationsTable {
  id: Id;
  giver_person_id: number;
  receiver_person_id: number;
  relationship: string;
  bank_account_id: number | null;
  valid_from: string;
  valid_to: string;
  certified_date: string | null;
  certified_by: string;
  scope_note: string;
  revoked_date: string | null;
  created_at: string;
}

export type PayoutMethod = 'CASH_WARD' | 'POST_OFFICE' | 'OWN_ACCOUNT' | 'AUTHORIZED_ACCOUNT';

export interface PayoutMethodsTable {
  id: Id;
  person_id: number;
  programme_code: string | null;
  effective_from: string;
  method: PayoutMethod;
  bank_account_id: number | null;
  authorization_id: number | null;
  note: string;
  created_at: string;
  created_by: number | null;
}

export interface PayrollsTable {
  id: Id;
  month: string;
  programme_code: string;
  status: 'draft' | 'approved';
  line_count: number;
  total_vnd: number;
  built_at: string;
  built_by: number | null;
  approved_at: string | null;
  approved_by: number | null;
  /** The last ledger change mark the build saw (migration 007). */
  ledger_seq: number;
}

export interface PayrollLinesTable {
  id: Id;
  payroll_id: number;
  person_id: number;
  entitlement_id: number | null;
  one_off_item_id: number | null;
  carried_from_line_id: number | null;
  kind: 'regular' | 'arrears' | 'funeral' | 'care' | 'carryover' | 'other';
  full_name: string;
  birth_text: string;
  citizen_id: string | null;
  neighbourhood_name: string;
  address: string;
  group_code: string | null;
  coefficient_milli: number | null;
  standard_vnd: number | null;
  amount_vnd: number;
  method: PayoutMethod;
  bank_code: string | null;
  account_number: string | null;
  holder_name: string | null;
  authorization_id: number | null;
  receiver_name: string | null;
  attention_note: string;
  status: 'pending' | 'sent' | 'paid' | 'failed' | 'not_collected' | 'carried_over' | 'converted_to_cash';
  /** Arrears lines of the ledger (migration 007): the service months paid, and why. */
  period_from: string | null;
  period_to: string | null;
  period_months: number | null;
  ledger_reason: string | null;
  heir_id: number | null;
}

export interface PaymentAttemptsTable {
  id: Id;
  payroll_line_id: number;
  attempt_no: number;
  status: 'sent' | 'paid' | 'failed' | 'not_collected';
  at: string;
  reason: string;
  reference: string;
  source: string;
}

export interface AuditLogTable {
  id: Id;
  at: string;
  user_id: number | null;
  user_name: string;
  action: string;
  entity: string;
  entity_id: string | null;
  person_id: number | null;
  before_json: string | null;
  after_json: string | null;
  detail_json: string | null;
  prev_hash: string;
  hash: string;
}

export interface SchemaMigrationsTable {
  version: number;
  name: string;
  applied_at: string;
  app_version: string;
}

export interface DB {
  users: UsersTable;
  settings: SettingsTable;
  neighbourhoods: NeighbourhoodsTable;
  people: PeopleTable;
  programmes: ProgrammesTable;
  allowance_groups: AllowanceGroupsTable;
  group_coefficients: GroupCoefficientsTable;
  standard_levels: StandardLevelsTable;
  decisions: DecisionsTable;
  entitlements: EntitlementsTable;
  entitlement_terms: EntitlementTermsTable;
  term_components: TermComponentsTable;
  one_off_items: OneOffItemsTable;
  banks: BanksTable;
  bank_accounts: BankAccountsTable;
  authorizations: AuthorizationsTable;
  payout_methods: PayoutMethodsTable;
  payrolls: PayrollsTable;
  payroll_lines: PayrollLinesTable;
  payment_attempts: PaymentAttemptsTable;
  audit_log: AuditLogTable;
  schema_migrations: SchemaMigrationsTable;
}
