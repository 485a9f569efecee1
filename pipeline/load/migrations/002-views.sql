-- Views that answer the study's comparative questions directly. All of them use each article's latest version
-- (articles.latest_version_id) and join the outlet's metadata, so "state media vs national papers" is one GROUP BY.
-- Frame shares count tagged articles: an article whose latest version has not been tagged yet is left out of them.

-- @view v_articles: One row per distinct article (its latest version) with the outlet's metadata.
-- @column article_id: article id (articles.id)
-- @column version_id: the latest version (article_versions.version_id); tag tables join on it
-- @column outlet_id: outlet id
-- @column outlet_name: outlet display name
-- @column outlet_country: outlet country (ISO 3166-1 alpha-2)
-- @column outlet_kind: outlet kind (wire, state_media, national_paper, …)
-- @column url: canonical URL
-- @column title: headline
-- @column published_at: publication time
-- @column published_day: calendar day of publication as the outlet wrote it
-- @column week: Monday of the publication week
-- @column language: ISO 639-1 language
-- @column n_chars: length of the main text in characters
-- @column duplicate_of: id of an earlier article with the same text (republished copy), else NULL
-- @column tagged: whether the latest version has been tagged
-- @example Articles per outlet kind and language:
--   SELECT outlet_kind, language, count(*) AS n FROM v_articles GROUP BY ALL ORDER BY n DESC;
CREATE VIEW v_articles AS
SELECT
  a.id AS article_id,
  a.latest_version_id AS version_id,
  a.outlet_id,
  o.name AS outlet_name,
  o.country AS outlet_country,
  o.kind AS outlet_kind,
  a.url,
  a.title,
  a.published_at,
  a.published_date AS published_day,
  CAST(date_trunc('week', a.published_date) AS DATE) AS week,
  a.language,
  a.n_chars,
  a.duplicate_of,
  t.version_id IS NOT NULL AS tagged
FROM articles a
LEFT JOIN outlets o ON o.outlet_id = a.outlet_id
LEFT JOIN tagged_versions t ON t.version_id = a.latest_version_id;

-- @view v_frames: One row per article × frame present in its latest version, with the text's own stance.
-- @column article_id: article id
-- @column version_id: latest version id
-- @column outlet_id: outlet id
-- @column outlet_name: outlet display name
-- @column outlet_country: outlet country
-- @column outlet_kind: outlet kind
-- @column published_day: calendar day of publication
-- @column week: Monday of the publication week
-- @column frame: codebook frame id
-- @column stance: endorsed, reported or rejected
-- @example Articles endorsing the coup framing, by outlet:
--   SELECT outlet_name, count(*) AS n FROM v_frames
--   WHERE frame = 'coup_framing' AND stance = 'endorsed' GROUP BY ALL ORDER BY n DESC;
CREATE VIEW v_frames AS
SELECT a.id AS article_id, a.latest_version_id AS version_id, a.outlet_id, o.name AS outlet_name,
  o.country AS outlet_country, o.kind AS outlet_kind, a.published_date AS published_day,
  CAST(date_trunc('week', a.published_date) AS DATE) AS week, f.frame, f.stance
FROM article_frames f
JOIN articles a ON a.latest_version_id = f.version_id
LEFT JOIN outlets o ON o.outlet_id = a.outlet_id;

-- @view frame_share_by_outlet: Every outlet × every codebook frame (zeros included): how many tagged articles carry it.
-- @column outlet_id: outlet id
-- @column outlet_name: outlet display name
-- @column outlet_country: outlet country
-- @column outlet_kind: outlet kind
-- @column frame: codebook frame id
-- @column n_articles: tagged articles of the outlet (the denominator)
-- @column n_present: articles where the frame is present (any stance)
-- @column n_endorsed: articles that endorse the frame
-- @column n_reported: articles that report it (attributed to others)
-- @column n_rejected: articles that reject it
-- @column share_present: n_present / n_articles (NULL when the outlet has no tagged article)
-- @example Which outlets push the fraud narrative themselves:
--   SELECT outlet_name, outlet_kind, n_endorsed, n_articles, round(n_endorsed / n_articles, 2) AS share_endorsed
--   FROM frame_share_by_outlet WHERE frame = 'fraud_narrative' AND n_articles > 0 ORDER BY share_endorsed DESC;
CREATE VIEW frame_share_by_outlet AS
WITH all_outlets AS (
  SELECT outlet_id, name, country, kind FROM outlets
  UNION ALL
  SELECT DISTINCT a.outlet_id, NULL, NULL, NULL FROM articles a WHERE a.outlet_id NOT IN (SELECT outlet_id FROM outlets)
),
sizes AS (
  SELECT a.outlet_id, count(*) AS n_articles
  FROM articles a JOIN tagged_versions t ON t.version_id = a.latest_version_id GROUP BY a.outlet_id
),
hits AS (
  SELECT a.outlet_id, f.frame, count(*) AS n_present,
    count(*) FILTER (WHERE f.stance = 'endorsed') AS n_endorsed,
    count(*) FILTER (WHERE f.stance = 'reported') AS n_reported,
    count(*) FILTER (WHERE f.stance = 'rejected') AS n_rejected
  FROM article_frames f JOIN articles a ON a.latest_version_id = f.version_id
  GROUP BY a.outlet_id, f.frame
)
SELECT o.outlet_id, o.name AS outlet_name, o.country AS outlet_country, o.kind AS outlet_kind, cf.frame,
  coalesce(s.n_articles, 0) AS n_articles,
  coalesce(h.n_present, 0) AS n_present,
  coalesce(h.n_endorsed, 0) AS n_endorsed,
  coalesce(h.n_reported, 0) AS n_reported,
  coalesce(h.n_rejected, 0) AS n_rejected,
  CASE WHEN s.n_articles > 0 THEN coalesce(h.n_present, 0) / s.n_articles END AS share_present
FROM all_outlets o
CROSS JOIN codebook_frames cf
LEFT JOIN sizes s ON s.outlet_id = o.outlet_id
LEFT JOIN hits h ON h.outlet_id = o.outlet_id AND h.frame = cf.frame
ORDER BY o.outlet_id, cf.position;

-- @view frame_share_by_group: Frame shares per outlet country and per outlet kind (every group × every frame).
-- @column group_by: 'country' or 'kind'
-- @column group_value: the country code or outlet kind ('unknown' for outlets missing from the registry)
-- @column frame: codebook frame id
-- @column n_articles: tagged articles of the group
-- @column n_present: articles where the frame is present
-- @column n_endorsed: articles that endorse it
-- @column n_reported: articles that report it
-- @column n_rejected: articles that reject it
-- @column share_present: n_present / n_articles
-- @example Latin American state media vs European papers is one filter away:
--   SELECT group_value AS kind, frame, round(share_present, 2) AS share
--   FROM frame_share_by_group WHERE group_by = 'kind' ORDER BY frame, share DESC;
CREATE VIEW frame_share_by_group AS
WITH tagged AS (
  SELECT a.latest_version_id AS version_id, o.country AS outlet_country, o.kind AS outlet_kind
  FROM articles a JOIN tagged_versions t ON t.version_id = a.latest_version_id
  LEFT JOIN outlets o ON o.outlet_id = a.outlet_id
),
groups AS (
  SELECT 'country' AS group_by, coalesce(outlet_country, 'unknown') AS group_value, version_id FROM tagged
  UNION ALL
  SELECT 'kind' AS group_by, coalesce(outlet_kind, 'unknown') AS group_value, version_id FROM tagged
),
sizes AS (SELECT group_by, group_value, count(*) AS n_articles FROM groups GROUP BY group_by, group_value),
hits AS (
  SELECT g.group_by, g.group_value, f.frame, count(*) AS n_present,
    count(*) FILTER (WHERE f.stance = 'endorsed') AS n_endorsed,
    count(*) FILTER (WHERE f.stance = 'reported') AS n_reported,
    count(*) FILTER (WHERE f.stance = 'rejected') AS n_rejected
  FROM groups g JOIN article_frames f ON f.version_id = g.version_id
  GROUP BY g.group_by, g.group_value, f.frame
)
SELECT s.group_by, s.group_value, cf.frame, s.n_articles,
  coalesce(h.n_present, 0) AS n_present,
  coalesce(h.n_endorsed, 0) AS n_endorsed,
  coalesce(h.n_reported, 0) AS n_reported,
  coalesce(h.n_rejected, 0) AS n_rejected,
  coalesce(h.n_present, 0) / s.n_articles AS share_present
FROM sizes s
CROSS JOIN codebook_frames cf
LEFT JOIN hits h ON h.group_by = s.group_by AND h.group_value = s.group_value AND h.frame = cf.frame
ORDER BY s.group_by, s.group_value, cf.position;

-- @view frame_share_by_week: Frames per publication week and outlet kind (every week with articles × every frame).
-- @column week: Monday of the publication week
-- @column outlet_kind: outlet kind ('unknown' for outlets missing from the registry)
-- @column frame: codebook frame id
-- @column n_articles: tagged articles of that kind published that week
-- @column n_present: articles where the frame is present
-- @column n_endorsed: articles that endorse it
-- @column n_reported: articles that report it
-- @column n_rejected: articles that reject it
-- @column share_present: n_present / n_articles
-- @example The coup framing in state media, week by week:
--   SELECT week, n_present, n_articles FROM frame_share_by_week
--   WHERE outlet_kind = 'state_media' AND frame = 'coup_framing' ORDER BY week;
CREATE VIEW frame_share_by_week AS
WITH tagged AS (
  SELECT a.latest_version_id AS version_id, CAST(date_trunc('week', a.published_date) AS DATE) AS week,
    coalesce(o.kind, 'unknown') AS outlet_kind
  FROM articles a JOIN tagged_versions t ON t.version_id = a.latest_version_id
  LEFT JOIN outlets o ON o.outlet_id = a.outlet_id
  WHERE a.published_date IS NOT NULL
),
sizes AS (SELECT week, outlet_kind, count(*) AS n_articles FROM tagged GROUP BY week, outlet_kind),
hits AS (
  SELECT t.week, t.outlet_kind, f.frame, count(*) AS n_present,
    count(*) FILTER (WHERE f.stance = 'endorsed') AS n_endorsed,
    count(*) FILTER (WHERE f.stance = 'reported') AS n_reported,
    count(*) FILTER (WHERE f.stance = 'rejected') AS n_rejected
  FROM tagged t JOIN article_frames f ON f.version_id = t.version_id
  GROUP BY t.week, t.outlet_kind, f.frame
)
SELECT s.week, s.outlet_kind, cf.frame, s.n_articles,
  coalesce(h.n_present, 0) AS n_present,
  coalesce(h.n_endorsed, 0) AS n_endorsed,
  coalesce(h.n_reported, 0) AS n_reported,
  coalesce(h.n_rejected, 0) AS n_rejected,
  coalesce(h.n_present, 0) / s.n_articles AS share_present
FROM sizes s
CROSS JOIN codebook_frames cf
LEFT JOIN hits h ON h.week = s.week AND h.outlet_kind = s.outlet_kind AND h.frame = cf.frame
ORDER BY s.week, s.outlet_kind, cf.position;

-- @view recognition_matrix: Who was reported recognising whom: one row per actor × stance, over latest versions.
-- @column actor: ISO 3166-1 alpha-2 country or organisation code
-- @column actor_name: English name of the actor
-- @column actor_kind: country or organisation
-- @column stance: recognizes_maduro, recognizes_gonzalez, rejects_result or demands_verification
-- @column first_reported: earliest publication day of an article reporting it
-- @column n_articles: articles reporting it
-- @column n_outlets: outlets reporting it
-- @column outlets: ids of those outlets, sorted
-- @example Countries reported as recognising González, and by how many outlets:
--   SELECT actor_name, first_reported, n_outlets FROM recognition_matrix
--   WHERE stance = 'recognizes_gonzalez' ORDER BY first_reported;
CREATE VIEW recognition_matrix AS
SELECT r.actor, any_value(r.actor_name) AS actor_name, any_value(r.actor_kind) AS actor_kind, r.stance,
  min(a.published_date) AS first_reported,
  count(DISTINCT a.id) AS n_articles,
  count(DISTINCT a.outlet_id) AS n_outlets,
  list_sort(list(DISTINCT a.outlet_id)) AS outlets
FROM recognitions r
JOIN articles a ON a.latest_version_id = r.version_id
GROUP BY r.actor, r.stance
ORDER BY r.actor, r.stance;

-- @view recognition_evidence: Every recognition statement with the article and passage that reported it.
-- @column actor: country or organisation code
-- @column actor_name: English name of the actor
-- @column stance: recognition stance
-- @column article_id: article id
-- @column outlet_id: outlet id
-- @column outlet_name: outlet display name
-- @column published_day: calendar day of publication
-- @column title: headline
-- @column url: canonical URL
-- @column evidence: the passage (exact substring of the text)
-- @column rule: cue or rule id that produced it
-- @example How state media reported Brazil's position:
--   SELECT outlet_name, published_day, stance, evidence FROM recognition_evidence
--   JOIN outlets USING (outlet_id) WHERE actor = 'BR' AND kind = 'state_media' ORDER BY published_day;
CREATE VIEW recognition_evidence AS
SELECT r.actor, r.actor_name, r.stance, a.id AS article_id, a.outlet_id, o.name AS outlet_name,
  a.published_date AS published_day, a.title, a.url, r.evidence, r.rule
FROM recognitions r
JOIN articles a ON a.latest_version_id = r.version_id
LEFT JOIN outlets o ON o.outlet_id = a.outlet_id;

-- @view source_mix_by_outlet: Which kinds of sources each outlet cites (mentions per source type).
-- @column outlet_id: outlet id
-- @column outlet_name: outlet display name
-- @column outlet_kind: outlet kind
-- @column outlet_country: outlet country
-- @column type: source type of the codebook
-- @column n_sources: source mentions of this type
-- @column n_articles: articles citing at least one source of this type
-- @column share: n_sources / all source mentions of the outlet
-- @example Share of government sources per outlet:
--   SELECT outlet_name, type, round(share, 2) AS share FROM source_mix_by_outlet
--   WHERE type LIKE '%government%' ORDER BY outlet_name, share DESC;
CREATE VIEW source_mix_by_outlet AS
WITH counts AS (
  SELECT a.outlet_id, s.type, count(*) AS n_sources, count(DISTINCT a.id) AS n_articles
  FROM sources s JOIN articles a ON a.latest_version_id = s.version_id
  GROUP BY a.outlet_id, s.type
)
SELECT c.outlet_id, o.name AS outlet_name, o.kind AS outlet_kind, o.country AS outlet_country, c.type, c.n_sources,
  c.n_articles, c.n_sources / sum(c.n_sources) OVER (PARTITION BY c.outlet_id) AS share
FROM counts c
LEFT JOIN outlets o ON o.outlet_id = c.outlet_id
ORDER BY c.outlet_id, c.n_sources DESC, c.type;

-- @view top_sources: The most cited sources per outlet kind, ranked by mentions.
-- @column outlet_kind: outlet kind
-- @column name: source name as written
-- @column type: source type
-- @column n_mentions: mentions in articles of that kind
-- @column n_articles: articles citing it
-- @column n_outlets: outlets citing it
-- @column rank: rank within the outlet kind (1 = most mentioned; ties share a rank)
-- @example Top five sources of each outlet kind:
--   SELECT outlet_kind, rank, name, type, n_mentions FROM top_sources WHERE rank <= 5 ORDER BY outlet_kind, rank;
CREATE VIEW top_sources AS
WITH per_article AS (
  SELECT coalesce(o.kind, 'unknown') AS outlet_kind, s.name, s.type, a.outlet_id, a.id AS article_id,
    count(*) AS n_mentions
  FROM sources s
  JOIN articles a ON a.latest_version_id = s.version_id
  LEFT JOIN outlets o ON o.outlet_id = a.outlet_id
  GROUP BY ALL
),
counts AS (
  SELECT outlet_kind, name, type, sum(n_mentions) AS n_mentions, count(*) AS n_articles,
    count(DISTINCT outlet_id) AS n_outlets
  FROM per_article GROUP BY outlet_kind, name, type
)
SELECT outlet_kind, name, type, CAST(n_mentions AS BIGINT) AS n_mentions, n_articles, n_outlets,
  rank() OVER (PARTITION BY outlet_kind ORDER BY n_mentions DESC, n_articles DESC) AS rank
FROM counts
ORDER BY outlet_kind, rank, name;

-- @view reported_figures: One row per number in a claim: the figures each outlet reported (results, arrests, …).
-- @column outlet_id: outlet id
-- @column outlet_name: outlet display name
-- @column outlet_kind: outlet kind
-- @column outlet_country: outlet country
-- @column article_id: article id
-- @column published_day: calendar day of publication
-- @column kind: codebook figure kind (e.g. result_cne, arrests) or NULL
-- @column claim_no: position of the claim in the article's tags
-- @column number: the number (normalised: 51,2% → 51.2)
-- @column evidence: the claim passage
-- @column url: canonical URL
-- @example Arrest figures reported by each outlet:
--   SELECT outlet_name, published_day, number, evidence FROM reported_figures
--   WHERE kind = 'arrests' ORDER BY published_day;
CREATE VIEW reported_figures AS
SELECT a.outlet_id, o.name AS outlet_name, o.kind AS outlet_kind, o.country AS outlet_country, a.id AS article_id,
  a.published_date AS published_day, c.kind, c.claim_no, unnest(c.numbers) AS number, c.evidence, a.url
FROM claims c
JOIN articles a ON a.latest_version_id = c.version_id
LEFT JOIN outlets o ON o.outlet_id = a.outlet_id;

-- @view coverage_daily: Articles per outlet and publication day (days without articles are absent).
-- @column outlet_id: outlet id
-- @column outlet_name: outlet display name
-- @column outlet_kind: outlet kind
-- @column outlet_country: outlet country
-- @column day: publication day
-- @column n_articles: articles published that day
-- @example Coverage around the inauguration:
--   SELECT day, sum(n_articles) AS n FROM coverage_daily
--   WHERE day BETWEEN DATE '2025-01-05' AND DATE '2025-01-15' GROUP BY day ORDER BY day;
CREATE VIEW coverage_daily AS
SELECT a.outlet_id, any_value(o.name) AS outlet_name, any_value(o.kind) AS outlet_kind,
  any_value(o.country) AS outlet_country, a.published_date AS day, count(*) AS n_articles
FROM articles a
LEFT JOIN outlets o ON o.outlet_id = a.outlet_id
WHERE a.published_date IS NOT NULL
GROUP BY a.outlet_id, a.published_date
ORDER BY a.outlet_id, day;

-- @view crawl_failures: Fetches that failed (no response, HTTP error, blocked by policy), for crawl health checks.
-- @column run_id: crawl run
-- @column outlet_id: outlet id
-- @column url: URL as requested
-- @column status: HTTP status (NULL when no response arrived)
-- @column error: why it failed
-- @column fetched_at: when it was attempted
-- @example Failures per outlet in the last run:
--   SELECT outlet_id, count(*) AS n FROM crawl_failures
--   WHERE run_id = (SELECT run_id FROM crawl_runs ORDER BY started_at DESC LIMIT 1) GROUP BY ALL;
CREATE VIEW crawl_failures AS
SELECT run_id, outlet_id, url, status, error, fetched_at
FROM captures
WHERE error IS NOT NULL OR status IS NULL OR status >= 400
ORDER BY fetched_at, url;

-- @view article_edits: Every version of the articles that changed after first capture, with the frames of each
-- version, so edits after publication (a softened headline, a dropped frame) can be compared.
-- @column article_id: article id
-- @column outlet_id: outlet id
-- @column outlet_name: outlet display name
-- @column url: canonical URL
-- @column version_no: 1 for the first version seen, 2 for the next, …
-- @column version_id: the version
-- @column fetched_at: when this version was captured
-- @column title: headline of this version
-- @column n_chars: length of this version's text
-- @column frames: frames present in this version (sorted; empty when none, NULL when not tagged yet)
-- @example Articles whose frames changed between versions:
--   SELECT outlet_name, url, version_no, title, frames FROM article_edits
--   WHERE article_id IN (SELECT article_id FROM article_edits GROUP BY article_id HAVING count(DISTINCT frames) > 1)
--   ORDER BY article_id, version_no;
CREATE VIEW article_edits AS
SELECT av.article_id, av.outlet_id, o.name AS outlet_name, av.url,
  CAST(row_number() OVER (PARTITION BY av.article_id ORDER BY av.fetched_at, av.version_id) AS INTEGER) AS version_no,
  av.version_id, av.fetched_at, av.title, length(av.text) AS n_chars,
  CASE WHEN t.version_id IS NULL THEN NULL
    ELSE coalesce((SELECT list_sort(list(f.frame)) FROM article_frames f WHERE f.version_id = av.version_id), []) END
    AS frames
FROM article_versions av
JOIN articles a ON a.id = av.article_id AND a.n_versions > 1
LEFT JOIN tagged_versions t ON t.version_id = av.version_id
LEFT JOIN outlets o ON o.outlet_id = av.outlet_id;
