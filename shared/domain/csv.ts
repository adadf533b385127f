// Minimal RFC 4180 reader for the bundled reference tables (quoted fields may hold commas, quotes
// as "" and line breaks). Malformed input throws: these files ship with the app, so a bad edit
// should fail loudly in tests rather than load a shifted column.

/** Rows of fields. CRLF, LF or CR end a record; a final line break does not start an empty record. */
export function parseCsv(text: string): string[][] {
  const src = text.startsWith('\ufeff') ? text.slice(1) : text; // Excel's UTF-8 BOM
  const n = src.length;
  const rows: string[][] = [];
  let i = 0;
  while (i < n) {
    const row: string[] = [];
    for (;;) {
      let field = '';
      if (src[i] === '"') {
        i++;
        for (;;) {
          if (i >= n) throw new Error(`CSV: thiếu dấu " đóng ở dòng ${rows.length + 1}`);
          if (src[i] === '"') {
            if (src[i + 1] !== '"') break;
            i++; // "" is one quote
          }
          field += src[i];
          i++;
        }
        i++; // the closing quote
      } else {
        const start = i;
        while (i < n && src[i] !== ',' && src[i] !== '\r' && src[i] !== '\n') {
          if (src[i] === '"') {
            throw new Error(`CSV: trường có dấu " phải đặt trong ngoặc kép (dòng ${rows.length + 1})`);
          }
          i++;
        }
        field = src.slice(start, i);
      }
      row.push(field);
      if (i >= n) break;
      const c = src[i];
      if (c === ',') {
        i++;
        continue; // a comma at the very end still opens an (empty) last field
      }
      if (c === '\r' || c === '\n') {
        i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
        break;
      }
      throw new Error(`CSV: ký tự thừa sau dấu " đóng (dòng ${rows.length + 1})`);
    }
    rows.push(row);
  }
  return rows;
}

/** Objects keyed by the header row; blank lines are skipped, a row of the wrong width throws. */
export function parseCsvRecords(text: string): Record<string, string>[] {
  const [header, ...rows] = parseCsv(text).filter((r) => !(r.length === 1 && r[0] === ''));
  if (!header) return [];
  return rows.map((r, idx) => {
    if (r.length !== header.length) {
      throw new Error(`CSV: dòng ${idx + 2} có ${r.length} cột, tiêu đề có ${header.length}`);
    }
    const rec: Record<string, string> = {};
    header.forEach((name, k) => {
      rec[name] = r[k] as string;
    });
    return rec;
  });
}
