// Popup entry: the real browser behind the Platform interface, then the controller (which tests drive with a fake).
// Opened as a tab with #settings (the banner's Settings button), it shows the settings without a "This page" part.
import { createBrowserPlatform } from '../platform/browser.js';
import { startPopup } from './controller.js';

startPopup(createBrowserPlatform(), document, { standalone: location.hash === '#settings' }).catch((error: unknown) => {
  console.error('LureWatch popup could not start:', error);
});
