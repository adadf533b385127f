import type { Migration } from './types';

// The monthly payroll (issue 6), extending the payroll tables of 001: the rest of each line's snapshot
// (birth, group label, amount components, the method registered before any fallback, the account and
// receiver used, a description), the programme of a one-off item that names no entitlement (a
// correction), and guards in the database itself so nothing is paid twice whatever the caller.

export const payrollSchema: Migration = {
  version: 6,
  name: 'payroll: line snapshots, one-off programme, no double payment',
  up: (db) => {
    db.exec(`
ALTER TABLE payroll_lines ADD COLUMN line_no INTEGER NOT NULL DEFAULT 0;
ALTER TABLE payroll_lines ADD COLUMN birth_date TEXT;
ALTER TABLE payroll_lines ADD COLUMN group_label TEXT NOT NULL DEFAULT '';
-- [{kind,label,amountVnd}]: the recorded components (NCC) or the one coefficient × standard amount.
ALTER TABLE payroll_lines ADD COLUMN components_json TEXT CHECK (components_json IS NULL OR json_valid(components_json));
ALTER TABLE payroll_lines ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE payroll_lines ADD COLUMN registered_method TEXT;
ALTER TABLE payroll_lines ADD COLUMN bank_account_id INTEGER REFERENCES bank_accounts(id);
ALTER TABLE payroll_lines ADD COLUMN branch TEXT;
ALTER TABLE payroll_lines ADD COLUMN receiver_person_id INTEGER REFERENCES people(id);
-- Folded name, citizen ID, account and neighbourhood, for the lines list's search.
ALTER TABLE payroll_lines ADD COLUMN search_key TEXT NOT NULL DEFAULT '';
CREATE INDEX payroll_lines_carried_from ON payroll_lines(carried_from_line_id) WHERE carried_from_line_id IS NOT NULL;
CREATE INDEX payroll_lines_one_off ON payroll_lines(one_off_item_id) WHERE one_off_item_id IS NOT NULL;
CREATE INDEX payrolls_month ON payrolls(month, programme_code);

ALTER TABLE payrolls ADD COLUMN attention_count INTEGER NOT NULL DEFAULT 0;

-- A one-off item that names no entitlement (a correction after approval) says which payroll it joins.
ALTER TABLE one_off_items ADD COLUMN programme_code TEXT REFERENCES programmes(code);

-- A line is paid at most once.
CREATE UNIQUE INDEX payment_attempts_one_paid ON payment_attempts(payroll_line_id) WHERE status = 'paid';

-- Only the lines of an approved payroll are sent or paid.
CREATE TRIGGER payment_attempts_approved_only BEFORE INSERT ON payment_attempts
  WHEN (SELECT p.status FROM payroll_lines l JOIN payrolls p ON p.id = l.payroll_id WHERE l.id = NEW.payroll_line_id) IS NOT 'approved'
  BEGIN SELECT RAISE(ABORT, 'PAYROLL_NOT_APPROVED'); END;
-- A line carried into a later approved payroll is paid there, never again at its origin.
CREATE TRIGGER payment_attempts_not_carried BEFORE INSERT ON payment_attempts
  WHEN EXISTS (SELECT 1 FROM payroll_lines c JOIN payrolls p ON p.id = c.payroll_id
               WHERE c.carried_from_line_id = NEW.payroll_line_id AND p.status = 'approved')
  BEGIN SELECT RAISE(ABORT, 'LINE_CARRIED_OVER'); END;
-- A paid line stays paid.
CREATE TRIGGER payroll_lines_paid_final BEFORE UPDATE OF status ON payroll_lines
  WHEN OLD.status = 'paid' AND NEW.status IS NOT 'paid'
  BEGIN SELECT RAISE(ABORT, 'LINE_ALREADY_PAID'); END;
-- Approval: no line carried over, and no one-off item, is in two approved payrolls.
CREATE TRIGGER payrolls_approve_once_per_item BEFORE UPDATE OF status ON payrolls
  WHEN NEW.status = 'approved' AND OLD.status = 'draft' AND (
    EXISTS (SELECT 1 FROM payroll_lines a
            JOIN payroll_lines b ON b.carried_from_line_id = a.carried_from_line_id AND b.payroll_id <> a.payroll_id
            JOIN payrolls q ON q.id = b.payroll_id AND q.status = 'approved'
            WHERE a.payroll_id = NEW.id AND a.carried_from_line_id IS NOT NULL)
    OR EXISTS (SELECT 1 FROM payroll_lines a
            JOIN payroll_lines b ON b.one_off_item_id = a.one_off_item_id AND b.payroll_id <> a.payroll_id
            JOIN payrolls q ON q.id = b.payroll_id AND q.status = 'approved'
            WHERE a.payroll_id = NEW.id AND a.one_off_item_id IS NOT NULL))
  BEGIN SELECT RAISE(ABORT, 'PAYROLL_ITEM_ALREADY_APPROVED'); END;
`);
  },
};
