// Temporary chats: made with an end (now + the Temporary chats setting), kept for good with Keep chat,
// and deleted the whole way (chat-purge.ts) once their end has passed. One timer waits for the next
// end; it is set again whenever a temporary chat is made or kept, and the sweep also runs at start, so
// a chat that expired while Roundtable was closed is gone before the page lists it.
import type { ChatSummary } from '../../../shared/types'
import { log } from '../log/log'
import { chatGone } from '../user-facing-error'

/** The time and the one timer, injectable so tests move the clock instead of waiting. */
export interface ExpiryClock {
  now(): number
  setTimer(run: () => void, ms: number): unknown
  clearTimer(timer: unknown): void
}

export const systemClock: ExpiryClock = {
  now: () => Date.now(),
  setTimer: (run, ms) => {
    const timer = setTimeout(run, ms)
    // Never what keeps the process alive.
    timer.unref?.()
    return timer
  },
  clearTimer: (timer) => clearTimeout(timer as ReturnType<typeof setTimeout>),
}

const HOUR_MS = 3_600_000
/**
 * The longest single wait: a timer cannot wait past about 24.8 days (it would fire at once), and a
 * computer that slept or had its clock changed is looked at again within the hour.
 */
export const MAX_WAIT_MS = HOUR_MS
/** After a chat could not be deleted (a full disk), when to try again. */
export const RETRY_MS = 60_000

/**
 * ROUNDTABLE_TEMPORARY_CHAT_TTL_MS, for tests of the web host: a whole number of ms from 1 s to a
 * day; anything else is ignored and the setting applies.
 */
export function temporaryChatTtlFromEnv(
  value: string | undefined,
): { temporaryChatTtlMs: number } | undefined {
  if (value === undefined || !/^\d{1,9}$/.test(value)) return undefined
  const ms = Number(value)
  return ms >= 1_000 && ms <= 24 * HOUR_MS ? { temporaryChatTtlMs: ms } : undefined
}

export interface TemporaryChatsDeps {
  store: {
    createChat(title?: string, ttlMs?: number | null): ChatSummary
    keepChat(chatId: string): ChatSummary | null
    expiredChats(now: number): string[]
    nextExpiry(): number | null
  }
  /** How long a new temporary chat lasts, in ms (the setting, unless a test shortens it). */
  ttlMs: () => number
  /**
   * Deletes a chat the whole way, its answers stopped first (ChatPurge.delete), if it is still expired
   * by `now` (not kept meanwhile); false when it was not deleted.
   */
  remove: (chatId: string, now: number) => Promise<boolean>
  /** The same at start, when nothing can be answering yet: at once (ChatPurge.deleteNow). */
  removeNow: (chatId: string, now: number) => boolean
  /** Tells the page(s) a chat went by itself. */
  onExpired: (chatId: string) => void
  clock?: ExpiryClock
}

export class TemporaryChats {
  private readonly clock: ExpiryClock
  private timer: unknown = null
  private sweeping: Promise<void> | null = null
  /** Asked to sweep while a sweep ran: it goes round once more. */
  private again = false
  private failed = false
  private stopped = false

  constructor(private readonly deps: TemporaryChatsDeps) {
    this.clock = deps.clock ?? systemClock
  }

  /**
   * Deletes what expired while Roundtable was closed, before the core answers any call (nothing is
   * answering yet), then waits for the next end.
   */
  start(): void {
    this.failed = false
    const now = this.clock.now()
    for (const chatId of this.expired(now)) {
      try {
        if (this.deps.removeNow(chatId, now)) this.deps.onExpired(chatId)
      } catch (error) {
        this.failed = true
        log.error('a temporary chat could not be deleted (will try again):', error)
      }
    }
    this.schedule()
  }

  create(temporary: boolean): ChatSummary {
    if (!temporary) return this.deps.store.createChat()
    const chat = this.deps.store.createChat(undefined, this.deps.ttlMs())
    this.schedule()
    return chat
  }

  /** Keep chat: the chat stays until the person deletes it. */
  keep(chatId: string): ChatSummary {
    const chat = this.deps.store.keepChat(chatId)
    if (!chat) throw chatGone()
    this.schedule()
    return chat
  }

  /** Deletes every temporary chat whose end has passed; resolves when done. */
  sweep(): Promise<void> {
    if (this.stopped) return Promise.resolve()
    if (this.sweeping) {
      this.again = true
      return this.sweeping
    }
    // Cleared in a callback, which always runs after this assignment (the sweep can finish at once).
    const sweeping = this.run().finally(() => {
      if (this.sweeping === sweeping) this.sweeping = null
      this.schedule()
    })
    this.sweeping = sweeping
    return sweeping
  }

  private async run(): Promise<void> {
    this.failed = false
    do {
      this.again = false
      const now = this.clock.now()
      for (const chatId of this.expired(now)) {
        if (this.stopped) return
        try {
          if (await this.deps.remove(chatId, now)) this.deps.onExpired(chatId)
        } catch (error) {
          this.failed = true
          log.error('a temporary chat could not be deleted (will try again):', error)
        }
      }
    } while (this.again && !this.stopped)
  }

  /** No more sweeps; waits for one under way. */
  async stop(): Promise<void> {
    this.stopped = true
    this.clearTimer()
    await this.sweeping
  }

  private expired(now: number): string[] {
    try {
      return this.deps.store.expiredChats(now)
    } catch (error) {
      this.failed = true
      log.error('could not read which temporary chats expired:', error)
      return []
    }
  }

  /** Sets the one timer for the next end (a sweep under way sets it when it finishes). */
  private schedule(): void {
    if (this.stopped || this.sweeping) return
    this.clearTimer()
    let next: number | null
    try {
      next = this.deps.store.nextExpiry()
    } catch (error) {
      log.error('could not read when the next temporary chat expires:', error)
      next = this.clock.now() + RETRY_MS
    }
    if (next === null) return
    const left = next - this.clock.now()
    const wait = left <= 0 ? (this.failed ? RETRY_MS : 0) : Math.min(left, MAX_WAIT_MS)
    this.timer = this.clock.setTimer(() => {
      this.timer = null
      void this.sweep()
    }, wait)
  }

  private clearTimer(): void {
    if (this.timer !== null) this.clock.clearTimer(this.timer)
    this.timer = null
  }
}
