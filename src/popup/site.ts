// "This site" for the site toggle: the stored entries that silence the current host. An entry also covers its
// subdomains (see isSiteDisabled), so allowing a page again must remove every entry that matches it, not only an
// exact one.
import { normalizeHost, type Settings } from '../settings/schema.js';

export function entriesSilencing(settings: Settings, host: string): string[] {
  return covering(settings.disabledSites, host);
}

/** The same for the post hint's own quiet list. */
export function hintEntriesSilencing(settings: Settings, host: string): string[] {
  return covering(settings.hintQuietSites, host);
}

function covering(sites: readonly string[], host: string): string[] {
  const h = normalizeHost(host);
  if (!h) return [];
  return sites.filter((site) => h === site || h.endsWith(`.${site}`));
}
