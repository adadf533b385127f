import { describe, expect, it } from 'vitest';
import { printOptions } from '../../main/electron/print';

// The options main's hidden print window passes to webContents.print: the system dialog (never silent),
// A4, and the document's own orientation (read from the PDF by main/documents/print.ts).
describe('printOptions', () => {
  it('asks for the system dialog, A4, landscape only for a landscape document', () => {
    const spec = { document: 'danh sách chi trả tiền mặt', fileName: 'x.pdf', pageSize: 'A4' as const, pages: 2 };
    expect(printOptions({ ...spec, orientation: 'landscape' })).toMatchObject({
      silent: false,
      pageSize: 'A4',
      landscape: true,
    });
    expect(printOptions({ ...spec, orientation: 'portrait' })).toMatchObject({
      silent: false,
      pageSize: 'A4',
      landscape: false,
    });
  });
});
