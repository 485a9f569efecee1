import { describe, expect, it } from "vitest";
import { loadRegistry, type Outlet } from "../crawlers/registry/index.ts";
import { outletUrlFilter } from "../crawlers/url.ts";

const registry = loadRegistry("data/outlets.yaml");
const byId = new Map(registry.outlets.map((o) => [o.id, o]));
const kinds = (kind: Outlet["kind"]) => registry.outlets.filter((o) => o.kind === kind).map((o) => o.id);

describe("the real outlet registry (data/outlets.yaml)", () => {
  it("validates and has at least 40 outlets", () => {
    expect(registry.outlets.length).toBeGreaterThanOrEqual(40);
  });

  it("covers the study from every side", () => {
    for (const id of ["efecto-cocuyo", "el-pitazo", "runrunes", "tal-cual", "el-nacional"])
      expect(byId.get(id)?.country).toBe("VE");
    expect(kinds("state_media")).toEqual(expect.arrayContaining(["vtv", "telesur", "correo-del-orinoco"]));
    expect(byId.has("ultimas-noticias")).toBe(true);
    for (const id of [
      "clarin",
      "la-nacion-ar",
      "folha",
      "o-globo",
      "el-tiempo",
      "la-jornada",
      "el-universal-mx",
      "pagina12",
    ]) {
      expect(byId.get(id)?.kind, id).toBe("national_paper");
    }
    for (const id of ["nytimes", "washington-post", "cnn", "fox-news"]) expect(byId.get(id)?.country, id).toBe("US");
    for (const id of ["nos", "volkskrant", "nrc", "trouw"]) expect(byId.get(id)?.country, id).toBe("NL");
    for (const id of ["el-pais", "bbc-mundo", "le-monde", "dw", "corriere", "tagesschau"])
      expect(byId.has(id), id).toBe(true);
    expect(kinds("state_funded_international")).toEqual(
      expect.arrayContaining(["rt-espanol", "sputnik-mundo", "cgtn-espanol", "hispantv", "xinhua-espanol"]),
    );
    expect(kinds("wire")).toEqual(expect.arrayContaining(["reuters", "ap", "afp", "efe", "ansa"]));
    expect(kinds("alternative")).toEqual(
      expect.arrayContaining([
        "venezuelanalysis",
        "mision-verdad",
        "the-grayzone",
        "workers-world",
        "breitbart",
        "panam-post",
        "the-federalist",
      ]),
    );
    const countries = new Set(registry.outlets.map((o) => o.country));
    for (const c of ["VE", "AR", "BR", "CO", "MX", "US", "NL", "ES", "GB", "FR", "DE", "IT", "RU", "CN", "IR"])
      expect(countries).toContain(c);
    const languages = new Set(registry.outlets.flatMap((o) => o.languages));
    for (const l of ["es", "en", "pt", "nl", "fr", "de", "it"]) expect(languages).toContain(l);
  });

  it("uses public hosts only and explains every entry in notes", () => {
    for (const outlet of registry.outlets) {
      expect(outlet.allowPrivateNetwork, outlet.id).toBe(false);
      expect(new URL(outlet.homepage).hostname, outlet.id).toMatch(/\.[a-z]{2,}$/);
      expect(outlet.notes, outlet.id).toBeTruthy();
    }
  });

  it("has section entry points whose include patterns accept article URLs and reject navigation", () => {
    const f = outletUrlFilter(byId.get("breitbart") as Outlet);
    expect(f.isCandidate(new URL("https://www.breitbart.com/latin-america/2024/07/29/some-story/"))).toBe(true);
    expect(f.isCandidate(new URL("https://www.breitbart.com/latin-america/"))).toBe(false);
    expect(f.isCandidate(new URL("https://example.com/latin-america/2024/07/29/some-story/"))).toBe(false);
    for (const outlet of registry.outlets.filter((o) => o.discovery.sections.length > 0)) {
      expect(outlet.include.length, `${outlet.id} has sections, so it needs include patterns`).toBeGreaterThan(0);
    }
  });
});
