// Start the production build as a real process on an ephemeral port.
import { spawn, type ChildProcess } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";

export interface RunningShop {
  url: string;
  port: number;
  databaseFile: string;
  process: ChildProcess;
  output: () => string;
  stop: (signal?: NodeJS.Signals) => Promise<number | null>;
}

export function tempDatabaseFile(prefix = "shop-e2e-"): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), prefix)), "shop.sqlite");
}

export async function startShop(
  options: { databaseFile?: string; env?: Record<string, string>; port?: number } = {},
): Promise<RunningShop> {
  if (process.env.SHOP_BUILD_ERROR) throw new Error(`remix build failed:\n${process.env.SHOP_BUILD_ERROR}`);
  const databaseFile = options.databaseFile ?? tempDatabaseFile();
  const child = spawn(process.execPath, ["build/index.js"], {
    cwd: path.resolve(__dirname, "../.."),
    env: {
      PATH: process.env.PATH,
      HOME: process.env.HOME,
      NODE_ENV: "production",
      ALLOW_TEST_PAYMENTS: "1",
      SESSION_SECRET: "e2e-session-secret-at-least-32-characters",
      // Emails written as files land beside the database, not in the working tree.
      MAIL_DIR: path.join(path.dirname(databaseFile), "mail"),
      // Off unless a test asks for it: a line per request would only fill `output`.
      ACCESS_LOG: "0",
      ...options.env,
      DATABASE_URL: databaseFile,
      PORT: String(options.port ?? 0),
      HOST: "127.0.0.1",
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let output = "";
  child.stdout!.on("data", (d) => (output += d));
  child.stderr!.on("data", (d) => (output += d));

  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`shop did not start:\n${output}`)), 30_000);
    const check = () => {
      const match = /Shop listening on \S+ \(port (\d+)/.exec(output);
      if (match) {
        clearTimeout(timer);
        resolve(Number(match[1]));
      }
    };
    child.stdout!.on("data", check);
    child.on("exit", (code) => {
      clearTimeout(timer);
      reject(new Error(`shop exited with ${code}:\n${output}`));
    });
  });

  return {
    url: `http://127.0.0.1:${port}`,
    port,
    databaseFile,
    process: child,
    output: () => output,
    stop: (signal = "SIGTERM") =>
      new Promise((resolve) => {
        if (child.exitCode !== null) return resolve(child.exitCode);
        child.once("exit", (code) => resolve(code));
        child.kill(signal);
      }),
  };
}
