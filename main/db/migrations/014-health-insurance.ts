import type { Migration } from './types';

// Health-insurance (BHYT) cards of the register's people (issue 16). A person may hold several cards over
// time (a new card each period, a new number after a change of group): one row per card, the card in use
// is the one with the latest valid_from. The number is kept as printed: the 15-character code (2 letters
// of the insured group, 1 digit of the benefit level, 2 digits of the province, the 10-digit social
// insurance number) or, on cards issued since 2021, the 10-digit social insurance number alone
// (shared/domain/health-insurance.ts checks both). people.health_insurance_no mirrors the card in use.
export const healthInsurance: Migration = {
  version: 14,
  name: 'health insurance: cards per person',
  up: (db) => {
    db.exec(`
CREATE TABLE health_insurance_cards (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES people(id),
  card_number  TEXT NOT NULL CHECK (length(card_number) IN (10, 15)),
  bhxh_number  TEXT NOT NULL CHECK (length(bhxh_number) = 10 AND bhxh_number NOT GLOB '*[^0-9]*'),
  valid_from   TEXT NOT NULL,                   -- 'YYYY-MM-DD'
  valid_to     TEXT NOT NULL,
  source       TEXT NOT NULL CHECK (source IN ('state','other')),   -- paid by the state budget for this register's programmes, or another group
  note         TEXT NOT NULL DEFAULT '',
  recorded_at  TEXT NOT NULL,
  recorded_by  INTEGER REFERENCES users(id),
  CHECK (valid_to >= valid_from)
);
CREATE INDEX health_insurance_cards_person ON health_insurance_cards(person_id, valid_from);
CREATE INDEX health_insurance_cards_valid_to ON health_insurance_cards(valid_to);
`);
  },
};
