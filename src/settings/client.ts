// The settings as an extension page shows and changes them: the popup and the first-run page both go through here,
// so a change made on either travels the same path. A change shows at once, goes to the background as a
// settings-change message (the background applies changes one at a time and writes storage), and storage.onChanged
// brings back what was stored; a change that could not be saved is said, and the stored settings shown again.
import type { Platform } from '../platform/types.js';
import { applyChange, type SettingsChange } from './change.js';
import type { Settings } from './schema.js';
import { readSettings, watchSettings } from './store.js';

export class SettingsClient {
  private failed = false;
  private stopWatching: () => void = () => undefined;

  private constructor(
    private readonly platform: Platform,
    private value: Settings,
    /** Called after every change of what the page should show (settings, or the failure line). */
    private readonly onUpdate: () => void,
  ) {}

  /** Reads the settings (repaired) and follows storage from then on. */
  static async open(platform: Platform, onUpdate: () => void): Promise<SettingsClient> {
    const client = new SettingsClient(platform, await readSettings(platform), onUpdate);
    client.stopWatching = watchSettings(platform, (stored) => {
      client.value = stored;
      client.onUpdate();
    });
    return client;
  }

  get settings(): Settings {
    return this.value;
  }

  /** The last change could not be saved (cleared by the next change). */
  get saveFailed(): boolean {
    return this.failed;
  }

  change(change: SettingsChange): void {
    this.value = applyChange(this.value, change);
    this.failed = false;
    this.onUpdate();
    this.platform.runtime.sendMessage({ type: 'settings-change', change }).catch(async () => {
      this.failed = true;
      this.value = await readSettings(this.platform).catch(() => this.value);
      this.onUpdate();
    });
  }

  stop(): void {
    this.stopWatching();
  }
}
