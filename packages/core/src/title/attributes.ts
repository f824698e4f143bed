// A title's attributes in ElectroDB's vocabulary, declared once: the title entity, the catalog's list
// items (genre rows, search tokens) and the title summary every progress and My List entry carries are
// all made of them, so a page is one Query with no read per title. Plain data with no dependencies:
// what needs only the names (a projection) reads them without loading ElectroDB.
import { maturities } from "./maturity.ts";

export const titleAttributes = {
  titleId: { type: "string", required: true },
  name: { type: "string", required: true },
  year: { type: "number" },
  genres: { type: "list", items: { type: "string" }, required: true },
  /** Absent: unrated (kids profiles never see it). */
  maturity: { type: maturities },
  popularity: { type: "number", required: true },
  ratingCount: { type: "number", required: true, default: 0 },
  ratingSum: { type: "number", required: true, default: 0 },
  /** Raised by every update: an entry's summary is only ever replaced by a newer one. */
  version: { type: "number", required: true, default: 1 },
  createdAt: { type: "string", required: true },
  updatedAt: { type: "string", required: true },
} as const;

export const titleAttributeNames = Object.keys(titleAttributes) as Array<keyof typeof titleAttributes>;
