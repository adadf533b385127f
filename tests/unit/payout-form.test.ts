import { describe, expect, it } from 'vitest';
import type { PayoutView } from '@shared/api/payout';
import { changeMethodSchema } from '@shared/api/payout';
import {
  emptyChange,
  fieldOfPath,
  localChangeErrors,
  toChangeInput,
  type ChangeForm,
} from '../../renderer/src/screens/register/payout/changeForm';

// The "Đổi hình thức nhận" form: what it sends passes the channel's schema, its local checks use the same
// rules as main, and every issue path main can return lands on a field of the form (never lost).

const VIEW = {
  personId: 7,
  fullName: 'Nguyễn Văn Ơn',
  enrolledFrom: '2026-01',
  lockedThrough: '2026-10',
  inForce: { month: '2026-11' },
  accounts: [],
  authorizations: [],
} as unknown as PayoutView;
const BANKS = [
  {
    code: 'AGRIBANK',
    name: 'Ngân hàng Nông nghiệp (Agribank)',
    shortName: 'Agribank',
    napasBin: '970405',
    lengthMin: 13,
    lengthMax: 13,
    active: true,
    sortOrder: 1,
  },
];

const filled = (patch: Partial<ChangeForm>): ChangeForm => ({
  ...emptyChange(VIEW),
  method: 'AUTHORIZED_ACCOUNT',
  rFullName: 'Trần Thị Hường',
  rBirthDate: '12/05/1975',
  rGender: 'female',
  rCitizenId: '001175012345',
  rIdIssueDate: '10/10/2021',
  rIdIssuePlace: 'Cục Cảnh sát QLHC về TTXH',
  relationship: 'Con gái',
  bankCode: 'AGRIBANK',
  accountNumber: '9704051234567',
  holderName: 'TRAN THI HUONG',
  ...patch,
});

describe('the change dialog form', () => {
  it('starts at the first month after the last approved payroll, the term on its first day', () => {
    const f = emptyChange(VIEW);
    expect(f.effectiveMonth).toBe('11/2026');
    expect(f.validFrom).toBe('01/11/2026');
    expect(emptyChange({ ...VIEW, lockedThrough: '2026-11' } as PayoutView).effectiveMonth).toBe('12/2026');
  });

  it('a complete authorized-account form has no local errors and its input passes the channel schema', () => {
    const f = filled({});
    expect(localChangeErrors(f, VIEW, BANKS)).toEqual({});
    const parsed = changeMethodSchema.safeParse(toChangeInput(f, VIEW.personId));
    expect(parsed.success).toBe(true);
    expect(parsed.data?.authorization?.new?.validTo).toBeNull();
  });

  it('checks as typed: holder name, account length, citizen ID, month', () => {
    const e = localChangeErrors(
      filled({
        holderName: 'NGUYEN VAN ON',
        accountNumber: '123',
        rCitizenId: '999175012345',
        effectiveMonth: '10/2026',
      }),
      VIEW,
      BANKS,
    );
    expect(e.holderName).toContain('không khớp tên người được ủy quyền «Trần Thị Hường»');
    expect(e.accountNumber).toContain('đúng 13 chữ số');
    expect(e.rCitizenId).toContain('Mã tỉnh 999');
    expect(e.effectiveMonth).toContain('đã có bảng chi trả được phê duyệt');
    const own = localChangeErrors(
      {
        ...emptyChange(VIEW),
        method: 'OWN_ACCOUNT',
        bankCode: 'AGRIBANK',
        accountNumber: '1234567890123',
        holderName: 'nguyen van on',
      },
      VIEW,
      BANKS,
    );
    expect(own).toEqual({});
  });

  it('every path main names lands on a field of the form', () => {
    const paths: Array<[string, keyof ChangeForm]> = [
      ['effectiveMonth', 'effectiveMonth'],
      ['method', 'method'],
      ['account.new.accountNumber', 'accountNumber'],
      ['account.new.holderName', 'holderName'],
      ['account.new.bankCode', 'bankCode'],
      ['account.existingId', 'accountChoice'],
      ['authorization.existingId', 'authChoice'],
      ['authorization', 'authChoice'],
      ['authorization.new.account.new.holderName', 'holderName'],
      ['authorization.new.account.new.accountNumber', 'accountNumber'],
      ['authorization.new.receiver.new.citizenId', 'rCitizenId'],
      ['authorization.new.receiver.new.idIssueDate', 'rIdIssueDate'],
      ['authorization.new.receiver.existingId', 'receiverId'],
      ['authorization.new.validFrom', 'validFrom'],
      ['authorization.new.validTo', 'validTo'],
      ['authorization.new.relationship', 'relationship'],
    ];
    for (const [path, field] of paths) expect([path, fieldOfPath(path)]).toEqual([path, field]);
  });

  it('the schema reports a field issue at its own path (not at the choice around it)', () => {
    const input = toChangeInput(filled({ rIdIssueDate: '', rCitizenId: '' }), VIEW.personId);
    const parsed = changeMethodSchema.safeParse(input);
    expect(parsed.success).toBe(false);
    const paths = parsed.error!.issues.map((i) => i.path.join('.'));
    expect(paths).toEqual(
      expect.arrayContaining([
        'authorization.new.receiver.new.idIssueDate',
        'authorization.new.receiver.new.citizenId',
      ]),
    );
    for (const p of paths) expect(fieldOfPath(p)).toBeDefined();
  });
});
