import { describe, expect, it } from 'vitest';
import { A4_LANDSCAPE, A4_PORTRAIT, documentDefinition, renderPdf } from '../../main/documents';
import { pdfFacts } from '../../main/documents/print';

// The printer is told the document's page count and orientation, read from the PDF itself.
describe('pdfFacts', () => {
  it('reads the page count and the orientation of a rendered PDF', async () => {
    const text = (n: number) =>
      Array.from({ length: n }, (_v, i) => ({
        text: `Trang ${i + 1}`,
        pageBreak: i > 0 ? ('before' as const) : undefined,
      }));
    const landscape = await renderPdf(documentDefinition({ page: A4_LANDSCAPE, title: 'x', content: text(3) }));
    expect(pdfFacts(landscape.buffer)).toEqual({ pages: 3, orientation: 'landscape' });
    const portrait = await renderPdf(documentDefinition({ page: A4_PORTRAIT, title: 'x', content: text(1) }));
    expect(pdfFacts(portrait.buffer)).toEqual({ pages: 1, orientation: 'portrait' });
  });
});
