// A stand-in for the `electron` module, just enough for main/electron/*.ts. The 'electron' vitest project
// aliases `electron` to this file, so the modules under test get these objects; tests import `standIn`
// from here (the same module instance) to read what was recorded and to reset it between tests.
// It records calls and never does anything real: no window, no IPC, no network, no protocol.
// Where Electron throws on misuse (a second ipcMain handler for a channel, a second protocol handler for a
// scheme, registerSchemesAsPrivileged or enableSandbox once the app is ready), the stand-in throws too.
// What it records lives on globalThis, so a module loaded again after vi.resetModules() (main.ts and
// preload.ts run their code on load) records into the same place the test reads.

/* eslint-disable-next-line @typescript-eslint/no-explicit-any -- Electron's listeners take any arguments. */
type Listener = (...args: any[]) => unknown;

interface Deferred {
  promise: Promise<void>;
  resolve: () => void;
}

function deferred(): Deferred {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => (resolve = r));
  return { promise, resolve };
}

/** on/once/emit, recording every listener by event name. */
class Recorder {
  readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: Listener): this {
    const list = this.listeners.get(event) ?? [];
    list.push(listener);
    this.listeners.set(event, list);
    return this;
  }

  once(event: string, listener: Listener): this {
    const wrapped: Listener = (...args) => {
      this.off(event, wrapped);
      return listener(...args);
    };
    return this.on(event, wrapped);
  }

  off(event: string, listener: Listener): this {
    const list = this.listeners.get(event) ?? [];
    this.listeners.set(
      event,
      list.filter((l) => l !== listener),
    );
    return this;
  }

  removeListener(event: string, listener: Listener): this {
    return this.off(event, listener);
  }

  /** The listeners registered for an event (a copy). */
  listenersOf(event: string): Listener[] {
    return [...(this.listeners.get(event) ?? [])];
  }

  /** Calls every listener of an event, as Electron would; returns their results. */
  emit(event: string, ...args: unknown[]): unknown[] {
    return this.listenersOf(event).map((listener) => listener(...args));
  }
}

/** A stand-in for a WebFrameMain: only `url` matters to the code under test. */
export class StandInFrame {
  constructor(public url = 'about:blank') {}
}

let nextWebContentsId = 1;

export class StandInWebContents extends Recorder {
  readonly id = nextWebContentsId++;
  readonly mainFrame = new StandInFrame();
  /** Every handler passed to setWindowOpenHandler, last one wins (as in Electron). */
  readonly windowOpenHandlers: Listener[] = [];

  setWindowOpenHandler(handler: Listener): void {
    this.windowOpenHandlers.push(handler);
  }

  get windowOpenHandler(): Listener | undefined {
    return this.windowOpenHandlers.at(-1);
  }
}

export class BrowserWindow extends Recorder {
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- whatever options main passes, recorded as given
  readonly options: Record<string, any>;
  readonly webContents = new StandInWebContents();
  loadedFile: string | undefined;
  /** The URL passed to loadURL. */
  loadedUrl: string | undefined;
  shown = false;
  focused = false;
  minimized = false;

  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- as above
  constructor(options: Record<string, any> = {}) {
    super();
    this.options = options;
    shared.state.windows.push(this);
    // As in Electron, every new web contents is announced app-wide (main.ts hardens them there).
    shared.app.emit('web-contents-created', {}, this.webContents);
  }

  loadFile(path: string): Promise<void> {
    this.loadedFile = path;
    return Promise.resolve();
  }

  loadURL(url: string): Promise<void> {
    this.loadedUrl = url;
    return Promise.resolve();
  }

  show(): void {
    this.shown = true;
  }

  focus(): void {
    this.focused = true;
  }

  isMinimized(): boolean {
    return this.minimized;
  }

  restore(): void {
    this.minimized = false;
  }
}

class AppStandIn extends Recorder {
  isPackaged = false;

  enableSandbox(): void {
    if (shared.state.app.isReady) throw new Error('app.enableSandbox() can only be called before app is ready');
    shared.state.app.sandboxEnabled = true;
    shared.state.app.calls.push('enableSandbox');
  }

  /**
   * True for the first caller while the lock is free, and it then holds the lock: a second import of
   * main.ts (a second instance) is refused. Set standIn.app.singleInstanceLock = false to refuse the first.
   */
  requestSingleInstanceLock(): boolean {
    shared.state.app.calls.push('requestSingleInstanceLock');
    const granted = shared.state.app.singleInstanceLock;
    shared.state.app.singleInstanceLock = false;
    return granted;
  }

  whenReady(): Promise<void> {
    shared.state.app.calls.push('whenReady');
    return shared.state.app.ready.promise;
  }

  isReady(): boolean {
    return shared.state.app.isReady;
  }

  getPath(name: string): string {
    const path = shared.state.app.paths[name];
    if (path === undefined)
      throw new Error(`electron stand-in: set standIn.app.paths['${name}'] before app.getPath('${name}') is called`);
    return path;
  }

  /** Like Electron: later getPath(name) answers the new folder (the portable build moves userData). */
  setPath(name: string, path: string): void {
    shared.state.app.paths[name] = path;
  }

  getVersion(): string {
    return shared.state.app.version;
  }

  quit(): void {
    shared.state.app.calls.push('quit');
    shared.state.app.quitCount++;
  }

  /** Recorded only: the stand-in never ends the test process. */
  exit(exitCode = 0): void {
    shared.state.app.calls.push('exit');
    shared.state.app.exitCodes.push(exitCode);
  }
}

type State = ReturnType<typeof freshState>;
interface Shared {
  state: State;
  app: AppStandIn;
}
const SHARED = Symbol.for('so-an-sinh.electron-stand-in');
const holder = globalThis as typeof globalThis & { [SHARED]?: Shared };
const shared: Shared = (holder[SHARED] ??= { state: freshState(), app: new AppStandIn() });

export const app: AppStandIn = shared.app;

/** dialog.showMessageBoxSync answers `dialog.answer` (the button index), recording what was asked. */
export const dialog = {
  asked: [] as unknown[],
  answer: 0,
  showMessageBoxSync(_win: unknown, options: unknown): number {
    dialog.asked.push(options);
    return dialog.answer;
  },
};

export const ipcMain = {
  handle(channel: string, handler: Listener): void {
    // Electron throws on a second handler for the same channel; so does the stand-in.
    if (shared.state.ipcHandlers.has(channel))
      throw new Error(`Attempted to register a second handler for '${channel}'`);
    shared.state.ipcHandlers.set(channel, handler);
  },
  removeHandler(channel: string): void {
    shared.state.ipcHandlers.delete(channel);
  },
};

export const contextBridge = {
  exposeInMainWorld(name: string, api: unknown): void {
    if (shared.state.exposed.has(name))
      throw new Error(`Cannot bind an API on top of an existing property on the window object: ${name}`);
    shared.state.exposed.set(name, api);
  },
};

export const ipcRenderer = {
  invoke(channel: string, ...args: unknown[]): Promise<unknown> {
    shared.state.invokeCalls.push({ channel, args });
    return Promise.resolve(shared.state.invokeReply(channel, ...args));
  },
};

/** A protocol handler as protocol.handle takes it: a WHATWG Request in, a Response out. */
export type ProtocolHandler = (request: Request) => Response | Promise<Response>;

export const protocol = {
  registerSchemesAsPrivileged(customSchemes: { scheme: string; privileges?: Record<string, boolean> }[]): void {
    if (shared.state.app.isReady)
      throw new Error('protocol.registerSchemesAsPrivileged should be called before app is ready');
    shared.state.app.calls.push('protocol.registerSchemesAsPrivileged');
    shared.state.protocol.privileged.push(customSchemes);
  },
  handle(scheme: string, handler: ProtocolHandler): void {
    if (shared.state.protocol.handlers.has(scheme)) throw new Error(`Failed to register protocol: ${scheme}`);
    shared.state.protocol.handlers.set(scheme, handler);
  },
  unhandle(scheme: string): void {
    shared.state.protocol.handlers.delete(scheme);
  },
  isProtocolHandled(scheme: string): boolean {
    return shared.state.protocol.handlers.has(scheme);
  },
};

/** Electron's webRequest listeners may be given a filter first; the listener is always last. */
const lastListener = (args: unknown[]): Listener | undefined => {
  const last = args.at(-1);
  return typeof last === 'function' ? (last as Listener) : undefined;
};

export const session = {
  defaultSession: {
    setPermissionRequestHandler(handler: Listener | null): void {
      shared.state.session.permissionRequestHandler = handler ?? undefined;
    },
    setPermissionCheckHandler(handler: Listener | null): void {
      shared.state.session.permissionCheckHandler = handler ?? undefined;
    },
    webRequest: {
      onBeforeRequest(...args: unknown[]): void {
        shared.state.session.onBeforeRequest = lastListener(args);
      },
      onHeadersReceived(...args: unknown[]): void {
        shared.state.session.onHeadersReceived = lastListener(args);
      },
    },
  },
};

function freshState() {
  return {
    windows: [] as BrowserWindow[],
    ipcHandlers: new Map<string, Listener>(),
    exposed: new Map<string, unknown>(),
    invokeCalls: [] as { channel: string; args: unknown[] }[],
    /** What ipcRenderer.invoke resolves to; replace it in a test. */
    invokeReply: ((..._args: unknown[]) => undefined) as Listener,
    app: {
      calls: [] as string[],
      sandboxEnabled: false,
      singleInstanceLock: true,
      isReady: false,
      quitCount: 0,
      /** The code of every app.exit(code) call. */
      exitCodes: [] as number[],
      version: '0.0.0-stand-in',
      /** app.getPath(name) answers from here, and throws for a name not set. */
      paths: {} as Record<string, string>,
      ready: deferred(),
    },
    protocol: {
      /** The argument of every registerSchemesAsPrivileged call. */
      privileged: [] as { scheme: string; privileges?: Record<string, boolean> }[][],
      /** protocol.handle handlers by scheme. */
      handlers: new Map<string, ProtocolHandler>(),
    },
    session: {
      permissionRequestHandler: undefined as Listener | undefined,
      permissionCheckHandler: undefined as Listener | undefined,
      onBeforeRequest: undefined as Listener | undefined,
      onHeadersReceived: undefined as Listener | undefined,
    },
  };
}

/** What the stand-in recorded, and the knobs tests turn. */
export const standIn = {
  get windows() {
    return shared.state.windows;
  },
  get ipcHandlers() {
    return shared.state.ipcHandlers;
  },
  get exposed() {
    return shared.state.exposed;
  },
  get invokeCalls() {
    return shared.state.invokeCalls;
  },
  set invokeReply(reply: Listener) {
    shared.state.invokeReply = reply;
  },
  get app() {
    return shared.state.app;
  },
  get session() {
    return shared.state.session;
  },
  get protocol() {
    return shared.state.protocol;
  },
  /** The app's listeners (app.on), e.g. 'window-all-closed'. */
  appListeners(event: string): Listener[] {
    return app.listenersOf(event);
  },
  /** Resolves app.whenReady() and waits for the callbacks chained on it to run. */
  async makeReady(): Promise<void> {
    shared.state.app.isReady = true;
    shared.state.app.ready.resolve();
    await shared.state.app.ready.promise;
    // Let `whenReady().then(...)` callbacks (and any they chain) run.
    for (let i = 0; i < 5; i++) await Promise.resolve();
  },
  /** Forgets everything recorded: call in beforeEach. */
  reset(): void {
    shared.state = freshState();
    app.listeners.clear();
    app.isPackaged = false;
  },
};

const electronStandIn = { app, BrowserWindow, contextBridge, ipcMain, ipcRenderer, protocol, session };
export default electronStandIn;
