// "This site" for the site toggle: the stored entries that silence the current host. An entry also covers its
// subdomains (see isSiteDisabled), so allowing a page again must remove every entry that matches it, not only an
// exact one.
import { normalizeHost, type Settings } from '../settings/schema.js';

export function entriesSilencing(settings: Settings, host: string): string[] {
  const h = normalizeHost(host);
  if (!h) return [];
  return settings.disabledSites.filter((site) => h === site || h.endsWith(`.${site}`));
}
