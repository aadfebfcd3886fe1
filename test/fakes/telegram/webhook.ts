import type { WebhookInfo } from 'grammy/types';
import type { UpdateQueue } from './update-queue.ts';

export interface WebhookConfig {
  url: string;
  secretToken?: string;
  maxConnections: number;
}

/** Runs a method the bot put in its webhook response body ("webhook reply"). */
export type WebhookReplyRunner = (method: string, values: Record<string, unknown>) => Promise<void>;

const REQUEST_TIMEOUT_MS = 60_000;

/**
 * Delivers updates to a webhook the way Telegram does: POST one update as JSON, with the secret in
 * X-Telegram-Bot-Api-Secret-Token; a 2xx confirms it, anything else is recorded in getWebhookInfo
 * and retried. One at a time, so order is kept. http:// URLs are allowed, unlike on Telegram,
 * because the bot under test listens on loopback without TLS.
 */
export class WebhookSender {
  private config: WebhookConfig | undefined;
  private generation = 0;
  private lastErrorDate: number | undefined;
  private lastErrorMessage: string | undefined;
  /** Ends an idle wait; new updates and configuration changes call it. */
  private wake: (() => void) | undefined;
  /** Ends a retry pause; only configuration changes call it, new updates must not shorten the back-off. */
  private interrupt: (() => void) | undefined;
  private readonly stopped = new AbortController();

  constructor(
    private readonly queue: UpdateQueue,
    private readonly runReply: WebhookReplyRunner,
    private readonly retryMs: number,
    private readonly now: () => number,
  ) {
    queue.onPush(() => this.wake?.());
  }

  get active(): boolean {
    return this.config !== undefined;
  }

  set(config: WebhookConfig): void {
    this.config = config;
    this.lastErrorDate = undefined;
    this.lastErrorMessage = undefined;
    const generation = ++this.generation;
    this.wakeAll();
    void this.run(generation);
  }

  clear(): void {
    this.config = undefined;
    this.generation++;
    this.wakeAll();
  }

  private wakeAll(): void {
    this.wake?.();
    this.interrupt?.();
  }

  stop(): void {
    this.clear();
    this.stopped.abort();
  }

  info(): WebhookInfo {
    const allowed = this.queue.allowedUpdates();
    return {
      url: this.config?.url ?? '',
      has_custom_certificate: false,
      pending_update_count: this.queue.size(),
      ...(this.config ? { max_connections: this.config.maxConnections } : {}),
      ...(this.config && allowed ? { allowed_updates: allowed } : {}),
      ...(this.lastErrorDate !== undefined
        ? { last_error_date: this.lastErrorDate, last_error_message: this.lastErrorMessage ?? '' }
        : {}),
    };
  }

  private async run(generation: number): Promise<void> {
    while (generation === this.generation && this.config) {
      const [update] = this.queue.deliverable(1);
      if (!update) {
        await new Promise<void>((resolve) => {
          this.wake = resolve;
        });
        continue;
      }
      const delivered = await this.deliver(this.config, update);
      if (generation !== this.generation) return;
      if (delivered) this.queue.remove(update.update_id);
      else await this.pause();
    }
  }

  private async deliver(config: WebhookConfig, update: { update_id: number }): Promise<boolean> {
    try {
      const response = await fetch(config.url, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          ...(config.secretToken ? { 'x-telegram-bot-api-secret-token': config.secretToken } : {}),
        },
        body: JSON.stringify(update),
        signal: AbortSignal.any([this.stopped.signal, AbortSignal.timeout(REQUEST_TIMEOUT_MS)]),
      });
      const body = await response.text();
      if (!response.ok) {
        this.fail(`Wrong response from the webhook: ${response.status} ${response.statusText}`);
        return false;
      }
      await this.replyFrom(response.headers.get('content-type'), body);
      return true;
    } catch (error) {
      if (this.stopped.signal.aborted) return false;
      this.fail(
        (error as { cause?: { code?: string } }).cause?.code === 'ECONNREFUSED'
          ? 'Connection refused'
          : String(error),
      );
      return false;
    }
  }

  // A bot may answer an update by putting one method call in the response body.
  private async replyFrom(contentType: string | null, body: string): Promise<void> {
    if (!contentType?.includes('application/json') || !body) return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return;
    }
    if (parsed && typeof parsed === 'object' && typeof (parsed as { method?: unknown }).method === 'string') {
      const { method, ...values } = parsed as { method: string } & Record<string, unknown>;
      await this.runReply(method, values);
    }
  }

  private fail(message: string): void {
    this.lastErrorDate = this.now();
    this.lastErrorMessage = message;
  }

  private pause(): Promise<void> {
    return new Promise((resolve) => {
      const timer = setTimeout(resolve, this.retryMs);
      this.interrupt = () => {
        clearTimeout(timer);
        resolve();
      };
    });
  }
}
