import type { Content } from 'pdfmake/interfaces';
import type { HandlerContext } from '../../api/context';
import { ApiError } from '@shared/api/errors';
import type { PrintedPdf } from '@shared/api/forms';
import type { LedgerPayment, LedgerRow, PersonLedger } from '@shared/api/ledger';
import {
  HEIR_METHOD_LABELS,
  HELD_STATUS_LABELS,
  LEDGER_COMPONENT_LABELS,
  OVERPAYMENT_STATUS_LABELS,
  RECOVERY_METHOD_LABELS,
  withGroupNames,
} from '@shared/api/ledger-labels';
import { formatBirthDate, formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { periodTextVi } from '@shared/domain/service-period';
import { auditedWrite } from '../../jobs';
import {
  A4_PORTRAIT,
  amountInWordsLine,
  chairmanSignature,
  dataTable,
  deliverPdf,
  documentDefinition,
  heading,
  officeNames,
  renderPdf,
  signatureRow,
  title,
  type OfficeNames,
} from '../../documents';
import { personLedger } from '../ledger/person';
import { allowanceGroupLabels, personHead, type PersonHead } from './queries';
import { getOfficeSettings } from '../settings';
import { today } from '../clock';

// A person's money history as a PDF for their file (Decree 30 layout, portrait A4): who, then month by
// month what the register owes against what approved payrolls paid, by component, with the payroll and
// line that paid it; the money held for the heir and the overpayments with how they are recovered.
// The figures are the ledger's own (ledger.person), so the page and the printout agree.

const money = (n: number) => formatVnd(n);
const signed = (n: number) => (n > 0 ? `+${formatVnd(n)}` : formatVnd(n));

/** "Bảng 12/2026 (BTXH), dòng 123" for each payment of the row. */
export const paidByText = (payments: readonly LedgerPayment[]): string =>
  payments
    .map(
      (p) =>
        `Bảng ${formatMonthVi(p.payrollMonth)} (${p.programme}), dòng ${p.lineId}${p.amountVnd < 0 ? `: trừ ${formatVnd(-p.amountVnd)}` : ''}`,
    )
    .join('; ');

export function personHistoryContent(
  office: OfficeNames,
  person: PersonHead,
  ledger: PersonLedger,
  date: string,
  groups: ReadonlyMap<string, string> = new Map(),
): Content[] {
  const birth =
    person.birth_date && person.birth_precision !== 'unknown'
      ? formatBirthDate({ precision: person.birth_precision, value: person.birth_date })
      : '';
  const facts: Array<[string, string]> = [
    ['Họ và tên', person.full_name],
    ['Ngày sinh', birth || '……………'],
    ['Số CCCD', person.citizen_id ?? '……………'],
    [
      'Địa chỉ',
      (person.neighbourhood && !person.address.includes(person.neighbourhood)
        ? [person.address, person.neighbourhood]
        : [person.address]
      )
        .filter(Boolean)
        .join(', ') || '……………',
    ],
    ...(person.death_date ? ([['Ngày mất', formatDateVi(person.death_date)]] as Array<[string, string]>) : []),
    ...(person.moved_away_date
      ? ([['Ngày chuyển đi', formatDateVi(person.moved_away_date)]] as Array<[string, string]>)
      : []),
  ];
  return [
    heading({ page: A4_PORTRAIT, office, date }),
    title('BẢNG THEO DÕI CHI TRẢ TRỢ CẤP, HỖ TRỢ', 'Số tiền phải trả và đã chi trả theo từng tháng'),
    {
      stack: facts.map(([k, v]) => ({ text: [{ text: `${k}: ` }, { text: v, bold: k === 'Họ và tên' }] })),
      fontSize: 12,
      margin: [0, 0, 0, 8],
    },
    ...moneyHistoryBody(ledger, groups),
    signatureRow([
      { titles: ['Người lập biểu'], hint: '(Ký, ghi rõ họ tên)', name: office.officer },
      chairmanSignature(office),
    ]),
  ];
}

/** The month table, the held money and heir, the overpayments: the body of the money history (also in the person file). */
export function moneyHistoryBody(ledger: PersonLedger, groups: ReadonlyMap<string, string> = new Map()): Content[] {
  const months = [...ledger.months].sort((a, b) =>
    a.serviceMonth < b.serviceMonth ? -1 : a.serviceMonth > b.serviceMonth ? 1 : a.label < b.label ? -1 : 1,
  );
  const content: Content[] = [];
  if (months.length === 0) {
    content.push({ text: 'Chưa có tháng nào phải trả hoặc đã chi trả.', italics: true, margin: [0, 4, 0, 8] });
  } else {
    content.push(
      dataTable<LedgerRow>({
        columns: [
          { header: 'Tháng', width: 44, align: 'center', value: (r) => formatMonthVi(r.serviceMonth) },
          { header: 'Khoản', width: '*', value: (r) => withGroupNames(r.label, groups) },
          { header: 'Phải trả', width: 58, align: 'right', value: (r) => money(r.owedVnd) },
          { header: 'Đã chi trả', width: 58, align: 'right', value: (r) => money(r.paidVnd) },
          {
            header: 'Chênh lệch',
            width: 56,
            align: 'right',
            value: (r) => (r.differenceVnd === 0 ? '' : signed(r.differenceVnd)),
          },
          { header: 'Chi trả tại', width: 110, value: (r) => paidByText(r.paidBy) },
        ],
        rows: months,
        fontSize: 9,
        total: [
          'Cộng',
          '',
          money(ledger.totals.owedVnd),
          money(ledger.totals.paidVnd),
          signed(ledger.totals.owedVnd - ledger.totals.paidVnd),
          '',
        ],
      }),
      {
        text: 'Chênh lệch = phải trả − đã chi trả: số dương là tiền còn phải chi (truy lĩnh), số âm là tiền đã chi thừa (truy thu).',
        italics: true,
        fontSize: 10,
        margin: [0, 2, 0, 4],
      },
      amountInWordsLine(ledger.totals.paidVnd, 'Tổng số tiền đã chi trả bằng chữ'),
    );
  }

  if (ledger.heldForHeir.length > 0 || ledger.heir) {
    const heldTotal = ledger.heldForHeir.reduce((s, h) => s + h.amountVnd, 0);
    content.push({
      text: 'Tiền còn được hưởng của người đã mất (chi cho người thừa kế)',
      bold: true,
      margin: [0, 10, 0, 4],
    });
    if (ledger.heldForHeir.length > 0) {
      content.push(
        dataTable({
          columns: [
            {
              header: 'Khoản',
              width: '*',
              value: (h: PersonLedger['heldForHeir'][number]) => LEDGER_COMPONENT_LABELS[h.component],
            },
            {
              header: 'Thời gian',
              width: 150,
              value: (h) => periodTextVi({ from: h.fromMonth, to: h.toMonth, months: h.months }),
            },
            { header: 'Số tiền', width: 60, align: 'right', value: (h) => money(h.amountVnd) },
            { header: 'Tình trạng', width: 110, value: (h) => HELD_STATUS_LABELS[h.status] },
          ],
          rows: ledger.heldForHeir,
          fontSize: 9,
          total: ['Cộng', '', money(heldTotal), ''],
        }),
        amountInWordsLine(heldTotal, 'Bằng chữ'),
      );
    }
    const h = ledger.heir;
    content.push({
      text: h
        ? `Người thừa kế / người lo mai táng: ${h.fullName} (${h.relationship})${h.citizenId ? `, CCCD ${h.citizenId}` : ''}; giấy tờ: ${h.paperKind} số ${h.paperNumber} ngày ${formatDateVi(h.paperDate)}; nhận bằng: ${HEIR_METHOD_LABELS[h.method]}${h.method === 'OWN_ACCOUNT' && h.accountNumber ? ` (số tài khoản ${h.accountNumber})` : ''}.`
        : 'Chưa xác định người thừa kế: số tiền trên được giữ lại, chưa chi.',
      fontSize: 11,
      margin: [0, 2, 0, 4],
    });
  }

  if (ledger.overpayments.length > 0) {
    const open = ledger.overpayments.reduce((s, o) => s + o.openVnd, 0);
    content.push(
      { text: 'Các khoản đã chi thừa (truy thu)', bold: true, margin: [0, 10, 0, 4] },
      dataTable({
        columns: [
          {
            header: 'Khoản',
            width: 90,
            value: (o: PersonLedger['overpayments'][number]) => LEDGER_COMPONENT_LABELS[o.component],
          },
          {
            header: 'Thời gian, lý do',
            width: '*',
            value: (o) => `${periodTextVi({ from: o.fromMonth, to: o.toMonth, months: o.months })}; ${o.reasonText}`,
          },
          { header: 'Chi thừa', width: 54, align: 'right', value: (o) => money(o.amountVnd) },
          { header: 'Đã thu hồi', width: 54, align: 'right', value: (o) => money(o.recoveredVnd) },
          { header: 'Còn phải thu', width: 54, align: 'right', value: (o) => money(o.openVnd) },
          {
            header: 'Tình trạng',
            width: 90,
            value: (o) =>
              [
                OVERPAYMENT_STATUS_LABELS[o.status],
                ...o.recoveries.map(
                  (r) =>
                    `${RECOVERY_METHOD_LABELS[r.method]} ${formatVnd(r.amountVnd)} (số ${r.paperNumber}${r.paperDate ? ` ngày ${formatDateVi(r.paperDate)}` : ''})`,
                ),
              ].join('; '),
          },
        ],
        rows: ledger.overpayments,
        fontSize: 9,
        total: [
          'Cộng',
          '',
          money(ledger.overpayments.reduce((s, o) => s + o.amountVnd, 0)),
          money(ledger.overpayments.reduce((s, o) => s + o.recoveredVnd, 0)),
          money(open),
          '',
        ],
      }),
      amountInWordsLine(open, 'Số tiền còn phải thu hồi bằng chữ'),
    );
  }

  return content;
}

export async function printPersonHistory(ctx: HandlerContext, personId: number): Promise<PrintedPdf> {
  const person = personHead(ctx.store, personId);
  if (!person) throw new ApiError('NOT_FOUND', 'Không tìm thấy hồ sơ này.');
  const ledger = personLedger(ctx, personId);
  const office = officeNames(getOfficeSettings(ctx));
  const docTitle = `Bảng theo dõi chi trả — ${person.full_name}`;
  const groups = new Map(allowanceGroupLabels(ctx.store).map((g) => [g.code, g.label_vi]));
  const { buffer, pages } = await renderPdf(
    documentDefinition({
      page: A4_PORTRAIT,
      title: docTitle,
      content: personHistoryContent(office, person, ledger, today(ctx.now), groups),
    }),
  );
  auditedWrite(ctx.store, ctx.user, ctx.now, (audit) =>
    audit({
      action: 'ledgerFiles.personPdf',
      entity: 'person',
      entityId: personId,
      personId,
      detail: { months: ledger.months.length, pages },
    }),
  );
  const fileName = `lich-su-tien-${personId}.pdf`;
  return { fileName, pages, count: 1, ...(await deliverPdf(fileName, buffer)) };
}
