/** The one IPC channel between preload and main; the API channel name travels as its first argument. */
export const API_IPC_CHANNEL = 'so-an-sinh:api';
