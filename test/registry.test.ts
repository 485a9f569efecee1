import { describe, expect, it } from "vitest";
import { parseRegistry } from "../crawlers/registry/index.ts";

const GOOD = `
outlets:
  - id: example-paper
    name: Example Paper
    homepage: https://paper.example/
    country: NL
    languages: [nl]
    kind: national_paper
    discovery:
      feeds: [https://paper.example/rss.xml]
`;

describe("outlet registry", () => {
  it("accepts a valid entry and fills defaults", () => {
    const registry = parseRegistry(GOOD, "test.yaml");
    expect(registry.outlets[0]).toMatchObject({
      id: "example-paper",
      browser: false,
      allowPrivateNetwork: false,
      include: [],
    });
  });

  it("names the file, the outlet and the field of a bad entry", () => {
    expect(() => parseRegistry(GOOD.replace("country: NL", "country: Netherlands"), "reg.yaml")).toThrow(
      /reg\.yaml outlet "example-paper" field country: ISO 3166-1 alpha-2/,
    );
    expect(() => parseRegistry(GOOD.replace("kind: national_paper", "kind: newspaper"), "reg.yaml")).toThrow(
      /outlet "example-paper" field kind/,
    );
  });

  it("rejects an outlet without any entry point, a bad regexp and duplicate ids", () => {
    expect(() => parseRegistry(GOOD.replace("feeds: [https://paper.example/rss.xml]", "feeds: []"), "r.yaml")).toThrow(
      /needs at least one feed, sitemap or section/,
    );
    expect(() => parseRegistry(`${GOOD}    include: ["(unclosed"]\n`, "r.yaml")).toThrow(
      /field include\.0: not a valid regular expression/,
    );
    const twice = `${GOOD}${GOOD.replace("outlets:\n", "")}`;
    expect(() => parseRegistry(twice, "r.yaml")).toThrow(/duplicate outlet id "example-paper"/);
  });

  it("reports YAML syntax errors with a line number", () => {
    expect(() => parseRegistry("outlets:\n  - id: [unclosed\n", "broken.yaml")).toThrow(
      /broken\.yaml:\d+: invalid YAML/,
    );
  });
});
