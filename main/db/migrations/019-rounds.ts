import type { Migration } from './types';

// One-off rounds (đợt chi một lần, issue 16): Tết gifts, 27/7 gifts… A round names its legal basis and
// date; its rules pick recipients from the register with an amount each; the officer adds or removes
// people with a reason (round_adjustments); the lines are what the rules and the adjustments give,
// snapshotted like payroll lines (who, what, how paid at the round's date). Reviewed like the payroll
// (draft → submitted → approved, or returned). An approved round is immutable (triggers, as the payroll's)
// and nobody is in two rounds of the same legal basis (a unique index on the basis and the person).
export const rounds: Migration = {
  version: 19,
  name: 'one-off rounds: rules, adjustments, lines and their review',
  up: (db) => {
    db.exec(`
CREATE TABLE rounds (
  id                  INTEGER PRIMARY KEY,
  name                TEXT NOT NULL,
  basis_number        TEXT NOT NULL,
  basis_date          TEXT NOT NULL,
  basis_issuer        TEXT NOT NULL,
  basis_key           TEXT NOT NULL,           -- number|date|issuer folded: rounds of one basis share it
  round_date          TEXT NOT NULL,           -- alive and resident on this day; the payout method of its month
  status              TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','approved')),
  review_state        TEXT NOT NULL DEFAULT 'draft' CHECK (review_state IN ('draft','submitted','returned','approved')),
  line_count          INTEGER NOT NULL DEFAULT 0,
  total_vnd           INTEGER NOT NULL DEFAULT 0,
  already_in_basis    INTEGER NOT NULL DEFAULT 0, -- picked by the rules but in another round of the basis
  created_at          TEXT NOT NULL,
  created_by          INTEGER REFERENCES users(id),
  built_at            TEXT NOT NULL,
  submitted_at        TEXT,
  submitted_by        INTEGER REFERENCES users(id),
  submitted_audit_seq INTEGER,
  returned_at         TEXT,
  returned_by         INTEGER REFERENCES users(id),
  return_comment      TEXT,
  approved_at         TEXT,
  approved_by         INTEGER REFERENCES users(id),
  CHECK ((status = 'approved') = (review_state = 'approved'))
);
CREATE INDEX rounds_basis ON rounds(basis_key);

CREATE TABLE round_rules (
  id              INTEGER PRIMARY KEY,
  round_id        INTEGER NOT NULL REFERENCES rounds(id),
  rule_no         INTEGER NOT NULL CHECK (rule_no >= 1),
  label           TEXT NOT NULL DEFAULT '',
  programme_code  TEXT NOT NULL REFERENCES programmes(code),
  groups_json     TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(groups_json)),
  categories_json TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(categories_json)),
  amount_vnd      INTEGER NOT NULL CHECK (amount_vnd > 0),
  UNIQUE (round_id, rule_no)
);

CREATE TABLE round_adjustments (
  id             INTEGER PRIMARY KEY,
  round_id       INTEGER NOT NULL REFERENCES rounds(id),
  person_id      INTEGER NOT NULL REFERENCES people(id),
  kind           TEXT NOT NULL CHECK (kind IN ('add','remove')),
  programme_code TEXT REFERENCES programmes(code),
  amount_vnd     INTEGER CHECK (amount_vnd IS NULL OR amount_vnd > 0),
  reason         TEXT NOT NULL CHECK (length(reason) > 0),
  created_at     TEXT NOT NULL,
  created_by     INTEGER REFERENCES users(id),
  CHECK (kind = 'remove' OR (programme_code IS NOT NULL AND amount_vnd IS NOT NULL)),
  UNIQUE (round_id, person_id)
);

CREATE TABLE round_lines (
  id                 INTEGER PRIMARY KEY,
  round_id           INTEGER NOT NULL REFERENCES rounds(id),
  basis_key          TEXT NOT NULL,
  line_no            INTEGER NOT NULL CHECK (line_no >= 1),
  person_id          INTEGER NOT NULL REFERENCES people(id),
  programme_code     TEXT NOT NULL REFERENCES programmes(code),
  rule_no            INTEGER,                  -- NULL: added by hand (round_adjustments)
  amount_vnd         INTEGER NOT NULL CHECK (amount_vnd > 0),
  full_name          TEXT NOT NULL,
  birth_text         TEXT NOT NULL DEFAULT '',
  citizen_id         TEXT,
  neighbourhood_name TEXT NOT NULL DEFAULT '',
  address            TEXT NOT NULL DEFAULT '',
  group_code         TEXT,
  group_label        TEXT NOT NULL DEFAULT '',  -- the NCC category or the group's name in words
  method             TEXT NOT NULL CHECK (method IN ('CASH_WARD','POST_OFFICE','OWN_ACCOUNT','AUTHORIZED_ACCOUNT')),
  bank_code          TEXT,
  branch             TEXT,
  account_number     TEXT,
  holder_name        TEXT,
  authorization_id   INTEGER REFERENCES authorizations(id),
  receiver_name      TEXT,
  note               TEXT NOT NULL DEFAULT '',
  UNIQUE (round_id, line_no),
  UNIQUE (round_id, person_id),
  UNIQUE (basis_key, person_id)
);
CREATE INDEX round_lines_person ON round_lines(person_id);

-- Approved is final, as for the payroll: no edit of the round, its rules, adjustments or lines.
CREATE TRIGGER rounds_approved_fixed BEFORE UPDATE ON rounds WHEN OLD.status = 'approved' BEGIN
  SELECT RAISE(ABORT, 'an approved round cannot be changed');
END;
CREATE TRIGGER rounds_approved_no_delete BEFORE DELETE ON rounds WHEN OLD.status = 'approved' BEGIN
  SELECT RAISE(ABORT, 'an approved round cannot be deleted');
END;
CREATE TRIGGER round_lines_approved_insert BEFORE INSERT ON round_lines
WHEN (SELECT status FROM rounds WHERE id = NEW.round_id) = 'approved' BEGIN
  SELECT RAISE(ABORT, 'an approved round cannot be changed');
END;
CREATE TRIGGER round_lines_approved_update BEFORE UPDATE ON round_lines
WHEN (SELECT status FROM rounds WHERE id = OLD.round_id) = 'approved' BEGIN
  SELECT RAISE(ABORT, 'an approved round cannot be changed');
END;
CREATE TRIGGER round_lines_approved_delete BEFORE DELETE ON round_lines
WHEN (SELECT status FROM rounds WHERE id = OLD.round_id) = 'approved' BEGIN
  SELECT RAISE(ABORT, 'an approved round cannot be changed');
END;
CREATE TRIGGER round_rules_approved_insert BEFORE INSERT ON round_rules
WHEN (SELECT status FROM rounds WHERE id = NEW.round_id) = 'approved' BEGIN
  SELECT RAISE(ABORT, 'an approved round cannot be changed');
END;
CREATE TRIGGER round_rules_approved_update BEFORE UPDATE ON round_rules
WHEN (SELECT status FROM rounds WHERE id = OLD.round_id) = 'approved' BEGIN
  SELECT RAISE(ABORT, 'an approved round cannot be changed');
END;
CREATE TRIGGER round_rules_approved_delete BEFORE DELETE ON round_rules
WHEN (SELECT status FROM rounds WHERE id = OLD.round_id) = 'approved' BEGIN
  SELECT RAISE(ABORT, 'an approved round cannot be changed');
END;
CREATE TRIGGER round_adjustments_approved_insert BEFORE INSERT ON round_adjustments
WHEN (SELECT status FROM rounds WHERE id = NEW.round_id) = 'approved' BEGIN
  SELECT RAISE(ABORT, 'an approved round cannot be changed');
END;
CREATE TRIGGER round_adjustments_approved_update BEFORE UPDATE ON round_adjustments
WHEN (SELECT status FROM rounds WHERE id = OLD.round_id) = 'approved' BEGIN
  SELECT RAISE(ABORT, 'an approved round cannot be changed');
END;
CREATE TRIGGER round_adjustments_approved_delete BEFORE DELETE ON round_adjustments
WHEN (SELECT status FROM rounds WHERE id = OLD.round_id) = 'approved' BEGIN
  SELECT RAISE(ABORT, 'an approved round cannot be changed');
END;
-- The approval itself must match the lines it approves (a line written behind the service's back is caught).
CREATE TRIGGER rounds_approve_totals BEFORE UPDATE OF status ON rounds
WHEN NEW.status = 'approved' AND (
  NEW.line_count <> (SELECT COUNT(*) FROM round_lines WHERE round_id = NEW.id)
  OR NEW.total_vnd <> (SELECT COALESCE(SUM(amount_vnd), 0) FROM round_lines WHERE round_id = NEW.id)
) BEGIN
  SELECT RAISE(ABORT, 'round totals differ from its lines');
END;
`);
  },
};
