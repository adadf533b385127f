import type { Migration } from './types';

// The first schema, designed for the whole mission so later issues extend rather than rewrite it.
// Conventions: money is INTEGER VND; months are 'YYYY-MM'; dates 'YYYY-MM-DD'; timestamps ISO-8601 UTC;
// coefficients are INTEGER thousandths (2.5 → 2500) so amounts stay integer arithmetic.
// Every table that the register changes is audited through audit_log (see main/services/audit.ts).

export const initialSchema: Migration = {
  version: 1,
  name: 'initial schema',
  up: (db) => {
    db.exec(`
CREATE TABLE users (
  id              INTEGER PRIMARY KEY,
  username        TEXT NOT NULL UNIQUE COLLATE NOCASE,
  full_name       TEXT NOT NULL,
  role            TEXT NOT NULL CHECK (role IN ('admin','officer','accountant','approver')),
  password_hash   TEXT,                      -- NULL: the built-in account used before sign-in exists
  active          INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  failed_attempts INTEGER NOT NULL DEFAULT 0,
  locked_until    TEXT,
  created_at      TEXT NOT NULL
);

CREATE TABLE settings (
  key        TEXT PRIMARY KEY,
  value_json TEXT NOT NULL CHECK (json_valid(value_json)),
  updated_at TEXT NOT NULL,
  updated_by INTEGER REFERENCES users(id)
);

-- Khu phố / tổ dân phố / thôn: payout lists and campaign work lists are grouped by it.
CREATE TABLE neighbourhoods (
  id         INTEGER PRIMARY KEY,
  name       TEXT NOT NULL UNIQUE,
  search_key TEXT NOT NULL,
  active     INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1))
);

-- Everyone the ward deals with: beneficiaries, authorized receivers, caregivers, funeral organisers.
CREATE TABLE people (
  id                  INTEGER PRIMARY KEY,
  full_name           TEXT NOT NULL,          -- NFC, as written
  family_name         TEXT NOT NULL DEFAULT '',
  middle_name         TEXT NOT NULL DEFAULT '',
  given_name          TEXT NOT NULL,
  search_key          TEXT NOT NULL,          -- folded: no diacritics, đ→d, lower case
  sort_key            TEXT NOT NULL,          -- given, family, middle in Vietnamese collation order
  birth_date          TEXT,                   -- 'YYYY-MM-DD' or 'YYYY' (old records carry only a year)
  birth_precision     TEXT NOT NULL DEFAULT 'unknown' CHECK (birth_precision IN ('day','year','unknown')),
  birth_year          INTEGER,
  gender              TEXT CHECK (gender IN ('male','female')),
  citizen_id          TEXT CHECK (citizen_id IS NULL OR (length(citizen_id) = 12 AND citizen_id NOT GLOB '*[^0-9]*')),
  legacy_id           TEXT CHECK (legacy_id IS NULL OR (length(legacy_id) = 9 AND legacy_id NOT GLOB '*[^0-9]*')),
  id_issue_date       TEXT,
  id_issue_place      TEXT,
  address             TEXT NOT NULL DEFAULT '',
  neighbourhood_id    INTEGER REFERENCES neighbourhoods(id),
  phone               TEXT NOT NULL DEFAULT '',
  health_insurance_no TEXT,
  death_date          TEXT,
  moved_away_date     TEXT,
  note                TEXT NOT NULL DEFAULT '',
  created_at          TEXT NOT NULL,
  updated_at          TEXT NOT NULL
);
-- One citizen ID belongs to one living person (citizen-id.md rule 6).
CREATE UNIQUE INDEX people_citizen_id_living ON people(citizen_id) WHERE citizen_id IS NOT NULL AND death_date IS NULL;
CREATE INDEX people_citizen_id ON people(citizen_id);
CREATE INDEX people_search_key ON people(search_key);
CREATE INDEX people_sort_key ON people(sort_key);
CREATE INDEX people_neighbourhood ON people(neighbourhood_id);
CREATE INDEX people_phone ON people(phone);

-- BTXH (monthly social assistance), BTXH_CARE (care support), NCC (meritorious), HTXH (social pension).
CREATE TABLE programmes (
  code        TEXT PRIMARY KEY,
  name_vi     TEXT NOT NULL,
  amount_rule TEXT NOT NULL CHECK (amount_rule IN ('coefficient','recorded')),
  sort_order  INTEGER NOT NULL
);

CREATE TABLE allowance_groups (
  code           TEXT PRIMARY KEY,
  programme_code TEXT NOT NULL REFERENCES programmes(code),
  clause         TEXT NOT NULL DEFAULT '',
  label_vi       TEXT NOT NULL,
  age_min        INTEGER,                   -- inclusive, completed years
  age_max        INTEGER,                   -- exclusive
  note           TEXT NOT NULL DEFAULT '',
  sort_order     INTEGER NOT NULL,
  active         INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1))
);

-- Coefficients are data with an effective month: a change of law is a new row, not an edit.
CREATE TABLE group_coefficients (
  id                INTEGER PRIMARY KEY,
  group_code        TEXT NOT NULL REFERENCES allowance_groups(code),
  effective_from    TEXT NOT NULL,            -- 'YYYY-MM'
  coefficient_milli INTEGER NOT NULL CHECK (coefficient_milli > 0),
  basis             TEXT NOT NULL DEFAULT '',
  UNIQUE (group_code, effective_from)
);

-- National standard levels, and a province's higher level as its own dated rows (scope 'province').
CREATE TABLE standard_levels (
  id             INTEGER PRIMARY KEY,
  programme_code TEXT NOT NULL REFERENCES programmes(code),
  scope          TEXT NOT NULL DEFAULT 'national' CHECK (scope IN ('national','province')),
  effective_from TEXT NOT NULL,               -- 'YYYY-MM'
  amount_vnd     INTEGER NOT NULL CHECK (amount_vnd > 0),
  basis          TEXT NOT NULL DEFAULT '',
  label          TEXT NOT NULL DEFAULT '',
  UNIQUE (programme_code, scope, effective_from)
);

-- Decisions (quyết định): the only way an entitlement starts, changes or stops.
CREATE TABLE decisions (
  id              INTEGER PRIMARY KEY,
  person_id       INTEGER NOT NULL REFERENCES people(id),
  programme_code  TEXT NOT NULL REFERENCES programmes(code),
  kind            TEXT NOT NULL CHECK (kind IN ('grant','adjust','suspend','resume','stop')),
  number          TEXT NOT NULL DEFAULT '',
  signed_date     TEXT,
  signer          TEXT NOT NULL DEFAULT '',
  effective_month TEXT NOT NULL,
  reason          TEXT NOT NULL DEFAULT '',
  arrears_decided INTEGER NOT NULL DEFAULT 0 CHECK (arrears_decided IN (0,1)),
  created_at      TEXT NOT NULL,
  created_by      INTEGER REFERENCES users(id)
);
CREATE INDEX decisions_person ON decisions(person_id, effective_month);

-- An entitlement: one person's enrolment in one programme (a caregiver's care support names the cared person).
CREATE TABLE entitlements (
  id                 INTEGER PRIMARY KEY,
  person_id          INTEGER NOT NULL REFERENCES people(id),
  programme_code     TEXT NOT NULL REFERENCES programmes(code),
  cared_person_id    INTEGER REFERENCES people(id),
  start_month        TEXT NOT NULL,
  end_month          TEXT,                    -- last month paid; NULL while open
  grant_decision_id  INTEGER NOT NULL REFERENCES decisions(id),
  created_at         TEXT NOT NULL
);
CREATE INDEX entitlements_person ON entitlements(person_id);
CREATE INDEX entitlements_programme ON entitlements(programme_code, start_month);

-- Effective-dated terms of an entitlement: the term in force in month M is the latest with effective_from <= M.
CREATE TABLE entitlement_terms (
  id             INTEGER PRIMARY KEY,
  entitlement_id INTEGER NOT NULL REFERENCES entitlements(id),
  effective_from TEXT NOT NULL,
  status         TEXT NOT NULL CHECK (status IN ('active','suspended','stopped')),
  group_code     TEXT REFERENCES allowance_groups(code),   -- coefficient programmes
  decision_id    INTEGER NOT NULL REFERENCES decisions(id),
  UNIQUE (entitlement_id, effective_from)
);

-- Recorded amounts (NCC): one or more components set by a provincial decision.
CREATE TABLE term_components (
  id         INTEGER PRIMARY KEY,
  term_id    INTEGER NOT NULL REFERENCES entitlement_terms(id),
  kind       TEXT NOT NULL,                    -- 'main', 'extra', 'caregiver', …
  label_vi   TEXT NOT NULL,
  amount_vnd INTEGER NOT NULL CHECK (amount_vnd >= 0)
);
CREATE INDEX term_components_term ON term_components(term_id);

-- One-off money: arrears, funeral support (to the organiser), other decided items.
CREATE TABLE one_off_items (
  id               INTEGER PRIMARY KEY,
  person_id        INTEGER NOT NULL REFERENCES people(id),
  entitlement_id   INTEGER REFERENCES entitlements(id),
  kind             TEXT NOT NULL CHECK (kind IN ('arrears','funeral','other')),
  amount_vnd       INTEGER NOT NULL CHECK (amount_vnd > 0),
  due_month        TEXT NOT NULL,
  payee_person_id  INTEGER REFERENCES people(id),
  decision_id      INTEGER REFERENCES decisions(id),
  note             TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL
);
CREATE INDEX one_off_items_due ON one_off_items(due_month);

CREATE TABLE banks (
  code                TEXT PRIMARY KEY,
  name                TEXT NOT NULL,
  napas_bin           TEXT,
  account_length_min  INTEGER NOT NULL DEFAULT 6,
  account_length_max  INTEGER NOT NULL DEFAULT 19,
  active              INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0,1)),
  sort_order          INTEGER NOT NULL DEFAULT 0
);

CREATE TABLE bank_accounts (
  id              INTEGER PRIMARY KEY,
  owner_person_id INTEGER NOT NULL REFERENCES people(id),
  bank_code       TEXT NOT NULL REFERENCES banks(code),
  branch          TEXT NOT NULL DEFAULT '',
  account_number  TEXT NOT NULL CHECK (length(account_number) BETWEEN 1 AND 30 AND account_number NOT GLOB '*[^0-9]*'),
  holder_name     TEXT NOT NULL,
  closed_date     TEXT,
  created_at      TEXT NOT NULL,
  UNIQUE (bank_code, account_number, owner_person_id)
);
CREATE INDEX bank_accounts_number ON bank_accounts(account_number);

CREATE TABLE authorizations (
  id                 INTEGER PRIMARY KEY,
  giver_person_id    INTEGER NOT NULL REFERENCES people(id),
  receiver_person_id INTEGER NOT NULL REFERENCES people(id),
  relationship       TEXT NOT NULL,
  bank_account_id    INTEGER REFERENCES bank_accounts(id),
  valid_from         TEXT NOT NULL,
  valid_to           TEXT NOT NULL,
  certified_date     TEXT,
  certified_by       TEXT NOT NULL DEFAULT '',
  scope_note         TEXT NOT NULL DEFAULT '',
  revoked_date       TEXT,
  created_at         TEXT NOT NULL,
  CHECK (valid_to >= valid_from),
  CHECK (giver_person_id <> receiver_person_id)
);
CREATE INDEX authorizations_giver ON authorizations(giver_person_id, valid_from);

-- Payout method history: the method in force in month M is the latest row with effective_from <= M.
CREATE TABLE payout_methods (
  id               INTEGER PRIMARY KEY,
  person_id        INTEGER NOT NULL REFERENCES people(id),
  programme_code   TEXT REFERENCES programmes(code),   -- NULL: all the person's programmes
  effective_from   TEXT NOT NULL,
  method           TEXT NOT NULL CHECK (method IN ('CASH_WARD','POST_OFFICE','OWN_ACCOUNT','AUTHORIZED_ACCOUNT')),
  bank_account_id  INTEGER REFERENCES bank_accounts(id),
  authorization_id INTEGER REFERENCES authorizations(id),
  note             TEXT NOT NULL DEFAULT '',
  created_at       TEXT NOT NULL,
  created_by       INTEGER REFERENCES users(id),
  CHECK (method NOT IN ('OWN_ACCOUNT','AUTHORIZED_ACCOUNT') OR bank_account_id IS NOT NULL),
  CHECK (method <> 'AUTHORIZED_ACCOUNT' OR authorization_id IS NOT NULL)
);
CREATE INDEX payout_methods_person ON payout_methods(person_id, effective_from);

CREATE TABLE payrolls (
  id             INTEGER PRIMARY KEY,
  month          TEXT NOT NULL,
  programme_code TEXT NOT NULL REFERENCES programmes(code),
  status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','approved')),
  line_count     INTEGER NOT NULL DEFAULT 0,
  total_vnd      INTEGER NOT NULL DEFAULT 0,
  built_at       TEXT NOT NULL,
  built_by       INTEGER REFERENCES users(id),
  approved_at    TEXT,
  approved_by    INTEGER REFERENCES users(id)
);
-- Two payrolls for the same month and programme cannot both be approved.
CREATE UNIQUE INDEX payrolls_one_approved ON payrolls(month, programme_code) WHERE status = 'approved';

-- Each line snapshots who, what and how, so later register changes never alter a past payroll.
CREATE TABLE payroll_lines (
  id                   INTEGER PRIMARY KEY,
  payroll_id           INTEGER NOT NULL REFERENCES payrolls(id),
  person_id            INTEGER NOT NULL REFERENCES people(id),
  entitlement_id       INTEGER REFERENCES entitlements(id),
  one_off_item_id      INTEGER REFERENCES one_off_items(id),
  carried_from_line_id INTEGER REFERENCES payroll_lines(id),
  kind                 TEXT NOT NULL CHECK (kind IN ('regular','arrears','funeral','care','carryover','other')),
  full_name            TEXT NOT NULL,
  birth_text           TEXT NOT NULL DEFAULT '',
  citizen_id           TEXT,
  neighbourhood_name   TEXT NOT NULL DEFAULT '',
  address              TEXT NOT NULL DEFAULT '',
  group_code           TEXT,
  coefficient_milli    INTEGER,
  standard_vnd         INTEGER,
  amount_vnd           INTEGER NOT NULL CHECK (amount_vnd >= 0),
  method               TEXT NOT NULL CHECK (method IN ('CASH_WARD','POST_OFFICE','OWN_ACCOUNT','AUTHORIZED_ACCOUNT')),
  bank_code            TEXT,
  account_number       TEXT,
  holder_name          TEXT,
  authorization_id     INTEGER REFERENCES authorizations(id),
  receiver_name        TEXT,
  attention_note       TEXT NOT NULL DEFAULT '',
  status               TEXT NOT NULL DEFAULT 'pending' CHECK (status IN ('pending','sent','paid','failed','not_collected','carried_over','converted_to_cash'))
);
CREATE INDEX payroll_lines_payroll ON payroll_lines(payroll_id);
CREATE INDEX payroll_lines_person ON payroll_lines(person_id);

CREATE TABLE payment_attempts (
  id              INTEGER PRIMARY KEY,
  payroll_line_id INTEGER NOT NULL REFERENCES payroll_lines(id),
  attempt_no      INTEGER NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('sent','paid','failed','not_collected')),
  at              TEXT NOT NULL,
  reason          TEXT NOT NULL DEFAULT '',
  reference       TEXT NOT NULL DEFAULT '',
  source          TEXT NOT NULL DEFAULT '',   -- e.g. the bank result file's checksum, for idempotent imports
  UNIQUE (payroll_line_id, attempt_no)
);

-- Approved payrolls and their lines are immutable: corrections are new lines in a later month.
CREATE TRIGGER payrolls_approved_immutable BEFORE UPDATE ON payrolls
  WHEN OLD.status = 'approved'
  BEGIN SELECT RAISE(ABORT, 'PAYROLL_APPROVED_IMMUTABLE'); END;
CREATE TRIGGER payrolls_approved_no_delete BEFORE DELETE ON payrolls
  WHEN OLD.status = 'approved'
  BEGIN SELECT RAISE(ABORT, 'PAYROLL_APPROVED_IMMUTABLE'); END;
CREATE TRIGGER payroll_lines_approved_no_insert BEFORE INSERT ON payroll_lines
  WHEN (SELECT status FROM payrolls WHERE id = NEW.payroll_id) = 'approved'
  BEGIN SELECT RAISE(ABORT, 'PAYROLL_APPROVED_IMMUTABLE'); END;
CREATE TRIGGER payroll_lines_approved_no_delete BEFORE DELETE ON payroll_lines
  WHEN (SELECT status FROM payrolls WHERE id = OLD.payroll_id) = 'approved'
  BEGIN SELECT RAISE(ABORT, 'PAYROLL_APPROVED_IMMUTABLE'); END;
-- After approval only the payment status of a line moves (paid / failed / carried over).
CREATE TRIGGER payroll_lines_approved_frozen BEFORE UPDATE ON payroll_lines
  WHEN (SELECT status FROM payrolls WHERE id = OLD.payroll_id) = 'approved'
   AND (NEW.amount_vnd IS NOT OLD.amount_vnd OR NEW.person_id IS NOT OLD.person_id
        OR NEW.method IS NOT OLD.method OR NEW.account_number IS NOT OLD.account_number
        OR NEW.full_name IS NOT OLD.full_name OR NEW.payroll_id IS NOT OLD.payroll_id)
  BEGIN SELECT RAISE(ABORT, 'PAYROLL_APPROVED_IMMUTABLE'); END;

-- Append-only, hash-chained audit log: hash = sha256(prev_hash + canonical entry).
CREATE TABLE audit_log (
  id          INTEGER PRIMARY KEY,
  at          TEXT NOT NULL,
  user_id     INTEGER REFERENCES users(id),
  user_name   TEXT NOT NULL,
  action      TEXT NOT NULL,
  entity      TEXT NOT NULL,
  entity_id   TEXT,
  person_id   INTEGER,
  before_json TEXT CHECK (before_json IS NULL OR json_valid(before_json)),
  after_json  TEXT CHECK (after_json IS NULL OR json_valid(after_json)),
  detail_json TEXT CHECK (detail_json IS NULL OR json_valid(detail_json)),
  prev_hash   TEXT NOT NULL,
  hash        TEXT NOT NULL
);
CREATE INDEX audit_log_person ON audit_log(person_id);
CREATE INDEX audit_log_at ON audit_log(at);
CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY'); END;
CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'AUDIT_APPEND_ONLY'); END;
`);
  },
};
