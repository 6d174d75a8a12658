// Fixed extension identities for the TEST build, so end-to-end tests can open the extension's own pages
// (chrome-extension://ID/popup.html, moz-extension://UUID/popup.html) without discovering ids at run time.
import { createHash } from 'node:crypto';

/**
 * Public half of an RSA-2048 key pair made once with node:crypto (base64 DER SubjectPublicKeyInfo). Chromium derives
 * an unpacked extension's id from the manifest `key` instead of the folder path when one is present. The private
 * half was never stored: nothing is signed with it, and the store assigns its own key to the published extension.
 */
export const CHROME_TEST_PUBLIC_KEY =
  'MIIBIjANBgkqhkiG9w0BAQEFAAOCAQ8AMIIBCgKCAQEAsI7Az6lEYHldX1GqiJiH0fw46a72ROVrdztGOznwBpGLDqFkJvC2n2YQLChAbT0Ijme' +
  'diQSdn+2UbgSPHIHW7TiElPmv6VXuLdgUa4VKPCnhdxVDn/KkVgyFCSg0WwpwwFZfiddii3a78RtV7Q09qpaMYMCms6jvT78o9waLCMatLONWIw' +
  'VWMyE82MFwBrwHVvCCKi6sHWQbo36hAZdqLbErlL9++F544Owt6H0+zsvnJOiKRzo7t9H5CwUifcLg3xNZHMn0wNwbCbDLNPcwxHAYpl0gcZmTh' +
  'nVK3tdjAYr9pnU7I6jyk70ufSqzHmhHUGk1irKuDBZz8irbv3UJOQIDAQAB';

/** Chromium's rule: sha256 of the DER key, first 32 hex digits, each digit 0-f written as a letter a-p. */
export function chromeExtensionIdFromKey(base64Der: string): string {
  const hex = createHash('sha256').update(Buffer.from(base64Der, 'base64')).digest('hex').slice(0, 32);
  return hex.replace(/[0-9a-f]/g, (digit) => String.fromCharCode(97 + Number.parseInt(digit, 16)));
}

/** The id of the Chrome TEST build: open `chrome-extension://${CHROME_TEST_EXTENSION_ID}/popup.html`. */
export const CHROME_TEST_EXTENSION_ID = chromeExtensionIdFromKey(CHROME_TEST_PUBLIC_KEY);

/** Firefox add-on id (browser_specific_settings.gecko.id), the same in every Firefox build. */
export const FIREFOX_GECKO_ID = 'lurewatch@lurewatch.example';

/**
 * Firefox picks a random internal UUID per install; tests pin it by writing this pref to the profile's user.js:
 * `user_pref("extensions.webextensions.uuids", JSON.stringify({ [FIREFOX_GECKO_ID]: FIREFOX_TEST_UUID }))`,
 * then open `moz-extension://${FIREFOX_TEST_UUID}/popup.html`.
 */
export const FIREFOX_TEST_UUID = 'e0776a34-9b35-4b31-b573-5f0d5319701f';

/** The pref value described above, ready to serialise into user.js. */
export function firefoxUuidsPref(): string {
  return JSON.stringify({ [FIREFOX_GECKO_ID]: FIREFOX_TEST_UUID });
}
