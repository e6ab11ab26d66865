// The shop's email look: a message is a list of blocks, rendered once as plain
// text and once as HTML (a simple table layout with inline styles, which mail
// programs keep). Everything put into the HTML goes through escapeHtml here, so
// templates never build markup themselves.

export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

export type Block =
  | { kind: "p"; text: string }
  | { kind: "heading"; text: string }
  /** Items with prices: "2 × Harbour Tote, Sand … $240.00", a bundle saving under a line. */
  | { kind: "lines"; lines: { label: string; amount: string; note?: string | null }[] }
  /** Sums under the lines; the last one strong. */
  | { kind: "totals"; rows: { label: string; amount: string; strong?: boolean }[] }
  | { kind: "list"; title: string; items: string[] }
  | { kind: "address"; title: string; lines: string[] }
  /** A link shown as a button in HTML and as "label: url" in text. Only http(s) addresses become links. */
  | { kind: "link"; label: string; url: string };

export const SHOP_NAME = "Tote & Charm";
export const SIGN_OFF = "Questions? Reply to this email.";

const INK = "#231f1c";
const INK_SOFT = "#5b534c";
const LINE = "#e2d9cc";
const ACCENT = "#7a4b3a";
const PAPER = "#faf7f2";
const SANS = "system-ui, -apple-system, 'Segoe UI', Roboto, 'Helvetica Neue', Arial, sans-serif";
const SERIF = "Georgia, 'Palatino Linotype', Palatino, serif";

const HTML_ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

export function escapeHtml(value: string): string {
  return value.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

/** Only web addresses are linked; anything else (javascript:, data:) is shown as text. */
export function isWebUrl(url: string): boolean {
  return /^https?:\/\/[^\s"'<>]+$/i.test(url);
}

// ---------------------------------------------------------------- text

function textBlock(block: Block): string {
  switch (block.kind) {
    case "p":
      return block.text;
    case "heading":
      return block.text.toUpperCase();
    case "lines":
      return block.lines.map((l) => `  ${l.label}   ${l.amount}${l.note ? `\n      ${l.note}` : ""}`).join("\n");
    case "totals":
      return block.rows.map((r) => `${r.label}: ${r.amount}`).join("\n");
    case "list":
      return [`${block.title}`, ...block.items.map((i) => `  - ${i}`)].join("\n");
    case "address":
      return [`${block.title}`, ...block.lines.map((l) => `  ${l}`)].join("\n");
    case "link":
      return `${block.label}: ${block.url}`;
  }
}

function renderText(greeting: string, blocks: Block[]): string {
  return [greeting, ...blocks.map(textBlock), SIGN_OFF, `${SHOP_NAME}`].join("\n\n") + "\n";
}

// ---------------------------------------------------------------- HTML

const P = `margin:0 0 16px;font-family:${SANS};font-size:16px;line-height:1.55;color:${INK};`;
const CELL = `padding:8px 0;font-family:${SANS};font-size:15px;line-height:1.4;color:${INK};border-bottom:1px solid ${LINE};vertical-align:top;`;
const AMOUNT = `${CELL}text-align:right;white-space:nowrap;padding-left:16px;`;

function htmlBlock(block: Block): string {
  const e = escapeHtml;
  switch (block.kind) {
    case "p":
      return `<p style="${P}">${e(block.text)}</p>`;
    case "heading":
      return `<h2 style="margin:24px 0 8px;font-family:${SERIF};font-size:19px;font-weight:normal;color:${INK};">${e(block.text)}</h2>`;
    case "lines":
      return (
        `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 8px;">` +
        block.lines
          .map(
            (l) =>
              `<tr><td style="${CELL}">${e(l.label)}${
                l.note ? `<br><span style="color:${ACCENT};font-size:14px;">${e(l.note)}</span>` : ""
              }</td><td style="${AMOUNT}">${e(l.amount)}</td></tr>`,
          )
          .join("") +
        `</table>`
      );
    case "totals":
      return (
        `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="border-collapse:collapse;margin:0 0 20px;">` +
        block.rows
          .map((r) => {
            const weight = r.strong ? "font-weight:bold;font-size:17px;" : `color:${INK_SOFT};`;
            const cell = `padding:4px 0;font-family:${SANS};font-size:15px;${weight}`;
            return `<tr><td style="${cell}">${e(r.label)}</td><td style="${cell}text-align:right;white-space:nowrap;">${e(r.amount)}</td></tr>`;
          })
          .join("") +
        `</table>`
      );
    case "list":
      return (
        `<p style="${P}margin-bottom:4px;font-weight:bold;">${e(block.title)}</p>` +
        `<ul style="margin:0 0 16px;padding-left:20px;font-family:${SANS};font-size:15px;line-height:1.5;color:${INK};">` +
        block.items.map((i) => `<li>${e(i)}</li>`).join("") +
        `</ul>`
      );
    case "address":
      return (
        `<p style="${P}margin-bottom:4px;font-weight:bold;">${e(block.title)}</p>` +
        `<p style="${P}color:${INK_SOFT};">${block.lines.map(e).join("<br>")}</p>`
      );
    case "link":
      if (!isWebUrl(block.url)) return `<p style="${P}">${e(block.label)}: ${e(block.url)}</p>`;
      return (
        `<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 20px;"><tr>` +
        `<td style="background:${ACCENT};border-radius:999px;">` +
        `<a href="${e(block.url)}" style="display:inline-block;padding:12px 22px;font-family:${SANS};font-size:15px;font-weight:bold;color:#ffffff;text-decoration:none;">${e(block.label)}</a>` +
        `</td></tr></table>`
      );
  }
}

function renderHtml(subject: string, greeting: string, blocks: Block[]): string {
  return (
    `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">` +
    `<title>${escapeHtml(subject)}</title></head>` +
    `<body style="margin:0;padding:0;background:${PAPER};">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background:${PAPER};"><tr><td align="center" style="padding:24px 12px;">` +
    `<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;background:#ffffff;border:1px solid ${LINE};border-radius:14px;">` +
    `<tr><td style="padding:24px 28px 4px;font-family:${SERIF};font-size:26px;color:${ACCENT};">${escapeHtml(SHOP_NAME)}</td></tr>` +
    `<tr><td style="padding:16px 28px 12px;">` +
    `<p style="${P}">${escapeHtml(greeting)}</p>` +
    blocks.map(htmlBlock).join("") +
    `<p style="${P}">${escapeHtml(SIGN_OFF)}</p>` +
    `</td></tr></table>` +
    `<p style="margin:16px 0 0;font-family:${SANS};font-size:13px;color:${INK_SOFT};">${escapeHtml(SHOP_NAME)} · everyday totes and the charms that clip onto them</p>` +
    `</td></tr></table></body></html>`
  );
}

export function renderMessage(subject: string, greeting: string, blocks: Block[]): RenderedEmail {
  return { subject, text: renderText(greeting, blocks), html: renderHtml(subject, greeting, blocks) };
}
