// AppSync's authorization directives, decided per field: a field's directives override its type's,
// which override the API's default mode. A directive lists the modes allowed; for Cognito it may
// narrow to groups. Reading is done once at start-up; each request only checks a precomputed rule.
import { GraphQLObjectType, type ConstDirectiveNode, type GraphQLSchema } from "graphql";
import { modeByDirective, type AuthMode } from "../schema/build.ts";

export type { AuthMode };

/** The authenticated caller of one request. */
export type CallerAuth = {
  mode: AuthMode;
  /** ctx.identity: null for API_KEY. */
  identity: unknown;
  /** Cognito groups of the caller (empty when none). */
  groups: readonly string[];
};

export type AllowedMode = { mode: AuthMode; cognitoGroups?: readonly string[] };

export type FieldRule = {
  /** True when any authenticated request may read the field (no check at run time). */
  alwaysAllowed: boolean;
  allowed: readonly AllowedMode[];
};


/** The auth directives on a type or field; null when it has none (so the next level decides). */
export function readAuthDirectives(directives: readonly ConstDirectiveNode[] | undefined): AllowedMode[] | null {
  const modes: AllowedMode[] = [];
  for (const directive of directives ?? []) {
    const mode = modeByDirective[directive.name.value];
    if (!mode) continue;
    const groupsArgument = directive.arguments?.find((a) => a.name.value === "cognito_groups");
    const groups =
      groupsArgument?.value.kind === "ListValue"
        ? groupsArgument.value.values.flatMap((v) => (v.kind === "StringValue" ? [v.value] : []))
        : groupsArgument?.value.kind === "StringValue"
          ? [groupsArgument.value.value]
          : undefined;
    modes.push(groups ? { mode, cognitoGroups: groups } : { mode });
  }
  return modes.length > 0 ? modes : null;
}

export function authorizationRules(schema: GraphQLSchema, defaultMode: AuthMode, additionalModes: readonly AuthMode[] = []) {
  const singleMode = additionalModes.length === 0;
  const rules = new Map<string, FieldRule>();
  for (const type of Object.values(schema.getTypeMap())) {
    if (!(type instanceof GraphQLObjectType) || type.name.startsWith("__")) continue;
    const typeModes = readAuthDirectives(type.astNode?.directives);
    for (const field of Object.values(type.getFields())) {
      const allowed = readAuthDirectives(field.astNode?.directives) ?? typeModes ?? [{ mode: defaultMode }];
      // With a single auth mode every request is of that mode: a rule naming it without groups always passes.
      const alwaysAllowed = singleMode && allowed.some((a) => a.mode === defaultMode && !a.cognitoGroups);
      rules.set(`${type.name}.${field.name}`, { alwaysAllowed, allowed });
    }
  }
  return {
    ruleFor(typeName: string, fieldName: string): FieldRule {
      return rules.get(`${typeName}.${fieldName}`) ?? { alwaysAllowed: false, allowed: [] };
    },
  };
}

export function isAllowed(rule: FieldRule, caller: CallerAuth): boolean {
  return rule.allowed.some(
    (allowed) =>
      allowed.mode === caller.mode &&
      (!allowed.cognitoGroups || allowed.cognitoGroups.some((group) => caller.groups.includes(group))),
  );
}
