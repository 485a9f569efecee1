/**
 * Safe HTML building. Every string that reaches a page may come from the web (titles, evidence, outlet names), so
 * the `html` template escapes every interpolated value unless it is already `Html` (built by this module). Code that
 * never concatenates raw strings into markup cannot forget to escape.
 */

/** Markup that is already safe to emit as-is. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

export type HtmlValue = Html | string | number | boolean | null | undefined | readonly HtmlValue[];

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };

/** Escapes text for element content and quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c] ?? c);
}

function render(value: HtmlValue): string {
  if (value instanceof Html) return value.value;
  if (value === null || value === undefined || value === false) return "";
  if (Array.isArray(value)) return value.map(render).join("");
  return escapeHtml(String(value));
}

/** Tagged template: literal parts are trusted markup, interpolations are escaped (arrays are concatenated). */
export function html(strings: TemplateStringsArray, ...values: HtmlValue[]): Html {
  let out = strings[0] ?? "";
  for (let i = 0; i < values.length; i++) out += render(values[i]) + (strings[i + 1] ?? "");
  return new Html(out);
}

/** Trusts markup produced elsewhere by our own code (Plot SVG serialised by linkedom, which escapes text). */
export function raw(markup: string): Html {
  return new Html(markup);
}

/** Joins fragments with a separator (escaped like any other value). */
export function join(parts: readonly HtmlValue[], separator: HtmlValue = ""): Html {
  return new Html(parts.map(render).join(render(separator)));
}

/**
 * An href for a URL found on the web: only http(s) URLs become links; anything else (javascript:, data:) is refused
 * so that a crafted article URL cannot run script when clicked.
 */
export function safeExternalUrl(url: string | null | undefined): string | null {
  if (!url) return null;
  try {
    const parsed = new URL(url);
    return parsed.protocol === "http:" || parsed.protocol === "https:" ? parsed.href : null;
  } catch {
    return null;
  }
}

/** An external link (opens nothing automatically, leaks no referrer), or plain text when the URL is not http(s). */
export function externalLink(url: string | null | undefined, text?: string): Html {
  const href = safeExternalUrl(url);
  const label = text ?? url ?? "";
  if (!href) return html`<span class="url">${label}</span>`;
  return html`<a class="external" href="${href}" rel="noopener noreferrer nofollow">${label}</a>`;
}

/** JSON for a JS file or inline script: `<`, U+2028/2029 escaped so it can never close a script element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value)
    .replace(/</g, "\\u003c")
    .replace(/\u2028/g, "\\u2028")
    .replace(/\u2029/g, "\\u2029");
}
