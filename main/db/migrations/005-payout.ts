import type { Migration } from './types';

// Payout methods (issue 5): indexes for the lookups the payout rules make on every change and page —
// who else is paid into an account (a warning on both pages), and the authorizations a person receives.
// The tables themselves are in 001; no data changes.

export const payoutIndexes: Migration = {
  version: 5,
  name: 'payout: account and receiver indexes',
  up: (db) => {
    db.exec(`
CREATE INDEX payout_methods_account ON payout_methods(bank_account_id) WHERE bank_account_id IS NOT NULL;
CREATE INDEX bank_accounts_bank_number ON bank_accounts(bank_code, account_number);
CREATE INDEX authorizations_receiver ON authorizations(receiver_person_id);
`);
  },
};
