// Build time only: from labelled texts to a fitted model (model.ts ModelData). The features are computed by the
// very code the scorer runs (features.ts); the fitting is fit.ts; the choices made here are which texts count as
// lures of which family, how strongly the penalty binds (chosen by cross-validation), and where the cut points fall.

import type { Family } from '../advice.js';
import { scanText } from '../detect.js';
import { clausePairs, conceptHits, FEATURE_NAMES, featuresOf, pageContextOf, SIGNAL_FEATURES, wholeSums, WINDOW_CHARS, WINDOW_CHARS_HAN } from '../features.js';
import type { CutPoints, ModelData } from '../model.js';
import type { Pack } from '../pack.js';
import { decodeTextSignal, textBuckets, textSignalOf, type TextSignalData } from '../text-signal.js';
import { fitLogistic, fitSparseLogistic, logLoss, predict, type FitOptions, type Fitted, type Sample, type Sign, type SparseSample } from './fit.js';

export interface TrainingText {
  id: string;
  text: string;
  expect: 'warn' | 'quiet' | 'awareness';
  family: string;
  /** own: the project's examples; dev: the shared dev files, written by others like the sets that decide. */
  origin: 'own' | 'dev';
}

/**
 * How much a text of the shared dev files may count against one of the project's own: they were written
 * separately from this code, as the sets that decide detection are, and they are fewer. The fit tries each and
 * keeps the one whose out-of-fold verdicts on the dev texts it works from are best (log-loss); the held-out
 * third never takes part.
 */
export const DEV_WEIGHTS = [1, 2, 3];

export const FAMILIES: readonly Family[] = ['espionage', 'fraud'];
/** Penalties tried by cross-validation. */
export const LAMBDAS = [0.1, 0.3, 1, 3];
export const FOLDS = 5;
/** The text signal: 2^16 hashed buckets (64 KB as bytes), and the penalties its cross-validation tries. */
export const SIGNAL_BITS = 16;
export const SIGNAL_LAMBDAS = [0.03, 0.1, 0.3];
/** False-alarm budgets on look-alikes and awareness texts for the three cut points (per family). */
export const BUDGETS: Record<keyof CutPoints, number> = { loose: 0.03, medium: 0.01, strict: 0.003 };
/**
 * Floors under the cut points: the examples are a few hundred texts, and a cut below these would flag pages whose
 * wording the examples never showed. A cut at 0.5 means the model must find a lure more likely than not.
 */
export const FLOORS: Record<keyof CutPoints, number> = { loose: 0.3, medium: 0.5, strict: 0.75 };

/** Evidence against a lure must weigh against it, and a combination may only ever add: the fit keeps those signs. */
export function signOf(feature: string): Sign {
  if (feature === 'x:press*official' || feature === 'x:press*warned') return 'any';
  if (/awareness|legit|prohibit/.test(feature)) return 'negative';
  if (feature.startsWith('c:')) return 'any';
  return 'positive';
}

/**
 * A single concept says little (every warning holds every keyword): its weight is penalised four times as hard as a
 * combination's, so the model leans on what concepts do together.
 */
export function penaltyOf(feature: string): number {
  return feature.startsWith('c:') && signOf(feature) === 'any' ? 4 : 1;
}

/** The features of a whole text, as one window (the examples are a paragraph or a chat each). */
export function textFeatures(text: string, pack: Pack, signal = 0): Float64Array {
  const hits = conceptHits(text, scanText(text, pack), pack.rules);
  return featuresOf(wholeSums(hits, clausePairs(text, hits)), pageContextOf(hits), signal);
}

/** Which cross-validation fold a text is in: by a hash of its id, so adding texts moves no other. */
export function foldOf(id: string): number {
  let h = 0x811c9dc5;
  // A page's excerpts ("id#w2") are in the page's fold, so no fold learns from a page it is tested on.
  for (const byte of new TextEncoder().encode(`fold:${id.split('#')[0]}`)) {
    h ^= byte;
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return (h >>> 0) % FOLDS;
}

export interface FamilyReport {
  family: Family;
  lambda: number;
  positives: number;
  negatives: number;
  /** Out-of-fold figures at each cut point: share of lures caught, share of look-alikes flagged. */
  outOfFold: Record<keyof CutPoints, { cut: number; recall: number; falseAlarms: number }>;
  logLoss: number;
}

export interface Trained {
  model: ModelData;
  reports: FamilyReport[];
  signal: SignalReport;
  /** Each text's out-of-fold probability per family: what the model says of texts it was not fitted on. */
  outOfFold: Map<string, Partial<Record<Family, number>>>;
  /** The weight of the shared dev texts that was kept, and the out-of-fold log-loss on them it was kept for. */
  devWeight: number;
  devLoss: number;
}

export function train(given: readonly TrainingText[], pack: Pack): Trained {
  const texts = [...given, ...given.flatMap(windowsOf)];
  const features = texts.map((t) => textFeatures(t.text, pack));
  let best: Trained | null = null;
  for (const devWeight of DEV_WEIGHTS) {
    const trained = trainWith(texts, features.map((x) => Float64Array.from(x)), pack, devWeight);
    if (!best || trained.devLoss < best.devLoss - 1e-9) best = trained;
  }
  return best!;
}

/**
 * Excerpts of a long legitimate page, as the scorer reads a long page (window by window, features.ts): each is
 * legitimate too, and without them the fit would only ever see such pages whole. (A long lure's excerpts are left
 * out: which of them holds the lure is not known.) Ids get "#w" and the excerpt's number, and share the page's fold.
 */
export function windowsOf(text: TrainingText): TrainingText[] {
  if (text.expect === 'warn') return [];
  const han = /\p{Script=Han}/u.test(text.text.slice(0, 200));
  const size = han ? WINDOW_CHARS_HAN : WINDOW_CHARS;
  if (text.text.length <= size) return [];
  const step = Math.floor(size * 0.8);
  const out: TrainingText[] = [];
  for (let from = 0, k = 1; from < text.text.length - step / 2; from += step, k++) {
    out.push({ ...text, id: `${text.id}#w${k}`, text: text.text.slice(from, from + size) });
  }
  return out;
}

function trainWith(texts: readonly TrainingText[], features: Float64Array[], pack: Pack, devWeight: number): Trained {
  // The text signal first: its out-of-fold probabilities are what the concept model learns to trust it by, so
  // that it never sees the signal's verdict on a text the signal was fitted on.
  const signal = trainTextSignal(texts, pack, devWeight);
  texts.forEach((t, i) => {
    const withSignal = textFeatures(t.text, pack, signal.outOfFold[i]!);
    for (const at of SIGNAL_FEATURES) features[i]![at] = withSignal[at]!;
  });
  const signs = FEATURE_NAMES.map(signOf);
  const penalties = FEATURE_NAMES.map(penaltyOf);
  const families = {} as ModelData['families'];
  const outOfFold = new Map<string, Partial<Record<Family, number>>>();
  const cuts = {} as ModelData['cuts'];
  const reports: FamilyReport[] = [];
  let devLoss = 0;
  for (const family of FAMILIES) {
    // A lure of the other family is neither a positive nor a look-alike for this one: it is left out.
    const rows = texts.flatMap((t, i) =>
      t.expect === 'warn' && t.family !== family ? [] : [{ id: t.id, dev: t.origin === 'dev', sample: sampleOf(t, features[i]!, family, devWeight) }],
    );
    const samples = rows.map((r) => r.sample);
    const folds = rows.map((r) => foldOf(r.id));
    const { fitted, oof, lambda, loss } = fitInTwoStages(samples, folds, { signs, penalties, signal: SIGNAL_FEATURES });
    const combined = oof;
    let best = { lambda, loss, oof };
    // The measure the dev weight is chosen by: the dev texts' out-of-fold verdicts, each counting once.
    const devRows = rows.flatMap((row, i) => (row.dev && !row.id.includes('#') ? [i] : []));
    devLoss += logLoss(devRows.map((i) => ({ ...samples[i]!, weight: 1 })), devRows.map((i) => combined[i]!));
    const negatives = samples.flatMap((s, i) => (s.y === 0 ? [best!.oof[i]!] : []));
    const positives = samples.flatMap((s, i) => (s.y === 1 ? [best!.oof[i]!] : []));
    const familyCuts = cutPoints(negatives);
    rows.forEach((row, i) => {
      const known = outOfFold.get(row.id) ?? {};
      outOfFold.set(row.id, { ...known, [family]: round(best!.oof[i]!) });
    });
    families[family] = { bias: round(fitted.bias), weights: Array.from(fitted.weights, round) };
    cuts[family] = familyCuts;
    const figures = (cut: number) => ({
      cut,
      recall: positives.filter((p) => p >= cut).length / Math.max(positives.length, 1),
      falseAlarms: negatives.filter((p) => p >= cut).length / Math.max(negatives.length, 1),
    });
    reports.push({
      family,
      lambda: best!.lambda,
      positives: positives.length,
      negatives: negatives.length,
      outOfFold: { loose: figures(familyCuts.loose), medium: figures(familyCuts.medium), strict: figures(familyCuts.strict) },
      logLoss: round(best!.loss),
    });
  }
  return { model: { features: [...FEATURE_NAMES], families, cuts, text: signal.data }, reports, signal: signal.report, outOfFold, devWeight, devLoss };
}

export interface SignalFit {
  data: TextSignalData;
  outOfFold: Float64Array;
  report: SignalReport;
}

export interface SignalReport {
  lambda: number;
  logLoss: number;
  /** Non-zero buckets of the shipped weights. */
  used: number;
}

/** Lure (of either family) or not, from hashed n-grams; the penalty chosen by cross-validation. */
function trainTextSignal(texts: readonly TrainingText[], pack: Pack, devWeight: number): SignalFit {
  return fitTextSignal(
    texts.map((t) => ({ id: t.id, text: t.text, y: t.expect === 'warn' ? 1 : 0, weight: (t.expect === 'awareness' ? 2 : 1) * (t.origin === 'dev' ? devWeight : 1) })),
    pack,
    SIGNAL_BITS,
  );
}

/**
 * A text signal for any labelled texts (the lure model's, the disclosure model's): hashed n-grams, the penalty
 * chosen by cross-validation, weights quantized to bytes, and each text's out-of-fold probability as the
 * quantized signal would give it.
 */
export function fitTextSignal(
  texts: ReadonlyArray<{ id: string; text: string; y: 0 | 1; weight: number }>,
  pack: Pack,
  bits: number,
): SignalFit {
  const samples: SparseSample[] = texts.map((t) => {
    const indexes = textBuckets(t.text, pack.fold, bits);
    return { indexes, values: new Float64Array(indexes.length).fill(1 / Math.sqrt(Math.max(indexes.length, 1))), y: t.y, weight: t.weight };
  });
  const folds = texts.map((t) => foldOf(t.id));
  const dimensions = 1 << bits;
  let best: { lambda: number; loss: number; oof: Float64Array } | null = null;
  for (const lambda of SIGNAL_LAMBDAS) {
    const oof = new Float64Array(samples.length);
    for (let fold = 0; fold < FOLDS; fold++) {
      const fitted = quantize(fitSparseLogistic(samples.filter((_, i) => folds[i] !== fold), dimensions, { lambda, sweeps: 60 }), bits);
      const signal = decodeTextSignal(fitted);
      texts.forEach((t, i) => {
        if (folds[i] === fold) oof[i] = textSignalOf(t.text, pack.fold, signal);
      });
    }
    const loss = logLoss(samples.map((s) => ({ x: new Float64Array(0), y: s.y, weight: s.weight })), oof);
    if (!best || loss < best.loss - 1e-12) best = { lambda, loss, oof };
  }
  const { used, ...data } = quantize(fitSparseLogistic(samples, dimensions, { lambda: best!.lambda, sweeps: 60 }), bits);
  return { data, outOfFold: best!.oof.map(round), report: { lambda: best!.lambda, logLoss: round(best!.loss), used } };
}

/** Weights as signed bytes with one scale: 64 KB instead of 256, and the same on every machine. */
function quantize(fitted: Fitted, bits: number): TextSignalData & { used: number } {
  let largest = 0;
  for (const w of fitted.weights) largest = Math.max(largest, Math.abs(w));
  const scale = largest === 0 ? 1 : largest / 127;
  const bytes = new Uint8Array(fitted.weights.length);
  let used = 0;
  fitted.weights.forEach((w, i) => {
    const q = Math.round(w / scale);
    if (q !== 0) used++;
    bytes[i] = q & 0xff;
  });
  let binary = '';
  for (const b of bytes) binary += String.fromCharCode(b);
  return { bits, bias: round(fitted.bias), scale: Number(scale.toPrecision(6)), weights: btoa(binary), used };
}

/**
 * Two stages, so that the concepts carry the verdict and the text signal only adds to it: fitted together, the
 * signal (which knows the examples' wording best) takes the weight, and a text worded unlike the examples would
 * then rest on a signal that does not know it. First the concepts alone, the penalty chosen by cross-validation;
 * then the signal's features on top of the concepts' out-of-fold verdict. Returns the combined model and its
 * out-of-fold probabilities. Used by the lure model and the disclosure model alike.
 */
export function fitInTwoStages(
  samples: readonly Sample[],
  folds: readonly number[],
  options: { signs: readonly Sign[]; penalties?: readonly number[]; signal: readonly number[] },
): { fitted: Fitted; oof: Float64Array; lambda: number; loss: number } {
  const { signs, penalties, signal } = options;
  const without = (x: Float64Array): Float64Array => {
    const out = Float64Array.from(x);
    for (const i of signal) out[i] = 0;
    return out;
  };
  const only = (x: Float64Array): Float64Array => {
    const out = new Float64Array(x.length);
    for (const i of signal) out[i] = x[i]!;
    return out;
  };
  const conceptOnly = samples.map((s) => ({ ...s, x: without(s.x) }));
  let best: { lambda: number; loss: number; oof: Float64Array } | null = null;
  for (const lambda of LAMBDAS) {
    const oof = crossValidate(conceptOnly, folds, { lambda, signs, penalties });
    const loss = logLoss(conceptOnly, oof);
    if (!best || loss < best.loss - 1e-12) best = { lambda, loss, oof };
  }
  const concepts = fitLogistic(conceptOnly, { lambda: best!.lambda, signs, penalties });
  const offsets = Array.from(best!.oof, (p) => Math.log(clampProbability(p) / (1 - clampProbability(p))));
  const signalOnly = samples.map((s) => ({ ...s, x: only(s.x) }));
  const onTop = fitLogistic(signalOnly, { lambda: best!.lambda, signs, penalties, offsets });
  const fitted: Fitted = { bias: concepts.bias + onTop.bias, weights: concepts.weights.map((w, i) => (signal.includes(i) ? onTop.weights[i]! : w)) };
  const oof = Float64Array.from(signalOnly, (s, i) => predictFrom(offsets[i]! + onTop.bias, onTop, s.x));
  return { fitted, oof, lambda: best!.lambda, loss: logLoss(samples, oof) };
}

function clampProbability(p: number): number {
  return Math.min(Math.max(p, 1e-6), 1 - 1e-6);
}

/** The probability from a starting log-odds plus a model's weights (its bias already in `start`). */
function predictFrom(start: number, model: Fitted, x: Float64Array): number {
  let z = start;
  for (let j = 0; j < x.length; j++) z += model.weights[j]! * x[j]!;
  return 1 / (1 + Math.exp(-z));
}

function sampleOf(text: TrainingText, x: Float64Array, family: Family, devWeight: number): Sample {
  const y = text.expect === 'warn' && text.family === family ? 1 : 0;
  // Awareness texts hold every keyword of a lure: they count double, so the model learns what sets them apart.
  return { x, y, weight: (text.expect === 'awareness' ? 2 : 1) * (text.origin === 'dev' ? devWeight : 1) };
}

function crossValidate(samples: readonly Sample[], folds: readonly number[], options: FitOptions): Float64Array {
  const oof = new Float64Array(samples.length);
  for (let fold = 0; fold < FOLDS; fold++) {
    const fitted: Fitted = fitLogistic(samples.filter((_, i) => folds[i] !== fold), options);
    samples.forEach((s, i) => {
      if (folds[i] === fold) oof[i] = predict(fitted, s.x);
    });
  }
  return oof;
}

/** The lowest cut at which at most the budget's share of look-alikes reach it, and never below the floor. */
function cutPoints(negatives: readonly number[]): CutPoints {
  const sorted = [...negatives].sort((a, b) => b - a);
  const at = (budget: number, floor: number): number => {
    const allowed = Math.floor(sorted.length * budget);
    // Just above the first look-alike past the budget.
    const cut = allowed < sorted.length ? sorted[allowed]! + 1e-4 : 0;
    return round(Math.min(Math.max(cut, floor), 0.999));
  };
  const loose = at(BUDGETS.loose, FLOORS.loose);
  const medium = Math.max(at(BUDGETS.medium, FLOORS.medium), loose);
  const strict = Math.max(at(BUDGETS.strict, FLOORS.strict), medium);
  return { loose, medium, strict };
}

/** Four decimals: enough for the scores, and stable across machines whose last bits of Math.exp differ. */
function round(value: number): number {
  return Math.round(value * 1e4) / 1e4;
}
