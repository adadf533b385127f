import Database from 'better-sqlite3';
import { spawn } from 'node:child_process';
import { join, resolve } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Store } from '../../main/db/store';
import { verifyAuditChain } from '../../main/services/audit';
import { seedTestUsers, testCore } from '../support/register';
import { tempDir } from '../support/temp';

// Reliability, proven: a child process writes to the register as fast as it can (enrollments through
// the real dispatcher, each one transaction with its audit entry) and reports each commit; the parent
// kills it with SIGKILL at a random moment, again and again. After every kill the file passes
// integrity_check, the audit chain verifies, and every commit the child reported is there.
// `npm test`: 15 kills. `npm run soak` (scripts/soak.mjs): CRASH_RUNS=200.

const RUNS = Number(process.env.CRASH_RUNS ?? 15);
const root = resolve(__dirname, '../..');

interface Commit {
  kind: 'COMMIT' | 'PAYROLL';
  /** The person enrolled, or the payroll built. */
  id: number;
  auditId: number;
  hash: string;
  fullName: string;
}

let dir: string;
let cleanup: () => void;
let child: string;
beforeAll(async () => {
  ({ dir, cleanup } = tempDir('so-an-sinh-crash-'));
  child = join(dir, 'crash-child.js');
  await build({
    entryPoints: [join(root, 'tests/integration/crash-child.ts')],
    outfile: child,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    loader: { '.csv': 'text' },
    define: { __APP_VERSION__: '"crash-test"' },
    external: ['better-sqlite3', 'electron'],
    logLevel: 'error',
    // exceljs and pdfmake take ~1.5 s to load and the writer never uses them: a stand-in keeps each
    // restart short, so the kills land while writing rather than while starting.
    plugins: [
      {
        name: 'unused-libraries',
        setup(b) {
          b.onResolve({ filter: /^(exceljs|pdfmake)(\/.*)?$/ }, (args) => ({ path: args.path, namespace: 'unused' }));
          b.onLoad({ filter: /.*/, namespace: 'unused' }, () => ({
            contents:
              'const f = function () { return p; }; const p = new Proxy(f, { get: (_t, k) => (k === "__esModule" ? false : p), apply: () => p, construct: () => p }); module.exports = p;',
            loader: 'js',
          }));
        },
      },
    ],
  });
});
afterAll(() => cleanup());

/** A small seeded PRNG: a failing run can be replayed with CRASH_SEED. */
function random(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * Runs the child until `killAfterMs` after its first reported commit (so every run has written; the
 * moment is random within the writing, whatever the machine's speed), SIGKILLs it, and returns the
 * commits it reported.
 */
function runAndKill(dbPath: string, run: number, officerId: number, killAfterMs: number): Promise<Commit[]> {
  return new Promise((resolvePromise, reject) => {
    const proc = spawn(process.execPath, [child, dbPath, String(run), String(officerId)], {
      env: { ...process.env, NODE_PATH: join(root, 'node_modules') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    let timer: NodeJS.Timeout | undefined;
    proc.stdout.setEncoding('utf8').on('data', (chunk: string) => {
      out += chunk;
      if (!timer && out.includes('\nCOMMIT ')) timer = setTimeout(() => proc.kill('SIGKILL'), killAfterMs);
    });
    proc.stderr.setEncoding('utf8').on('data', (chunk: string) => {
      err += chunk;
      if (chunk.includes('payroll builds skipped')) console.warn(`crash test, run ${run}: ${chunk.trim()}`);
    });
    proc.on('error', reject);
    proc.on('exit', (code, signal) => {
      clearTimeout(timer);
      if (signal !== 'SIGKILL') return reject(new Error(`child ended by itself (code ${code}): ${err}`));
      // Only whole lines count: a line cut by the kill was never fully reported.
      const lines = out
        .split('\n')
        .slice(0, -1)
        .filter((l) => l.startsWith('COMMIT ') || l.startsWith('PAYROLL '));
      resolvePromise(
        lines.map((line) => {
          const [kind, id, auditId, hash, ...name] = line.split(' ');
          return {
            kind: kind as Commit['kind'],
            id: Number(id),
            auditId: Number(auditId),
            hash: hash!,
            fullName: name.join(' '),
          };
        }),
      );
    });
  });
}

describe('crash test: SIGKILL while writing', () => {
  it(
    `${RUNS} kills at random moments: the file is intact and every reported commit is there`,
    async () => {
      const seed = Number(process.env.CRASH_SEED ?? Date.now() % 1_000_000);
      const rand = random(seed);
      const setup = testCore(dir);
      const officerId = seedTestUsers(setup).officer;
      setup.close();
      const dbPath = join(dir, 'so.sqlite');

      const reported: Commit[] = [];
      for (let run = 1; run <= RUNS; run++) {
        const commits = await runAndKill(dbPath, run, officerId, Math.floor(rand() * 400));
        reported.push(...commits);

        const db = new Database(dbPath);
        try {
          expect(db.pragma('integrity_check', { simple: true }), `run ${run} (seed ${seed})`).toBe('ok');
          const person = db.prepare('SELECT full_name FROM people WHERE id = ?').pluck();
          const payroll = db.prepare("SELECT 1 FROM payrolls WHERE id = ? AND month = '2026-11'").pluck();
          const audit = db.prepare('SELECT hash FROM audit_log WHERE id = ?').pluck();
          const missing = reported.filter(
            (c) =>
              audit.get(c.auditId) !== c.hash ||
              (c.kind === 'COMMIT' ? person.get(c.id) !== c.fullName : payroll.get(c.id) !== 1),
          );
          expect(missing, `run ${run} (seed ${seed})`).toEqual([]);
          expect(verifyAuditChain(new Store(db)), `run ${run} (seed ${seed})`).toMatchObject({ ok: true });
        } finally {
          db.close();
        }
      }
      const builds = reported.filter((c) => c.kind === 'PAYROLL').length;
      console.log(
        `crash test: ${RUNS} kills (seed ${seed}), ${reported.length} commits reported (${builds} payroll builds) and all present`,
      );
      expect(reported.length).toBeGreaterThanOrEqual(RUNS);
    },
    60_000 + RUNS * 5_000,
  );
});
