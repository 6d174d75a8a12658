// Settings that never lose data, as properties over generated stored values: whatever a corrupted profile, an older
// version of LureWatch or a hostile page-side write left in storage, repair keeps every field that is still valid,
// replaces only what is not, drops unknown keys, stays bounded in size, and migrates every earlier schema version.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { REPORT_CHANNELS } from '../../src/core/advice.js';
import { SENSITIVITIES } from '../../src/core/severity.js';
import { DEFAULTS, repairSettings, SETTINGS_VERSION, type Settings } from '../../src/settings/schema.js';

const host = fc
  .tuple(fc.stringMatching(/^[a-z0-9]{1,12}$/), fc.constantFrom('com', 'cn', 'org', 'example'))
  .map(([name, tld]) => `${name}.${tld}`)
  .filter((h) => !h.startsWith('www.'));

/** The fields of the current schema, each with only valid values. */
const validFields = {
  enabled: fc.boolean(),
  sensitivity: fc.constantFrom(...SENSITIVITIES),
  families: fc.record({ espionage: fc.boolean(), fraud: fc.boolean() }),
  scope: fc.constantFrom('all' as const, 'categories' as const),
  position: fc.constantFrom('top' as const, 'bottom' as const),
  reportChannel: fc.constantFrom(...REPORT_CHANNELS),
  disabledSites: fc.uniqueArray(host, { maxLength: 8 }),
  snoozeUntil: fc.oneof(fc.constant(0), fc.integer({ min: 1, max: 2 ** 45 })),
  hints: fc.boolean(),
  hintQuietSites: fc.uniqueArray(host, { maxLength: 8 }),
};
type Field = keyof typeof validFields;
const FIELDS = Object.keys(validFields) as Field[];

/** Values of the wrong JavaScript type for each field, including the huge strings a broken writer could leave. */
const HUGE = 'x'.repeat(1_000_000);
const wrongType = fc.oneof(
  fc.constant(HUGE),
  fc.string({ maxLength: 20 }),
  fc.constant(null),
  fc.constant(Number.NaN),
  fc.integer(),
  fc.array(fc.integer(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.integer(), { maxKeys: 3 }),
);
/** Whether a value is invalid for a field: such a value must be replaced by the default. */
const ENUMS: Partial<Record<Field, readonly unknown[]>> = {
  sensitivity: SENSITIVITIES,
  scope: ['all', 'categories'],
  position: ['top', 'bottom'],
  reportChannel: REPORT_CHANNELS,
};
const isWrongTypeFor = (field: Field, value: unknown): boolean => {
  const allowed = ENUMS[field];
  if (allowed) return !allowed.includes(value);
  if (field === 'enabled' || field === 'hints') return typeof value !== 'boolean';
  if (field === 'families') return typeof value !== 'object' || value === null || Array.isArray(value);
  if (field === 'disabledSites' || field === 'hintQuietSites') return !Array.isArray(value);
  return typeof value !== 'number' || !Number.isFinite(value) || value < 0; // snoozeUntil
};

const valid = fc.record(validFields);
/** Which fields to corrupt, with what, and unknown keys (some with huge names and values) to add. */
const corruption = fc.record({
  broken: fc.dictionary(fc.constantFrom(...FIELDS), wrongType, { maxKeys: FIELDS.length }),
  unknown: fc.dictionary(
    fc.oneof(fc.string({ minLength: 1, maxLength: 12 }), fc.constant('k'.repeat(10_000))).filter((key) => !(key in DEFAULTS) && key !== '__proto__'),
    fc.oneof(fc.constant(HUGE), fc.integer(), fc.constant(null)),
    { maxKeys: 4 },
  ),
});

describe('settings repair, property-tested', () => {
  it('keeps every valid field, defaults exactly the broken ones, and drops unknown keys', () => {
    fc.assert(
      fc.property(valid, corruption, (fields, { broken, unknown }) => {
        const stored = { version: SETTINGS_VERSION, ...fields, ...broken, ...unknown };
        const { settings, repairs } = repairSettings(JSON.parse(JSON.stringify(stored)));
        for (const field of FIELDS) {
          const expected = !(field in broken) ? fields[field] : isWrongTypeFor(field, broken[field]) ? DEFAULTS[field] : undefined;
          // A "broken" value that happens to be valid (an integer snooze time, say) may be kept; any other is replaced.
          if (expected !== undefined) expect(settings[field], field).toEqual(expected);
        }
        expect(Object.keys(settings).sort()).toEqual(Object.keys(DEFAULTS).sort());
        // Nothing stored can make the result or its log grow without bound.
        expect(JSON.stringify(settings).length).toBeLessThan(300_000);
        expect(repairs.every((line) => line.length < 200)).toBe(true);
        if (Object.keys(unknown).length > 0 || Object.keys(broken).some((f) => isWrongTypeFor(f as Field, broken[f as Field]))) {
          expect(repairs.length).toBeGreaterThan(0);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('keeps the newest 1000 of a huge list of quiet sites, and drops entries that are not hostnames', () => {
    fc.assert(
      fc.property(fc.uniqueArray(host, { minLength: 1001, maxLength: 1400 }), fc.array(wrongType, { maxLength: 5 }), (sites, junk) => {
        const { settings, repairs } = repairSettings({ version: SETTINGS_VERSION, disabledSites: [...junk, ...sites] });
        expect(settings.disabledSites).toEqual(sites.slice(-1000));
        expect(repairs.join('; ')).toMatch(/newest 1000/);
      }),
      { numRuns: 10 },
    );
  });

  // Each earlier version is described by the fields it had; a value stored by it must come through with all of
  // them intact. Version 0 is everything stored before the schema carried a version (no version key at all).
  const V1: readonly Field[] = ['enabled', 'sensitivity', 'families', 'scope', 'position', 'reportChannel', 'disabledSites', 'snoozeUntil'];
  const EARLIER_FIELDS: Record<number, readonly Field[]> = {
    0: V1,
    1: V1,
    2: FIELDS, // + hints, hintQuietSites
  };

  it('migrates a value stored by every earlier schema version, keeping all of its fields', () => {
    for (let version = 0; version <= SETTINGS_VERSION; version++) {
      const fields = EARLIER_FIELDS[version];
      expect(fields, `describe the fields of schema version ${version} in this test`).toBeDefined();
      fc.assert(
        fc.property(valid, fc.boolean(), (all, omitVersion) => {
          const old: Record<string, unknown> = Object.fromEntries(fields!.map((f) => [f, all[f]]));
          if (!(version === 0 && omitVersion)) old.version = version;
          const { settings, repairs } = repairSettings(JSON.parse(JSON.stringify(old)));
          expect(settings.version).toBe(SETTINGS_VERSION);
          for (const field of fields!) expect(settings[field as keyof Settings], `v${version} ${field}`).toEqual(all[field]);
          expect(repairs).toEqual([]);
          // Migrated once, it is stable: the next repair changes nothing.
          expect(repairSettings(settings)).toEqual({ settings, repairs: [] });
        }),
        { numRuns: 100 },
      );
    }
  });

  it('a version from the future (after a downgrade) keeps what still validates and says so', () => {
    fc.assert(
      fc.property(valid, fc.integer({ min: SETTINGS_VERSION + 1, max: 1000 }), (fields, version) => {
        const { settings, repairs } = repairSettings({ ...fields, version });
        for (const field of FIELDS) expect(settings[field]).toEqual(fields[field]);
        expect(repairs.join('; ')).toMatch(/version .* is not known/);
      }),
      { numRuns: 50 },
    );
  });
});
