import type { Migration } from './types';

// The register (issue 3): age-dependent group families, per-term multiplier and category label, the
// people's current-state summary used by search filters and lists, and import records.

// Groups whose member is chosen by age each month: a child turning 4 moves 1A → 1B by itself.
const FAMILIES: Array<[family: string, codes: string[]]> = [
  ['BTXH-1', ['BTXH-1A', 'BTXH-1B']],
  ['BTXH-3', ['BTXH-3A', 'BTXH-3B']],
  ['BTXH-5A', ['BTXH-5A1', 'BTXH-5A2']],
  ['BTXH-6DBN', ['BTXH-6A', 'BTXH-6B']],
  ['BTXH-6N', ['BTXH-6C', 'BTXH-6D']],
];

export const registerSchema: Migration = {
  version: 3,
  name: 'register: group families, term details, register summary, imports',
  up: (db) => {
    db.exec(`
ALTER TABLE allowance_groups ADD COLUMN family TEXT NOT NULL DEFAULT '';
-- Children raised (single poor parent, clause 4: 1.0 per child); 1 elsewhere.
ALTER TABLE entitlement_terms ADD COLUMN multiplier INTEGER NOT NULL DEFAULT 1 CHECK (multiplier >= 1);
-- Meritorious-service category as written on the provincial decision ("Thương binh 61%").
ALTER TABLE entitlement_terms ADD COLUMN category_label TEXT NOT NULL DEFAULT '';
ALTER TABLE entitlement_terms ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN entitlement_id INTEGER REFERENCES entitlements(id);
ALTER TABLE one_off_items ADD COLUMN payee_name TEXT NOT NULL DEFAULT '';
ALTER TABLE one_off_items ADD COLUMN months_from TEXT;
ALTER TABLE one_off_items ADD COLUMN months_to TEXT;
CREATE INDEX entitlement_terms_entitlement ON entitlement_terms(entitlement_id, effective_from);
CREATE INDEX decisions_entitlement ON decisions(entitlement_id);

-- Each person's state in the current month, kept by the services that change it (and refreshed for
-- everyone when the month turns, for age transitions). Lists, filters and search read it.
CREATE TABLE register_summary (
  person_id       INTEGER PRIMARY KEY REFERENCES people(id),
  as_of_month     TEXT NOT NULL,
  status          TEXT NOT NULL CHECK (status IN ('active','suspended','stopped','deceased','none')),
  programmes      TEXT NOT NULL DEFAULT '',   -- ',BTXH,NCC,' (comma-wrapped for exact LIKE filters)
  group_codes     TEXT NOT NULL DEFAULT '',   -- ',BTXH-5C,'
  method          TEXT,                       -- payout method in force
  monthly_vnd     INTEGER NOT NULL DEFAULT 0
);
CREATE INDEX register_summary_status ON register_summary(status);

CREATE TABLE imports (
  id            INTEGER PRIMARY KEY,
  file_name     TEXT NOT NULL,
  file_sha256   TEXT NOT NULL,
  as_of_month   TEXT NOT NULL,
  added         INTEGER NOT NULL,
  skipped       INTEGER NOT NULL,
  created_at    TEXT NOT NULL,
  created_by    INTEGER REFERENCES users(id)
);
`);
    const setFamily = db.prepare('UPDATE allowance_groups SET family = ? WHERE code = ?');
    db.prepare('UPDATE allowance_groups SET family = code').run();
    for (const [family, codes] of FAMILIES) for (const code of codes) setFamily.run(family, code);
  },
};
