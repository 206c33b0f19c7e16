// DeskClient: the typed face of the contract for the renderer. Only zustand stores use it;
// components never touch the transport.
import type { DeskEvent, MethodInput, MethodName, MethodOutput } from '../../src-main/contract/index';
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
