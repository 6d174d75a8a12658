// Background entry (service worker in Chrome, event page in Firefox): wires the service to the real browser.
import { createBrowserPlatform } from '../platform/browser.js';
import { startBackground } from './service.js';

startBackground(createBrowserPlatform());
