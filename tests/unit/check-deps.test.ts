// The dependency floor and audit summary of .ci/check-deps.mjs.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { compareVersions, failsAt, remixPackages, summariseAudit } from "../../.ci/check-deps.mjs";

describe("the Remix floor", () => {
  it("compares versions numerically, pre-releases before their release", () => {
    expect(compareVersions("2.17.3", "2.17.3")).toBe(0);
    expect(compareVersions("2.9.0", "2.17.3")).toBe(-1);
    expect(compareVersions("2.17.10", "2.17.3")).toBe(1);
    expect(compareVersions("2.17.3-pre.1", "2.17.3")).toBe(-1);
    expect(compareVersions("3.0.0", "2.17.3")).toBe(1);
  });

  it("flags any framework package below 2.17.3, nested copies too, and leaves independently versioned ones to the audit", () => {
    const lock = {
      packages: {
        "": { version: "0.0.0" },
        "node_modules/@remix-run/node": { version: "2.17.5" },
        "node_modules/@remix-run/react": { version: "2.17.2" },
        "node_modules/some-lib/node_modules/@remix-run/server-runtime": { version: "2.16.0" },
        "node_modules/@remix-run/router": { version: "1.23.3" },
        "node_modules/@remix-run/web-fetch": { version: "4.4.2" },
        "node_modules/remix-run-lookalike": { version: "1.0.0" },
      },
    };
    const found = remixPackages(lock);
    expect(found.filter((p) => p.belowFloor).map((p) => `${p.name}@${p.version}`)).toEqual([
      "@remix-run/react@2.17.2",
      "@remix-run/server-runtime@2.16.0",
    ]);
    expect(found.filter((p) => p.independent).map((p) => p.name)).toEqual(["@remix-run/router", "@remix-run/web-fetch"]);
  });

  it("holds for this project's package-lock.json", () => {
    const lock = JSON.parse(fs.readFileSync(path.resolve(__dirname, "../../package-lock.json"), "utf8"));
    const found = remixPackages(lock);
    expect(found.filter((p) => !p.independent).length).toBeGreaterThan(0);
    expect(found.filter((p) => p.belowFloor)).toEqual([]);
  });
});

describe("the audit summary", () => {
  const report = {
    metadata: { vulnerabilities: { info: 0, low: 1, moderate: 2, high: 0, critical: 1, total: 4 } },
    vulnerabilities: {
      cookie: {
        name: "cookie",
        severity: "low",
        range: "<0.7.0",
        via: [{ title: "cookie accepts out of bounds characters", url: "https://github.com/advisories/GHSA-pxg6-pf52-xh8x" }],
        fixAvailable: { name: "@remix-run/node", version: "2.17.5" },
      },
    },
  };

  it("counts by severity and says how to fix", () => {
    const { counts, findings } = summariseAudit(report);
    expect(counts).toEqual({ info: 0, low: 1, moderate: 2, high: 0, critical: 1 });
    expect(findings[0]).toMatchObject({ name: "cookie", fix: "@remix-run/node@2.17.5" });
    expect(findings[0]!.advisories[0]).toMatch(/GHSA-pxg6/);
  });

  it("fails on high and critical by default, lower when asked", () => {
    const { counts } = summariseAudit(report);
    expect(failsAt(counts)).toBe(1);
    expect(failsAt(counts, "moderate")).toBe(3);
    expect(failsAt({ info: 0, low: 3, moderate: 0, high: 0, critical: 0 })).toBe(0);
  });
});
