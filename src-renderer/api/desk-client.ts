// DeskClient: the typed face of the contract for the renderer. Only zustand stores use it;
// components never touch the transport.
import type {
  DeskEvent,
  MethodInput,
  MethodName,
  MethodOutput,
} from '../../src-main/contract/index';
import { pickTransport, type ConnectionState, type Transport } from './transport';

export class DeskCallError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'DeskCallError';
  }
}

export class DeskClient {
  constructor(private readonly transport: Transport) {}

  get host(): Transport['kind'] {
    return this.transport.kind;
  }

  async call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
    const envelope = await this.transport.invoke(method, input);
    if (envelope.ok) return envelope.value as MethodOutput<M>;
    throw new DeskCallError(envelope.error.code, envelope.error.message);
  }

  /** Opens a task's local copy of a file: with the OS in the desktop app, in a tab (or as a
   * download, for types a tab must not run) in browser mode. */
  async openFile(taskId: string, filename: string): Promise<void> {
    if (!this.transport.fetchFile) {
      await this.call('files.open', { taskId, filename });
      return;
    }
    const blob = await this.transport.fetchFile(taskId, filename);
    const url = URL.createObjectURL(blob);
    const link = document.createElement('a');
    link.href = url;
    link.rel = 'noopener';
    // Only types the server marks viewable open in a tab; the rest are saved.
    if (blob.type === 'application/octet-stream') link.download = filename;
    else link.target = '_blank';
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 60_000);
  }

  onEvents(listener: (events: DeskEvent[]) => void): () => void {
    return this.transport.onEvents(listener);
  }

  onConnection(listener: (state: ConnectionState) => void): () => void {
    return this.transport.onConnection(listener);
  }
}

let instance: DeskClient | null = null;

export function deskClient(): DeskClient {
  instance ??= new DeskClient(pickTransport());
  return instance;
}
