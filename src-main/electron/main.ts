// The Electron host: a window, IPC, the keychain, notifications and the app's lifecycle
// around the Electron-free core. Every decision lives in a tested module; this file wires.
import {
  app,
  BrowserWindow,
  dialog,
  ipcMain,
  Menu,
  nativeImage,
  Notification,
  safeStorage,
  screen,
  session,
  shell,
  Tray,
  type MenuItemConstructorOptions,
} from 'electron';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EVENTS_CHANNEL } from '../contract/names';
import { RunnerSettings } from '../contract/schemas';
import { resolveConfig } from '../core/config';
import { liveViewFrameOrigins } from '../core/content-security-policy';
import { createDesk, type Desk } from '../core/desk';
import { EventBatcher } from '../core/event-hub';
import { drainLine } from '../core/runner/drain';
import { SecretStore } from '../core/secrets/secret-store';
import { BackgroundKeeper, type TrayLike } from './background';
import { registerContract } from './ipc';
import { keychainCodec } from './keychain';
import {
  attachQuitGuard,
  claimSingleInstance,
  loadWindowState,
  menuTemplate,
  saveWindowState,
  type MenuCommand,
} from './lifecycle';
import { fileOpenDecision } from './file-open-policy';
import { liveViewOrigins, sameOriginAs } from './link-policy';
import { attachNotifications } from './notifications';
import { TRAY_ICON_PNG } from './tray-icon';
import {
  createAppWindow,
  createLiveViewWindow,
  hardenLiveViewSession,
  hardenSession,
  hardenWebContents,
  makeAppUrlCheck,
} from './window-security';

const startedAt = Date.now() - process.uptime() * 1000;
const devServerUrl = process.env.ELECTRON_RENDERER_URL ?? null;
const isAppUrl = makeAppUrlCheck(pathToFileURL(join(__dirname, '../renderer')).href, devServerUrl);
const windowStatePath = (): string => join(app.getPath('userData'), 'window-state.json');

let win: BrowserWindow | null = null;
let desk: Desk | null = null;
let keeper: BackgroundKeeper | null = null;

/** Brings the window forward, making it again if it was closed (the app ran in the background). */
function focusWindow(): void {
  if (!win && desk) {
    win = createWindow(desk);
    keeper?.windowOpened();
  }
  if (!win) return;
  if (win.isMinimized()) win.restore();
  win.show();
  win.focus();
}

/** Origins of the open sessions' live views, the only pages that open in an app window. */
function openLiveViewOrigins(): string[] {
  return desk ? liveViewOrigins(desk.sessions.listOpen().map((s) => s.webViewUrl)) : [];
}

/** A session's live view: a plain remote page in its own window, with no preload and no IPC. */
function openLiveView(url: string): void {
  const view = createLiveViewWindow(BrowserWindow);
  hardenWebContents(view.webContents, {
    isAppUrl: sameOriginAs(new URL(url).origin), // it moves only within its own origin
    liveViewOrigins: () => [],
    openLiveView: () => {},
    openExternal: () => {}, // a streamed page has no links of ours; nothing leaves from it
  });
  void view.loadURL(url);
}

/** "Open" on a downloaded file: a program or script is shown in its folder, with a warning. */
async function openDownloaded(path: string): Promise<string> {
  const decision = fileOpenDecision(path);
  if (decision.action === 'open') return shell.openPath(path);
  shell.showItemInFolder(path);
  await dialog.showMessageBox({ type: 'warning', message: decision.warning, buttons: ['OK'] });
  return '';
}

function createWindow(current: Desk): BrowserWindow {
  const bounds = loadWindowState(
    windowStatePath(),
    screen.getAllDisplays().map((d) => d.workArea),
  );
  const window = createAppWindow(
    BrowserWindow,
    { ...bounds },
    join(__dirname, '../preload/index.cjs'),
  );
  if (bounds.maximized) window.maximize();
  hardenWebContents(window.webContents, {
    isAppUrl,
    liveViewOrigins: openLiveViewOrigins,
    openLiveView,
    openExternal: (url) => void shell.openExternal(url),
  });
  window.once('ready-to-show', () => {
    window.show();
    const memoryKb = app.getAppMetrics().reduce((sum, m) => sum + m.memory.workingSetSize, 0);
    current.appStarts.record({
      at: Date.now(),
      host: 'electron',
      version: current.info.version,
      readyToShowMs: Date.now() - startedAt,
      memoryKb,
      metrics: app.getAppMetrics().map((m) => ({ type: m.type, kb: m.memory.workingSetSize })),
    });
  });
  window.on('close', () =>
    saveWindowState(windowStatePath(), {
      ...window.getNormalBounds(),
      maximized: window.isMaximized(),
    }),
  );
  const batcher = new EventBatcher((events) => {
    if (!window.isDestroyed()) window.webContents.send(EVENTS_CHANNEL, events);
  });
  const unsubscribe = current.subscribe((event) => batcher.push(event));
  window.on('closed', () => {
    unsubscribe();
    batcher.close();
    win = null;
  });
  if (devServerUrl) void window.loadURL(devServerUrl);
  else void window.loadFile(join(__dirname, '../renderer/index.html'));
  return window;
}

/** better-sqlite3 built for this Electron, kept apart from the Node build (see README). */
function electronSqliteBinding(): string | undefined {
  const candidate = join(
    __dirname,
    `../../native/electron-${process.versions.electron}/better_sqlite3.node`,
  );
  return existsSync(candidate) ? candidate : undefined;
}

async function start(): Promise<void> {
  if (!claimSingleInstance(app, focusWindow)) return;
  await app.whenReady();
  hardenSession(session.defaultSession, isAppUrl, () =>
    desk ? liveViewFrameOrigins(desk.info.backend.baseUrl) : [],
  );
  hardenLiveViewSession((partition) => session.fromPartition(partition));
  const dataDir = app.getPath('userData');
  const config = resolveConfig({
    dbPath: process.env.WEBRUN_DESK_DB || join(dataDir, 'history.db'),
  });
  const secrets = new SecretStore(
    join(dataDir, 'secrets.json'),
    keychainCodec(safeStorage, process.platform),
    config.apiKey,
  );
  desk = await createDesk({
    dbPath: config.dbPath,
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    host: 'electron',
    openPath: openDownloaded,
    secrets,
    nativeBinding: electronSqliteBinding(),
    sandbox: {
      timeScale: config.sandboxTimeScale,
      expiryScale: config.sandboxExpiryScale,
      balance: config.sandboxBalance,
    },
    sandboxScope: 'history',
    sandboxQuietMs: config.sandboxQuietMs,
    log: (line) => console.log(line),
    // Watches run while the app runs, window open or not.
    runWatches: true,
  });
  const current = desk;
  registerContract(
    ipcMain,
    current.handlers,
    { webContentsId: () => win?.webContents.id ?? null, isAppUrl },
    (method, error) => console.error(`${method} failed`, error),
  );
  const send = (command: MenuCommand): void => {
    focusWindow();
    win?.webContents.send(EVENTS_CHANNEL, [{ name: 'app.command', payload: { command } }]);
  };
  // The template's roles are Electron's own names; its structural type is just looser.
  Menu.setApplicationMenu(
    Menu.buildFromTemplate(
      menuTemplate(
        process.platform,
        send,
        devServerUrl !== null,
      ) as unknown as MenuItemConstructorOptions[],
    ),
  );
  attachNotifications({
    subscribe: (listener) => current.subscribe(listener),
    notify: (title, body, onClick) => {
      if (!Notification.isSupported()) return;
      const n = new Notification({ title, body });
      n.on('click', onClick);
      n.show();
    },
    isFocused: () => win?.isFocused() ?? false,
    setBadge: (count) => app.setBadgeCount(count),
    notifyOnTaskEnd: () => current.settings.get('runner', RunnerSettings).notifyOnTaskEnd,
    reveal: () => focusWindow(),
  });
  attachQuitGuard(app, {
    runningCount: () => current.runner.activeCount(),
    confirm: async (running) => {
      const { response } = await dialog.showMessageBox({
        type: 'question',
        buttons: ['Quit', 'Cancel'],
        defaultId: 1,
        cancelId: 1,
        message: `${running} task${running === 1 ? ' is' : 's are'} still running at WebRun.`,
        detail:
          'They keep running (and billing) at WebRun, and WebRun Desk picks them up again at its next start.',
      });
      return response === 0;
    },
    drain: (skip) =>
      current.drain({
        signal: skip,
        onWait: (count) =>
          console.log(drainLine(count, 'quit again, or Ctrl+C again, to quit now')),
      }),
    shutdown: () => current.close(),
    signals: process,
  });
  keeper = backgroundKeeper(current);
  current.subscribe((event) => {
    if (event.name === 'watch.changed') keeper?.watchesChanged();
  });
  win = createWindow(current);
  app.on('activate', () => focusWindow());
}

function menuOf(items: Parameters<TrayLike['setContextMenu']>[0]): Menu {
  return Menu.buildFromTemplate(items as unknown as MenuItemConstructorOptions[]);
}

/** Keeps the app running without a window while watches are active (background.ts decides). */
function backgroundKeeper(current: Desk): BackgroundKeeper {
  return new BackgroundKeeper({
    platform: process.platform,
    activeWatches: () => current.watches.store.list().filter((w) => w.state === 'active').length,
    windowOpen: () => win !== null,
    createTray: () => {
      try {
        const tray = new Tray(nativeImage.createFromDataURL(TRAY_ICON_PNG));
        return {
          setToolTip: (text) => tray.setToolTip(text),
          setContextMenu: (items) => tray.setContextMenu(menuOf(items)),
          onClick: (listener) => tray.on('click', listener),
          destroy: () => tray.destroy(),
        };
      } catch {
        return null; // no tray on this desktop: the dock or a second launch brings it back
      }
    },
    openWindow: () => focusWindow(),
    quit: () => app.quit(),
    notify: (title, body) => {
      if (Notification.isSupported()) new Notification({ title, body }).show();
    },
  });
}

app.on('window-all-closed', () => {
  // Before the desk is up (a failed start) there is nothing to keep running.
  if (keeper) keeper.allWindowsClosed();
  else if (process.platform !== 'darwin') app.quit();
});

start().catch((error: unknown) => {
  dialog.showErrorBox('WebRun Desk cannot start', (error as Error)?.message ?? String(error));
  app.exit(1);
});
