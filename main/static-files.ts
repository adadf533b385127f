import { statSync } from 'node:fs';
import { extname, join, normalize, resolve, sep } from 'node:path';

// Resolves a URL path to a file inside the built renderer folder, for both the Electron app:// protocol
// and the browser harness. Anything outside the folder (../, encoded or not) resolves to nothing.

export const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.ttf': 'font/ttf',
  '.woff2': 'font/woff2',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

export interface StaticFile {
  path: string;
  size: number;
  type: string;
}

export function resolveStaticFile(root: string, urlPath: string): StaticFile | undefined {
  const base = resolve(root);
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath);
  } catch {
    return undefined;
  }
  const relative = normalize(decoded).replace(/^([/\\])+/, '');
  let file = resolve(join(base, relative || 'index.html'));
  if (file !== base && !file.startsWith(base + sep)) return undefined;
  let stat = safeStat(file);
  if (stat?.isDirectory()) {
    file = join(file, 'index.html');
    stat = safeStat(file);
  }
  if (!stat?.isFile()) return undefined;
  return { path: file, size: stat.size, type: MIME[extname(file).toLowerCase()] ?? 'application/octet-stream' };
}

function safeStat(file: string) {
  try {
    return statSync(file);
  } catch {
    return undefined;
  }
}
