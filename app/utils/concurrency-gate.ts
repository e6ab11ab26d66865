// Lets at most `concurrency` tasks run at once; the rest wait their turn in
// order (FIFO). A waiting line longer than `queueLimit`, or a wait longer than
// `waitMs`, answers "busy" instead of piling up work. Used for password
// hashing, where every running task holds 128 MiB outside the JS heap.

export type GateOutcome<T> = { ok: true; value: T } | { ok: false; reason: "busy" };

export type GateOptions = { concurrency: number; queueLimit: number; waitMs: number };

export type ConcurrencyGate = {
  /**
   * Run `task` when a place is free. `patient` waiters (trusted work, such as an
   * owner adding staff) are never turned away and never time out.
   */
  run<T>(task: () => Promise<T>, options?: { patient?: boolean }): Promise<GateOutcome<T>>;
  readonly running: number;
  readonly waiting: number;
  /** True when an impatient task would be answered busy at once. */
  readonly full: boolean;
};

const BUSY = { ok: false, reason: "busy" } as const;

export function createConcurrencyGate(options: GateOptions): ConcurrencyGate {
  if (!Number.isInteger(options.concurrency) || options.concurrency < 1) throw new RangeError("concurrency must be 1 or more");
  const queue: (() => void)[] = [];
  let running = 0;

  function startNext() {
    while (running < options.concurrency && queue.length > 0) queue.shift()!();
  }

  async function execute<T>(task: () => Promise<T>): Promise<GateOutcome<T>> {
    running += 1;
    try {
      return { ok: true, value: await task() };
    } finally {
      running -= 1;
      startNext();
    }
  }

  return {
    run<T>(task: () => Promise<T>, runOptions: { patient?: boolean } = {}): Promise<GateOutcome<T>> {
      if (running < options.concurrency && queue.length === 0) return execute(task);
      if (!runOptions.patient && queue.length >= options.queueLimit) return Promise.resolve(BUSY);
      return new Promise<GateOutcome<T>>((resolve, reject) => {
        let timer: ReturnType<typeof setTimeout> | null = null;
        const start = () => {
          if (timer) clearTimeout(timer);
          execute(task).then(resolve, reject);
        };
        if (!runOptions.patient) {
          timer = setTimeout(() => {
            const index = queue.indexOf(start);
            if (index >= 0) queue.splice(index, 1);
            resolve(BUSY);
          }, options.waitMs);
        }
        queue.push(start);
      });
    },
    get running() {
      return running;
    },
    get waiting() {
      return queue.length;
    },
    get full() {
      return running >= options.concurrency && queue.length >= options.queueLimit;
    },
  };
}
