// Renders take turns with the rest of the server. A page render (loaders and
// renderToString) runs to its end once started, and renders released together
// run back to back: 50 connections asking for pages with a cart kept the event
// loop busy for 50 renders at a stretch (the bench's loop delay: seconds), and
// every other request, a cached page included, waited behind all of them.
// Here renders are let through one per turn of the event loop (setImmediate),
// so between two renders node reads its sockets and answers what is cheap.

const waiting: (() => void)[] = [];
let scheduled = false;

function releaseOne() {
  scheduled = false;
  waiting.shift()?.();
  // After the released render's first step (a microtask queued behind it), so
  // what it queues goes first; an immediate queued while immediates run waits
  // for the next turn of the loop, after node has polled its sockets.
  queueMicrotask(() => {
    if (waiting.length > 0) schedule();
  });
}

function schedule() {
  if (scheduled) return;
  scheduled = true;
  setImmediate(releaseOne);
}

/** Resolves when it is this render's turn: at most one render starts per turn of the event loop. */
export function renderTurn(): Promise<void> {
  return new Promise((resolve) => {
    waiting.push(resolve);
    schedule();
  });
}

/** Renders waiting for their turn (for the bench and tests). */
export function rendersWaiting(): number {
  return waiting.length;
}
