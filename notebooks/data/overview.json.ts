// Data loader: what the export holds (articles per outlet, tagged share), for the notebooks' front page.
import { emitJson } from "../query-export.ts";

await emitJson({
  outlets: `
    SELECT o.outlet_id, o.name, o.country, o.kind, count(a.article_id) AS n_articles,
      count(a.article_id) FILTER (WHERE a.tagged) AS n_tagged, min(a.published_day) AS first_day,
      max(a.published_day) AS last_day
    FROM outlets o LEFT JOIN v_articles a USING (outlet_id) GROUP BY ALL ORDER BY n_articles DESC, o.outlet_id`,
  daily: "SELECT day, outlet_kind, sum(n_articles) AS n_articles FROM coverage_daily GROUP BY ALL ORDER BY day",
});
