// The deployed shape of Marquee, checked offline: sst.config.ts's real run() with SST's real
// components under Pulumi mocks, against the real resolver manifest and table definition.
import { manifest, personalizeDataSources } from "@marquee/functions/manifest";
import { describeInfrastructure } from "./graph-assertions.ts";

describeInfrastructure({ stage: "ci", manifest, personalizeDataSources });
