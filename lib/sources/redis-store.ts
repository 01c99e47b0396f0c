/**
 * The one Redis command the shared stores use, as node-redis (`redis` 6) offers it: each batch is one
 * script, so one round trip, run atomically. Typed here so the stores take the node's own client
 * (`Engines.redis`) and tests can hand them a fresh or a counting one.
 */
export interface RedisScripts {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}
