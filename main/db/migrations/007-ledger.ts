import type { Migration } from './types';

// The money ledger (issue 11). Each payroll line says which SERVICE month(s) it pays and for which
// component (payroll_line_months), so "paid" is a SQL aggregate over approved rows and every payroll
// can pay owed − paid. The database refuses an approval whose rows were computed against a paid side
// that has changed since (two drafts paying the same month: only the first approved stands).
//
// ledger_marks is a change log the build reads to know whose past months may now differ from what was
// paid: every decision, death, move, birth-date change and entitlement period change marks the person
// (and the caregivers paid for them); a standard-level or coefficient change marks everyone from its
// month. A payroll records the last mark it saw (ledger_seq).
//
// Existing data: lines of approved payrolls become the paid side (regular and care lines pay their
// payroll month; funeral and other one-off lines pay their item, in the due month; carried-over lines
// re-send their origin's money and pay nothing new). Months before the first approved payroll were paid
// outside the app (the ledger opens, per programme, at the first approved payroll: main/services/ledger);
// an entitlement with an old arrears item (truy lĩnh) opens after the months that item settled. Unpaid
// arrears items of a grant are superseded by the ledger (it pays those months from the grant's start);
// other unpaid arrears items stay payable.

const COMPONENT_OF_PROGRAMME = `CASE pr.programme_code WHEN 'BTXH' THEN 'allowance' WHEN 'BTXH_CARE' THEN 'care' WHEN 'HTXH' THEN 'pension' ELSE 'ncc' END`;

export const ledgerSchema: Migration = {
  version: 7,
  name: 'ledger: service months paid per line, change marks, heirs, recoveries',
  up: (db) => {
    db.exec(`
CREATE TABLE ledger_heirs (
  id             INTEGER PRIMARY KEY,
  person_id      INTEGER NOT NULL REFERENCES people(id),
  full_name      TEXT NOT NULL,
  relationship   TEXT NOT NULL,
  citizen_id     TEXT NOT NULL DEFAULT '',
  paper_kind     TEXT NOT NULL,
  paper_number   TEXT NOT NULL,
  paper_date     TEXT NOT NULL,
  method         TEXT NOT NULL CHECK (method IN ('CASH_WARD','OWN_ACCOUNT')),
  bank_code      TEXT REFERENCES banks(code),
  branch         TEXT,
  account_number TEXT CHECK (account_number IS NULL OR account_number NOT GLOB '*[^0-9]*'),
  holder_name    TEXT,
  note           TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  created_by     INTEGER REFERENCES users(id),
  CHECK (method <> 'OWN_ACCOUNT' OR (bank_code IS NOT NULL AND account_number IS NOT NULL))
);
CREATE INDEX ledger_heirs_person ON ledger_heirs(person_id);

CREATE TABLE ledger_recoveries (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES people(id),
  component    TEXT NOT NULL,
  from_month   TEXT NOT NULL,
  to_month     TEXT NOT NULL,
  method       TEXT NOT NULL CHECK (method IN ('refund','deduct','waive')),
  amount_vnd   INTEGER NOT NULL CHECK (amount_vnd > 0),
  paper_number TEXT NOT NULL,
  paper_date   TEXT NOT NULL,
  note         TEXT NOT NULL DEFAULT '',
  created_at   TEXT NOT NULL,
  created_by   INTEGER REFERENCES users(id)
);
CREATE INDEX ledger_recoveries_person ON ledger_recoveries(person_id, component);
CREATE TABLE ledger_recovery_months (
  recovery_id   INTEGER NOT NULL REFERENCES ledger_recoveries(id),
  service_month TEXT NOT NULL,
  amount_vnd    INTEGER NOT NULL CHECK (amount_vnd > 0),
  PRIMARY KEY (recovery_id, service_month)
);

-- Which service month(s) a line pays. amount_vnd < 0 only for an overpayment deducted (recovery_id).
CREATE TABLE payroll_line_months (
  id              INTEGER PRIMARY KEY,
  line_id         INTEGER NOT NULL REFERENCES payroll_lines(id),
  payroll_id      INTEGER NOT NULL REFERENCES payrolls(id),
  person_id       INTEGER NOT NULL REFERENCES people(id),
  component       TEXT NOT NULL CHECK (component IN ('allowance','care','pension','ncc','funeral','other')),
  entitlement_id  INTEGER REFERENCES entitlements(id),
  service_month   TEXT NOT NULL,
  amount_vnd      INTEGER NOT NULL,
  -- What approved payrolls had paid for (person, component, service month) when this row was built.
  paid_before_vnd INTEGER NOT NULL DEFAULT 0,
  recovery_id     INTEGER REFERENCES ledger_recoveries(id),
  CHECK (amount_vnd >= 0 OR recovery_id IS NOT NULL),
  UNIQUE (line_id, service_month)
);
CREATE INDEX payroll_line_months_key ON payroll_line_months(person_id, component, service_month);
CREATE INDEX payroll_line_months_month ON payroll_line_months(service_month);
CREATE INDEX payroll_line_months_payroll ON payroll_line_months(payroll_id);
CREATE INDEX payroll_line_months_recovery ON payroll_line_months(recovery_id) WHERE recovery_id IS NOT NULL;

-- What a build left open: overpaid months (truy thu) and money held for a deceased's heir.
CREATE TABLE payroll_ledger_open (
  payroll_id     INTEGER NOT NULL REFERENCES payrolls(id),
  person_id      INTEGER NOT NULL REFERENCES people(id),
  component      TEXT NOT NULL,
  entitlement_id INTEGER REFERENCES entitlements(id),
  service_month  TEXT NOT NULL,
  kind           TEXT NOT NULL CHECK (kind IN ('overpaid','held')),
  owed_vnd       INTEGER NOT NULL,
  paid_vnd       INTEGER NOT NULL,
  reason         TEXT NOT NULL,
  PRIMARY KEY (payroll_id, person_id, component, service_month)
);

CREATE TABLE ledger_marks (
  seq        INTEGER PRIMARY KEY AUTOINCREMENT,
  person_id  INTEGER,            -- NULL: everyone (reference data changed)
  from_month TEXT NOT NULL       -- '0000-00': the whole window
);
-- Months before this are outside the ledger for the entitlement (paid outside the app, or settled by an old arrears item).
CREATE TABLE ledger_opening (
  entitlement_id INTEGER PRIMARY KEY REFERENCES entitlements(id),
  from_month     TEXT NOT NULL
);

ALTER TABLE payrolls ADD COLUMN ledger_seq INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payroll_lines ADD COLUMN period_from TEXT;
ALTER TABLE payroll_lines ADD COLUMN period_to TEXT;
ALTER TABLE payroll_lines ADD COLUMN period_months INTEGER;
ALTER TABLE payroll_lines ADD COLUMN ledger_reason TEXT;
ALTER TABLE payroll_lines ADD COLUMN heir_id INTEGER REFERENCES ledger_heirs(id);
ALTER TABLE one_off_items ADD COLUMN superseded INTEGER NOT NULL DEFAULT 0 CHECK (superseded IN (0,1));
CREATE INDEX entitlements_cared ON entitlements(cared_person_id) WHERE cared_person_id IS NOT NULL;

-- Change marks.
CREATE TRIGGER ledger_mark_decision AFTER INSERT ON decisions BEGIN
  INSERT INTO ledger_marks (person_id, from_month) VALUES (NEW.person_id, NEW.effective_month);
  INSERT INTO ledger_marks (person_id, from_month)
    SELECT DISTINCT e.person_id, NEW.effective_month FROM entitlements e WHERE e.cared_person_id = NEW.person_id;
END;
-- A death or a move changes what is owed from its month on (the caregivers paid for the person too).
CREATE TRIGGER ledger_mark_death AFTER UPDATE OF death_date, moved_away_date ON people
  WHEN NEW.death_date IS NOT OLD.death_date OR NEW.moved_away_date IS NOT OLD.moved_away_date
BEGIN
  INSERT INTO ledger_marks (person_id, from_month)
    SELECT NEW.id, substr(MIN(COALESCE(OLD.death_date, '9999-12'), COALESCE(NEW.death_date, '9999-12'),
                              COALESCE(OLD.moved_away_date, '9999-12'), COALESCE(NEW.moved_away_date, '9999-12')), 1, 7);
  INSERT INTO ledger_marks (person_id, from_month)
    SELECT DISTINCT e.person_id, substr(MIN(COALESCE(OLD.death_date, '9999-12'), COALESCE(NEW.death_date, '9999-12'),
                                            COALESCE(OLD.moved_away_date, '9999-12'), COALESCE(NEW.moved_away_date, '9999-12')), 1, 7)
    FROM entitlements e WHERE e.cared_person_id = NEW.id;
END;
-- A birth date moves age bands anywhere in the window.
CREATE TRIGGER ledger_mark_birth AFTER UPDATE OF birth_date, birth_precision ON people
  WHEN NEW.birth_date IS NOT OLD.birth_date OR NEW.birth_precision IS NOT OLD.birth_precision
BEGIN
  INSERT INTO ledger_marks (person_id, from_month) VALUES (NEW.id, '0000-00');
  INSERT INTO ledger_marks (person_id, from_month)
    SELECT DISTINCT e.person_id, '0000-00' FROM entitlements e WHERE e.cared_person_id = NEW.id;
END;
-- A period moved: from the earlier of the old and new start (or end) on; a new cared person: everywhere.
CREATE TRIGGER ledger_mark_entitlement AFTER UPDATE OF start_month, end_month, cared_person_id ON entitlements BEGIN
  INSERT INTO ledger_marks (person_id, from_month) VALUES (NEW.person_id,
    CASE WHEN NEW.cared_person_id IS NOT OLD.cared_person_id THEN '0000-00'
         WHEN NEW.start_month IS NOT OLD.start_month THEN MIN(OLD.start_month, NEW.start_month)
         ELSE MIN(COALESCE(OLD.end_month, '9999-12'), COALESCE(NEW.end_month, '9999-12')) END);
END;
CREATE TRIGGER ledger_mark_level_insert AFTER INSERT ON standard_levels BEGIN
  INSERT INTO ledger_marks (person_id, from_month) VALUES (NULL, NEW.effective_from);
END;
CREATE TRIGGER ledger_mark_level_update AFTER UPDATE ON standard_levels BEGIN
  INSERT INTO ledger_marks (person_id, from_month) VALUES (NULL, MIN(OLD.effective_from, NEW.effective_from));
END;
CREATE TRIGGER ledger_mark_coefficient_insert AFTER INSERT ON group_coefficients BEGIN
  INSERT INTO ledger_marks (person_id, from_month) VALUES (NULL, NEW.effective_from);
END;
CREATE TRIGGER ledger_mark_coefficient_update AFTER UPDATE ON group_coefficients BEGIN
  INSERT INTO ledger_marks (person_id, from_month) VALUES (NULL, MIN(OLD.effective_from, NEW.effective_from));
END;

`);

    // Existing lines become the paid side once approved (approved ones first, then drafts, which are
    // mapped the same way so a draft approved without a rebuild still says what it pays).
    for (const status of ['approved', 'draft']) {
      db.prepare(
        `INSERT INTO payroll_line_months (line_id, payroll_id, person_id, component, entitlement_id, service_month, amount_vnd)
         SELECT l.id, l.payroll_id, l.person_id, ${COMPONENT_OF_PROGRAMME}, l.entitlement_id, pr.month, l.amount_vnd
         FROM payroll_lines l JOIN payrolls pr ON pr.id = l.payroll_id
         WHERE pr.status = ? AND l.kind IN ('regular','care')`,
      ).run(status);
      db.prepare(
        `INSERT INTO payroll_line_months (line_id, payroll_id, person_id, component, entitlement_id, service_month, amount_vnd)
         SELECT l.id, l.payroll_id, l.person_id, CASE l.kind WHEN 'funeral' THEN 'funeral' ELSE 'other' END, l.entitlement_id,
                COALESCE(oi.due_month, pr.month), l.amount_vnd
         FROM payroll_lines l JOIN payrolls pr ON pr.id = l.payroll_id LEFT JOIN one_off_items oi ON oi.id = l.one_off_item_id
         WHERE pr.status = ? AND l.kind IN ('arrears','funeral','other')`,
      ).run(status);
    }
    db.exec(`

-- Unpaid arrears of a grant: the ledger pays those months from the grant's start.
UPDATE one_off_items SET superseded = 1
WHERE kind = 'arrears'
  AND decision_id IN (SELECT id FROM decisions WHERE kind = 'grant')
  AND NOT EXISTS (SELECT 1 FROM payroll_lines l JOIN payrolls p ON p.id = l.payroll_id
                  WHERE l.one_off_item_id = one_off_items.id AND p.status = 'approved');
`);
    // Months an old arrears item (truy lĩnh) settled stay as that item settled them.
    db.exec(`
INSERT INTO ledger_opening (entitlement_id, from_month)
SELECT oi.entitlement_id, strftime('%Y-%m', MAX(oi.months_to) || '-01', '+1 month')
FROM one_off_items oi
WHERE oi.kind = 'arrears' AND oi.superseded = 0 AND oi.entitlement_id IS NOT NULL AND oi.months_to IS NOT NULL
GROUP BY oi.entitlement_id;
`);
    // The first build after the upgrade looks again at people whose months may now differ from what
    // was paid: grants whose old arrears are superseded, and register changes since the last approved build.
    db.exec(`
INSERT INTO ledger_marks (person_id, from_month)
SELECT DISTINCT person_id, COALESCE(months_from, '0000-00') FROM one_off_items WHERE superseded = 1;
`);
    const lastBuilt = (
      db
        .prepare(
          "SELECT MIN(b) AS at FROM (SELECT MAX(built_at) AS b FROM payrolls WHERE status = 'approved' GROUP BY programme_code)",
        )
        .get() as { at: string | null }
    ).at;
    if (lastBuilt) {
      db.prepare(
        `INSERT INTO ledger_marks (person_id, from_month)
         SELECT id, '0000-00' FROM people WHERE updated_at > ?
         UNION SELECT person_id, '0000-00' FROM decisions WHERE created_at > ?`,
      ).run(lastBuilt, lastBuilt);
    }
    // Guards last: the rows above are written into payrolls already approved.
    db.exec(`
-- Approved service-month rows are as immutable as their lines.
CREATE TRIGGER payroll_line_months_approved_no_insert BEFORE INSERT ON payroll_line_months
  WHEN (SELECT status FROM payrolls WHERE id = NEW.payroll_id) = 'approved'
  BEGIN SELECT RAISE(ABORT, 'PAYROLL_APPROVED_IMMUTABLE'); END;
CREATE TRIGGER payroll_line_months_approved_no_delete BEFORE DELETE ON payroll_line_months
  WHEN (SELECT status FROM payrolls WHERE id = OLD.payroll_id) = 'approved'
  BEGIN SELECT RAISE(ABORT, 'PAYROLL_APPROVED_IMMUTABLE'); END;
CREATE TRIGGER payroll_line_months_no_update BEFORE UPDATE ON payroll_line_months
  BEGIN SELECT RAISE(ABORT, 'PAYROLL_APPROVED_IMMUTABLE'); END;
CREATE TRIGGER payroll_ledger_open_approved_frozen BEFORE DELETE ON payroll_ledger_open
  WHEN (SELECT status FROM payrolls WHERE id = OLD.payroll_id) = 'approved'
  BEGIN SELECT RAISE(ABORT, 'PAYROLL_APPROVED_IMMUTABLE'); END;

-- Approval: no (person, component, service month) is paid twice: each row was computed against the
-- approved paid side, which must not have changed since.
CREATE TRIGGER payrolls_approve_ledger BEFORE UPDATE OF status ON payrolls
  WHEN NEW.status = 'approved' AND OLD.status = 'draft'
BEGIN
  SELECT RAISE(ABORT, 'LEDGER_MONTH_ALREADY_PAID') WHERE EXISTS (
    SELECT 1 FROM payroll_line_months r WHERE r.payroll_id = NEW.id AND r.component IN ('allowance','care','pension','ncc')
      AND r.paid_before_vnd <> COALESCE((
      SELECT SUM(m.amount_vnd) FROM payroll_line_months m JOIN payrolls p ON p.id = m.payroll_id
      WHERE m.person_id = r.person_id AND m.component = r.component AND m.service_month = r.service_month
        AND p.status = 'approved'), 0));
END;
`);
  },
};
