import type { Migration } from './types';

// The receiving office (Đơn vị tổng hợp, issue 17): wards' province exports as received, never a ward's
// register. One row per ward; one per export folder received (the whole history: a corrected export for
// the same month is a new row, and the newest export holding a report is the one that counts); one per
// report's data file of an export. An export is known by the SHA-256 of its manifest.json, so receiving
// the same folder twice finds it and changes nothing.
export const receivingSchema: Migration = {
  version: 18,
  name: 'receiving office: wards, received exports, their report data',
  up: (db) => {
    db.exec(`
CREATE TABLE receiving_wards (
  code          TEXT PRIMARY KEY CHECK (length(code) = 5 AND code NOT GLOB '*[^0-9]*'),
  name          TEXT NOT NULL,
  province      TEXT NOT NULL DEFAULT '',
  added_at      TEXT NOT NULL
);
CREATE TABLE received_exports (
  id              INTEGER PRIMARY KEY,
  ward_code       TEXT NOT NULL REFERENCES receiving_wards(code),
  month           TEXT NOT NULL,                -- 'YYYY-MM': the export's report month
  period_from     TEXT NOT NULL,
  year_from       TEXT NOT NULL,
  manifest_sha256 TEXT NOT NULL UNIQUE,
  folder_name     TEXT NOT NULL,
  created_at      TEXT NOT NULL,                -- the ward's moment of export (manifest.createdAt)
  created_by      TEXT NOT NULL DEFAULT '',
  app_version     TEXT NOT NULL DEFAULT '',
  data_version    INTEGER NOT NULL,
  encrypted       INTEGER NOT NULL CHECK (encrypted IN (0, 1)),
  anchor_seq      INTEGER,                      -- the ward register's audit anchor at export
  anchor_hash     TEXT,
  reports_json    TEXT NOT NULL,                -- report kinds held
  files           INTEGER NOT NULL,
  bytes           INTEGER NOT NULL,
  received_at     TEXT NOT NULL,
  received_by     INTEGER REFERENCES users(id)
);
CREATE INDEX received_exports_ward_month ON received_exports(ward_code, month, created_at);
CREATE INDEX received_exports_month ON received_exports(month);
CREATE TABLE received_report_data (
  export_id   INTEGER NOT NULL REFERENCES received_exports(id),
  report      TEXT NOT NULL CHECK (report IN ('noncash','changes','form10a','form10c','form10d')),
  ward_code   TEXT NOT NULL,
  month       TEXT NOT NULL,
  created_at  TEXT NOT NULL,
  data_json   TEXT NOT NULL,
  PRIMARY KEY (export_id, report)
);
CREATE INDEX received_report_data_current ON received_report_data(month, report, ward_code, created_at);
`);
  },
};
