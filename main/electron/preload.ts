import { contextBridge, ipcRenderer } from 'electron';
import { API_IPC_CHANNEL } from './ipc-channel';

// The renderer's only door to main: one function, no Node, no ipcRenderer object handed over.
contextBridge.exposeInMainWorld('soAnSinh', {
  invoke: (channel: string, input: unknown): Promise<unknown> => ipcRenderer.invoke(API_IPC_CHANNEL, channel, input),
});
