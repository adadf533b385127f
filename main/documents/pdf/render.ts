import type { TDocumentDefinitions } from 'pdfmake/interfaces';
import PrinterModule from 'pdfmake/js/Printer';
import UrlResolverModule from 'pdfmake/js/URLResolver';
import PdfDocumentModule from 'pdfmake/js/PDFDocument';
import { FONT_FAMILY, fontBuffers, FONT_FILES, type FontStyle } from './fonts';
import { TABLE_LAYOUTS } from './plain';

// One pdfmake printer for the process, with Tinos loaded once and nothing else reachable: no URL and
// no file on disk is ever read while rendering (the fonts come from memory). pdfmake's own module-level
// singleton (require('pdfmake')) is not used, so no other code can change our fonts or policies.

interface PdfKitDocument {
  on(event: 'data', listener: (chunk: Buffer) => void): void;
  on(event: 'end', listener: () => void): void;
  on(event: 'error', listener: (error: Error) => void): void;
  end(): void;
}

interface PdfPrinter {
  createPdfKitDocument(doc: TDocumentDefinitions, options?: Record<string, unknown>): Promise<PdfKitDocument>;
}

type PrinterClass = new (
  fonts: unknown,
  virtualfs: unknown,
  urlResolver: unknown,
  localAccessPolicy: (path: string) => boolean,
) => PdfPrinter;
type UrlResolverClass = new (fs: unknown) => { setUrlAccessPolicy(policy: (url: string) => boolean): void };

// pdfmake's Node build is CommonJS with `exports.default`; unwrap whichever interop the loader applied.
const unwrap = <T>(m: unknown): T => {
  let v = m as { default?: unknown };
  while (v && typeof v === 'object' && 'default' in v && v.default) v = v.default as { default?: unknown };
  return v as T;
};

/** A read-only in-memory file system holding only the four font files. */
class FontFs {
  constructor(private readonly files: Map<string, Buffer>) {}
  existsSync(name: string): boolean {
    return this.files.has(name);
  }
  readFileSync(name: string): Buffer {
    const file = this.files.get(name);
    if (!file) throw new Error(`not available to the PDF printer: ${name}`);
    return file;
  }
  writeFileSync(): void {
    throw new Error('the PDF printer downloads nothing');
  }
}

let fontFs: FontFs | undefined;
const getFontFs = () =>
  (fontFs ??= new FontFs(
    new Map(Object.entries(FONT_FILES).map(([style, file]) => [file, fontBuffers()[style as FontStyle]])),
  ));

let printer: PdfPrinter | undefined;

function getPrinter(): PdfPrinter {
  if (printer) return printer;
  const Printer = unwrap<PrinterClass>(PrinterModule);
  const UrlResolver = unwrap<UrlResolverClass>(UrlResolverModule);
  const resolver = new UrlResolver(getFontFs());
  resolver.setUrlAccessPolicy(() => false);
  printer = new Printer({ [FONT_FAMILY]: { ...FONT_FILES } }, getFontFs(), resolver, () => false);
  return printer;
}

interface MeasuringFont {
  widthOfString(text: string, size: number): number;
}
type PdfDocumentClass = new (
  fonts: unknown,
  images: unknown,
  patterns: unknown,
  attachments: unknown,
  options: unknown,
  vfs: unknown,
  policy: unknown,
) => {
  provideFont(family: string, bold: boolean, italics: boolean): MeasuringFont;
};
let measurer: InstanceType<PdfDocumentClass> | undefined;

/** The width in points of `text` set in Tinos at `size` (for rules drawn as long as a line of text). */
export function textWidth(text: string, size: number, style: { bold?: boolean; italics?: boolean } = {}): number {
  if (!measurer) {
    const PdfDocument = unwrap<PdfDocumentClass>(PdfDocumentModule);
    measurer = new PdfDocument(
      { [FONT_FAMILY]: { ...FONT_FILES } },
      {},
      {},
      {},
      { autoFirstPage: false },
      getFontFs(),
      () => false,
    );
  }
  return measurer.provideFont(FONT_FAMILY, !!style.bold, !!style.italics).widthOfString(text.normalize('NFC'), size);
}

/**
 * NFC everywhere: decomposed Vietnamese (from some keyboards and old files) renders and extracts badly.
 * Normalises the definition's strings in place (a 1,000-form batch is ~100,000 nodes: no copy).
 */
function nfcInPlace(value: unknown): void {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) {
      const v: unknown = value[i];
      if (typeof v === 'string') value[i] = v.normalize('NFC');
      else if (v && typeof v === 'object') nfcInPlace(v);
    }
  } else if (value && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const obj = value as Record<string, unknown>;
    for (const k of Object.keys(obj)) {
      const v = obj[k];
      if (typeof v === 'string') obj[k] = v.normalize('NFC');
      else if (v && typeof v === 'object') nfcInPlace(v);
    }
  }
}

export interface RenderedPdf {
  buffer: Buffer;
  pages: number;
}

/**
 * Renders a document definition to PDF bytes. Its text is normalised to NFC in place; the default style is Tinos
 * 13 pt (documents.md), which a definition may override. Layout is synchronous inside pdfmake and
 * blocks the process: about 1.5 ms of CPU for a simple page on a quiet machine, ten times that on a busy
 * one, so anything beyond a few dozen pages belongs in a job (bench/forms.ts measures it).
 */
export async function renderPdf(definition: TDocumentDefinitions): Promise<RenderedPdf> {
  return pdfRenderer ? pdfRenderer(definition) : renderInThisThread(definition);
}

/**
 * Where renderPdf sends its work: the core worker installs the PDF pool (pool.ts) so that layout never
 * blocks the core's answers; tests and tools in one process render in their own thread.
 */
let pdfRenderer: ((definition: TDocumentDefinitions) => Promise<RenderedPdf>) | undefined;
let pdfBuilderRunner: BuiltRenderer | undefined;

type BuiltRenderer = (builder: string, input: unknown, rows: readonly unknown[]) => Promise<BuiltPdf<unknown>>;

export function setPdfRenderer(
  renderer: ((definition: TDocumentDefinitions) => Promise<RenderedPdf>) | undefined,
  builderRunner?: BuiltRenderer,
): void {
  pdfRenderer = renderer;
  pdfBuilderRunner = renderer ? builderRunner : undefined;
}

/**
 * A document whose definition is built from plain data (a small `input` and many `rows`) by a named
 * function that runs where the layout runs: in a pool thread when there is a pool (renderBuilt), so the
 * core never builds nor copies the large definition of a long list (measuring every cell's text, one node
 * per cell); only the rows cross, in slices. The module that defines a builder must be imported by the
 * pool's thread (main/pdf-worker.ts), which finds it by name. `meta` (counts, totals) comes back with the bytes.
 */
export interface PdfBuilder<I, R, M> {
  name: string;
  build: (input: I, rows: readonly R[]) => { definition: TDocumentDefinitions; meta: M };
}

export interface BuiltPdf<M> extends RenderedPdf {
  meta: M;
}

const builders = new Map<string, PdfBuilder<unknown, unknown, unknown>>();

/** Declares a named builder (module level, so that importing its module in a pool thread registers it). */
export function pdfBuilder<I, R, M>(name: string, build: PdfBuilder<I, R, M>['build']): PdfBuilder<I, R, M> {
  if (builders.has(name)) throw new Error(`PDF builder declared twice: ${name}`);
  const builder = { name, build };
  builders.set(name, builder as PdfBuilder<unknown, unknown, unknown>);
  return builder;
}

export function pdfBuilderNamed(name: string): PdfBuilder<unknown, unknown, unknown> {
  const builder = builders.get(name);
  if (!builder)
    throw new Error(`PDF builder not loaded in this thread: ${name} (main/pdf-worker.ts imports its module)`);
  return builder;
}

/** Builds and renders in a pool thread (or here, without a pool): the same bytes either way. */
export async function renderBuilt<I, R, M>(
  builder: PdfBuilder<I, R, M>,
  input: I,
  rows: readonly R[],
): Promise<BuiltPdf<M>> {
  if (pdfBuilderRunner) return (await pdfBuilderRunner(builder.name, input, rows)) as BuiltPdf<M>;
  const { definition, meta } = builder.build(input, rows);
  return { ...(await renderPdf(definition)), meta };
}

/** Renders in the calling thread (a PDF pool worker, or a process without a pool). */
export async function renderInThisThread(definition: TDocumentDefinitions): Promise<RenderedPdf> {
  const p = getPrinter();
  const doc: TDocumentDefinitions = {
    ...definition,
    defaultStyle: { font: FONT_FAMILY, fontSize: 13, lineHeight: 1.1, ...definition.defaultStyle },
  };
  nfcInPlace(doc.content);
  if (doc.info) nfcInPlace(doc.info);
  // header/footer functions are not walked: their output is built by callers from normalised strings.
  const pdf = await p.createPdfKitDocument(doc, { tableLayouts: TABLE_LAYOUTS });
  return new Promise<RenderedPdf>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let pages = 0;
    pdf.on('data', (chunk) => chunks.push(chunk));
    pdf.on('error', reject);
    pdf.on('end', () => resolve({ buffer: Buffer.concat(chunks), pages }));
    pages = countPages(pdf);
    pdf.end();
  });
}

// pdfkit has already added every page by the time createPdfKitDocument resolves; it keeps them in its
// Pages tree. Read the count from there (the 'pageAdded' event fires too early to listen for).
function countPages(pdf: PdfKitDocument): number {
  const kids = (pdf as unknown as { _root?: { data?: { Pages?: { data?: { Kids?: unknown[] } } } } })._root?.data?.Pages
    ?.data?.Kids;
  if (!Array.isArray(kids)) throw new Error('pdfkit: page tree not found');
  return kids.length;
}
