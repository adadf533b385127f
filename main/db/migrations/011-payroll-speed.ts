import type { Migration } from './types';

// Payroll build speed (issue 11): the lines still to be carried over into a later payroll are found
// through a small partial index instead of a scan of every line of every approved payroll (two years
// of a 100,000-person ward: over two million lines, ~0.5 s on each build).
export const payrollSpeed: Migration = {
  version: 11,
  name: 'payroll speed: partial index on lines carried over or converted to cash',
  up: (db) => {
    db.exec(
      `CREATE INDEX payroll_lines_carry ON payroll_lines(status) WHERE status IN ('carried_over', 'converted_to_cash');`,
    );
  },
};
