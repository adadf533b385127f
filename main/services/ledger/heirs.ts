import type { z } from 'zod';
import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import type { HeirView, nameHeirSchema } from '@shared/api/ledger';
import { foldForSearch } from '@shared/domain/text';
import { heirOf } from './person';
import { bankLengthRule, insertHeir, markPerson, ownsAccount, personBasics } from './queries/person';

// Money owed to someone who has died goes to the heir (người thừa kế / người lo mai táng) the officer
// names with the paper that proves it: in cash at the ward, or to the heir's OWN account. Never to the
// deceased's account, never under an authorization (it ended with the death).

const invalid = (path: string, message: string): never => {
  throw new ApiError('INVALID_INPUT', message, [{ path, message }]);
};

export function nameHeir(ctx: HandlerContext, input: z.output<typeof nameHeirSchema>): HeirView {
  const { store } = ctx;
  const person = personBasics(store, input.personId);
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ người này.');
  if (!person.death_date)
    invalid('personId', `${person.full_name} chưa được ghi nhận từ trần: chỉ xác định người thừa kế cho người đã mất.`);
  if (input.paperDate < person.death_date!) invalid('paperDate', 'Ngày giấy tờ chứng minh không được trước ngày mất.');
  let bankCode: string | null = null;
  let accountNumber: string | null = null;
  let holderName: string | null = null;
  if (input.method === 'OWN_ACCOUNT') {
    if (!input.bankCode) invalid('bankCode', 'Chọn ngân hàng của người thừa kế.');
    const bank = bankLengthRule(store, input.bankCode!);
    if (!bank) invalid('bankCode', 'Ngân hàng không có trong danh sách.');
    if (!input.accountNumber) invalid('accountNumber', 'Nhập số tài khoản của người thừa kế.');
    if (input.accountNumber!.length < bank!.min || input.accountNumber!.length > bank!.max)
      invalid(
        'accountNumber',
        `Số tài khoản của ngân hàng này có ${bank!.min === bank!.max ? bank!.min : `${bank!.min}–${bank!.max}`} chữ số.`,
      );
    holderName = input.holderName || input.fullName;
    // The heir's own account: the holder is the heir, and never the deceased.
    if (foldForSearch(holderName) !== foldForSearch(input.fullName))
      invalid('holderName', 'Chủ tài khoản phải là chính người thừa kế.');
    if (ownsAccount(store, person.id, input.accountNumber!, input.bankCode!))
      invalid('accountNumber', 'Đây là tài khoản của người đã mất: không chi vào tài khoản này.');
    bankCode = input.bankCode!;
    accountNumber = input.accountNumber!;
  }
  if (foldForSearch(input.fullName) === foldForSearch(person.full_name))
    invalid('fullName', 'Người thừa kế không thể là chính người đã mất.');
  const before = heirOf(store, person.id);
  const id = insertHeir(store, {
    person_id: person.id,
    full_name: input.fullName,
    relationship: input.relationship,
    citizen_id: input.citizenId ?? '',
    paper_kind: input.paperKind,
    paper_number: input.paperNumber,
    paper_date: input.paperDate,
    method: input.method,
    bank_code: bankCode,
    branch: input.method === 'OWN_ACCOUNT' ? (input.branch ?? '') : null,
    account_number: accountNumber,
    holder_name: holderName,
    note: input.note ?? '',
    created_at: ctx.now.toISOString(),
    created_by: ctx.user.id,
  });
  // The next build looks at this person's months again (held money becomes payable).
  markPerson(store, person.id);
  ctx.audit({
    action: 'ledger.heir.name',
    entity: 'ledger_heir',
    entityId: id,
    personId: person.id,
    before: before ? { heirId: before.id, fullName: before.fullName } : null,
    after: {
      fullName: input.fullName,
      relationship: input.relationship,
      paper: `${input.paperKind} ${input.paperNumber} ${input.paperDate}`,
      method: input.method,
    },
  });
  return heirOf(store, person.id)!;
}
