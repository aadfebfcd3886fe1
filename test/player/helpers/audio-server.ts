/**
 * A loopback stand-in for NetEase's CDN: serves audio files with byte ranges, and can misbehave
 * the way the real one does (a URL that expires mid-song, a connection dropped halfway).
 */
import { once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type Route =
  /** Serves the bytes, honouring `Range: bytes=N-` like a CDN. */
  | { kind: 'file'; data: Buffer }
  /** Always 403, like an expired signed URL. */
  | { kind: 'forbidden' }
  /**
   * The first request gets the bytes up to `cutAt` and then the connection drops; every later
   * request (ffmpeg's own reconnect with a Range) gets 403 because the URL "expired" meanwhile.
   */
  | { kind: 'expiring'; data: Buffer; cutAt: number };

export interface AudioServer {
  url(path: string): string;
  route(path: string, route: Route): string;
  /** Paths requested, in order, with their Range header. */
  readonly requests: Array<{ path: string; range?: string }>;
  close(): Promise<void>;
}

export async function startAudioServer(): Promise<AudioServer> {
  const routes = new Map<string, Route & { hits: number }>();
  const requests: AudioServer['requests'] = [];

  const server = http.createServer((req, res) => {
    const path = req.url ?? '/';
    requests.push({ path, range: req.headers.range });
    const route = routes.get(path);
    if (!route) return void res.writeHead(404).end('not found');
    route.hits++;
    if (route.kind === 'forbidden' || (route.kind === 'expiring' && route.hits > 1)) {
      return void res.writeHead(403, { 'content-type': 'text/plain' }).end('expired');
    }

    const data = route.data;
    const range = /^bytes=(\d+)-(\d*)$/.exec(req.headers.range ?? '');
    const start = range ? Number(range[1]) : 0;
    const end = range?.[2] ? Math.min(Number(range[2]), data.length - 1) : data.length - 1;
    if (start >= data.length) {
      return void res.writeHead(416, { 'content-range': `bytes */${data.length}` }).end();
    }
    const headers: http.OutgoingHttpHeaders = {
      'content-type': 'audio/mpeg',
      'accept-ranges': 'bytes',
      'content-length': end - start + 1,
    };
    if (range) headers['content-range'] = `bytes ${start}-${end}/${data.length}`;
    res.writeHead(range ? 206 : 200, headers);

    if (route.kind === 'expiring') {
      // Drop the connection once the first part has reached the kernel: ffmpeg sees the body end
      // short of Content-Length, as when a CDN resets a long download.
      res.write(data.subarray(start, Math.max(start, route.cutAt)), () => res.destroy());
      return;
    }
    res.end(data.subarray(start, end + 1));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as AddressInfo;
  const url = (path: string) => `http://127.0.0.1:${port}${path}`;

  return {
    url,
    route(path, route) {
      routes.set(path, { ...route, hits: 0 });
      return url(path);
    },
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
