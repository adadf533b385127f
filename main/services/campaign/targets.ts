import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import type { CampaignTarget } from '@shared/api/campaign';
import { PROGRAMME_CODES, type ProgrammeCode } from '@shared/api/register';
import { targetInForce, targetPeriod } from '@shared/domain/campaign';
import type { Month } from '@shared/domain/dates';
import { currentMonth } from '../clock';
import { saveSettingJson, settingJson } from '../settings-queries';
import { userNameRows } from './queries';

// The targets assigned to the ward per programme (by the city/province: "141 = 94% of the target of
// 150"): a number of people or a % of the programme's beneficiaries, for a period (issue 14): a year, or
// a campaign from a month to its deadline. The dashboard applies the target in force for the month shown
// (shared/domain/campaign.ts targetInForce), none when no period contains it. Kept in the settings table
// under one key (per programme, a list); set by the officer or the administrator, every change audited.

const KEY = 'campaign.targets';

interface StoredTarget {
  kind: 'count' | 'percent';
  value: number;
  startMonth: string;
  deadline: string;
  note: string;
  updatedAt: string;
  updatedById: number | null;
}

type Stored = Partial<Record<ProgrammeCode, StoredTarget[]>>;

const isTarget = (t: unknown): t is StoredTarget => {
  const x = t as Partial<StoredTarget> | null;
  return (
    !!x &&
    (x.kind === 'count' || x.kind === 'percent') &&
    Number.isInteger(x.value) &&
    typeof x.deadline === 'string' &&
    /^\d{4}-\d{2}-\d{2}$/.test(x.deadline)
  );
};

/**
 * Before issue 14 a programme had one target with a deadline and no period (migration 010 converts it):
 * read as a campaign from the month it was set, or January of its deadline's year when that is earlier.
 */
export function periodOfLegacy(t: { deadline: string; updatedAt?: string }): string {
  const january = `${t.deadline.slice(0, 4)}-01`;
  const set = typeof t.updatedAt === 'string' && /^\d{4}-\d{2}/.test(t.updatedAt) ? t.updatedAt.slice(0, 7) : january;
  return set < january ? set : january;
}

function readStored(store: Store): Stored {
  const json = settingJson(store, KEY);
  if (json === undefined) return {};
  let value: unknown;
  try {
    value = JSON.parse(json);
  } catch {
    return {};
  }
  if (!value || typeof value !== 'object') return {};
  const out: Stored = {};
  for (const programme of PROGRAMME_CODES) {
    const raw = (value as Record<string, unknown>)[programme];
    const list = Array.isArray(raw) ? raw : raw ? [raw] : [];
    const targets = list.filter(isTarget).map((t) => ({
      ...t,
      note: t.note ?? '',
      startMonth: typeof t.startMonth === 'string' ? t.startMonth : periodOfLegacy(t),
    }));
    if (targets.length) out[programme] = targets;
  }
  return out;
}

/** Every target of every programme, by programme then period. */
export function loadTargets(store: Store): CampaignTarget[] {
  const stored = readStored(store);
  const names = new Map(userNameRows(store).map((u) => [u.id, u.full_name]));
  return PROGRAMME_CODES.flatMap((programme) =>
    [...(stored[programme] ?? [])]
      .sort((a, b) => a.startMonth.localeCompare(b.startMonth) || a.deadline.localeCompare(b.deadline))
      .map((t) => ({
        programme,
        period:
          t.startMonth.endsWith('-01') && t.deadline === `${t.startMonth.slice(0, 4)}-12-31`
            ? ('year' as const)
            : ('campaign' as const),
        startMonth: t.startMonth,
        kind: t.kind,
        value: t.value,
        deadline: t.deadline,
        note: t.note,
        updatedAt: t.updatedAt,
        updatedBy: names.get(t.updatedById ?? -1) ?? '',
      })),
  );
}

/** Per programme, the target in force in `month` (none when no period contains it). */
export function targetsInForce(store: Store, month: Month): CampaignTarget[] {
  const all = loadTargets(store);
  return PROGRAMME_CODES.flatMap((p) => {
    const t = targetInForce(
      all.filter((x) => x.programme === p),
      month,
    );
    return t ? [t] : [];
  });
}

function write(ctx: HandlerContext, stored: Stored): void {
  saveSettingJson(ctx.store, KEY, JSON.stringify(stored), ctx.now.toISOString(), ctx.user.id);
}

/** Sets the programme's target for a period; a target of the same programme starting the same month is replaced. */
export function setTarget(
  ctx: HandlerContext,
  input: {
    programme: ProgrammeCode;
    kind: 'count' | 'percent';
    value: number;
    period: 'year' | 'campaign';
    year?: number | undefined;
    startMonth?: string | undefined;
    deadline?: string | undefined;
    note?: string | undefined;
  },
): CampaignTarget {
  const period = targetPeriod(
    input.period === 'year'
      ? { year: input.year, deadline: input.deadline }
      : { startMonth: input.startMonth, deadline: input.deadline },
  )!;
  const stored = readStored(ctx.store);
  const list = stored[input.programme] ?? [];
  const before = list.find((t) => t.startMonth === period.startMonth) ?? null;
  const after: StoredTarget = {
    kind: input.kind,
    value: input.value,
    ...period,
    note: input.note ?? '',
    updatedAt: ctx.now.toISOString(),
    updatedById: ctx.user.id,
  };
  stored[input.programme] = [...list.filter((t) => t !== before), after];
  write(ctx, stored);
  ctx.audit({
    action: 'campaign.target.set',
    entity: 'settings',
    entityId: `${KEY}.${input.programme}.${period.startMonth}`,
    before,
    after: {
      programme: input.programme,
      kind: input.kind,
      value: input.value,
      startMonth: period.startMonth,
      deadline: period.deadline,
      note: after.note,
    },
  });
  return loadTargets(ctx.store).find((t) => t.programme === input.programme && t.startMonth === period.startMonth)!;
}

export function clearTarget(ctx: HandlerContext, programme: ProgrammeCode, startMonth?: string): { cleared: boolean } {
  const stored = readStored(ctx.store);
  const list = stored[programme] ?? [];
  const before = startMonth
    ? (list.find((t) => t.startMonth === startMonth) ?? null)
    : targetInForce(list, currentMonth(ctx.now));
  stored[programme] = list.filter((t) => t !== before);
  write(ctx, stored);
  ctx.audit({
    action: 'campaign.target.clear',
    entity: 'settings',
    entityId: `${KEY}.${programme}${before ? `.${before.startMonth}` : ''}`,
    before,
    after: null,
  });
  return { cleared: before !== null };
}
