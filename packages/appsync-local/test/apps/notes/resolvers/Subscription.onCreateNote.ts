// Subscriptions resolve on the NONE data source (AppSync's real-time endpoint delivers the mutation's result).
export function request() {
  return { payload: null };
}

export function response() {
  return null;
}
