// A static file server for the demo and the end-to-end tests: 127.0.0.1 only, a random free port, no caching, and
// extra response headers per path (a page served with a strict Content-Security-Policy, say). It records every
// request it receives, so a test can compare what the browser asked for with what the pages themselves load.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { extname, join, normalize, sep } from 'node:path';

/** A URL prefix ("/" or "/test/") served from a folder on disk. */
export interface Mount {
  prefix: string;
  dir: string;
}

export interface ServedRequest {
  method: string;
  path: string;
  status: number;
  headers: IncomingHttpHeaders;
}

export interface StaticServer {
  /** "http://127.0.0.1:PORT" */
  origin: string;
  port: number;
  /** Absolute URL for a path on this server. */
  url(path: string): string;
  /** Adds (or replaces) response headers for one exact path, e.g. `{ 'Content-Security-Policy': "default-src 'none'" }`. */
  setHeaders(path: string, headers: Record<string, string>): void;
  /** Every request received so far, oldest first. */
  requests: ServedRequest[];
  close(): Promise<void>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.png': 'image/png',
  '.svg': 'image/svg+xml',
  '.txt': 'text/plain; charset=utf-8',
};

/**
 * Response headers that make a page cross-origin isolated, so that its performance.now() is precise to microseconds
 * (otherwise Chromium rounds it to 100 us and Firefox to the millisecond): the browser benchmarks' pages.
 */
export const CROSS_ORIGIN_ISOLATED: Readonly<Record<string, string>> = {
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Embedder-Policy': 'require-corp',
};

export interface ServerOptions {
  /** Extra response headers per exact path. */
  headers?: Record<string, Record<string, string>>;
  /** Pages made in memory (an index of the demo pages, say), served as HTML before any mount is looked at. */
  generated?: Record<string, string>;
}

export async function startServer(mounts: Mount[], options: ServerOptions = {}): Promise<StaticServer> {
  const extraHeaders = new Map(Object.entries(options.headers ?? {}));
  const generated = new Map(Object.entries(options.generated ?? {}));
  const requests: ServedRequest[] = [];
  // Longest prefix first, so "/test/" wins over "/".
  const ordered = [...mounts].sort((a, b) => b.prefix.length - a.prefix.length);

  const server = createServer((req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://127.0.0.1').pathname);
    const record: ServedRequest = { method: req.method ?? 'GET', path, status: 404, headers: req.headers };
    requests.push(record);
    const send = (status: number, body: string | Buffer, headers: Record<string, string>): void => {
      record.status = status;
      res.writeHead(status, { 'Cache-Control': 'no-store', ...headers, ...(extraHeaders.get(path) ?? {}) });
      res.end(req.method === 'HEAD' ? undefined : body);
    };
    const made = generated.get(path);
    if (made !== undefined) return send(200, made, { 'Content-Type': TYPES['.html']! });
    void resolveFile(ordered, path)
      .then(async (file) => {
        if (!file) return send(404, 'not found', { 'Content-Type': 'text/plain; charset=utf-8' });
        const body = await readFile(file);
        send(200, body, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream' });
      })
      .catch((error: unknown) => send(500, String(error), { 'Content-Type': 'text/plain; charset=utf-8' }));
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  const origin = `http://127.0.0.1:${port}`;
  return {
    origin,
    port,
    url: (path) => new URL(path, origin).href,
    setHeaders: (path, headers) => void extraHeaders.set(path, { ...(extraHeaders.get(path) ?? {}), ...headers }),
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** The file a URL path names, or null; never a file outside the mount (no "..", no absolute paths). */
async function resolveFile(mounts: Mount[], path: string): Promise<string | null> {
  for (const mount of mounts) {
    if (!path.startsWith(mount.prefix)) continue;
    let rest = path.slice(mount.prefix.length);
    if (rest === '' || rest.endsWith('/')) rest += 'index.html';
    const root = normalize(mount.dir + sep);
    const file = normalize(join(root, rest));
    if (!file.startsWith(root)) return null;
    const info = await stat(file).catch(() => null);
    if (info?.isFile()) return file;
  }
  return null;
}
