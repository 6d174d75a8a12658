// The fitted scorer: one logistic model per family over the window features (features.ts), with the cut points
// that turn its probability into a severity. The numbers come from `npm run train` (scripts/train.ts) and live in
// generated/model.ts; nothing here is set by hand.

import type { Family } from './advice.js';
import { FEATURE_NAMES } from './features.js';
import { MODEL } from './generated/model.js';
import { decodeTextSignal, type TextSignal, type TextSignalData } from './text-signal.js';

export const SENSITIVITY_LEVELS = ['low', 'medium', 'high'] as const;

export interface LinearModel {
  bias: number;
  /** One weight per feature, in the order of `features`. */
  weights: number[];
}

/** Probability cut points, lowest first: the false-alarm budgets the training command fitted them to. */
export interface CutPoints {
  /** Fitted so that about 3% of the look-alikes it trained on reach it. */
  loose: number;
  /** About 1%. */
  medium: number;
  /** About 0.3%, and never below `medium`. */
  strict: number;
}

export interface ModelData {
  /** The feature names the weights were fitted for (features.ts FEATURE_NAMES at training time). */
  features: string[];
  families: Record<Family, LinearModel>;
  cuts: Record<Family, CutPoints>;
  /** The learned text signal that feeds the feature `s:text`. */
  text: TextSignalData;
}

/** The model ready to score: the text signal's weights decoded. */
export interface LoadedModel extends Omit<ModelData, 'text'> {
  text: TextSignal;
}

/**
 * The shipped model, checked against the features this build computes: a model fitted for other features would
 * weigh the wrong numbers, so it fails loudly instead (tests/core/model.test.ts runs this).
 */
export function checkedModel(model: ModelData = MODEL): LoadedModel {
  const names = FEATURE_NAMES;
  if (model.features.length !== names.length || model.features.some((name, i) => name !== names[i])) {
    throw new Error('the fitted model does not match the features of this build: run npm run train');
  }
  for (const family of Object.keys(model.families) as Family[]) {
    if (model.families[family].weights.length !== names.length) throw new Error(`model ${family}: wrong weight count`);
  }
  return { ...model, text: decodeTextSignal(model.text) };
}

/** The log-odds of a window's features under one family's model. */
export function logit(model: LinearModel, x: ArrayLike<number>): number {
  let z = model.bias;
  const w = model.weights;
  for (let i = 0; i < w.length; i++) z += w[i]! * x[i]!;
  return z;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
