import { z } from "zod";

/** Kinds of outlet, so "state media vs national papers" is one GROUP BY. */
export const OUTLET_KINDS = [
  "wire",
  "international_broadcaster",
  /** Domestic public-service broadcaster with editorial independence by statute (NOS, Tagesschau); not state media. */
  "public_broadcaster",
  "state_funded_international",
  "national_paper",
  "regional_paper",
  "state_media",
  "independent_digital",
  "alternative",
  "magazine",
  "blog",
] as const;

const regexString = z.string().refine(
  (source) => {
    try {
      new RegExp(source);
      return true;
    } catch {
      return false;
    }
  },
  { message: "not a valid regular expression" },
);

export const SectionSchema = z.object({
  url: z.url(),
  /** How further pages of the section are addressed: "{n}" is replaced by 2, 3, … up to maxPages. */
  pagination: z
    .object({
      pattern: z.string().includes("{n}"),
      maxPages: z.int().min(1).max(1000).default(5),
    })
    .optional(),
});

export const OutletSchema = z.object({
  id: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "lowercase letters, digits and dashes"),
  name: z.string().min(1),
  homepage: z.url(),
  /** ISO 3166-1 alpha-2 of where the outlet is based ("XX" for none, e.g. a transnational service). */
  country: z.string().regex(/^[A-Z]{2}$/, "ISO 3166-1 alpha-2, upper case"),
  languages: z.array(z.string().regex(/^[a-z]{2}$/, "ISO 639-1")).min(1),
  kind: z.enum(OUTLET_KINDS),
  ownership: z.string().optional(),
  notes: z.string().optional(),
  discovery: z
    .object({
      feeds: z.array(z.url()).default([]),
      sitemaps: z.array(z.url()).default([]),
      sections: z.array(SectionSchema).default([]),
    })
    .refine((d) => d.feeds.length + d.sitemaps.length + d.sections.length > 0, {
      message: "needs at least one feed, sitemap or section",
    }),
  /** Regexps over absolute URLs: a discovered URL is an article candidate when it matches one (all when empty). */
  include: z.array(regexString).default([]),
  exclude: z.array(regexString).default([]),
  /** Article bodies only appear after JavaScript runs: fetch article pages through chromium. */
  browser: z.boolean().default(false),
  /** Allow loopback/private addresses for this outlet's hosts (the offline demo and tests only). */
  allowPrivateNetwork: z.boolean().default(false),
  politeness: z
    .object({
      maxConcurrency: z.int().min(1).max(16).optional(),
      minDelayMs: z.int().min(0).optional(),
    })
    .default({}),
  /** Per-outlet extraction tweaks, for outlets whose pages defeat the general rules. */
  extract: z
    .object({
      /** CSS selector of the article body. */
      bodySelector: z.string().optional(),
      /** CSS selectors of blocks to drop before extraction. */
      dropSelectors: z.array(z.string()).default([]),
    })
    .optional(),
});

export const RegistrySchema = z.object({
  outlets: z.array(OutletSchema).min(1),
});

export type Outlet = z.infer<typeof OutletSchema>;
export type Registry = z.infer<typeof RegistrySchema>;
export type OutletKind = (typeof OUTLET_KINDS)[number];
