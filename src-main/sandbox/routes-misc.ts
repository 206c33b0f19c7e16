// Health, file upload/download, the live view and the fault-injection API.
import type { SandboxContext } from './context.ts';
import type { Fault, FaultController } from './faults.ts';
import { type Reply, failure, json, readBody } from './http.ts';
import { livePage } from './live.ts';
import { attachUploadedFile } from './routes-environments.ts';
import type { RouteDef, RouteInput } from './router.ts';

const UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;
/** Simulated browser pool behind /start/health; each active session holds one instance. */
const INSTANCE_POOL = 20;

export function miscRoutes(
  ctx: SandboxContext,
  faults: FaultController | null,
  socketIds: () => string[],
): RouteDef[] {
  return [
    { method: 'GET', path: '/start/health', auth: 'optional', handle: () => health(ctx) },
    {
      method: 'GET',
      path: '/start/active-sockets',
      auth: 'optional',
      handle: () => {
        const sockets = socketIds();
        return json(200, {
          success: true,
          sockets,
          count: sockets.length,
          timestamp: new Date().toISOString(),
        });
      },
    },
    {
      method: 'POST',
      path: '/files/upload',
      auth: 'required',
      limited: true,
      body: 'stream',
      handle: (input) => upload(ctx, input),
    },
    {
      method: 'GET',
      path: '/files/download/:fileId/:filename',
      auth: 'optional',
      handle: ({ params }) => download(ctx, params.fileId ?? ''),
    },
    {
      method: 'GET',
      path: '/live/:sessionId',
      auth: 'optional',
      handle: ({ params }) => {
        const { status, html } = livePage(ctx.sessions.get(params.sessionId ?? ''));
        return { status, raw: html, contentType: 'text/html; charset=utf-8' };
      },
    },
    {
      method: 'POST',
      path: '/__sandbox/faults',
      auth: 'optional',
      body: 'json',
      handle: ({ body }) => faultApi(faults, body),
    },
  ];
}

function health(ctx: SandboxContext): Reply {
  const free = Math.max(0, INSTANCE_POOL - ctx.sessions.allActive().length);
  return json(200, {
    success: true,
    status: 'healthy',
    instancesAvailable: free > 0,
    instanceCount: free,
    timestamp: new Date().toISOString(),
  });
}

async function upload(ctx: SandboxContext, { req, apiKey }: RouteInput): Promise<Reply> {
  const type = req.headers['content-type'] ?? '';
  if (!type.toLowerCase().startsWith('multipart/form-data'))
    return failure(400, 'Expected multipart/form-data with field "files"');
  // undici's own multipart parser (behind Response.formData) instead of a new dependency.
  const buffer = await readBody(req, UPLOAD_LIMIT_BYTES);
  let form: FormData;
  try {
    form = await new Response(buffer, { headers: { 'content-type': type } }).formData();
  } catch {
    return failure(400, 'Malformed multipart body');
  }
  const files = form
    .getAll('files')
    .filter((entry) => typeof entry !== 'string') as unknown as UploadedFile[];
  if (files.length === 0) return failure(400, 'No files provided');
  // With an environmentId the files persist in that environment (§1.5); an unknown one is not
  // documented as an error, so those files are orphans like any others.
  const envId = form.get('environmentId');
  const env = typeof envId === 'string' ? ctx.environments.owned(apiKey ?? '', envId) : undefined;
  const stored = [];
  for (const file of files) {
    const content = Buffer.from(await file.arrayBuffer());
    const saved = ctx.files.put(
      file.name || 'upload.bin',
      content,
      file.type || 'application/octet-stream',
    );
    if (env)
      attachUploadedFile(env, { id: saved.id, filename: saved.filename, size: content.length });
    stored.push({ fileId: saved.id, originalName: saved.filename, size: content.length });
  }
  return json(200, { success: true, files: stored });
}

interface UploadedFile {
  name: string;
  type: string;
  arrayBuffer(): Promise<ArrayBuffer>;
}

function download(ctx: SandboxContext, fileId: string): Reply {
  const file = ctx.files.get(fileId);
  if (!file) return failure(404, 'File not found');
  return {
    status: 200,
    raw: file.content,
    contentType: file.contentType,
    headers: {
      'Content-Disposition': `attachment; filename="${file.filename.replace(/["\\\r\n]/g, '_')}"`,
    },
  };
}

/** JSON mirror of FaultController, e.g. `{"action":"inject","route":"POST /start/run-task","fault":{"type":"status","status":503}}`. */
function faultApi(faults: FaultController | null, body: Record<string, unknown>): Reply {
  if (!faults) return failure(404, 'Not found');
  const n = typeof body.n === 'number' ? body.n : typeof body.count === 'number' ? body.count : 1;
  const sessionId = typeof body.sessionId === 'string' ? body.sessionId : '';
  switch (body.action) {
    case 'inject':
      if (typeof body.route !== 'string' || !isFault(body.fault))
        return failure(400, 'inject needs route and a valid fault');
      faults.inject(body.route, body.fault, n);
      break;
    case 'clear':
      faults.clear();
      break;
    case 'dropSockets':
      faults.dropSockets({ recoverable: body.recoverable !== false });
      break;
    case 'restartSocketServer':
      faults.restartSocketServer(typeof body.downMs === 'number' ? body.downMs : undefined);
      break;
    case 'duplicateNextEvents':
      faults.duplicateNextEvents(n);
      break;
    case 'reorderNextEvents':
      faults.reorderNextEvents(n);
      break;
    case 'instanceBlip':
      if (!faults.instanceBlip(sessionId))
        return failure(404, 'Session not found', { code: 'SESSION_NOT_FOUND' });
      break;
    case 'instanceLost':
      if (!faults.instanceLost(sessionId))
        return failure(404, 'Session not found', { code: 'SESSION_NOT_FOUND' });
      break;
    default:
      return failure(400, `Unknown fault action: ${String(body.action)}`);
  }
  return json(200, { success: true, pending: faults.pending() });
}

function isFault(value: unknown): value is Fault {
  if (!value || typeof value !== 'object') return false;
  const fault = value as Record<string, unknown>;
  if (fault.type === 'status')
    return fault.status === 500 || fault.status === 503 || fault.status === 429;
  return fault.type === 'malformed' || fault.type === 'hang' || fault.type === 'reset';
}
