import type { Migration } from './types';
import { PEOPLE_DIGITS_SQL, PEOPLE_WORDS_SQL } from './004-search';

// Issue 14 (authorizations, import, counts):
//
// Receivers are people, not beneficiaries. An authorized relative is a person record of their own (their
// citizen ID is on the form); the register's default list, counts, exports and the backup summary must
// not count them. people.receiver_only = 1 for someone who receives for another and has no entitlement of
// their own; triggers keep it (every writer — services, the import, an undo of an import — without
// knowing), and people_search_walk carries it so the default list still walks the index alone.
export const RECEIVER_ONLY_SQL = (id: string): string =>
  `(EXISTS (SELECT 1 FROM authorizations WHERE receiver_person_id = ${id}) AND NOT EXISTS (SELECT 1 FROM entitlements WHERE person_id = ${id}))`;

const recompute = (id: string) =>
  `UPDATE people SET receiver_only = ${RECEIVER_ONLY_SQL(id)} WHERE id = ${id} AND receiver_only IS NOT ${RECEIVER_ONLY_SQL(id)};`;

export const receiversAndTerms: Migration = {
  version: 10,
  name: 'receivers are not beneficiaries; authorization terms and renewals; targets per period',
  up: (db) => {
    db.exec(`
ALTER TABLE people ADD COLUMN receiver_only INTEGER NOT NULL DEFAULT 0 CHECK (receiver_only IN (0, 1));
UPDATE people SET receiver_only = 1 WHERE ${RECEIVER_ONLY_SQL('people.id')};

CREATE TRIGGER people_receiver_auth_insert AFTER INSERT ON authorizations BEGIN
  ${recompute('NEW.receiver_person_id')}
END;
CREATE TRIGGER people_receiver_auth_delete AFTER DELETE ON authorizations BEGIN
  ${recompute('OLD.receiver_person_id')}
END;
CREATE TRIGGER people_receiver_auth_update AFTER UPDATE OF receiver_person_id ON authorizations
  WHEN NEW.receiver_person_id IS NOT OLD.receiver_person_id BEGIN
  ${recompute('OLD.receiver_person_id')}
  ${recompute('NEW.receiver_person_id')}
END;
CREATE TRIGGER people_receiver_ent_insert AFTER INSERT ON entitlements BEGIN
  ${recompute('NEW.person_id')}
END;
CREATE TRIGGER people_receiver_ent_delete AFTER DELETE ON entitlements BEGIN
  ${recompute('OLD.person_id')}
END;

-- Authorizations: a renewal names the one it continues; a term nobody stated (the old import's one year,
-- or a default the officer chose explicitly at import) says so, for the to-do list and the person's card.
ALTER TABLE authorizations ADD COLUMN renews_id INTEGER REFERENCES authorizations(id);
ALTER TABLE authorizations ADD COLUMN term_assumed INTEGER NOT NULL DEFAULT 0 CHECK (term_assumed IN (0, 1));
CREATE INDEX authorizations_renews ON authorizations(renews_id) WHERE renews_id IS NOT NULL;
UPDATE authorizations SET term_assumed = 1 WHERE scope_note = 'Thời hạn giả định 1 năm: tệp nhập không ghi thời hạn ủy quyền.';

DROP INDEX people_search_walk;
CREATE INDEX people_search_walk ON people (sort_key, id, ${PEOPLE_WORDS_SQL('search_key')}, ${PEOPLE_DIGITS_SQL('')}, neighbourhood_id, receiver_only);
`);
    // From now on an authorized account is paid only under a certified authorization. One an approved
    // payroll already paid into was accepted by the approver when approving it: recorded as certified on
    // that approval's day, saying so, so that those relatives are not switched to cash overnight. The
    // others (never paid through) wait for the approver's certification like new ones.
    db.exec(`
UPDATE authorizations SET
  certified_date = (SELECT substr(min(py.approved_at), 1, 10) FROM payroll_lines l JOIN payrolls py ON py.id = l.payroll_id
                    WHERE l.authorization_id = authorizations.id AND l.method = 'AUTHORIZED_ACCOUNT' AND py.status = 'approved' AND py.approved_at IS NOT NULL),
  certified_by = 'Ghi nhận khi nâng cấp: đã chi qua tài khoản này trong bảng chi trả đã duyệt'
WHERE certified_date IS NULL AND EXISTS (
  SELECT 1 FROM payroll_lines l JOIN payrolls py ON py.id = l.payroll_id
  WHERE l.authorization_id = authorizations.id AND l.method = 'AUTHORIZED_ACCOUNT' AND py.status = 'approved' AND py.approved_at IS NOT NULL);
`);
    // Targets per period: a programme's one target (a deadline, no period) becomes a list of targets with a
    // first month — the month it was set, or January of its deadline's year when earlier — so a 2024
    // target stops applying after 2024 (campaign/targets.ts reads the old shape the same way).
    const row = db.prepare("SELECT value_json FROM settings WHERE key = 'campaign.targets'").pluck().get() as
      string | undefined;
    if (row) {
      let value: unknown = null;
      try {
        value = JSON.parse(row);
      } catch {
        /* an unreadable setting is left as it is: the reader ignores it */
      }
      if (value && typeof value === 'object') {
        const out: Record<string, unknown[]> = {};
        for (const [programme, t] of Object.entries(value as Record<string, unknown>)) {
          const list = (Array.isArray(t) ? t : t ? [t] : []) as Array<Record<string, unknown>>;
          out[programme] = list.map((x) => {
            if (typeof x.startMonth === 'string' || typeof x.deadline !== 'string') return x;
            const january = `${x.deadline.slice(0, 4)}-01`;
            const set = typeof x.updatedAt === 'string' ? x.updatedAt.slice(0, 7) : january;
            return { ...x, startMonth: set < january ? set : january };
          });
        }
        db.prepare("UPDATE settings SET value_json = ? WHERE key = 'campaign.targets'").run(JSON.stringify(out));
      }
    }
  },
};
