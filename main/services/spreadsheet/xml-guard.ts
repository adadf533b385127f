import { LIMIT_MESSAGES, refuse, type SpreadsheetLimits } from './limits';

// A byte-level watch over an xlsx part's XML as it is inflated, BEFORE the XML parser sees it: it counts
// rows, cells and shared strings, measures each text run and tag, collects merged ranges, and stops the
// stream (throws SpreadsheetRefused) the moment a limit is passed. It is no XML parser: it only needs to
// see every '<'…'>' boundary, so a 10 MB cell or the 150,001st row is refused after reading just that far,
// never after the parser has built it. CDATA sections count as text; comments and declarations as tags.

/** Running totals over the whole file (all parts share one). */
export interface GuardTotals {
  rows: number;
  cells: number;
  sharedStrings: number;
  merges: number;
}

export const newTotals = (): GuardTotals => ({ rows: 0, cells: 0, sharedStrings: 0, merges: 0 });

const LT = 0x3c; // <
const GT = 0x3e; // >
const SLASH = 0x2f;
const COLON = 0x3a;
const BANG = 0x21;
const QUESTION = 0x3f;

const enum State {
  Text,
  TagName,
  Tag,
  Cdata,
  Comment,
}

const CDATA_OPEN = '![CDATA[';

/** Elements found inside one cell value or shared string (local names). */
const VALUE_INTERNAL = new Set([
  't',
  'r',
  'rPr',
  'v',
  'f',
  'is',
  'rFont',
  'b',
  'i',
  'u',
  'strike',
  'sz',
  'color',
  'family',
  'charset',
  'scheme',
  'vertAlign',
  'outline',
  'shadow',
  'condense',
  'extend',
  'rPh',
  'phoneticPr',
]);

export class XmlGuard {
  private state = State.Text;
  private textRun = 0;
  private tagLength = 0;
  private name = '';
  private nameDone = false;
  private closing = false;
  /** Attributes of a <mergeCell> tag being read (short). */
  private mergeAttrs: string | null = null;
  /** Last bytes seen in CDATA/comment, to find their end across chunks. */
  private tail = '';
  readonly mergeRefs: string[] = [];
  /** Cells typed boolean or error (t="b" / t="e"), by reference: exceljs's streaming reader reads a
   * formula's cached boolean as 1/0 and its error as NaN; the reader puts them back (xlsx-reader.ts). */
  readonly typedCells = new Map<string, 'b' | 'e'>();
  /** Attributes of a <c> tag being read (short). */
  private cellAttrs: string | null = null;

  constructor(
    private readonly limits: SpreadsheetLimits,
    private readonly totals: GuardTotals,
    /** Which elements count here: a sheet's rows/cells/merges, or the shared strings. */
    private readonly kind: 'sheet' | 'sharedStrings' | 'other',
  ) {}

  /** Scans one chunk; throws when a limit is passed. */
  scan(chunk: Uint8Array): void {
    const l = this.limits;
    for (let i = 0; i < chunk.length; i++) {
      const b = chunk[i]!;
      switch (this.state) {
        case State.Text:
          if (b === LT) {
            this.state = State.TagName;
            this.tagLength = 1;
            this.name = '';
            this.nameDone = false;
            this.closing = false;
          } else if (++this.textRun > l.maxTextBytes) refuse(LIMIT_MESSAGES.textTooLong());
          break;
        case State.TagName:
        case State.Tag:
          if (++this.tagLength > l.maxTagBytes) refuse(LIMIT_MESSAGES.tagTooLong());
          if (this.state === State.TagName) {
            if (this.tagLength === 2 && b === SLASH) {
              this.closing = true;
              break;
            }
            if (this.tagLength === 2 && b === BANG) {
              this.name = '!';
              break;
            }
            if (this.name.startsWith('!')) {
              this.name += String.fromCharCode(b);
              if (this.name === CDATA_OPEN) {
                this.state = State.Cdata;
                this.tail = '';
              } else if (this.name === '!--') {
                this.state = State.Comment;
                this.tail = '';
              } else if (!CDATA_OPEN.startsWith(this.name) && !'!--'.startsWith(this.name)) this.state = State.Tag; // <!DOCTYPE …>
              if (this.state !== State.TagName) break;
              if (b === GT) this.endTag();
              break;
            }
            if (b === GT || b === SLASH || b <= 0x20) {
              this.nameDone = true;
              this.state = State.Tag;
              this.openElement();
              if (b === GT) this.endTag();
              break;
            }
            if (b === COLON)
              this.name = ''; // namespace prefix: keep the local name
            else if (b === QUESTION && this.tagLength === 2) this.name = '?';
            else if (this.name.length < 16) this.name += String.fromCharCode(b);
            break;
          }
          if (this.mergeAttrs !== null && this.mergeAttrs.length < 256) this.mergeAttrs += String.fromCharCode(b);
          else if (this.cellAttrs !== null && this.cellAttrs.length < 128) this.cellAttrs += String.fromCharCode(b);
          if (b === GT) this.endTag();
          break;
        case State.Cdata:
          // CDATA is text: it continues the run it is in.
          if (++this.textRun > l.maxTextBytes) refuse(LIMIT_MESSAGES.textTooLong());
          this.tail = (this.tail + String.fromCharCode(b)).slice(-3);
          if (this.tail === ']]>') this.state = State.Text;
          break;
        case State.Comment:
          if (++this.tagLength > l.maxTagBytes) refuse(LIMIT_MESSAGES.tagTooLong());
          this.tail = (this.tail + String.fromCharCode(b)).slice(-3);
          if (this.tail === '-->') {
            this.state = State.Text;
            this.textRun = 0;
          }
          break;
      }
    }
  }

  private openElement(): void {
    if (this.closing || !this.nameDone) return;
    const t = this.totals;
    const l = this.limits;
    if (this.kind === 'sheet') {
      if (this.name === 'c') {
        if (++t.cells > l.maxCells) refuse(LIMIT_MESSAGES.tooManyCells(l));
        this.cellAttrs = '';
      } else if (this.name === 'row') {
        if (++t.rows > l.maxRows) refuse(LIMIT_MESSAGES.tooManyRows(l));
      } else if (this.name === 'mergeCell') {
        if (++t.merges > l.maxMerges) refuse(LIMIT_MESSAGES.tooManyMerges());
        this.mergeAttrs = '';
      }
    } else if (this.kind === 'sharedStrings' && this.name === 'si') {
      if (++t.sharedStrings > l.maxSharedStrings) refuse(LIMIT_MESSAGES.tooManyStrings(l));
    }
  }

  private endTag(): void {
    this.state = State.Text;
    // A value's text may be split by the elements inside it (rich-text runs <r><t>…</t></r>, a formula
    // and its value): those do not end the run, so a cell cannot hide a long text in many small pieces.
    // Any other element ends it (whitespace between rows or styles is not one long text).
    if (!VALUE_INTERNAL.has(this.name)) this.textRun = 0;
    if (this.cellAttrs !== null) {
      const attrs = this.cellAttrs;
      this.cellAttrs = null;
      if (attrs.includes('t=')) {
        const type = /\bt\s*=\s*["']([be])["']/.exec(attrs)?.[1] as 'b' | 'e' | undefined;
        const ref = type && /\br\s*=\s*["']([A-Za-z]{1,3}\d{1,7})["']/.exec(attrs)?.[1];
        if (type && ref) this.typedCells.set(ref.toUpperCase(), type);
      }
    }
    if (this.mergeAttrs !== null) {
      const ref = /\bref\s*=\s*["']([A-Za-z]{1,3}\d{1,7}(?::[A-Za-z]{1,3}\d{1,7})?)["']/.exec(this.mergeAttrs)?.[1];
      if (ref) this.mergeRefs.push(ref);
      this.mergeAttrs = null;
    }
  }
}

/** The stream of a part's bytes, watched by a guard (counted, limited, stopped at the first excess). */
export async function* guarded(
  source: AsyncIterable<Buffer>,
  guard: XmlGuard,
  onBytes?: (n: number) => void,
): AsyncGenerator<Buffer> {
  for await (const chunk of source) {
    guard.scan(chunk);
    onBytes?.(chunk.length);
    yield chunk;
  }
}
