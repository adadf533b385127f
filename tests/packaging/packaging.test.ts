import { execFile } from 'node:child_process';
import {
  chmodSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sha256File } from '../support/temp';

// Packaging smoke test: validates electron-builder.yml against electron-builder's own JSON schema, then
// packs the already-built app (`npm run build` first) for Linux as a plain folder (`--linux dir`: the
// layout the portable zip holds, the same as the Windows zip's but for the executable; the zip target
// itself downloads 7-Zip, so it is built only on the release machine), using
// a stand-in Electron so that nothing is downloaded, and checks what ended up in the package.
// Overrides, all for this test only (see /work/shared/STACK-NOTES.md):
// - npmRebuild=false: on these machines the rebuild would silently build better-sqlite3 for Node;
// - electronDist=<stand-in folder>, electronVersion=45.5.0: no Electron download;
// - directories.output=<temp folder>.
// The electron fuses of the real config stay on: the stand-in "binary" is a shell script that carries a
// fuse wire (the sentinel @electron/fuses looks for), so electron-builder flips its fuses as it would
// flip Electron's, and the test reads them back.

const root = resolve(__dirname, '../..');
const configPath = join(root, 'electron-builder.yml');
const ELECTRON_VERSION = '45.5.0';

// ajv, js-yaml, @electron/asar and @electron/fuses are electron-builder's own dependencies: load the
// copies app-builder-lib itself uses.
const builderLibDir = dirname(
  createRequire(join(root, 'node_modules/electron-builder/package.json')).resolve('app-builder-lib/package.json'),
);
const fromBuilder = createRequire(join(builderLibDir, 'package.json'));

interface AjvError {
  instancePath: string;
  message?: string;
  params?: unknown;
}
type AjvValidate = ((data: unknown) => boolean) & { errors?: AjvError[] | null };
const AjvModule = fromBuilder('ajv') as { default: new (options: object) => { compile(schema: object): AjvValidate } };
const yaml = fromBuilder('js-yaml') as { load(text: string): unknown };
const asar = fromBuilder('@electron/asar') as {
  extractFile(path: string, file: string): Buffer;
  listPackage(path: string, options?: object): string[];
  statFile(path: string, file: string): { size?: number; unpacked?: boolean };
  extractAll(path: string, dest: string): void;
};
const fuses = fromBuilder('@electron/fuses') as {
  getCurrentFuseWire(path: string): Promise<Record<string, string | number>>;
  FuseV1Options: Record<string, number | string>;
};

const pkgVersion = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version;

const FUSE_SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
const FUSE_NAMES = [
  'runAsNode',
  'enableCookieEncryption',
  'enableNodeOptionsEnvironmentVariable',
  'enableNodeCliInspectArguments',
  'enableEmbeddedAsarIntegrityValidation',
  'onlyLoadAppFromAsar',
  'loadBrowserProcessSpecificV8Snapshot',
  'grantFileProtocolExtraPrivileges',
] as const;

// A parsed YAML document: any shape, read key by key.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Config = Record<string, any>;
const loadConfig = (): Config => yaml.load(readFileSync(configPath, 'utf8')) as Config;

/** Files under a folder, as relative POSIX paths, skipping dotfiles (electron-builder skips them too). */
function filesUnder(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && !entry.name.startsWith('.'))
    .map((entry) => relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/'))
    .sort();
}

describe('electron-builder.yml', () => {
  it("is valid against app-builder-lib's scheme.json", () => {
    const schema = JSON.parse(readFileSync(join(builderLibDir, 'scheme.json'), 'utf8')) as object;
    // As electron-builder validates, minus coerceTypes: the file must hold the right types as written.
    const validate = new AjvModule.default({ allErrors: true, strict: false }).compile(schema);
    const config = loadConfig();
    const valid = validate(config);
    const problems = (validate.errors ?? []).map(
      (e) => `${e.instancePath || '/'} ${e.message} ${JSON.stringify(e.params)}`,
    );
    expect(problems, 'schema errors').toEqual([]);
    expect(valid).toBe(true);
  });

  it('keeps the settings the shipped app relies on', () => {
    const config = loadConfig();
    expect(config.appId).toBe('vn.soansinh.app');
    expect(config.productName).toBe('Sổ An Sinh');
    expect(config.artifactName).toBe('So-An-Sinh-${version}-${arch}.${ext}');
    expect(config.artifactName).toMatch(/^[\x20-\x7e]+$/);
    // Real builds rebuild better-sqlite3 for Electron; only this test turns it off.
    expect(config.npmRebuild).toBe(true);
    expect(Object.keys(config.electronFuses).sort()).toEqual([...FUSE_NAMES].sort());
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: false, allowElevation: false, language: '1066' });
    expect(config.nsis.installerLanguages).toEqual(['vi_VN']);
    expect(config.extraResources).toEqual([
      { from: 'resources/fonts', to: 'fonts' },
      { from: 'resources/templates', to: 'templates' },
    ]);
  });

  it('builds the per-user installer and the portable zip for Windows, with a checksum beside each artefact', () => {
    const config = loadConfig();
    const targets = (config.win.target as Array<{ target: string; arch: string[] }>).map(
      (t) => `${t.target}:${t.arch.join(',')}`,
    );
    expect(targets).toEqual(['nsis:x64', 'zip:x64']);
    // Per-user: no administrator rights, no elevation.
    expect(config.nsis.perMachine).toBe(false);
    expect(config.nsis.allowElevation).toBe(false);
    expect(config.afterAllArtifactBuild).toBe('scripts/write-checksums.cjs');
    expect(existsSync(join(root, config.afterAllArtifactBuild))).toBe(true);
  });

  it("the checksum hook writes <artefact>.sha256 in sha256sum's format, for artefacts only", async () => {
    const hook = createRequire(__filename)(join(root, 'scripts/write-checksums.cjs')) as (result: {
      artifactPaths: string[];
    }) => Promise<string[]>;
    const dir = mkdtempSync(join(tmpdir(), 'so-an-sinh-sums-'));
    const sha256sum = (...files: string[]) =>
      new Promise<string>((resolvePromise, reject) =>
        execFile('sha256sum', ['-c', ...files], { cwd: dir }, (error, stdout) =>
          error ? reject(error) : resolvePromise(stdout),
        ),
      );
    try {
      const zip = join(dir, `So-An-Sinh-${pkgVersion}-x64.zip`);
      const exe = join(dir, `So-An-Sinh-${pkgVersion}-x64.exe`);
      writeFileSync(zip, 'PK… Sổ An Sinh');
      writeFileSync(exe, 'MZ… Sổ An Sinh');
      writeFileSync(join(dir, 'latest.yml'), 'version: 0');
      const written = await hook({ artifactPaths: [zip, exe, `${exe}.blockmap`, join(dir, 'latest.yml')] });
      expect(written).toEqual([`${zip}.sha256`, `${exe}.sha256`]);
      expect(readFileSync(`${zip}.sha256`, 'utf8')).toBe(`${sha256File(zip)}  ${basename(zip)}\n`);
      // The ward's check, with the system's own tool: passes, then fails once the zip changes.
      expect(await sha256sum(`${basename(zip)}.sha256`, `${basename(exe)}.sha256`)).toContain(': OK');
      writeFileSync(zip, 'PK… changed');
      await expect(sha256sum(`${basename(zip)}.sha256`)).rejects.toThrow();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('packs into an asar, unpacks the native module, and takes only the built app (no tests, no sources)', () => {
    const config = loadConfig();
    expect(config.asar).toBe(true);
    expect(config.asarUnpack).toContain('node_modules/better-sqlite3/**/*.node');
    const files = config.files as string[];
    const included = files.filter((f) => !f.startsWith('!'));
    expect(included.sort()).toEqual(['dist/main/**', 'dist/renderer/**', 'package.json']);
    expect(files).toContain('!**/node_modules/*/{test,tests,__tests__,docs,doc,example,examples}/**');
    expect(files).toContain(
      '!dist/main/{bench,bench-receiving,payroll-speed,startup-speed,responsiveness-speed,trend-speed,serve}.js',
    );
  });
});

describe('the packed app (electron-builder --linux dir, stand-in Electron)', () => {
  let work: string;
  let appOut: string;
  let resourcesOut: string;
  let asarPath: string;
  let entries: string[];
  let builderLog = '';

  beforeAll(async () => {
    const built = join(root, 'dist/main/electron-main.js');
    if (!existsSync(built)) {
      throw new Error(
        `${relative(root, built)} is missing: the packaging test packs the built app — run \`npm run build\` first.`,
      );
    }
    if (!existsSync(join(root, 'dist/renderer/index.html'))) {
      throw new Error('dist/renderer/index.html is missing: run `npm run build` (renderer and main) first.');
    }

    work = mkdtempSync(join(tmpdir(), 'so-an-sinh-pack-'));
    const electronDist = join(work, 'electron-dist');
    const output = join(work, 'release');
    mkdirSync(electronDist);
    // What electron-builder needs from an unpacked Electron for `--linux dir`: the `electron` executable
    // and a `version` file. The executable is a shell script holding a v1 fuse wire with 8 fuses, all
    // '0' until electron-builder flips them.
    const script = Buffer.concat([
      Buffer.from(`#!/bin/sh\n# stand-in Electron for the packaging test; fuse wire: ${FUSE_SENTINEL}`),
      Buffer.from([1, FUSE_NAMES.length]),
      Buffer.from('0'.repeat(FUSE_NAMES.length)),
      Buffer.from('\necho "stand-in Electron: nothing to run" >&2\nexit 1\n'),
    ]);
    writeFileSync(join(electronDist, 'electron'), script);
    chmodSync(join(electronDist, 'electron'), 0o755);
    writeFileSync(join(electronDist, 'version'), ELECTRON_VERSION);

    const args = [
      join(root, 'node_modules/electron-builder/cli.js'),
      '--linux',
      'dir',
      // With CI set, electron-builder would publish artefacts by itself.
      '--publish',
      'never',
      '--config',
      configPath,
      '-c.npmRebuild=false',
      `-c.electronDist=${electronDist}`,
      `-c.electronVersion=${ELECTRON_VERSION}`,
      `-c.directories.output=${output}`,
    ];
    // No network: every proxy points at a closed port and the download cache is empty, so any attempt
    // to fetch something fails the build instead of quietly succeeding.
    const offline = 'http://127.0.0.1:9';
    const env = {
      ...process.env,
      CI: 'true',
      HTTP_PROXY: offline,
      HTTPS_PROXY: offline,
      http_proxy: offline,
      https_proxy: offline,
      NO_PROXY: '',
      no_proxy: '',
      ELECTRON_BUILDER_CACHE: join(work, 'cache'),
      ELECTRON_CACHE: join(work, 'cache'),
      ELECTRON_SKIP_BINARY_DOWNLOAD: '1',
      CSC_IDENTITY_AUTO_DISCOVERY: 'false',
    };
    const started = Date.now();
    builderLog = await new Promise<string>((resolvePromise, reject) => {
      execFile(
        process.execPath,
        args,
        { cwd: root, env, timeout: 110_000, maxBuffer: 64 * 1024 * 1024 },
        (error, stdout, stderr) => {
          const log = `${stdout}\n${stderr}`;
          if (error) reject(new Error(`electron-builder failed (${error.message.split('\n')[0]}):\n${log}`));
          else resolvePromise(log);
        },
      );
    });
    console.log(`electron-builder --linux dir took ${((Date.now() - started) / 1000).toFixed(1)} s`);

    appOut = join(output, 'linux-unpacked');
    resourcesOut = join(appOut, 'resources');
    asarPath = join(resourcesOut, 'app.asar');
    if (!existsSync(asarPath)) throw new Error(`no app.asar in ${resourcesOut}; electron-builder said:\n${builderLog}`);
    entries = asar.listPackage(asarPath).map((p) => p.replace(/\\/g, '/').replace(/^\//, ''));
    const size = statSync(asarPath).size;
    console.log(`app.asar: ${(size / 1024 / 1024).toFixed(1)} MiB (${size} bytes, ${entries.length} entries)`);
  });

  afterAll(() => {
    if (work) rmSync(work, { recursive: true, force: true });
  });

  it('did not download anything', () => {
    expect(builderLog).not.toMatch(/download/i);
    expect(existsSync(join(work, 'cache'))).toBe(false);
  });

  it('the folder holds the asar, the unpacked native module, fonts, templates, and no test or source file', () => {
    const inside = filesUnder(appOut);
    expect(inside).toContain('resources/app.asar');
    expect(inside).toContain(
      'resources/app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node',
    );
    const fonts = filesUnder(join(root, 'resources/fonts')).filter((f) => f.endsWith('.ttf'));
    expect(fonts.length).toBe(8);
    for (const font of fonts) expect(inside).toContain(`resources/fonts/${font}`);
    const templates = filesUnder(join(root, 'resources/templates'));
    expect(templates).toContain('bank-batch.json');
    for (const template of templates) expect(inside).toContain(`resources/templates/${template}`);
    const own = [
      ...inside.filter((n) => !n.includes('node_modules/')),
      ...entries.filter((e) => !e.startsWith('node_modules/')),
    ];
    expect(
      own.filter((n) =>
        /(^|\/)(tests?|__tests__|fixtures|bench)\/|\.test\.[cm]?[jt]sx?$|\.(ts|tsx|map|sqlite)$/.test(n),
      ),
    ).toEqual([]);
  });

  it('bundles the release notes of this version ("Có gì mới") into the core', () => {
    const core = asar.extractFile(asarPath, 'dist/main/core-worker.js').toString('utf8');
    const notes = JSON.parse(readFileSync(join(root, 'resources/release-notes/vi.json'), 'utf8')) as Record<
      string,
      { date: string; items: string[] }
    >;
    // esbuild writes non-ASCII letters as \xHH / \uHHHH escapes.
    const hex = (code: number, width: number) => code.toString(16).toUpperCase().padStart(width, '0');
    const escaped = (text: string) =>
      [...text]
        .map((c) =>
          c.charCodeAt(0) < 0x80
            ? c
            : c.charCodeAt(0) < 0x100
              ? `\\x${hex(c.charCodeAt(0), 2)}`
              : `\\u${hex(c.charCodeAt(0), 4)}`,
        )
        .join('');
    expect(core).toContain(notes[pkgVersion]!.date);
    for (const item of notes[pkgVersion]!.items) expect(core).toContain(escaped(item.split('"')[0]!));
  });

  it('holds the built main process, preload, renderer and package.json', () => {
    for (const file of [
      'dist/main/electron-main.js',
      'dist/main/preload.js',
      'dist/main/parse-worker.js',
      'dist/renderer/index.html',
      'package.json',
    ]) {
      expect(entries, file).toContain(file);
    }
    const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { main: string };
    expect(entries).toContain(pkg.main);
  });

  it('holds every file of the built renderer', () => {
    const renderer = filesUnder(join(root, 'dist/renderer')).filter((f) => !f.endsWith('.map'));
    expect(renderer.length).toBeGreaterThan(0);
    for (const file of renderer) expect(entries, `dist/renderer/${file}`).toContain(`dist/renderer/${file}`);
  });

  it('holds no sources, tests, source maps or developer tools', () => {
    expect(entries.filter((e) => /\.(ts|tsx|mts|cts)$/.test(e))).toEqual([]);
    expect(entries.filter((e) => e.endsWith('.map'))).toEqual([]);
    const ownTopLevel = new Set(entries.map((e) => e.split('/')[0]));
    expect([...ownTopLevel].sort()).toEqual(['dist', 'node_modules', 'package.json']);
    expect(entries.filter((e) => e.startsWith('tests/') || e === 'tests')).toEqual([]);
    // The main process, the preload, and the worker threads' files: the core, the PDF pool, the
    // spreadsheet parser, the backup rebuild, the quick_check after the start and the payroll build.
    expect(entries.filter((e) => /^dist\/main\/[^/]+$/.test(e)).sort()).toEqual([
      'dist/main/core-worker.js',
      'dist/main/electron-main.js',
      'dist/main/integrity-worker.js',
      'dist/main/parse-worker.js',
      'dist/main/payroll-build-worker.js',
      'dist/main/pdf-worker.js',
      'dist/main/preload.js',
      'dist/main/restore-worker.js',
    ]);
  });

  it('holds the runtime dependencies, with their entry points', () => {
    for (const dep of ['better-sqlite3', 'exceljs', 'pdfmake', 'yauzl']) {
      const pkg = JSON.parse(readFileSync(join(root, 'node_modules', dep, 'package.json'), 'utf8')) as {
        main?: string;
      };
      expect(entries, dep).toContain(`node_modules/${dep}/package.json`);
      const main = join('node_modules', dep, pkg.main ?? 'index.js')
        .split(sep)
        .join('/');
      expect(entries, `${dep}'s main`).toContain(main);
    }
    // Development-only packages stay out.
    for (const dev of ['electron', 'electron-builder', 'vitest', 'typescript', 'react', 'vite']) {
      expect(entries, dev).not.toContain(`node_modules/${dev}`);
    }
  });

  it("unpacks better-sqlite3's native binary and leaves its build leftovers out", () => {
    expect(
      existsSync(join(resourcesOut, 'app.asar.unpacked/node_modules/better-sqlite3/build/Release/better_sqlite3.node')),
    ).toBe(true);
    expect(asar.statFile(asarPath, 'node_modules/better-sqlite3/build/Release/better_sqlite3.node').unpacked).toBe(
      true,
    );
    const sqlite = [
      ...entries.filter((e) => e.startsWith('node_modules/better-sqlite3/')),
      ...filesUnder(join(resourcesOut, 'app.asar.unpacked/node_modules/better-sqlite3')).map(
        (f) => `node_modules/better-sqlite3/${f}`,
      ),
    ];
    const leftovers = sqlite.filter((e) =>
      /^node_modules\/better-sqlite3\/(deps|src|build\/Release\/obj|build\/deps)(\/|$)|\.(gyp|a|mk|o)$|test_extension/.test(
        e,
      ),
    );
    expect(leftovers).toEqual([]);
  });

  it('ships the fonts as resources/fonts', () => {
    const fonts = filesUnder(join(root, 'resources/fonts')).filter((f) => f.endsWith('.ttf'));
    expect(fonts).toContain('Tinos-Regular.ttf');
    for (const font of fonts) expect(existsSync(join(resourcesOut, 'fonts', font)), font).toBe(true);
    expect(existsSync(join(resourcesOut, 'fonts/Tinos-Regular.ttf'))).toBe(true);
  });

  // electron-builder skips dotfiles, so while resources/templates holds only its .gitkeep there is no
  // templates folder to ship; the check runs as soon as the first template is added.
  const templates = filesUnder(join(root, 'resources/templates'));
  it.skipIf(templates.length === 0)('ships the templates as resources/templates', () => {
    expect(statSync(join(resourcesOut, 'templates')).isDirectory()).toBe(true);
    for (const file of templates) expect(existsSync(join(resourcesOut, 'templates', file)), file).toBe(true);
  });

  it('applied the electron fuses of electron-builder.yml to the executable', async () => {
    const config = loadConfig();
    const executable = join(appOut, config.executableName ?? 'so-an-sinh');
    expect(existsSync(executable)).toBe(true);
    const wire = await fuses.getCurrentFuseWire(executable);
    FUSE_NAMES.forEach((name, index) => {
      const expected = config.electronFuses[name] ? 49 /* '1' enabled */ : 48; /* '0' disabled */
      expect(wire[index], name).toBe(expected);
    });
  });

  it('its runtime dependencies load from the package and work (on Node, as npmRebuild is off here)', async () => {
    const extracted = join(work, 'extracted');
    asar.extractAll(asarPath, extracted);
    const script = `
      const Database = require('better-sqlite3');
      const db = new Database(':memory:');
      const sqlite = db.prepare('select sqlite_version() as v').get().v;
      db.close();
      const ExcelJS = require('exceljs');
      const wb = new ExcelJS.Workbook();
      wb.addWorksheet('Danh sách').addRow(['Đặng Thị Ánh', '0012345678']);
      const pdfmake = require('pdfmake');
      const fonts = process.argv[1];
      pdfmake.setFonts({ Tinos: { normal: fonts + '/Tinos-Regular.ttf', bold: fonts + '/Tinos-Regular.ttf',
        italics: fonts + '/Tinos-Regular.ttf', bolditalics: fonts + '/Tinos-Regular.ttf' } });
      pdfmake.setUrlAccessPolicy(() => false);
      pdfmake.setLocalAccessPolicy((p) => p.startsWith(fonts));
      Promise.all([
        wb.xlsx.writeBuffer(),
        pdfmake.createPdf({ content: ['Sổ An Sinh — Đặng Thị Ánh'], defaultStyle: { font: 'Tinos' } }).getBuffer(),
      ]).then(([xlsx, pdf]) => {
        console.log(JSON.stringify({ sqlite, xlsx: xlsx.byteLength, pdf: Buffer.from(pdf).subarray(0, 5).toString() }));
      }, (e) => { console.error(e); process.exit(1); });
    `;
    const out = await new Promise<string>((resolvePromise, reject) => {
      execFile(
        process.execPath,
        ['-e', script, join(resourcesOut, 'fonts')],
        { cwd: extracted, timeout: 60_000 },
        (error, stdout, stderr) => {
          if (error) reject(new Error(`${error.message}\n${stderr}`));
          else resolvePromise(stdout);
        },
      );
    });
    const result = JSON.parse(out.trim().split('\n').at(-1)!) as { sqlite: string; xlsx: number; pdf: string };
    expect(result.sqlite).toMatch(/^3\./);
    expect(result.xlsx).toBeGreaterThan(1000);
    expect(result.pdf).toBe('%PDF-');
  });
});
