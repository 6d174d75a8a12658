// The server every e2e test uses: demo pages at "/", test-only pages at "/test/", the strict-CSP page with its header.
import { fileURLToPath } from 'node:url';
import { DEMO_DIR } from '../../../scripts/lib/demo-pages.js';
import { startServer, type ServerOptions, type StaticServer } from '../../../scripts/lib/server.js';

export const TEST_PAGES_DIR = fileURLToPath(new URL('../pages/', import.meta.url));

export const CSP_PAGE = '/test/csp-lure.html';
export const STRICT_CSP = "default-src 'none'";

/** `extra` adds headers per path and pages made in memory (the hostile suites' 10 MB pages). */
export function startTestServer(extra: ServerOptions = {}): Promise<StaticServer> {
  return startServer(
    [
      { prefix: '/', dir: DEMO_DIR },
      { prefix: '/test/', dir: TEST_PAGES_DIR },
    ],
    { headers: { [CSP_PAGE]: { 'Content-Security-Policy': STRICT_CSP }, ...extra.headers }, generated: extra.generated },
  );
}

/**
 * Requests the server received that no page of ours asked for: anything but a page the test navigated to and the
 * favicon the browser fetches for it. Our pages load no subresources, so e.g. a content script's fetch shows up here.
 */
export function unexplainedRequests(server: StaticServer, navigated: ReadonlySet<string>): string[] {
  return server.requests
    .map((request) => request.path)
    .filter((path) => path !== '/favicon.ico' && !navigated.has(path));
}
