// Kept as the settings screens' import path; the formatters live in shared/domain/format.ts.
export { formatLocalDateTime, formatLocalTimeShort } from '@shared/domain/format';
