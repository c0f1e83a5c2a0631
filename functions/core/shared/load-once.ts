/**
 * A value made on first use, from a module imported then (the reader's code loaded on first use:
 * docs/architecture.md, "Budgets"): every caller gets the same promise; a failed load is tried
 * again by the next caller instead of failing forever.
 */
export function loadOnce<T>(load: () => Promise<T>): () => Promise<T> {
  let pending: Promise<T> | undefined;
  return () => {
    if (!pending) {
      const loading = load();
      pending = loading;
      loading.catch(() => {
        if (pending === loading) pending = undefined;
      });
    }
    return pending;
  };
}
