import type { Migration } from './types';

// Eligibility evidence (issue 16): the facts a group depends on, per person, with their source and
// validity (shared/domain/evidence.ts says which group needs which): the household on the yearly poor /
// near-poor list (level, the list's year; valid to 31/12 of that year), a disability certificate (level,
// issue date, issuer; a re-assessment date when there is one), student status (school, valid until).
// A fact is never deleted: a wrong one is corrected, one that stops holding is ended (day and reason).
export const eligibilityEvidence: Migration = {
  version: 16,
  name: 'eligibility evidence per person',
  up: (db) => {
    db.exec(`
CREATE TABLE eligibility_evidence (
  id           INTEGER PRIMARY KEY,
  person_id    INTEGER NOT NULL REFERENCES people(id),
  kind         TEXT NOT NULL CHECK (kind IN ('household','disability','student')),
  level        TEXT NOT NULL DEFAULT '' CHECK (
                 (kind = 'household' AND level IN ('poor','near_poor','none')) OR
                 (kind = 'disability' AND level IN ('especially_severe','severe','mild')) OR
                 (kind = 'student' AND level = '')),
  list_year    INTEGER CHECK ((kind = 'household') = (list_year IS NOT NULL)),
  issuer       TEXT NOT NULL DEFAULT '',        -- who approved the list, issued the certificate; the school
  document_no  TEXT NOT NULL DEFAULT '',
  issued_date  TEXT,                            -- 'YYYY-MM-DD'
  valid_until  TEXT,                            -- last day it holds; NULL: no end known (a certificate)
  note         TEXT NOT NULL DEFAULT '',
  ended_date   TEXT,                            -- ended by the officer from this day
  end_reason   TEXT NOT NULL DEFAULT '',
  recorded_at  TEXT NOT NULL,
  recorded_by  INTEGER REFERENCES users(id),
  CHECK (kind <> 'student' OR valid_until IS NOT NULL)
);
CREATE INDEX eligibility_evidence_person ON eligibility_evidence(person_id, kind);
CREATE INDEX eligibility_evidence_valid_until ON eligibility_evidence(valid_until) WHERE ended_date IS NULL AND valid_until IS NOT NULL;
`);
  },
};
