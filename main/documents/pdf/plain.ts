import type { TDocumentDefinitions } from 'pdfmake/interfaces';

// A document definition that can cross a thread boundary. pdfmake accepts functions in a definition
// (header/footer, table layouts, pageBreakBefore), which postMessage cannot copy. Our documents use exactly
// three kinds, all described by plain data here and rebuilt as functions on the other side by this module:
//  - the page-number header: a function tagged with its plain spec (pageNumberHeader), sent as the spec;
//  - the keep-together rule (keepTogetherRule): pageBreakBefore, sent as its spec;
//  - the bordered table layouts: named layouts ('decree30Grid', 'decree30Bare') registered by renderPdf.
// Anything else that is a function makes the definition unsendable: an error, found by the tests.

export const GRID_LAYOUT = 'decree30Grid';
/** No rules and no padding: signature blocks laid out in a table so that their names share a line. */
export const BARE_LAYOUT = 'decree30Bare';

/** pdfmake's tableLayouts option: the named layouts documents may use. */
export const TABLE_LAYOUTS = {
  [GRID_LAYOUT]: {
    hLineWidth: () => 0.5,
    vLineWidth: () => 0.5,
    paddingLeft: () => 3,
    paddingRight: () => 3,
    paddingTop: () => 2,
    paddingBottom: () => 2,
  },
  [BARE_LAYOUT]: {
    hLineWidth: () => 0,
    vLineWidth: () => 0,
    paddingLeft: () => 0,
    paddingRight: () => 0,
    paddingTop: () => 0,
    paddingBottom: () => 0,
  },
};

export interface PageNumberSpec {
  kind: 'pageNumbers';
  fontSize: number;
  margin: [number, number, number, number];
}

type HeaderFn = NonNullable<TDocumentDefinitions['header']> & { plain?: PageNumberSpec };

/** Page numbers centred at the top, from page 2: a header function that also carries its plain spec. */
export function pageNumberHeader(spec: PageNumberSpec): HeaderFn {
  const fn = ((currentPage: number) =>
    currentPage <= 1
      ? null
      : { text: String(currentPage), alignment: 'center', fontSize: spec.fontSize, margin: spec.margin }) as HeaderFn;
  fn.plain = spec;
  return fn;
}

/**
 * Keep-together marks: a node with id "keep:<name>:start" (a table row's first cell) and one with id
 * "keep:<name>:end" (the first line of an unbreakable closing: totals in words and signatures). When the
 * end does not start on the page where the start is, the page breaks before the start, so the closing
 * never stands alone on a page: the last rows (and the table's repeated header) go with it.
 */
export interface KeepTogetherSpec {
  kind: 'keepTogether';
}

export const keepStartId = (name: string) => `keep:${name}:start`;
export const keepEndId = (name: string) => `keep:${name}:end`;
const KEEP_START = /^keep:(.+):start$/;

interface NodeInfo {
  id?: unknown;
}
interface NodeQueries {
  getFollowingNodesOnPage(): NodeInfo[];
}
type PageBreakFn = NonNullable<TDocumentDefinitions['pageBreakBefore']> & { plain?: KeepTogetherSpec };

/** The table rows whose first cell carries a keep start mark, by mark (nested tables included). */
function keptRows(content: unknown): Map<string, unknown[]> {
  const rows = new Map<string, unknown[]>();
  const walk = (v: unknown): void => {
    if (Array.isArray(v)) for (const x of v) walk(x);
    else if (v && typeof v === 'object') {
      const body = (v as { table?: { body?: unknown } }).table?.body;
      if (Array.isArray(body)) {
        for (const row of body) {
          const id = Array.isArray(row) ? (row[0] as NodeInfo | undefined)?.id : undefined;
          if (typeof id === 'string' && KEEP_START.test(id)) rows.set(id, row as unknown[]);
        }
      }
      for (const x of Object.values(v)) if (x && typeof x === 'object') walk(x);
    }
  };
  walk(content);
  return rows;
}

/**
 * pdfmake's pageBreakBefore for the keep-together marks (a string test per node; the page scan only at a
 * mark). pdfmake breaks before the one node it asked about; in a table row that moves only the first cell,
 * so the rule marks every cell of the row (pdfmake then moves the whole row and repeats the header). The
 * cells are found in `content`, the same objects pdfmake lays out.
 */
export function keepTogetherRule(content: unknown): PageBreakFn {
  let rows: Map<string, unknown[]> | undefined;
  const fn = ((node: NodeInfo, nodes: NodeQueries) => {
    const m = typeof node.id === 'string' ? KEEP_START.exec(node.id) : null;
    if (!m) return false;
    const end = keepEndId(m[1]!);
    if (nodes.getFollowingNodesOnPage().some((n) => n.id === end)) return false;
    rows ??= keptRows(content);
    for (const cell of rows.get(node.id as string) ?? [])
      if (cell && typeof cell === 'object') (cell as { pageBreak?: string }).pageBreak = 'before';
    return true;
  }) as unknown as PageBreakFn;
  fn.plain = { kind: 'keepTogether' };
  return fn;
}

const SLOTS = ['header', 'footer', 'background', 'pageBreakBefore'] as const;

export interface PlainSlot {
  $plain: PageNumberSpec | KeepTogetherSpec;
}

/** The definition with its tagged functions replaced by their specs (a shallow copy; content is shared). */
export function toPlainDefinition(definition: TDocumentDefinitions): TDocumentDefinitions {
  const plain: Record<string, unknown> = { ...definition };
  for (const slot of SLOTS) {
    const value = plain[slot];
    if (typeof value !== 'function') continue;
    const spec = (value as HeaderFn | PageBreakFn).plain;
    if (!spec)
      throw new Error(`PDF: the document's ${slot} is a function without a plain form (main/documents/pdf/plain.ts)`);
    plain[slot] = { $plain: spec } satisfies PlainSlot;
  }
  return plain as unknown as TDocumentDefinitions;
}

/** The reverse of toPlainDefinition, in the thread that renders. */
export function fromPlainDefinition(definition: TDocumentDefinitions): TDocumentDefinitions {
  const live: Record<string, unknown> = { ...definition };
  for (const slot of SLOTS) {
    const value = live[slot] as Partial<PlainSlot> | undefined;
    if (value && typeof value === 'object' && value.$plain?.kind === 'pageNumbers')
      live[slot] = pageNumberHeader(value.$plain);
    if (value && typeof value === 'object' && value.$plain?.kind === 'keepTogether')
      live[slot] = keepTogetherRule(live.content);
  }
  return live as unknown as TDocumentDefinitions;
}
