import { type Html, html } from "./html.ts";
import type { StudyInfo } from "./types.ts";

/** The page shell: one stylesheet, a skip link, the site navigation, headings, and no external resources. */

export const NAV: readonly { path: string; label: string }[] = [
  { path: "index.html", label: "Overview" },
  { path: "frames.html", label: "Frames" },
  { path: "recognition.html", label: "Recognition" },
  { path: "sources.html", label: "Sources" },
  { path: "claims.html", label: "Claims" },
  { path: "outlets.html", label: "Outlets" },
  { path: "articles.html", label: "Articles" },
];

export interface PageShell {
  /** Path of the page relative to the site root, e.g. "frames.html" or "articles/ab/ab12….html". */
  path: string;
  title: string;
  study: StudyInfo;
  body: Html;
  /** Scripts (site-relative paths) loaded at the end of the body. */
  scripts?: string[];
  /** Which nav entry is current (defaults to the page path). */
  section?: string;
}

/** "../" repeated for each folder level of a site-relative path, so pages work from file:// and any server path. */
export function rootOf(path: string): string {
  return "../".repeat(path.split("/").length - 1);
}

export function page(shell: PageShell): string {
  const root = rootOf(shell.path);
  const current = shell.section ?? shell.path;
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="generator" content="framewatch">
<title>${shell.title} · ${shell.study.title}</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="${root}assets/style.css">
</head>
<body>
<a class="skip" href="#main">Skip to content</a>
<header class="site">
<p class="study"><a href="${root}index.html">framewatch</a> · ${shell.study.title}</p>
<nav aria-label="Report sections"><ul>${NAV.map(
    (n) =>
      html`<li><a href="${root}${n.path}"${n.path === current ? html` aria-current="page"` : ""}>${n.label}</a></li>`,
  )}</ul></nav>
</header>
<main id="main">
<h1>${shell.title}</h1>
${shell.body}
</main>
<footer class="site"><p>Built by framewatch from codebook <code>${shell.study.fingerprint}</code>. framewatch measures what texts say, not what is true.</p></footer>
${(shell.scripts ?? []).map((s) => html`<script src="${root}${s}"></script>`)}
</body>
</html>
`.value;
}
