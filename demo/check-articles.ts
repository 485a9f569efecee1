// Validates the demo articles and prints coverage against the demo's requirements.
// Usage: node --import tsx demo/check-articles.ts [files…]
import {
  DEMO_ARTICLES_DIR,
  FRAME_STANCES,
  FRAMES,
  loadDemoArticles,
  loadOutletArticles,
  RECOGNITION_STANCES,
  SOURCE_TYPES,
} from "./articles.ts";

const files = process.argv.slice(2);
const sets = files.length > 0 ? files.map((f) => loadOutletArticles(f)) : loadDemoArticles(DEMO_ARTICLES_DIR);
const combos = new Set<string>();
const actors = new Set<string>();
const recStances = new Set<string>();
const sourceTypes = new Set<string>();
let onTopic = 0;
let offTopic = 0;
let claimsWithNumbers = 0;
for (const set of sets) {
  for (const a of set.articles) {
    if (!a.topic) {
      offTopic++;
      continue;
    }
    onTopic++;
    for (const [f, s] of Object.entries(a.gold?.frames ?? {})) combos.add(`${f}:${s}`);
    for (const r of a.gold?.recognitions ?? []) {
      actors.add(r.actor);
      recStances.add(r.stance);
    }
    for (const s of a.gold?.sources ?? []) sourceTypes.add(s.type);
    claimsWithNumbers += (a.gold?.claims ?? []).filter((c) => c.numbers.length > 0).length;
  }
}
const missingCombos = FRAMES.flatMap((f) => FRAME_STANCES.map((s) => `${f}:${s}`)).filter((c) => !combos.has(c));
console.log(`outlets ${sets.length}, on-topic ${onTopic}, off-topic ${offTopic}`);
console.log(`frame×stance missing: ${missingCombos.join(", ") || "none"}`);
console.log(`recognition actors ${actors.size}: ${[...actors].sort().join(" ")}`);
console.log(
  `recognition stances missing: ${RECOGNITION_STANCES.filter((s) => !recStances.has(s)).join(", ") || "none"}`,
);
console.log(`source types missing: ${SOURCE_TYPES.filter((s) => !sourceTypes.has(s)).join(", ") || "none"}`);
console.log(`claims with numbers: ${claimsWithNumbers}`);
