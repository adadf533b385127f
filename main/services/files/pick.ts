// The folder (or file) chooser: in Electron a native dialog, injected at start by main/electron/main.ts
// (setPathPicker), so this module stays free of Electron. The browser harness injects nothing: the
// 'files.pickFolder' channel then answers { supported: false } and the renderer's FolderPicker shows a
// text field for the path instead.

export interface PickRequest {
  kind: 'folder' | 'file';
  title: string;
  /** For kind 'file': allowed extensions without the dot. */
  extensions?: string[];
}

export type PathPicker = (request: PickRequest) => Promise<string | null>;

let picker: PathPicker | undefined;

export function setPathPicker(fn: PathPicker | undefined): void {
  picker = fn;
}

export interface PickResult {
  /** false where there is no native dialog (the browser harness): type the path instead. */
  supported: boolean;
  /** The chosen path, or null when cancelled / unsupported. */
  path: string | null;
}

export async function pickPath(request: PickRequest): Promise<PickResult> {
  if (!picker) return { supported: false, path: null };
  return { supported: true, path: await picker(request) };
}
