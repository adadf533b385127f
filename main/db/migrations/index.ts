import type { Migration } from './types';
import { initialSchema } from './001-initial';
import { referenceData } from './002-reference-data';
import { registerSchema } from './003-register';
import { searchIndex } from './004-search';
import { payoutIndexes } from './005-payout';
import { payrollSchema } from './006-payroll';
import { ledgerSchema } from './007-ledger';
import { eligibilitySchema } from './008-eligibility';
import { payrollReviewSchema } from './009-payroll-review';
import { receiversAndTerms } from './010-receivers-terms';
import { payrollSpeed } from './011-payroll-speed';
import { undoSchema } from './012-undo';
import { wardDecisions } from './013-ward-decisions';
import { healthInsurance } from './014-health-insurance';
import { wardDocuments } from './015-ward-documents';
import { eligibilityEvidence } from './016-eligibility-evidence';
import { personTransfers } from './017-person-transfers';
import { receivingSchema } from './018-receiving';
import { rounds } from './019-rounds';
import { roundResults } from './020-round-results';

/** Bundled, ordered list: the installed app never reads migrations from a folder. */
export const MIGRATIONS: readonly Migration[] = [
  initialSchema,
  referenceData,
  registerSchema,
  searchIndex,
  payoutIndexes,
  payrollSchema,
  ledgerSchema,
  eligibilitySchema,
  payrollReviewSchema,
  receiversAndTerms,
  payrollSpeed,
  undoSchema,
  wardDecisions,
  healthInsurance,
  wardDocuments,
  eligibilityEvidence,
  personTransfers,
  receivingSchema,
  rounds,
  roundResults,
];

export const LATEST_SCHEMA_VERSION = MIGRATIONS[MIGRATIONS.length - 1]!.version;
export type { Migration };
