// Bradley–Terry ratings for the Leaderboard, fitted from pairwise judgements ("kept A over B").
//
// Each model i has a log-strength theta_i and P(i beats j) = 1 / (1 + exp(theta_j - theta_i)).
// A Gaussian prior (mean 0) on every theta is what makes the fit well-posed: without it a model that
// never lost would run off to infinity, and models in separate groups that never met would have no
// common level. With it the log-posterior is strictly concave, so Newton's method from zero finds the
// single maximum, and the negative Hessian there is positive-definite, so it can be inverted for the
// intervals (a Laplace approximation of the posterior).

export interface Comparison {
  winner: string
  loser: string
  /** default 1 */
  weight?: number
}

export interface Standing {
  /** the key as given */
  model: string
  /** Elo-like scale: 1500 = average, 400 points = 10x odds */
  rating: number
  /** 95% interval, same scale */
  low: number
  high: number
  /** weighted counts */
  wins: number
  losses: number
}

export interface FitOptions {
  /** Strength of the prior pulling every model to 1500, as a Gaussian on log-strength with this standard deviation in rating points; default 350. */
  priorSd?: number
  /** Models to include even with no comparisons (they get 1500 with the prior's interval). */
  models?: string[]
}

const AVERAGE_RATING = 1500
/** 400 rating points are a factor of 10 in odds, i.e. ln(10) in log-strength. */
const POINTS_PER_UNIT = 400 / Math.LN10
const DEFAULT_PRIOR_SD = 350
const Z_95 = 1.96
const MAX_ITERATIONS = 100
/** Largest change in any log-strength (about 2e-8 rating points) below which the fit has settled. */
const STEP_TOLERANCE = 1e-10
const MAX_HALVINGS = 40

/** All judgements between two models, folded together: the fit only needs the totals. */
interface Pair {
  i: number
  j: number
  /** weighted wins of i over j */
  iWins: number
  /** weighted wins of j over i */
  jWins: number
}

interface Tally {
  models: string[]
  wins: number[]
  losses: number[]
  pairs: Pair[]
}

export function fitBradleyTerry(comparisons: Comparison[], options: FitOptions = {}): Standing[] {
  const priorSd = options.priorSd ?? DEFAULT_PRIOR_SD
  if (!(Number.isFinite(priorSd) && priorSd > 0)) {
    throw new RangeError(`priorSd must be a positive finite number of rating points, got ${priorSd}`)
  }
  const tally = tallyComparisons(comparisons, options.models ?? [])
  if (tally.models.length === 0) return []

  const precision = (POINTS_PER_UNIT / priorSd) ** 2
  const theta = maximisePosterior(tally, precision)
  const variances = inverseDiagonal(negativeHessian(tally, theta, precision))
  // Games fix only the differences between models; where their average lies is the prior's alone
  // (variance τ²/n). Ratings are read against the average, so that share leaves each played model's
  // interval, and more games keep narrowing it. A model never played stays as unknown as the prior.
  const averageVariance = 1 / (precision * tally.models.length)
  for (let k = 0; k < variances.length; k++) {
    if ((tally.wins[k] ?? 0) + (tally.losses[k] ?? 0) > 0)
      variances[k] = Math.max(0, (variances[k] ?? 0) - averageVariance)
  }
  return rank(tally, theta, variances)
}

function tallyComparisons(comparisons: Comparison[], extraModels: string[]): Tally {
  const counted = comparisons.filter((c) => c.winner !== c.loser && weightOf(c) > 0)
  // Indexing by sorted name makes the fit independent of the order judgements arrive in.
  const names = new Set(extraModels)
  for (const c of counted) {
    names.add(c.winner)
    names.add(c.loser)
  }
  const models = [...names].sort(byCodeUnits)
  const index = new Map(models.map((model, i) => [model, i]))
  const wins = models.map(() => 0)
  const losses = models.map(() => 0)
  const pairs = new Map<string, Pair>()

  for (const c of counted) {
    const w = index.get(c.winner) ?? 0
    const l = index.get(c.loser) ?? 0
    const weight = weightOf(c)
    wins[w] = (wins[w] ?? 0) + weight
    losses[l] = (losses[l] ?? 0) + weight
    const i = Math.min(w, l)
    const j = Math.max(w, l)
    const key = `${i},${j}`
    const pair = pairs.get(key) ?? { i, j, iWins: 0, jWins: 0 }
    if (w === i) pair.iWins += weight
    else pair.jWins += weight
    pairs.set(key, pair)
  }
  return { models, wins, losses, pairs: [...pairs.values()] }
}

function weightOf(comparison: Comparison): number {
  const weight = comparison.weight ?? 1
  // A negative weight would make the posterior non-concave and the fit meaningless, so it is a caller bug.
  if (!(Number.isFinite(weight) && weight >= 0)) {
    throw new RangeError(
      `weight must be a finite number >= 0, got ${weight} for ${comparison.winner} over ${comparison.loser}`,
    )
  }
  return weight
}

function maximisePosterior(tally: Tally, precision: number): Float64Array {
  let theta: Float64Array = new Float64Array(tally.models.length)
  let value = logPosterior(tally, theta, precision)
  for (let iteration = 0; iteration < MAX_ITERATIONS; iteration++) {
    const step = solve(negativeHessian(tally, theta, precision), gradient(tally, theta, precision))
    const next = backtrack(tally, precision, theta, value, step)
    theta = next.theta
    value = next.value
    if (next.largestMove < STEP_TOLERANCE) break
  }
  return theta
}

/**
 * Newton's full step is right near the maximum but can overshoot far from it (seen with lopsided,
 * heavily weighted records under a weak prior, where it ran off by tens of thousands of points), so the
 * step is halved until the posterior does not fall. The tiny relative slack lets through the last steps,
 * whose gain is below the resolution of the posterior's value.
 */
function backtrack(
  tally: Tally,
  precision: number,
  theta: Float64Array,
  value: number,
  step: Float64Array,
): { theta: Float64Array; value: number; largestMove: number } {
  const slack = 1e-12 * (1 + Math.abs(value))
  let scale = 1
  for (let halving = 0; halving <= MAX_HALVINGS; halving++) {
    const candidate = theta.map((t, k) => t + scale * at(step, k))
    const candidateValue = logPosterior(tally, candidate, precision)
    if (candidateValue >= value - slack) {
      return { theta: candidate, value: candidateValue, largestMove: scale * largestAbs(step) }
    }
    scale /= 2
  }
  return { theta, value, largestMove: 0 }
}

function logPosterior(tally: Tally, theta: Float64Array, precision: number): number {
  let sum = 0
  for (const { i, j, iWins, jWins } of tally.pairs) {
    const d = at(theta, i) - at(theta, j)
    sum += iWins * logSigmoid(d) + jWins * logSigmoid(-d)
  }
  for (const t of theta) sum -= (precision * t * t) / 2
  return sum
}

function gradient(tally: Tally, theta: Float64Array, precision: number): Float64Array {
  const g = theta.map((t) => -precision * t)
  for (const { i, j, iWins, jWins } of tally.pairs) {
    // Observed minus expected wins of i in this pair; j gets the opposite.
    const surplus = iWins - (iWins + jWins) * sigmoid(at(theta, i) - at(theta, j))
    g[i] = at(g, i) + surplus
    g[j] = at(g, j) - surplus
  }
  return g
}

function negativeHessian(tally: Tally, theta: Float64Array, precision: number): SquareMatrix {
  const h = new SquareMatrix(theta.length)
  for (let k = 0; k < theta.length; k++) h.set(k, k, precision)
  for (const { i, j, iWins, jWins } of tally.pairs) {
    const p = sigmoid(at(theta, i) - at(theta, j))
    const information = (iWins + jWins) * p * (1 - p)
    h.add(i, i, information)
    h.add(j, j, information)
    h.add(i, j, -information)
    h.add(j, i, -information)
  }
  return h
}

function rank(tally: Tally, theta: Float64Array, variances: Float64Array): Standing[] {
  const standings = tally.models.map((model, k): Standing => {
    const rating = AVERAGE_RATING + at(theta, k) * POINTS_PER_UNIT
    const halfWidth = Z_95 * Math.sqrt(at(variances, k)) * POINTS_PER_UNIT
    return {
      model,
      rating,
      low: rating - halfWidth,
      high: rating + halfWidth,
      wins: tally.wins[k] ?? 0,
      losses: tally.losses[k] ?? 0,
    }
  })
  return standings.sort((a, b) => b.rating - a.rating || byCodeUnits(a.model, b.model))
}

// Plain code-unit order rather than localeCompare, so the order is the same on every machine.
function byCodeUnits(a: string, b: string): number {
  if (a < b) return -1
  return a > b ? 1 : 0
}

// Both written so that exp never overflows, however lopsided the record.
function sigmoid(x: number): number {
  if (x >= 0) return 1 / (1 + Math.exp(-x))
  const e = Math.exp(x)
  return e / (1 + e)
}

function logSigmoid(x: number): number {
  return x >= 0 ? -Math.log1p(Math.exp(-x)) : x - Math.log1p(Math.exp(x))
}

/** Dense, row-major. A Leaderboard has at most a few hundred models, so O(n³) work is instant. */
class SquareMatrix {
  readonly size: number
  readonly cells: Float64Array

  constructor(size: number) {
    this.size = size
    this.cells = new Float64Array(size * size)
  }

  get(row: number, column: number): number {
    return at(this.cells, row * this.size + column)
  }

  set(row: number, column: number, value: number): void {
    this.cells[row * this.size + column] = value
  }

  add(row: number, column: number, value: number): void {
    this.set(row, column, this.get(row, column) + value)
  }
}

/**
 * Lower-triangular L with L·Lᵀ = a. The prior adds its precision to every diagonal entry, so a
 * non-positive pivot can only mean corrupted input (numbers large enough to lose all precision).
 */
function cholesky(a: SquareMatrix): SquareMatrix {
  const n = a.size
  const l = new SquareMatrix(n)
  for (let j = 0; j < n; j++) {
    let pivot = a.get(j, j)
    for (let k = 0; k < j; k++) pivot -= l.get(j, k) ** 2
    if (!(pivot > 0)) throw new Error('Bradley–Terry fit: the negative Hessian is not positive-definite')
    const root = Math.sqrt(pivot)
    l.set(j, j, root)
    for (let i = j + 1; i < n; i++) {
      let sum = a.get(i, j)
      for (let k = 0; k < j; k++) sum -= l.get(i, k) * l.get(j, k)
      l.set(i, j, sum / root)
    }
  }
  return l
}

/** x with a·x = b, for symmetric positive-definite a. */
function solve(a: SquareMatrix, b: Float64Array): Float64Array {
  const l = cholesky(a)
  const n = a.size
  const y = new Float64Array(n)
  for (let i = 0; i < n; i++) {
    let sum = at(b, i)
    for (let k = 0; k < i; k++) sum -= l.get(i, k) * at(y, k)
    y[i] = sum / l.get(i, i)
  }
  const x = new Float64Array(n)
  for (let i = n - 1; i >= 0; i--) {
    let sum = at(y, i)
    for (let k = i + 1; k < n; k++) sum -= l.get(k, i) * at(x, k)
    x[i] = sum / l.get(i, i)
  }
  return x
}

/**
 * The diagonal of a⁻¹ without forming a⁻¹: with a = L·Lᵀ, (a⁻¹)ₖₖ is the squared length of column k
 * of L⁻¹, and that column is found by forward substitution on the unit vector eₖ.
 */
function inverseDiagonal(a: SquareMatrix): Float64Array {
  const l = cholesky(a)
  const n = a.size
  const diagonal = new Float64Array(n)
  const column = new Float64Array(n)
  for (let k = 0; k < n; k++) {
    let squares = 0
    for (let i = k; i < n; i++) {
      let sum = i === k ? 1 : 0
      for (let m = k; m < i; m++) sum -= l.get(i, m) * at(column, m)
      const value = sum / l.get(i, i)
      column[i] = value
      squares += value * value
    }
    diagonal[k] = squares
  }
  return diagonal
}

function largestAbs(values: Float64Array): number {
  let largest = 0
  for (const v of values) largest = Math.max(largest, Math.abs(v))
  return largest
}

// Indices here are always in range; this only satisfies noUncheckedIndexedAccess without assertions.
function at(values: Float64Array, index: number): number {
  return values[index] ?? 0
}
