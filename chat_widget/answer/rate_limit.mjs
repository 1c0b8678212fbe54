// A per-client limit held only in this instance's memory, for one window: the client key is
// never logged or stored anywhere else.
export function createRateLimit({ limit = 20, windowMs = 60_000, now = () => Date.now() } = {}) {
  const seen = new Map();
  return function allow(client) {
    const time = now();
    for (const [key, entry] of seen) if (time - entry.start >= windowMs) seen.delete(key);
    const entry = seen.get(client) || { start: time, count: 0 };
    entry.count += 1;
    seen.set(client, entry);
    return entry.count <= limit;
  };
}
