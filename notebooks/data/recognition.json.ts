// Data loader: recognition statements by actor and by reporting outlet, from the Parquet export.
import { emitJson } from "../query-export.ts";

await emitJson({
  matrix: "SELECT actor, actor_name, actor_kind, stance, first_reported, n_articles, n_outlets FROM recognition_matrix",
  byOutlet: `
    SELECT e.actor_name, e.stance, e.outlet_name, o.kind AS outlet_kind, count(DISTINCT e.article_id) AS n_articles
    FROM recognition_evidence e LEFT JOIN outlets o USING (outlet_id)
    GROUP BY ALL ORDER BY e.actor_name, e.outlet_name`,
  evidence: `
    SELECT actor_name, stance, outlet_name, published_day, evidence, url
    FROM recognition_evidence ORDER BY published_day, actor_name LIMIT 60`,
});
