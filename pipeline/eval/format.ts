import type { EvalReport, GroupScore } from "./index.ts";

/** The eval report as Markdown tables (what `framewatch eval` prints and docs/tagger.md shows). */
export function formatReport(r: EvalReport): string {
  const f2 = (x: number) => x.toFixed(2);
  const lines: string[] = [];
  lines.push(`documents: ${r.documents}${r.missing.length ? ` (${r.missing.length} without prediction)` : ""}`, "");
  lines.push("| frame | P | R | F1 | MCC | stance acc. | tp/fp/fn/tn |", "|---|---|---|---|---|---|---|");
  for (const id of r.frameIds) {
    const f = r.frames[id];
    if (!f) continue;
    lines.push(
      `| ${id} | ${f2(f.precision)} | ${f2(f.recall)} | ${f2(f.f1)} | ${f2(f.mcc)} | ${f2(f.stanceAccuracy)} (${f.stanceCorrect}/${f.stanceTotal}) | ${f.tp}/${f.fp}/${f.fn}/${f.tn} |`,
    );
  }
  lines.push(
    `| **macro F1 / stance** | | | **${f2(r.framesMacroF1)}** | | **${f2(r.stance.accuracy)}** (${r.stance.correct}/${r.stance.total}) | |`,
    "",
  );
  lines.push("| family | P | R | F1 | tp/fp/fn | extra |", "|---|---|---|---|---|---|");
  const row = (
    name: string,
    p: { precision: number; recall: number; f1: number; tp: number; fp: number; fn: number },
    extra = "",
  ) => `| ${name} | ${f2(p.precision)} | ${f2(p.recall)} | ${f2(p.f1)} | ${p.tp}/${p.fp}/${p.fn} | ${extra} |`;
  lines.push(row("recognitions (actor, stance)", r.recognitions));
  lines.push(
    row(
      "sources (name)",
      r.sources,
      `type accuracy ${f2(r.sources.typeAccuracy)} (${r.sources.typeCorrect}/${r.sources.typeTotal})`,
    ),
  );
  lines.push(
    row(
      "claims (evidence overlap)",
      r.claims,
      `numbers exact on matched ${r.claims.numbersExact}/${r.claims.numbersTotal}`,
    ),
    "",
  );
  const groupTable = (title: string, groups: Record<string, GroupScore>) => {
    lines.push(
      `| ${title} | docs | frames macro F1 | ${r.frameIds.join(" | ")} | stance acc. | recognitions F1 | sources F1 | claims F1 |`,
    );
    lines.push(`|---|---|---|${r.frameIds.map(() => "---").join("|")}|---|---|---|---|`);
    for (const [k, g] of Object.entries(groups)) {
      const frames = r.frameIds.map((id) => (g.frameF1[id] == null ? "–" : f2(g.frameF1[id] as number))).join(" | ");
      lines.push(
        `| ${k} | ${g.documents} | ${f2(g.framesMacroF1)} | ${frames} | ${f2(g.stanceAccuracy)} | ${f2(g.recognitionsF1)} | ${f2(g.sourcesF1)} | ${f2(g.claimsF1)} |`,
      );
    }
    lines.push("");
  };
  groupTable("language", r.byLanguage);
  groupTable("leaning (gold)", r.byLeaning);
  return lines.join("\n");
}
