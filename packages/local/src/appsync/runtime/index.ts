// Placeholder until the full implementation lands: the names the code loader imports.
export const util = {} as Record<string, unknown>;
export const runtime = {} as Record<string, unknown>;
export const extensions = {} as Record<string, unknown>;
export const dynamodbModule = {} as Record<string, unknown>;
