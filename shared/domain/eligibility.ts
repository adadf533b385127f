import { ageRuleAt, bandLabel, type AgeAt, type GroupInfo } from './allowance';
import { addMonths, ageInYearsAtMonthEnd, formatMonthVi, type BirthDate, type Month } from './dates';

// Eligibility at the decision (allowances.md): what the rules forbid is refused with a message naming
// the rule; where the law leaves it to the officer (the record cannot show the age), the decision is
// accepted only with the officer's recorded reason. Pure: the service passes the rows it loaded.

/** The social pension exists from 1/7/2025 (Social Insurance Law 2024, Decree 176/2025). */
export const SOCIAL_PENSION_FROM: Month = '2025-07';
export const SOCIAL_PENSION_AGE = 75;
/** 70 to under 75 only for people in a poor or near-poor household. */
export const SOCIAL_PENSION_AGE_POOR = 70;
const PENSION_LAW = 'Điều 21 Luật Bảo hiểm xã hội 2024, Nghị định 176/2025/NĐ-CP';

/** Care-support groups whose cared person may be absent: a pregnant woman has no child yet (Art. 20(1b)). */
export const CARE_GROUPS_WITHOUT_CARED = new Set(['CS-1', 'CS-6', 'CS-7']);

export type Household = 'poor' | 'near_poor';

export interface EligibilityInput {
  programme: string;
  /** The group recorded on the decision (coefficient programmes), with its age family. */
  group: (GroupInfo & { label: string }) | null;
  family: readonly GroupInfo[];
  effectiveMonth: Month;
  /** Birth of the person whose age the group depends on: the beneficiary, or for care support the cared person. */
  birth: BirthDate | null;
  /** Care support: whether a cared person is named. */
  caredNamed: boolean;
  household: Household | null;
  officerReason: string;
}

export interface EligibilityIssue {
  path: string;
  message: string;
}

export interface EligibilityOutcome {
  /** What the rules forbid: the decision is refused. */
  refusals: EligibilityIssue[];
  /** What the rules cannot settle from the record: accepted only with the officer's reason. */
  needsReason: EligibilityIssue | null;
}

export function ageAtMonth(birth: BirthDate, month: Month): AgeAt {
  return { end: ageInYearsAtMonthEnd(birth, month), prev: ageInYearsAtMonthEnd(birth, addMonths(month, -1)) };
}

/** The family's bands merged where they meet: 1A + 1B → "dưới 16 tuổi"; CS-4/5/5D → "dưới 16 tuổi hoặc từ đủ 60 tuổi". */
export function familyBandLabel(family: readonly GroupInfo[]): string {
  const banded = family
    .filter((g) => g.ageMin !== null || g.ageMax !== null)
    .map((g) => ({ ageMin: g.ageMin ?? 0, ageMax: g.ageMax }));
  banded.sort((a, b) => a.ageMin - b.ageMin);
  const merged: Array<{ ageMin: number; ageMax: number | null }> = [];
  for (const b of banded) {
    const last = merged[merged.length - 1];
    if (last && last.ageMax !== null && last.ageMax >= b.ageMin)
      last.ageMax = b.ageMax === null ? null : Math.max(last.ageMax, b.ageMax);
    else merged.push({ ...b });
  }
  return merged.map((b) => bandLabel({ ageMin: b.ageMin === 0 ? null : b.ageMin, ageMax: b.ageMax })).join(' hoặc ');
}

const ageLimited = (family: readonly GroupInfo[]) =>
  family.some((g) => g.ageMin !== null || g.ageMax !== null) &&
  !family.some((g) => g.ageMin === null && g.ageMax === null);

/** '5.7' → "khoản 7 Điều 5 Nghị định 20/2021/NĐ-CP"; '5.5a' → "điểm a khoản 5 Điều 5 …". */
export function clauseCitation(clause: string): string {
  const m = /^5\.(\d+)([a-z]?)$/.exec(clause);
  if (!m) return 'Điều 5 Nghị định 20/2021/NĐ-CP';
  return `${m[2] ? `điểm ${m[2]} ` : ''}khoản ${m[1]} Điều 5 Nghị định 20/2021/NĐ-CP`;
}

export function checkEligibility(input: EligibilityInput): EligibilityOutcome {
  const refusals: EligibilityIssue[] = [];
  let needsReason: EligibilityIssue | null = null;
  const at = formatMonthVi(input.effectiveMonth);
  const reasonPath = 'decision.eligibilityReason';

  if (input.programme === 'HTXH') {
    if (input.effectiveMonth < SOCIAL_PENSION_FROM) {
      refusals.push({
        path: 'decision.effectiveMonth',
        message: `Trợ cấp hưu trí xã hội chỉ có từ tháng ${formatMonthVi(SOCIAL_PENSION_FROM)} (${PENSION_LAW}): không thể hưởng từ tháng ${at}.`,
      });
    } else if (!input.birth) {
      needsReason = {
        path: reasonPath,
        message: `Hồ sơ chưa có ngày sinh nên không xác định được tuổi hưởng trợ cấp hưu trí xã hội (từ đủ ${SOCIAL_PENSION_AGE} tuổi, hoặc từ đủ ${SOCIAL_PENSION_AGE_POOR} tuổi nếu thuộc hộ nghèo, hộ cận nghèo): ghi căn cứ cán bộ đã xác định đủ tuổi.`,
      };
    } else {
      const age = ageInYearsAtMonthEnd(input.birth, input.effectiveMonth);
      if (age < SOCIAL_PENSION_AGE_POOR) {
        refusals.push({
          path: 'decision.effectiveMonth',
          message: `Chưa đủ tuổi hưởng trợ cấp hưu trí xã hội: ${age} tuổi tại tháng ${at}; cần từ đủ ${SOCIAL_PENSION_AGE} tuổi, hoặc từ đủ ${SOCIAL_PENSION_AGE_POOR} tuổi nếu thuộc hộ nghèo, hộ cận nghèo (${PENSION_LAW}).`,
        });
      } else if (age < SOCIAL_PENSION_AGE && !input.household) {
        refusals.push({
          path: 'decision.household',
          message: `${age} tuổi tại tháng ${at}: trợ cấp hưu trí xã hội từ đủ ${SOCIAL_PENSION_AGE_POOR} đến dưới ${SOCIAL_PENSION_AGE} tuổi chỉ dành cho người thuộc hộ nghèo, hộ cận nghèo (${PENSION_LAW}). Đánh dấu hộ nghèo/cận nghèo và năm của danh sách, hoặc cho hưởng từ tháng đủ ${SOCIAL_PENSION_AGE} tuổi.`,
        });
      }
    }
    // No pension or monthly social-insurance allowance above the level: the register does not hold
    // pensions (paid by the social-insurance agency), so the officer records how it was verified.
    if (!refusals.length) {
      const pension = `Trợ cấp hưu trí xã hội chỉ dành cho người không hưởng lương hưu, trợ cấp bảo hiểm xã hội hằng tháng, hoặc có hưởng nhưng thấp hơn mức trợ cấp hưu trí xã hội (${PENSION_LAW}); sổ không có thông tin này: ghi căn cứ cán bộ đã xác minh (ví dụ: xác nhận của cơ quan bảo hiểm xã hội).`;
      needsReason = { path: reasonPath, message: needsReason ? `${needsReason.message} ${pension}` : pension };
    }
    return { refusals, needsReason };
  }

  const group = input.group;
  if (!group || !ageLimited(input.family.length ? input.family : [group])) return { refusals, needsReason };
  const care = input.programme === 'BTXH_CARE';
  const rule = care ? 'Điều 20 Nghị định 20/2021/NĐ-CP' : clauseCitation(group.clause);
  const band = familyBandLabel(input.family.length ? input.family : [group]);
  if (care && !input.caredNamed) {
    if (!CARE_GROUPS_WITHOUT_CARED.has(group.code)) {
      refusals.push({
        path: 'caredPersonId',
        message: `Nhóm ${group.code} (${group.label}) tính theo tuổi của người được chăm sóc, nuôi dưỡng (${band}): chọn người được chăm sóc trong sổ.`,
      });
    }
    return { refusals, needsReason };
  }
  const who = care ? 'Người được chăm sóc, nuôi dưỡng' : 'Người hưởng';
  if (!input.birth) {
    needsReason = {
      path: reasonPath,
      message: `${who} chưa có ngày sinh trong hồ sơ nên không kiểm tra được độ tuổi của nhóm ${group.code} (${band}, ${rule}): ghi căn cứ cán bộ đã xác định đủ điều kiện.`,
    };
    return { refusals, needsReason };
  }
  const age = ageAtMonth(input.birth, input.effectiveMonth);
  const ageRule = ageRuleAt(group, input.family, age);
  // Past the family's bands (ended), or below them (the monthly rule tolerates that only for old records).
  if (!ageRule.inForce || ageRule.belowBand) {
    refusals.push({
      path: 'groupCode',
      message: `Không đủ điều kiện tuổi của nhóm ${group.code} – ${group.label} (${band}, ${rule}): ${who.toLowerCase()} ${age.end} tuổi tại tháng ${at}.`,
    });
  }
  return { refusals, needsReason };
}
