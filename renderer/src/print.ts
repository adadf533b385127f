import type { PrintedPdf } from '@shared/api/forms';
import { downloadFile } from './download';

// Hands a printed PDF to the user. In the desktop app main has already opened it in the system's PDF
// viewer (printed.opened); in the browser harness it downloads. Returns the sentence to show
// ("Đã mở giấy ủy quyền để in." / "Đã tải giấy ủy quyền về máy (PDF, 1 trang)."), short enough for a table cell.

export const PDF_TYPE = 'application/pdf';

export function handOverPdf(printed: PrintedPdf, what: string): string {
  if (printed.opened) return `Đã mở ${what} để in.`;
  downloadFile(printed.fileName, printed.contentBase64, PDF_TYPE);
  return `Đã tải ${what} về máy (PDF, ${printed.pages.toLocaleString('vi-VN')} trang).`;
}
