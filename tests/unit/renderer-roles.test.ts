import { describe, expect, it } from 'vitest';
import { contract, type Channel } from '@shared/api/contract';
import type { Role } from '@shared/api/auth';
import { canCall, ROLE_ORDER } from '../../renderer/src/auth/roles';

// The renderer hides what a role cannot use (renderer/src/auth/roles.ts); main decides (the contract's
// access). The renderer must never hide what main allows, and where it lists a channel it must say exactly
// what main says.

const channels = Object.keys(contract) as Channel[];
const allowedByMain = (channel: Channel, role: Role): boolean => {
  const access = contract[channel].access;
  return access === 'public' || access === 'signed-in' || access.includes(role);
};

describe('renderer roles', () => {
  it('never hides a channel from a role main allows', () => {
    for (const channel of channels)
      for (const role of ROLE_ORDER)
        if (allowedByMain(channel, role)) expect(canCall(role, channel), `${channel} ${role}`).toBe(true);
  });

  it('offers the round workflow’s actions (commands, jobs) to exactly the roles main allows', () => {
    // Reads are gated by the screen (PAYMENT_ROLES); the buttons by canCall.
    const listed = channels.filter(
      (c) => (c.startsWith('rounds.') || c.startsWith('roundResults.')) && contract[c].kind !== 'query',
    );
    expect(listed.length).toBeGreaterThan(10);
    for (const channel of listed)
      for (const role of ROLE_ORDER)
        expect(canCall(role, channel), `${channel} ${role}`).toBe(allowedByMain(channel, role));
  });
});
