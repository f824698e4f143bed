import { Title } from "../../../core/src/title/index.ts";
import { resolverHandler } from "./handler.ts";
import { toTitle } from "../resolvers/title.ts";

export const handler = resolverHandler<{ input: Parameters<typeof Title.update>[0] }, ReturnType<typeof toTitle>>(async ({ arguments: args }) =>
  toTitle(await Title.update(args.input)),
);
