import Database from 'better-sqlite3';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { migrate } from '../../main/db/migrate';
import { tempDir } from '../support/temp';

// Migration 015 on a register written under 014: the ward decisions and the people they cover survive the
// rebuild of ward_decision_items, one draft per register decision still holds for items not released, and
// the office names saved so far become the first period of the names' history.

let cleanup: () => void;
let db: Database.Database;
beforeEach(() => {
  const temp = tempDir();
  cleanup = temp.cleanup;
  db = new Database(join(temp.dir, 'm.sqlite'));
  db.pragma('foreign_keys = ON');
});
afterEach(() => {
  db.close();
  cleanup();
});

const NOW = '2026-11-15T02:00:00Z';
const OFFICE = JSON.stringify({ unitName: 'UBND phường Đức Nghĩa', chairmanName: 'Trương Văn Ánh' });

describe('015 ward documents', () => {
  it('keeps every ward decision and item, holds one draft per decision, and starts the names history from the saved names', () => {
    migrate(db, { appVersion: 'test', target: 14 });
    db.prepare("INSERT INTO settings (key, value_json, updated_at) VALUES ('office', ?, ?)").run(OFFICE, NOW);
    const person = Number(
      db
        .prepare(
          "INSERT INTO people (full_name, given_name, search_key, sort_key, created_at, updated_at) VALUES ('Nguyễn Thị Hoa', 'Hoa', '', '', ?, ?)",
        )
        .run(NOW, NOW).lastInsertRowid,
    );
    const decision = (month: string) =>
      Number(
        db
          .prepare(
            "INSERT INTO decisions (person_id, programme_code, kind, number, effective_month, created_at) VALUES (?, 'BTXH', 'grant', 'x', ?, ?)",
          )
          .run(person, month, NOW).lastInsertRowid,
      );
    const [d1, d2] = [decision('2026-10'), decision('2026-11')];
    const ward = Number(
      db
        .prepare(
          "INSERT INTO ward_decisions (year, seq, symbol, draft_date, programme_code, kind, subject, created_at) VALUES (2026, 1, '01/QĐ-UBND', '2026-11-13', 'BTXH', 'grant', 's', ?)",
        )
        .run(NOW).lastInsertRowid,
    );
    db.prepare(
      'INSERT INTO ward_decision_items (ward_decision_id, decision_id, line_no) VALUES (?, ?, 1), (?, ?, 2)',
    ).run(ward, d1, ward, d2);

    expect(migrate(db, { appVersion: 'test', target: 15 })).toBe(15);
    expect(
      db
        .prepare('SELECT ward_decision_id, decision_id, line_no, released FROM ward_decision_items ORDER BY line_no')
        .all(),
    ).toEqual([
      { ward_decision_id: ward, decision_id: d1, line_no: 1, released: 0 },
      { ward_decision_id: ward, decision_id: d2, line_no: 2, released: 0 },
    ]);
    expect(db.prepare('SELECT signer_role, voided_at FROM ward_decisions').get()).toEqual({
      signer_role: 'chairman',
      voided_at: null,
    });
    expect(db.prepare('SELECT valid_from, value_json, recorded_at FROM office_names_history').all()).toEqual([
      { valid_from: '1900-01-01', value_json: OFFICE, recorded_at: NOW },
    ]);

    // A second draft cannot take a held decision; once the first is voided and its items released, it can.
    const second = Number(
      db
        .prepare(
          "INSERT INTO ward_decisions (year, seq, symbol, draft_date, programme_code, kind, subject, created_at) VALUES (2026, 2, '02/QĐ-UBND', '2026-11-14', 'BTXH', 'grant', 's', ?)",
        )
        .run(NOW).lastInsertRowid,
    );
    const take = () =>
      db
        .prepare('INSERT INTO ward_decision_items (ward_decision_id, decision_id, line_no) VALUES (?, ?, 1)')
        .run(second, d1);
    expect(take).toThrow(/UNIQUE/);
    expect(() =>
      db.prepare('UPDATE ward_decision_items SET released = 1 WHERE ward_decision_id = ?').run(ward),
    ).toThrow(/released/);
    db.prepare("UPDATE ward_decisions SET voided_at = ?, void_reason = 'nhầm' WHERE id = ?").run(NOW, ward);
    db.prepare('UPDATE ward_decision_items SET released = 1 WHERE ward_decision_id = ?').run(ward);
    take();
    expect(() =>
      db
        .prepare(
          "UPDATE ward_decisions SET status = 'signed', signed_number = '1', signed_date = '2026-11-20' WHERE id = ?",
        )
        .run(ward),
    ).toThrow(/voided/);
    expect(() => db.prepare('DELETE FROM office_names_history').run()).toThrow(/kept/);
  });

  it('a register with no office names yet starts an empty history', () => {
    migrate(db, { appVersion: 'test', target: 15 });
    expect(db.prepare('SELECT count(*) FROM office_names_history').pluck().get()).toBe(0);
  });
});
