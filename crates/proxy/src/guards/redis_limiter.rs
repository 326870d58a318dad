//! Budgets counted in Redis (`--redis-url`), so several proxies behind one
//! load balancer share them: the same GCRA as [`LocalLimiter`], one cell
//! per key, kept by a Lua script on Redis's own clock (instances' clocks
//! may differ), expiring once full again. While Redis does not answer,
//! each instance counts alone rather than refusing or waving everyone
//! through, and says so in its log once a minute.

use super::limiter::{Budget, Budgets, Limiter, LocalLimiter, Spent};
use futures_util::future::BoxFuture;
use redis::aio::{ConnectionManager, ConnectionManagerConfig};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

/// One GCRA step. KEYS[1]: the cell; ARGV[1]: microseconds per request;
/// ARGV[2]: the burst (requests allowed at once). Returns 0 when allowed,
/// else the microseconds until one more is.
const GCRA: &str = r"
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000000 + tonumber(t[2])
local interval = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local tat = tonumber(redis.call('GET', KEYS[1])) or now
if tat < now then tat = now end
local next_tat = tat + interval
local allowed_at = next_tat - interval * burst
if allowed_at > now then return allowed_at - now end
redis.call('SET', KEYS[1], next_tat, 'PX', math.ceil((next_tat - now) / 1000) + 1)
return 0
";

/// How long a check waits for Redis before counting locally.
const REDIS_WAIT: Duration = Duration::from_millis(250);

pub struct RedisLimiter {
    redis: ConnectionManager,
    script: redis::Script,
    budgets: Budgets,
    /// Keys are `{prefix}:{kind}:{key}`, so proxies of different stores
    /// can share one Redis.
    prefix: String,
    /// Counts while Redis is away.
    fallback: Arc<LocalLimiter>,
    last_warning: AtomicU64,
}

impl RedisLimiter {
    /// Connects lazily: a proxy starts while Redis is still coming up.
    pub fn new(
        url: &str,
        prefix: &str,
        budgets: Budgets,
        fallback: Arc<LocalLimiter>,
    ) -> Result<RedisLimiter, String> {
        let client = redis::Client::open(url).map_err(|e| format!("--redis-url: {e}"))?;
        let config = ConnectionManagerConfig::new()
            .set_connection_timeout(Some(REDIS_WAIT))
            .set_response_timeout(Some(REDIS_WAIT))
            .set_number_of_retries(1);
        let redis = ConnectionManager::new_lazy_with_config(client, config)
            .map_err(|e| format!("--redis-url: {e}"))?;
        Ok(RedisLimiter {
            redis,
            script: redis::Script::new(GCRA),
            budgets,
            prefix: prefix.to_owned(),
            fallback,
            last_warning: AtomicU64::new(0),
        })
    }

    fn cell(&self, budget: Budget) -> (String, u32) {
        match budget {
            Budget::Client(ip) => (
                format!("{}:client:{ip}", self.prefix),
                self.budgets.per_client,
            ),
            Budget::Link(link) => (
                format!("{}:link:{link}", self.prefix),
                self.budgets.per_link,
            ),
            Budget::Callbacks => (format!("{}:callbacks", self.prefix), self.budgets.callbacks),
        }
    }

    async fn check_shared(&self, budget: Budget) -> redis::RedisResult<Result<(), Spent>> {
        let (key, per_minute) = self.cell(budget);
        let per_minute = per_minute.max(1);
        let interval_us = 60_000_000 / u64::from(per_minute);
        let mut redis = self.redis.clone();
        let wait_us: u64 = self
            .script
            .key(key)
            .arg(interval_us)
            .arg(per_minute)
            .invoke_async(&mut redis)
            .await?;
        Ok(if wait_us == 0 {
            Ok(())
        } else {
            Err(Spent {
                retry_after: Duration::from_micros(wait_us),
            })
        })
    }

    fn warn_at_most_once_a_minute(&self, e: &redis::RedisError) {
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs());
        let last = self.last_warning.load(Ordering::Relaxed);
        if now >= last + 60
            && self
                .last_warning
                .compare_exchange(last, now, Ordering::Relaxed, Ordering::Relaxed)
                .is_ok()
        {
            crate::log!("rate limits: Redis does not answer ({e}); counting in this instance only");
        }
    }
}

impl Limiter for RedisLimiter {
    fn check(&self, budget: Budget) -> BoxFuture<'_, Result<(), Spent>> {
        Box::pin(async move {
            match self.check_shared(budget).await {
                Ok(outcome) => outcome,
                Err(e) => {
                    self.warn_at_most_once_a_minute(&e);
                    self.fallback.check_now(budget)
                }
            }
        })
    }
}
