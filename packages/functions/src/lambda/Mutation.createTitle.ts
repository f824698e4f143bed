import { Title } from "../../../core/src/title/index.ts";
import { resolverHandler } from "./handler.ts";
import { toTitle } from "../resolvers/title.ts";

export const handler = resolverHandler<{ input: Parameters<typeof Title.create>[0] }, ReturnType<typeof toTitle>>(async ({ arguments: args }) =>
  toTitle(await Title.create(args.input)),
);
