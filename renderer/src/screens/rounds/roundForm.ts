import type { ChannelInput } from '@shared/api/contract';
import { createRoundSchema } from '@shared/api/rounds';
import { parseVnd } from '@shared/domain/money';
import type { ProgrammeCode } from '@shared/api/register';
import { schemaErrors } from '../../components/schemaErrors';

// The "Lập đợt chi mới" form's values as typed, how they become rounds.create's input, and its fields:
// rounds.create's input paths, so main's issues and the local check (the contract's own schema) land on
// the same field.

export interface RuleDraft {
  /** Stable across removals (React key, element ids); the rule's place in the list is its index. */
  key: number;
  label: string;
  programme: string;
  groups: string[];
  categories: string[];
  amount: string;
}

export interface RoundForm {
  name: string;
  basisNumber: string;
  basisDate: string;
  basisIssuer: string;
  roundDate: string;
  rules: RuleDraft[];
}

type RuleKey = 'label' | 'programme' | 'groups' | 'categories' | 'amountVnd';
export type RuleField = `rules.${number}.${RuleKey}`;
export type RoundField = Exclude<keyof RoundForm, 'rules'> | 'rules' | RuleField;

export const emptyRule = (key: number): RuleDraft => ({
  key,
  label: '',
  programme: 'NCC',
  groups: [],
  categories: [],
  amount: '',
});

export const emptyRound = (): RoundForm => ({
  name: '',
  basisNumber: '',
  basisDate: '',
  basisIssuer: '',
  roundDate: '',
  rules: [emptyRule(1)],
});

export const ruleField = (index: number, key: RuleKey): RuleField => `rules.${index}.${key}`;

const TOP = new Set(['name', 'basisNumber', 'basisDate', 'basisIssuer', 'roundDate', 'rules']);
const RULE_PATH = /^rules\.(\d+)\.(label|programme|groups|categories|amountVnd)(\.|$)/;

/** rounds.create's input path → the form's field ('rules.0.categories.2' → the rule's categories). */
export function roundFieldOf(path: string): RoundField | undefined {
  const rule = RULE_PATH.exec(path);
  if (rule) return ruleField(Number(rule[1]), rule[2] as RuleKey);
  return TOP.has(path) ? (path as RoundField) : undefined;
}

export const AMOUNT_MESSAGE = 'Mức quà: nhập số tiền (đồng), ví dụ 600.000.';

/** The amount as typed ('600.000', '600000 đ'), or null when it is not a sum of money above 0. */
const amountOf = (text: string): number | null => {
  const vnd = parseVnd(text);
  return vnd !== null && vnd > 0 ? vnd : null;
};

/** The input rounds.create takes (an amount not understood goes as 0; the local check names it first). */
export function toRoundInput(form: RoundForm): ChannelInput<'rounds.create'> {
  return {
    name: form.name,
    basisNumber: form.basisNumber,
    basisDate: form.basisDate,
    basisIssuer: form.basisIssuer,
    roundDate: form.roundDate,
    rules: form.rules.map((r) => ({
      label: r.label,
      programme: r.programme as ProgrammeCode,
      groups: r.groups,
      categories: r.categories,
      amountVnd: amountOf(r.amount) ?? 0,
    })),
  };
}

/** What main would refuse, by field, in its own words; an amount not understood says how to write one. */
export function localRoundErrors(form: RoundForm): Partial<Record<RoundField, string>> {
  const errors = schemaErrors(createRoundSchema, toRoundInput(form), roundFieldOf);
  form.rules.forEach((r, i) => {
    if (amountOf(r.amount) === null) errors[ruleField(i, 'amountVnd')] = AMOUNT_MESSAGE;
  });
  return errors;
}
