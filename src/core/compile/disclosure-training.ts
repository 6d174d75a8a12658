// Build time only: fits the post hints' disclosure model (disclosure.ts) on labelled field texts, the same way the
// lure model is fitted: sign-constrained logistic regression, the penalty chosen by cross-validation, the cut at a
// false-hint budget on the out-of-fold verdicts of the quiet texts.

import { DISCLOSURE_FEATURES, readDisclosure } from '../disclosure-features.js';
import { BARE_FIELD, type DisclosureModelData } from '../disclosure.js';
import { scanPhrases } from '../match/scan.js';
import type { Pack } from '../pack.js';
import type { SiteCategory } from '../site.js';
import { fitLogistic, logLoss, predict, type Sample, type Sign } from './fit.js';
import { DEV_WEIGHTS, fitTextSignal, foldOf, FOLDS, LAMBDAS } from './training.js';

export interface DisclosureTrainingText {
  id: string;
  text: string;
  expect: 'hint' | 'quiet';
  site: string;
  origin: 'own' | 'dev';
}

/** The kind of site a labelled text is typed on, as the extension would see the site. */
export const SITE_CATEGORY: Record<string, SiteCategory> = {
  job: 'recruitment',
  social: 'social',
  hobby: 'social',
  dating: 'dating',
  other: 'other',
};

/** Share of quiet texts allowed to earn a hint, out of fold; and the cut's floor. */
export const HINT_BUDGET = 0.02;
export const HINT_FLOOR = 0.5;

/** Framing that says "not mine, not now" may only count against a hint; what makes it one's own only for it. */
export function disclosureSignOf(feature: string): Sign {
  if (/past|other|hiring|question/.test(feature)) return 'negative';
  if (feature.startsWith('k:') || ['f:self', 'f:present', 'f:period'].includes(feature)) return 'any';
  return 'positive';
}

export interface DisclosureTrained {
  model: DisclosureModelData;
  report: { lambda: number; devWeight: number; hints: number; quiet: number; bareCut: number; bareQuiet: number; recall: number; falseHints: number; logLoss: number };
  outOfFold: Map<string, number>;
  /** Out-of-fold log-loss on the shared dev texts: what the dev weight is chosen by (as for the lure model). */
  devLoss: number;
}

/** The disclosure text signal's size: 2^14 buckets, 16 KB as bytes (field texts are short). */
export const DISCLOSURE_SIGNAL_BITS = 14;

export function trainDisclosure(texts: readonly DisclosureTrainingText[], pack: Pack): DisclosureTrained {
  let best: DisclosureTrained | null = null;
  for (const devWeight of DEV_WEIGHTS) {
    const trained = trainDisclosureWith(texts, pack, devWeight);
    if (!best || trained.devLoss < best!.devLoss - 1e-9) best = trained;
  }
  return best!;
}

function trainDisclosureWith(texts: readonly DisclosureTrainingText[], pack: Pack, devWeight: number): DisclosureTrained {
  const weightOf = (t: DisclosureTrainingText): number => (t.origin === 'dev' ? devWeight : 1);
  // The text signal first, out of fold, as for the lure model (training.ts).
  const signal = fitTextSignal(
    texts.map((t) => ({ id: t.id, text: t.text, y: t.expect === 'hint' ? 1 : 0, weight: weightOf(t) })),
    pack,
    DISCLOSURE_SIGNAL_BITS,
  );
  const readings = texts.map((t, i) => readDisclosure(t.text, scanPhrases(t.text, pack), pack.rules, SITE_CATEGORY[t.site] ?? 'other', signal.outOfFold[i]!));
  const samples: Sample[] = texts.map((t, i) => ({ x: readings[i]!.features, y: t.expect === 'hint' ? 1 : 0, weight: weightOf(t) }));
  // The texts a hint could reach only through the bare-field reading (disclosure.ts): short, unframed, not own.
  const bare = texts.map((t, i) => {
    const r = readings[i]!;
    return !r.selfDisclosed && !r.framedAsOwn && r.clean && r.named.length > 0 && t.text.trim().length <= BARE_FIELD;
  });
  const signs = DISCLOSURE_FEATURES.map(disclosureSignOf);
  const folds = texts.map((t) => foldOf(t.id));
  // One stage, the signal fitted with the rest: on short field texts the framing is in the wording, which the
  // signal reads better than the framing vocabularies (two stages, as the lure model is fitted, measured worse here:
  // out-of-fold 65% of disclosures hinted against 71% at the same 2% of quiet texts).
  let best: { lambda: number; loss: number; oof: Float64Array } | null = null;
  for (const lambda of LAMBDAS) {
    const oof = new Float64Array(samples.length);
    for (let fold = 0; fold < FOLDS; fold++) {
      const fitted = fitLogistic(samples.filter((_, i) => folds[i] !== fold), { lambda, signs });
      samples.forEach((s, i) => {
        if (folds[i] === fold) oof[i] = predict(fitted, s.x);
      });
    }
    const loss = logLoss(samples, oof);
    if (!best || loss < best!.loss - 1e-12) best = { lambda, loss, oof };
  }
  const fitted = fitLogistic(samples, { lambda: best!.lambda, signs });
  const quiet = samples.flatMap((s, i) => (s.y === 0 ? [best!.oof[i]!] : [])).sort((a, b) => b - a);
  const allowed = Math.floor(quiet.length * HINT_BUDGET);
  const cut = round(Math.min(Math.max(allowed < quiet.length ? quiet[allowed]! + 1e-4 : 0, HINT_FLOOR), 0.999));
  // The bare cut: the same budget over the quiet texts the bare reading reaches, never below the cut itself.
  const bareQuiet = samples.flatMap((s, i) => (s.y === 0 && bare[i] ? [best!.oof[i]!] : [])).sort((a, b) => b - a);
  const bareAllowed = Math.floor(bareQuiet.length * HINT_BUDGET);
  const bareCut = round(Math.min(Math.max(bareAllowed < bareQuiet.length ? bareQuiet[bareAllowed]! + 1e-4 : 0, cut), 0.999));
  const hints = samples.flatMap((s, i) => (s.y === 1 ? [best!.oof[i]!] : []));
  const dev = texts.flatMap((t, i) => (t.origin === 'dev' ? [i] : []));
  const devLoss = logLoss(dev.map((i) => ({ ...samples[i]!, weight: 1 })), dev.map((i) => best!.oof[i]!));
  return {
    model: { features: [...DISCLOSURE_FEATURES], bias: round(fitted.bias), weights: Array.from(fitted.weights, round), cut, bareCut, text: signal.data },
    devLoss,
    report: {
      lambda: best!.lambda,
      devWeight,
      hints: hints.length,
      quiet: quiet.length,
      bareCut,
      bareQuiet: bareQuiet.length,
      recall: hints.filter((p) => p >= cut).length / Math.max(hints.length, 1),
      falseHints: quiet.filter((p) => p >= cut).length / Math.max(quiet.length, 1),
      logLoss: round(best!.loss),
    },
    outOfFold: new Map(texts.map((t, i) => [t.id, round(best!.oof[i]!)])),
  };
}

function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}

/** The generated module's source. */
export function renderDisclosureModel(model: DisclosureModelData, about: string): string {
  return [
    '// Generated by scripts/train.ts. Do not edit: run `npm run train`.',
    ...about.split('\n').map((line) => `// ${line}`.trimEnd()),
    "import type { DisclosureModelData } from '../disclosure.js';",
    '',
    'export const DISCLOSURE_MODEL: DisclosureModelData = {',
    `  features: ${JSON.stringify(model.features)},`,
    `  bias: ${model.bias},`,
    `  weights: ${JSON.stringify(model.weights)},`,
    `  cut: ${model.cut},`,
    `  bareCut: ${model.bareCut},`,
    `  text: { bits: ${model.text.bits}, bias: ${model.text.bias}, scale: ${model.text.scale}, weights: ${JSON.stringify(model.text.weights)} },`,
    '};',
    '',
  ].join('\n');
}
