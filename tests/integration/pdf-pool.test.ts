import { build } from 'esbuild';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Content } from 'pdfmake/interfaces';
import {
  A4_LANDSCAPE,
  chairmanSignature,
  dataTable,
  documentDefinition,
  findFontsDir,
  keptClosing,
  officeNames,
  renderPdf,
  signatureRow,
  title,
} from '../../main/documents';
import { EMPTY_OFFICE_SETTINGS } from '@shared/api/settings';
import { closePdfPool, PdfPool, usePdfPool } from '../../main/documents/pdf/pool';
import { renderInThisThread } from '../../main/documents/pdf/render';
import { pdfText, savePdf } from '../support/pdf';
import { tempDir } from '../support/temp';

// The PDF pool (main/documents/pdf/pool.ts): documents laid out in worker threads, from the definition
// sent as data (the page-number header and the table layout included), with a heap limit and a time
// limit that end a runaway render with a Vietnamese message. The pool's worker is bundled here from
// main/documents/pdf/pool-worker.ts with esbuild, as scripts/build-main.mjs bundles dist/main/pdf-worker.js.

const { dir, cleanup } = tempDir('so-an-sinh-pdf-pool-');
let workerFile: string;
const ROOT = resolve(__dirname, '../..');

beforeAll(async () => {
  workerFile = join(dir, 'pdf-worker.js');
  await build({
    entryPoints: [join(ROOT, 'main/documents/pdf/pool-worker.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: workerFile,
    external: ['pdfmake'],
    nodePaths: [join(ROOT, 'node_modules')],
    logLevel: 'warning',
  });
  // The bundle sits in a temp folder: tell it where the fonts are (a packaged app finds them itself).
  process.env.SO_AN_SINH_FONTS = findFontsDir({ from: ROOT });
  process.env.NODE_PATH = join(ROOT, 'node_modules');
});

afterAll(async () => {
  await closePdfPool();
  cleanup();
});

type Row = { n: number; name: string };
function list(rows: number): ReturnType<typeof documentDefinition> {
  const data: Row[] = Array.from({ length: rows }, (_, i) => ({ n: i + 1, name: `Nguyễn Văn Ơn ${i + 1}` }));
  const content: Content[] = [
    title('Danh sách chi trả', 'Tháng 12/2026'),
    dataTable<Row>({
      columns: [
        { header: 'STT', width: 40, align: 'center', value: (r) => String(r.n) },
        { header: 'Họ và tên', width: '*', value: (r) => r.name },
      ],
      rows: data,
      numberRow: true,
    }),
  ];
  return documentDefinition({ page: A4_LANDSCAPE, title: 'Danh sách', content });
}

describe('the PDF pool', () => {
  it('renders in a worker thread what the same code renders in this thread: header, table layout, text', async () => {
    usePdfPool(workerFile);
    const pooled = await renderPdf(list(120));
    const local = await renderInThisThread(list(120));
    expect(pooled.pages).toBe(local.pages);
    expect(pooled.pages).toBeGreaterThan(2);
    const text = pdfText(savePdf(dir, 'pooled.pdf', pooled.buffer));
    expect(text).toContain('Nguyễn Văn Ơn 120');
    // The page-number header came back to life in the worker: "2" on page 2.
    expect(
      pdfText(savePdf(dir, 'p2.pdf', pooled.buffer), { first: 2, last: 2 })
        .trim()
        .split('\n')[0],
    ).toBe('2');
    expect(text).toBe(pdfText(savePdf(dir, 'local.pdf', local.buffer)));
  });

  it('sends the keep-together rule and the signature table as data: the worker keeps the last rows with the closing', async () => {
    usePdfPool(workerFile);
    // Row counts around the page end, so that in some of them the closing would fall alone on the last page.
    let moved = 0;
    for (let n = 10; n <= 20; n++) {
      const def = (): ReturnType<typeof documentDefinition> => {
        const d = list(n);
        (d.content as Content[])[1] = dataTable<Row>({
          columns: [
            { header: 'STT', width: 40, align: 'center', value: (r) => String(r.n) },
            { header: 'Họ và tên', width: '*', value: (r) => r.name },
          ],
          rows: Array.from({ length: n }, (_, i) => ({ n: i + 1, name: `Nguyễn Văn Ơn ${i + 1}` })),
          numberRow: true,
          rowHeight: 20,
          keep: { name: 'pool', rows: 2 },
        });
        (d.content as Content[]).push(
          keptClosing('pool', [
            signatureRow(
              [
                { titles: ['Người lập biểu'], name: 'Trần Thị Hường' },
                chairmanSignature(
                  officeNames({
                    ...EMPTY_OFFICE_SETTINGS,
                    unitName: 'UBND phường Đức Nghĩa',
                    chairmanName: 'Nguyễn Văn Chủ',
                  }),
                ),
              ],
              [0, 12, 0, 0],
              A4_LANDSCAPE.contentWidth,
            ),
          ]),
        );
        return {
          ...d,
          pageBreakBefore: documentDefinition({ title: 'x', content: d.content as Content[], keepTogether: true })
            .pageBreakBefore,
        };
      };
      const pooled = await renderPdf(def());
      const local = await renderInThisThread(def());
      expect(pooled.pages).toBe(local.pages);
      const path = savePdf(dir, `keep-${n}.pdf`, pooled.buffer);
      expect(pdfText(path)).toBe(pdfText(savePdf(dir, `keep-local-${n}.pdf`, local.buffer)));
      const last = pdfText(path, { first: pooled.pages, last: pooled.pages });
      expect(last).toContain('TM. ỦY BAN NHÂN DÂN');
      expect(last).toContain(`Nguyễn Văn Ơn ${n - 1}`);
      expect(last).toContain(`Nguyễn Văn Ơn ${n}`);
      // Only the two kept rows on the last page: the rule moved them there.
      if (pooled.pages > 1 && last.match(/Nguyễn Văn Ơn \d+/g)!.length === 2) moved++;
    }
    expect(moved).toBeGreaterThan(0);
  });

  it('refuses a definition with a function it cannot send, instead of rendering something else', async () => {
    usePdfPool(workerFile);
    await expect(renderPdf({ content: ['x'], footer: () => 'x' })).rejects.toThrow(
      /footer is a function without a plain form/,
    );
    await expect(
      renderPdf({ content: [{ table: { body: [['a']] }, layout: { hLineWidth: () => 1 } }] }),
    ).rejects.toThrow(/could not be cloned|clone/i);
  });

  it('ends a render over its time limit with a Vietnamese message, and the next render works', async () => {
    const pool = new PdfPool(workerFile, { timeLimitMs: 50, size: 1 });
    try {
      await expect(pool.render(list(3000))).rejects.toThrow(/Tạo tài liệu PDF mất quá 1 phút nên đã dừng/);
    } finally {
      await pool.close();
    }
    const again = new PdfPool(workerFile, { size: 1 });
    await expect(again.render(list(5))).resolves.toMatchObject({ pages: 1 });
    await again.close();
  });

  it('ends a render over its heap limit with a Vietnamese message', async () => {
    const pool = new PdfPool(workerFile, { maxOldGenerationSizeMb: 24, size: 1 });
    try {
      await expect(pool.render(list(20_000))).rejects.toThrow(/quá lớn, vượt giới hạn bộ nhớ/);
    } finally {
      await pool.close();
    }
  });
});
