// Data loader: frame presence and stance per week and per outlet group (region · kind), from the Parquet export.
import { emitJson } from "../query-export.ts";

await emitJson({
  weekly: `
    WITH tagged AS (
      SELECT version_id, week, region(outlet_country) || ' · ' || outlet_kind AS outlet_group
      FROM v_articles WHERE tagged AND week IS NOT NULL
    ),
    sizes AS (SELECT week, outlet_group, count(*) AS n_articles FROM tagged GROUP BY ALL)
    SELECT s.week, s.outlet_group, f.frame, s.n_articles,
      count(af.version_id) AS n_present,
      count(af.version_id) FILTER (WHERE af.stance = 'endorsed') AS n_endorsed,
      count(af.version_id) / s.n_articles AS share
    FROM sizes s CROSS JOIN codebook_frames f
    LEFT JOIN tagged t ON t.week = s.week AND t.outlet_group = s.outlet_group
    LEFT JOIN article_frames af ON af.version_id = t.version_id AND af.frame = f.frame
    GROUP BY s.week, s.outlet_group, f.frame, s.n_articles
    ORDER BY s.week, s.outlet_group, f.frame`,
  stances: `
    SELECT region(outlet_country) || ' · ' || outlet_kind AS outlet_group, frame, stance, count(*) AS n
    FROM v_frames GROUP BY ALL ORDER BY outlet_group, frame, stance`,
  frames: "SELECT frame, label FROM codebook_frames ORDER BY position",
  events: "SELECT date, label FROM events ORDER BY date",
});
