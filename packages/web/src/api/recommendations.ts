// Recommendation rows (Top picks, Because you watched, More like this ...): one query built from the
// fields the API offers (./recommendations.generated.ts). A test validates every built query against the
// schema, as gql.tada does for the static documents.
import { stringifyDocument } from "@urql/core";
import { TitleCardFields, type TitleCard } from "./documents.ts";
import { recommendationFieldLabels, type RecommendationDescriptor, type RecommendationField } from "./recommendation-fields.ts";

export { recommendationDescriptors } from "./recommendations.generated.ts";

export type RecommendationRow = {
  field: RecommendationField;
  label: string;
  titles: TitleCard[];
  source: string | null;
};

export type RecommendationRequest = {
  query: string;
  variables: { profileId: string; titleId?: string };
  /** Reads the rows out of the answer's data, in the order asked. */
  rows(data: unknown): RecommendationRow[];
};

/** Titles a row asks for first. */
export const recommendationRowSize = 20;
/** The API's largest numResults, where a row stops growing (an API test asks with it and with one more). */
export const recommendationMaxResults = 50;

/**
 * One query for the wanted fields that the API offers (Query fields preferred; Home fields read through
 * `home`). Null when none is offered, or when a field needs a title and none is given.
 */
export function recommendationRequest(
  descriptors: RecommendationDescriptor[],
  wanted: RecommendationField[],
  variables: { profileId: string; titleId?: string },
  labelFor: (field: RecommendationField) => string = (field) => recommendationFieldLabels[field],
  size: number = recommendationRowSize,
): RecommendationRequest | null {
  const chosen: RecommendationDescriptor[] = [];
  for (const field of wanted) {
    const candidates = descriptors.filter((descriptor) => descriptor.field === field);
    const descriptor = candidates.find((candidate) => candidate.parent === "Query") ?? candidates[0];
    if (!descriptor) continue;
    if (descriptor.args.includes("titleId") && !variables.titleId) continue;
    chosen.push(descriptor);
  }
  if (chosen.length === 0) return null;

  const usesTitle = chosen.some((descriptor) => descriptor.args.includes("titleId"));
  const selectionOf = (descriptor: RecommendationDescriptor) => {
    const args = descriptor.args.map((arg) => (arg === "limit" || arg === "numResults" ? `${arg}: ${size}` : `${arg}: $${arg}`));
    let inner = "{ ...TitleCardFields }";
    for (const step of [...descriptor.titlesPath].reverse()) inner = `{ ${step} ${inner}${descriptor.hasSource && step === descriptor.titlesPath[0] ? " source" : ""} }`;
    return `${descriptor.field}${args.length ? `(${args.join(", ")})` : ""} ${inner}`;
  };
  const queryFields = chosen.filter((descriptor) => descriptor.parent === "Query").map(selectionOf);
  const homeFields = chosen.filter((descriptor) => descriptor.parent === "Home").map(selectionOf);
  const selections = [...queryFields, ...(homeFields.length ? [`home(profileId: $profileId) { ${homeFields.join(" ")} }`] : [])];
  const variableDefinitions = ["$profileId: ID!", ...(usesTitle ? ["$titleId: ID!"] : [])];
  const query = `query RecommendationRows(${variableDefinitions.join(", ")}) { ${selections.join(" ")} }\n${stringifyDocument(TitleCardFields)}`;

  return {
    query,
    variables: usesTitle ? { profileId: variables.profileId, titleId: variables.titleId } : { profileId: variables.profileId },
    rows(data) {
      const rows: RecommendationRow[] = [];
      for (const descriptor of chosen) {
        const parent = descriptor.parent === "Home" ? field(data, "home") : data;
        let value = field(parent, descriptor.field);
        const source = descriptor.hasSource ? field(value, "source") : null;
        for (const step of descriptor.titlesPath) value = field(value, step);
        if (!Array.isArray(value)) continue;
        rows.push({
          field: descriptor.field,
          label: labelFor(descriptor.field),
          titles: value as TitleCard[],
          source: typeof source === "string" ? source : null,
        });
      }
      return rows;
    },
  };
}

function field(value: unknown, name: string): unknown {
  return value !== null && typeof value === "object" ? (value as Record<string, unknown>)[name] : undefined;
}
