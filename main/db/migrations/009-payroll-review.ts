import type { Migration } from './types';

// Approval as a workflow (issue 14). A draft payroll is reviewed in a state of its own beside `status`
// (which stays 'draft' | 'approved', so every guard of migrations 001, 006 and 007 keeps working):
//   draft → submitted (the officer rebuilt and froze it for review) → approved
//                     ↘ returned (the approver sent it back with a comment) → rebuilt → draft → submitted …
// At submission the payroll records where the audit log and the ledger marks stood (submitted_audit_seq,
// submitted_ledger_seq): every write is audited, so what was written after that point is exactly what
// may have changed its inputs. Existing drafts stay drafts; approved payrolls keep their approval.
export const payrollReviewSchema: Migration = {
  version: 9,
  name: 'payroll review: submitted / returned with a comment, the input fingerprint at submission',
  up: (db) => {
    db.exec(`
ALTER TABLE payrolls ADD COLUMN review_state TEXT NOT NULL DEFAULT 'draft' CHECK (review_state IN ('draft','submitted','returned'));
ALTER TABLE payrolls ADD COLUMN submitted_at TEXT;
ALTER TABLE payrolls ADD COLUMN submitted_by INTEGER REFERENCES users(id);
ALTER TABLE payrolls ADD COLUMN submitted_audit_seq INTEGER;
ALTER TABLE payrolls ADD COLUMN submitted_ledger_seq INTEGER;
ALTER TABLE payrolls ADD COLUMN returned_at TEXT;
ALTER TABLE payrolls ADD COLUMN returned_by INTEGER REFERENCES users(id);
ALTER TABLE payrolls ADD COLUMN return_comment TEXT;
CREATE INDEX payrolls_review ON payrolls(review_state) WHERE status = 'draft';
-- Việc cần làm counts the lines waiting for a carry-over decision on every visit: a small partial index
-- instead of a scan of every payroll line of every month.
CREATE INDEX payroll_lines_undecided ON payroll_lines(payroll_id) WHERE status IN ('failed', 'not_collected');

-- A rebuild (any write of built_at) changes what was reviewed: the payroll goes back to draft (the return comment stays, so the
-- officer still sees what to fix).
CREATE TRIGGER payrolls_rebuild_unsubmits AFTER UPDATE OF built_at ON payrolls
  WHEN NEW.status = 'draft' AND NEW.review_state <> 'draft'
BEGIN
  UPDATE payrolls SET review_state = 'draft' WHERE id = NEW.id;
END;
`);
  },
};
