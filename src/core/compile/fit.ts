// Build time only: weighted, L2-regularised logistic regression with sign constraints, fitted by cyclic coordinate
// descent. Deterministic (fixed order, fixed iteration budget, no randomness), so the same data always gives the
// same numbers and `npm run train` can be checked by a test.

export interface Sample {
  x: Float64Array;
  /** 1 for a lure of the family being fitted, 0 otherwise. */
  y: 0 | 1;
  /** How much the sample counts in the loss. */
  weight: number;
}

/** Per feature: its weight may be any sign, only positive (evidence for a lure) or only negative (evidence against). */
export type Sign = 'any' | 'positive' | 'negative';

export interface FitOptions {
  /** L2 penalty on the weights (not on the bias). */
  lambda: number;
  signs: readonly Sign[];
  /** Per feature, a multiple of `lambda` (default 1): features to lean on less are penalised more. */
  penalties?: readonly number[];
  /** Coordinate sweeps at most. */
  sweeps?: number;
  /** A fixed log-odds each sample starts from (another model's verdict, which this fit adds to). */
  offsets?: ArrayLike<number>;
}

export interface Fitted {
  bias: number;
  weights: Float64Array;
}

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

export function fitLogistic(samples: readonly Sample[], options: FitOptions): Fitted {
  const d = options.signs.length;
  // Columns of the non-zero entries: most features are zero for most samples.
  const columns: Column[] = [];
  for (let j = 0; j < d; j++) {
    const rows: number[] = [];
    const values: number[] = [];
    samples.forEach((sample, i) => {
      const v = sample.x[j]!;
      if (v !== 0) {
        rows.push(i);
        values.push(v);
      }
    });
    columns.push({ rows: Int32Array.from(rows), values: Float64Array.from(values) });
  }
  return fitColumns(samples, columns, options);
}

/** A sparse sample: the indexes of its non-zero features and their values. */
export interface SparseSample {
  indexes: Int32Array;
  values: Float64Array;
  y: 0 | 1;
  weight: number;
}

/** The same fit over `dimensions` features given sparsely (the hashed n-grams of the text signal). */
export function fitSparseLogistic(samples: readonly SparseSample[], dimensions: number, options: Omit<FitOptions, 'signs'>): Fitted {
  const rows: number[][] = Array.from({ length: dimensions }, () => []);
  const values: number[][] = Array.from({ length: dimensions }, () => []);
  samples.forEach((sample, i) => {
    sample.indexes.forEach((j, k) => {
      rows[j]!.push(i);
      values[j]!.push(sample.values[k]!);
    });
  });
  const columns = rows.map((r, j) => ({ rows: Int32Array.from(r), values: Float64Array.from(values[j]!) }));
  return fitColumns(samples, columns, { ...options, signs: new Array<Sign>(dimensions).fill('any') });
}

interface Column {
  rows: Int32Array;
  values: Float64Array;
}

function fitColumns(samples: ReadonlyArray<{ y: 0 | 1; weight: number }>, columns: readonly Column[], options: FitOptions): Fitted {
  const d = columns.length;
  const n = samples.length;
  const weights = new Float64Array(d);
  let bias = 0;
  const z = options.offsets ? Float64Array.from(options.offsets) : new Float64Array(n);
  const sweeps = options.sweeps ?? 400;
  for (let sweep = 0; sweep < sweeps; sweep++) {
    let largest = 0;
    // The bias: a Newton step on the intercept alone.
    {
      let g = 0;
      let h = 1e-9;
      for (let i = 0; i < n; i++) {
        const s = samples[i]!;
        const p = sigmoid(z[i]!);
        g += s.weight * (p - s.y);
        h += s.weight * p * (1 - p);
      }
      const step = clamp(-g / h, 2);
      bias += step;
      for (let i = 0; i < n; i++) z[i] = z[i]! + step;
      largest = Math.max(largest, Math.abs(step));
    }
    for (let j = 0; j < d; j++) {
      const { rows, values } = columns[j]!;
      if (rows.length === 0) continue;
      const lambda = options.lambda * (options.penalties?.[j] ?? 1);
      let g = lambda * weights[j]!;
      let h = lambda + 1e-9;
      for (let k = 0; k < rows.length; k++) {
        const i = rows[k]!;
        const s = samples[i]!;
        const v = values[k]!;
        const p = sigmoid(z[i]!);
        g += s.weight * (p - s.y) * v;
        h += s.weight * p * (1 - p) * v * v;
      }
      let next = weights[j]! + clamp(-g / h, 2);
      const sign = options.signs[j]!;
      if (sign === 'positive' && next < 0) next = 0;
      if (sign === 'negative' && next > 0) next = 0;
      const step = next - weights[j]!;
      if (step === 0) continue;
      weights[j] = next;
      for (let k = 0; k < rows.length; k++) z[rows[k]!] = z[rows[k]!]! + step * values[k]!;
      largest = Math.max(largest, Math.abs(step));
    }
    if (largest < 1e-7) break;
  }
  return { bias, weights };
}

export function predict(model: Fitted, x: ArrayLike<number>): number {
  let z = model.bias;
  for (let j = 0; j < model.weights.length; j++) z += model.weights[j]! * x[j]!;
  return sigmoid(z);
}

/** Weighted log-loss of predictions: the cross-validation's measure. */
export function logLoss(samples: readonly Sample[], probabilities: ArrayLike<number>): number {
  let loss = 0;
  let total = 0;
  samples.forEach((s, i) => {
    const p = Math.min(Math.max(probabilities[i]!, 1e-9), 1 - 1e-9);
    loss -= s.weight * (s.y === 1 ? Math.log(p) : Math.log(1 - p));
    total += s.weight;
  });
  return loss / total;
}

function clamp(step: number, limit: number): number {
  return step > limit ? limit : step < -limit ? -limit : step;
}
