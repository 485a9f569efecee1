import type { SiteFile } from "./chart.ts";
import { type Html, html } from "./html.ts";
import { countryName, kindLabel } from "./labels.ts";
import { outletPath } from "./paths.ts";
import type { OutletInfo, ReportData, StudyInfo } from "./types.ts";

/** What every page builder gets: the study, outlets by id, and a list to add side files (CSV) to. */
export interface SiteContext {
  study: StudyInfo;
  outlets: Map<string, OutletInfo>;
  files: SiteFile[];
}

export interface BuiltPage {
  /** Site-relative path, e.g. "frames.html". */
  path: string;
  html: string;
}

export function siteContext(data: ReportData, study: StudyInfo): SiteContext {
  return { study, outlets: new Map(data.outlets.map((o) => [o.outletId, o])), files: [] };
}

export function outletName(ctx: SiteContext, outletId: string): string {
  return ctx.outlets.get(outletId)?.name ?? outletId;
}

/** A link to an outlet's page, from a page at `root`. */
export function outletLink(ctx: SiteContext, outletId: string, root: string): Html {
  return html`<a href="${root}${outletPath(outletId)}">${outletName(ctx, outletId)}</a>`;
}

/** "Venezuela · State media" for an outlet. */
export function outletProfileLine(o: OutletInfo): string {
  return `${countryName(o.country)} · ${kindLabel(o.kind)}`;
}
