// Types for the dependency check's pure parts (used by tests/unit/check-deps.test.ts).
export const REMIX_FLOOR: string;
export const INDEPENDENT: Set<string>;
export function compareVersions(a: string, b: string): -1 | 0 | 1;
export function remixPackages(
  lock: { packages?: Record<string, { version: string }> },
  floor?: string,
): { name: string; path: string; version: string; independent: boolean; belowFloor: boolean }[];
export function summariseAudit(report: unknown): {
  counts: Record<"info" | "low" | "moderate" | "high" | "critical", number>;
  findings: { name: string; severity: string; range: string; advisories: string[]; fix: string }[];
};
export function failsAt(counts: Record<string, number>, level?: string): number;
