import type { Selectable } from 'kysely';
import { qb, type Store } from '../../../db/store';
import type {
  AllowanceGroupsTable,
  GroupCoefficientsTable,
  NeighbourhoodsTable,
  ProgrammesTable,
  StandardLevelsTable,
} from '../../../db/schema';
import type { ProgrammeCode } from '@shared/api/register';

// The register's reference tables (issue 13): groups, coefficients, standard levels, programmes and
// neighbourhoods, read by loadReference (on every amount computed: statements cached by the Store).

export type GroupRow = Pick<
  Selectable<AllowanceGroupsTable>,
  'code' | 'programme_code' | 'clause' | 'family' | 'age_min' | 'age_max' | 'label_vi'
>;

/** The allowance groups in the office's order. */
export function allowanceGroups(store: Store): GroupRow[] {
  return store
    .prepare(
      'SELECT code, programme_code, clause, family, age_min, age_max, label_vi FROM allowance_groups ORDER BY sort_order',
    )
    .all() as GroupRow[];
}

export type CoefficientRow = Pick<
  Selectable<GroupCoefficientsTable>,
  'group_code' | 'effective_from' | 'coefficient_milli'
>;

export function groupCoefficients(store: Store): CoefficientRow[] {
  return store
    .prepare('SELECT group_code, effective_from, coefficient_milli FROM group_coefficients')
    .all() as CoefficientRow[];
}

export type StandardLevelRow = Pick<
  Selectable<StandardLevelsTable>,
  'programme_code' | 'scope' | 'effective_from' | 'amount_vnd'
>;

export function standardLevels(store: Store): StandardLevelRow[] {
  return store
    .prepare('SELECT programme_code, scope, effective_from, amount_vnd FROM standard_levels')
    .all() as StandardLevelRow[];
}

export type ProgrammeRow = Selectable<ProgrammesTable>;

/** Each programme's amount rule (coefficient of the standard level, or recorded components). */
export function programmeAmountRules(store: Store): Array<Pick<ProgrammeRow, 'code' | 'amount_rule'>> {
  return store.prepare('SELECT code, amount_rule FROM programmes').all() as Array<
    Pick<ProgrammeRow, 'code' | 'amount_rule'>
  >;
}

export interface ProgrammeForForms extends Pick<ProgrammeRow, 'name_vi' | 'amount_rule'> {
  code: ProgrammeCode;
}

/** The programmes in the office's order, for forms. */
export function programmesInOrder(store: Store): ProgrammeForForms[] {
  return store
    .prepare('SELECT code, name_vi, amount_rule FROM programmes ORDER BY sort_order')
    .all() as ProgrammeForForms[];
}

/** The neighbourhoods in use, by name. */
export function activeNeighbourhoods(store: Store): Array<Pick<Selectable<NeighbourhoodsTable>, 'id' | 'name'>> {
  return store.prepare('SELECT id, name FROM neighbourhoods WHERE active = 1 ORDER BY name').all() as Array<
    Pick<Selectable<NeighbourhoodsTable>, 'id' | 'name'>
  >;
}

/** A province standard level already starts in this month for the programme. */
export function provinceLevelExists(store: Store, programme: string, month: string): boolean {
  return (
    store
      .prepare("SELECT 1 FROM standard_levels WHERE programme_code = ? AND scope = 'province' AND effective_from = ?")
      .get(programme, month) !== undefined
  );
}

export type NewProvinceLevel = Pick<
  Selectable<StandardLevelsTable>,
  'programme_code' | 'scope' | 'effective_from' | 'amount_vnd' | 'basis' | 'label'
>;

export function insertStandardLevel(store: Store, values: NewProvinceLevel): void {
  store.run(qb.insertInto('standard_levels').values(values));
}
