import type { Store } from '../../db/store';
import type { HandlerContext } from '../../api/context';
import { ApiError, type FieldIssue } from '@shared/api/errors';
import type { PersonFields } from '@shared/api/register';
import { validateCitizenId } from '@shared/domain/citizen-id';
import { birthYear, formatBirthDate, parseBirthDate, type BirthDate } from '@shared/domain/dates';
import { foldForSearch, nameSortKey, splitFullName } from '@shared/domain/text';
import {
  insertNeighbourhood,
  insertPerson,
  livingWithCitizenId,
  neighbourhoodByKey,
  personById,
  sameNameAndYear,
  updatePersonRow,
} from './queries/people';

// People: identity checks (citizen-id.md), duplicate detection, neighbourhoods. Hard problems refuse the
// write with the field named; likely problems come back as warnings, shown but never silently fixed.

export interface PersonChecks {
  errors: FieldIssue[];
  warnings: FieldIssue[];
  citizenId: string | null;
  legacyId: string | null;
}

interface Draft {
  fullName: string;
  birth: BirthDate | null;
  gender: 'male' | 'female' | null;
  citizenId: string;
  legacyId: string;
}

const describe = (p: { full_name: string; birth_date: string | null; birth_precision: string; address: string }) => {
  const birth = p.birth_date
    ? formatBirthDate({ precision: p.birth_precision === 'year' ? 'year' : 'day', value: p.birth_date })
    : 'chưa rõ năm sinh';
  return `${p.full_name} (sinh ${birth}${p.address ? `, ${p.address}` : ''})`;
};

/** Checks a person's identity fields against the rules and the register. Reads only. */
export function checkPerson(store: Store, draft: Draft, excludeId?: number): PersonChecks {
  const errors: FieldIssue[] = [];
  const warnings: FieldIssue[] = [];
  let citizenId: string | null = null;
  let legacyId: string | null = null;

  if (draft.citizenId.trim()) {
    const result = validateCitizenId(draft.citizenId, {
      birthYear: draft.birth ? birthYear(draft.birth) : undefined,
      gender: draft.gender ?? undefined,
    });
    errors.push(...result.errors.map((e) => ({ path: 'citizenId', message: e.message })));
    warnings.push(...result.warnings.map((w) => ({ path: 'citizenId', message: w.message })));
    if (result.ok) citizenId = result.normalized;
  }
  if (draft.legacyId.trim()) {
    const digits = draft.legacyId.replace(/[\s.-]/g, '');
    if (!/^\d{9}$/.test(digits)) errors.push({ path: 'legacyId', message: 'Số CMND cũ phải gồm đúng 9 chữ số.' });
    else legacyId = digits;
  }
  if (!citizenId && legacyId) {
    warnings.push({
      path: 'citizenId',
      message: 'Chỉ có số CMND cũ (hết giá trị từ 01/01/2025): cần bổ sung số định danh 12 số.',
    });
  } else if (!citizenId && !draft.citizenId.trim()) {
    warnings.push({
      path: 'citizenId',
      message: 'Chưa có số định danh cá nhân: cần bổ sung để kết nối dữ liệu dân cư (Đề án 06).',
    });
  }

  if (citizenId) {
    const other = livingWithCitizenId(store, citizenId, excludeId ?? -1);
    if (other)
      errors.push({
        path: 'citizenId',
        message: `Số định danh ${citizenId} đã có trong sổ: ${describe(other)}. Mỗi người chỉ có một hồ sơ.`,
      });
  }

  const folded = foldForSearch(draft.fullName);
  if (folded && draft.birth) {
    const year = birthYear(draft.birth);
    const same = sameNameAndYear(store, folded, year, excludeId ?? -1);
    for (const p of same) {
      if (citizenId && p.citizen_id === citizenId) continue; // already an error above
      warnings.push({
        path: 'fullName',
        message: `Có thể trùng người: ${describe(p)} cùng họ tên và năm sinh. Kiểm tra trước khi thêm.`,
      });
    }
  }
  return { errors, warnings, citizenId, legacyId };
}

export function draftFromFields(
  f: Pick<PersonFields, 'fullName' | 'birthDate' | 'gender' | 'citizenId' | 'legacyId'>,
): Draft {
  return { fullName: f.fullName, birth: f.birthDate, gender: f.gender, citizenId: f.citizenId, legacyId: f.legacyId };
}

/** For live checks while typing: the birth date may still be unparseable text. */
export function draftFromText(f: {
  fullName: string;
  birthDate: string;
  gender: 'male' | 'female' | null;
  citizenId: string;
  legacyId: string;
}): Draft {
  return { ...f, birth: parseBirthDate(f.birthDate) };
}

export function neighbourhoodId(store: Store, name: string): number | null {
  const clean = name.trim();
  if (!clean) return null;
  const key = foldForSearch(clean);
  return neighbourhoodByKey(store, key) ?? insertNeighbourhood(store, clean, key);
}

function refuse(errors: FieldIssue[], pathPrefix: string): never {
  const duplicate = errors.find((e) => e.message.includes('đã có trong sổ'));
  throw new ApiError(
    duplicate ? 'CONFLICT' : 'INVALID_INPUT',
    errors.map((e) => e.message).join(' '),
    prefixed(errors, pathPrefix),
  );
}

/** Issues named by their place in the channel's input ('person.new.citizenId'), as zod names its own. */
export function prefixed(issues: FieldIssue[], pathPrefix: string): FieldIssue[] {
  return issues.map((i) => ({ ...i, path: i.path ? `${pathPrefix}${i.path}` : i.path }));
}

function row(store: Store, f: PersonFields, checks: PersonChecks, now: string) {
  const name = splitFullName(f.fullName);
  return {
    full_name: name.full,
    family_name: name.family,
    middle_name: name.middle,
    given_name: name.given,
    search_key: foldForSearch(name.full),
    sort_key: nameSortKey(name),
    birth_date: f.birthDate?.value ?? null,
    birth_precision: f.birthDate?.precision ?? ('unknown' as const),
    birth_year: f.birthDate ? birthYear(f.birthDate) : null,
    gender: f.gender,
    citizen_id: checks.citizenId,
    legacy_id: checks.legacyId,
    id_issue_date: f.idIssueDate,
    id_issue_place: f.idIssuePlace || null,
    address: f.address,
    neighbourhood_id: neighbourhoodId(store, f.neighbourhood),
    phone: f.phone,
    note: f.note,
    updated_at: now,
  };
}

export function createPerson(
  ctx: HandlerContext,
  f: PersonFields,
  pathPrefix = '',
): { id: number; warnings: FieldIssue[] } {
  const checks = checkPerson(ctx.store, draftFromFields(f));
  if (checks.errors.length) refuse(checks.errors, pathPrefix);
  const now = ctx.now.toISOString();
  const values = { ...row(ctx.store, f, checks, now), created_at: now };
  const id = insertPerson(ctx.store, values);
  ctx.audit({ action: 'person.create', entity: 'person', entityId: id, personId: id, after: values });
  return { id, warnings: prefixed(checks.warnings, pathPrefix) };
}

export function updatePerson(
  ctx: HandlerContext,
  id: number,
  f: PersonFields,
  pathPrefix = '',
): { warnings: FieldIssue[] } {
  const before = personById(ctx.store, id);
  if (!before) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ này (có thể đã bị xoá).');
  const checks = checkPerson(ctx.store, draftFromFields(f), id);
  if (checks.errors.length) refuse(checks.errors, pathPrefix);
  const values = row(ctx.store, f, checks, ctx.now.toISOString());
  updatePersonRow(ctx.store, id, values);
  ctx.audit({ action: 'person.update', entity: 'person', entityId: id, personId: id, before, after: values });
  return { warnings: prefixed(checks.warnings, pathPrefix) };
}
