// The WebRun REST client. Every response it returns has been through the normaliser, and
// every failure is a WebRunError whose kind tells the runner whether resending is safe.
import type { BalanceReport } from './balance';
import { DEFAULT_TIMEOUTS, type Timeouts } from './client-timeouts';
import { errorFromResponse, WebRunError } from './errors';
import { failedTaskBody, MAX_RESPONSE_BYTES, transportError } from './http-answers';
import { fetchTransport, undiciTransport, type HttpAnswer, type Transport } from './transport';
import { parseUploadResponse, uploadForm, type UploadedFile, type UploadFile } from './multipart';
import { idsFromTaskUrl, normaliseTaskResponse } from './normalise';
import { resolveUrl, sameOrigin } from './origin';
import { silenceTimeout } from './silence-timeout';
import type { SlidingWindowLimiter } from './rate-limiter';
import {
  guardrailMessage,
  newTaskMessage,
  runTaskBody,
  startSessionBody,
  type Generation,
  type SessionOptions,
  type TaskInput,
} from './request-body';
import {
  ackUsage,
  checkAck,
  interactionMessage,
  parseStartSession,
  redactError,
  stateMessage,
  withSession,
} from './session-client';
import type { Interaction, SessionState, StartedSession } from './session-client';
import type { TaskOutcome, Usage } from './types';

export type { Interaction, SessionState, StartedSession } from './session-client';
export type { UploadedFile, UploadFile } from './multipart';
export type { Timeouts } from './client-timeouts';
export { MAX_RESPONSE_BYTES } from './http-answers';

export type { Request, RequestOptions, WebRunClientOptions } from './client-types';
import type { Request, RequestOptions, WebRunClientOptions } from './client-types';

export class WebRunClient {
  readonly baseUrl: string;
  private readonly apiKey: string;
  private readonly generation: Generation;
  private readonly limiter: SlidingWindowLimiter | null;
  private readonly transport: Transport;
  private readonly now: () => number;
  readonly timeouts: Timeouts;
  private readonly onBalance: (reading: BalanceReport) => void;

  constructor(options: WebRunClientOptions) {
    this.baseUrl = options.baseUrl.replace(/\/+$/, '');
    this.apiKey = options.apiKey;
    this.generation = options.generation ?? 'gen2';
    this.limiter = options.limiter ?? null;
    this.transport = options.fetch ? fetchTransport(options.fetch) : undiciTransport;
    this.now = options.now ?? Date.now;
    this.timeouts = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
    this.onBalance = options.onBalance ?? (() => {});
  }

  /**
   * Waits for (and takes) a slot of the limit for a request the caller makes next with
   * `slotTaken`: the runner waits here before it marks a task as being submitted.
   */
  takeSlot(signal?: AbortSignal): Promise<void> {
    return this.limiter ? this.limiter.reserve(signal) : Promise.resolve();
  }

  /** POST /start/run-task: one task in its own auto-terminating session. */
  async runTask(
    task: TaskInput,
    session?: SessionOptions,
    options: RequestOptions = {},
  ): Promise<TaskOutcome> {
    const url = `${this.baseUrl}/start/run-task`;
    const { body, raw } = await this.request({
      method: 'POST',
      url,
      body: runTaskBody(this.generation, task, session),
      limited: true,
      idempotent: false,
      taskBody: true,
      timeoutMs: this.timeouts.submitMs,
      signal: options.signal,
      slotTaken: options.slotTaken,
    });
    return normaliseTaskResponse(body, { phase: 'submit', raw, baseUrl: this.baseUrl });
  }

  /** GET the poll URL (or /task/:sessionId/:taskId built from the ids). */
  async pollTask(
    target: { pollUrl?: string | null; sessionId?: string | null; taskId?: string | null },
    options: RequestOptions = {},
  ): Promise<TaskOutcome> {
    const url = this.pollUrlFor(target);
    const { body, raw } = await this.request({
      method: 'GET',
      url,
      limited: false,
      idempotent: true,
      taskBody: true,
      timeoutMs: this.timeouts.pollMs,
      signal: options.signal,
    });
    return normaliseTaskResponse(body, {
      phase: 'poll',
      raw,
      requestUrl: url,
      baseUrl: this.baseUrl,
    });
  }

  async health(options: RequestOptions = {}): Promise<{ healthy: boolean; raw: string }> {
    const { body, raw } = await this.request({
      method: 'GET',
      url: `${this.baseUrl}/start/health`,
      limited: false,
      idempotent: true,
      timeoutMs: this.timeouts.otherMs,
      signal: options.signal,
    });
    const record = body as Record<string, unknown>;
    return { healthy: record.success === true && record.status !== 'unhealthy', raw };
  }

  /** POST /start/start-session: a persistent session, optionally with its first task. */
  async startSession(
    session: SessionOptions,
    task?: TaskInput | null,
    options: RequestOptions = {},
  ): Promise<StartedSession> {
    const { body, raw } = await this.request({
      method: 'POST',
      url: `${this.baseUrl}/start/start-session`,
      body: startSessionBody(this.generation, session, task),
      limited: true,
      // A lost answer may still have created a session that bills compute time.
      idempotent: false,
      // Whether WebRun holds this request while the first task runs is undocumented (§1.1).
      timeoutMs: task ? this.timeouts.submitMs : this.timeouts.otherMs,
      signal: options.signal,
      slotTaken: options.slotTaken,
    });
    const started = parseStartSession(body as Record<string, unknown>, raw, this.baseUrl);
    if (started.balance !== null && started.balance >= 0)
      this.onBalance({ balance: started.balance, required: null, source: 'start-session' });
    return started;
  }

  /** send-message newTask: answered like run-task, after up to 50 s (§1.3). */
  async newTask(
    sessionId: string,
    task: TaskInput,
    options: RequestOptions = {},
  ): Promise<TaskOutcome> {
    const { body, raw } = await this.sendMessage(sessionId, newTaskMessage(this.generation, task), {
      timeoutMs: this.timeouts.submitMs,
      idempotent: false,
      taskBody: true,
      signal: options.signal,
      slotTaken: options.slotTaken,
    });
    const outcome = normaliseTaskResponse(body, { phase: 'submit', raw, baseUrl: this.baseUrl });
    return withSession(outcome, sessionId, (ids) => this.pollUrlFor(ids));
  }

  /** pause / resume / stop / terminate (§3). Asking for a state twice lands in the same state, so a lost answer is not "unknown". */
  async setState(
    sessionId: string,
    state: SessionState,
    options: RequestOptions = {},
  ): Promise<{ usage: Usage | null }> {
    const { body, raw } = await this.sendMessage(sessionId, stateMessage(state), {
      timeoutMs: this.timeouts.otherMs,
      idempotent: true,
      signal: options.signal,
    });
    checkAck(body, raw, `state ${state}`, false);
    return { usage: ackUsage(body) };
  }

  /** Manual control (§3). Not idempotent: a repeated click or keystroke acts twice. */
  async interact(
    sessionId: string,
    action: Interaction,
    options: RequestOptions = {},
  ): Promise<void> {
    const message = interactionMessage(action);
    // Typed text may be a password: it never appears in an error.
    const secret = action.type === 'TYPE' ? action.text : '';
    try {
      const { body, raw } = await this.sendMessage(sessionId, message, {
        timeoutMs: this.timeouts.otherMs,
        idempotent: false,
        signal: options.signal,
      });
      checkAck(body, raw, `interaction ${action.type}`, true);
    } catch (error) {
      throw redactError(error, secret);
    }
  }

  /** Answers a guardrail (§4); afterwards the same taskId is polled. The answer is a secret. */
  async answerGuardrail(
    sessionId: string,
    answer: string,
    newState: 'resume' | 'stop',
    options: RequestOptions = {},
  ): Promise<void> {
    try {
      const { body, raw } = await this.sendMessage(
        sessionId,
        guardrailMessage(this.generation, answer, newState),
        {
          timeoutMs: this.timeouts.otherMs,
          idempotent: false,
          signal: options.signal,
        },
      );
      checkAck(body, raw, 'guardrail answer', true);
    } catch (error) {
      throw redactError(error, answer);
    }
  }

  /** POST /files/upload (multipart `files`); the ids go into a task's `files`. */
  async uploadFiles(
    files: UploadFile[],
    environmentId?: string | null,
    options: RequestOptions = {},
  ): Promise<UploadedFile[]> {
    const { body, raw } = await this.request({
      method: 'POST',
      url: `${this.baseUrl}/files/upload`,
      form: uploadForm(files, environmentId),
      limited: true,
      // Nothing is billed and an unused upload expires after an hour, so resending is harmless.
      idempotent: true,
      timeoutMs: this.timeouts.submitMs,
      signal: options.signal,
    });
    return parseUploadResponse(body as Record<string, unknown>, raw, files);
  }

  private sendMessage(
    sessionId: string,
    message: Record<string, unknown>,
    opts: {
      timeoutMs: number;
      idempotent: boolean;
      taskBody?: boolean;
      signal?: AbortSignal;
      slotTaken?: boolean;
    },
  ): Promise<{ body: Record<string, unknown>; raw: string }> {
    if (typeof sessionId !== 'string' || sessionId === '') {
      return Promise.reject(
        new WebRunError({ kind: 'bad_request', message: 'A session id is required.' }),
      );
    }
    return this.request({
      method: 'POST',
      url: `${this.baseUrl}/start/send-message`,
      body: { sessionId, message },
      limited: true,
      ...opts,
    }) as Promise<{ body: Record<string, unknown>; raw: string }>;
  }

  /**
   * Where to poll a task. A relative poll URL is WebRun's own (resolved against the base). A
   * poll URL on another origin is never fetched with the key: the task is polled at
   * `/task/:sessionId/:taskId` on the configured base instead, with the ids we know or read
   * from that URL; with no ids at all it is fetched without the key.
   */
  pollUrlFor(target: {
    pollUrl?: string | null;
    sessionId?: string | null;
    taskId?: string | null;
  }): string {
    const onBase = (sessionId: string, taskId: string): string =>
      `${this.baseUrl}/task/${encodeURIComponent(sessionId)}/${encodeURIComponent(taskId)}`;
    const resolved = target.pollUrl ? resolveUrl(target.pollUrl, this.baseUrl) : null;
    if (resolved && sameOrigin(resolved, this.baseUrl)) return resolved;
    const fromUrl = idsFromTaskUrl(resolved);
    const sessionId = target.sessionId ?? fromUrl.sessionId;
    const taskId = target.taskId ?? fromUrl.taskId;
    if (sessionId && taskId) return onBase(sessionId, taskId);
    if (resolved) return resolved;
    throw new WebRunError({
      kind: 'bad_request',
      message: 'Cannot poll a task without a poll URL or both remote ids.',
    });
  }

  /** One request with the key, limits, timeouts and error mapping; the management clients use it too. */
  async request(req: Request): Promise<{ body: unknown; raw: string }> {
    if (!req.limited || !this.limiter) return this.send(req);
    return this.limiter.hold(() => this.send(req), { reserved: req.slotTaken, signal: req.signal });
  }

  private async send(req: Request): Promise<{ body: unknown; raw: string }> {
    // The timeout counts silence: a large answer that keeps arriving is read to its end.
    const silence = silenceTimeout(req.timeoutMs);
    const timeout = silence.signal;
    const signal = req.signal ? AbortSignal.any([req.signal, timeout]) : timeout;
    const headers: Record<string, string> = { Accept: 'application/json' };
    // The key goes to the configured origin only, whatever URL an answer named.
    if (sameOrigin(req.url, this.baseUrl)) headers.Authorization = `Bearer ${this.apiKey}`;
    if (req.body !== undefined && req.form === undefined)
      headers['Content-Type'] = 'application/json';

    let response: HttpAnswer;
    try {
      response = await this.transport(req.url, {
        method: req.method,
        headers,
        body: req.form ?? (req.body === undefined ? undefined : JSON.stringify(req.body)),
        signal,
        maxBytes: MAX_RESPONSE_BYTES,
        onProgress: silence.heard,
      });
    } catch (error) {
      if (error instanceof WebRunError) {
        throw new WebRunError({
          kind: error.kind,
          message: `${error.message} (${req.method} ${new URL(req.url).pathname})`,
          outcomeUnknown: !req.idempotent,
        });
      }
      throw transportError(error, req, timeout, this.baseUrl);
    } finally {
      silence.stop();
    }

    const raw = response.text;
    if (response.status < 200 || response.status > 299) {
      const taskBody = req.taskBody ? failedTaskBody(response.status, raw) : null;
      if (taskBody) return { body: taskBody, raw };
      const error = errorFromResponse(response.status, response.headers, raw, this.now());
      if (error.balance)
        this.onBalance({
          ...error.balance,
          source: `${response.status} ${new URL(req.url).pathname}`,
        });
      if (
        error.kind === 'rate_limited' &&
        req.limited &&
        this.limiter &&
        error.retryAfterMs !== null
      ) {
        this.limiter.blockUntil(this.now() + error.retryAfterMs);
      }
      throw error;
    }
    try {
      const body: unknown = JSON.parse(raw);
      if (body === null || typeof body !== 'object' || Array.isArray(body))
        throw new Error('not a JSON object');
      return { body, raw };
    } catch (cause) {
      throw new WebRunError({
        kind: 'bad_response',
        status: response.status,
        message: `WebRun answered ${req.method} ${new URL(req.url).pathname} with something that is not a JSON object.`,
        // The server accepted the request and did something we cannot read.
        outcomeUnknown: !req.idempotent,
        details: { raw: raw.slice(0, 2000) },
        cause,
      });
    }
  }
}
