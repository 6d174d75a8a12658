// Background entry (service worker in Chrome, event page in Firefox): wires the service to the real browser.
import { createBrowserPlatform } from '../platform/browser.js';
import { startBackground } from './service.js';

const service = startBackground(createBrowserPlatform());
// For `npm run bench:page` (which reads it through the DevTools protocol) and for anyone in DevTools: how much time
// the matcher took. Timings only; the worker's global scope is reachable by no page.
Object.assign(globalThis, { lurewatchStats: () => service.stats() });
