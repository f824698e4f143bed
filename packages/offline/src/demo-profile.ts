// The demo viewer's default profile, made by core as the API makes it. The stack runs this as it runs
// the Lambdas (stack.ts, in a worker whose process.env is the Lambda environment), so core finds the
// table through the same configuration and the stack's own process.env stays untouched.
import { Profile } from "@marquee/core/profile";

export async function handler(viewer: { accountId: string; email: string }): Promise<{ id: string }> {
  const [profile] = await Profile.ensureDefault(viewer);
  if (!profile) throw new Error(`No default profile for ${viewer.email}`);
  return { id: profile.id };
}
