// Vite/vitest plugin: `import text from './x.csv'` yields the file's text, as esbuild's text loader does.
import { readFileSync } from 'node:fs';

export function csvText() {
  return {
    name: 'csv-text',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith('.csv')) return null;
      return `export default ${JSON.stringify(readFileSync(id, 'utf8'))};`;
    },
  };
}
