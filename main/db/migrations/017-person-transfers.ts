import type { Migration } from './types';

// A person's transfer between wards (issue 16, "hồ sơ"). One row per transfer the register took part in:
// 'out' when the person moved away from this ward (the move-out itself is people.moved_away_date and the
// stop decisions); 'in' when this ward imported another ward's transfer file. The file's own history
// (the previous ward's entitlements, decisions, payout methods, authorizations and money) is kept as the
// verified payload, read-only: it is history of another ward, never this ward's entitlements, so it
// can create nothing owed here (the receiving ward pays from its own decision).
export const personTransfers: Migration = {
  version: 17,
  name: 'person transfers between wards',
  up: (db) => {
    db.exec(`
CREATE TABLE person_transfers (
  id              INTEGER PRIMARY KEY,
  person_id       INTEGER NOT NULL REFERENCES people(id),
  direction       TEXT NOT NULL CHECK (direction IN ('out','in')),
  other_unit      TEXT NOT NULL,                -- the ward moved to ('out') or from ('in')
  moved_date      TEXT NOT NULL,                -- 'YYYY-MM-DD'
  decision_number TEXT NOT NULL DEFAULT '',     -- 'out': the stop decision's number
  schema_version  INTEGER,                      -- 'in': the transfer file's format version
  payload_sha256  TEXT,                         -- 'in': SHA-256 of the file's canonical payload
  key_fingerprint TEXT,                         -- 'in': the signing key's fingerprint
  payload_json    TEXT,                         -- 'in': the verified payload (the previous ward's history)
  created_at      TEXT NOT NULL,
  created_by      INTEGER REFERENCES users(id)
);
CREATE INDEX person_transfers_person ON person_transfers(person_id, direction);
`);
  },
};
