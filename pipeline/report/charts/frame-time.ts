import { chartFigure, type SiteFile, swatchLegend } from "../chart.ts";
import type { Column } from "../csv.ts";
import { type Html, html } from "../html.ts";
import { count, kindLabel, percent, stanceLabel } from "../labels.ts";
import { categoricalColors, FRAME_STANCES, STANCE_COLORS } from "../palette.ts";
import { countTicks, Plot, renderPlot } from "../plot.ts";
import type { FrameShareWeekRow, StudyInfo } from "../types.ts";
import { eventKey, eventMarks, eventsBetween, type NumberedEvent, utcDate } from "./events.ts";

/**
 * Frames over time with the study's key events as numbered rules: (1) articles per week carrying each frame, split by
 * stance (all outlets); (2) the weekly share per outlet kind, leaving out weeks where a kind has too few articles for
 * a share to mean anything.
 */

const PANEL_HEIGHT = 110;
/** Weeks with fewer articles of a kind are left out of the share chart (a share of 1 of 2 articles is noise). */
export const MIN_WEEK_ARTICLES = 5;
/** The share chart is drawn only when some outlet kind has this many weeks above the minimum (else: a message). */
export const MIN_WEEKS_PER_LINE = 3;

function weekBounds(week: string) {
  const x1 = utcDate(week);
  return { x1, x2: new Date(x1.getTime() + 7 * 86_400_000) };
}

function studyEvents(rows: readonly FrameShareWeekRow[], study: StudyInfo): NumberedEvent[] {
  const weeks = rows.map((r) => r.week).sort();
  const last = weeks[weeks.length - 1];
  return eventsBetween(study, weeks[0] ?? null, last ? weekBounds(last).x2.toISOString().slice(0, 10) : null);
}

/** Articles per week with each frame, stacked by stance, one panel per frame. */
export function frameStanceTimeChart(
  rows: readonly FrameShareWeekRow[],
  study: StudyInfo,
  root: string,
  files: SiteFile[],
): Html {
  const frameLabels = new Map(study.frames.map((f) => [f.id, f.label]));
  const frames = study.frames.map((f) => f.label);
  const byWeek = new Map<string, { week: string; frame: string; stance: string; n: number }>();
  for (const r of rows) {
    for (const stance of FRAME_STANCES) {
      const n = stance === "endorsed" ? r.nEndorsed : stance === "reported" ? r.nReported : r.nRejected;
      const key = `${r.week} ${r.frame} ${stance}`;
      const entry = byWeek.get(key) ?? { week: r.week, frame: r.frame, stance, n: 0 };
      entry.n += n;
      byWeek.set(key, entry);
    }
  }
  const data = [...byWeek.values()]
    .filter((d) => d.n > 0)
    .sort((a, b) => a.week.localeCompare(b.week) || a.frame.localeCompare(b.frame))
    .map((d) => ({ ...d, ...weekBounds(d.week), frameLabel: frameLabels.get(d.frame) ?? d.frame }));
  const events = studyEvents(rows, study);
  const stacks = new Map<string, number>();
  for (const d of data) stacks.set(`${d.week} ${d.frame}`, (stacks.get(`${d.week} ${d.frame}`) ?? 0) + d.n);
  const maxStack = Math.max(0, ...stacks.values());
  const title = "Frames over time";
  const reading =
    "Bars count the articles published each week in which a frame is present, split by the text's stance; numbered dashed lines mark the study's key events.";
  const svg =
    data.length === 0
      ? null
      : renderPlot(
          {
            height: 40 + frames.length * (PANEL_HEIGHT + 16),
            marginLeft: 50,
            marginRight: 140,
            marginTop: 34,
            x: { type: "utc", label: null },
            y: { label: "articles ↑", grid: true, ...countTicks(Math.min(3, maxStack)) },
            fy: { domain: frames, label: null, padding: 0.2 },
            color: { domain: [...FRAME_STANCES], range: FRAME_STANCES.map((s) => STANCE_COLORS[s]), legend: false },
            marks: [
              Plot.frame({ stroke: "#ddd" }),
              Plot.rectY(
                data,
                Plot.stackY({
                  x1: "x1",
                  x2: "x2",
                  y: "n",
                  fy: "frameLabel",
                  fill: "stance",
                  order: [...FRAME_STANCES],
                  inset: 0.5,
                  title: (d: (typeof data)[number]) =>
                    `${d.frameLabel}, week of ${d.week}: ${stanceLabel(d.stance)} in ${d.n} articles`,
                }),
              ),
              ...eventMarks(events, frames[0]),
              Plot.ruleY([0]),
            ],
          },
          title,
          reading,
        );
  const legend = html`${swatchLegend(
    FRAME_STANCES.map((s) => ({ label: stanceLabel(s), color: STANCE_COLORS[s] })),
    "Stance of the text",
  )}${eventKey(events)}`;
  const columns: Column<(typeof data)[number]>[] = [
    { key: "week", label: "Week starting", value: (d) => d.week },
    { key: "frame", label: "Frame", value: (d) => d.frame },
    { key: "stance", label: "Stance", value: (d) => d.stance },
    { key: "n_articles", label: "Articles", value: (d) => d.n },
  ];
  const articles = new Map(rows.map((r) => [`${r.week} ${r.outletKind}`, r.nArticles]));
  return chartFigure(
    {
      id: "frames-over-time",
      title,
      reading,
      n: `n = ${count([...articles.values()].reduce((a, b) => a + b, 0))} tagged articles over ${count(new Set(rows.map((r) => r.week)).size)} weeks`,
      svg,
      legend,
      columns,
      rows: data,
      empty: "No dated articles yet.",
    },
    root,
    files,
  );
}

/** Weekly share of each outlet kind's articles with the frame, one panel per frame, one line per kind. */
export function frameKindTimeChart(
  rows: readonly FrameShareWeekRow[],
  study: StudyInfo,
  root: string,
  files: SiteFile[],
  minArticles = MIN_WEEK_ARTICLES,
): Html {
  const frameLabels = new Map(study.frames.map((f) => [f.id, f.label]));
  const frames = study.frames.map((f) => f.label);
  const kinds = [...new Set(rows.map((r) => r.outletKind))].sort();
  const colors = categoricalColors(kinds);
  const data = rows
    .filter((r) => r.nArticles >= minArticles)
    .map((r) => ({
      ...r,
      date: utcDate(r.week),
      kindLabel: kindLabel(r.outletKind),
      frameLabel: frameLabels.get(r.frame) ?? r.frame,
      share: r.nPresent / r.nArticles,
    }));
  const events = studyEvents(rows, study);
  const weeksPerKind = new Map<string, Set<string>>();
  for (const d of data) weeksPerKind.set(d.outletKind, (weeksPerKind.get(d.outletKind) ?? new Set()).add(d.week));
  const drawable = [...weeksPerKind.values()].some((weeks) => weeks.size >= MIN_WEEKS_PER_LINE);
  const title = "Frame shares over time, by outlet kind";
  const reading = `Each line is the weekly share of an outlet kind's articles in which the frame is present; weeks where a kind published fewer than ${minArticles} articles are left out.`;
  const svg = !drawable
    ? null
    : renderPlot(
        {
          height: 40 + frames.length * (PANEL_HEIGHT + 16),
          marginLeft: 50,
          marginRight: 140,
          marginTop: 34,
          x: { type: "utc", label: null },
          y: { domain: [0, 1], label: "share ↑", tickFormat: (d: number) => percent(d), ticks: 3, grid: true },
          fy: { domain: frames, label: null, padding: 0.2 },
          color: { domain: kinds.map(kindLabel), range: colors, legend: false },
          marks: [
            Plot.frame({ stroke: "#ddd" }),
            ...eventMarks(events, frames[0]),
            Plot.lineY(data, {
              x: "date",
              y: "share",
              fy: "frameLabel",
              stroke: "kindLabel",
              z: "kindLabel",
              strokeWidth: 1.5,
            }),
            Plot.dot(data, {
              x: "date",
              y: "share",
              fy: "frameLabel",
              fill: "kindLabel",
              r: 2.5,
              title: (d: (typeof data)[number]) =>
                `${d.kindLabel}, week of ${d.week}: ${d.frameLabel} in ${d.nPresent} of ${d.nArticles} articles`,
            }),
          ],
        },
        title,
        reading,
      );
  const legend = html`${swatchLegend(
    kinds.map((k, i) => ({ label: kindLabel(k), color: colors[i] ?? "#999" })),
    "Outlet kind",
  )}${eventKey(events)}`;
  const columns: Column<FrameShareWeekRow>[] = [
    { key: "week", label: "Week starting", value: (d) => d.week },
    { key: "outlet_kind", label: "Outlet kind", value: (d) => d.outletKind },
    { key: "frame", label: "Frame", value: (d) => d.frame },
    { key: "n_articles", label: "Articles", value: (d) => d.nArticles },
    { key: "n_present", label: "Present", value: (d) => d.nPresent },
    { key: "n_endorsed", label: "Endorsed", value: (d) => d.nEndorsed },
    { key: "n_reported", label: "Reported", value: (d) => d.nReported },
    { key: "n_rejected", label: "Rejected", value: (d) => d.nRejected },
  ];
  return chartFigure(
    {
      id: "frame-shares-over-time",
      title,
      reading,
      n: `n = ${count(new Set(data.map((d) => `${d.week} ${d.outletKind}`)).size)} kind-weeks with at least ${minArticles} articles, of ${count(new Set(rows.map((r) => `${r.week} ${r.outletKind}`)).size)}`,
      svg,
      legend,
      columns,
      rows,
      empty: `Too few articles to compare shares over time: no outlet kind published ${minArticles} or more articles in ${MIN_WEEKS_PER_LINE} different weeks. The chart above counts every article.`,
    },
    root,
    files,
  );
}
