// The renderer's Content-Security-Policy: only the app's own files; no inline script, no eval, no remote
// content of any kind. Sent as a header by the harness and by Electron, and repeated in index.html's meta.
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "font-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
