// What the server does once at start and then every minute in the background.
import { deleteExpiredCarts } from "~/models/cart.server";
import { adoptHoldoutSetting } from "~/models/experiments.server";
import { getHoldoutPercent } from "~/models/settings.server";
import { flushImpressions } from "~/models/suggestions.server";
import { queueLowStockDigests } from "~/services/low-stock.server";
import { releaseExpiredHolds } from "~/services/payments.server";
import { db } from "~/utils/db.server";
import { bootstrapOwner } from "../../db/create-owner";
import { seedIfEmpty } from "../../db/seed";

type Task = { name: string; run: () => unknown };

// Other flows register their periodic sweeps here (expired holds, event batches).
const periodicTasks: Task[] = [
  { name: "release expired stock holds", run: () => releaseExpiredHolds(Date.now()) },
  { name: "delete expired carts", run: () => deleteExpiredCarts(Date.now()) },
  { name: "write buffered suggestion impressions", run: flushImpressions },
  { name: "queue the daily low-stock digest", run: () => queueLowStockDigests(Date.now()) },
];
const shutdownTasks: Task[] = [{ name: "write buffered suggestion impressions", run: flushImpressions }];

export function registerPeriodicTask(task: Task) {
  periodicTasks.push(task);
}

export function registerShutdownTask(task: Task) {
  shutdownTasks.push(task);
}

function runAll(tasks: Task[]) {
  for (const task of tasks) {
    try {
      task.run();
    } catch (error) {
      console.error(`background task "${task.name}" failed`, error);
    }
  }
}

export async function runStartupTasks() {
  if (seedIfEmpty(db)) console.log("Seeded an empty database with the boutique catalog.");
  await bootstrapOwner();
  // Idempotent: the old holdout setting becomes the "Upsell holdout" experiment once.
  if (adoptHoldoutSetting(getHoldoutPercent())) console.log("The upsell holdout setting now runs as the experiment \"Upsell holdout\".");
  runAll(periodicTasks);
}

let timer: NodeJS.Timeout | null = null;

export function startBackgroundTasks(intervalMs = 60_000) {
  timer = setInterval(() => runAll(periodicTasks), intervalMs);
  timer.unref();
}

export function stopBackgroundTasks() {
  if (timer) clearInterval(timer);
  timer = null;
  runAll(shutdownTasks);
}
