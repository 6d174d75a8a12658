// Changes to the settings, as data: the popup and the content script send these to the background, which applies
// them one at a time, so two contexts changing settings at once lose no update.
import { repairSettings, normalizeHost, type Settings } from './schema.js';

export type SettingsChange =
  | { kind: 'set'; values: Partial<Omit<Settings, 'version' | 'disabledSites' | 'hintQuietSites'>> }
  | { kind: 'site'; host: string; disabled: boolean }
  /** The post hint's own "Not on this site" (and its undo in the popup). */
  | { kind: 'hint-site'; host: string; quiet: boolean };

export function applyChange(settings: Settings, change: SettingsChange): Settings {
  if (change.kind === 'set') return repairSettings({ ...settings, ...change.values }).settings;
  const host = normalizeHost(change.host);
  if (!host) return settings;
  if (change.kind === 'hint-site') {
    const others = settings.hintQuietSites.filter((site) => site !== host);
    return { ...settings, hintQuietSites: change.quiet ? [...others, host] : others };
  }
  const others = settings.disabledSites.filter((site) => site !== host);
  return { ...settings, disabledSites: change.disabled ? [...others, host] : others };
}

/** Validates a change received in a message (untrusted): returns it, or null when it is not a valid change. */
export function parseChange(value: unknown): SettingsChange | null {
  if (typeof value !== 'object' || value === null) return null;
  const change = value as Record<string, unknown>;
  if (change.kind === 'site') {
    return typeof change.host === 'string' && typeof change.disabled === 'boolean' && normalizeHost(change.host)
      ? { kind: 'site', host: change.host, disabled: change.disabled }
      : null;
  }
  if (change.kind === 'hint-site') {
    return typeof change.host === 'string' && typeof change.quiet === 'boolean' && normalizeHost(change.host)
      ? { kind: 'hint-site', host: change.host, quiet: change.quiet }
      : null;
  }
  if (change.kind === 'set' && typeof change.values === 'object' && change.values !== null) {
    // Only known keys with valid values survive: repair a copy of the defaults with these values and compare.
    const values = change.values as Record<string, unknown>;
    const allowed = ['enabled', 'sensitivity', 'families', 'scope', 'position', 'reportChannel', 'snoozeUntil', 'hints'];
    if (Object.keys(values).length === 0 || Object.keys(values).some((key) => !allowed.includes(key))) return null;
    const { repairs } = repairSettings(values);
    return repairs.length === 0 ? { kind: 'set', values: values as Partial<Settings> } : null;
  }
  return null;
}
