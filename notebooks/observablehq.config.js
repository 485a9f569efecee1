// Observable Framework configuration of the analyst notebooks. Builds offline: Plot comes from node_modules, no
// web fonts, DuckDB-wasm extensions are not fetched, and data loaders read a local Parquet export (see README.md).
export default {
  root: ".",
  title: "framewatch notebooks",
  output: process.env.FRAMEWATCH_NOTEBOOKS_OUT ?? "dist",
  pages: [
    { name: "Frames by outlet group over time", path: "/frames-over-time" },
    { name: "Recognition statements", path: "/recognition" },
    { name: "Figures reported per outlet", path: "/figures" },
    { name: "Adding a notebook", path: "/README" },
  ],
  globalStylesheets: [],
  footer: "framewatch notebooks — queries over a Parquet export of the study database, built offline.",
  duckdb: { extensions: { json: null, parquet: null } },
  // Data loaders are TypeScript run by the repo's tsx (no global tsx needed).
  interpreters: { ".ts": ["node", "--import", "tsx"] },
};
