import type { Content } from 'pdfmake/interfaces';
import { A4_PORTRAIT, dataTable, documentDefinition, paragraph, renderPdf, title } from '../../documents';
import { HELP_F1_HINT, MONTHLY_CYCLE } from '@shared/help/pages';

// The quick guide for the office wall: the monthly cycle step by step, on A4 portrait, laid out with the
// shared document pieces (Tinos embedded) from the same text the in-app help shows (shared/help/pages.ts),
// sized (11 pt) to fit one page.

export const QUICK_GUIDE_FILE = 'huong-dan-nhanh-so-an-sinh.pdf';

const TIPS: readonly string[] = [
  HELP_F1_HINT,
  'Ghi nhầm báo tử hoặc đổi hình thức nhận trong ngày, hay nhập nhầm một tệp Excel: dùng nút Hoàn tác (khi chưa có việc gì dựa vào đó).',
  'Rời máy: bấm Khoá màn hình; mở lại bằng mật khẩu, những gì đang nhập vẫn còn.',
  'Mỗi người dùng một tài khoản riêng; không cho người khác dùng mật khẩu của mình.',
];

export function quickGuideContent(): Content[] {
  return [
    title('HƯỚNG DẪN NHANH SỬ DỤNG SỔ AN SINH', 'Chu trình chi trả trợ cấp hằng tháng', [0, 0, 0, 10]),
    dataTable({
      columns: [
        { header: 'Bước', width: 34, align: 'center', value: (_s, i) => String(i + 1) },
        { header: 'Việc cần làm', width: 110, value: (s) => s.title },
        { header: 'Ở đâu trong ứng dụng', width: 100, value: (s) => s.where },
        { header: 'Cách làm', width: '*', value: (s) => s.text },
      ],
      rows: MONTHLY_CYCLE,
      fontSize: 11,
    }),
    { text: 'Lưu ý', bold: true, fontSize: 12, margin: [0, 10, 0, 2] },
    ...TIPS.map((tip) => paragraph(`– ${tip}`, { fontSize: 11 })),
  ];
}

export async function renderQuickGuide(): Promise<{ buffer: Buffer; pages: number }> {
  return renderPdf(
    documentDefinition({
      page: A4_PORTRAIT,
      title: 'Hướng dẫn nhanh Sổ An Sinh',
      pageNumbers: true,
      content: quickGuideContent(),
    }),
  );
}
