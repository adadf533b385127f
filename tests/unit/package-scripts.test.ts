import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

// The scripts in package.json run on the ward's and the release machine's Windows too (npm runs them
// with cmd.exe there): no Unix-only shell syntax. Anything more than `a && b` goes in a node script.

const pkg = JSON.parse(readFileSync(join(__dirname, '../../package.json'), 'utf8')) as {
  scripts: Record<string, string>;
};

const UNIX_ONLY: Array<[RegExp, string]> = [
  [
    /(^|&&|\|\||;)\s*[A-Za-z_][A-Za-z0-9_]*=\S*\s+\S/,
    "an environment variable set before a command (VAR=x cmd): use a node script or the tool's own option",
  ],
  [/\$[A-Za-z_{(]/, 'a shell variable or substitution ($VAR, ${…}, $(…))'],
  [/`/, 'a backtick substitution'],
  [
    /'/,
    'single quotes: cmd.exe passes them through (a quoted glob stays unexpanded and literal); use \\" or no quotes',
  ],
  [
    /(^|&&|\|\||;)\s*(rm|cp|mv|mkdir|cat|ls|grep|sed|chmod|export|source|test|\[)\s/,
    'a Unix command (rm, cp, mv, mkdir -p, …): use node:fs in a node script',
  ],
  [/(^|\s)\.\/\S/, 'a ./relative command (cmd.exe does not run it)'],
  [/\.sh(\s|$)/, 'a shell script'],
  [/(^|[^&])&($|[^&])/, 'a background job (&)'],
  [/\s;\s|;$/, 'a `;` command separator (cmd.exe uses &)'],
  [/2>\/dev\/null|>\s*\/dev\/null/, '/dev/null'],
];

describe('package.json scripts', () => {
  it('use no Unix-only shell syntax', () => {
    const problems: string[] = [];
    for (const [name, command] of Object.entries(pkg.scripts)) {
      for (const [pattern, why] of UNIX_ONLY)
        if (pattern.test(command)) problems.push(`"${name}": ${why} — ${command}`);
    }
    expect(problems).toEqual([]);
  });

  it('the check itself catches what it is for', () => {
    const bad = [
      'NODE_ENV=production node x.js',
      'rm -rf dist && vite build',
      "prettier --check 'src/**/*.ts'",
      'echo $HOME',
      './scripts/x.sh',
      'a ; b',
      'node a.js & node b.js',
    ];
    for (const command of bad)
      expect(
        UNIX_ONLY.some(([pattern]) => pattern.test(command)),
        command,
      ).toBe(true);
    const good = [
      'npm run build:renderer && npm run build:main',
      'node scripts/make-upgrade-fixtures.mjs',
      'vitest run --project unit',
      'eslint . --max-warnings 0 --cache --cache-location node_modules/.cache/eslint/',
    ];
    for (const command of good)
      expect(
        UNIX_ONLY.some(([pattern]) => pattern.test(command)),
        command,
      ).toBe(false);
  });
});
