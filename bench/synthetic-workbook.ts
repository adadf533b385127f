import ExcelJS from 'exceljs';

// A synthetic ward register workbook shaped like the real ones (title rows, header on row 5, a SUM total
// row, signature lines; numeric IDs that lost their leading 0, year-only births, "750.000" text amounts,
// free-text groups and methods), deterministic for a seed, with the figures a correct import must yield.
// For tests and the import benchmark; nothing in the app imports it.

export interface SyntheticWorkbookOptions {
  /** Social-assistance rows (sheet BTXH). */
  btxhRows: number;
  /** Meritorious rows (sheet NCC). */
  nccRows?: number;
  seed?: number;
  /** The month in the title, 'YYYY-MM' (standard level 500.000 from 2024-07). */
  month?: string;
}

export interface SyntheticWorkbook {
  buffer: Buffer;
  expected: {
    btxh: number;
    ncc: number;
    btxhMonthlyTotal: number;
    nccMonthlyTotal: number;
    byMethod: Record<string, number>;
  };
}

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const FAMILY = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Hoàng',
  'Huỳnh',
  'Phan',
  'Vũ',
  'Võ',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
const MIDDLE = ['Văn', 'Thị', 'Hữu', 'Ngọc', 'Minh', 'Thanh', 'Kim', 'Quốc', 'Mỹ', 'Đức'];
const GIVEN = [
  'Ơn',
  'Hùng',
  'Lan',
  'Hường',
  'Đạt',
  'Yến',
  'Phúc',
  'Ánh',
  'Sơn',
  'Nở',
  'Tâm',
  'Út',
  'Đào',
  'Vinh',
  'Mai',
  'Ẩn',
];
const PROVINCES = ['060', '068', '079', '001', '048'];
const RELATIONS = ['Con', 'Vợ', 'Chồng', 'Cháu', 'Em', 'Con dâu'];

/** Age band → group texts with their coefficient (thousandths) at 2024 rules. */
const BANDS: Array<{ min: number; max: number; groups: Array<[string, number]> }> = [
  { min: 1, max: 3, groups: [['Trẻ em không có nguồn nuôi dưỡng', 2500]] },
  { min: 5, max: 14, groups: [['Trẻ em mồ côi', 1500]] },
  {
    min: 18,
    max: 58,
    groups: [
      ['NKT nặng', 1500],
      ['NKT đặc biệt nặng', 2000],
      ['Người đơn thân nghèo nuôi con', 1000],
    ],
  },
  {
    min: 61,
    max: 78,
    groups: [
      ['NCT hộ nghèo không người phụng dưỡng', 1500],
      ['NKT nặng là người cao tuổi', 2000],
      ['NKT ĐBN là người cao tuổi', 2500],
    ],
  },
  {
    min: 81,
    max: 99,
    groups: [
      ['NCT từ 80 tuổi trở lên', 1000],
      ['NCT cô đơn hộ nghèo trên 80 tuổi', 2000],
    ],
  },
];
const NCC_CATEGORIES: Array<[string, number]> = [
  ['Thương binh 61%', 3_466_000],
  ['Bệnh binh 61%', 3_237_000],
  ['Thân nhân liệt sĩ', 2_789_000],
  ['Người HĐKC bị nhiễm chất độc hóa học', 3_041_000],
];
const STANDARD = 500_000;
const dotted = (n: number) => String(n).replace(/\B(?=(\d{3})+$)/g, '.');

export async function syntheticWardWorkbook(options: SyntheticWorkbookOptions): Promise<SyntheticWorkbook> {
  const next = random(options.seed ?? 2024);
  const pick = <T>(list: readonly T[]): T => list[Math.floor(next() * list.length)]!;
  const month = options.month ?? '2024-10';
  const year = Number(month.slice(0, 4));
  const mon = Number(month.slice(5, 7));
  const wb = new ExcelJS.Workbook();
  const byMethod: Record<string, number> = {};
  let serial = 0;
  const person = () => {
    const female = next() < 0.55;
    const name = `${pick(FAMILY)} ${female ? 'Thị' : pick(MIDDLE)} ${pick(GIVEN)}`;
    return { female, name };
  };
  const citizenId = (birthYear: number, female: boolean) => {
    const century = (birthYear >= 2000 ? 2 : 0) + (female ? 1 : 0);
    return `${pick(PROVINCES)}${century}${String(birthYear % 100).padStart(2, '0')}${String(++serial).padStart(6, '0')}`;
  };
  const titles = (ws: ExcelJS.Worksheet, title: string, columns: number) => {
    ws.addRow(['UBND THÀNH PHỐ PHAN THIẾT']);
    ws.addRow(['UBND PHƯỜNG ĐỨC NGHĨA']);
    ws.addRow([title]);
    ws.addRow([`(Tháng ${mon} năm ${year})`]);
    ws.mergeCells(3, 1, 3, columns);
    ws.mergeCells(4, 1, 4, columns);
  };

  const btxh = wb.addWorksheet('BTXH');
  const header = [
    'STT',
    'Họ và tên',
    'Ngày sinh',
    'Giới tính',
    'Số CCCD',
    'Khu phố',
    'Đối tượng',
    'Hệ số',
    'Mức trợ cấp',
    'Hình thức nhận',
    'Số tài khoản',
    'Ngân hàng',
    'Người được ủy quyền',
    'Quan hệ',
    'Ghi chú',
  ];
  titles(btxh, 'DANH SÁCH ĐỐI TƯỢNG BẢO TRỢ XÃ HỘI HƯỞNG TRỢ CẤP XÃ HỘI HẰNG THÁNG', header.length);
  btxh.addRow(header);
  let btxhTotal = 0;
  for (let i = 1; i <= options.btxhRows; i++) {
    const band = pick(BANDS);
    const [group, coef] = pick(band.groups);
    const age = band.min + Math.floor(next() * (band.max - band.min + 1));
    const birthYear = year - age;
    const { female, name } = person();
    const id = citizenId(birthYear, female);
    const r = next();
    // Birth months up to the title month, so the age at the month's end is exactly `age`.
    const birthMonth = 1 + Math.floor(next() * mon);
    const day = 1 + Math.floor(next() * 28);
    const birth: ExcelJS.CellValue =
      r < 0.15
        ? birthYear
        : r < 0.45
          ? `${String(day).padStart(2, '0')}/${String(birthMonth).padStart(2, '0')}/${birthYear}`
          : new Date(Date.UTC(birthYear, birthMonth - 1, day));
    const amount = (STANDARD * coef) / 1000;
    btxhTotal += amount;
    const m = next();
    const method = m < 0.55 ? 'Tiền mặt' : m < 0.65 ? 'Bưu điện' : m < 0.85 ? 'TK cá nhân' : 'TK ủy quyền';
    byMethod[`BTXH:${method}`] = (byMethod[`BTXH:${method}`] ?? 0) + 1;
    const agri = next() < 0.5;
    const account = method.startsWith('TK') ? (agri ? `${3000000000000 + i}` : `${9000000000 + i}`) : '';
    btxh.addRow([
      i,
      next() < 0.08 ? `  ${name.replace(' ', '  ')} ` : name,
      birth,
      female ? (next() < 0.2 ? 'nữ' : 'Nữ') : 'Nam',
      next() < 0.2 && id.startsWith('0') ? Number(id) : id,
      `Khu phố ${1 + Math.floor(next() * 8)}`,
      group,
      coef / 1000,
      next() < 0.25 ? dotted(amount) : amount,
      method,
      account,
      account ? (agri ? 'Agribank' : 'Vietcombank') : '',
      method === 'TK ủy quyền' ? person().name : '',
      method === 'TK ủy quyền' ? pick(RELATIONS) : '',
      '',
    ]);
  }
  const last = 5 + options.btxhRows;
  btxh.addRow(['', 'Tổng cộng', '', '', '', '', '', '', { formula: `SUM(I6:I${last})` }, '']);
  btxh.addRow([]);
  btxh.addRow(['', 'Người lập biểu', '', '', '', '', 'CHỦ TỊCH']);
  for (const c of [5, 11]) btxh.getColumn(c).numFmt = '@';

  let nccTotal = 0;
  const nccRows = options.nccRows ?? 0;
  if (nccRows > 0) {
    const ncc = wb.addWorksheet('NCC');
    const h = [
      'STT',
      'Họ và tên',
      'Năm sinh',
      'Giới tính',
      'Số CCCD',
      'Khu phố',
      'Diện đối tượng',
      'Số quyết định',
      'Mức trợ cấp',
      'Hình thức nhận',
      'Số tài khoản',
      'Ngân hàng',
    ];
    titles(ncc, 'DANH SÁCH NGƯỜI CÓ CÔNG HƯỞNG TRỢ CẤP ƯU ĐÃI HẰNG THÁNG', h.length);
    ncc.addRow(h);
    for (let i = 1; i <= nccRows; i++) {
      const [category, amount] = pick(NCC_CATEGORIES);
      const birthYear = year - 60 - Math.floor(next() * 35);
      const { female, name } = person();
      nccTotal += amount;
      byMethod['NCC:Chuyển khoản'] = (byMethod['NCC:Chuyển khoản'] ?? 0) + 1;
      ncc.addRow([
        i,
        name,
        birthYear,
        female ? 'Nữ' : 'Nam',
        citizenId(birthYear, female),
        `Khu phố ${1 + (i % 8)}`,
        category,
        `${1000 + i}/QĐ-SLĐTBXH`,
        amount,
        'Chuyển khoản',
        `${7000000000 + i}`,
        'BIDV',
      ]);
    }
  }
  const buffer = Buffer.from(await wb.xlsx.writeBuffer());
  return {
    buffer,
    expected: {
      btxh: options.btxhRows,
      ncc: nccRows,
      btxhMonthlyTotal: btxhTotal,
      nccMonthlyTotal: nccTotal,
      byMethod,
    },
  };
}
