// The provider's reported usage is the truth; our count is an estimate of it (exactly the model's
// tokenizer for OpenAI's families, a close one for the rest, and framing that differs by server).
// Each answer's reported input corrects later estimates for its model by a running ratio.
import type { Trace } from '../../../shared/types'

/** How far one answer moves the ratio, in log space: a few answers settle it, one outlier cannot. */
const LEARNING = 0.3
const LOWEST = 0.5
const HIGHEST = 3

/** At start, the ratios are learnt again from this long back in the traces. */
export const CALIBRATION_SEED_MS = 7 * 24 * 3_600_000
export const CALIBRATION_SEED_LIMIT = 500

export class TokenCalibration {
  private readonly ratios = new Map<string, number>()

  /** Learns from traces kept before (newest first, as the trace store reads them). */
  seed(traces: readonly Trace[]): void {
    for (let index = traces.length - 1; index >= 0; index -= 1) this.observe(traces[index] as Trace)
  }

  /** Our count, corrected for the model by what its provider reported before. */
  apply(providerId: string, model: string, tokens: number): number {
    const ratio = this.ratios.get(key(providerId, model)) ?? 1
    return Math.ceil(tokens * ratio)
  }

  ratio(providerId: string, model: string): number {
    return this.ratios.get(key(providerId, model)) ?? 1
  }

  /** A finished request: its reported input against what we counted (already corrected) for it. */
  observe(trace: Trace): void {
    const counted = trace.context?.inputTokens
    if (
      trace.purpose !== 'answer' ||
      trace.cacheHit ||
      trace.tokensEstimated ||
      !trace.providerId ||
      !trace.model ||
      !counted ||
      !trace.tokensIn
    )
      return
    const name = key(trace.providerId, trace.model)
    const before = this.ratios.get(name) ?? 1
    const after = before * (trace.tokensIn / counted) ** LEARNING
    this.ratios.set(name, Math.min(HIGHEST, Math.max(LOWEST, after)))
  }
}

function key(providerId: string, model: string): string {
  return `${providerId} ${model}`
}
