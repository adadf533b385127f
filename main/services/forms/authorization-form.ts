import type { Content } from 'pdfmake/interfaces';
import { formatDateVi } from '@shared/domain/dates';
import { amountInWords, formatVnd } from '@shared/domain/money';
import {
  A4_PORTRAIT,
  chairmanSignature,
  heading,
  placeDateText,
  signature,
  signatureRow,
  title,
  type OfficeNames,
} from '../../documents';
import type { AuthorizationOnForm, PersonOnForm } from './data';
import { BLANK, fieldLine, FORM_SIZE, formSection } from './layout';

// The authorization form (giấy ủy quyền; payments.md: no national form, fields as listed there), one A4
// page: the giver, what they receive, the receiver and the account, scope, commitments, term, both
// signatures and the ward's certification with the chairman's signature block.

function identity(p: PersonOnForm): Content[] {
  const idLabel = p.idKind === 'CMND' ? 'Số CMND' : 'Số CCCD/định danh';
  return [
    fieldLine(['Họ và tên', p.fullName], ['Ngày sinh', p.birth, BLANK.date], ['Giới tính', p.gender, BLANK.short]),
    fieldLine(
      [idLabel, p.idNumber, BLANK.id],
      ['cấp ngày', p.idIssueDate, BLANK.date],
      ['tại', p.idIssuePlace, BLANK.place],
    ),
    fieldLine(['Nơi cư trú', p.address, BLANK.address], ['Điện thoại', p.phone, BLANK.phone]),
  ];
}

/** The scope note as written by the officer; the register import's own remark about the assumed term is not a scope. */
function printableScope(note: string): string {
  const n = note.trim();
  return n && !/^Thời hạn giả định/u.test(n) ? ` ${n}${/[.!]$/.test(n) ? '' : '.'}` : '';
}

/** One form's content; `first` is false for every form after the first of a batch (page break before). */
export function authorizationForm(a: AuthorizationOnForm, office: OfficeNames, first = true): Content {
  const receives = a.entitlements.length
    ? a.entitlements.map((e) =>
        fieldLine(
          ['Đang hưởng', `${e.programmeName}${e.groupLabel ? ` — ${e.groupLabel}` : ''}`],
          ['theo Quyết định', e.decision, BLANK.place],
        ),
      )
    : [fieldLine(['Đang hưởng', '', BLANK.address], ['theo Quyết định số', '', BLANK.place])];
  const amount = a.monthlyVnd > 0 ? `${formatVnd(a.monthlyVnd)} đồng/tháng (${amountInWords(a.monthlyVnd)})` : '';
  const account = a.account;
  const viaAccount = account !== null;
  const scope = [
    `Thay mặt tôi nhận ${a.entitlements.length ? a.entitlements.map((e) => e.programmeName.toLocaleLowerCase('vi')).join(', ') : 'trợ cấp hằng tháng'}`,
    ' (kể cả khoản truy lĩnh và hỗ trợ chi phí mai táng, nếu có)',
    viaAccount ? ' qua tài khoản nêu trên' : ' bằng tiền mặt tại điểm chi trả',
    ', và ký nhận vào danh sách chi trả thay tôi.',
    printableScope(a.scopeNote),
  ].join('');

  const stack: Content[] = [
    heading({ page: A4_PORTRAIT, office, nationalOnly: true, noPlaceDate: true }),
    title('Giấy ủy quyền', 'Về việc nhận trợ cấp hằng tháng thay người hưởng', [0, 12, 0, 4]),
    formSection('I. NGƯỜI ỦY QUYỀN (người hưởng trợ cấp)'),
    ...identity(a.giver),
    ...receives,
    fieldLine(['Mức trợ cấp hằng tháng', amount, `${BLANK.name} đồng`]),
    formSection('II. NGƯỜI ĐƯỢC ỦY QUYỀN'),
    ...identity(a.receiver),
    fieldLine(['Quan hệ với người ủy quyền', a.relationship, BLANK.name]),
    fieldLine(
      ['Số tài khoản', account?.accountNumber ?? '', BLANK.name],
      ['Chủ tài khoản', account?.holderName ?? '', BLANK.name],
    ),
    fieldLine(
      ['Tại ngân hàng', account?.bankName ?? '', BLANK.name],
      ['Chi nhánh', account?.branch ?? '', BLANK.place],
    ),
    formSection('III. NỘI DUNG, THỜI HẠN VÀ CAM KẾT'),
    { text: `1. Nội dung ủy quyền: ${scope}`, alignment: 'justify', margin: [0, 0, 0, 2] },
    {
      text: `2. Thời hạn ủy quyền: từ ngày ${formatDateVi(a.validFrom)} đến ngày ${formatDateVi(a.validTo)}.`,
      margin: [0, 0, 0, 2],
    },
    {
      text:
        '3. Cam kết: người được ủy quyền nhận đúng, đủ và giao lại toàn bộ số tiền cho người ủy quyền; báo ngay cho ' +
        `${office.committee} khi người ủy quyền chết, thay đổi nơi cư trú, tài khoản hoặc có thay đổi khác liên quan ` +
        'đến việc hưởng trợ cấp. Hai bên chịu trách nhiệm trước pháp luật về nội dung ủy quyền.',
      alignment: 'justify',
      margin: [0, 0, 0, 2],
    },
    { text: placeDateText(office.place, null), italics: true, alignment: 'right', margin: [0, 4, 0, 0] },
    signatureRow(
      [
        { titles: ['Người được ủy quyền'], hint: '(Ký, ghi rõ họ tên)', name: a.receiver.fullName, space: 38 },
        { titles: ['Người ủy quyền'], hint: '(Ký hoặc điểm chỉ, ghi rõ họ tên)', name: a.giver.fullName, space: 38 },
      ],
      [0, 2, 0, 0],
    ),
    // The ward's certification: its text on the left, the chairman's block on the right.
    {
      columns: [
        {
          width: '*',
          stack: [
            { text: `XÁC NHẬN CỦA ${office.committeeCaps}`, bold: true, alignment: 'center', margin: [0, 0, 0, 3] },
            {
              text: `Xác nhận ông/bà ${a.giver.fullName} và ông/bà ${a.receiver.fullName} đã ký vào Giấy ủy quyền này trước mặt cán bộ ${office.committee}.`,
              alignment: 'justify',
            },
          ],
        },
        {
          width: 215,
          stack: [
            { text: placeDateText(office.place, a.certifiedDate), italics: true, alignment: 'center', fontSize: 11.5 },
            signature({ ...chairmanSignature(office), space: 38 }),
          ],
        },
      ],
      columnGap: 12,
      margin: [0, 12, 0, 0],
      unbreakable: true,
    },
  ];
  return { stack, fontSize: FORM_SIZE, ...(first ? {} : { pageBreak: 'before' }) } as Content;
}
