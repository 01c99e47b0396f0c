/*
 * The Lua scripts of `RedisPresence`: each change to the shared presence is one script, so it is atomic
 * across nodes, and the announcement it implies is published inside it, once, by the node that ran it.
 *
 * Keys, under the prefix `p` (ARGV[1]); a scope id is `channel` or `channel|location_id`:
 *   p..'nodes'            sorted set: node id → the Redis time (ms) its heartbeat runs out
 *   p..'node:'..node      hash: JSON `[scope id, user id]` → that node's connections holding the user there
 *   p..'counts:'..scope   hash: user id → connections holding the user in the scope, on every node
 *   p..'users:'..scope    hash: user id → the user's entry (JSON), from their first join anywhere
 *   p..'announcements'    channel: `{"node","event","scope","user"}`, published by the node that decided
 * A sweep reaches keys named inside the script (a dead node's scopes), so this needs one Redis, not a cluster.
 *
 * Every script answers a flat list whose tail is the announcements it made, three items each:
 * event, scope id, entry.
 */

const PRELUDE = `
local p, node = ARGV[1], ARGV[2]
local function now_ms()
  local t = redis.call('TIME')
  return tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
end
local out = {}
-- Moves a user's connection total in a scope by delta; when the user arrives or goes, publishes and records it.
local function adjust(scope, user_id, delta, entry)
  local counts, users = p .. 'counts:' .. scope, p .. 'users:' .. scope
  local total = redis.call('HINCRBY', counts, user_id, delta)
  local event
  if total <= 0 then
    redis.call('HDEL', counts, user_id)
    if total - delta <= 0 then return false end
    entry = redis.call('HGET', users, user_id)
    redis.call('HDEL', users, user_id)
    if not entry then return false end
    event = 'user_left'
  elseif total - delta <= 0 then
    redis.call('HSET', users, user_id, entry)
    event = 'user_joined'
  else
    return false
  end
  redis.call('PUBLISH', p .. 'announcements',
    '{"node":' .. cjson.encode(node) .. ',"event":"' .. event .. '","scope":' .. cjson.encode(scope) .. ',"user":' .. entry .. '}')
  table.insert(out, event)
  table.insert(out, scope)
  table.insert(out, entry)
  return true
end
-- Moves this node's own count of a user in a scope.
local function own(field, delta)
  local key = p .. 'node:' .. node
  if redis.call('HINCRBY', key, field, delta) <= 0 then redis.call('HDEL', key, field) end
end
`;

/**
 * One connection joins: ARGV p, node, scope id, field, user id, entry. Answers `first`, `again` (with the
 * user's entry) or `swept` when this node's heartbeat had run out: then nothing changed.
 */
export const JOIN = `${PRELUDE}
if not redis.call('ZSCORE', p .. 'nodes', node) then return {'swept'} end
local scope, field, user_id, entry = ARGV[3], ARGV[4], ARGV[5], ARGV[6]
own(field, 1)
if adjust(scope, user_id, 1, entry) then return {'first', entry} end
return {'again', redis.call('HGET', p .. 'users:' .. scope, user_id) or entry}
`;

/**
 * One user's connection leaves scopes: ARGV p, node, user id, then scope id and field per scope.
 * Answers `ok` or `swept` (nothing changed), then the departures.
 */
export const LEAVE = `${PRELUDE}
if not redis.call('ZSCORE', p .. 'nodes', node) then return {'swept'} end
table.insert(out, 'ok')
local user_id = ARGV[3]
for i = 4, #ARGV, 2 do
  local field = ARGV[i + 1]
  if tonumber(redis.call('HGET', p .. 'node:' .. node, field) or '0') > 0 then
    own(field, -1)
    adjust(ARGV[i], user_id, -1, '')
  end
end
return out
`;

/**
 * A heartbeat and a sweep: ARGV p, node, ttl ms. Renews this node's heartbeat unless it has run out
 * (then answers `swept` first and the node must sync), and takes out the users of nodes whose heartbeat
 * ran out, announcing those who are now gone. Of two nodes sweeping at once, one finds the work done.
 */
export const TICK = `${PRELUDE}
local nodes, now = p .. 'nodes', now_ms()
if redis.call('ZSCORE', nodes, node) then
  redis.call('ZADD', nodes, now + tonumber(ARGV[3]), node)
  table.insert(out, 'ok')
else
  table.insert(out, 'swept')
end
for _, dead in ipairs(redis.call('ZRANGEBYSCORE', nodes, '-inf', now, 'LIMIT', 0, 20)) do
  local key = p .. 'node:' .. dead
  local held = redis.call('HGETALL', key)
  for i = 1, #held, 2 do
    local at = cjson.decode(held[i])
    adjust(at[1], at[2], -tonumber(held[i + 1]), '')
  end
  redis.call('DEL', key)
  redis.call('ZREM', nodes, dead)
end
return out
`;

/**
 * Makes Redis hold exactly this node's connections: ARGV p, node, ttl ms (0: the node retires), then
 * field, count and entry per user and scope held here. Announces only real arrivals and departures.
 */
export const SYNC = `${PRELUDE}
local nodes, key, ttl = p .. 'nodes', p .. 'node:' .. node, tonumber(ARGV[3])
if ttl > 0 then redis.call('ZADD', nodes, now_ms() + ttl, node) else redis.call('ZREM', nodes, node) end
local before = {}
local held = redis.call('HGETALL', key)
for i = 1, #held, 2 do before[held[i]] = tonumber(held[i + 1]) end
redis.call('DEL', key)
for i = 4, #ARGV, 3 do
  local field, count = ARGV[i], tonumber(ARGV[i + 1])
  local at = cjson.decode(field)
  redis.call('HSET', key, field, count)
  local delta = count - (before[field] or 0)
  before[field] = nil
  if delta ~= 0 then adjust(at[1], at[2], delta, ARGV[i + 2]) end
end
for field, count in pairs(before) do
  local at = cjson.decode(field)
  adjust(at[1], at[2], -count, '')
end
return out
`;
