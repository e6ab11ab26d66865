import { describe, expect, it } from "vitest";
import { renderTurn, rendersWaiting } from "~/http/render-turns";

describe("renders take turns with the rest of the event loop", () => {
  it("lets one render through per turn, in arrival order, with other callbacks run between them", async () => {
    const events: string[] = [];
    const renders = [1, 2, 3].map((n) =>
      renderTurn().then(() => {
        events.push(`render ${n}`);
        // Something else (a socket's callback, a cached page) queued during this render.
        setImmediate(() => events.push(`after render ${n}`));
      }),
    );
    expect(rendersWaiting()).toBe(3);
    await Promise.all(renders);
    await new Promise((resolve) => setImmediate(resolve));
    expect(events).toEqual(["render 1", "after render 1", "render 2", "after render 2", "render 3", "after render 3"]);
    expect(rendersWaiting()).toBe(0);
  });
});
