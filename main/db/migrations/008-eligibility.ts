import type { Migration } from './types';

// Eligibility at the decision and care support that follows the cared person (issue 11):
// - decisions record the officer's reason where the law leaves the call to them (no birth date to check
//   an age band against), and for the social pension whether the household is on the poor / near-poor
//   list, and that list's year (70 to under 75 only for those households);
// - care-support groups get age bands on the CARED person's age, as families chosen month by month:
//   taking in a child with especially severe disability (CS-3, under 16) becomes the adult rate (CS-2)
//   at 16; a clause-1 child taken in is 2.5 under 4 (CS-4) and 1.5 from 4 to under 16 (CS-5), and the
//   elderly person of clause 5d taken in (also 1.5, formerly inside CS-5) gets its own band CS-5D from 60,
//   so existing CS-5 entitlements for elders resolve to CS-5D by age with the same amount, no data moved;
//   a parent raising a child under 36 months (CS-6, CS-7) ends when the child reaches 36 months.
export const eligibilitySchema: Migration = {
  version: 8,
  name: 'eligibility: officer reason and poor-household list on decisions; care-support age bands',
  up: (db) => {
    db.exec(`
ALTER TABLE decisions ADD COLUMN eligibility_reason TEXT NOT NULL DEFAULT '';
ALTER TABLE decisions ADD COLUMN household_poverty TEXT CHECK (household_poverty IN ('poor','near_poor'));
ALTER TABLE decisions ADD COLUMN household_list_year INTEGER;
CREATE INDEX IF NOT EXISTS entitlements_cared_person ON entitlements(cared_person_id) WHERE cared_person_id IS NOT NULL;
`);
    const order =
      (db.prepare("SELECT sort_order FROM allowance_groups WHERE code = 'CS-5'").pluck().get() as number | undefined) ??
      0;
    db.prepare('UPDATE allowance_groups SET sort_order = sort_order + 1 WHERE sort_order > ?').run(order);
    db.prepare(
      `INSERT INTO allowance_groups (code, programme_code, clause, label_vi, age_min, age_max, note, sort_order)
       VALUES ('CS-5D', 'BTXH_CARE', '20.2', 'Nhận chăm sóc, nuôi dưỡng người cao tuổi thuộc điểm d khoản 5 Điều 5', 60, NULL, '', ?)`,
    ).run(order + 1);
    db.prepare(
      "INSERT INTO group_coefficients (group_code, effective_from, coefficient_milli, basis) VALUES ('CS-5D', '2021-07', 1500, 'Nghị định 20/2021/NĐ-CP')",
    ).run();
    const band = db.prepare(
      'UPDATE allowance_groups SET family = ?, age_min = ?, age_max = ?, label_vi = COALESCE(?, label_vi) WHERE code = ?',
    );
    band.run('CS-KT', 16, null, null, 'CS-2');
    band.run('CS-KT', null, 16, null, 'CS-3');
    band.run('CS-NUOI', null, 4, null, 'CS-4');
    band.run('CS-NUOI', 4, 16, 'Nhận nuôi dưỡng trẻ em thuộc khoản 1 Điều 5 từ đủ 4 đến dưới 16 tuổi', 'CS-5');
    band.run('CS-NUOI', 60, null, null, 'CS-5D');
    band.run('CS-6', null, 3, null, 'CS-6');
    band.run('CS-7', null, 3, null, 'CS-7');
  },
};
