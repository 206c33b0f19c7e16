// The Electron host: a window, IPC and the event channel around the Electron-free core.
import { app, BrowserWindow, ipcMain, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { EVENTS_CHANNEL } from '../contract/names';
import { resolveConfig } from '../core/config';
import { createDesk, type Desk } from '../core/desk';
import { EventBatcher } from '../core/event-hub';
import { registerContract } from './ipc';
import { isAllowedExternal, makeAppUrlCheck, navigationAllowed, RENDERER_CSP, SECURE_WEB_PREFERENCES } from './window-security';

const devServerUrl = process.env.ELECTRON_RENDERER_URL ?? null;
const rendererFile = join(__dirname, '../renderer/index.html');
const isAppUrl = makeAppUrlCheck(pathToFileURL(join(__dirname, '../renderer')).href, devServerUrl);

let win: BrowserWindow | null = null;
let desk: Desk | null = null;

function createWindow(current: Desk): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'WebRun Desk',
    webPreferences: { ...SECURE_WEB_PREFERENCES, preload: join(__dirname, '../preload/index.cjs') },
  });
  window.once('ready-to-show', () => window.show());
  window.webContents.on('will-navigate', (event, url) => {
    if (!navigationAllowed(url, isAppUrl)) event.preventDefault();
  });
  window.webContents.setWindowOpenHandler(({ url }) => {
    // #15 disable the creation of new windows; allowed docs links go to the system browser.
    if (isAllowedExternal(url)) void shell.openExternal(url);
    return { action: 'deny' };
  });
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
  else void window.loadFile(rendererFile);
  return window;
}

async function start(): Promise<void> {
  await app.whenReady();
  // #5 handle session permission requests from remote content: deny them all.
  session.defaultSession.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({ responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [RENDERER_CSP] } });
  });
  const config = resolveConfig({ dbPath: process.env.WEBRUN_DESK_DB || join(app.getPath('userData'), 'history.db') });
  desk = await createDesk({
    dbPath: config.dbPath,
    apiKey: config.apiKey,
    baseUrl: config.baseUrl,
    host: 'electron',
    sandbox: { timeScale: config.sandboxTimeScale },
    log: (line) => console.log(line),
  });
  registerContract(ipcMain, desk.handlers, { webContentsId: () => win?.webContents.id ?? null, isAppUrl }, (method, error) =>
    console.error(`${method} failed`, error),
  );
  win = createWindow(desk);
  app.on('activate', () => {
    if (!win && desk) win = createWindow(desk);
  });
}

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
app.on('will-quit', () => {
  void desk?.close();
});

start().catch((error: unknown) => {
  console.error('WebRun Desk failed to start:', error);
  app.exit(1);
});
