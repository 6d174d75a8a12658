// The person's choices that decide whether a finding shows its banner, and how: their settings and their dismissal
// of this page. Read from storage only when a finding first needs them: a quiet page (most pages) touches no
// extension API but the matcher's port, since each API's first use costs the page a fraction of a millisecond (Chrome
// sets up its bindings lazily). The matcher scores with the background's own copy of the settings.
import type { PagePlatform } from '../platform/types.js';
import { DISMISSED_KEY, dismissalOf } from '../records.js';
import { applyChange, type SettingsChange } from '../settings/change.js';
import { OwnChange } from '../settings/own-change.js';
import type { Settings } from '../settings/schema.js';
import { readSettings } from '../settings/store.js';

export class PageChoices {
  private settings: Settings | null = null;
  /** The score of the banner dismissed on a page (by page key), once read; `wrong` for a false-alarm mark. */
  private dismissed: { page: string; score: number | null; wrong: boolean } | null = null;
  private reading: Promise<void> | null = null;
  /** Counts settings changes, so that a read begun before one does not pass for fresh. */
  private epoch = 0;
  /** "Not on this site" clicked here: in effect at once, over whatever is read until storage holds it. */
  private readonly own = new OwnChange();

  constructor(
    private readonly platform: PagePlatform,
    /** The key of the page now (a single-page app changes it without a new document). */
    private readonly pageKey: () => string,
  ) {}

  /** Whether the settings and this page's dismissal are read. */
  get ready(): boolean {
    return this.settings !== null && this.dismissed?.page === this.pageKey();
  }

  /** Reads what is missing; rejects when storage cannot be read. */
  read(): Promise<void> {
    this.reading ??= (async () => {
      try {
        const page = this.pageKey();
        const epoch = this.epoch;
        const [settings, stored] = await Promise.all([
          this.settings ?? readSettings(this.platform),
          this.dismissed?.page === page ? null : this.platform.storage.get(DISMISSED_KEY),
        ]);
        if (epoch === this.epoch) this.settings = this.own.over(settings);
        // A dismissal made here meanwhile is newer than what storage held when asked.
        if (this.dismissed?.page !== page) {
          const found = dismissalOf(stored, page);
          this.dismissed = { page, score: found?.score ?? null, wrong: found?.wrong ?? false };
        }
      } finally {
        this.reading = null;
      }
    })();
    return this.reading;
  }

  /** The settings; only for paths that waited for `read` (a finding of caution or more). */
  get current(): Settings {
    if (!this.settings) throw new Error('settings used before they were read');
    return this.settings;
  }

  /** The score at which the person dismissed this page's banner, if they did. */
  get dismissedAt(): number | null {
    return this.dismissed?.page === this.pageKey() ? this.dismissed.score : null;
  }

  /** Whether this page's dismissal was a false-alarm mark ("Was this wrong?"). */
  get markedWrong(): boolean {
    return this.dismissed?.page === this.pageKey() && this.dismissed.wrong;
  }

  /** `wrong`: the person marked the banner as a false alarm; a mark stays a mark through a later dismissal. */
  dismiss(score: number, wrong = false): void {
    const page = this.pageKey();
    this.dismissed = { page, score, wrong: wrong || (this.dismissed?.page === page && this.dismissed.wrong) };
  }

  /**
   * The person changed a setting here, and `storing` is the background storing it: in effect on this page from now
   * on. If it is not stored, what was in effect before comes back.
   */
  change(change: SettingsChange, storing: Promise<unknown>): void {
    const before = this.settings;
    const after = before ? applyChange(before, change) : null;
    this.settings = after;
    this.own.begin(change, storing, () => {
      if (this.settings === after) {
        this.settings = before;
      } else {
        // Read again meanwhile, with the change applied: read them afresh.
        this.settings = null;
        this.epoch++;
      }
    });
  }

  /** The settings changed: read them afresh when next needed. */
  settingsChanged(): void {
    this.own.heard();
    this.settings = null;
    this.epoch++;
  }
}
