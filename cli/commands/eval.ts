import { existsSync } from "node:fs";
import type { Command } from "commander";
import { CliError } from "../../core/errors.ts";
import { loadCodebook } from "../../pipeline/codebook/index.ts";
import {
  evaluate,
  formatReport,
  GoldDocSchema,
  type PredDoc,
  PredDocSchema,
  readJsonl,
} from "../../pipeline/eval/index.ts";
import { createTagger } from "../../pipeline/tag/index.ts";

interface EvalFlags {
  gold: string;
  pred?: string;
  json?: boolean;
  skipMissing?: boolean;
  codebook: string;
}

/** `framewatch eval`: scores predictions (or the tagger itself on the gold texts) against gold annotations. */
export function registerEval(program: Command): void {
  program
    .command("eval")
    .description("Score tags against gold annotations (guideline format): frames, recognitions, sources, claims")
    .requiredOption("--gold <file>", "gold JSONL in the annotation guideline's format")
    .option("--pred <file>", "predictions JSONL (default: tag the gold texts with --codebook)")
    .option(
      "--codebook <file>",
      "study codebook used when tagging the gold texts",
      "data/codebooks/venezuela-2024.yaml",
    )
    .option("--json", "print the report as JSON")
    .option("--skip-missing", "exit 0 with a message when the gold file does not exist")
    .action((flags: EvalFlags) => {
      if (!existsSync(flags.gold)) {
        if (flags.skipMissing) {
          process.stdout.write(
            `framewatch eval: gold file ${flags.gold} not found; skipping evaluation (--skip-missing)\n`,
          );
          return;
        }
        throw new CliError(`--gold ${flags.gold}: no such file`);
      }
      const gold = readJsonl(flags.gold, GoldDocSchema);
      let pred: PredDoc[];
      let frames: string[] | undefined;
      if (flags.pred) {
        pred = readJsonl(flags.pred, PredDocSchema);
      } else {
        const loaded = loadCodebook(flags.codebook);
        frames = loaded.codebook.frames.map((f) => f.id);
        const tagger = createTagger(loaded);
        pred = gold.map((g) => tagger.tag({ id: g.id, text: g.text, language: g.language }) as PredDoc);
      }
      const report = evaluate(gold, pred, { frames });
      process.stdout.write(flags.json ? `${JSON.stringify(report, null, 2)}\n` : `${formatReport(report)}\n`);
    });
}
