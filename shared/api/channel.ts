import type { z } from 'zod';
import type { Role } from './auth';

// How a channel is declared. Each area of the API (register, payout, payroll, …) declares its channels in
// its own file with these builders; shared/api/contract.ts gathers them into the one contract.
//
// `kind` tells the dispatcher how to run the handler: a 'command' runs in one transaction that must
// append an audit entry; a 'query' only reads (its handle cannot write: main/api/dispatch.ts); a 'job'
// starts a long job and answers its id at once (`job<Result>()`: the contract carries the job's result
// type, so `jobs.get` and the renderer's job hooks know it); the job's own write is audited as a
// command's (main/jobs.ts); a 'session' call signs in or out and may make its own audited write
// (passwords are hashed asynchronously, outside any transaction); a 'status' call works even when the
// database could not be opened (so the renderer can show the recovery screen).
//
// `access` says who may call: 'public' (before sign-in), 'signed-in' (any role), or a list of roles. Main
// checks it on every call; the renderer only hides what the user cannot do.

export type ChannelKind = 'status' | 'query' | 'command' | 'session' | 'job';
export type Access = 'public' | 'signed-in' | readonly Role[];

export interface ChannelSpec<K extends ChannelKind, I extends z.ZodType, O> {
  kind: K;
  input: I;
  access: Access;
  /** Phantom: the output type, carried for the typed client and handlers. */
  output: O;
}

/** `query<Output>()(inputSchema, access)`: the output type is named, the input type inferred from the schema. */
const channelOf =
  <K extends ChannelKind>(kind: K) =>
  <O>() =>
  <I extends z.ZodType>(input: I, access: Access = 'signed-in'): ChannelSpec<K, I, O> => ({
    kind,
    input,
    access,
    output: undefined as O,
  });
export const status = channelOf('status');
export const query = channelOf('query');
export const command = channelOf('command');
export const session = channelOf('session');

declare const jobResult: unique symbol;
/**
 * A job's id. At run time a plain string; its type also names the job's result (phantom), so
 * `jobs.get` with it answers a `JobStatus<R>` whose `result` is typed. Only a job channel (or main's
 * startJob) makes one: a bare string is not a JobId.
 */
export type JobId<R = unknown> = string & { readonly [jobResult]?: R };
/** What a job channel answers: the id to poll. */
export interface JobStarted<R> {
  jobId: JobId<R>;
}
/** `job<Result>()(inputSchema, access)`: a channel that starts a job whose result is `Result`. */
export const job =
  <R>() =>
  <I extends z.ZodType>(input: I, access: Access = 'signed-in'): ChannelSpec<'job', I, JobStarted<R>> =>
    channelOf('job')<JobStarted<R>>()(input, access);

/** Who does what (issue: users and roles). */
export const OFFICER: readonly Role[] = ['officer'];
export const ACCOUNTANT: readonly Role[] = ['accountant'];
export const APPROVER: readonly Role[] = ['approver'];
export const ADMIN: readonly Role[] = ['admin'];
/** Register and payout exports: the officer and the accountant. */
export const EXPORTERS: readonly Role[] = ['officer', 'accountant'];
/** Payroll work (build, files, results): the accountant, with the officer who keeps the register. */
export const PAYROLL_STAFF: readonly Role[] = ['officer', 'accountant'];
