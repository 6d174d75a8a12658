// Reading and writing the settings through the platform. Reads repair; writes go through one queue in the
// background (see background/settings-service.ts), never straight from the popup or a page.
import type { PagePlatform } from '../platform/types.js';
import { repairSettings, type Settings } from './schema.js';

export const SETTINGS_KEY = 'settings';

/** Any context's settings, repaired (a page's, the popup's, the background's: all read them the same way). */
export async function readSettings(platform: Pick<PagePlatform, 'storage'>): Promise<Settings> {
  return repairSettings(await platform.storage.get(SETTINGS_KEY)).settings;
}

/** Calls back with fresh settings whenever they change in storage; returns a function that stops listening. */
export function watchSettings(platform: PagePlatform, listener: (settings: Settings) => void): () => void {
  return platform.storage.onChanged((changes) => {
    const change = changes[SETTINGS_KEY];
    if (change) listener(repairSettings(change.newValue).settings);
  });
}
