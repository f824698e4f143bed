import * as Title from "@marquee/core/title";
import { contentTeamHandler } from "./handler.ts";
import { toTitleWrite, type TitleWriteAnswer } from "../resolvers/title-write.ts";

export const handler = contentTeamHandler<{ input: Parameters<typeof Title.create>[0] }, TitleWriteAnswer>(async ({ arguments: args }) =>
  toTitleWrite(await Title.create(args.input)),
);
