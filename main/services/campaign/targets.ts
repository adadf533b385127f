import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import type { CampaignTarget } from '../../../shared/api/campaign';
import { PROGRAMME_CODES, type ProgrammeCode } from '../../../shared/api/register';

// The target assigned to the ward per programme (by the city/province: "141 = 94% of the target of
// 150"): a number of people or a % of the programme's beneficiaries, with a deadline. Kept in the
// settings table under one key; set by the officer or the administrator, every change audited.

const KEY = 'campaign.targets';

type Stored = Partial<Record<ProgrammeCode, Omit<CampaignTarget, 'programme' | 'updatedBy'> & { updatedById: number | null }>>;

function readStored(store: Store): Stored {
  const row = store.prepare('SELECT value_json FROM settings WHERE key = ?').get(KEY) as { value_json: string } | undefined;
  if (!row) return {};
  try {
    const value = JSON.parse(row.value_json) as unknown;
    return value && typeof value === 'object' ? (value as Stored) : {};
  } catch {
    return {};
  }
}

export function loadTargets(store: Store): CampaignTarget[] {
  const stored = readStored(store);
  const names = new Map(
    (store.prepare('SELECT id, full_name FROM users').all() as Array<{ id: number; full_name: string }>).map((u) => [u.id, u.full_name]),
  );
  return PROGRAMME_CODES.flatMap((programme) => {
    const t = stored[programme];
    if (!t || (t.kind !== 'count' && t.kind !== 'percent') || !Number.isInteger(t.value)) return [];
    return [{ programme, kind: t.kind, value: t.value, deadline: t.deadline, note: t.note ?? '', updatedAt: t.updatedAt, updatedBy: names.get(t.updatedById ?? -1) ?? '' }];
  });
}

function write(ctx: HandlerContext, stored: Stored): void {
  const at = ctx.now.toISOString();
  ctx.store
    .prepare(
      `INSERT INTO settings (key, value_json, updated_at, updated_by) VALUES (?, ?, ?, ?)
       ON CONFLICT(key) DO UPDATE SET value_json = excluded.value_json, updated_at = excluded.updated_at, updated_by = excluded.updated_by`,
    )
    .run(KEY, JSON.stringify(stored), at, ctx.user.id);
}

export function setTarget(
  ctx: HandlerContext,
  input: { programme: ProgrammeCode; kind: 'count' | 'percent'; value: number; deadline: string; note?: string | undefined },
): CampaignTarget {
  const stored = readStored(ctx.store);
  const before = stored[input.programme] ?? null;
  const after = { kind: input.kind, value: input.value, deadline: input.deadline, note: input.note ?? '', updatedAt: ctx.now.toISOString(), updatedById: ctx.user.id };
  stored[input.programme] = after;
  write(ctx, stored);
  ctx.audit({
    action: 'campaign.target.set',
    entity: 'settings',
    entityId: `${KEY}.${input.programme}`,
    before,
    after: { programme: input.programme, kind: input.kind, value: input.value, deadline: input.deadline, note: after.note },
  });
  return loadTargets(ctx.store).find((t) => t.programme === input.programme)!;
}

export function clearTarget(ctx: HandlerContext, programme: ProgrammeCode): { cleared: boolean } {
  const stored = readStored(ctx.store);
  const before = stored[programme] ?? null;
  delete stored[programme];
  write(ctx, stored);
  ctx.audit({ action: 'campaign.target.clear', entity: 'settings', entityId: `${KEY}.${programme}`, before, after: null });
  return { cleared: before !== null };
}
