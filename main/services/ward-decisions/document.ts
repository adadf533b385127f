import type { Content, TDocumentDefinitions } from 'pdfmake/interfaces';
import type { Store } from '../../db/store';
import type { WardDecisionKind, WardDecisionView } from '@shared/api/ward-decisions';
import { POSTING_WORKING_DAYS } from '@shared/api/ward-decisions';
import { formatDateVi, formatMonthVi, type IsoDate } from '@shared/domain/dates';
import { formatVnd } from '@shared/domain/money';
import { PROGRAMME_LABELS } from '@shared/domain/labels';
import { isProtectedGroup, PROTECTED_GROUP_LABEL } from '@shared/domain/masking';
import {
  A4_PORTRAIT,
  chairmanSignature,
  closing,
  dataTable,
  documentDefinition,
  heading,
  paragraph,
  signatureRow,
  SIZE,
  title,
  type OfficeNames,
} from '../../documents';
import { computeAmounts, loadReference, loadStates } from '../register/amounts';
import type { ItemRow } from './queries';

// The draft Quyết định of the ward chairman (Decree 30/2020 layout: documents.md) with the list attached
// when it covers several people, and the public posting list (danh sách niêm yết) of Decree 20/2021
// Art. 8(2). Since 1/7/2025 deciding these entitlements is the chairman's own competence (Decree
// 147/2025), so the authority line reads "CHỦ TỊCH ỦY BAN NHÂN DÂN …" and the chairman signs as
// "CHỦ TỊCH" (Decree 30, App. I: a head deciding in their own name signs without "TM."), or a deputy
// for him as "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH", as chosen on the draft.

/** What the decision grants (the noun of the trích yếu): the programme's label in running text, monthly. */
const nounOf = (programme: string, fallback: string): string => {
  const label = (PROGRAMME_LABELS as Record<string, string>)[programme] ?? fallback;
  const text = label.charAt(0).toLocaleLowerCase('vi') + label.slice(1);
  return text.includes('hằng tháng') ? text : `${text} hằng tháng`;
};

const VERB: Record<WardDecisionKind, string> = {
  grant: 'hưởng',
  adjust: 'điều chỉnh mức',
  suspend: 'tạm dừng',
  resume: 'tiếp tục hưởng',
  stop: 'thôi hưởng',
};

const capitalise = (s: string) => s.charAt(0).toLocaleUpperCase('vi') + s.slice(1);
const honorific = (gender: 'male' | 'female' | null) =>
  gender === 'male' ? 'ông' : gender === 'female' ? 'bà' : 'ông/bà';

/** "hưởng trợ cấp xã hội hằng tháng" */
export const actionPhrase = (kind: WardDecisionKind, programme: string, programmeName: string) =>
  `${VERB[kind]} ${nounOf(programme, programmeName)}`;

/** The trích yếu: "Về việc hưởng trợ cấp xã hội hằng tháng đối với bà Nguyễn Thị Hoa" / "… đối với 3 người". */
export function subjectOf(
  kind: WardDecisionKind,
  programmeName: string,
  programme: string,
  single: { fullName: string; gender: 'male' | 'female' | null } | null,
  count: number,
): string {
  const whom = single ? `${honorific(single.gender)} ${single.fullName}` : `${count} người`;
  return `Về việc ${actionPhrase(kind, programme, programmeName)} đối với ${whom}`;
}

export interface DecisionLine extends ItemRow {
  /** The monthly amount from the effective month; null for a suspension or a stop. */
  amountVnd: number | null;
  birthText: string;
  birthYearText: string;
  protected: boolean;
}

/** Each person's line with the amount the register's own rules give from the effective month. */
export function linesOf(store: Store, w: WardDecisionView, items: readonly ItemRow[]): DecisionLine[] {
  const pays = w.kind === 'grant' || w.kind === 'adjust' || w.kind === 'resume';
  const ref = pays ? loadReference(store) : null;
  return items.map((item) => {
    let amountVnd: number | null = null;
    if (ref) {
      const states = loadStates(store, item.effectiveMonth, [item.personId]).filter(
        (s) => item.entitlementId === null || s.entitlementId === item.entitlementId,
      );
      const amounts = computeAmounts(ref, states, item.effectiveMonth).filter((a) => a.programme === w.programme);
      amountVnd = amounts.length ? amounts.reduce((sum, a) => sum + a.amountVnd, 0) : null;
    }
    const year = item.birthYear ?? (item.birthDate ? Number(item.birthDate.slice(0, 4)) : null);
    return {
      ...item,
      amountVnd,
      birthText:
        item.birthPrecision === 'day' && item.birthDate ? formatDateVi(item.birthDate) : year ? String(year) : '',
      birthYearText: year ? String(year) : '',
      protected: isProtectedGroup(item.groupCode),
    };
  });
}

const where = (l: DecisionLine) => l.address || l.neighbourhood;
const money = (v: number | null) => (v === null ? '' : formatVnd(v));

function onePersonArticle(w: WardDecisionView, l: DecisionLine, phrase: string): string {
  const parts = [`${capitalise(phrase)} đối với ${honorific(l.gender)} ${l.fullName}`];
  if (l.birthText) parts.push(`sinh ${l.birthText.length === 4 ? 'năm' : 'ngày'} ${l.birthText}`);
  if (where(l)) parts.push(`cư trú tại ${where(l)}`);
  let text = parts.join(', ');
  if (l.groupLabel) text += `; đối tượng: ${l.groupLabel}`;
  if (l.amountVnd !== null) text += `; mức ${formatVnd(l.amountVnd)} đồng/tháng`;
  text += `; kể từ tháng ${formatMonthVi(l.effectiveMonth)}`;
  if (l.reason && (w.kind === 'stop' || w.kind === 'suspend' || w.kind === 'adjust')) text += `; lý do: ${l.reason}`;
  return `${text}.`;
}

const article = (n: number, text: string): Content =>
  paragraph([{ text: `Điều ${n}. `, bold: true }, { text }] as Content[]);

/** The number on the document: the signed one once recorded, else the register's. */
const numberOf = (w: WardDecisionView) => w.signedNumber ?? w.symbol;

/** The chairman signs in his own name; a deputy signs for him (Decree 30, App. I: "KT. CHỦ TỊCH / PHÓ CHỦ TỊCH"). */
const deciderSignature = (w: WardDecisionView, office: OfficeNames) =>
  w.signerRole === 'deputy'
    ? { titles: ['KT. CHỦ TỊCH', 'PHÓ CHỦ TỊCH'], hint: '(Ký tên, đóng dấu)', name: office.deputyChairman }
    : { titles: ['CHỦ TỊCH'], hint: '(Ký tên, đóng dấu)', name: office.chairman };

export function draftDecisionDocument(
  w: WardDecisionView,
  lines: readonly DecisionLine[],
  office: OfficeNames,
  programmeName: string,
): TDocumentDefinitions {
  const page = A4_PORTRAIT;
  const phrase = actionPhrase(w.kind, w.programme, programmeName);
  const several = lines.length > 1;
  const pays = w.kind === 'grant' || w.kind === 'adjust' || w.kind === 'resume';
  const basis = [
    'Căn cứ Luật Tổ chức chính quyền địa phương ngày 16 tháng 6 năm 2025;',
    ...(w.programme === 'HTXH'
      ? [
          'Căn cứ Luật Bảo hiểm xã hội ngày 29 tháng 6 năm 2024;',
          'Căn cứ Nghị định số 176/2025/NĐ-CP của Chính phủ quy định chi tiết thi hành một số điều của Luật Bảo hiểm xã hội về trợ cấp hưu trí xã hội;',
        ]
      : [
          'Căn cứ Nghị định số 20/2021/NĐ-CP ngày 15 tháng 3 năm 2021 của Chính phủ quy định chính sách trợ giúp xã hội đối với đối tượng bảo trợ xã hội, được sửa đổi, bổ sung bởi Nghị định số 76/2024/NĐ-CP ngày 01 tháng 7 năm 2024;',
        ]),
    'Căn cứ Nghị định số 147/2025/NĐ-CP của Chính phủ về phân quyền, phân cấp trong lĩnh vực trợ giúp xã hội;',
    'Theo đề nghị của công chức phụ trách công tác lao động, thương binh và xã hội.',
  ];
  const who = several ? 'những người có tên' : `${honorific(lines[0]?.gender ?? null)} có tên`;
  const content: Content[] = [
    heading({ page, office, number: `Số: ${numberOf(w)}`, date: w.signedDate }),
    title('Quyết định', w.subject, [0, 18, 0, 6]),
    {
      text: `CHỦ TỊCH ${office.committeeCaps}`,
      bold: true,
      fontSize: SIZE.title,
      alignment: 'center',
      margin: [0, 6, 0, 12],
    },
    ...basis.map((b) => ({ ...(paragraph(b) as object), italics: true }) as Content),
    { text: 'QUYẾT ĐỊNH:', bold: true, fontSize: SIZE.title, alignment: 'center', margin: [0, 6, 0, 10] },
    article(
      1,
      several
        ? `${capitalise(phrase)} đối với ${lines.length} người có tên trong danh sách kèm theo Quyết định này (đối tượng, mức và thời điểm của từng người ghi trong danh sách).`
        : onePersonArticle(w, lines[0]!, phrase),
    ),
    article(
      2,
      pays
        ? `Công chức phụ trách công tác lao động, thương binh và xã hội lập danh sách và thực hiện chi trả cho ${who} tại Điều 1 theo quy định.`
        : `Công chức phụ trách công tác lao động, thương binh và xã hội dừng chi trả cho ${who} tại Điều 1 kể từ tháng ghi tại Điều 1.`,
    ),
    article(
      3,
      `Quyết định này có hiệu lực kể từ ngày ký. Văn phòng Hội đồng nhân dân và Ủy ban nhân dân ${office.locality}, công chức phụ trách công tác lao động, thương binh và xã hội, các cơ quan, đơn vị liên quan và ${who} tại Điều 1 chịu trách nhiệm thi hành Quyết định này.`,
    ),
    closing(['Như Điều 3', 'Lưu: VT, VHXH'], deciderSignature(w, office), page),
  ];
  if (several) {
    const dated = w.signedDate ? `ngày ${formatDateVi(w.signedDate)}` : 'ngày …/…/……';
    content.push(
      { text: 'DANH SÁCH', bold: true, fontSize: SIZE.title, alignment: 'center', pageBreak: 'before' },
      { text: capitalise(phrase), bold: true, fontSize: SIZE.title, alignment: 'center' },
      {
        text: `(Kèm theo Quyết định số ${numberOf(w)} ${dated} của Chủ tịch Ủy ban nhân dân ${office.locality})`,
        italics: true,
        alignment: 'center',
        margin: [0, 2, 0, 10],
      },
      dataTable<DecisionLine>({
        columns: [
          { header: 'STT', width: 24, align: 'center', value: (_, i) => String(i + 1) },
          { header: 'Họ và tên', width: '*', value: (l) => l.fullName },
          { header: 'Ngày sinh', width: 56, align: 'center', value: (l) => l.birthText },
          { header: 'Nơi cư trú', width: '*', value: (l) => where(l) },
          // The list goes to everyone "Như Điều 3": a protected group is not named on it.
          { header: 'Đối tượng', width: '*', value: (l) => (l.protected ? PROTECTED_GROUP_LABEL : l.groupLabel) },
          ...(pays
            ? [
                {
                  header: 'Mức (đồng/tháng)',
                  width: 58,
                  align: 'right' as const,
                  value: (l: DecisionLine) => money(l.amountVnd),
                },
              ]
            : []),
          { header: 'Từ tháng', width: 44, align: 'center', value: (l) => formatMonthVi(l.effectiveMonth) },
        ],
        rows: lines,
        fontSize: SIZE.table,
        total: [
          `Tổng cộng: ${lines.length} người`,
          '',
          '',
          '',
          '',
          ...(pays ? [money(lines.reduce((s, l) => s + (l.amountVnd ?? 0), 0))] : []),
          '',
        ],
        totalSpan: 4,
      }),
    );
  }
  return documentDefinition({ page, title: `Quyết định ${numberOf(w)}`, content });
}

export function postingListDocument(
  w: WardDecisionView,
  lines: readonly DecisionLine[],
  office: OfficeNames,
  programmeName: string,
  period: { from: IsoDate; to: IsoDate },
  printed: IsoDate,
): { definition: TDocumentDefinitions; posted: number } {
  const page = A4_PORTRAIT;
  const phrase = actionPhrase(w.kind, w.programme, programmeName);
  const pays = w.kind === 'grant' || w.kind === 'adjust' || w.kind === 'resume';
  // Decree 20/2021 Art. 8(2): posted "except information about people living with HIV".
  const posted = lines.filter((l) => !l.protected);
  const days = String(POSTING_WORKING_DAYS).padStart(2, '0');
  const content: Content[] = [
    heading({ page, office, number: null, date: printed }),
    title('Danh sách niêm yết công khai', `Đối tượng đề nghị ${phrase}`, [0, 18, 0, 4]),
    {
      text: `(Kèm theo dự thảo Quyết định số ${numberOf(w)} của Chủ tịch Ủy ban nhân dân ${office.locality})`,
      italics: true,
      alignment: 'center',
      margin: [0, 0, 0, 10],
    },
    paragraph([
      { text: 'Thời gian niêm yết: ', bold: true },
      {
        text: `từ ngày ${formatDateVi(period.from)} đến hết ngày ${formatDateVi(period.to)} (${days} ngày làm việc), tại trụ sở Ủy ban nhân dân ${office.locality}.`,
      },
    ] as Content[]),
    paragraph(
      `Ý kiến phản ánh về danh sách này xin gửi về Ủy ban nhân dân ${office.locality} trong thời gian niêm yết.`,
    ),
    posted.length
      ? dataTable<DecisionLine>({
          columns: [
            { header: 'STT', width: 24, align: 'center', value: (_, i) => String(i + 1) },
            { header: 'Họ và tên', width: '*', value: (l) => l.fullName },
            { header: 'Năm sinh', width: 40, align: 'center', value: (l) => l.birthYearText },
            { header: 'Nơi cư trú', width: '*', value: (l) => where(l) },
            { header: 'Đối tượng', width: '*', value: (l) => l.groupLabel },
            ...(pays
              ? [
                  {
                    header: 'Mức (đồng/tháng)',
                    width: 58,
                    align: 'right' as const,
                    value: (l: DecisionLine) => money(l.amountVnd),
                  },
                ]
              : []),
            { header: 'Từ tháng', width: 44, align: 'center', value: (l) => formatMonthVi(l.effectiveMonth) },
          ],
          rows: posted,
          fontSize: SIZE.table,
          total: [`Tổng cộng: ${posted.length} người`, '', '', '', '', ...(pays ? [''] : []), ''],
          totalSpan: 4,
        })
      : paragraph('Không có người nào thuộc diện niêm yết công khai.'),
    signatureRow(
      [
        { titles: ['Người lập danh sách'], hint: '(Ký, ghi rõ họ tên)', name: office.officer },
        chairmanSignature(office, w.signerRole === 'deputy'),
      ],
      [0, 16, 0, 0],
      page.contentWidth,
    ),
  ];
  return {
    definition: documentDefinition({ page, title: `Danh sách niêm yết ${numberOf(w)}`, content }),
    posted: posted.length,
  };
}
