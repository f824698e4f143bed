// Accounts and profiles as ElectroDB entities: the one description of each item (the record types below
// are derived from them; index.ts builds the items by hand and a test compares them with these puts).
import { Entity, type EntityItem } from "electrodb";
import { dynamoClient } from "../dynamo.ts";
import { entityKey as key, tableKeys } from "../table.ts";
import { profileMaturities } from "./maturity.ts";

/** An account (one Cognito user): pk ACCOUNT#<accountId>, sk ACCOUNT. `profileCount` caps its profiles. */
export const AccountEntity = new Entity(
  {
    model: { entity: "account", version: "1", service: "marquee" },
    attributes: {
      accountId: { type: "string", required: true, readOnly: true },
      profileCount: { type: "number", required: true, default: 0 },
      createdAt: { type: "string", required: true },
      updatedAt: { type: "string", required: true },
    },
    indexes: {
      byAccount: {
        pk: key(tableKeys.primary.partitionKey, ["accountId"], "ACCOUNT#${accountId}"),
        sk: key(tableKeys.primary.sortKey, [], "ACCOUNT"),
      },
    },
  },
  { client: dynamoClient }
);

/**
 * A profile of an account: pk ACCOUNT#<accountId>, sk PROFILE#<profileId>. The account is part of the
 * key, so reading or writing with the caller's own sub is the ownership check.
 */
export const ProfileEntity = new Entity(
  {
    model: { entity: "profile", version: "1", service: "marquee" },
    attributes: {
      accountId: { type: "string", required: true, readOnly: true },
      profileId: { type: "string", required: true, readOnly: true },
      name: { type: "string", required: true },
      avatar: { type: "string", required: true },
      maturity: { type: profileMaturities, required: true },
      language: { type: "string", required: true },
      /** scrypt$N$r$p$salt$hash (see pin.ts); absent when the profile has no PIN. */
      pinHash: { type: "string" },
      /** Wrong PINs since the last right one; also the version wrong guesses are committed against. */
      pinFailures: { type: "number", required: true, default: 0 },
      pinLockedUntil: { type: "string" },
      createdAt: { type: "string", required: true },
      updatedAt: { type: "string", required: true },
    },
    indexes: {
      byAccount: {
        pk: key(tableKeys.primary.partitionKey, ["accountId"], "ACCOUNT#${accountId}"),
        sk: key(tableKeys.primary.sortKey, ["profileId"], "PROFILE#${profileId}"),
      },
    },
  },
  { client: dynamoClient }
);

/** An account item as stored (pk ACCOUNT#<accountId>, sk ACCOUNT), without its keys. */
export type AccountRecord = EntityItem<typeof AccountEntity>;
/** A profile item as stored (pk ACCOUNT#<accountId>, sk PROFILE#<profileId>), without its keys. */
export type ProfileRecord = EntityItem<typeof ProfileEntity>;
