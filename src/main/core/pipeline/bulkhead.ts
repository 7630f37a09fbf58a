// At most N requests in flight per provider; the rest wait in order, and each waiter hears how many
// are ahead of it as that changes. The queue is bounded: past it a request fails at once.

export interface Lane {
  active: number
  waiting: Waiter[]
}

interface Waiter {
  grant: () => void
  /** Called with the new number ahead whenever the queue moves. */
  moved: (ahead: number) => void
}

/** A request waiting for a slot. */
export interface QueuePlace {
  /** How many wait before it, when it joined. */
  ahead: number
  granted: Promise<void>
  onMove(listener: (ahead: number) => void): void
  leave(): void
}

export class Bulkheads {
  private readonly lanes = new Map<string, Lane>()

  constructor(
    private readonly limitFor: (providerId: string) => number,
    readonly maxQueued = 32,
  ) {}

  /** A slot now (null), or a place in the queue. Throws QueueFullError when the queue is full. */
  enter(providerId: string): QueuePlace | null {
    const lane = this.lane(providerId)
    // Nobody overtakes the queue, whatever the limit is now.
    if (lane.waiting.length === 0 && lane.active < this.limit(providerId)) {
      lane.active += 1
      return null
    }
    if (lane.waiting.length >= this.maxQueued) throw new QueueFullError(lane.waiting.length)
    let listener: (ahead: number) => void = () => {}
    let grant!: () => void
    const granted = new Promise<void>((resolve) => {
      grant = resolve
    })
    const waiter: Waiter = { grant, moved: (ahead) => listener(ahead) }
    let left = false
    lane.waiting.push(waiter)
    return {
      ahead: lane.waiting.length - 1,
      granted,
      onMove: (next) => {
        listener = next
      },
      // Gives up a place in the queue (a Stop while waiting); the others move up. A slot granted in
      // the same moment is handed on, not lost.
      leave: () => {
        if (left) return
        left = true
        const index = lane.waiting.indexOf(waiter)
        if (index < 0) return this.release(providerId)
        lane.waiting.splice(index, 1)
        this.announce(lane)
      },
    }
  }

  /**
   * Frees a slot. Under the limit (read afresh: the person may have changed it), waiters take slots in
   * order until it is reached again, and everyone behind moves up.
   */
  release(providerId: string): void {
    const lane = this.lane(providerId)
    lane.active = Math.max(0, lane.active - 1)
    let moved = false
    while (lane.waiting.length > 0 && lane.active < this.limit(providerId)) {
      lane.active += 1
      lane.waiting.shift()?.grant()
      moved = true
    }
    if (moved) this.announce(lane)
  }

  private limit(providerId: string): number {
    return Math.max(1, this.limitFor(providerId))
  }

  inFlight(providerId: string): number {
    return this.lanes.get(providerId)?.active ?? 0
  }

  private announce(lane: Lane): void {
    lane.waiting.forEach((waiter, index) => {
      waiter.moved(index)
    })
  }

  private lane(providerId: string): Lane {
    let lane = this.lanes.get(providerId)
    if (!lane) {
      lane = { active: 0, waiting: [] }
      this.lanes.set(providerId, lane)
    }
    return lane
  }
}

export class QueueFullError extends Error {
  constructor(readonly queued: number) {
    super(`${queued} requests are already waiting`)
  }
}
