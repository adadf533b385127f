import type { Migration } from './types';

// Three things the ward's own documents need (issue 16):
// - A draft Quyết định can be voided (wrong people, wrong kind) before it is signed. Its number stays
//   used, since numbers are never reused in a year; the register decisions it covered are released so a
//   new draft can take them. ward_decision_items is rebuilt because "one ward decision per register
//   decision" must now hold only for items not released (a partial unique index), and SQLite cannot drop
//   an inline UNIQUE.
// - The deputy chairman may sign instead of the chairman ("KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"): the draft
//   records who will sign, so the draft and the signed record agree.
// - The office's names as they were on a date: each save of the office settings starts a period
//   (valid_from), so a document reprinted after a reorganisation carries the names in force on its date.
// - One-off items decided by another body (the Sở Nội vụ's funeral and one-time allowances on the death of
//   a người có công) carry that decision's number, date and issuer, and the payee's relationship; one
//   decision's item of a kind is recorded once per person.
export const wardDocuments: Migration = {
  version: 15,
  name: 'ward documents: voided drafts, deputy signer, office names over time, decided one-off items',
  up: (db) => {
    db.exec(`
ALTER TABLE ward_decisions ADD COLUMN signer_role TEXT NOT NULL DEFAULT 'chairman' CHECK (signer_role IN ('chairman','deputy'));
ALTER TABLE ward_decisions ADD COLUMN voided_at TEXT;
ALTER TABLE ward_decisions ADD COLUMN voided_by INTEGER REFERENCES users(id);
ALTER TABLE ward_decisions ADD COLUMN void_reason TEXT;

-- A voided draft is kept as it was; it cannot be signed, edited or voided again.
CREATE TRIGGER ward_decisions_voided_fixed BEFORE UPDATE ON ward_decisions WHEN OLD.voided_at IS NOT NULL BEGIN
  SELECT RAISE(ABORT, 'a voided ward decision is not changed');
END;
CREATE TRIGGER ward_decisions_void_only_drafts BEFORE UPDATE OF voided_at ON ward_decisions
  WHEN NEW.voided_at IS NOT NULL AND OLD.status <> 'draft' BEGIN
  SELECT RAISE(ABORT, 'only a draft ward decision can be voided');
END;

DROP TRIGGER ward_decision_items_no_delete;
CREATE TABLE ward_decision_items_new (
  ward_decision_id INTEGER NOT NULL REFERENCES ward_decisions(id),
  decision_id      INTEGER NOT NULL REFERENCES decisions(id),
  line_no          INTEGER NOT NULL CHECK (line_no >= 1),
  released         INTEGER NOT NULL DEFAULT 0 CHECK (released IN (0, 1)),
  PRIMARY KEY (ward_decision_id, line_no)
);
INSERT INTO ward_decision_items_new (ward_decision_id, decision_id, line_no)
  SELECT ward_decision_id, decision_id, line_no FROM ward_decision_items;
DROP TABLE ward_decision_items;
ALTER TABLE ward_decision_items_new RENAME TO ward_decision_items;
CREATE UNIQUE INDEX ward_decision_items_held ON ward_decision_items(decision_id) WHERE released = 0;
CREATE INDEX ward_decision_items_decision ON ward_decision_items(decision_id);

CREATE TRIGGER ward_decision_items_no_delete BEFORE DELETE ON ward_decision_items BEGIN
  SELECT RAISE(ABORT, 'a ward decision keeps the decisions it covers');
END;
-- The only change an item takes: released, once, when its ward decision is voided.
CREATE TRIGGER ward_decision_items_release_only BEFORE UPDATE ON ward_decision_items
  WHEN NEW.ward_decision_id IS NOT OLD.ward_decision_id OR NEW.decision_id IS NOT OLD.decision_id
    OR NEW.line_no IS NOT OLD.line_no OR NOT (OLD.released = 0 AND NEW.released = 1)
    OR (SELECT voided_at FROM ward_decisions WHERE id = OLD.ward_decision_id) IS NULL BEGIN
  SELECT RAISE(ABORT, 'a ward decision item is only released when its draft is voided');
END;

CREATE TABLE office_names_history (
  id          INTEGER PRIMARY KEY,
  valid_from  TEXT NOT NULL,                 -- 'YYYY-MM-DD': the names apply to documents dated from here
  value_json  TEXT NOT NULL,                 -- the office settings as saved
  recorded_at TEXT NOT NULL,
  recorded_by INTEGER REFERENCES users(id)
);
CREATE INDEX office_names_history_from ON office_names_history(valid_from, id);
CREATE TRIGGER office_names_history_no_delete BEFORE DELETE ON office_names_history BEGIN
  SELECT RAISE(ABORT, 'the office names history is kept');
END;
CREATE TRIGGER office_names_history_no_update BEFORE UPDATE ON office_names_history BEGIN
  SELECT RAISE(ABORT, 'the office names history is kept');
END;
ALTER TABLE one_off_items ADD COLUMN decided_number TEXT NOT NULL DEFAULT '';
ALTER TABLE one_off_items ADD COLUMN decided_date TEXT;
ALTER TABLE one_off_items ADD COLUMN decided_by TEXT NOT NULL DEFAULT '';
ALTER TABLE one_off_items ADD COLUMN payee_relationship TEXT NOT NULL DEFAULT '';
CREATE UNIQUE INDEX one_off_items_decided ON one_off_items(person_id, kind, decided_number)
  WHERE decided_number <> '' AND superseded = 0;

-- The names saved so far apply to every earlier document: nothing older is known.
INSERT INTO office_names_history (valid_from, value_json, recorded_at, recorded_by)
  SELECT '1900-01-01', value_json, updated_at, updated_by FROM settings WHERE key = 'office';
`);
  },
};
