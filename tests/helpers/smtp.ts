// A real SMTP server on loopback for email tests: keeps every message it
// accepts (parsed by mailparser) and can be told to answer "try again later".
import type { AddressInfo } from "node:net";
import { simpleParser, type ParsedMail } from "mailparser";
import { SMTPServer } from "smtp-server";

export interface TestMailServer {
  port: number;
  url: string;
  received: ParsedMail[];
  /** Messages refused so far. */
  refused: number;
  /** Refuse the next n messages with 451 (Infinity: until set back to 0). */
  refuseNext: (n: number) => void;
  close: () => Promise<void>;
}

export async function startMailServer(port = 0): Promise<TestMailServer> {
  let refusing = 0;
  const state: TestMailServer = {
    port: 0,
    url: "",
    received: [],
    refused: 0,
    refuseNext: (n) => {
      refusing = n;
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ["STARTTLS"],
    logger: false,
    onData(stream, _session, callback) {
      const chunks: Buffer[] = [];
      stream.on("data", (chunk: Buffer) => chunks.push(chunk));
      stream.on("end", () => {
        if (refusing > 0) {
          refusing -= 1;
          state.refused += 1;
          return callback(Object.assign(new Error("Mailbox busy, try again later"), { responseCode: 451 }));
        }
        simpleParser(Buffer.concat(chunks)).then(
          (mail) => {
            state.received.push(mail);
            callback();
          },
          (error: Error) => callback(error),
        );
      });
    },
  });
  await new Promise<void>((resolve, reject) => {
    server.server.once("error", reject);
    server.listen(port, "127.0.0.1", () => resolve());
  });
  state.port = (server.server.address() as AddressInfo).port;
  state.url = `smtp://127.0.0.1:${state.port}`;
  return state;
}

/** A loopback port with nothing listening on it (for now). */
export async function freePort(): Promise<number> {
  const server = await startMailServer();
  await server.close();
  return server.port;
}
