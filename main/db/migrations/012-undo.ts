import type { Migration } from './types';

// Undo of common mistakes (issue 15):
// - people remember the import that created them, so a whole import can be reverted while nothing
//   depends on it; an import row records when it was reverted (the row itself stays, as history);
// - a correction that reverses an earlier record names it: a 'resume' decision reversing the stop a
//   mistaken death entry wrote, a payout-method row reversing a mistaken change. The reversed record
//   stays (never deleted); reports skip a reversed pair.
// Existing imports are linked to the people they created by their shared timestamp (one transaction
// wrote the import row and its people with the same created_at).
export const undoSchema: Migration = {
  version: 12,
  name: 'undo: people linked to their import; reversing decisions and payout-method rows',
  up: (db) => {
    db.exec(`
ALTER TABLE people ADD COLUMN import_id INTEGER REFERENCES imports(id);
ALTER TABLE imports ADD COLUMN reverted_at TEXT;
ALTER TABLE imports ADD COLUMN reverted_by INTEGER REFERENCES users(id);
ALTER TABLE decisions ADD COLUMN reverses_decision_id INTEGER REFERENCES decisions(id);
ALTER TABLE payout_methods ADD COLUMN reverses_id INTEGER REFERENCES payout_methods(id);
CREATE INDEX people_import ON people(import_id) WHERE import_id IS NOT NULL;
CREATE INDEX decisions_reverses ON decisions(reverses_decision_id) WHERE reverses_decision_id IS NOT NULL;
CREATE INDEX payout_methods_reverses ON payout_methods(reverses_id) WHERE reverses_id IS NOT NULL;
UPDATE people SET import_id = (SELECT MIN(i.id) FROM imports i WHERE i.created_at = people.created_at)
  WHERE created_at IN (SELECT created_at FROM imports);
`);
  },
};
