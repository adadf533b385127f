// @vitest-environment jsdom
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { act, createElement, type ReactNode } from 'react';
import { createRoot, type Root } from 'react-dom/client';
import { afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';

// Forms on the renderer's one form-state approach (renderer/src/components/useCheckedForm.ts), in a DOM with
// the real API client: a save with a local problem is not sent, the field says why in Vietnamese and has
// the cursor; a refused save's issues land on their fields (list rows included), the rest in the form's
// message, and each clears when its field is edited; a form kept on screen starts clean after a save.

type Answer = { ok: true; value: unknown } | { ok: false; error: { code: string; message: string; issues?: unknown } };
/** What main answers, per channel; a channel with no answer fails the test. */
const answers = new Map<string, (input: unknown) => Answer>();
const sent: Array<{ channel: string; input: unknown }> = [];
const invoke = vi.fn(async (channel: string, input: unknown) => {
  sent.push({ channel, input });
  const answer = answers.get(channel);
  if (!answer) throw new Error(`no stand-in for ${channel}`);
  return answer(input);
});
const refused = (message: string, issues: Array<{ path: string; message: string }>) => (): Answer => ({
  ok: false,
  error: { code: 'INVALID_INPUT', message, issues },
});

let TargetEditor: typeof import('../../renderer/src/screens/campaign/TargetEditor').TargetEditor;
let OfficeSettingsForm: typeof import('../../renderer/src/screens/settings/OfficeSettingsForm').OfficeSettingsForm;
let NccBenefitsForm: typeof import('../../renderer/src/screens/register/person/NccBenefitsForm').NccBenefitsForm;
let BanksPage: typeof import('../../renderer/src/screens/settings/BanksPage').BanksPage;
let CreateRoundForm: typeof import('../../renderer/src/screens/rounds/CreateRoundForm').CreateRoundForm;
let BankTemplatesPage: typeof import('../../renderer/src/screens/settings/bank-templates/BankTemplatesPage').BankTemplatesPage;
let SessionContext: typeof import('../../renderer/src/auth/session').SessionContext;
let query: typeof import('../../renderer/src/api/query');
let QueryClientProvider: typeof import('@tanstack/react-query').QueryClientProvider;
let root: Root;
let container: HTMLElement;

beforeAll(async () => {
  (globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;
  // The desktop app's bridge: the API client sends every call through it.
  (window as unknown as { soAnSinh: unknown }).soAnSinh = { invoke };
  ({ TargetEditor } = await import('../../renderer/src/screens/campaign/TargetEditor'));
  ({ OfficeSettingsForm } = await import('../../renderer/src/screens/settings/OfficeSettingsForm'));
  ({ NccBenefitsForm } = await import('../../renderer/src/screens/register/person/NccBenefitsForm'));
  ({ BanksPage } = await import('../../renderer/src/screens/settings/BanksPage'));
  ({ CreateRoundForm } = await import('../../renderer/src/screens/rounds/CreateRoundForm'));
  ({ BankTemplatesPage } = await import('../../renderer/src/screens/settings/bank-templates/BankTemplatesPage'));
  ({ SessionContext } = await import('../../renderer/src/auth/session'));
  query = await import('../../renderer/src/api/query');
  ({ QueryClientProvider } = await import('@tanstack/react-query'));
});

beforeEach(() => {
  answers.clear();
  sent.length = 0;
  query.queryClient.clear();
  container = document.createElement('div');
  document.body.append(container);
  root = createRoot(container);
});

afterEach(() => {
  act(() => root.unmount());
  container.remove();
});

/** Lets pending promises, React's updates and animation frames run until `done` holds (or fails). */
async function settle(done: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !done(); i++) {
    await act(async () => {
      await new Promise((resolve) => setTimeout(resolve, 5));
    });
  }
  expect(done()).toBe(true);
}

async function mount(element: ReactNode): Promise<void> {
  await act(async () => {
    root.render(createElement(QueryClientProvider, { client: query.queryClient }, element));
  });
}

const input = (id: string) => {
  const element = container.querySelector<HTMLInputElement>(`#${id}`);
  if (!element) throw new Error(`no field #${id}`);
  return element;
};
/** The message shown next to a field (its error note), or undefined. */
const fieldMessage = (id: string) => {
  const field = input(id);
  if (field.getAttribute('aria-invalid') !== 'true') return undefined;
  return container.querySelector(`#${id}-error`)?.textContent ?? undefined;
};
const alertText = () => [...container.querySelectorAll('[role="alert"]')].map((a) => a.textContent).join(' ');

/** Types into a field as the user does (React listens to the input event, not to the value). */
async function type(id: string, text: string): Promise<void> {
  const field = input(id);
  await act(async () => {
    Object.getOwnPropertyDescriptor(HTMLInputElement.prototype, 'value')!.set!.call(field, text);
    field.dispatchEvent(new Event('input', { bubbles: true }));
  });
}

async function click(name: string): Promise<void> {
  const button = [...container.querySelectorAll('button')].find((b) => b.textContent === name);
  if (!button) throw new Error(`no button ${name}`);
  await act(async () => button.click());
}

const sentOn = (channel: string) => sent.filter((s) => s.channel === channel);

describe('Chỉ tiêu (campaign target)', () => {
  const editor = () =>
    createElement(TargetEditor, {
      programme: 'BTXH',
      name: 'Bảo trợ xã hội',
      month: '2024-10',
      target: null,
      onSaved: () => undefined,
      onClose: () => undefined,
    });

  it('a save with no target is not sent: the field says why in Vietnamese and has the cursor', async () => {
    await mount(editor());
    expect(fieldMessage('target-BTXH-value')).toBeUndefined(); // nothing shown before a save attempt
    await click('Lưu chỉ tiêu');
    await settle(() => document.activeElement === input('target-BTXH-value'));
    expect(fieldMessage('target-BTXH-value')).toBe('Chỉ tiêu: nhập số người, ví dụ 150.');
    expect(alertText()).toContain('Chưa lưu: kiểm tra các ô báo lỗi.');
    expect(sentOn('campaign.setTarget')).toEqual([]);
    // Fixed, the message goes as the user types.
    await type('target-BTXH-value', '150');
    expect(fieldMessage('target-BTXH-value')).toBeUndefined();
  });

  it("main's refusal lands on its field with the cursor; what was typed stays; editing the field clears it", async () => {
    answers.set(
      'campaign.setTarget',
      refused('Dữ liệu nhập chưa hợp lệ.', [{ path: 'deadline', message: 'Hạn hoàn thành phải trong năm 2024.' }]),
    );
    await mount(editor());
    await type('target-BTXH-value', '150');
    await type('target-BTXH-deadline', '31/12/2025');
    await click('Lưu chỉ tiêu');
    await settle(() => document.activeElement === input('target-BTXH-deadline'));
    expect(sentOn('campaign.setTarget')).toHaveLength(1);
    expect(sentOn('campaign.setTarget')[0]!.input).toMatchObject({ value: 150, period: 'year', year: 2024 });
    expect(fieldMessage('target-BTXH-deadline')).toBe('Hạn hoàn thành phải trong năm 2024.');
    expect(fieldMessage('target-BTXH-value')).toBeUndefined();
    expect(input('target-BTXH-deadline').value).toBe('31/12/2025');
    expect(alertText()).toContain('Dữ liệu nhập chưa hợp lệ.');
    await type('target-BTXH-deadline', '31/12/2024');
    expect(fieldMessage('target-BTXH-deadline')).toBeUndefined();
  });
});

describe('Thông tin đơn vị (office settings)', () => {
  const initial = {
    unitName: 'UBND phường Một',
    parentBody: '',
    placeName: 'Một',
    province: 'Lâm Đồng',
    chairmanName: '',
    deputyChairmanName: '',
    officerName: '',
    wardCode: '',
    reportRecipients: [
      { name: 'Sở Y tế', scope: 'Bảo trợ xã hội' },
      { name: 'Phòng Văn hóa', scope: '' },
    ],
  };

  it("main's issues land on their fields, recipient rows included; the cursor goes to the first", async () => {
    answers.set(
      'settings.saveOffice',
      refused('Thông tin đơn vị chưa hợp lệ.', [
        { path: 'reportRecipients.1.name', message: 'Tên nơi nhận: trùng với dòng 1.' },
        { path: 'province', message: 'Tỉnh/thành phố: không được để trống.' },
        { path: 'reportRecipients', message: 'Nơi nhận: có dòng trùng nhau.' },
        { path: 'somethingElse', message: 'Một lỗi không thuộc ô nào.' },
      ]),
    );
    await mount(createElement(OfficeSettingsForm, { initial, onSaved: () => undefined }));
    await click('Lưu');
    await settle(() => document.activeElement === input('office-province'));
    expect(fieldMessage('office-province')).toBe('Tỉnh/thành phố: không được để trống.');
    expect(fieldMessage('office-reportRecipients-1-name')).toBe('Tên nơi nhận: trùng với dòng 1.');
    expect(fieldMessage('office-reportRecipients-0-name')).toBeUndefined();
    expect(container.querySelector('.recipients .field-error')?.textContent).toBe('Nơi nhận: có dòng trùng nhau.');
    // An issue no field shows is in the form's message, after main's own.
    expect(alertText()).toContain('Thông tin đơn vị chưa hợp lệ. Một lỗi không thuộc ô nào.');

    // Editing a recipient cell clears that cell's issue and the list's, nothing else.
    await type('office-reportRecipients-1-name', 'Phòng Văn hóa - Xã hội');
    expect(fieldMessage('office-reportRecipients-1-name')).toBeUndefined();
    expect(container.querySelector('.recipients .field-error')).toBeNull();
    expect(fieldMessage('office-province')).toBe('Tỉnh/thành phố: không được để trống.');
  });

  it('adding a row clears every row issue (their indexes shift); a save then starts clean', async () => {
    answers.set(
      'settings.saveOffice',
      refused('Thông tin đơn vị chưa hợp lệ.', [
        { path: 'reportRecipients.0.scope', message: 'Loại báo cáo: quá dài.' },
        { path: 'unitName', message: 'Tên đơn vị: quá dài.' },
      ]),
    );
    await mount(createElement(OfficeSettingsForm, { initial, onSaved: () => undefined }));
    await click('Lưu');
    await settle(() => document.activeElement === input('office-unitName'));
    expect(fieldMessage('office-reportRecipients-0-scope')).toBe('Loại báo cáo: quá dài.');
    await click('+ Thêm nơi nhận');
    expect(fieldMessage('office-reportRecipients-0-scope')).toBeUndefined();
    expect(fieldMessage('office-unitName')).toBe('Tên đơn vị: quá dài.');

    answers.set('settings.saveOffice', (sentInput) => ({
      ok: true,
      value: { ...initial, ...(sentInput as object), reportRecipients: initial.reportRecipients },
    }));
    await type('office-unitName', 'UBND phường Hai');
    await click('Lưu');
    await settle(() => container.querySelector('[role="status"]')?.textContent === 'Đã lưu thông tin đơn vị.');
    expect(container.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
    expect(sentOn('settings.saveOffice').at(-1)!.input).toMatchObject({ unitName: 'UBND phường Hai', validFrom: '' });
  });
});

describe('Ngân hàng (banks)', () => {
  const sacombank = {
    code: 'SACOMBANK',
    name: 'Ngân hàng TMCP Sài Gòn Thương Tín (Sacombank)',
    shortName: 'Sacombank',
    napasBin: '970403',
    lengthMin: 12,
    lengthMax: 12,
    active: true,
    sortOrder: 10,
  };

  it('checks as fields are left and on save; a save clears the form and its messages for the next bank', async () => {
    answers.set('banks.list', () => ({ ok: true, value: [sacombank] }));
    await mount(createElement(BanksPage));
    await settle(() => container.querySelector('table') !== null);

    await type('bank-lengthMin', '40');
    expect(fieldMessage('bank-lengthMin')).toBeUndefined(); // not yet left
    await act(async () => input('bank-lengthMin').dispatchEvent(new FocusEvent('focusout', { bubbles: true })));
    expect(fieldMessage('bank-lengthMin')).toBe('Độ dài tối thiểu: số từ 1 đến 30.');

    await click('Lưu ngân hàng');
    await settle(() => document.activeElement === input('bank-code'));
    expect(fieldMessage('bank-code')).toBe('Mã ngân hàng: không được để trống.');
    expect(fieldMessage('bank-name')).toBe('Tên ngân hàng: không được để trống.');
    expect(sentOn('banks.save')).toEqual([]);

    answers.set(
      'banks.save',
      refused('Dữ liệu nhập chưa hợp lệ.', [{ path: 'napasBin', message: 'Mã BIN: 6 chữ số.' }]),
    );
    await type('bank-code', 'VCB');
    await type('bank-name', 'Ngân hàng TMCP Ngoại thương Việt Nam (Vietcombank)');
    await type('bank-lengthMin', '13');
    await type('bank-napasBin', '97043');
    await click('Lưu ngân hàng');
    await settle(() => document.activeElement === input('bank-napasBin'));
    expect(fieldMessage('bank-napasBin')).toBe('Mã BIN: 6 chữ số.');

    answers.set('banks.save', () => ({ ok: true, value: [sacombank] }));
    await type('bank-napasBin', '970436');
    await click('Lưu ngân hàng');
    await settle(() => container.querySelector('[role="status"]')?.textContent?.startsWith('Đã lưu') === true);
    expect(input('bank-code').value).toBe('');
    expect(container.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
  });

  // A mouse press on a button moves the focus on the press: the field's message waits for the release (and
  // the click), or it would move the button from under the pointer (components/pointerPress.ts).
  const press = (type: 'pointerdown' | 'pointerup') => act(async () => window.dispatchEvent(new Event(type)));
  const leave = (id: string) => act(async () => input(id).dispatchEvent(new FocusEvent('focusout', { bubbles: true })));

  it('a field left by a mouse press shows its message after the release, not on the press', async () => {
    answers.set('banks.list', () => ({ ok: true, value: [sacombank] }));
    await mount(createElement(BanksPage));
    await settle(() => container.querySelector('table') !== null);
    await type('bank-lengthMin', '40');
    await press('pointerdown');
    await leave('bank-lengthMin');
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(fieldMessage('bank-lengthMin')).toBeUndefined(); // still pressed: the layout stays as it was
    await press('pointerup');
    await settle(() => fieldMessage('bank-lengthMin') === 'Độ dài tối thiểu: số từ 1 đến 30.');
  });

  it('a leave that waited for the press does not show on the form started by its click (Huỷ sửa)', async () => {
    answers.set('banks.list', () => ({ ok: true, value: [sacombank] }));
    await mount(createElement(BanksPage));
    await settle(() => container.querySelector('table') !== null);
    await click('Sửa');
    await type('bank-name', '');
    await press('pointerdown');
    await leave('bank-name');
    await press('pointerup');
    await click('Huỷ sửa'); // the click, which comes after the release
    await act(async () => new Promise((resolve) => setTimeout(resolve, 20)));
    expect(container.querySelector('form')?.getAttribute('aria-label')).toBe('Thêm ngân hàng');
    expect(fieldMessage('bank-name')).toBeUndefined();
  });
});

describe('Ghi trợ cấp theo quyết định của Sở (NCC)', () => {
  it("checks the decision and each row with an amount; main's issue on an item lands on its kind's row", async () => {
    await mount(createElement(NccBenefitsForm, { personId: 7, onDone: () => undefined }));
    await type('ncc-lump_sum-amount', '12,5 triệu');
    await click('Ghi trợ cấp');
    await settle(() => document.activeElement === input('ncc-decision-number'));
    expect(fieldMessage('ncc-decision-number')).toBe('Số quyết định: không được để trống.');
    expect(fieldMessage('ncc-decision-date')).toBe('Ngày ký: không được để trống.');
    expect(fieldMessage('ncc-lump_sum-amount')).toBe('Số tiền: nhập số đồng, ví dụ 18.000.000.');
    expect(fieldMessage('ncc-lump_sum-payee')).toBe('Người nhận: không được để trống.');
    expect(fieldMessage('ncc-funeral-amount')).toBeUndefined(); // a row without an amount is not recorded
    expect(sentOn('nccBenefits.record')).toEqual([]);

    // Only the one-time row is sent, as items[0]: main's issue on items.0 belongs to that row.
    answers.set(
      'nccBenefits.record',
      refused('Dữ liệu nhập chưa hợp lệ.', [{ path: 'items.0.relationship', message: 'Quan hệ: quá dài.' }]),
    );
    await type('ncc-decision-number', '123/QĐ-SNV');
    await type('ncc-decision-date', '05/01/2026');
    await type('ncc-lump_sum-amount', '12.500.000');
    await type('ncc-lump_sum-payee', 'Nguyễn Thị Hoa');
    await type('ncc-lump_sum-relationship', 'Con gái');
    await click('Ghi trợ cấp');
    await settle(() => document.activeElement === input('ncc-lump_sum-relationship'));
    expect(sentOn('nccBenefits.record')[0]!.input).toMatchObject({
      items: [{ kind: 'lump_sum', amountVnd: 12_500_000, payeeName: 'Nguyễn Thị Hoa' }],
    });
    expect(fieldMessage('ncc-lump_sum-relationship')).toBe('Quan hệ: quá dài.');
    expect(fieldMessage('ncc-funeral-relationship')).toBeUndefined();
  });
});

describe('Lập đợt chi mới (a one-off round)', () => {
  const options = {
    programmes: [
      { code: 'NCC', name: 'Người có công' },
      { code: 'BTXH', name: 'Bảo trợ xã hội' },
    ],
    groups: [{ code: 'BTXH-1', label: 'Trẻ em mồ côi', programme: 'BTXH' }],
    categories: [{ label: 'Thương binh 61%', count: 3 }],
  };
  const fill = async () => {
    await type('round-name', 'Quà Tết Nguyên đán');
    await type('round-basis-number', '1234/QĐ-CTN');
    await type('round-basis-date', '05/01/2027');
    await type('round-basis-issuer', 'Chủ tịch nước');
    await type('round-date', '20/01/2027');
  };

  it("checks with the contract's own rules: nothing sent, the fields say why in main's words, the cursor in the first", async () => {
    answers.set('rounds.options', () => ({ ok: true, value: options }));
    await mount(createElement(CreateRoundForm, { onCancel: () => undefined }));
    await settle(() => container.querySelector('#round-rule-1-amount') !== null);
    await type('round-basis-date', '31/02/2027');
    expect(fieldMessage('round-basis-date')).toBeUndefined(); // not yet left
    await act(async () => input('round-basis-date').dispatchEvent(new FocusEvent('focusout', { bubbles: true })));
    expect(fieldMessage('round-basis-date')).toBe(
      'Ngày văn bản căn cứ: nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2026.',
    );

    await type('round-rule-1-amount', 'sáu trăm nghìn');
    await click('Lập đợt chi và chọn người nhận');
    await settle(() => document.activeElement === input('round-name'));
    expect(fieldMessage('round-name')).toBe('Tên đợt chi: không được để trống.');
    expect(fieldMessage('round-basis-issuer')).toBe('Cơ quan ban hành: không được để trống.');
    expect(fieldMessage('round-date')).toBe('Ngày chi: nhập theo dạng ngày/tháng/năm, ví dụ 05/01/2026.');
    expect(fieldMessage('round-rule-1-amount')).toBe('Mức quà: nhập số tiền (đồng), ví dụ 600.000.');
    expect(alertText()).toContain('Chưa lưu: kiểm tra các ô báo lỗi.');
    expect(sentOn('rounds.create')).toEqual([]);

    // A second rule's bad amount is named on that rule; a fixed field's message goes as the user types.
    await fill();
    await type('round-rule-1-amount', '600.000');
    await click('Thêm nhóm');
    await type('round-rule-2-amount', '150.000.000');
    expect(fieldMessage('round-name')).toBeUndefined();
    expect(fieldMessage('round-rule-1-amount')).toBeUndefined();
    expect(fieldMessage('round-rule-2-amount')).toBe('Mức quà: vượt quá 100 triệu đồng một người — kiểm tra lại.');
    await click('Lập đợt chi và chọn người nhận');
    await settle(() => document.activeElement === input('round-rule-2-amount'));
    expect(sentOn('rounds.create')).toEqual([]);
  });

  it("main's refusal lands on its fields, a rule's row included; removing a rule clears the rows' issues", async () => {
    answers.set('rounds.options', () => ({ ok: true, value: options }));
    answers.set(
      'rounds.create',
      refused('Dữ liệu nhập chưa hợp lệ: Tên nhóm: trùng. Số văn bản căn cứ: đã dùng.', [
        { path: 'rules.1.label', message: 'Tên nhóm: trùng.' },
        { path: 'basisNumber', message: 'Số văn bản căn cứ: đã dùng.' },
        { path: 'somethingElse', message: 'Một lỗi không thuộc ô nào.' },
      ]),
    );
    await mount(createElement(CreateRoundForm, { onCancel: () => undefined }));
    await settle(() => container.querySelector('#round-rule-1-amount') !== null);
    await fill();
    await type('round-rule-1-amount', '600.000');
    await click('Thêm nhóm');
    await type('round-rule-2-label', 'Thân nhân liệt sĩ');
    await type('round-rule-2-amount', '300000');
    await click('Lập đợt chi và chọn người nhận');
    await settle(() => document.activeElement === input('round-basis-number'));
    expect(sentOn('rounds.create')[0]!.input).toMatchObject({
      basisDate: '05/01/2027',
      rules: [
        { programme: 'NCC', amountVnd: 600_000 },
        { label: 'Thân nhân liệt sĩ', amountVnd: 300_000 },
      ],
    });
    expect(fieldMessage('round-basis-number')).toBe('Số văn bản căn cứ: đã dùng.');
    expect(fieldMessage('round-rule-2-label')).toBe('Tên nhóm: trùng.');
    expect(fieldMessage('round-rule-1-label')).toBeUndefined();
    expect(input('round-rule-2-label').value).toBe('Thân nhân liệt sĩ');
    // The issue no field shows follows main's message (which already names the others) once.
    expect(alertText()).toBe(
      'Dữ liệu nhập chưa hợp lệ: Tên nhóm: trùng. Số văn bản căn cứ: đã dùng. Một lỗi không thuộc ô nào.',
    );
    const remove = container.querySelectorAll<HTMLButtonElement>('fieldset[aria-label="Nhóm 1"] button');
    await act(async () => [...remove].find((b) => b.textContent === 'Bỏ nhóm này')!.click());
    expect(container.querySelectorAll('[aria-invalid="true"]')).toHaveLength(1); // the basis number stays
    expect(fieldMessage('round-basis-number')).toBe('Số văn bản căn cứ: đã dùng.');
  });
});

describe('Mẫu tệp ngân hàng (bank templates)', () => {
  const shipped = JSON.parse(readFileSync(join(__dirname, '../../resources/templates/bank-batch.json'), 'utf8'));
  const admin = {
    user: { id: 1, username: 'admin', fullName: 'Quản trị', role: 'admin' },
    idleMinutes: 15,
    signOut: () => undefined,
    refresh: () => undefined,
  };
  const page = () =>
    createElement(
      SessionContext.Provider,
      { value: admin as unknown as import('../../renderer/src/auth/session').Session },
      createElement(BankTemplatesPage),
    );
  const withSecond = () => ({
    ...shipped,
    templates: [...shipped.templates, { ...shipped.templates[0], id: 'vcb', name: 'Mẫu Vietcombank', banks: ['VCB'] }],
  });
  const load = (settings: unknown) =>
    answers.set('payrollFiles.getSettings', () => ({
      ok: true,
      value: { settings, defaults: shipped, banks: [{ code: 'VCB', name: 'Vietcombank' }] },
    }));

  it("checks with the contract's own rules: nothing sent; the field says why, the cursor there, in the template holding it", async () => {
    load(withSecond());
    await mount(page());
    await settle(() => container.querySelector('#bt-description') !== null);
    await type('bt-description', '{CONTENT} {THANG}');
    await act(async () => input('bt-description').dispatchEvent(new FocusEvent('focusout', { bubbles: true })));
    expect(fieldMessage('bt-description')).toMatch(/^Không có trường \{THANG\}; dùng: \{MM\}, /);
    await type('bt-col-2-width', '1');
    await click('Lưu mẫu');
    await settle(() => document.activeElement === input('bt-col-2-width'));
    expect(fieldMessage('bt-col-2-width')).toBe('Độ rộng cột: từ 3 đến 80.');
    expect(alertText()).toContain('Chưa lưu: kiểm tra các ô báo lỗi.');
    expect(sentOn('payrollFiles.saveSettings')).toEqual([]);

    // Fixed here, the problem left in the other template is named under the form; a save goes there.
    await type('bt-description', '{CONTENT} THANG {MM}/{YYYY} {NAME}');
    await type('bt-col-2-width', '28');
    await click('Mẫu Vietcombank');
    await type('bt-sheet', 'Chuyen:khoan');
    await click('Mẫu mặc định (mặc định)');
    expect(container.querySelector('ul.field-error')?.textContent).toBe(
      '«Mẫu Vietcombank»: Tên trang tính: không được có các ký tự [ ] : * ? / \\.',
    );
    await click('Lưu mẫu');
    await settle(() => document.activeElement === input('bt-sheet'));
    expect(container.querySelector('legend')?.textContent).toBe('Mẫu Vietcombank');
    expect(sentOn('payrollFiles.saveSettings')).toEqual([]);
  });

  it("main's refusal lands on its field; a save then starts clean with what main kept", async () => {
    load(withSecond());
    answers.set(
      'payrollFiles.saveSettings',
      refused('Dữ liệu nhập chưa hợp lệ: Ngân hàng VCB đã gắn với mẫu khác.', [
        { path: 'templates.0.columns.1.header', message: 'Tiêu đề cột: trùng.' },
        { path: 'templates.1.banks', message: 'Ngân hàng VCB đã gắn với mẫu khác.' },
      ]),
    );
    await mount(page());
    await settle(() => container.querySelector('#bt-description') !== null);
    await click('Lưu mẫu');
    await settle(() => document.activeElement === input('bt-col-1-header'));
    expect(fieldMessage('bt-col-1-header')).toBe('Tiêu đề cột: trùng.');
    expect(container.querySelector('ul.field-error')?.textContent).toBe(
      '«Mẫu Vietcombank»: Ngân hàng VCB đã gắn với mẫu khác.',
    );
    await type('bt-col-1-header', 'Số TK');
    expect(fieldMessage('bt-col-1-header')).toBeUndefined();

    answers.set('payrollFiles.saveSettings', (sentInput) => ({ ok: true, value: sentInput }));
    await click('Lưu mẫu');
    await settle(() => container.querySelector('[role="status"]')?.textContent === 'Đã lưu mẫu tệp ngân hàng.');
    expect(container.querySelectorAll('[aria-invalid="true"]')).toHaveLength(0);
    expect(container.querySelector('ul.field-error')).toBeNull();
    expect(input('bt-col-1-header').value).toBe('Số TK');
  });
});
