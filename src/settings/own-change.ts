// A change the person made on a page ("Not on this site"), in effect there at once. Until storage holds it, the
// settings the page reads or hears meanwhile are older than the change and would bring back what the person just
// turned off; so the change is laid over them until news of the settings arrives after it was stored.
import { applyChange, type SettingsChange } from './change.js';
import type { Settings } from './schema.js';

export class OwnChange {
  private pending: { change: SettingsChange; stored: boolean } | null = null;

  /** `storing` is the background storing `change`; `undone` runs if it could not (and no newer change followed). */
  begin(change: SettingsChange, storing: Promise<unknown>, undone: () => void): void {
    const own = { change, stored: false };
    this.pending = own;
    storing.then(
      () => {
        own.stored = true;
      },
      () => {
        if (this.pending !== own) return;
        this.pending = null;
        undone();
      },
    );
  }

  /** The settings as in effect on this page: these, with the person's pending change on top. */
  over(settings: Settings): Settings {
    return this.pending ? applyChange(settings, this.pending.change) : settings;
  }

  /** News that the settings changed: once the change is stored, whatever is read from now on holds it. */
  heard(): void {
    if (this.pending?.stored) this.pending = null;
  }
}
