import { afterEach, describe, expect, it, vi } from "vitest";
import { createConcurrencyGate } from "~/utils/concurrency-gate";

/** A task that finishes only when told to, recording when it started. */
function controllable(started: string[], name: string) {
  let finish!: (value: string) => void;
  const done = new Promise<string>((resolve) => (finish = resolve));
  return {
    task: () => {
      started.push(name);
      return done;
    },
    finish: () => finish(name),
  };
}

const flush = () => new Promise<void>((resolve) => setImmediate(resolve));

afterEach(() => {
  vi.useRealTimers();
});

describe("concurrency gate", () => {
  it("never runs more than N tasks at once", async () => {
    const gate = createConcurrencyGate({ concurrency: 2, queueLimit: 100, waitMs: 60_000 });
    let now = 0;
    let most = 0;
    const task = async () => {
      now += 1;
      most = Math.max(most, now);
      await flush();
      await flush();
      now -= 1;
      return "done";
    };
    const outcomes = await Promise.all(Array.from({ length: 20 }, () => gate.run(task)));
    expect(outcomes.every((o) => o.ok && o.value === "done")).toBe(true);
    expect(most).toBe(2);
    expect(gate.running).toBe(0);
    expect(gate.waiting).toBe(0);
  });

  it("starts waiting tasks in the order they arrived", async () => {
    const gate = createConcurrencyGate({ concurrency: 1, queueLimit: 10, waitMs: 60_000 });
    const started: string[] = [];
    const tasks = ["a", "b", "c", "d"].map((name) => controllable(started, name));
    const runs = tasks.map((t) => gate.run(t.task));
    expect(started).toEqual(["a"]);
    expect(gate.waiting).toBe(3);
    // Finish out of order: the line still moves first come, first served.
    tasks[0]!.finish();
    await flush();
    expect(started).toEqual(["a", "b"]);
    tasks[3]!.finish();
    tasks[2]!.finish();
    tasks[1]!.finish();
    expect((await Promise.all(runs)).map((o) => (o.ok ? o.value : "busy"))).toEqual(["a", "b", "c", "d"]);
    expect(started).toEqual(["a", "b", "c", "d"]);
  });

  it("answers busy at once when the waiting line is full", async () => {
    const gate = createConcurrencyGate({ concurrency: 1, queueLimit: 2, waitMs: 60_000 });
    const started: string[] = [];
    const tasks = ["a", "b", "c", "d"].map((name) => controllable(started, name));
    expect(gate.full).toBe(false);
    const runs = tasks.map((t) => gate.run(t.task));
    expect(gate.full).toBe(true);
    expect(await runs[3]).toEqual({ ok: false, reason: "busy" });
    expect(gate.waiting).toBe(2);
    for (const t of tasks) t.finish();
    const outcomes = await Promise.all(runs);
    expect(outcomes.slice(0, 3).every((o) => o.ok)).toBe(true);
    expect(started).toEqual(["a", "b", "c"]); // the refused task never ran
  });

  it("answers busy to a task that waited too long, and forgets it", async () => {
    vi.useFakeTimers();
    const gate = createConcurrencyGate({ concurrency: 1, queueLimit: 5, waitMs: 1_000 });
    const started: string[] = [];
    const first = controllable(started, "first");
    const late = controllable(started, "late");
    const running = gate.run(first.task);
    const waiting = gate.run(late.task);
    expect(gate.waiting).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(await waiting).toEqual({ ok: false, reason: "busy" });
    expect(gate.waiting).toBe(0);
    first.finish();
    expect(await running).toEqual({ ok: true, value: "first" });
    expect(started).toEqual(["first"]);
    expect(gate.running).toBe(0);
  });

  it("lets patient work wait past the line's length and the time limit", async () => {
    vi.useFakeTimers();
    const gate = createConcurrencyGate({ concurrency: 1, queueLimit: 0, waitMs: 10 });
    const started: string[] = [];
    const first = controllable(started, "first");
    const trusted = controllable(started, "trusted");
    const running = gate.run(first.task);
    const patient = gate.run(trusted.task, { patient: true });
    expect(await gate.run(async () => "impatient")).toEqual({ ok: false, reason: "busy" });
    await vi.advanceTimersByTimeAsync(60_000);
    first.finish();
    await running;
    trusted.finish();
    expect(await patient).toEqual({ ok: true, value: "trusted" });
  });

  it("frees the place of a task that fails, and passes its error on", async () => {
    const gate = createConcurrencyGate({ concurrency: 1, queueLimit: 5, waitMs: 60_000 });
    const failing = gate.run(async () => {
      throw new Error("scrypt failed");
    });
    const next = gate.run(async () => "next");
    await expect(failing).rejects.toThrow("scrypt failed");
    expect(await next).toEqual({ ok: true, value: "next" });
    expect(gate.running).toBe(0);
  });

  it("refuses a gate that could never run anything", () => {
    expect(() => createConcurrencyGate({ concurrency: 0, queueLimit: 1, waitMs: 1 })).toThrow(RangeError);
  });
});
