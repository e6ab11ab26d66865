// Call route loaders and actions directly, the way Remix would.
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";

const ORIGIN = "http://shop.test";

export function formRequest(
  path: string,
  fields: Record<string, string | string[]> | [string, string][],
  options: { cookie?: string | null; headers?: Record<string, string> } = {},
): Request {
  const body = new URLSearchParams();
  const entries = Array.isArray(fields) ? fields : Object.entries(fields);
  for (const [key, value] of entries) {
    for (const v of Array.isArray(value) ? value : [value]) body.append(key, v);
  }
  return new Request(ORIGIN + path, {
    method: "POST",
    body,
    headers: {
      "Content-Type": "application/x-www-form-urlencoded",
      Origin: ORIGIN,
      ...(options.cookie ? { Cookie: options.cookie } : {}),
      ...options.headers,
    },
  });
}

export function getRequest(path: string, options: { cookie?: string | null; headers?: Record<string, string> } = {}) {
  return new Request(ORIGIN + path, {
    headers: { ...(options.cookie ? { Cookie: options.cookie } : {}), ...options.headers },
  });
}

type Params = Record<string, string>;

/** Run a loader or action; a thrown Response is returned rather than thrown. */
export async function run(
  fn: (args: LoaderFunctionArgs | ActionFunctionArgs) => unknown,
  request: Request,
  params: Params = {},
): Promise<Response> {
  try {
    const result = await fn({ request, params, context: { nonce: "test", clientAddress: "127.0.0.1" } } as LoaderFunctionArgs);
    if (result instanceof Response) return result;
    return new Response(JSON.stringify(result), { status: 200, headers: { "Content-Type": "application/json" } });
  } catch (thrown) {
    if (thrown instanceof Response) return thrown;
    throw thrown;
  }
}

/** The cookie pair ("name=value") a response sets, for the next request. */
export function cookieFrom(response: Response, name = "cart"): string | null {
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(";", 1)[0]!;
    if (pair.startsWith(`${name}=`)) return pair;
  }
  return null;
}
