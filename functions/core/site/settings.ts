import { GetCommand, UpdateCommand } from "../storage/db";
import { Keys } from "../storage/keys";
import type { Store } from "../storage/store";

/**
 * The agency's identity shown in the header and footer. The last four are what the decree on
 * agencies' portals asks every portal's footer to name: the managing agency, the person
 * responsible for its content (chịu trách nhiệm chính), the licence or establishment decision,
 * and any further line the agency wants there. Optional so that items stored before they existed
 * still read; `get` fills them with "".
 */
export interface SiteSettings {
  name: string;
  shortName: string;
  address: string;
  phone: string;
  email: string;
  managingAgency?: string;
  responsiblePerson?: string;
  licence?: string;
  footerText?: string;
}

export const DEFAULT_SETTINGS: SiteSettings = {
  name: "Cổng thông tin điện tử",
  shortName: "Cổng thông tin",
  address: "",
  phone: "",
  email: "",
  managingAgency: "",
  responsiblePerson: "",
  licence: "",
  footerText: "",
};

/** The fields of SiteSettings, in the order the form shows them. */
export const SETTINGS_FIELDS = ["name", "shortName", "address", "phone", "email", "managingAgency", "responsiblePerson", "licence", "footerText"] as const;

/**
 * The settings with what the admin screen needs to save safely: `version` (0 before anyone saved
 * them, then +1 per save: optimistic concurrency) and who saved them last.
 */
export interface VersionedSettings extends Required<SiteSettings> {
  version: number;
  updatedAt?: string;
  updatedBy?: { id: string; name: string };
}

/** The stored item as a whole record, every field filled. */
function fromItem(item: Record<string, unknown> | undefined): VersionedSettings {
  const source = (item ?? DEFAULT_SETTINGS) as Partial<VersionedSettings>;
  const fields = Object.fromEntries(SETTINGS_FIELDS.map((key) => [key, typeof source[key] === "string" ? source[key] : (DEFAULT_SETTINGS[key] ?? "")])) as Required<SiteSettings>;
  return {
    ...fields,
    version: item && typeof item.version === "number" ? item.version : item ? 1 : 0,
    ...(item && typeof item.updatedAt === "string" ? { updatedAt: item.updatedAt } : {}),
    ...(item && item.updatedBy ? { updatedBy: item.updatedBy as { id: string; name: string } } : {}),
  };
}

/**
 * The update that writes `settings` and adds one to the version; `expected` (the version the
 * writer read) makes it conditional. Used by `put` and by settings-admin.ts inside its transaction.
 */
export function settingsUpdate(
  store: Store,
  settings: SiteSettings,
  options: { expected?: number; updatedBy?: { id: string; name: string } } = {},
) {
  const names: Record<string, string> = { "#entity": "entity", "#schema": "schemaVersion", "#version": "version", "#updatedAt": "updatedAt" };
  const values: Record<string, unknown> = { ":entity": "Settings", ":schema": 1, ":one": 1, ":now": new Date().toISOString() };
  const sets = ["#entity = :entity", "#schema = :schema", "#updatedAt = :now"];
  for (const key of SETTINGS_FIELDS) {
    names[`#${key}`] = key;
    values[`:${key}`] = settings[key] ?? "";
    sets.push(`#${key} = :${key}`);
  }
  if (options.updatedBy) {
    names["#updatedBy"] = "updatedBy";
    values[":updatedBy"] = options.updatedBy;
    sets.push("#updatedBy = :updatedBy");
  }
  // Items saved before versions existed count as version 1 (see fromItem), so the first
  // versioned write of any item makes it 2 (`if_not_exists(version, 1) + 1`).
  let condition: string | undefined;
  if (options.expected !== undefined) {
    if (options.expected === 0) condition = "attribute_not_exists(pk)";
    else if (options.expected === 1) condition = "attribute_exists(pk) AND (attribute_not_exists(#version) OR #version = :expected)";
    else condition = "#version = :expected";
    if (options.expected > 0) values[":expected"] = options.expected;
  }
  return {
    TableName: store.table,
    Key: Keys.settings(),
    UpdateExpression: `SET ${sets.join(", ")}, #version = if_not_exists(#version, :base) + :one`,
    ExpressionAttributeNames: names,
    ExpressionAttributeValues: { ...values, ":base": 1 },
    ...(condition ? { ConditionExpression: condition } : {}),
  };
}

export const Settings = {
  /** The agency's identity, or the defaults before anyone has set it. */
  async get(store: Store): Promise<SiteSettings> {
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.settings() }));
    if (!out.Item) return DEFAULT_SETTINGS;
    const { name, shortName, address, phone, email, managingAgency, responsiblePerson, licence, footerText } = out.Item as SiteSettings;
    return {
      name,
      shortName,
      address,
      phone,
      email,
      managingAgency: managingAgency ?? "",
      responsiblePerson: responsiblePerson ?? "",
      licence: licence ?? "",
      footerText: footerText ?? "",
    };
  },

  /** The settings with their version, for the admin screen (settings-admin.ts writes them). */
  async getVersioned(store: Store): Promise<VersionedSettings> {
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.settings(), ConsistentRead: true }));
    return fromItem(out.Item);
  },

  /** Replaces the agency's identity as a whole (seed, tests), unconditionally; the version goes up by one. */
  async put(store: Store, settings: SiteSettings): Promise<void> {
    await store.db.send(new UpdateCommand(settingsUpdate(store, settings)));
  },
};
