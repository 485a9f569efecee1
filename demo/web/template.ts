/**
 * A small Mustache subset for the demo web's per-outlet HTML templates (data/demo/templates/<outlet>/*.mustache):
 * `{{name}}` (HTML-escaped), `{{{name}}}` (raw), `{{#name}}…{{/name}}` (list, object or flag), `{{^name}}…{{/name}}`
 * (inverted), `{{> partial}}` (another file of the same outlet, `_partial.mustache`) and `{{! comment}}`. Names may be
 * dotted (`section.url`) and are looked up through the stack of enclosing sections, as in Mustache.
 */

type Node =
  | { kind: "text"; text: string }
  | { kind: "var"; name: string; raw: boolean }
  | { kind: "section"; name: string; inverted: boolean; children: Node[] }
  | { kind: "partial"; name: string };

export interface Template {
  nodes: Node[];
}

const TAG = /\{\{(\{?)\s*([#^/>!]?)\s*([^}]*?)\s*\}?\}\}/g;

/** Parses template text; throws with the template name on unbalanced sections. */
export function parseTemplate(source: string, name: string): Template {
  const root: Node[] = [];
  const stack: Array<{ name: string; children: Node[] }> = [{ name: "", children: root }];
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    const [whole, brace, sigil, tagName = ""] = match;
    const top = stack[stack.length - 1] as { name: string; children: Node[] };
    if (match.index > last) top.children.push({ kind: "text", text: source.slice(last, match.index) });
    last = match.index + whole.length;
    if (brace) top.children.push({ kind: "var", name: tagName, raw: true });
    else if (sigil === "#" || sigil === "^") {
      const children: Node[] = [];
      top.children.push({ kind: "section", name: tagName, inverted: sigil === "^", children });
      stack.push({ name: tagName, children });
    } else if (sigil === "/") {
      if (top.name !== tagName || stack.length === 1) throw new Error(`template ${name}: unexpected {{/${tagName}}}`);
      stack.pop();
    } else if (sigil === ">") top.children.push({ kind: "partial", name: tagName });
    else if (sigil !== "!") top.children.push({ kind: "var", name: tagName, raw: false });
  }
  if (stack.length > 1) throw new Error(`template ${name}: unclosed {{#${stack[stack.length - 1]?.name}}}`);
  if (last < source.length) root.push({ kind: "text", text: source.slice(last) });
  return { nodes: root };
}

/** Escapes text for HTML element content and double-quoted attribute values. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"]/g, (c) => (c === "&" ? "&amp;" : c === "<" ? "&lt;" : c === ">" ? "&gt;" : "&quot;"));
}

function lookup(stack: unknown[], name: string): unknown {
  if (name === ".") return stack[stack.length - 1];
  const [head = "", ...rest] = name.split(".");
  for (let i = stack.length - 1; i >= 0; i--) {
    const scope = stack[i];
    if (scope !== null && typeof scope === "object" && head in scope) {
      let value: unknown = (scope as Record<string, unknown>)[head];
      for (const key of rest) value = value !== null && typeof value === "object" ? (value as never)[key] : undefined;
      return value;
    }
  }
  return undefined;
}

function isTruthy(value: unknown): boolean {
  return Array.isArray(value) ? value.length > 0 : Boolean(value);
}

/** Renders a template against a view; `partials` resolves `{{> name}}`. Missing names render as empty text. */
export function renderTemplate(template: Template, view: unknown, partials: (name: string) => Template): string {
  const out: string[] = [];
  const walk = (nodes: Node[], stack: unknown[]): void => {
    for (const node of nodes) {
      if (node.kind === "text") out.push(node.text);
      else if (node.kind === "var") {
        const value = lookup(stack, node.name);
        const text = value === undefined || value === null || value === false ? "" : String(value);
        out.push(node.raw ? text : escapeHtml(text));
      } else if (node.kind === "partial") walk(partials(node.name).nodes, stack);
      else {
        const value = lookup(stack, node.name);
        if (node.inverted) {
          if (!isTruthy(value)) walk(node.children, stack);
        } else if (Array.isArray(value)) {
          for (const item of value) walk(node.children, [...stack, item]);
        } else if (isTruthy(value)) {
          walk(node.children, typeof value === "object" ? [...stack, value] : stack);
        }
      }
    }
  };
  walk(template.nodes, [view]);
  return out.join("");
}
