import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
import { Keys } from "../storage/keys";
import type { Store } from "../storage/store";

/** The agency's identity shown in the header and footer; editable by admins later. */
export interface SiteSettings {
  name: string;
  shortName: string;
  address: string;
  phone: string;
  email: string;
}

export const DEFAULT_SETTINGS: SiteSettings = {
  name: "Cổng thông tin điện tử",
  shortName: "Cổng thông tin",
  address: "",
  phone: "",
  email: "",
};

export const Settings = {
  /** The agency's identity, or the defaults before anyone has set it. */
  async get(store: Store): Promise<SiteSettings> {
    const out = await store.db.send(new GetCommand({ TableName: store.table, Key: Keys.settings() }));
    if (!out.Item) return DEFAULT_SETTINGS;
    const { name, shortName, address, phone, email } = out.Item as SiteSettings;
    return { name, shortName, address, phone, email };
  },

  /** Replaces the agency's identity as a whole. */
  async put(store: Store, settings: SiteSettings): Promise<void> {
    await store.db.send(
      new PutCommand({ TableName: store.table, Item: { ...Keys.settings(), entity: "Settings", schemaVersion: 1, ...settings } }),
    );
  },
};
