/*
 * The Lua scripts of `RedisLease`, each one atomic step on Redis. KEYS[1] is the lease (its value the
 * holder, its expiry the end of the hold); KEYS[2] counts acquisitions, the fencing tokens, and never
 * expires. ARGV[1] is the competing lease's holder value, ARGV[2] the hold in ms.
 */

/**
 * Wins a free lease (`SET NX PX`) and answers its new fencing token; nil when another holds it. A lease
 * still carrying this holder's value (a renewal it gave up waiting for, a loss it declared early) is won
 * again with a new token: nobody else can have held it since.
 */
export const ACQUIRE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  redis.call('PEXPIRE', KEYS[1], ARGV[2])
elseif not redis.call('SET', KEYS[1], ARGV[1], 'NX', 'PX', ARGV[2]) then
  return false
end
return redis.call('INCR', KEYS[2])
`;

/** Extends the hold when this holder has it: 1, else 0 (expired, or another holds it now). */
export const RENEW = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('PEXPIRE', KEYS[1], ARGV[2])
end
return 0
`;

/** Frees the lease when this holder has it: 1, else 0. */
export const RELEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then
  return redis.call('DEL', KEYS[1])
end
return 0
`;
