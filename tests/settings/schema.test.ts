// Settings that never lose data: any stored value is repaired into valid settings, keeping every valid field;
// repair is idempotent; changes are validated as untrusted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyChange, parseChange } from '../../src/settings/change.js';
import { DEFAULTS, isSiteDisabled, normalizeHost, repairSettings, SETTINGS_VERSION } from '../../src/settings/schema.js';

describe('repairSettings', () => {
  it('turns nothing stored into the defaults, and reports no repair for them', () => {
    expect(repairSettings(undefined)).toEqual({ settings: { ...DEFAULTS, families: { ...DEFAULTS.families }, disabledSites: [] }, repairs: [] });
    expect(repairSettings(repairSettings(undefined).settings).repairs).toEqual([]);
  });

  it('keeps valid fields and repairs the rest, naming each repair', () => {
    const { settings, repairs } = repairSettings({
      version: 1,
      enabled: false,
      sensitivity: 'extreme',
      families: { espionage: false, fraud: 'yes' },
      disabledSites: ['WWW.Example.COM.', 'not a host', 42],
      snoozeUntil: -5,
      mystery: 'x'.repeat(100_000),
    });
    expect(settings.enabled).toBe(false);
    expect(settings.sensitivity).toBe('medium');
    expect(settings.families).toEqual({ espionage: false, fraud: true });
    expect(settings.disabledSites).toEqual(['example.com']);
    expect(settings.snoozeUntil).toBe(0);
    expect(repairs.join('; ')).toMatch(/sensitivity was invalid/);
    expect(repairs.join('; ')).toMatch(/families.fraud was invalid/);
    expect(repairs.join('; ')).toMatch(/unknown key mystery dropped/);
    expect(repairs.every((r) => r.length < 200)).toBe(true);
  });

  it('migrates settings stored before versions existed (version 0)', () => {
    const { settings } = repairSettings({ enabled: false, sensitivity: 'high' });
    expect(settings).toMatchObject({ version: SETTINGS_VERSION, enabled: false, sensitivity: 'high' });
  });

  it('never throws, always returns valid settings, and is idempotent on any stored value', () => {
    fc.assert(
      fc.property(fc.oneof(fc.anything(), fc.record({ version: fc.anything(), enabled: fc.anything(), sensitivity: fc.anything(), disabledSites: fc.anything(), families: fc.anything() })), (stored) => {
        const { settings } = repairSettings(stored);
        expect(typeof settings.enabled).toBe('boolean');
        expect(['low', 'medium', 'high']).toContain(settings.sensitivity);
        expect(settings.disabledSites.every((site) => normalizeHost(site) === site)).toBe(true);
        const again = repairSettings(settings);
        expect(again.repairs).toEqual([]);
        expect(again.settings).toEqual(settings);
      }),
      { numRuns: 500 },
    );
  });
});

describe('settings changes', () => {
  it('accepts valid changes only', () => {
    expect(parseChange({ kind: 'set', values: { sensitivity: 'high' } })).toEqual({ kind: 'set', values: { sensitivity: 'high' } });
    expect(parseChange({ kind: 'set', values: { sensitivity: 'loud' } })).toBeNull();
    expect(parseChange({ kind: 'set', values: { disabledSites: [] } })).toBeNull(); // sites change one at a time
    expect(parseChange({ kind: 'set', values: {} })).toBeNull();
    expect(parseChange({ kind: 'site', host: 'jobs.example.com', disabled: true })).not.toBeNull();
    expect(parseChange({ kind: 'site', host: '<script>', disabled: true })).toBeNull();
    expect(parseChange('drop table')).toBeNull();
  });

  it('disables and allows a site, which then covers its subdomains', () => {
    let settings = repairSettings(undefined).settings;
    settings = applyChange(settings, { kind: 'site', host: 'www.example.com', disabled: true });
    expect(isSiteDisabled(settings, 'jobs.example.com')).toBe(true);
    expect(isSiteDisabled(settings, 'example.org')).toBe(false);
    settings = applyChange(settings, { kind: 'site', host: 'example.com', disabled: false });
    expect(settings.disabledSites).toEqual([]);
  });
});
