/**
 * Runs test/queue/fixtures/engine-process.ts as a separate bot process (`npx tsx`), speaking
 * JSON lines. The engine's own pid comes from its "ready" line: npx and tsx start it as a
 * grandchild, and a SIGKILL must hit the process that plays, not a wrapper.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const FIXTURE = 'test/queue/fixtures/engine-process.ts';

// biome-ignore lint/suspicious/noExplicitAny: messages are whatever JSON the fixture writes.
export type ChildMessage = { type: string; [key: string]: any };

export class ChildEngine {
  readonly messages: ChildMessage[] = [];
  readonly startedAt = Date.now();
  private stderr = '';
  private readonly listeners = new Set<() => void>();
  private readonly child: ChildProcess;
  readonly exited: Promise<number | null>;

  constructor(env: Record<string, string>) {
    // detached: its own process group, so cleanup can end npx, tsx, node and ffmpeg together.
    this.child = spawn('npx', ['tsx', FIXTURE], {
      cwd: ROOT,
      env: { ...process.env, ...env },
      detached: true,
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    this.child.stderr!.setEncoding('utf8');
    this.child.stderr!.on('data', (text: string) => {
      this.stderr = (this.stderr + text).slice(-4000);
    });
    createInterface({ input: this.child.stdout! }).on('line', (line) => {
      try {
        this.messages.push({ ...(JSON.parse(line) as ChildMessage), receivedAt: Date.now() });
      } catch {
        return;
      }
      for (const wake of this.listeners) wake();
    });
    this.exited = new Promise((resolve) => this.child.once('exit', (code) => resolve(code)));
  }

  send(message: object): void {
    this.child.stdin!.write(`${JSON.stringify(message)}\n`);
  }

  waitFor(what: string, match: (m: ChildMessage) => boolean, timeoutMs = 20_000): Promise<ChildMessage> {
    const find = () => this.messages.find(match);
    const found = find();
    if (found) return Promise.resolve(found);
    return new Promise((resolve, reject) => {
      const check = () => {
        const hit = find();
        if (!hit) return;
        clearTimeout(timer);
        this.listeners.delete(check);
        resolve(hit);
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        const seen = this.messages
          .map((m) => (m.type === 'event' ? `event:${m.event.type}` : m.type))
          .join(', ');
        reject(new Error(`child: no ${what} within ${timeoutMs} ms (saw: ${seen}); stderr: ${this.stderr}`));
      }, timeoutMs);
      this.listeners.add(check);
    });
  }

  async ready(): Promise<number> {
    const message = await this.waitFor('ready', (m) => m.type === 'ready');
    return message.pid as number;
  }

  /** kill -9 the engine process itself. */
  async kill9(): Promise<void> {
    const pid = await this.ready();
    process.kill(pid, 'SIGKILL');
  }

  /** Ends whatever is left of the group (npx, tsx, ffmpeg); safe to call twice. */
  destroy(): void {
    if (this.child.pid === undefined) return;
    try {
      process.kill(-this.child.pid, 'SIGKILL');
    } catch {
      // Already gone.
    }
  }
}
