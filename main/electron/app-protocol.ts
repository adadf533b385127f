import { readFile } from 'node:fs/promises';
import type { Protocol } from 'electron';
import { CONTENT_SECURITY_POLICY } from '../security';
import { resolveStaticFile } from '../static-files';

// The renderer is served from app://so-an-sinh/ rather than file://: Vite's module scripts load from a
// standard, secure origin (file:// blocks them with the file-protocol fuse off), the CSP arrives as a
// real header, and only files of the built renderer folder can ever be served.

export const APP_SCHEME = 'app';
export const APP_HOST = 'so-an-sinh';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/** Must run before the app is ready. */
export function registerAppScheme(protocol: Pick<Protocol, 'registerSchemesAsPrivileged'>): void {
  protocol.registerSchemesAsPrivileged([{ scheme: APP_SCHEME, privileges: { standard: true, secure: true } }]);
}

export function serveRenderer(protocol: Pick<Protocol, 'handle'>, rendererDir: string): void {
  protocol.handle(APP_SCHEME, (request) => respond(request.url, rendererDir));
}

export async function respond(url: string, rendererDir: string): Promise<Response> {
  const parsed = new URL(url);
  const file = parsed.host === APP_HOST ? resolveStaticFile(rendererDir, parsed.pathname) : undefined;
  if (!file)
    return new Response('Không tìm thấy.', { status: 404, headers: { 'Content-Type': 'text/plain; charset=utf-8' } });
  return new Response(new Uint8Array(await readFile(file.path)), {
    status: 200,
    headers: {
      'Content-Type': file.type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
