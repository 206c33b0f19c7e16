// `webrun-desk env`: WebRun's environments (saved browser profiles that keep the agent logged
// in): list, create, upload a profile archive, delete. A documented refusal prints WebRun's
// own message ("Maximum of 20 environments allowed") and exits 1.
import { createReadStream, statSync } from 'node:fs';
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { UPLOAD_CHUNK_BYTES, type EnvironmentView } from '../contract/index';
import type { Desk } from '../core/desk';
import { baseUrlOption, usageErrors, UsageError } from './args';
import { cliDesk, DESK_OPTIONS } from './cli-desk';
import type { Progress } from './command';
import { jsonText, writeOut } from './terminal-text';

function line(e: EnvironmentView): string {
  const size = e.size === null ? '' : `  ${(e.size / 1024 / 1024).toFixed(1)} MB`;
  // WebRun's environments vocabulary may not say when one was last used; "never" only when it says so.
  const used =
    e.lastUsedAt !== null
      ? `  last used ${new Date(e.lastUsedAt).toISOString()}`
      : e.usageCount === 0
        ? '  never used'
        : '';
  return `${e.id}  ${e.name}  ${e.status}${size}${used}`;
}

async function upload(
  desk: Desk,
  id: string,
  file: string,
  progress: Progress,
): Promise<EnvironmentView> {
  if (!/\.(tar\.gz|tgz)$/i.test(file))
    throw new UsageError(
      `${file} is not a .tar.gz or .tgz archive; WebRun takes Chrome profiles only in that form`,
    );
  let size: number;
  try {
    size = statSync(file).size;
  } catch (error) {
    throw new UsageError(
      `cannot read ${file}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}`,
    );
  }
  const { uploadId } = await desk.handlers['environments.uploadStart']({
    id,
    filename: basename(file),
    size,
  });
  try {
    let shown = -1;
    for await (const chunk of createReadStream(file, {
      highWaterMark: UPLOAD_CHUNK_BYTES,
    }) as AsyncIterable<Buffer>) {
      const { received } = await desk.handlers['environments.uploadChunk']({
        uploadId,
        base64: chunk.toString('base64'),
      });
      const percent = Math.floor((received / size) * 10) * 10;
      if (percent !== shown) progress(`uploaded ${percent}%`);
      shown = percent;
    }
    return await desk.handlers['environments.uploadFinish']({ uploadId });
  } catch (error) {
    await Promise.resolve(desk.handlers['environments.uploadCancel']({ uploadId })).catch(() => {});
    throw error;
  }
}

export async function envCommand(argv: string[], progress: Progress): Promise<number> {
  const { values, positionals } = usageErrors(() =>
    parseArgs({
      args: argv,
      strict: true,
      allowPositionals: true,
      options: { ...DESK_OPTIONS, json: { type: 'boolean' }, description: { type: 'string' } },
    }),
  );
  const [action, ...args] = positionals;
  const want = (count: number, shape: string): string[] => {
    if (args.length !== count) throw new UsageError(`usage: webrun-desk env ${shape}`);
    return args;
  };
  const run = (() => {
    switch (action) {
      case 'list':
        want(0, 'list [--json]');
        return async (desk: Desk) => {
          const list = await desk.handlers['environments.list']({});
          writeOut(
            values.json
              ? `${jsonText(list)}\n`
              : list.length
                ? `${list.map(line).join('\n')}\n`
                : 'No environments.\n',
          );
        };
      case 'create': {
        const [name] = want(1, 'create NAME [--description TEXT] [--json]');
        return async (desk: Desk) => {
          const env = await desk.handlers['environments.create']({
            name: name!,
            description: values.description,
          });
          writeOut(values.json ? `${jsonText(env)}\n` : `${line(env)}\n`);
        };
      }
      case 'upload': {
        const [id, file] = want(2, 'upload ID FILE.tar.gz');
        if (!/\.(tar\.gz|tgz)$/i.test(file!))
          throw new UsageError(
            `${file} is not a .tar.gz or .tgz archive; WebRun takes Chrome profiles only in that form`,
          );
        return async (desk: Desk) => {
          const env = await upload(desk, id!, file!, progress);
          writeOut(values.json ? `${jsonText(env)}\n` : `${line(env)}\n`);
        };
      }
      case 'delete': {
        const [id] = want(1, 'delete ID');
        return async (desk: Desk) => {
          await desk.handlers['environments.delete']({ id: id! });
          writeOut(values.json ? `${jsonText({ deleted: id })}\n` : `Deleted environment ${id}.\n`);
        };
      }
      default:
        throw new UsageError(
          `env needs list, create, upload or delete${action ? `, not "${action}"` : ''}`,
        );
    }
  })();
  const desk = await cliDesk({
    db: values.db,
    baseUrl: baseUrlOption(values['base-url']),
    recover: false,
    progress,
    // Listing stores nothing: it works on a history this user cannot write.
    readsOnly: action === 'list',
  });
  try {
    await run(desk);
    return 0;
  } finally {
    await desk.close();
  }
}
