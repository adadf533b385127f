import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import zlib from 'node:zlib';

// The hostile-file corpus, generated (never committed as binaries): zip bombs by shared strings and by
// sheet size (honest and lying sizes), 200,000 rows, a 10 MB cell (inline and shared), truncated and
// mislabelled files, random bytes, too many entries, an XML entity bomb, control characters and formulas.
// Bombs are written without ever holding their inflated bytes: one deflate block of repeated XML, ended
// with a full flush (so it refers to nothing before it), is repeated N times and closed by a final block.
//
// A small OOXML writer is enough here: the files must be exactly as hostile as described, which a
// spreadsheet library would not write.

export interface HostileFile {
  name: string;
  bytes: Buffer;
  /** What the importers must do: refuse with a message matching `message`, or read it ('ok'). */
  expect: { register: RegExp | 'ok'; result: RegExp | 'ok' };
  note: string;
}

interface ZipEntry {
  name: string;
  /** Deflated bytes, the real uncompressed size and CRC. */
  compressed: Buffer;
  size: number;
  crc: number;
  /** What the directory claims (a lying file); defaults to the truth. */
  declaredSize?: number;
}

const crc32 = (data: Buffer, value = 0): number =>
  (zlib as unknown as { crc32(d: Buffer, v?: number): number }).crc32(data, value);

function deflated(name: string, data: Buffer | string): ZipEntry {
  const buf = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
  return { name, compressed: zlib.deflateRawSync(buf), size: buf.length, crc: crc32(buf) };
}

/** head + unit×times + tail, deflated without building it: the bomb's inflated bytes never exist here. */
function repeated(name: string, head: string, unit: string, times: number, tail: string): ZipEntry {
  const flush = { finishFlush: zlib.constants.Z_FULL_FLUSH };
  const headBuf = Buffer.from(head);
  // ~1 MB of the unit per block.
  const perBlock = Math.max(1, Math.floor((1 << 20) / Buffer.byteLength(unit)));
  const blockBuf = Buffer.from(unit.repeat(perBlock));
  const blocks = Math.floor(times / perBlock);
  const restBuf = Buffer.from(unit.repeat(times - blocks * perBlock) + tail);
  const parts = [zlib.deflateRawSync(headBuf, flush)];
  const block = zlib.deflateRawSync(blockBuf, flush);
  for (let i = 0; i < blocks; i++) parts.push(block);
  parts.push(zlib.deflateRawSync(restBuf)); // final block
  let crc = crc32(headBuf);
  for (let i = 0; i < blocks; i++) crc = crc32(blockBuf, crc);
  crc = crc32(restBuf, crc);
  return {
    name,
    compressed: Buffer.concat(parts),
    size: headBuf.length + blocks * blockBuf.length + restBuf.length,
    crc,
  };
}

export function zip(entries: ZipEntry[]): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const size = e.declaredSize ?? e.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(e.crc >>> 0, 14);
    local.writeUInt32LE(e.compressed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, e.compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(e.crc >>> 0, 16);
    central.writeUInt32LE(e.compressed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + e.compressed.length;
  }
  const dir = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(entries.length, 8);
  end.writeUInt16LE(entries.length, 10);
  end.writeUInt32LE(dir.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, dir, end]);
}

const CONTENT_TYPES = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`;
const ROOT_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`;
const WORKBOOK = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Danh sách" sheetId="1" r:id="rId1"/></sheets></workbook>`;
const WORKBOOK_RELS = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`;
const SHEET_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>';
const SHEET_TAIL = '</sheetData></worksheet>';
const SST_HEAD =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">';
const SST_TAIL = '</sst>';

const escapeXml = (s: string) =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const colLetter = (c: number): string =>
  c < 26 ? String.fromCharCode(65 + c) : colLetter(Math.floor(c / 26) - 1) + String.fromCharCode(65 + (c % 26));

type XCell = string | number | { formula: string; result: string | number };

function cellXml(r: number, c: number, v: XCell): string {
  const ref = `${colLetter(c)}${r}`;
  if (typeof v === 'number') return `<c r="${ref}"><v>${v}</v></c>`;
  if (typeof v === 'string')
    return `<c r="${ref}" t="inlineStr"><is><t xml:space="preserve">${escapeXml(v)}</t></is></c>`;
  const t = typeof v.result === 'string' ? ' t="str"' : '';
  return `<c r="${ref}"${t}><f>${escapeXml(v.formula)}</f><v>${escapeXml(String(v.result))}</v></c>`;
}

const rowXml = (r: number, cells: XCell[]) => `<row r="${r}">${cells.map((v, c) => cellXml(r, c, v)).join('')}</row>`;

/** A one-sheet workbook from rows, with an optional shared-strings part and extra sheet XML. */
function workbook(opts: { sheet?: ZipEntry; sharedStrings?: ZipEntry; rows?: XCell[][]; extra?: ZipEntry[] }): Buffer {
  const sheet =
    opts.sheet ??
    deflated(
      'xl/worksheets/sheet1.xml',
      SHEET_HEAD + (opts.rows ?? []).map((cells, i) => rowXml(i + 1, cells)).join('') + SHEET_TAIL,
    );
  return zip([
    deflated('[Content_Types].xml', CONTENT_TYPES),
    deflated('_rels/.rels', ROOT_RELS),
    deflated('xl/workbook.xml', WORKBOOK),
    deflated('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    ...(opts.sharedStrings ? [opts.sharedStrings] : []),
    sheet,
    ...(opts.extra ?? []),
  ]);
}

const RESULT_HEADER: XCell[] = [
  'STT',
  'Số tài khoản',
  'Tên chủ tài khoản',
  'Số tiền',
  'Trạng thái',
  'Lý do',
  'Mã giao dịch',
];
const REGISTER_HEADER: XCell[] = [
  'STT',
  'Họ và tên',
  'Ngày sinh',
  'Giới tính',
  'Số CCCD',
  'Khu phố',
  'Đối tượng',
  'Hệ số',
  'Mức trợ cấp',
];

/** Letters that deflate poorly (a text bomb that passes the ratio check and must be stopped while streaming). */
const randomText = (bytes: number): string =>
  randomBytes(Math.ceil((bytes * 3) / 4))
    .toString('base64')
    .replace(/[+/=]/g, 'x')
    .slice(0, bytes);

/** Messages (Vietnamese) each refusal must carry; loose on purpose: the wording may be improved. */
const M = {
  bomb: /giải nén|nén bất thường/,
  damaged: /hỏng|không trọn vẹn/,
  rows: /hơn 150\.000 dòng/,
  text: /văn bản quá dài|dài hơn 32\.767/,
  notExcel: /không phải là tệp Excel|không phải là sổ làm việc Excel/,
  entries: /quá nhiều thành phần/,
  textFile: /Tệp là văn bản/,
  word: /tệp Word/,
  notFound: /Không tìm thấy dòng tiêu đề/,
};

/** A bank result file at the design size (benign): `lines` rows for one account and amount. */
export function bigResultFile(lines: number, account: string, amountVnd: number): Buffer {
  const rows: XCell[][] = [RESULT_HEADER];
  for (let i = 0; i < lines; i++)
    rows.push([
      i + 1,
      account,
      'NGUYỄN VĂN ƠN',
      amountVnd,
      i % 10 ? 'Thành công' : 'Thất bại',
      i % 10 ? '' : 'Tài khoản bị phong tỏa',
      `FT${i}`,
    ]);
  return workbook({ rows });
}

export interface Corpus {
  files: HostileFile[];
  /** The account and amount of the one line the result files' benign rows are about. */
  account: string;
  amountVnd: number;
}

/** The whole corpus; about 60 MB of files, built in a few seconds. */
export function hostileCorpus(
  sampleXlsx: Buffer = readFileSync(join(__dirname, '../fixtures/so-doi-tuong-phuong-mau.xlsx')),
): Corpus {
  const account = '0100000000001';
  const amountVnd = 500_000;
  const files: HostileFile[] = [];
  const add = (name: string, bytes: Buffer, register: RegExp | 'ok', result: RegExp | 'ok', note: string) =>
    files.push({ name, bytes, expect: { register, result }, note });

  // Zip bombs, sizes declared honestly: refused from the central directory, before anything is inflated.
  add(
    'bom-chuoi-dung-chung.xlsx',
    workbook({
      sharedStrings: repeated('xl/sharedStrings.xml', SST_HEAD, '<si><t>Nguyễn Văn Ơn</t></si>', 20_000_000, SST_TAIL),
      rows: [RESULT_HEADER],
    }),
    M.bomb,
    M.bomb,
    'shared strings inflating to ~560 MB',
  );
  add(
    'bom-trang-tinh.xlsx',
    workbook({
      sheet: repeated(
        'xl/worksheets/sheet1.xml',
        SHEET_HEAD,
        '<row><c t="inlineStr"><is><t>Thành công</t></is></c></row>',
        8_000_000,
        SHEET_TAIL,
      ),
    }),
    M.bomb,
    M.bomb,
    'sheet inflating to ~480 MB',
  );
  // The same sheet bomb, its directory claiming 900 KB: yauzl stops the entry at the declared size.
  const lying = repeated(
    'xl/worksheets/sheet1.xml',
    SHEET_HEAD,
    '<row><c t="inlineStr"><is><t>Thành công</t></is></c></row>',
    8_000_000,
    SHEET_TAIL,
  );
  add(
    'bom-khai-sai-kich-thuoc.xlsx',
    workbook({ sheet: { ...lying, declaredSize: 900_000 } }),
    M.damaged,
    M.damaged,
    'sheet bomb whose directory lies about its size',
  );

  // 200,000 rows: past the row limit, stopped while streaming (the file itself passes the zip checks).
  const many: XCell[][] = [RESULT_HEADER];
  for (let i = 0; i < 200_000; i++)
    many.push([i + 1, `0${100_000_000_000 + i}`, 'NGUYEN VAN ON', 500_000, 'Thành công', '', `FT${i}`]);
  add('200000-dong.xlsx', workbook({ rows: many }), M.rows, M.rows, '200,000 data rows');

  // A 10 MB cell, inline and as a shared string (random letters: deflates ~1.3:1, passes the ratio check).
  const big = randomText(10 * 1024 * 1024);
  add(
    'o-10mb.xlsx',
    workbook({ rows: [RESULT_HEADER, [1, account, big, amountVnd, 'Thành công', '', 'FT1']] }),
    M.text,
    M.text,
    'one inline cell of 10 MB',
  );
  add(
    'o-10mb-chuoi-dung-chung.xlsx',
    workbook({
      sharedStrings: deflated('xl/sharedStrings.xml', `${SST_HEAD}<si><t>${big}</t></si>${SST_TAIL}`),
      rows: [RESULT_HEADER],
      sheet: deflated(
        'xl/worksheets/sheet1.xml',
        `${SHEET_HEAD}${rowXml(1, RESULT_HEADER)}<row r="2"><c r="A2" t="s"><v>0</v></c></row>${SHEET_TAIL}`,
      ),
    }),
    M.text,
    M.text,
    'one shared string of 10 MB',
  );
  // The same text in rich-text runs of 1 KB each: still one cell, still too long.
  const runs = big
    .slice(0, 1024 * 1024)
    .match(/.{1,1024}/g)!
    .map((t) => `<r><t>${t}</t></r>`)
    .join('');
  add(
    'o-1mb-nhieu-doan.xlsx',
    workbook({
      sharedStrings: deflated('xl/sharedStrings.xml', `${SST_HEAD}<si>${runs}</si>${SST_TAIL}`),
      rows: [RESULT_HEADER],
    }),
    M.text,
    M.text,
    'a 1 MB shared string in 1,024 rich-text runs',
  );

  // Truncated, mislabelled, random.
  add(
    'cat-ngang.xlsx',
    sampleXlsx.subarray(0, Math.floor(sampleXlsx.length / 2)),
    M.damaged,
    M.damaged,
    'the sample register cut in half',
  );
  add(
    'cat-cuoi.xlsx',
    sampleXlsx.subarray(0, sampleXlsx.length - 10),
    M.damaged,
    M.damaged,
    'the sample register missing its last 10 bytes',
  );
  add('ngau-nhien.xlsx', randomBytes(1024 * 1024), M.notExcel, M.notExcel, '1 MB of random bytes');
  add(
    'ngau-nhien-pk.xlsx',
    Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), randomBytes(1024 * 1024)]),
    M.damaged,
    M.damaged,
    'random bytes behind a zip signature',
  );
  add(
    'zip-khong-phai-excel.xlsx',
    zip([deflated('ghi-chu.txt', 'Không phải sổ Excel')]),
    M.notExcel,
    M.notExcel,
    'a zip holding a text file',
  );
  add(
    'word-doi-duoi.xlsx',
    zip([deflated('[Content_Types].xml', '<Types/>'), deflated('word/document.xml', '<w:document/>')]),
    M.word,
    M.word,
    'a Word document renamed .xlsx',
  );
  add(
    'qua-nhieu-thanh-phan.xlsx',
    zip([
      ...Array.from({ length: 2_000 }, (_, i) => deflated(`xl/media/anh${i}.xml`, '<a/>')),
      deflated('xl/workbook.xml', WORKBOOK),
    ]),
    M.entries,
    M.entries,
    '2,000 entries',
  );
  const csv = `Số tài khoản,Số tiền,Trạng thái\n${account},${amountVnd},Thành công\n`;
  add('csv-doi-duoi.xlsx', Buffer.from(csv), M.textFile, 'ok', 'a CSV named .xlsx (the result import reads CSV)');
  add(
    'csv-o-10mb.csv',
    Buffer.from(`Số tài khoản,Số tiền,Trạng thái\n${account},${amountVnd},"${big}"\n`),
    M.textFile,
    /dài hơn 32\.767/,
    'a CSV with one 10 MB field',
  );
  add(
    'csv-200000-dong.csv',
    Buffer.from(`Số tài khoản,Số tiền,Trạng thái\n${`${account},${amountVnd},Thành công\n`.repeat(200_000)}`),
    M.textFile,
    M.rows,
    'a CSV of 200,000 lines',
  );

  // XML entity expansion ("billion laughs"): the XML reader expands no declared entity.
  const laughs = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">${Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i === 0 ? '' : i};`.repeat(10)}">`).join('')}]>`;
  add(
    'bom-thuc-the-xml.xlsx',
    workbook({
      sheet: deflated(
        'xl/worksheets/sheet1.xml',
        `${laughs}<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`,
      ),
    }),
    M.damaged,
    M.damaged,
    'billion laughs in the sheet XML',
  );

  // Benign but odd: read correctly by the importer they are meant for (and refused by the other one,
  // which finds no header of its own). XML cannot carry C0 control characters raw; Excel writes them as
  // _xHHHH_, which stays text.
  const odd = 'Nguyễn\u200bVăn\u202eƠn\u00a0_x0007_';
  const title: XCell[] = ['DANH SÁCH ĐỐI TƯỢNG BẢO TRỢ XÃ HỘI THÁNG 10/2024'];
  const person: XCell[] = [
    1,
    odd,
    '15/03/1940',
    'Nam',
    '060140000123',
    'Khu phố 1',
    'NCT từ 80 tuổi trở lên',
    1,
    500_000,
  ];
  add(
    'ky-tu-dieu-khien-so.xlsx',
    workbook({ rows: [title, REGISTER_HEADER, person] }),
    'ok',
    M.notFound,
    'register: control, bidi, zero-width characters in a name',
  );
  add(
    'ky-tu-dieu-khien-ket-qua.xlsx',
    workbook({
      rows: [
        ['KẾT QUẢ CHI TRẢ'],
        RESULT_HEADER,
        [1, account, odd, amountVnd, 'Thành công', `_x0001_${odd}`, 'FT1\u200b'],
      ],
    }),
    M.notFound,
    'ok',
    'results: control, bidi, zero-width characters in cells',
  );
  add(
    'cong-thuc-so.xlsx',
    workbook({
      rows: [
        title,
        REGISTER_HEADER,
        [
          1,
          { formula: 'HYPERLINK("http://x.invalid","Lê Thị Hường")', result: 'Lê Thị Hường' },
          '15/03/1940',
          'Nữ',
          { formula: "cmd|' /C calc'!A0", result: '060140000124' },
          'Khu phố 1',
          'NCT từ 80 tuổi trở lên',
          1,
          { formula: '250000*2', result: 500_000 },
        ],
      ],
    }),
    'ok',
    M.notFound,
    'register: formulas (DDE, HYPERLINK, arithmetic) with cached results',
  );
  add(
    'cong-thuc-ket-qua.xlsx',
    workbook({
      rows: [
        RESULT_HEADER,
        [
          1,
          { formula: 'TEXT(100000000001,"0")', result: account },
          { formula: "cmd|' /C calc'!A0", result: 'DDE' },
          { formula: '250000*2', result: amountVnd },
          { formula: 'HYPERLINK("http://x.invalid","Thành công")', result: 'Thành công' },
          '',
          '=1+1',
        ],
      ],
    }),
    M.notFound,
    'ok',
    'results: formulas (DDE, HYPERLINK, arithmetic) with cached results',
  );
  return { files, account, amountVnd };
}
