import { z } from 'zod';
import { query } from './channel';
import type { PrintedPdf } from './forms';

// Hướng dẫn (issue 15): the help pages themselves are data in shared/help/pages.ts, bundled with the
// renderer (offline, no call needed); main lays out the quick guide PDF for the office wall.
export const helpChannels = {
  /** The quick guide (A4 PDF): opened in the viewer (desktop app) or downloaded (browser harness). */
  'help.quickGuide': query<Promise<PrintedPdf>>()(z.object({}).strict(), 'signed-in'),
} as const;
