// Release smoke test: start the app as a ward would and do the month's first things — set up the
// administrator, create an officer, sign in as the officer, import the sample register
// (tests/fixtures/so-doi-tuong-phuong-mau.xlsx, 447 people) and print one form (đơn đổi hình thức nhận).
//
//   node scripts/release-smoke.mjs --app "release/win-unpacked/Sổ An Sinh.exe"   the packaged app (Electron,
//        via Playwright's Electron support; run by .github/workflows/release.yml on Windows and Linux)
//   node scripts/release-smoke.mjs --harness [--chromium /usr/bin/chromium]     the same steps against the
//        browser harness (`npm run build` first): how they are checked on a machine without Electron.
//
// With --app, a portable.txt is put beside the executable so the data goes to du-lieu/ beside it (and is
// removed afterwards): the run never touches the machine's own %APPDATA% register. Exits non-zero on failure.
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { _electron as electron, chromium } from 'playwright-core';

const root = fileURLToPath(new URL('..', import.meta.url));
const args = process.argv.slice(2);
const arg = (name) => (args.includes(name) ? args[args.indexOf(name) + 1] : undefined);
const SAMPLE = join(root, 'tests/fixtures/so-doi-tuong-phuong-mau.xlsx');
const ADMIN = { username: 'quantri', fullName: 'Nguyễn Văn Quản', password: 'Quan tri Phuong 2026!' };
const OFFICER = { username: 'canbo', fullName: 'Trần Thị Hường', password: 'Can bo Phuong 2026!' };
const TIMEOUT = 120_000;

const step = (text) => console.log(`• ${text}`);

async function main() {
  const app = arg('--app');
  if (!app && !args.includes('--harness'))
    throw new Error('usage: --app <packaged executable> | --harness [--chromium <path>]');
  if (!existsSync(SAMPLE)) throw new Error(`sample register not found: ${SAMPLE}`);
  const started = Date.now();
  const session = app
    ? await startElectron(resolve(app))
    : await startHarness(arg('--chromium') ?? '/usr/bin/chromium');
  const { page } = session;
  try {
    page.setDefaultTimeout(TIMEOUT);
    await page.getByRole('heading', { level: 1, name: 'Thiết lập lần đầu' }).waitFor();
    step(`first screen after ${((Date.now() - started) / 1000).toFixed(1)} s`);

    await page.getByRole('textbox', { name: 'Họ và tên' }).fill(ADMIN.fullName);
    await page.getByRole('textbox', { name: 'Tên đăng nhập' }).fill(ADMIN.username);
    await page.getByLabel(/^Mật khẩu( \*)?$/).fill(ADMIN.password);
    await page.getByLabel(/^Nhập lại mật khẩu( \*)?$/).fill(ADMIN.password);
    await page.getByRole('button', { name: 'Tạo tài khoản và bắt đầu' }).click();
    await page.getByRole('heading', { level: 1, name: 'Cài đặt' }).waitFor();
    step('administrator set up and signed in');

    await page.getByRole('navigation', { name: 'Các mục cài đặt' }).getByRole('link', { name: 'Người dùng' }).click();
    const form = page.getByRole('form', { name: 'Tạo tài khoản mới' });
    await form.getByRole('textbox', { name: 'Họ và tên', exact: true }).fill(OFFICER.fullName);
    await form.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill(OFFICER.username);
    await form.getByRole('combobox', { name: /^Vai trò/ }).selectOption({ label: 'Cán bộ chính sách' });
    await form.getByLabel(/^Mật khẩu ban đầu( \*)?$/).fill(OFFICER.password);
    await form.getByRole('button', { name: 'Tạo tài khoản' }).click();
    await page.getByRole('cell', { name: OFFICER.username, exact: true }).waitFor();
    step('officer account created');

    await page.getByRole('button', { name: 'Đăng xuất' }).click();
    await page.getByRole('heading', { level: 1, name: 'Đăng nhập' }).waitFor();
    await page.getByRole('textbox', { name: 'Tên đăng nhập', exact: true }).fill(OFFICER.username);
    await page.getByLabel(/^Mật khẩu( \*)?$/).fill(OFFICER.password);
    await page.getByRole('button', { name: 'Đăng nhập', exact: true }).click();
    await page.getByRole('banner').getByText(OFFICER.fullName, { exact: true }).waitFor();
    step('signed in as the officer');

    await page.getByRole('navigation', { name: 'Chức năng chính' }).getByRole('link', { name: 'Sổ đối tượng' }).click();
    await page.getByRole('link', { name: 'Nhập từ Excel' }).click();
    await page.getByLabel('Tệp Excel', { exact: true }).setInputFiles(SAMPLE);
    await page.getByRole('button', { name: 'Tiếp tục →' }).click();
    await page.getByRole('button', { name: 'Xem trước →' }).click();
    await page.getByRole('button', { name: /^Nhập 447 người vào sổ$/ }).click();
    await page.getByRole('heading', { name: 'Đã nhập xong' }).waitFor();
    step('sample register imported (447 people)');

    await page.evaluate(() => (globalThis.location.hash = '#/so-doi-tuong/ho-so/1'));
    await page.getByRole('heading', { name: 'Hình thức nhận trợ cấp' }).waitFor();
    await session.print(() => page.getByRole('button', { name: 'In đơn đổi hình thức nhận' }).click());
    step(`form printed; all done in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } catch (error) {
    const shot = join(tmpdir(), 'so-an-sinh-release-smoke.png');
    await page.screenshot({ path: shot }).catch(() => undefined);
    console.error(`failed; screenshot: ${shot}`);
    throw error;
  } finally {
    await session.close();
  }
}

/** The packaged app, with its data in du-lieu/ beside the executable (portable.txt). */
async function startElectron(executable) {
  const folder = dirname(executable);
  const marker = join(folder, 'portable.txt');
  const data = join(folder, 'du-lieu');
  if (existsSync(data)) throw new Error(`${data} exists: run the smoke test on a fresh unpacked build`);
  writeFileSync(marker, 'release smoke test\n');
  const app = await electron.launch({ executablePath: executable, args: [], timeout: TIMEOUT });
  const page = await app.firstWindow();
  return {
    page,
    // The app writes the PDF into du-lieu/ban-in/ and hands it to the system viewer.
    print: async (click) => {
      await click();
      const deadline = Date.now() + TIMEOUT;
      for (;;) {
        const pdfs = existsSync(join(data, 'ban-in'))
          ? readdirSync(join(data, 'ban-in')).filter((n) => n.endsWith('.pdf'))
          : [];
        if (pdfs.length) return;
        if (Date.now() > deadline) throw new Error('no PDF appeared in du-lieu/ban-in');
        await new Promise((r) => setTimeout(r, 200));
      }
    },
    close: async () => {
      await app.close().catch(() => undefined);
      rmSync(marker, { force: true });
      rmSync(data, { recursive: true, force: true });
    },
  };
}

/** The browser harness (dist/main/serve.js) on a fresh register in a temp folder, in Chromium. */
async function startHarness(chromiumPath) {
  const serve = join(root, 'dist/main/serve.js');
  if (!existsSync(serve)) throw new Error('dist/main/serve.js is missing: run `npm run build` first');
  const dir = mkdtempSync(join(tmpdir(), 'so-an-sinh-smoke-'));
  const child = spawn(process.execPath, [serve, '--db', join(dir, 'Dữ liệu', 'so-an-sinh.sqlite'), '--port', '0'], {
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  const exited = new Promise((r) => child.once('exit', r));
  const url = await new Promise((resolveUrl, reject) => {
    let out = '';
    child.stdout.setEncoding('utf8').on('data', (chunk) => {
      out += chunk;
      const match = /http:\/\/127\.0\.0\.1:(\d+)\/?/.exec(out);
      if (match && match[1] !== '0') resolveUrl(match[0]);
    });
    child.once('exit', (code) => reject(new Error(`serve.js exited (${code}): ${out}`)));
  });
  const browser = await chromium.launch({
    executablePath: chromiumPath,
    args: ['--no-sandbox', '--disable-gpu', '--no-first-run'],
  });
  const context = await browser.newContext({ acceptDownloads: true, viewport: { width: 1366, height: 768 } });
  const page = await context.newPage();
  await page.goto(url);
  return {
    page,
    // In a browser the printed PDF arrives as a download.
    print: async (click) => {
      const [download] = await Promise.all([page.waitForEvent('download'), click()]);
      if (!/\.pdf$/.test(download.suggestedFilename()))
        throw new Error(`unexpected download ${download.suggestedFilename()}`);
    },
    close: async () => {
      await browser.close();
      child.kill('SIGTERM');
      await exited;
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
