import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { csvText } from '../scripts/csv-text-plugin.mjs';

// The renderer bundle. The desktop app loads dist/renderer/index.html from file://, so every URL is
// relative (base './'). The CSP (main/security.ts) forbids inline script and inline <style>, so nothing
// may be inlined into index.html, and fonts are emitted as files rather than data: URIs.

const rendererRoot = fileURLToPath(new URL('.', import.meta.url));
const projectRoot = fileURLToPath(new URL('..', import.meta.url));

export default defineConfig({
  root: rendererRoot,
  base: './',
  // shared/ may import reference .csv files as text.
  plugins: [csvText(), react()],
  // `@shared/…` imports the project's shared/ (the alias of tsconfig.base.json's `paths`).
  resolve: { alias: { '@shared': `${projectRoot}shared` } },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    modulePreload: { polyfill: false },
    assetsInlineLimit: 0,
    cssCodeSplit: false,
    target: 'chrome120',
    sourcemap: false,
    reportCompressedSize: false,
  },
  server: {
    // The fonts live in ../resources/fonts and the API types in ../shared.
    fs: { allow: [projectRoot] },
  },
});
