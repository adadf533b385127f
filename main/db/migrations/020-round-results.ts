import type { Migration } from './types';

// Payment results of one-off rounds (issue 16, "results and reconciliation as for the payroll"). Each
// answer about a round line is one row of round_payment_attempts, never changed or deleted: paid, failed
// at the bank (with its reason) or not collected in cash, with the day it happened, where it came from
// (recorded by hand, the signed list, or a bank result file by its SHA-256) and who recorded it. A line's
// status is its latest attempt's ('pending' without one). Round lines themselves stay immutable
// (migration 019), so the history lives beside them. Guards in the spirit of migration 006: a line is
// paid at most once, nothing is recorded after a payment, and only an approved round's lines take results.
export const roundResults: Migration = {
  version: 20,
  name: 'one-off rounds: payment results per line, with history',
  up: (db) => {
    db.exec(`
CREATE TABLE round_payment_attempts (
  id            INTEGER PRIMARY KEY,
  round_line_id INTEGER NOT NULL REFERENCES round_lines(id),
  attempt_no    INTEGER NOT NULL CHECK (attempt_no >= 1),
  status        TEXT NOT NULL CHECK (status IN ('paid','failed','not_collected')),
  on_date       TEXT NOT NULL CHECK (on_date GLOB '[0-9][0-9][0-9][0-9]-[0-9][0-9]-[0-9][0-9]'),
  reason        TEXT NOT NULL DEFAULT '',
  reference     TEXT NOT NULL DEFAULT '',
  source        TEXT NOT NULL CHECK (source <> ''), -- 'manual', 'cash-list' or 'sha256:<file>'
  recorded_at   TEXT NOT NULL,
  recorded_by   INTEGER REFERENCES users(id),
  CHECK (status <> 'failed' OR length(reason) > 0),
  UNIQUE (round_line_id, attempt_no)
);
-- The latest attempt of a line is found by (line, attempt_no DESC); a file's attempts by source.
CREATE INDEX round_payment_attempts_source ON round_payment_attempts(source);

-- A line is paid at most once.
CREATE UNIQUE INDEX round_payment_attempts_one_paid ON round_payment_attempts(round_line_id) WHERE status = 'paid';

-- Only the lines of an approved round are paid (a draft can still be rebuilt).
CREATE TRIGGER round_payment_attempts_approved_only BEFORE INSERT ON round_payment_attempts
  WHEN (SELECT r.status FROM round_lines l JOIN rounds r ON r.id = l.round_id WHERE l.id = NEW.round_line_id) IS NOT 'approved'
  BEGIN SELECT RAISE(ABORT, 'ROUND_NOT_APPROVED'); END;
-- A paid line stays paid: no answer is recorded after the payment.
CREATE TRIGGER round_payment_attempts_paid_final BEFORE INSERT ON round_payment_attempts
  WHEN EXISTS (SELECT 1 FROM round_payment_attempts WHERE round_line_id = NEW.round_line_id AND status = 'paid')
  BEGIN SELECT RAISE(ABORT, 'LINE_ALREADY_PAID'); END;
-- Attempts follow one another: each is the line's next number.
CREATE TRIGGER round_payment_attempts_next_no BEFORE INSERT ON round_payment_attempts
  WHEN NEW.attempt_no <> 1 + coalesce((SELECT max(attempt_no) FROM round_payment_attempts WHERE round_line_id = NEW.round_line_id), 0)
  BEGIN SELECT RAISE(ABORT, 'ATTEMPT_OUT_OF_ORDER'); END;
-- The history is kept as written.
CREATE TRIGGER round_payment_attempts_no_update BEFORE UPDATE ON round_payment_attempts
  BEGIN SELECT RAISE(ABORT, 'ROUND_RESULT_HISTORY_FIXED'); END;
CREATE TRIGGER round_payment_attempts_no_delete BEFORE DELETE ON round_payment_attempts
  BEGIN SELECT RAISE(ABORT, 'ROUND_RESULT_HISTORY_FIXED'); END;
`);
  },
};
