import type { Next, PipelineRequest, Stage } from './events'

/** Stages in order, outermost first, ending in `last` (the provider call). */
export function compose(stages: readonly Stage[], last: Next): Next {
  return stages.reduceRight<Next>((next, stage) => (request: PipelineRequest) => stage(request, next), last)
}
