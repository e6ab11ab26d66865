// A shopper talking to a running shop over HTTP, keeping their own cookies.
// Uses node:http rather than fetch, which would rewrite Sec-Fetch-* headers.
import http from "node:http";

export interface ShopResponse {
  status: number;
  headers: Headers;
  text: () => Promise<string>;
  json: () => Promise<unknown>;
  clone: () => ShopResponse;
}

function send(url: URL, method: string, headers: Record<string, string>, body?: string): Promise<ShopResponse> {
  return new Promise((resolve, reject) => {
    const req = http.request(url, { method, headers: body ? { ...headers, "Content-Length": String(Buffer.byteLength(body)) } : headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        const text = Buffer.concat(chunks).toString("utf8");
        const h = new Headers();
        for (let i = 0; i < res.rawHeaders.length; i += 2) h.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
        const make = (): ShopResponse => ({
          status: res.statusCode ?? 0,
          headers: h,
          text: async () => text,
          json: async () => JSON.parse(text),
          clone: make,
        });
        resolve(make());
      });
    });
    req.on("error", reject);
    if (body) req.write(body);
    req.end();
  });
}

export class HttpShopper {
  private cookies = new Map<string, string>();

  constructor(private readonly baseUrl: string) {}

  get cookieHeader(): string {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }

  async request(path: string, init: { method?: string; form?: Record<string, string>; headers?: Record<string, string> } = {}) {
    const headers: Record<string, string> = {};
    if (this.cookies.size > 0) headers.Cookie = this.cookieHeader;
    let body: string | undefined;
    if (init.form) {
      body = new URLSearchParams(init.form).toString();
      headers["Content-Type"] = "application/x-www-form-urlencoded";
      // Like a browser submitting a form without JavaScript.
      headers["Sec-Fetch-Mode"] = "navigate";
    }
    Object.assign(headers, init.headers);
    const res = await send(new URL(this.baseUrl + path), init.method ?? (init.form ? "POST" : "GET"), headers, body);
    for (const header of res.headers.getSetCookie()) {
      const [pair, ...attributes] = header.split(";");
      const eq = pair!.indexOf("=");
      const name = pair!.slice(0, eq).trim();
      const value = pair!.slice(eq + 1).trim();
      const expired = attributes.some((a) => /max-age=0/i.test(a) || /expires=Thu, 01 Jan 1970/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
    return res;
  }

  post(path: string, form: Record<string, string>) {
    return this.request(path, { form });
  }

  get(path: string) {
    return this.request(path);
  }
}
