import type { Command } from "commander";
import { CliError } from "../../core/errors.ts";
import { userAgentFor } from "../../crawlers/index.ts";
import { checkOutlets } from "../../crawlers/outlets-check.ts";
import { loadRegistry, type Outlet } from "../../crawlers/registry/index.ts";
import { positiveInt } from "../common.ts";

interface OutletsFlags {
  registry: string;
}

/** `framewatch outlets list|check`: the registry as a table, and a reachability check of its entry points. */
export function registerOutlets(program: Command): void {
  const outlets = program.command("outlets").description("inspect the outlet registry");
  outlets
    .command("list")
    .description("print the registry as a table, grouped by country and kind")
    .option("--registry <file>", "outlet registry", "data/outlets.yaml")
    .action((flags: OutletsFlags) => {
      process.stdout.write(`${formatOutletTable(loadRegistry(flags.registry).outlets)}\n`);
    });
  outlets
    .command("check")
    .description("check that every entry point resolves and answers (DNS + HEAD/GET, bounded, in parallel)")
    .option("--registry <file>", "outlet registry", "data/outlets.yaml")
    .option("--outlets <ids>", "comma-separated outlet ids (default: all)")
    .option("--concurrency <n>", "checks at once", positiveInt("--concurrency"), 8)
    .option("--timeout <ms>", "deadline per entry point", positiveInt("--timeout"), 15_000)
    .option("--contact <url-or-email>", "contact put in the User-Agent")
    .action(
      async (flags: OutletsFlags & { outlets?: string; concurrency: number; timeout: number; contact?: string }) => {
        const registry = loadRegistry(flags.registry);
        const ids = flags.outlets
          ?.split(",")
          .map((s) => s.trim())
          .filter(Boolean);
        const unknown = ids?.filter((id) => !registry.outlets.some((o) => o.id === id)) ?? [];
        if (unknown.length > 0) throw new CliError(`--outlets: unknown outlet id(s) ${unknown.join(", ")}`);
        const results = await checkOutlets(registry, {
          userAgent: userAgentFor(flags.contact),
          concurrency: flags.concurrency,
          timeoutMs: flags.timeout,
          outlets: ids,
        });
        const width = Math.max(...results.map((r) => r.outletId.length), 6);
        const lines = results.map(
          (r) =>
            `${r.ok ? "ok  " : "FAIL"}  ${r.outletId.padEnd(width)}  ${r.role.padEnd(8)}  ${r.url}  ${r.ok ? r.detail.replace(/^ok ?/, "") : r.detail}`,
        );
        const good = results.filter((r) => r.ok).length;
        const outletsOk = new Set(results.filter((r) => r.ok).map((r) => r.outletId)).size;
        const outletsTotal = new Set(results.map((r) => r.outletId)).size;
        lines.push(
          "",
          `${good} of ${results.length} entry points answer; ${outletsOk} of ${outletsTotal} outlets have at least one`,
        );
        if (good === 0 && results.every((r) => r.detail.startsWith("DNS")))
          lines.push("(no DNS at all: is this machine offline?)");
        process.stdout.write(`${lines.join("\n")}\n`);
        if (good < results.length) process.exitCode = 1;
      },
    );
}

/** The registry as a plain-text table sorted by country, kind and id. */
export function formatOutletTable(outlets: Outlet[]): string {
  const rows = [...outlets]
    .sort((a, b) => a.country.localeCompare(b.country) || a.kind.localeCompare(b.kind) || a.id.localeCompare(b.id))
    .map((o) => [
      o.country,
      o.kind,
      o.id,
      o.name,
      o.languages.join(","),
      `${o.discovery.feeds.length}/${o.discovery.sitemaps.length}/${o.discovery.sections.length}`,
      o.browser ? "yes" : "",
    ]);
  const header = ["country", "kind", "id", "name", "lang", "feeds/sitemaps/sections", "browser"];
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? "").length)));
  const line = (cells: string[]) =>
    cells
      .map((c, i) => c.padEnd(widths[i] ?? 0))
      .join("  ")
      .trimEnd();
  const byKind = new Map<string, number>();
  for (const o of outlets) byKind.set(o.kind, (byKind.get(o.kind) ?? 0) + 1);
  const totals = [...byKind]
    .sort()
    .map(([k, n]) => `${k} ${n}`)
    .join(", ");
  return [
    line(header),
    line(widths.map((w) => "-".repeat(w))),
    ...rows.map(line),
    "",
    `${outlets.length} outlets: ${totals}`,
  ].join("\n");
}
