import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import type { Feature, FeatureCollection } from "geojson";
import { feature } from "topojson-client";
import type { GeometryCollection, Topology } from "topojson-specification";
import { chartFigure, type SiteFile, swatchLegend } from "../chart.ts";
import type { Column } from "../csv.ts";
import { type Html, html } from "../html.ts";
import { actorLabel, count, isOrganisation, numericCountryCode, plural, stanceLabel } from "../labels.ts";
import { BASE_MAP_FILL, BASE_MAP_STROKE, RECOGNITION_COLORS, RECOGNITION_STANCES } from "../palette.ts";
import { Plot, renderPlot } from "../plot.ts";
import type { RecognitionRow } from "../types.ts";

/**
 * World map of recognition statements as the coverage reports them: each country is filled with the stance most
 * articles attribute to it (ties: the first in the guideline's order); a ring marks countries reported with more than
 * one stance. Every country is drawn (grey without data). Organisations (EU, OAS, UN, …) are listed beside the map.
 */

/** world-atlas resolution: 110m keeps the SVG small (≈100 KB) and is enough at report width. */
export const WORLD_ATLAS_FILE = "world-atlas/countries-110m.json";
const ANTARCTICA = "010";

let world: FeatureCollection | null = null;

function worldFeatures(): FeatureCollection {
  if (!world) {
    const path = createRequire(import.meta.url).resolve(WORLD_ATLAS_FILE);
    const topology = JSON.parse(readFileSync(path, "utf8")) as Topology<{ countries: GeometryCollection }>;
    const collection = feature(topology, topology.objects.countries) as FeatureCollection;
    world = { ...collection, features: collection.features.filter((f) => String(f.id) !== ANTARCTICA) };
  }
  return world;
}

export interface ActorSummary {
  actor: string;
  name: string;
  organisation: boolean;
  dominant: string;
  stances: RecognitionRow[];
}

/** Groups the recognition matrix by actor; the dominant stance is the one reported in most articles. */
export function summariseActors(rows: readonly RecognitionRow[]): ActorSummary[] {
  const byActor = new Map<string, RecognitionRow[]>();
  for (const r of rows) byActor.set(r.actor, [...(byActor.get(r.actor) ?? []), r]);
  const order = (s: string) => {
    const i = (RECOGNITION_STANCES as readonly string[]).indexOf(s);
    return i < 0 ? RECOGNITION_STANCES.length : i;
  };
  return [...byActor.entries()]
    .map(([actor, stances]) => {
      const sorted = [...stances].sort((a, b) => b.nArticles - a.nArticles || order(a.stance) - order(b.stance));
      const first = sorted[0] as RecognitionRow;
      return {
        actor,
        name: actorLabel(actor, first.actorName),
        organisation: isOrganisation(actor, first.actorKind),
        dominant: first.stance,
        stances: [...stances].sort((a, b) => order(a.stance) - order(b.stance)),
      };
    })
    .sort((a, b) => a.name.localeCompare(b.name));
}

function stanceColor(stance: string): string {
  return RECOGNITION_COLORS[stance] ?? "#555";
}

export function recognitionMap(rows: readonly RecognitionRow[], root: string, files: SiteFile[]): Html {
  const actors = summariseActors(rows);
  const byNumeric = new Map<string, ActorSummary>();
  for (const a of actors) {
    if (a.organisation) continue;
    const numeric = numericCountryCode(a.actor);
    if (numeric) byNumeric.set(numeric, a);
  }
  const countries = worldFeatures();
  const withData = countries.features.filter((f) => byNumeric.has(String(f.id)));
  const several = withData.filter((f) => (byNumeric.get(String(f.id))?.stances.length ?? 0) > 1);
  const title = "Recognition of the result, as reported";
  const reading =
    "Countries are coloured by the stance the coverage most often attributes to them; a black ring marks countries reported with more than one stance; grey countries were not reported.";
  const summary = (f: Feature) => {
    const a = byNumeric.get(String(f.id));
    if (!a) return "";
    return `${a.name}: ${a.stances.map((s) => `${stanceLabel(s.stance)} (${plural(s.nArticles, "article")}, ${plural(s.nOutlets, "outlet")})`).join("; ")}`;
  };
  const svg = renderPlot(
    {
      width: 720,
      height: 360,
      margin: 4,
      projection: { type: "equal-earth", domain: { type: "Sphere" } },
      marks: [
        Plot.sphere({ fill: "#f6fbff", stroke: "#bbb" }),
        Plot.geo(countries, { fill: BASE_MAP_FILL, stroke: BASE_MAP_STROKE, strokeWidth: 0.5 }),
        Plot.geo(withData, {
          fill: (f: Feature) => stanceColor(byNumeric.get(String(f.id))?.dominant ?? ""),
          stroke: "#333",
          strokeWidth: 0.5,
          title: summary,
        }),
        Plot.dot(
          several,
          Plot.centroid({ r: 4, stroke: "black", strokeWidth: 1.5, fill: "white", fillOpacity: 0.6, title: summary }),
        ),
      ],
    },
    title,
    reading,
  );
  const present = RECOGNITION_STANCES.filter((s) => rows.some((r) => r.stance === s));
  const extra = [...new Set(rows.map((r) => r.stance))].filter(
    (s) => !(RECOGNITION_STANCES as readonly string[]).includes(s),
  );
  const legend = swatchLegend(
    [...present, ...extra]
      .map((s) => ({ label: stanceLabel(s), color: stanceColor(s) }))
      .concat([{ label: "not reported", color: BASE_MAP_FILL }]),
    "Stance attributed",
  );
  const organisations = actors.filter((a) => a.organisation);
  const aside = html`<aside class="orgs" aria-labelledby="orgs-title"><h4 id="orgs-title">Organisations</h4>${
    organisations.length === 0
      ? html`<p>No organisation was reported.</p>`
      : html`<ul>${organisations.map(
          (a) =>
            html`<li><strong>${a.name}</strong> ${a.stances.map(
              (s) =>
                html`<span class="tagpill"><svg width="10" height="10" aria-hidden="true"><rect width="10" height="10" fill="${stanceColor(s.stance)}"/></svg>${stanceLabel(s.stance)} (${plural(s.nOutlets, "outlet")})</span> `,
            )}</li>`,
        )}</ul>`
  }</aside>`;
  const columns: Column<RecognitionRow>[] = [
    { key: "actor", label: "Actor", value: (r) => r.actor },
    { key: "actor_name", label: "Name", value: (r) => actorLabel(r.actor, r.actorName) },
    { key: "actor_kind", label: "Kind", value: (r) => r.actorKind },
    { key: "stance", label: "Stance", value: (r) => r.stance },
    { key: "first_reported", label: "First reported", value: (r) => r.firstReported },
    { key: "n_articles", label: "Articles", value: (r) => r.nArticles },
    { key: "n_outlets", label: "Outlets", value: (r) => r.nOutlets },
  ];
  const nCountries = actors.length - organisations.length;
  return chartFigure(
    {
      id: "recognition-map",
      title,
      reading,
      n: `n = ${count(nCountries)} countries and ${count(organisations.length)} organisations in ${count(rows.reduce((a, r) => a + r.nArticles, 0))} article mentions`,
      svg: html`<div class="map-with-aside">${svg}${aside}</div>`,
      legend,
      columns,
      rows,
      empty: "No recognition statements were tagged.",
    },
    root,
    files,
  );
}
