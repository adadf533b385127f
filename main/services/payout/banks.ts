import type { HandlerContext } from '../../api/context';
import type { Store } from '../../db/store';
import { ApiError } from '@shared/api/errors';
import type { BankView } from '@shared/api/payout';
import type { z } from 'zod';
import type { bankSchema } from '@shared/api/payout';
import { bankShortName } from '@shared/domain/payout';
import { allBanks, bankRow, bankWithBin, upsertBank, type BankRow } from './queries/banks';

// The configurable bank list (seeded in migration 002 with Agribank, Vietcombank, VietinBank, BIDV):
// NAPAS BIN and the account-number length rule per bank. Banks are never deleted (accounts point at
// them); an inactive bank is not offered for new accounts.

const toView = (b: BankRow): BankView => ({
  code: b.code,
  name: b.name,
  shortName: bankShortName(b),
  napasBin: b.napas_bin ?? '',
  lengthMin: b.account_length_min,
  lengthMax: b.account_length_max,
  active: b.active === 1,
  sortOrder: b.sort_order,
});

export function listBanks(store: Store): BankView[] {
  return allBanks(store).map(toView);
}

export function bankByCode(store: Store, code: string): BankView | undefined {
  const row = bankRow(store, code);
  return row ? toView(row) : undefined;
}

export function saveBank(ctx: HandlerContext, input: z.output<typeof bankSchema>): BankView[] {
  if (input.lengthMin > input.lengthMax) {
    throw new ApiError('INVALID_INPUT', 'Độ dài tối thiểu không được lớn hơn độ dài tối đa.', [
      { path: 'lengthMin', message: 'Độ dài tối thiểu không được lớn hơn độ dài tối đa.' },
    ]);
  }
  const before = bankRow(ctx.store, input.code);
  if (input.napasBin) {
    const other = bankWithBin(ctx.store, input.napasBin, input.code);
    if (other)
      throw new ApiError('CONFLICT', `Mã BIN ${input.napasBin} đã dùng cho ${other.name}.`, [
        { path: 'napasBin', message: `Mã BIN ${input.napasBin} đã dùng cho ${other.name}.` },
      ]);
  }
  const values = {
    code: input.code,
    name: input.name,
    napas_bin: input.napasBin || null,
    account_length_min: input.lengthMin,
    account_length_max: input.lengthMax,
    active: input.active ? 1 : 0,
    sort_order: input.sortOrder,
  };
  upsertBank(ctx.store, values);
  ctx.audit({
    action: before ? 'bank.update' : 'bank.create',
    entity: 'bank',
    entityId: input.code,
    before,
    after: values,
  });
  return listBanks(ctx.store);
}
