import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import provinceCsv from '@shared/reference/province-codes.csv';
import {
  mappingIssues,
  bankCodeOf,
  cellText,
  classifyRow,
  classifySheetRow,
  cleanName,
  columnIndex,
  columnLetter,
  detectHeader,
  detectProgramme,
  evaluateSum,
  excelSerialToIso,
  parseAccountNumber,
  parseAmountCell,
  parseBirthCell,
  parseCoefficientCell,
  parseGender,
  parseTitleMonth,
  proposeColumns,
  proposeGroupTarget,
  proposeMethodTarget,
  repairCitizenId,
  scoreHeaderCell,
  valueKey,
  type ImportCell,
} from '@shared/domain/import-mapping';
import { validateCitizenId } from '@shared/domain/citizen-id';

const PROVINCES = provinceCsv
  .trim()
  .split(/\r?\n/)
  .slice(1)
  .map((l) => l.split(',')[0]!);
const digits = (n: number) =>
  fc.array(fc.integer({ min: 0, max: 9 }), { minLength: n, maxLength: n }).map((d) => d.join(''));
const validId = fc
  .record({
    province: fc.constantFrom(...PROVINCES),
    century: fc.integer({ min: 0, max: 3 }),
    yy: digits(2),
    serial: digits(6),
  })
  .map(({ province, century, yy, serial }) => `${province}${century}${yy}${serial}`);

describe('header scoring and column proposals', () => {
  it('names each field from the usual Vietnamese headers, exact or inside a longer header', () => {
    const best = (t: string) => scoreHeaderCell(t)[0]?.field;
    expect(best('Họ và tên')).toBe('fullName');
    expect(best('HỌ TÊN')).toBe('fullName');
    expect(best('Ngày sinh')).toBe('birthDate');
    expect(best('Năm sinh')).toBe('birthDate');
    expect(best('Số CCCD')).toBe('citizenId');
    expect(best('Số định danh cá nhân')).toBe('citizenId');
    expect(best('Số CMND/CCCD')).toBe('citizenId');
    expect(best('CMND')).toBe('legacyId');
    expect(best('Khu phố')).toBe('neighbourhood');
    expect(best('Tổ dân phố')).toBe('neighbourhood');
    expect(best('Diện hưởng')).toBe('group');
    expect(best('Đối tượng')).toBe('group');
    expect(best('Mức trợ cấp (đồng)')).toBe('amount');
    expect(best('Số tiền')).toBe('amount');
    expect(best('Phương thức chi trả')).toBe('method');
    expect(best('Số TK')).toBe('accountNumber');
    expect(best('Ngân hàng')).toBe('bank');
    expect(best('Họ tên người nhận thay')).toBe('receiver');
    expect(best('Người được ủy quyền')).toBe('receiver');
    expect(best('Quan hệ với đối tượng')).toBe('relationship');
    expect(best('Số quyết định')).toBe('decisionNumber');
    expect(best('Hệ số')).toBe('coefficient');
    // Short synonyms only as the whole header: "tổ" inside a title is not a column.
    expect(scoreHeaderCell('Danh sách tổ chức')).toEqual([]);
  });

  it('maps each column once and each field once, most specific first', () => {
    const cols = proposeColumns([
      { column: 1, text: 'TT' },
      { column: 2, text: 'Họ tên' },
      { column: 3, text: 'Họ tên người nhận thay' },
      { column: 4, text: 'Đối tượng' },
      { column: 5, text: 'Diện đối tượng' },
    ]);
    expect(cols).toEqual({ stt: 1, fullName: 2, receiver: 3, group: 5 });
  });

  it('finds the header under title rows, and joins a two-row header', () => {
    const rows: ImportCell[][] = [
      ['UBND PHƯỜNG ĐỨC NGHĨA'],
      ['DANH SÁCH ĐỐI TƯỢNG HƯỞNG TRỢ CẤP'],
      [],
      ['STT', 'Họ và tên', 'Năm sinh', 'Số CCCD', 'Tài khoản', null],
      [null, null, null, null, 'Số tài khoản', 'Ngân hàng'],
      [1, 'Nguyễn Văn Ơn', 1940, '060040000001', '123', 'Agribank'],
    ];
    const h = detectHeader(rows)!;
    expect(h.row).toBe(4);
    expect(h.lastHeaderRow).toBe(5);
    expect(h.columns).toMatchObject({ stt: 1, fullName: 2, birthDate: 3, citizenId: 4, accountNumber: 5, bank: 6 });
    expect(detectHeader([['Bảng chấm công'], ['Ngày', 'Giờ vào', 'Giờ ra']])).toBeNull();
  });
});

describe('programme and month', () => {
  it('reads the programme from the sheet name, the title, the group texts, the columns', () => {
    const base = { titles: [], groupTexts: [], columns: {} };
    expect(detectProgramme({ ...base, sheetName: 'NCC' })).toEqual({ programme: 'NCC', source: 'sheet' });
    expect(detectProgramme({ ...base, sheetName: 'BTXH' })).toEqual({ programme: 'BTXH', source: 'sheet' });
    expect(
      detectProgramme({ ...base, sheetName: 'Sheet1', titles: ['DANH SÁCH NGƯỜI CÓ CÔNG HƯỞNG TRỢ CẤP ƯU ĐÃI'] })
        .programme,
    ).toBe('NCC');
    expect(detectProgramme({ ...base, sheetName: 'DS', groupTexts: ['Thương binh 61%', 'Bệnh binh 41%'] })).toEqual({
      programme: 'NCC',
      source: 'values',
    });
    expect(detectProgramme({ ...base, sheetName: 'DS', groupTexts: ['NKT nặng'] })).toEqual({
      programme: 'BTXH',
      source: 'values',
    });
    expect(detectProgramme({ ...base, sheetName: 'DS', columns: { coefficient: 4 } })).toEqual({
      programme: 'BTXH',
      source: 'columns',
    });
  });

  it('reads the month from a title', () => {
    expect(parseTitleMonth('(Tháng 10 năm 2024)')).toBe('2024-10');
    expect(parseTitleMonth('Danh sách chi trả tháng 3/2025')).toBe('2025-03');
    expect(parseTitleMonth('DS T12/2024')).toBe('2024-12');
    expect(parseTitleMonth('UBND PHƯỜNG ĐỨC NGHĨA')).toBeNull();
    expect(parseTitleMonth('Tháng 13 năm 2024')).toBeNull();
  });
});

describe('group and method texts → proposals', () => {
  it.each([
    ['NCT từ 80 tuổi trở lên', 'BTXH-5C'],
    ['Người cao tuổi từ đủ 80 tuổi', 'BTXH-5C'],
    ['NCT trên 80 tuổi không lương hưu', 'BTXH-5C'],
    ['NCT hộ nghèo không người phụng dưỡng', 'BTXH-5A'],
    ['Người cao tuổi cô đơn hộ nghèo', 'BTXH-5A'],
    ['NCT cô đơn hộ nghèo trên 80 tuổi', 'BTXH-5A'],
    ['NKT nặng', 'BTXH-6N'],
    ['Người khuyết tật nặng', 'BTXH-6N'],
    ['NKT nặng là người cao tuổi', 'BTXH-6N'],
    ['NKT đặc biệt nặng', 'BTXH-6DBN'],
    ['NKT ĐBN là người cao tuổi', 'BTXH-6DBN'],
    ['Người khuyết tật đặc biệt nặng', 'BTXH-6DBN'],
    ['Người đơn thân nghèo nuôi con', 'BTXH-4'],
    ['Trẻ em mồ côi', 'BTXH-1'],
    ['Trẻ em không có nguồn nuôi dưỡng', 'BTXH-1'],
    ['Trẻ em nhiễm HIV', 'BTXH-3'],
    ['Thương binh 61%', 'NCC'],
    ['Thân nhân liệt sĩ', 'NCC'],
    ['Người HĐKC bị nhiễm chất độc hóa học', 'NCC'],
    ['Người có công giúp đỡ cách mạng', 'NCC'],
    ['Người khuyết tật', null],
    ['Hộ gia đình', null],
  ])('%s → %s', (text, target) => {
    expect(proposeGroupTarget(text).target).toBe(target);
  });

  it.each([
    ['Tiền mặt', 'CASH_WARD'],
    ['Nhận tại UBND', 'CASH_WARD'],
    ['Bưu điện', 'POST_OFFICE'],
    ['Qua BĐ', 'POST_OFFICE'],
    ['TK cá nhân', 'OWN_ACCOUNT'],
    ['TK ủy quyền', 'AUTHORIZED_ACCOUNT'],
    ['Chuyển khoản', 'ACCOUNT_AUTO'],
    ['ATM', 'ACCOUNT_AUTO'],
    ['Ủy quyền nhận tiền mặt', 'CASH_WARD'],
    ['Ví điện tử', null],
    ['', null],
  ])('%s → %s', (text, target) => {
    expect(proposeMethodTarget(text)).toBe(target);
  });

  it('keys texts alike regardless of case, marks and spaces', () => {
    expect(valueKey('NKT  nặng ')).toBe(valueKey('nkt nặng'));
    expect(valueKey('Tiền mặt')).toBe('tien mat');
  });

  it('knows the banks by name, abbreviation or code', () => {
    expect(bankCodeOf('Agribank')).toBe('AGRIBANK');
    expect(bankCodeOf('NH Nông nghiệp & PTNT')).toBe('AGRIBANK');
    expect(bankCodeOf('VCB')).toBe('VIETCOMBANK');
    expect(bankCodeOf('VietinBank')).toBe('VIETINBANK');
    expect(bankCodeOf('BIDV')).toBe('BIDV');
    expect(bankCodeOf('Sacombank')).toBeNull();
    expect(bankCodeOf('')).toBeNull();
  });
});

describe('citizen-ID repair (a numeric ID that lost its leading zero)', () => {
  it('pads an 11-digit number back to the valid 12-digit ID, with a warning', () => {
    fc.assert(
      fc.property(validId, (id) => {
        // Every province code starts with 0: as a number the ID has 11 digits (10 for 001–009).
        const r = repairCitizenId(Number(id));
        expect(r.citizenId).toBe(id);
        expect(r.warning).toMatch(/đã thêm (số 0|2 số 0) đầu/);
        expect(validateCitizenId(r.citizenId!).ok).toBe(true);
      }),
    );
  });

  it('leaves a 12-digit text alone, strips separators, and reads 9 digits as an old CMND', () => {
    fc.assert(
      fc.property(validId, (id) => {
        expect(repairCitizenId(id)).toEqual({ citizenId: id, legacyId: null });
        expect(repairCitizenId(`${id.slice(0, 3)} ${id.slice(3, 6)}.${id.slice(6)}`).citizenId).toBe(id);
      }),
    );
    expect(repairCitizenId('123456789')).toMatchObject({
      citizenId: null,
      legacyId: '123456789',
      warning: expect.stringContaining('CMND'),
    });
    expect(repairCitizenId(null)).toEqual({ citizenId: null, legacyId: null });
  });

  it('never invents a repair that does not validate (unknown province stays as typed)', () => {
    // 99 + 9 digits → "099…" has no province 099: not repaired, so validation reports it.
    expect(repairCitizenId(99012345678)).toEqual({ citizenId: '99012345678', legacyId: null });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999_999_999 }), (n) => {
        const r = repairCitizenId(n);
        if (r.warning && r.citizenId) expect(validateCitizenId(r.citizenId).ok).toBe(true);
      }),
    );
  });
});

describe('cell values', () => {
  it('cleans names and says so', () => {
    expect(cleanName('  Phạm  Quốc Vinh ')).toEqual({
      value: 'Phạm Quốc Vinh',
      warning: expect.stringContaining('khoảng trắng'),
    });
    expect(cleanName('Đoàn Thị Mai')).toEqual({ value: 'Đoàn Thị Mai' });
    expect(cleanName('Nguyễn Văn 2').error).toBeTruthy();
    expect(cleanName('   ').error).toBeTruthy();
  });

  it('reads birth dates: calendar dates, dd/mm/yyyy text, bare years (warning), serials (warning)', () => {
    expect(parseBirthCell({ date: '1934-05-08' })).toEqual({ value: { precision: 'day', value: '1934-05-08' } });
    expect(parseBirthCell('26/09/1940')).toEqual({ value: { precision: 'day', value: '1940-09-26' } });
    expect(parseBirthCell(' 1954 ')).toMatchObject({
      value: { precision: 'year', value: '1954' },
      warning: expect.stringContaining('năm sinh'),
    });
    expect(parseBirthCell(1954)).toMatchObject({ value: { precision: 'year', value: '1954' } });
    expect(parseBirthCell(20000)).toMatchObject({
      value: { precision: 'day', value: '1954-10-03' },
      warning: expect.any(String),
    });
    expect(parseBirthCell('31/02/1950').error).toBeTruthy();
    expect(parseBirthCell('khoảng 1950').error).toBeTruthy();
    expect(parseBirthCell(2030, 2024).error).toBeTruthy();
    expect(parseBirthCell(null)).toEqual({ value: null });
    expect(parseBirthCell({ formula: 'DATE(1950,1,2)', result: { date: '1950-01-02' } }).value).toEqual({
      precision: 'day',
      value: '1950-01-02',
    });
  });

  it('turns Excel serials into calendar dates (1900 system)', () => {
    expect(excelSerialToIso(1)).toBe('1899-12-31');
    expect(excelSerialToIso(61)).toBe('1900-03-01');
    expect(excelSerialToIso(45580)).toBe('2024-10-15');
    expect(excelSerialToIso(0)).toBeNull();
  });

  it('reads amounts as numbers or "750.000" text (with a warning), and refuses the rest', () => {
    expect(parseAmountCell(750000)).toEqual({ value: 750000 });
    expect(parseAmountCell('750.000')).toMatchObject({
      value: 750000,
      fromText: true,
      warning: expect.stringContaining('750.000'),
    });
    expect(parseAmountCell('1,250,000 đ')).toMatchObject({ value: 1250000, fromText: true });
    expect(parseAmountCell('1,5').error).toBeTruthy();
    expect(parseAmountCell(750000.5).error).toBeTruthy();
    expect(parseAmountCell({ formula: 'H6*500000', result: 750000 })).toEqual({ value: 750000 });
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 999_999_999 }), (n) => {
        const dotted = String(n).replace(/\B(?=(\d{3})+$)/g, '.');
        expect(parseAmountCell(dotted).value).toBe(n);
      }),
    );
  });

  it('reads coefficients, genders and account numbers', () => {
    expect(parseCoefficientCell(1.5)).toEqual({ value: 1500 });
    expect(parseCoefficientCell('2,5')).toEqual({ value: 2500 });
    expect(parseCoefficientCell('x').warning).toBeTruthy();
    expect(parseGender('nữ')).toEqual({ value: 'female' });
    expect(parseGender('Nam')).toEqual({ value: 'male' });
    expect(parseGender('không rõ').warning).toBeTruthy();
    expect(parseGender('')).toEqual({ value: null });
    expect(parseAccountNumber('0123 456 789')).toEqual({ value: '0123456789' });
    expect(parseAccountNumber(3095930941774)).toEqual({ value: '3095930941774', numeric: true });
    // A number Excel stored past 2^53 has already lost digits: that is the case under test.
    // eslint-disable-next-line no-loss-of-precision
    expect(parseAccountNumber(12345678901234567890).error).toBeTruthy();
    expect(parseAccountNumber('12A45').error).toBeTruthy();
    expect(cellText(60054229647)).toBe('60054229647');
  });
});

describe('rows that are not beneficiaries', () => {
  const columns = { stt: 1, fullName: 2, birthDate: 3, citizenId: 4, group: 5, amount: 6 } as const;
  const kind = (cells: ImportCell[]) => classifySheetRow(cells, columns);

  it('skips blanks, totals, signatures, column numbers and section headings', () => {
    expect(kind([])).toBe('blank');
    expect(kind(['', '  ', null])).toBe('blank');
    expect(kind(['', 'Tổng cộng', '', '', '', { formula: 'SUM(F6:F415)', result: null }])).toBe('total');
    expect(kind(['', 'Cộng:', '', '', '', 1_000_000])).toBe('total');
    expect(kind(['', 'Người lập biểu', '', '', 'CHỦ TỊCH'])).toBe('footer');
    expect(kind(['', '', 'Đức Nghĩa, ngày 05 tháng 10 năm 2024'])).toBe('footer');
    expect(kind(['(1)', '(2)', '(3)', '(4)', '(5)', '(6)'])).toBe('numbering');
    expect(kind([1, 2, 3, 4, 5, 6])).toBe('numbering');
    expect(kind(['I.', 'I. NGƯỜI CAO TUỔI'])).toBe('heading');
    expect(kind(['', 'Khu phố 1'])).toBe('heading');
  });

  it('keeps every row that carries a person, even with its name missing or looking like a label', () => {
    expect(kind([1, 'Nguyễn Văn Ơn', 1940, '060040000001', 'NKT nặng', 750000])).toBe('data');
    expect(kind(['', 'Tống Công Minh', '02/03/1950', '060050000002'])).toBe('data');
    expect(kind([5, '', 1940, '', '', 500000])).toBe('data');
    expect(kind(['', 'Nguyễn Thị Lan'])).toBe('data');
    expect(classifyRow({ cells: ['x'], name: '', hasIdentity: true, hasAmount: false, sttIsNumber: false })).toBe(
      'data',
    );
  });
});

describe('totals', () => {
  it('evaluates a SUM the way Excel does: text amounts are skipped', () => {
    const sheet: Record<string, ImportCell> = { I6: 1_000_000, I7: '500.000', I8: 750_000, I9: null, J6: 5 };
    const at = (r: number, c: number) => sheet[`${columnLetter(c)}${r}`];
    expect(evaluateSum('SUM(I6:I9)', at)).toBe(1_750_000);
    expect(evaluateSum('=SUM($I$6:$I$9,J6)', at)).toBe(1_750_005);
    expect(evaluateSum('I6+I8', at)).toBeNull();
    expect(columnIndex('AB')).toBe(28);
    expect(columnLetter(28)).toBe('AB');
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 16384 }), (n) => {
        expect(columnIndex(columnLetter(n))).toBe(n);
      }),
    );
  });
});

describe('mappingIssues (issue 14: companion columns of a mapped method column)', () => {
  const sheet = (columns: Record<string, number>) => ({ name: 'BTXH', include: true, columns });
  const methods = [
    { text: 'TK ủy quyền', target: 'AUTHORIZED_ACCOUNT' as const },
    { text: 'Tiền mặt', target: 'CASH_WARD' as const },
  ];
  const seen = [
    { text: 'TK ủy quyền', sheets: ['BTXH'] },
    { text: 'Tiền mặt', sheets: ['BTXH'] },
  ];
  it('names each missing companion column before the preview', () => {
    expect(mappingIssues({ sheets: [sheet({ method: 5 })], methods }, seen).map((i) => i.field)).toEqual([
      'accountNumber',
      'bank',
      'receiver',
    ]);
    expect(
      mappingIssues(
        { sheets: [sheet({ method: 5, accountNumber: 6, receiver: 7 })], methods, defaultBankCode: 'AGRIBANK' },
        seen,
      ).map((i) => i.field),
    ).toEqual(['authorizationValidTo']);
    expect(
      mappingIssues(
        { sheets: [sheet({ method: 5, accountNumber: 6, bank: 8, receiver: 7, authorizationValidTo: 9 })], methods },
        seen,
      ),
    ).toEqual([]);
    expect(
      mappingIssues(
        {
          sheets: [sheet({ method: 5, accountNumber: 6, bank: 8, receiver: 7 })],
          methods,
          authorizationTerm: { kind: 'default' },
        },
        seen,
      ),
    ).toEqual([]);
  });
  it('says nothing for cash-only texts, an unmapped method column, or a sheet left out', () => {
    const cashOnly = [{ text: 'Tiền mặt', sheets: ['BTXH'] }];
    expect(mappingIssues({ sheets: [sheet({ method: 5 })], methods }, cashOnly)).toEqual([]);
    expect(mappingIssues({ sheets: [sheet({})], methods }, seen)).toEqual([]);
    expect(mappingIssues({ sheets: [{ ...sheet({ method: 5 }), include: false }], methods }, seen)).toEqual([]);
  });
});
