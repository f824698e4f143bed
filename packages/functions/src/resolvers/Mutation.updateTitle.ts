import { titleWriteResponse } from "./title-write";

// The content-team group is also enforced by the schema directive; checked here too because
// AppSync's group directives have known gaps on nested fields.
export { requireContentTeam as request } from "./content-team";

export { titleWriteResponse as response };
