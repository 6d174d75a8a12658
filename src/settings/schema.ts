// One settings module for the popup, the content script and the background: defaults, validation that repairs
// rather than rejects, and versioned migrations. Pure: storage access lives in src/platform.

import { REPORT_CHANNELS, type ReportChannel } from '../core/advice.js';
import { SENSITIVITIES, type Sensitivity } from '../core/severity.js';

export const SETTINGS_VERSION = 2;

export interface Settings {
  version: number;
  enabled: boolean;
  sensitivity: Sensitivity;
  families: { espionage: boolean; fraud: boolean };
  /** `all`: every site; `categories`: only loan, recruitment, dating and social or hobby sites. */
  scope: 'all' | 'categories';
  position: 'top' | 'bottom';
  reportChannel: ReportChannel;
  /** Hostnames where LureWatch stays silent ("Not on this site"). */
  disabledSites: string[];
  /** Epoch milliseconds until which LureWatch is snoozed; 0 when not snoozed. */
  snoozeUntil: number;
  /** "Think before you post": a hint while typing a sensitive affiliation into a field (version 2). */
  hints: boolean;
  /** Hostnames where that hint stays silent ("Not on this site" on the hint); the banner is not affected. */
  hintQuietSites: string[];
}

export const DEFAULTS: Readonly<Settings> = Object.freeze({
  version: SETTINGS_VERSION,
  enabled: true,
  sensitivity: 'medium',
  families: Object.freeze({ espionage: true, fraud: true }) as Settings['families'],
  scope: 'all',
  position: 'top',
  reportChannel: 'auto',
  disabledSites: Object.freeze([]) as unknown as string[],
  snoozeUntil: 0,
  hints: true,
  hintQuietSites: Object.freeze([]) as unknown as string[],
});

/** Bounds on stored lists and strings, so a corrupted or hostile value cannot grow without limit. */
const MAX_SITES = 1000;
const MAX_HOSTNAME = 253;
/** Labels of letters, digits and hyphens joined by single dots: no empty label ("..", ".com"). */
const HOSTNAME = /^[a-z0-9-]+(?:\.[a-z0-9-]+)*$/;

export interface Repair {
  settings: Settings;
  /** What was wrong and has been replaced by a default, for logs and tests; empty when the value was valid. */
  repairs: string[];
}

/** Turns any stored value into valid settings, keeping every field that is valid and naming what was repaired. */
export function repairSettings(stored: unknown): Repair {
  const repairs: string[] = [];
  const input = migrate(isRecord(stored) ? stored : {}, repairs);
  if (stored !== undefined && !isRecord(stored)) repairs.push('settings were not an object');
  const pick = <K extends keyof Settings>(key: K, valid: (v: unknown) => v is Settings[K]): Settings[K] => {
    if (!(key in input)) return clone(DEFAULTS[key]);
    if (valid(input[key])) return input[key] as Settings[K];
    repairs.push(`${key} was invalid`);
    return clone(DEFAULTS[key]);
  };
  const settings: Settings = {
    version: SETTINGS_VERSION,
    enabled: pick('enabled', isBoolean),
    sensitivity: pick('sensitivity', (v): v is Sensitivity => (SENSITIVITIES as readonly unknown[]).includes(v)),
    families: repairFamilies(input.families, repairs),
    scope: pick('scope', (v): v is Settings['scope'] => v === 'all' || v === 'categories'),
    position: pick('position', (v): v is Settings['position'] => v === 'top' || v === 'bottom'),
    reportChannel: pick('reportChannel', (v): v is ReportChannel => (REPORT_CHANNELS as readonly unknown[]).includes(v)),
    disabledSites: repairSites(input.disabledSites, repairs, 'disabledSites'),
    snoozeUntil: pick('snoozeUntil', (v): v is number => typeof v === 'number' && Number.isFinite(v) && v >= 0),
    hints: pick('hints', isBoolean),
    hintQuietSites: repairSites(input.hintQuietSites, repairs, 'hintQuietSites'),
  };
  for (const key of Object.keys(input)) if (!(key in DEFAULTS)) repairs.push(`unknown key ${key.slice(0, 40)} dropped`);
  return { settings, repairs };
}

function repairFamilies(value: unknown, repairs: string[]): Settings['families'] {
  if (value === undefined) return { ...DEFAULTS.families };
  if (!isRecord(value)) {
    repairs.push('families was invalid');
    return { ...DEFAULTS.families };
  }
  const family = (key: 'espionage' | 'fraud'): boolean => {
    if (isBoolean(value[key])) return value[key];
    if (key in value) repairs.push(`families.${key} was invalid`);
    return DEFAULTS.families[key];
  };
  return { espionage: family('espionage'), fraud: family('fraud') };
}

function repairSites(value: unknown, repairs: string[], key: 'disabledSites' | 'hintQuietSites'): string[] {
  if (value === undefined) return [];
  if (!Array.isArray(value)) {
    repairs.push(`${key} was invalid`);
    return [];
  }
  const sites = new Set<string>();
  for (const item of value) {
    const host = typeof item === 'string' ? normalizeHost(item) : null;
    if (host) sites.add(host);
    else repairs.push(`an invalid site in ${key} was dropped`);
  }
  if (sites.size > MAX_SITES) repairs.push(`${key} kept the newest ${MAX_SITES}`);
  return [...sites].slice(-MAX_SITES);
}

/** A hostname as stored: lower case, no trailing dot or leading "www."; null when it is not a hostname. */
export function normalizeHost(host: string): string | null {
  // Stripped until nothing is left to strip, so a stored host normalises to itself ("www.www.x." is "x").
  const h = host.trim().toLowerCase().replace(/\.+$/, '').replace(/^(?:www\.)+/, '');
  return h.length > 0 && h.length <= MAX_HOSTNAME && HOSTNAME.test(h) ? h : null;
}

/**
 * Earlier schema versions, upgraded in order. Version 0 is anything stored before versions existed (including
 * nothing at all). Each step takes the previous shape and returns the next; unknown fields are left for the
 * validator to drop.
 */
const MIGRATIONS: ReadonlyArray<(old: Record<string, unknown>) => Record<string, unknown>> = [
  // 0 -> 1: the first public schema; nothing to rename yet.
  (old) => ({ ...old, version: 1 }),
  // 1 -> 2: the post hint arrives with `hints` and `hintQuietSites`; their defaults (on, no quiet site) fill in.
  (old) => ({ ...old, version: 2 }),
];

function migrate(stored: Record<string, unknown>, repairs: string[]): Record<string, unknown> {
  let version = typeof stored.version === 'number' && Number.isInteger(stored.version) ? stored.version : 0;
  if (version > SETTINGS_VERSION || version < 0) {
    // A newer (or nonsensical) version from a downgrade: keep what still validates.
    repairs.push(`settings version ${String(stored.version)} is not known; fields were checked one by one`);
    version = SETTINGS_VERSION;
  }
  let current: Record<string, unknown> = { ...stored };
  for (let v = version; v < SETTINGS_VERSION; v++) current = MIGRATIONS[v]!(current);
  return current;
}

export function isSnoozed(settings: Settings, now: number): boolean {
  return settings.snoozeUntil > now;
}

export function isSiteDisabled(settings: Settings, hostname: string): boolean {
  return listCovers(settings.disabledSites, hostname);
}

/** Whether the post hint may show on this host: on, not snoozed, and neither LureWatch nor its hint is off here. */
export function hintsAllowed(settings: Settings, hostname: string, now: number): boolean {
  return (
    settings.enabled &&
    settings.hints &&
    !isSnoozed(settings, now) &&
    !isSiteDisabled(settings, hostname) &&
    !listCovers(settings.hintQuietSites, hostname)
  );
}

/** A listed site covers its subdomains. */
function listCovers(sites: readonly string[], hostname: string): boolean {
  const host = normalizeHost(hostname);
  if (!host) return false;
  return sites.some((site) => host === site || host.endsWith(`.${site}`));
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function isBoolean(value: unknown): value is boolean {
  return typeof value === 'boolean';
}
function clone<T>(value: T): T {
  return Array.isArray(value) ? ([...value] as T) : isRecord(value) ? ({ ...value } as T) : value;
}
