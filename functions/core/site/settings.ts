import { GetCommand, PutCommand } from "@aws-sdk/lib-dynamodb";
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

  /** Replaces the agency's identity as a whole. */
  async put(store: Store, settings: SiteSettings): Promise<void> {
    await store.db.send(
      new PutCommand({ TableName: store.table, Item: { ...Keys.settings(), entity: "Settings", schemaVersion: 1, ...settings } }),
    );
  },
};
