// Preloaded into a server process by the bench (node --import bench/loop-monitor.mjs)
// to see why its slowest requests wait: how late the event loop runs (a
// monitorEventLoopDelay histogram), garbage-collection pauses (PerformanceObserver
// 'gc'), how busy the loop is, and how long compression runs on it (zlib's *Sync
// calls, timed). On SIGUSR2 it writes what it saw since the last SIGUSR2 to
// $BENCH_LOOP_STATS_FILE and starts counting again. Nothing in the shop knows of it.
import fs from "node:fs";
import { syncBuiltinESMExports } from "node:module";
import { constants, monitorEventLoopDelay, performance, PerformanceObserver } from "node:perf_hooks";
import zlib from "node:zlib";

const file = process.env.BENCH_LOOP_STATS_FILE;
if (file) {
  const delay = monitorEventLoopDelay({ resolution: 5 });
  delay.enable();
  const fresh = () => ({
    gc: { count: 0, totalMs: 0, maxMs: 0, major: 0, majorMs: 0 },
    compression: { calls: 0, totalMs: 0, maxMs: 0 },
    since: performance.now(),
    utilization: performance.eventLoopUtilization(),
  });
  let current = fresh();

  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      const gc = current.gc;
      gc.count += 1;
      gc.totalMs += entry.duration;
      gc.maxMs = Math.max(gc.maxMs, entry.duration);
      if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MAJOR) {
        gc.major += 1;
        gc.majorMs += entry.duration;
      }
    }
  }).observe({ entryTypes: ["gc"] });

  for (const name of ["gzipSync", "brotliCompressSync", "deflateSync"]) {
    const original = zlib[name];
    zlib[name] = function timed(...args) {
      const start = performance.now();
      try {
        return original.apply(this, args);
      } finally {
        const ms = performance.now() - start;
        current.compression.calls += 1;
        current.compression.totalMs += ms;
        current.compression.maxMs = Math.max(current.compression.maxMs, ms);
      }
    };
  }
  syncBuiltinESMExports();

  let seq = 0;
  const ms = (ns) => Math.round((ns / 1e6) * 100) / 100;
  const round = (v) => Math.round(v * 100) / 100;
  process.on("SIGUSR2", () => {
    const seconds = (performance.now() - current.since) / 1000;
    const stats = {
      seq: (seq += 1),
      seconds: round(seconds),
      loopDelay: { p50Ms: ms(delay.percentile(50)), p99Ms: ms(delay.percentile(99)), maxMs: ms(delay.max), meanMs: ms(delay.mean) },
      loopUtilization: round(performance.eventLoopUtilization(current.utilization).utilization),
      gc: { ...current.gc, totalMs: round(current.gc.totalMs), maxMs: round(current.gc.maxMs), majorMs: round(current.gc.majorMs), shareOfTime: round(current.gc.totalMs / 1000 / seconds) },
      compression: { ...current.compression, totalMs: round(current.compression.totalMs), maxMs: round(current.compression.maxMs), shareOfTime: round(current.compression.totalMs / 1000 / seconds) },
      heapUsedMb: Math.round(process.memoryUsage().heapUsed / 2 ** 20),
    };
    fs.writeFileSync(`${file}.tmp`, JSON.stringify(stats));
    fs.renameSync(`${file}.tmp`, file);
    delay.reset();
    current = fresh();
  });
}
