/**
 * Per-host politeness: at most `maxConcurrency` requests in flight per host, at least `minDelayMs` between request
 * starts on a host, pauses after 429/503 (Retry-After), and a global cap. Work for a busy host waits in that host's
 * own queue, so a slow outlet never blocks the others (no head-of-line blocking).
 */
export interface HostLimits {
  maxConcurrency: number;
  minDelayMs: number;
}

interface Job {
  run: () => void;
  notBefore: number;
}

interface HostState {
  limits: HostLimits;
  active: number;
  nextStart: number;
  queue: Job[];
}

export class HostScheduler {
  private readonly hosts = new Map<string, HostState>();
  private active = 0;
  private timer: NodeJS.Timeout | null = null;
  private timerAt = Number.POSITIVE_INFINITY;
  private rotation = 0;
  private flushing = false;

  constructor(
    private readonly globalConcurrency: number,
    private readonly defaults: HostLimits,
  ) {}

  /** Sets a host's limits (e.g. from the registry's politeness or robots.txt Crawl-delay). */
  configure(host: string, limits: Partial<HostLimits>): void {
    const state = this.state(host);
    state.limits = { ...state.limits, ...limits };
  }

  limits(host: string): HostLimits {
    return this.state(host).limits;
  }

  /** Holds every further request to the host for `ms` (after 429/503). */
  pause(host: string, ms: number): void {
    const state = this.state(host);
    state.nextStart = Math.max(state.nextStart, Date.now() + ms);
  }

  /** Runs `fn` when the host has a free slot and its delay has passed (not before `notBefore`, epoch ms). */
  schedule<T>(host: string, fn: () => Promise<T>, notBefore = 0): Promise<T> {
    const state = this.state(host);
    return new Promise<T>((resolve, reject) => {
      state.queue.push({
        notBefore,
        run: () => {
          fn()
            .then(resolve, reject)
            .finally(() => {
              state.active -= 1;
              this.active -= 1;
              this.pump();
            });
        },
      });
      this.pump();
    });
  }

  /** Requests waiting for a slot. */
  get queued(): number {
    let n = 0;
    for (const state of this.hosts.values()) n += state.queue.length;
    return n;
  }

  get inFlight(): number {
    return this.active;
  }

  /**
   * Stops honouring delays (an aborted crawl): queued jobs start as soon as a slot is free, so they can see the abort
   * and return, instead of the crawl waiting out a long Retry-After.
   */
  flush(): void {
    this.flushing = true;
    this.pump();
  }

  /** Cancels the wake-up timer (end of a crawl). */
  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  private state(host: string): HostState {
    let state = this.hosts.get(host);
    if (!state) {
      state = { limits: { ...this.defaults }, active: 0, nextStart: 0, queue: [] };
      this.hosts.set(host, state);
    }
    return state;
  }

  private pump(): void {
    const now = this.flushing ? Number.POSITIVE_INFINITY : Date.now();
    let wake = Number.POSITIVE_INFINITY;
    const states = [...this.hosts.values()];
    let progressed = true;
    // Round-robin over hosts so each gets its turn while the global cap is the bottleneck.
    while (progressed && this.active < this.globalConcurrency) {
      progressed = false;
      for (let i = 0; i < states.length && this.active < this.globalConcurrency; i++) {
        const state = states[(this.rotation + i) % states.length];
        if (!state || state.queue.length === 0 || state.active >= state.limits.maxConcurrency) continue;
        if (state.nextStart > now) {
          wake = Math.min(wake, state.nextStart);
          continue;
        }
        const index = state.queue.findIndex((job) => job.notBefore <= now);
        if (index === -1) {
          for (const job of state.queue) wake = Math.min(wake, job.notBefore);
          continue;
        }
        const [job] = state.queue.splice(index, 1);
        state.active += 1;
        this.active += 1;
        state.nextStart = this.flushing ? 0 : now + state.limits.minDelayMs;
        progressed = true;
        job?.run();
      }
      this.rotation = (this.rotation + 1) % Math.max(states.length, 1);
    }
    if (wake !== Number.POSITIVE_INFINITY && wake < this.timerAt) {
      if (this.timer) clearTimeout(this.timer);
      this.timerAt = wake;
      this.timer = setTimeout(
        () => {
          this.timer = null;
          this.timerAt = Number.POSITIVE_INFINITY;
          this.pump();
        },
        Math.max(1, wake - Date.now()),
      );
    }
  }
}
