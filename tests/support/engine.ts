import { articleImport, articles, type ImportInput } from "../../functions/core/content/articles";
import { createEngine } from "../../functions/core/publishing/engine";
import type { PublishEffects } from "../../functions/core/publishing/invalidation";
import type { Actor } from "../../functions/core/publishing/audit";
import type { Store } from "../../functions/core/storage/store";

/** The publishing engine of articles on a test store, as the composition roots build it. */
export const articleEngine = (store: Store, effects?: PublishEffects) => createEngine(articles, { store, effects });

/** An archived article stored as published, through the engine's import (demo seed's path). */
export const importArticle = (store: Store, input: ImportInput, approver: Actor) => articleEngine(store).importPublished(articleImport(input), approver);
