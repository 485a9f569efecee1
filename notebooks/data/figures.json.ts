// Data loader: the figures each outlet reported (one row per number in a claim), from the Parquet export.
import { emitJson } from "../query-export.ts";

await emitJson({
  figures: `
    SELECT outlet_name, outlet_kind, region(outlet_country) AS region, coalesce(kind, 'other') AS kind, published_day,
      number, evidence
    FROM reported_figures ORDER BY kind, outlet_name, published_day`,
  summary: `
    SELECT coalesce(kind, 'other') AS kind, outlet_name, count(*) AS n_numbers, median(number) AS median,
      min(number) AS min, max(number) AS max
    FROM reported_figures GROUP BY ALL ORDER BY kind, outlet_name`,
});
