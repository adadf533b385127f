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
import { pdfBuilder, renderBuilt, renderInThisThread } from '../../main/documents/pdf/render';
import { buildListRows, type ListContext } from '../../main/services/payroll-files/list-rows';
import { listDefinition, renderListPdfFromLines } from '../../main/services/payroll-files/list-pdf';
import type { FileLine, PayoutMethod } from '../../main/services/payroll-files/lines';
import { AUTHORIZATION_FORMS_PDF } from '../../main/services/forms/batch-pdf';
import { authorizationForm } from '../../main/services/forms/authorization-form';
import type { AuthorizationOnForm, PersonOnForm } from '../../main/services/forms/data';
import { pdfText, savePdf } from '../support/pdf';
import { tempDir } from '../support/temp';

// The PDF pool (main/documents/pdf/pool.ts): documents laid out in worker threads, from the definition
// sent as data (the page-number header and the table layout included), with a heap limit and a time
// limit that end a runaway render with a Vietnamese message; long lists and form batches built in the pool
// thread from their rows (renderBuilt) give the same text as the definition built in the core. The pool's
// worker is bundled here from main/pdf-worker.ts with esbuild, as scripts/build-main.mjs bundles
// dist/main/pdf-worker.js.

const { dir, cleanup } = tempDir('so-an-sinh-pdf-pool-');
let workerFile: string;
const ROOT = resolve(__dirname, '../..');

beforeAll(async () => {
  workerFile = join(dir, 'pdf-worker.js');
  await build({
    entryPoints: [join(ROOT, 'main/pdf-worker.ts')],
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    outfile: workerFile,
    external: ['pdfmake', 'better-sqlite3'],
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

  it('builds a cash list in the pool thread from its lines: the same text, pages, count and total as the definition built here', async () => {
    usePdfPool(workerFile);
    const lines = cashLines(700); // several slices of rows, ~40 pages
    const context: ListContext = {
      kind: 'cash',
      unitName: 'UBND phường Đức Nghĩa',
      parentBody: 'UBND thành phố Phan Thiết',
      placeName: 'Phan Thiết',
      chairmanName: 'Nguyễn Văn Chủ',
      officerName: 'Trần Thị Hường',
      month: '2026-12',
      programmeLabel: 'TRỢ CẤP XÃ HỘI HẰNG THÁNG',
      neighbourhood: 'Khu phố 3',
      date: '2026-12-05',
    };
    // Before: the core built the rows and the definition, and only the layout ran elsewhere.
    const before = listDefinition(context, buildListRows(lines));
    const old = await renderInThisThread(before.definition);
    const pooled = await renderListPdfFromLines(context, lines);
    expect(pooled.pages).toBe(old.pages);
    expect(pooled.pages).toBeGreaterThan(20);
    expect({ count: pooled.count, totalVnd: pooled.totalVnd }).toEqual({
      count: before.totals.count,
      totalVnd: before.totals.totalVnd,
    });
    const text = pdfText(savePdf(dir, 'list-pooled.pdf', pooled.content), { layout: true });
    expect(text).toBe(pdfText(savePdf(dir, 'list-core.pdf', old.buffer), { layout: true }));
    expect(text).toContain('Người 700');
    expect(text).toMatch(/BTXH-5A1/); // a group code printed as one unbreakable word
    expect(text).toContain('1.500.000'); // arrears
    expect(text).toContain('8.100.000'); // funeral support
  });

  it('builds a batch of authorization forms in the pool thread: the same text as the definition built here', async () => {
    usePdfPool(workerFile);
    const office = officeNames({
      ...EMPTY_OFFICE_SETTINGS,
      unitName: 'UBND phường Đức Nghĩa',
      chairmanName: 'Nguyễn Văn Chủ',
    });
    const forms = Array.from({ length: 30 }, (_, i) => form(i));
    const input = { title: 'Giấy ủy quyền chờ chứng thực', office };
    const pooled = await renderBuilt(AUTHORIZATION_FORMS_PDF, input, forms);
    const old = await renderInThisThread(
      documentDefinition({
        title: input.title,
        pageNumbers: false,
        content: forms.map((f, i) => authorizationForm(f, office, i === 0)),
      }),
    );
    expect(pooled.pages).toBe(old.pages);
    expect(pooled.pages).toBe(30);
    expect(pdfText(savePdf(dir, 'forms-pooled.pdf', pooled.buffer), { layout: true })).toBe(
      pdfText(savePdf(dir, 'forms-core.pdf', old.buffer), { layout: true }),
    );
  });

  it('ends a built list over its time limit (rows still arriving or laying out) with the Vietnamese message, and the next works', async () => {
    const pool = new PdfPool(workerFile, { timeLimitMs: 50, size: 1 });
    const context: ListContext = {
      kind: 'post',
      unitName: 'UBND phường Đức Nghĩa',
      parentBody: '',
      placeName: 'Phan Thiết',
      chairmanName: '',
      officerName: '',
      month: '2026-12',
      programmeLabel: 'TRỢ CẤP XÃ HỘI HẰNG THÁNG',
      neighbourhood: '',
      date: '2026-12-05',
    };
    try {
      await expect(pool.build('payroll-files.list', context, cashLines(3000))).rejects.toThrow(
        /Tạo tài liệu PDF mất quá 1 phút nên đã dừng/,
      );
      // A new pool's thread builds a list from rows as usual (the count and total come back with the bytes).
      const again = new PdfPool(workerFile, { size: 1 });
      try {
        const small = await again.build('payroll-files.list', context, cashLines(5));
        expect(small.meta).toEqual({ count: 5, totalVnd: 5 * 750_000 });
      } finally {
        await again.close();
      }
    } finally {
      await pool.close();
    }
  });

  it('fails a render whose builder the pool thread does not load, with the builder named', async () => {
    usePdfPool(workerFile);
    const stray = pdfBuilder('tests.not-in-the-worker', (_input: null, rows: readonly string[]) => ({
      definition: { content: [...rows] },
      meta: null,
    }));
    await expect(renderBuilt(stray, null, ['x'])).rejects.toThrow(/tests\.not-in-the-worker/);
  });
});

/** Cash lines of a neighbourhood: some people with two lines (arrears, funeral), receivers, codes, notes. */
function cashLines(people: number): FileLine[] {
  const lines: FileLine[] = [];
  for (let i = 1; i <= people; i++) {
    const base = {
      payrollId: 1,
      programme: 'BTXH',
      personId: i,
      fullName: `Nguyễn Thị Người ${i}`,
      birthText: i % 5 ? `0${1 + (i % 9)}/0${1 + (i % 9)}/19${40 + (i % 50)}` : `19${40 + (i % 50)}`,
      citizenId: i % 11 ? `0011900${String(i).padStart(5, '0')}` : null,
      neighbourhood: 'Khu phố 3',
      address: i % 7 ? `${i} đường Trần Hưng Đạo, Khu phố 3` : '',
      groupCode: i % 13 ? 'BTXH-5A1' : 'BTXH-6A',
      groupLabel: i % 3 ? 'Người cao tuổi từ đủ 80 tuổi trở lên' : '',
      coefficientMilli: 1500,
      standardVnd: 500_000,
      method: 'CASH_WARD' as PayoutMethod,
      bankCode: null,
      bankName: '',
      napasBin: '',
      branch: '',
      accountNumber: null,
      holderName: null,
      receiverName: i % 17 ? null : `Con của người ${i}`,
      attention: '',
      order: i,
    };
    lines.push({ ...base, id: lines.length + 1, kind: 'regular', amountVnd: i % 19 ? 750_000 : 812_345 });
    if (i % 23 === 0)
      lines.push({
        ...base,
        id: lines.length + 1,
        kind: 'arrears',
        amountVnd: 1_500_000,
        note: 'Truy lĩnh từ tháng 09/2026 đến tháng 11/2026 (3 tháng)',
      });
    if (i % 97 === 0) lines.push({ ...base, id: lines.length + 1, kind: 'funeral', amountVnd: 8_100_000 });
  }
  return lines;
}

function person(i: number, who: string): PersonOnForm {
  return {
    id: i,
    fullName: `${who} Văn Ơn ${i}`,
    birth: '05/03/1948',
    gender: 'Nam',
    idNumber: `0010480${String(i).padStart(5, '0')}`,
    idKind: 'CCCD',
    idIssueDate: i % 2 ? '01/02/2021' : '',
    idIssuePlace: 'Cục Cảnh sát QLHC về TTXH',
    address: `${i} Trần Hưng Đạo, Khu phố 2`,
    phone: i % 3 ? '0912345678' : '',
  };
}

function form(i: number): AuthorizationOnForm {
  return {
    id: i,
    giver: person(i, 'Nguyễn'),
    entitlements: [
      {
        programme: 'BTXH',
        programmeName: 'Trợ cấp xã hội hằng tháng',
        groupLabel: 'Người cao tuổi từ đủ 80 tuổi trở lên',
        groupCode: 'BTXH-5A1',
        decision: 'số 12/QĐ-UBND ngày 05/01/2026',
        amountVnd: 750_000,
      },
    ],
    monthlyVnd: 750_000,
    receiver: person(i + 1000, 'Trần'),
    relationship: 'Con',
    account:
      i % 2
        ? { accountNumber: '4600212345678', holderName: 'Trần Văn Ơn', bankName: 'Agribank', branch: 'Phan Thiết' }
        : null,
    validFrom: '2026-12-01',
    validTo: '2027-11-30',
    certifiedDate: null,
    scopeNote: i % 4 ? '' : 'Chỉ nhận trợ cấp tháng 12',
  };
}
