import type { Content } from 'pdfmake/interfaces';
import type { HandlerContext } from '../../api/context';
import type { PrintedPdf } from '@shared/api/forms';
import type { TransferPayloadV1 } from '@shared/domain/transfer-file';
import { formatBirthDate, formatDateVi, formatMonthVi } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { METHOD_LABELS, TERM_STATUS_LABELS } from '@shared/domain/labels';
import { auditedWrite } from '../../jobs';
import {
  A4_PORTRAIT,
  chairmanSignature,
  dataTable,
  deliverPdf,
  documentDefinition,
  heading,
  keptClosing,
  officeNames,
  renderPdf,
  signatureRow,
  title,
  type OfficeNames,
} from '../../documents';
import { getOfficeSettings } from '../settings';
import { today } from '../clock';
import { moneyHistoryBody } from '../ledger-files/person-pdf';
import { collectPersonFile, programmeName, type PersonFileData } from './collect';

// The person's file (hồ sơ đối tượng) as one PDF, portrait A4, Decree 30 heading: details, entitlements
// with their terms and the decisions, one-off items, payout-method history, authorizations, the money
// history (the ledger's own body, as in "In lịch sử tiền"), and the transfers: where the person came from
// (with the previous ward's history as the transfer file carried it) or went to. Printed from the
// person's page and written beside the transfer file (then with the file's SHA-256 and key fingerprint,
// so the stamped paper vouches for the electronic file).

const KIND_LABELS: Record<string, string> = {
  grant: 'Hưởng mới',
  adjust: 'Điều chỉnh',
  suspend: 'Tạm dừng',
  resume: 'Hưởng lại',
  stop: 'Thôi hưởng',
};
const ONE_OFF_LABELS: Record<string, string> = { arrears: 'Truy lĩnh', funeral: 'Mai táng phí', other: 'Khoản khác' };
const GENDER = { male: 'Nam', female: 'Nữ' } as const;
const dash = '……………';
const day = (d: string | null | undefined) => (d ? formatDateVi(d) : '');
const month = (m: string | null | undefined) => (m ? formatMonthVi(m) : '');

const section = (text: string): Content => ({ text, bold: true, fontSize: 13, margin: [0, 10, 0, 4] });
const note = (text: string): Content => ({ text, italics: true, fontSize: 11, margin: [0, 2, 0, 4] });
const facts = (rows: Array<[string, string]>): Content => ({
  stack: rows.map(([k, v]) => ({ text: [{ text: `${k}: ` }, { text: v || dash, bold: k === 'Họ và tên' }] })),
  fontSize: 12,
  margin: [0, 0, 0, 4],
});

/** What the transfer file carried, printed below "Hồ sơ chuyển đến" (the previous ward's history). */
function previousWard(payload: TransferPayloadV1): Content[] {
  const out: Content[] = [];
  const terms = payload.entitlements.flatMap((e) => e.terms.map((t) => ({ e, t })));
  if (terms.length) {
    out.push(
      dataTable({
        columns: [
          {
            header: 'Chế độ',
            width: '*',
            value: (r: (typeof terms)[number]) =>
              r.e.programmeLabel + (r.e.caredPersonName ? ` (chăm sóc ${r.e.caredPersonName})` : ''),
          },
          { header: 'Từ tháng', width: 48, align: 'center', value: (r) => month(r.t.effectiveFrom) },
          { header: 'Đến tháng', width: 48, align: 'center', value: (r) => month(r.e.endMonth) },
          {
            header: 'Nhóm, mức',
            width: 130,
            value: (r) =>
              [r.t.groupLabel, ...r.t.components.map((c) => `${c.label}: ${formatVnd(c.amountVnd)}`)]
                .filter(Boolean)
                .join('; '),
          },
          { header: 'Tình trạng', width: 56, value: (r) => TERM_STATUS_LABELS[r.t.status] },
          { header: 'Quyết định', width: 70, value: (r) => r.t.decisionNumber },
        ],
        rows: terms,
        fontSize: 9,
      }),
    );
  }
  if (payload.decisions.length) {
    out.push(
      { text: 'Quyết định của nơi cũ', italics: true, margin: [0, 4, 0, 2] },
      dataTable({
        columns: [
          { header: 'Số', width: 70, value: (d: TransferPayloadV1['decisions'][number]) => d.number },
          { header: 'Ngày ký', width: 56, align: 'center', value: (d) => day(d.signedDate) },
          { header: 'Loại', width: 56, value: (d) => KIND_LABELS[d.kind] ?? d.kind },
          { header: 'Từ tháng', width: 48, align: 'center', value: (d) => month(d.effectiveMonth) },
          { header: 'Lý do', width: '*', value: (d) => d.reason },
        ],
        rows: payload.decisions,
        fontSize: 9,
      }),
    );
  }
  if (payload.payoutMethods.length) {
    out.push(
      note(
        `Hình thức nhận tại nơi cũ: ${payload.payoutMethods.map((m) => `từ ${month(m.effectiveFrom)} ${m.method}${m.detail ? ` (${m.detail})` : ''}`).join('; ')}.`,
      ),
    );
  }
  if (payload.authorizations.length) {
    out.push(
      note(
        `Ủy quyền tại nơi cũ: ${payload.authorizations.map((a) => `${a.receiverName} (${a.relationship}), ${day(a.validFrom)}–${day(a.validTo)}, ${a.stateLabel}`).join('; ')}.`,
      ),
    );
  }
  if (payload.money.months.length) {
    out.push(
      { text: 'Tiền đã chi trả tại nơi cũ', italics: true, margin: [0, 4, 0, 2] },
      dataTable({
        columns: [
          {
            header: 'Tháng',
            width: 44,
            align: 'center',
            value: (m: TransferPayloadV1['money']['months'][number]) => month(m.serviceMonth),
          },
          { header: 'Khoản', width: '*', value: (m) => m.label },
          { header: 'Phải trả', width: 64, align: 'right', value: (m) => formatVnd(m.owedVnd) },
          { header: 'Đã chi trả', width: 64, align: 'right', value: (m) => formatVnd(m.paidVnd) },
        ],
        rows: payload.money.months,
        fontSize: 9,
        total: ['Cộng', '', formatVnd(payload.money.owedVnd), formatVnd(payload.money.paidVnd)],
      }),
    );
  }
  const closingMoney = [
    payload.money.paidThrough ? `Nơi cũ chi trả đến hết tháng ${month(payload.money.paidThrough)}.` : '',
    payload.money.openOverpaidVnd > 0
      ? `Còn phải thu hồi tại nơi cũ: ${formatVnd(payload.money.openOverpaidVnd)} đồng.`
      : '',
  ].filter(Boolean);
  if (closingMoney.length) out.push(note(closingMoney.join(' ')));
  return out;
}

export interface FileStamp {
  sha256: string;
  keyFingerprint: string;
}

export function personFileContent(
  office: OfficeNames,
  data: PersonFileData,
  date: string,
  stamp?: FileStamp,
): Content[] {
  const { detail, payout } = data;
  const p = detail.person;
  const content: Content[] = [
    heading({ page: A4_PORTRAIT, office, date }),
    title('HỒ SƠ ĐỐI TƯỢNG', 'Hưởng trợ cấp, hỗ trợ hằng tháng'),
    section('I. THÔNG TIN CÁ NHÂN'),
    facts([
      ['Họ và tên', p.fullName],
      ['Ngày sinh', p.birth ? formatBirthDate(p.birth) : ''],
      ['Giới tính', p.gender ? GENDER[p.gender] : ''],
      ['Số định danh cá nhân', p.citizenId],
      ...(p.legacyId ? ([['Số CMND cũ', p.legacyId]] as Array<[string, string]>) : []),
      ['Ngày cấp, nơi cấp', [day(p.idIssueDate), p.idIssuePlace].filter(Boolean).join(', ')],
      [
        'Địa chỉ',
        [p.address, p.neighbourhood && !p.address.includes(p.neighbourhood) ? p.neighbourhood : '']
          .filter(Boolean)
          .join(', '),
      ],
      ['Số điện thoại', p.phone],
      ['Số thẻ BHYT', p.healthInsuranceNo],
      ...(p.deathDate ? ([['Ngày mất', day(p.deathDate)]] as Array<[string, string]>) : []),
      ...(p.movedAwayDate ? ([['Ngày chuyển đi', day(p.movedAwayDate)]] as Array<[string, string]>) : []),
      ...(p.note ? ([['Ghi chú', p.note]] as Array<[string, string]>) : []),
    ]),
    section('II. CHẾ ĐỘ ĐƯỢC HƯỞNG VÀ CÁC QUYẾT ĐỊNH'),
  ];

  const decisionNumber = new Map(detail.decisions.map((d) => [d.id, d.number]));
  const terms = detail.entitlements.flatMap((e) => e.terms.map((t) => ({ e, t })));
  if (terms.length === 0) content.push(note('Chưa có chế độ nào tại đơn vị.'));
  else {
    content.push(
      dataTable({
        columns: [
          {
            header: 'Chế độ',
            width: '*',
            value: (r: (typeof terms)[number]) =>
              programmeName(data, r.e.programme) +
              (r.e.caredPersonId ? ` (chăm sóc ${data.caredNames.get(r.e.caredPersonId) ?? ''})` : ''),
          },
          { header: 'Từ tháng', width: 48, align: 'center', value: (r) => month(r.t.effectiveFrom) },
          { header: 'Đến tháng', width: 48, align: 'center', value: (r) => month(r.e.endMonth) },
          {
            header: 'Nhóm, mức',
            width: 130,
            value: (r) =>
              [
                r.t.groupCode ? (data.groups.get(r.t.groupCode) ?? r.t.groupCode) : '',
                ...r.t.components.map((c) => `${c.label}: ${formatVnd(c.amountVnd)}`),
              ]
                .filter(Boolean)
                .join('; '),
          },
          { header: 'Tình trạng', width: 56, value: (r) => TERM_STATUS_LABELS[r.t.status] },
          { header: 'Quyết định', width: 70, value: (r) => decisionNumber.get(r.t.decisionId) ?? '' },
        ],
        rows: terms,
        fontSize: 9,
      }),
    );
    if (detail.monthlyVnd > 0)
      content.push(note(`Mức hưởng tháng ${month(detail.month)}: ${formatVnd(detail.monthlyVnd)} đồng.`));
  }
  if (detail.decisions.length) {
    content.push(
      { text: 'Các quyết định', italics: true, margin: [0, 4, 0, 2] },
      dataTable({
        columns: [
          { header: 'Số', width: 70, value: (d: (typeof detail.decisions)[number]) => d.number },
          { header: 'Ngày ký', width: 56, align: 'center', value: (d) => day(d.signedDate) },
          { header: 'Loại', width: 56, value: (d) => KIND_LABELS[d.kind] ?? d.kind },
          { header: 'Chế độ', width: 90, value: (d) => programmeName(data, d.programme) },
          { header: 'Từ tháng', width: 48, align: 'center', value: (d) => month(d.effectiveMonth) },
          { header: 'Lý do', width: '*', value: (d) => d.reason },
        ],
        rows: detail.decisions,
        fontSize: 9,
      }),
    );
  }
  if (detail.oneOffItems.length) {
    content.push(
      { text: 'Các khoản chi một lần', italics: true, margin: [0, 4, 0, 2] },
      dataTable({
        columns: [
          {
            header: 'Khoản',
            width: 80,
            value: (o: (typeof detail.oneOffItems)[number]) => ONE_OFF_LABELS[o.kind] ?? o.kind,
          },
          { header: 'Tháng chi', width: 48, align: 'center', value: (o) => month(o.dueMonth) },
          { header: 'Số tiền', width: 70, align: 'right', value: (o) => formatVnd(o.amountVnd) },
          { header: 'Người nhận, ghi chú', width: '*', value: (o) => [o.payeeName, o.note].filter(Boolean).join('; ') },
        ],
        rows: detail.oneOffItems,
        fontSize: 9,
      }),
    );
  }

  content.push(section('III. HÌNH THỨC NHẬN TRỢ CẤP'));
  const history = [...payout.history].reverse();
  if (history.length === 0) content.push(note('Chưa ghi hình thức nhận: nhận tiền mặt tại phường.'));
  else {
    content.push(
      dataTable({
        columns: [
          {
            header: 'Từ tháng',
            width: 48,
            align: 'center',
            value: (h: (typeof history)[number]) => month(h.effectiveFrom),
          },
          { header: 'Hình thức', width: 110, value: (h) => METHOD_LABELS[h.method] ?? h.method },
          { header: 'Chi tiết', width: '*', value: (h) => h.detail },
          { header: 'Ghi chú', width: 110, value: (h) => h.note },
        ],
        rows: history,
        fontSize: 9,
      }),
    );
  }

  content.push(section('IV. ỦY QUYỀN NHẬN THAY'));
  if (payout.authorizations.length === 0) content.push(note('Không có giấy ủy quyền.'));
  else {
    content.push(
      dataTable({
        columns: [
          {
            header: 'Người được ủy quyền',
            width: '*',
            value: (a: (typeof payout.authorizations)[number]) => a.receiverName,
          },
          { header: 'Quan hệ', width: 70, value: (a) => a.relationship },
          { header: 'Hiệu lực', width: 110, align: 'center', value: (a) => `${day(a.validFrom)} – ${day(a.validTo)}` },
          { header: 'Chứng thực', width: 60, align: 'center', value: (a) => day(a.certifiedDate) || 'Chưa' },
          { header: 'Tình trạng', width: 100, value: (a) => a.stateLabel },
        ],
        rows: payout.authorizations,
        fontSize: 9,
      }),
    );
  }

  content.push(section('V. LỊCH SỬ CHI TRẢ'), ...moneyHistoryBody(data.ledger, data.groups));

  let n = 5;
  const roman = ['VI', 'VII', 'VIII', 'IX', 'X'];
  for (const t of data.transfers) {
    const label = roman[n - 5] ?? String(n + 1);
    n++;
    if (t.direction === 'in') {
      const payload = JSON.parse(t.payload_json ?? '{}') as TransferPayloadV1;
      content.push(
        section(`${label}. HỒ SƠ CHUYỂN ĐẾN TỪ ${t.other_unit.toLocaleUpperCase('vi')}`),
        note(
          `Chuyển đến ngày ${day(t.moved_date)}; nhận hồ sơ ngày ${day(t.created_at.slice(0, 10))}. Tệp chuyển hồ sơ định dạng số ${t.schema_version ?? ''}, mã kiểm tra SHA-256 ${t.payload_sha256 ?? ''}, khoá ký ${t.key_fingerprint ?? ''}; các chế độ dưới đây là của nơi cũ, chỉ để theo dõi; tại đơn vị này chỉ chi trả theo quyết định của đơn vị.`,
        ),
        ...previousWard(payload),
      );
    } else {
      content.push(
        section(`${label}. CHUYỂN ĐI`),
        note(
          `Chuyển đến ${t.other_unit} ngày ${day(t.moved_date)}${t.decision_number ? `, quyết định thôi hưởng số ${t.decision_number}` : ''}. Đã chi trả đến hết tháng ${month(t.moved_date.slice(0, 7))}.`,
        ),
      );
    }
  }
  if (stamp) {
    content.push(
      note(
        `Tệp chuyển hồ sơ kèm theo: mã kiểm tra SHA-256 ${stamp.sha256}; dấu vân tay khoá ký ${stamp.keyFingerprint} (nơi nhận đối chiếu hai mã này với mã ứng dụng hiển thị khi nhập tệp).`,
      ),
    );
  }
  content.push(
    keptClosing('person-file', [
      signatureRow([
        { titles: ['Người lập'], hint: '(Ký, ghi rõ họ tên)', name: office.officer },
        chairmanSignature(office),
      ]),
    ]),
  );
  return content;
}

export async function renderPersonFile(
  ctx: HandlerContext,
  data: PersonFileData,
  stamp?: FileStamp,
): Promise<{ buffer: Buffer; pages: number }> {
  const office = officeNames(getOfficeSettings(ctx));
  const docTitle = `Hồ sơ đối tượng — ${data.detail.person.fullName}`;
  return renderPdf(
    documentDefinition({
      page: A4_PORTRAIT,
      title: docTitle,
      content: personFileContent(office, data, today(ctx.now), stamp),
      keepTogether: true,
    }),
  );
}

export async function printPersonFile(ctx: HandlerContext, personId: number): Promise<PrintedPdf> {
  const data = collectPersonFile(ctx, personId);
  const { buffer, pages } = await renderPersonFile(ctx, data);
  auditedWrite(ctx.store, ctx.user, ctx.now, (audit) =>
    audit({
      action: 'personFile.pdf',
      entity: 'person',
      entityId: personId,
      personId,
      detail: { pages, transfers: data.transfers.length },
    }),
  );
  const fileName = `ho-so-doi-tuong-${personId}.pdf`;
  return { fileName, pages, count: 1, ...(await deliverPdf(fileName, buffer)) };
}
