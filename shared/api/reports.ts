// Channels of this area (declared with shared/api/channel.ts, gathered in shared/api/contract.ts).
export const reportChannels = {} as const;
