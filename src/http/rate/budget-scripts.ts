/**
 * The shared budget's Lua scripts. Redis runs each one atomically, so two copies can never both take the
 * last request of a bucket or the last slot in flight.
 *
 * Keys: KEYS[1] is one bucket's hash {limit, remaining, reset (Okta's clock, epoch ms)}; KEYS[2] the org's
 * sorted set of leases in flight, scored by when each lease expires on Redis' own clock (so copies whose
 * clocks differ agree on it, and a copy that dies frees its slots when its leases expire).
 */

/** ARGV: okta_now_ms, headroom, max_concurrent, lease_id, lease_ms. Returns {0,0} granted, {1,0} no slot, {2,wait_ms} bucket at its reserve. */
export const RESERVE_SCRIPT = `
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local lease_ms = tonumber(ARGV[5])
redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now)
if redis.call('ZCARD', KEYS[2]) >= tonumber(ARGV[3]) then return {1, 0} end
local okta_now = tonumber(ARGV[1])
local b = redis.call('HMGET', KEYS[1], 'limit', 'remaining', 'reset')
if b[1] then
  local limit, remaining, reset = tonumber(b[1]), tonumber(b[2]), tonumber(b[3])
  if reset > okta_now then
    if remaining <= math.floor(limit * tonumber(ARGV[2])) then return {2, reset - okta_now} end
    redis.call('HSET', KEYS[1], 'remaining', remaining - 1)
  end
end
redis.call('ZADD', KEYS[2], now + lease_ms, ARGV[4])
if redis.call('PTTL', KEYS[2]) < lease_ms then redis.call('PEXPIRE', KEYS[2], lease_ms) end
return {0, 0}
`;

/**
 * ARGV: limit, remaining, reset_ms (Okta's clock), okta_now_ms. An answer from an older window is ignored; in
 * the same window the lower count wins (reservations other copies hold are not in Okta's count yet); a newer
 * window replaces the old one. The key expires a little after its window.
 */
export const RECORD_SCRIPT = `
local reset = tonumber(ARGV[3])
local remaining = tonumber(ARGV[2])
local stored = redis.call('HMGET', KEYS[1], 'remaining', 'reset')
if stored[2] then
  local stored_reset = tonumber(stored[2])
  if reset < stored_reset then return 0 end
  if reset == stored_reset then remaining = math.min(remaining, tonumber(stored[1])) end
end
redis.call('HSET', KEYS[1], 'limit', ARGV[1], 'remaining', remaining, 'reset', reset)
redis.call('PEXPIRE', KEYS[1], math.max(reset - tonumber(ARGV[4]), 0) + 5000)
return 1
`;
