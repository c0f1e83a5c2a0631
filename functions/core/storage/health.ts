import { GetCommand } from "./db";
import { Keys } from "./keys";
import type { Store } from "./store";

/** Whether the table and the media bucket answer; checked in parallel, each with a 3 s budget. */
export async function checkHealth(store: Store): Promise<{ table: boolean; bucket: boolean }> {
  const probe = async (send: (signal: AbortSignal) => Promise<unknown>) => {
    try {
      await send(AbortSignal.timeout(3000));
      return true;
    } catch {
      return false;
    }
  };
  const [table, bucket] = await Promise.all([
    probe((abortSignal) => store.db.send(new GetCommand({ TableName: store.table, Key: Keys.health() }), { abortSignal })),
    probe((abortSignal) => store.objects.ping({ abortSignal })),
  ]);
  return { table, bucket };
}
