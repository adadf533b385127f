import type { TDocumentDefinitions } from 'pdfmake/interfaces';

// A document definition that can cross a thread boundary. pdfmake accepts functions in a definition
// (header/footer, table layouts), which postMessage cannot copy. Our documents use exactly two kinds, and
// both are described by plain data here and rebuilt as functions on the other side by the same module:
//  - the page-number header: a function tagged with its plain spec (pageNumberHeader), sent as the spec;
//  - the bordered table layout: a named layout ('decree30Grid') registered with pdfmake by renderPdf.
// Anything else that is a function makes the definition unsendable: an error, found by the tests.

export const GRID_LAYOUT = 'decree30Grid';

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
    currentPage <= 1 ? null : { text: String(currentPage), alignment: 'center', fontSize: spec.fontSize, margin: spec.margin }) as HeaderFn;
  fn.plain = spec;
  return fn;
}

const SLOTS = ['header', 'footer', 'background'] as const;

export interface PlainSlot {
  $plain: PageNumberSpec;
}

/** The definition with its tagged functions replaced by their specs (a shallow copy; content is shared). */
export function toPlainDefinition(definition: TDocumentDefinitions): TDocumentDefinitions {
  const plain: Record<string, unknown> = { ...definition };
  for (const slot of SLOTS) {
    const value = plain[slot];
    if (typeof value !== 'function') continue;
    const spec = (value as HeaderFn).plain;
    if (!spec) throw new Error(`PDF: the document's ${slot} is a function without a plain form (main/documents/pdf/plain.ts)`);
    plain[slot] = { $plain: spec } satisfies PlainSlot;
  }
  return plain as unknown as TDocumentDefinitions;
}

/** The reverse of toPlainDefinition, in the thread that renders. */
export function fromPlainDefinition(definition: TDocumentDefinitions): TDocumentDefinitions {
  const live: Record<string, unknown> = { ...definition };
  for (const slot of SLOTS) {
    const value = live[slot] as Partial<PlainSlot> | undefined;
    if (value && typeof value === 'object' && value.$plain?.kind === 'pageNumbers') live[slot] = pageNumberHeader(value.$plain);
  }
  return live as unknown as TDocumentDefinitions;
}
