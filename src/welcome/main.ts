// First-run page entry: the real browser behind the Platform interface, then the controller (which tests drive with
// a fake). The background opens this page once, on install (background/service.ts).
import { createBrowserPlatform } from '../platform/browser.js';
import { startWelcome } from './controller.js';

startWelcome(createBrowserPlatform(), document, { openShadow: __LUREWATCH_TEST__ }).catch((error: unknown) => {
  console.error('LureWatch first-run page could not start:', error);
});
