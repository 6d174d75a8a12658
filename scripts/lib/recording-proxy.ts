// An HTTP proxy on 127.0.0.1 that records every request a browser sends through it and forwards only those to the
// allowed origins (the test server); everything else is refused with 502 and stays on the record. Why: a browser's
// own instrumentation does not see every request (Firefox's WebDriver BiDi reports no request of an add-on's
// background page), while a browser told to use this proxy for every host, loopback included, cannot reach the
// network without passing through it. So "the extension makes no network request" is checked at the wire.
import { createServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface ProxiedRequest {
  method: string;
  /** Absolute URL for plain HTTP; "host:port" for a CONNECT (HTTPS, WebSocket over TLS). */
  target: string;
  forwarded: boolean;
}

export interface RecordingProxy {
  /** "127.0.0.1:PORT", for a browser's proxy setting. */
  address: string;
  host: string;
  port: number;
  requests: ProxiedRequest[];
  close(): Promise<void>;
}

/** allowedOrigins: e.g. ["http://127.0.0.1:43210"]; requests to anything else are recorded and refused. */
export async function startRecordingProxy(allowedOrigins: () => readonly string[]): Promise<RecordingProxy> {
  const requests: ProxiedRequest[] = [];
  const server = createServer((req, res) => {
    const target = req.url ?? '';
    let url: URL | null = null;
    try {
      url = new URL(target);
    } catch {
      url = null;
    }
    const forwarded = url !== null && url.protocol === 'http:' && allowedOrigins().includes(url.origin);
    requests.push({ method: req.method ?? 'GET', target, forwarded });
    if (!forwarded || !url) {
      res.writeHead(502, { 'Content-Type': 'text/plain' }).end('refused by the LureWatch test proxy');
      return;
    }
    const upstream = httpRequest(
      { host: url.hostname, port: url.port, path: url.pathname + url.search, method: req.method, headers: req.headers },
      (response) => {
        res.writeHead(response.statusCode ?? 502, response.headers);
        response.pipe(res);
      },
    );
    upstream.on('error', () => res.headersSent || res.writeHead(502).end());
    req.pipe(upstream);
  });
  server.on('connect', (req, socket) => {
    requests.push({ method: 'CONNECT', target: req.url ?? '', forwarded: false });
    socket.end('HTTP/1.1 502 Bad Gateway\r\n\r\n');
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const { port } = server.address() as AddressInfo;
  return {
    address: `127.0.0.1:${port}`,
    host: '127.0.0.1',
    port,
    requests,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
