/** The portal's sections (`GET /api/sections`, public), read once per visit. */
import { createResource } from "solid-js";
import { api } from "../api";
import type { Section } from "../types";

const [list, { refetch }] = createResource(() => api.get<Section[]>("/api/sections"), { initialValue: [] });

export const sections = {
  list,
  refetch,
  name: (id: string) => list().find((section) => section.id === id)?.name ?? id,
  byId: (id: string) => list().find((section) => section.id === id),
};
