// Recent outcomes of one model, in a true rolling window: a full window drops its oldest sample, and
// every sample counts less as it ages (half its weight every HALF_LIFE_MS), so a model that got faster,
// or came back from an outage, is seen as it is now rather than as it was.

export const WINDOW_SIZE = 20
export const HALF_LIFE_MS = 10 * 60_000
const PRIOR_REQUESTS = 2
const PRIOR_SUCCESS = 0.9

export interface Sample {
  at: number
  ok: boolean
  /** Only for answers that arrived. */
  firstTokenMs: number | null
  tokensPerSecond: number | null
}

export interface WindowFigures {
  /** Weighted means over the samples that carry them; null: none does. */
  firstTokenMs: number | null
  tokensPerSecond: number | null
  /**
   * Weighted share of requests that answered. The prior (two requests' worth at 90%) is what most models
   * do, so an untried one starts near a healthy one rather than at a half that would bury it.
   */
  successRate: number
  samples: number
}

/** Figures a second apart differ by a thousandth of a half-life: they are reused within one. */
const REUSE_FIGURES_MS = 1_000
const DECAY_PER_MS = Math.LN2 / HALF_LIFE_MS

export class RollingWindow {
  private readonly samples: Sample[] = []
  private cached: { at: number; figures: WindowFigures } | null = null

  add(sample: Sample): void {
    this.samples.push(sample)
    this.cached = null
    if (this.samples.length > WINDOW_SIZE) this.samples.shift()
  }

  get size(): number {
    return this.samples.length
  }

  figures(now: number): WindowFigures {
    if (this.cached && Math.abs(now - this.cached.at) < REUSE_FIGURES_MS) return this.cached.figures
    const figures = this.compute(now)
    this.cached = { at: now, figures }
    return figures
  }

  private compute(now: number): WindowFigures {
    let ttft = 0
    let ttftWeight = 0
    let tps = 0
    let tpsWeight = 0
    let ok = PRIOR_REQUESTS * PRIOR_SUCCESS
    let all = PRIOR_REQUESTS
    for (const sample of this.samples) {
      const weight = Math.exp(-Math.max(0, now - sample.at) * DECAY_PER_MS)
      all += weight
      if (sample.ok) ok += weight
      if (sample.firstTokenMs !== null) {
        ttft += sample.firstTokenMs * weight
        ttftWeight += weight
      }
      if (sample.tokensPerSecond !== null) {
        tps += sample.tokensPerSecond * weight
        tpsWeight += weight
      }
    }
    return {
      firstTokenMs: ttftWeight > 0 ? ttft / ttftWeight : null,
      tokensPerSecond: tpsWeight > 0 ? tps / tpsWeight : null,
      successRate: ok / all,
      samples: this.samples.length,
    }
  }
}
