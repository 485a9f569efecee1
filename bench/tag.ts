/**
 * Tagger throughput and memory: 800-word articles generated from our own sentences in the seven languages (never
 * corpus text). Measures articles/s on one core and heap growth over a long run (target: flat).
 */
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";
import { loadCodebook } from "../pipeline/codebook/index.ts";
import { createTagger } from "../pipeline/tag/index.ts";
import type { BenchRow, BenchSuite } from "./types.ts";

const WORDS_PER_ARTICLE = 800;
const TARGET_RATE = 50;
/** Heap growth (MB) between the first and last quarter of the long run that still counts as flat. */
const FLAT_HEAP_MB = 30;

const SENTENCES: Record<string, string[]> = {
  en: [
    "The opposition said the election had been rigged and called for the publication of the tally sheets.",
    "Government officials described the protests as a coup attempt backed by foreign powers.",
    "According to human rights groups, more than 1,200 people were arrested in the first week.",
    "Brazil, Colombia and Mexico urged an impartial verification of the results, diplomats said.",
    "The electoral council announced that Maduro had won 51.2% of the vote on July 29.",
  ],
  es: [
    "La oposición denunció un fraude y exigió la publicación de las actas mesa por mesa.",
    "El gobierno calificó las protestas de golpe de Estado fascista financiado desde el exterior.",
    "Según organizaciones de derechos humanos, hubo 2.000 detenidos y 24 muertos.",
    "Argentina, Uruguay y Perú reconocieron a Edmundo González como presidente electo.",
  ],
  pt: [
    "A oposição afirmou que a eleição foi fraudada e pediu a divulgação das atas.",
    "O governo acusou a extrema direita de preparar um golpe de Estado com apoio estrangeiro.",
    "Segundo a ONG, 1.152 pessoas foram presas desde domingo, dois dias após a votação.",
  ],
  nl: [
    "Volgens de oppositie is er sprake van grootschalige fraude bij de telling.",
    "De regering sprak van een poging tot staatsgreep door extreemrechtse groepen.",
    "Honderden demonstranten werden opgepakt, meldde een mensenrechtenorganisatie.",
  ],
  fr: [
    "L'opposition dénonce une fraude massive et réclame la publication des procès-verbaux.",
    "Le président a évoqué une tentative de coup d'État orchestrée depuis l'étranger.",
    "Selon le parquet, plus de 1.000 personnes ont été interpellées et 77 policiers blessés.",
  ],
  de: [
    "Die Opposition spricht von Wahlbetrug und fordert die Veröffentlichung der Wahlprotokolle.",
    "Die Regierung warf der Opposition einen Putschversuch mit Unterstützung aus dem Ausland vor.",
    "Laut Menschenrechtlern wurden mehr als 2.000 Menschen festgenommen.",
  ],
  it: [
    "L'opposizione ha denunciato brogli e chiesto la pubblicazione dei verbali.",
    "Il governo ha parlato di un tentativo di colpo di stato sostenuto dall'estero.",
    "Secondo la Ong, gli arresti sono stati 1.152, di cui 101 minorenni.",
  ],
};

/** A deterministic article of about WORDS_PER_ARTICLE words in a language, varied by its index. */
function article(language: string, index: number): string {
  const pool = SENTENCES[language] ?? SENTENCES.en ?? [];
  const parts: string[] = [];
  let words = 0;
  let k = index;
  while (words < WORDS_PER_ARTICLE) {
    const sentence = pool[k % pool.length] ?? "";
    parts.push(k % 7 === 0 ? `${sentence}\n` : sentence);
    words += sentence.split(/\s+/).length;
    k += 3;
  }
  return `Article ${index}\n${parts.join(" ")}`;
}

export const suite: BenchSuite = async ({ quick }) => {
  const tagger = createTagger(loadCodebook());
  const languages = Object.keys(SENTENCES);
  const docs = languages.flatMap((lang) => Array.from({ length: 20 }, (_, i) => ({ lang, text: article(lang, i) })));
  for (const d of docs.slice(0, 14)) tagger.tag({ id: "warm", text: d.text, language: d.lang }); // compile per language

  // Per-core rate from the process's CPU time (the machine is shared; wall time would measure the neighbours).
  const n = quick ? 300 : 1500;
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  for (let i = 0; i < n; i++) {
    const d = docs[i % docs.length] as { lang: string; text: string };
    tagger.tag({ id: String(i), text: d.text });
  }
  const cpu = process.cpuUsage(cpu0);
  const rate = n / ((cpu.user + cpu.system) / 1e6);
  const wallRate = n / ((performance.now() - started) / 1000);

  setFlagsFromString("--expose-gc");
  const gc = runInNewContext("gc") as () => void;

  const total = quick ? 2000 : 10_000;
  const samples: number[] = [];
  for (let i = 0; i < total; i++) {
    const lang = languages[i % languages.length] as string;
    tagger.tag({ id: String(i), text: article(lang, i) });
    if (i % Math.floor(total / 20) === 0) {
      gc();
      samples.push(process.memoryUsage().heapUsed / 2 ** 20);
    }
  }
  const quarter = Math.max(1, Math.floor(samples.length / 4));
  const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
  const growth = mean(samples.slice(-quarter)) - mean(samples.slice(0, quarter));
  const rows: BenchRow[] = [
    {
      suite: "tag",
      measure: "throughput (800-word articles, language detected)",
      value: rate,
      unit: "articles/s",
      target: `≥ ${TARGET_RATE} articles/s`,
      met: rate >= TARGET_RATE,
      note: `${n} articles, 7 languages, CPU time; wall-clock ${wallRate.toFixed(0)}/s`,
    },
    {
      suite: "tag",
      measure: `heap growth over ${total} distinct articles`,
      value: growth,
      unit: "MB",
      target: `≤ ${FLAT_HEAP_MB} MB (flat)`,
      met: growth <= FLAT_HEAP_MB,
      note: `heap ${samples[0]?.toFixed(0)} → ${samples[samples.length - 1]?.toFixed(0)} MB`,
    },
  ];
  return rows;
};
