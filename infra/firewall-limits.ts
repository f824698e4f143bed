// The WAF's limits (infra/firewall.ts), apart from its resources so the infra check can read them.
export const firewallLimits = {
  /** Requests one IP address may send in 5 minutes; the web client sends a few per screen. */
  requestsPerIpPer5Minutes: 2_000,
  /**
   * The largest request body let through. WAF inspects the first 8 KB of an AppSync body (a larger one is
   * "oversize" and blocked as such); the web client's largest document is well under 2 KB.
   */
  maxBodyBytes: 8 * 1024,
};
