// Printed documents (PDF, pdfmake 0.3 with Tinos embedded), laid out per Decree 30/2020 (shared/domain/documents.md).
//
// How a document uses this module (e.g. a payout list or a province report):
//
//   const office = officeNames(getOfficeSettings(ctx));          // names, place, signer: settings
//   const page = A4_LANDSCAPE;                                     // or A4_PORTRAIT
//   const { buffer, pages } = await renderPdf(documentDefinition({
//     page, title: 'Danh sách chi trả tháng 01/2026',
//     content: [
//       heading({ page, office, number: numberLine(null, 'UBND-VX'), date: '2026-01-05' }),
//       title('Danh sách chi trả trợ cấp xã hội hằng tháng', 'Tháng 01/2026'),
//       dataTable({ columns, rows, numberRow: true, total, keep: { name: 'list', rows: 2 } }), // header repeats
//       keptClosing('list', [                                          // never alone on a page: the last two
//         amountInWordsLine(totalVnd, 'Tổng số tiền bằng chữ'),      // rows and the total go with it
//         signatureRow([{ titles: ['Người lập biểu'], hint: '(Ký, ghi rõ họ tên)', name: office.officer }, …,
//                       chairmanSignature(office)], [0, 12, 0, 0], page.contentWidth),
//       ]),
//     ],
//     keepTogether: true,
//   }));
//
// renderPdf normalises text to NFC, sets Tinos 13 pt, and returns the bytes and the page count; fonts are
// read once per process and nothing else is read from disk or network. documentDefinition adds page
// numbers (top centre, from page 2; pass pageNumbers: false for a batch of one-page forms). Several
// documents in one PDF: put `pageBreak: 'before'` on the first node of each one after the first.
// Layout is synchronous and blocks the process (1.5–15 ms a page by machine): run more than a few dozen
// pages as a job (main/jobs.ts).
// Hand the result to the user with deliverPdf (open.ts): the desktop app opens it in the system viewer,
// the browser harness gets it back as base64 to download. File names without diacritics.

export * from './pdf/decree30';
export { renderPdf, textWidth, type RenderedPdf } from './pdf/render';
export { findFontsDir, FONT_FAMILY } from './pdf/fonts';
export { clearPrintouts, deliverPdf, savePrintout, setPdfOpener, type PdfOpener } from './open';
