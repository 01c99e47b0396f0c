/**
 * The few Redis commands the shared stores use, as node-redis (`redis` 6) offers them. Typed here so the
 * stores take any client of the node's own (`createClient()`) and tests can hand them a fresh one.
 */
export interface RedisKeyValue {
  set(key: string, value: string, options: { expiration: { type: 'PX'; value: number }; condition?: 'NX' }): Promise<string | null>;
  get(key: string): Promise<string | null>;
}
