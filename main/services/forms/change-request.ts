import type { Content } from 'pdfmake/interfaces';
import { formatMonthVi, type Month } from '@shared/domain/dates';
import { amountInWords, formatVnd } from '@shared/domain/money';
import { PAYOUT_METHODS, type PayoutMethodCode } from '@shared/api/register';
import { A4_PORTRAIT, heading, placeDateText, signatureRow, title, type OfficeNames } from '../../documents';
import { METHOD_LABELS } from '@shared/domain/labels';
import { type AccountOnForm, type EntitlementOnForm, type PersonOnForm } from './data';
import { BLANK, fieldLine, FORM_SIZE, formSection } from './layout';

// The change-of-method request (đơn đề nghị thay đổi hình thức nhận trợ cấp): one page the beneficiary
// signs, filled from the register: who, what they receive, how they are paid now, and the method asked
// for (ticked when known, otherwise every method to tick by hand) with the account.

export interface ChangeRequestData {
  person: PersonOnForm;
  entitlements: EntitlementOnForm[];
  monthlyVnd: number;
  current: { method: PayoutMethodCode; account: AccountOnForm | null };
  requested: PayoutMethodCode | null;
  account: AccountOnForm | null;
  fromMonth: Month | null;
}

/** A tick box drawn as a square (Tinos has no ballot-box glyph), with a cross when chosen. */
function box(checked: boolean): Content {
  const size = 9;
  return {
    width: 16,
    canvas: [
      { type: 'rect', x: 0, y: 2, w: size, h: size, lineWidth: 0.7 },
      ...(checked
        ? [
            { type: 'line' as const, x1: 1.5, y1: 3.5, x2: size - 1.5, y2: size + 0.5, lineWidth: 1 },
            { type: 'line' as const, x1: size - 1.5, y1: 3.5, x2: 1.5, y2: size + 0.5, lineWidth: 1 },
          ]
        : []),
    ],
  } as Content;
}

export function changeRequestForm(d: ChangeRequestData, office: OfficeNames): Content {
  const accountKnown = d.account !== null;
  const showAccount = d.requested === null || d.requested === 'OWN_ACCOUNT' || d.requested === 'AUTHORIZED_ACCOUNT';
  const currentText =
    METHOD_LABELS[d.current.method] +
    (d.current.account ? ` (tài khoản ${d.current.account.accountNumber}, ${d.current.account.bankName})` : '');
  const content = [
    heading({ page: A4_PORTRAIT, office, nationalOnly: true, noPlaceDate: true }),
    title('Đơn đề nghị', 'Thay đổi hình thức nhận trợ cấp hằng tháng'),
    {
      text: [{ text: 'Kính gửi: ', bold: true }, { text: office.committee }],
      alignment: 'center',
      margin: [0, -4, 0, 8],
    },
    formSection('Tôi tên là:'),
    fieldLine(
      ['Họ và tên', d.person.fullName],
      ['Ngày sinh', d.person.birth, BLANK.date],
      ['Giới tính', d.person.gender, BLANK.short],
    ),
    fieldLine(
      [d.person.idKind === 'CMND' ? 'Số CMND' : 'Số CCCD/định danh', d.person.idNumber, BLANK.id],
      ['cấp ngày', d.person.idIssueDate, BLANK.date],
      ['tại', d.person.idIssuePlace, BLANK.place],
    ),
    fieldLine(['Nơi cư trú', d.person.address, BLANK.address]),
    fieldLine(['Số điện thoại', d.person.phone, BLANK.phone]),
    ...(d.entitlements.length
      ? d.entitlements.map((e) =>
          fieldLine(
            ['Đang hưởng', `${e.programmeName}${e.groupLabel ? ` — ${e.groupLabel}` : ''}`],
            ['theo Quyết định', e.decision, BLANK.place],
          ),
        )
      : [fieldLine(['Đang hưởng', '', BLANK.address])]),
    fieldLine([
      'Mức trợ cấp hằng tháng',
      d.monthlyVnd > 0 ? `${formatVnd(d.monthlyVnd)} đồng (${amountInWords(d.monthlyVnd)})` : '',
      `${BLANK.name} đồng`,
    ]),
    fieldLine(['Hình thức nhận hiện nay', currentText]),
    formSection('Nay tôi đề nghị được nhận trợ cấp theo hình thức:'),
    ...PAYOUT_METHODS.map(
      (m) =>
        ({
          columns: [box(d.requested === m), { width: '*', text: METHOD_LABELS[m] }],
          margin: [12, 0, 0, 3],
        }) as Content,
    ),
    ...(showAccount
      ? [
          { text: 'Thông tin tài khoản nhận tiền:', margin: [0, 4, 0, 2] } as Content,
          fieldLine(
            ['Số tài khoản', d.account?.accountNumber ?? '', BLANK.name],
            ['Chủ tài khoản', d.account?.holderName ?? '', BLANK.name],
          ),
          fieldLine(
            ['Tại ngân hàng', d.account?.bankName ?? '', BLANK.name],
            ['Chi nhánh', d.account?.branch ?? '', BLANK.place],
          ),
          ...(accountKnown
            ? []
            : [
                {
                  text: '(Kèm theo bản sao trang đầu sổ tài khoản hoặc giấy xác nhận số tài khoản của ngân hàng.)',
                  italics: true,
                  fontSize: 11,
                } as Content,
              ]),
        ]
      : []),
    fieldLine(['Kể từ tháng', d.fromMonth ? formatMonthVi(d.fromMonth) : '', '……/……']),
    {
      text:
        'Tôi cam đoan những thông tin trên là đúng sự thật; khi có thay đổi về tài khoản, nơi cư trú hoặc việc hưởng trợ cấp, ' +
        `tôi sẽ báo ngay cho ${office.committee}. Trường hợp chuyển khoản, tôi đồng ý việc chi trả vào tài khoản nêu trên ` +
        'được xem là đã nhận đủ trợ cấp.',
      alignment: 'justify',
      margin: [0, 8, 0, 0],
    },
    { text: placeDateText(office.place, null), italics: true, alignment: 'right', margin: [0, 10, 0, 0] },
    signatureRow(
      [
        { titles: ['Cán bộ tiếp nhận'], hint: '(Ký, ghi rõ họ tên)', name: office.officer, space: 56 },
        { titles: ['Người làm đơn'], hint: '(Ký hoặc điểm chỉ, ghi rõ họ tên)', name: d.person.fullName, space: 56 },
      ],
      [0, 2, 0, 0],
    ),
  ];
  return { stack: content, fontSize: FORM_SIZE } as Content;
}

export const CHANGE_REQUEST_SIZE = FORM_SIZE;
