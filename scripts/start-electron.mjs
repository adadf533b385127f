// `npm start`: launches the built app in Electron. Electron's binary is fetched on first use where there
// is internet; where there is none, say so in one line and point to the browser harness.
import { spawn, spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

const require = createRequire(import.meta.url);
const electronDir = dirname(require.resolve('electron/package.json'));
const pathFile = join(electronDir, 'path.txt');
const binary = () => existsSync(pathFile) && join(electronDir, 'dist', readFileSync(pathFile, 'utf8'));

if (!binary() || !existsSync(binary())) {
  const fetched = spawnSync(process.execPath, [join(electronDir, 'install.js')], { stdio: 'ignore', timeout: 180_000 });
  if (fetched.status !== 0 || !binary() || !existsSync(binary())) {
    console.error(
      'Không tải được Electron (máy không có Internet?): chạy `npm run serve` để mở cùng ứng dụng trong trình duyệt.',
    );
    process.exit(1);
  }
}
const child = spawn(binary(), ['.'], { stdio: 'inherit' });
child.on('exit', (code) => process.exit(code ?? 0));
