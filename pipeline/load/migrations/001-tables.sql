-- Tables loaded from the workspace ledgers, the outlet registry and the codebook.
-- The large tables declare no PRIMARY KEY: DuckDB's key indexes make bulk inserts and every checkpoint much slower.
-- Their "unique key" is enforced by the load stage instead (anti-join on insert; DuckDB admits one writer at a time).
-- Every table and column carries a comment: docs/schema.md is generated from these comments
-- (`node --import tsx pipeline/load/schema-doc.ts`) and a test fails when it is out of date.

-- @table outlets: News outlets of the study, upserted from the outlet registry (demo or real) on every load.
CREATE TABLE outlets (
  outlet_id VARCHAR PRIMARY KEY, -- registry id (lowercase letters, digits, dashes)
  name VARCHAR NOT NULL, -- display name of the outlet
  homepage VARCHAR, -- homepage URL
  country VARCHAR, -- ISO 3166-1 alpha-2 of where the outlet is based ("XX" for transnational services)
  languages VARCHAR[], -- ISO 639-1 codes the outlet publishes in
  kind VARCHAR, -- outlet kind (wire, state_media, national_paper, …; see the registry schema)
  ownership VARCHAR, -- ownership note from the registry (free text; NULL when not given)
  browser BOOLEAN -- article pages need a browser (JavaScript-rendered bodies)
);

-- @table crawl_runs: One row per crawl/ingest/schedule/demo run (runs.jsonl; the last line per run id wins).
CREATE TABLE crawl_runs (
  run_id VARCHAR PRIMARY KEY, -- run id
  kind VARCHAR, -- crawl, ingest, schedule or demo
  started_at TIMESTAMPTZ, -- when the run started
  ended_at TIMESTAMPTZ, -- when it ended (NULL while running or after a crash)
  status VARCHAR, -- running, ok, failed or interrupted
  counts JSON, -- counters of the run, e.g. {"fetched": 120, "errors": 3}
  errors VARCHAR[], -- error messages of the run
  options JSON -- options the run was started with
);

-- @table captures: Every fetch of the crawler, successful or failed (captures.jsonl); the body lives in a WARC file.
CREATE TABLE captures (
  capture_id VARCHAR NOT NULL, -- unique key: stable id of the exchange
  run_id VARCHAR, -- run that made it (crawl_runs.run_id)
  outlet_id VARCHAR, -- outlet (outlets.outlet_id)
  role VARCHAR, -- what the URL was for the crawler: article, feed, sitemap, section, robots or other
  url VARCHAR, -- URL as requested
  final_url VARCHAR, -- URL after redirects
  status INTEGER, -- HTTP status (NULL when no response arrived)
  content_type VARCHAR, -- Content-Type of the response
  fetched_at TIMESTAMPTZ, -- when it was fetched
  body_sha256 VARCHAR, -- sha256 of the decoded body (NULL without a body)
  bytes BIGINT, -- body size in bytes
  warc_file VARCHAR, -- WARC file relative to the workspace root (NULL when nothing was archived)
  warc_offset BIGINT, -- byte offset of the WARC record
  warc_length BIGINT, -- byte length of the WARC record
  via VARCHAR, -- http, browser or warc-ingest
  discovered_from VARCHAR, -- feed, sitemap or section URL that led to this URL (NULL for entry points)
  error VARCHAR -- why the fetch failed or was not used (NULL on success)
);

-- @table article_versions: Every distinct text seen for an article (articles.jsonl); edits after publication are data.
CREATE TABLE article_versions (
  version_id VARCHAR NOT NULL, -- unique key: hash of article id + text
  article_id VARCHAR NOT NULL, -- hash of outlet + canonical URL (articles.id)
  capture_id VARCHAR, -- capture the version was extracted from (captures.capture_id)
  outlet_id VARCHAR, -- outlet (outlets.outlet_id)
  url VARCHAR, -- canonical URL
  fetched_url VARCHAR, -- URL the capture was made from
  fetched_at TIMESTAMPTZ, -- when the capture was made
  title VARCHAR, -- headline
  authors VARCHAR[], -- bylines
  published_at TIMESTAMPTZ, -- publication time (a plain date is stored as midnight UTC)
  published_date DATE, -- calendar day of publication as the outlet wrote it (its own time zone)
  modified_at TIMESTAMPTZ, -- last modification time stated by the page
  language VARCHAR, -- ISO 639-1 language of the text
  text VARCHAR, -- main text
  text_sha256 VARCHAR, -- sha256 of the text
  site_name VARCHAR, -- site name stated by the page
  section VARCHAR, -- section stated by the page
  lead_image VARCHAR, -- lead image URL
  topic_matches VARCHAR[], -- codebook topic keywords that matched (why the article was kept)
  duplicate_of VARCHAR, -- id of an earlier article with the same text (e.g. a republished wire story)
  provenance JSON -- which page source each metadata field came from, e.g. {"published": "json-ld"}
);

-- @table articles: One row per distinct article, describing its latest version (by fetch time); derived on load.
CREATE TABLE articles (
  id VARCHAR NOT NULL, -- unique key: article id (hash of outlet + canonical URL)
  outlet_id VARCHAR, -- outlet (outlets.outlet_id)
  url VARCHAR, -- canonical URL
  title VARCHAR, -- headline of the latest version
  published_at TIMESTAMPTZ, -- publication time (latest version's, else the earliest one any version stated)
  published_date DATE, -- calendar day of publication as the outlet wrote it
  language VARCHAR, -- ISO 639-1 language of the latest version
  text VARCHAR, -- main text of the latest version
  n_chars INTEGER, -- length of that text in characters
  latest_version_id VARCHAR, -- article_versions.version_id of the latest version
  n_versions INTEGER, -- number of distinct versions seen
  first_fetched_at TIMESTAMPTZ, -- first time any version was fetched
  last_fetched_at TIMESTAMPTZ, -- last time a version was fetched
  authors VARCHAR[], -- bylines of the latest version
  section VARCHAR, -- section of the latest version
  duplicate_of VARCHAR -- id of an earlier article with the same text, else NULL
);

-- @table extract_skips: Captures that did not become a new article version, with the reason (extract-skips.jsonl).
CREATE TABLE extract_skips (
  capture_id VARCHAR NOT NULL, -- unique key: the capture (captures.capture_id)
  outlet_id VARCHAR, -- outlet (outlets.outlet_id)
  url VARCHAR, -- URL of the capture
  reason VARCHAR, -- no_article, off_topic, out_of_window, unchanged, not_html or error
  detail VARCHAR -- human-readable detail
);

-- @table tagged_versions: One row per tagged article version (tags.jsonl; the first line per version id wins).
CREATE TABLE tagged_versions (
  version_id VARCHAR NOT NULL, -- unique key: article_versions.version_id (the tag record's id)
  article_id VARCHAR, -- articles.id (NULL until the version itself is loaded)
  language VARCHAR, -- language the tagger used
  codebook VARCHAR -- codebook fingerprint "<id>@<version>#<sha256 prefix>"
);

-- @table article_frames: Document-level frame decisions: one row per tagged version × frame present in it.
CREATE TABLE article_frames (
  version_id VARCHAR, -- tagged version (tagged_versions.version_id)
  article_id VARCHAR, -- articles.id
  frame VARCHAR, -- codebook frame id (codebook_frames.frame)
  stance VARCHAR, -- the text's own stance: endorsed, reported or rejected
  codebook VARCHAR -- codebook fingerprint
);

-- @table frame_evidence: Every passage that contributed to a frame decision, with the cue or rule that matched.
CREATE TABLE frame_evidence (
  version_id VARCHAR, -- tagged version
  article_id VARCHAR, -- articles.id
  frame VARCHAR, -- codebook frame id
  stance VARCHAR, -- stance of this passage
  evidence VARCHAR, -- exact substring of the text
  start_offset INTEGER, -- start of the evidence in the text (UTF-16 units, as JavaScript slices)
  end_offset INTEGER, -- end of the evidence (exclusive)
  rule VARCHAR -- codebook cue or engine rule id that produced it
);

-- @table recognitions: Statements that an actor recognises a result or candidate, rejects it or demands verification.
CREATE TABLE recognitions (
  version_id VARCHAR, -- tagged version
  article_id VARCHAR, -- articles.id
  actor VARCHAR, -- ISO 3166-1 alpha-2 country or organisation code (EU, OAS, UN, …)
  actor_kind VARCHAR, -- country or organisation
  actor_name VARCHAR, -- English name of the actor (codebook or ISO name; the code when unknown)
  stance VARCHAR, -- recognizes_maduro, recognizes_gonzalez, rejects_result or demands_verification
  evidence VARCHAR, -- exact substring of the text
  start_offset INTEGER, -- start of the evidence in the text
  end_offset INTEGER, -- end of the evidence (exclusive)
  rule VARCHAR, -- cue or rule id that produced it
  codebook VARCHAR -- codebook fingerprint
);

-- @table sources: Sources an article cites (people, institutions, media), typed by the codebook's source types.
CREATE TABLE sources (
  version_id VARCHAR, -- tagged version
  article_id VARCHAR, -- articles.id
  name VARCHAR, -- source name as written
  type VARCHAR, -- source type of the codebook (e.g. venezuelan_government, opposition, foreign_government)
  evidence VARCHAR, -- exact substring of the text
  start_offset INTEGER, -- start of the evidence in the text
  end_offset INTEGER, -- end of the evidence (exclusive)
  rule VARCHAR, -- cue or rule id that produced it
  codebook VARCHAR -- codebook fingerprint
);

-- @table claims: Factual claims with numbers (results, turnout, arrests, …), numbers normalised per locale.
CREATE TABLE claims (
  version_id VARCHAR, -- tagged version
  article_id VARCHAR, -- articles.id
  claim_no INTEGER, -- 1-based position of the claim in the article's tag record
  evidence VARCHAR, -- exact substring of the text
  start_offset INTEGER, -- start of the evidence in the text
  end_offset INTEGER, -- end of the evidence (exclusive)
  rule VARCHAR, -- cue or rule id that produced it
  kind VARCHAR, -- codebook figure kind (e.g. result_cne, arrests) or NULL
  numbers DOUBLE[], -- every number in the claim (51,2% → 51.2), years and dates left out
  codebook VARCHAR -- codebook fingerprint
);

-- @table codebook_frames: The codebook's frames, so shares can list every frame (zeros included); upserted on load.
CREATE TABLE codebook_frames (
  frame VARCHAR PRIMARY KEY, -- frame id
  label VARCHAR, -- short label for charts
  description VARCHAR, -- what the frame means
  position INTEGER -- order of the frame in the codebook
);

-- @table events: Key dates of the study from the codebook (for chart annotations); upserted on load.
CREATE TABLE events (
  id VARCHAR PRIMARY KEY, -- event id
  date DATE, -- day of the event
  label VARCHAR -- short label for charts
);

-- @table load_state: How far each ledger has been loaded, so a rerun reads only what was appended since.
CREATE TABLE load_state (
  ledger VARCHAR PRIMARY KEY, -- ledger name (captures, articles, extract_skips, tags, runs)
  path VARCHAR, -- absolute path of the ledger file
  bytes BIGINT, -- bytes of whole lines loaded so far
  lines BIGINT, -- lines loaded so far (line numbers continue from here)
  head_sha256 VARCHAR, -- sha256 of the first head_bytes bytes: detects a ledger replaced by another file
  head_bytes INTEGER, -- how many leading bytes head_sha256 covers
  loaded_at TIMESTAMPTZ -- when the last batch was committed
);

-- @table load_rejects: Ledger lines that failed validation and were skipped, with file:line and the reason.
CREATE TABLE load_rejects (
  ledger VARCHAR, -- ledger name
  path VARCHAR, -- ledger file
  line BIGINT, -- 1-based line number
  error VARCHAR, -- what was wrong
  rejected_at TIMESTAMPTZ -- when the load skipped it
);
