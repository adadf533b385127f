import type { Migration } from './types';

// The ward's own register of decisions (issue 16): since 1/7/2025 the ward chairman decides social
// assistance and the social pension, so the ward numbers its Quyết định per calendar year ("05/QĐ-UBND").
// A ward decision covers one or several of the register's decisions (enrollment, change, stop); once
// signed, its number and date are written back on those decisions. A number is never given twice in a
// year: UNIQUE(year, seq), numbers allocated inside the write transaction, and rows are never deleted nor
// renumbered (triggers), so max(seq) + 1 cannot fall back onto a number already handed out.
export const wardDecisions: Migration = {
  version: 13,
  name: 'ward decisions: per-year register of the Quyết định the ward signs',
  up: (db) => {
    db.exec(`
CREATE TABLE ward_decisions (
  id             INTEGER PRIMARY KEY,
  year           INTEGER NOT NULL CHECK (year BETWEEN 2000 AND 2999),
  seq            INTEGER NOT NULL CHECK (seq >= 1),
  symbol         TEXT NOT NULL,                 -- as printed on the draft: '05/QĐ-UBND'
  draft_date     TEXT NOT NULL,                 -- the date the draft carries
  programme_code TEXT NOT NULL REFERENCES programmes(code),
  kind           TEXT NOT NULL CHECK (kind IN ('grant','adjust','suspend','resume','stop')),
  subject        TEXT NOT NULL,                 -- trích yếu
  status         TEXT NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','signed')),
  signed_number  TEXT,
  signed_date    TEXT,
  signer         TEXT NOT NULL DEFAULT '',
  created_at     TEXT NOT NULL,
  created_by     INTEGER REFERENCES users(id),
  signed_at      TEXT,
  signed_by      INTEGER REFERENCES users(id),
  UNIQUE (year, seq),
  CHECK ((status = 'signed') = (signed_number IS NOT NULL AND signed_date IS NOT NULL))
);
CREATE INDEX ward_decisions_year ON ward_decisions(year, seq);

-- The register decisions a ward decision covers; a register decision belongs to one ward decision only.
CREATE TABLE ward_decision_items (
  ward_decision_id INTEGER NOT NULL REFERENCES ward_decisions(id),
  decision_id      INTEGER NOT NULL UNIQUE REFERENCES decisions(id),
  line_no          INTEGER NOT NULL CHECK (line_no >= 1),
  PRIMARY KEY (ward_decision_id, line_no)
);

CREATE TRIGGER ward_decisions_no_delete BEFORE DELETE ON ward_decisions BEGIN
  SELECT RAISE(ABORT, 'ward decisions are never deleted: their numbers must not be reused');
END;
CREATE TRIGGER ward_decisions_number_fixed BEFORE UPDATE OF year, seq, symbol ON ward_decisions BEGIN
  SELECT RAISE(ABORT, 'a ward decision keeps its number');
END;
CREATE TRIGGER ward_decisions_signed_fixed BEFORE UPDATE ON ward_decisions WHEN OLD.status = 'signed' BEGIN
  SELECT RAISE(ABORT, 'a signed ward decision is not changed');
END;
CREATE TRIGGER ward_decision_items_no_delete BEFORE DELETE ON ward_decision_items BEGIN
  SELECT RAISE(ABORT, 'a ward decision keeps the decisions it covers');
END;
`);
  },
};
