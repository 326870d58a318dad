//! Who may do how much: budgets per client address, per link (resolves
//! reach Amwal, which may send an SMS) and for Amwal's deliveries, behind
//! one small interface so several instances can share a counter later.

use amwal_core::LinkId;
use futures_util::future::BoxFuture;
use governor::clock::{Clock, DefaultClock};
use governor::middleware::NoOpMiddleware;
use governor::state::keyed::DefaultKeyedStateStore;
use governor::state::{InMemoryState, NotKeyed};
use governor::Quota;
use std::net::IpAddr;
use std::num::NonZeroU32;
use std::sync::{Arc, Weak};
use std::time::Duration;

/// What one request is counted against.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Budget {
    /// A shopper (or a merchant's backend), by address.
    Client(IpAddr),
    /// Resolves of one link, from every address together.
    Link(LinkId),
    /// Amwal's callbacks and webhooks, together.
    Callbacks,
}

/// A budget spent: how long until it allows one more.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Spent {
    pub retry_after: Duration,
}

impl Spent {
    /// Whole seconds for `Retry-After`, at least 1.
    pub fn retry_after_secs(&self) -> u32 {
        let secs = self.retry_after.as_secs() + u64::from(self.retry_after.subsec_nanos() > 0);
        u32::try_from(secs.max(1)).unwrap_or(u32::MAX)
    }
}

/// Counts requests against their budgets. Async, so a shared counter (over
/// the network) fits behind it.
pub trait Limiter: Send + Sync {
    fn check(&self, budget: Budget) -> BoxFuture<'_, Result<(), Spent>>;
}

/// Requests a minute allowed by each budget (0 for none: every request is
/// refused).
#[derive(Debug, Clone, Copy)]
pub struct Budgets {
    pub per_client: u32,
    pub per_link: u32,
    pub callbacks: u32,
}

type Keyed<K, C> =
    governor::RateLimiter<K, DefaultKeyedStateStore<K>, C, NoOpMiddleware<<C as Clock>::Instant>>;
type Direct<C> =
    governor::RateLimiter<NotKeyed, InMemoryState, C, NoOpMiddleware<<C as Clock>::Instant>>;

/// This process's own counters: a GCRA cell per key (a few dozen bytes,
/// constant work per request), keys back at a full budget swept away by
/// [`LocalLimiter::sweep`].
pub struct LocalLimiter<C: Clock = DefaultClock> {
    clients: Keyed<IpAddr, C>,
    links: Keyed<LinkId, C>,
    callbacks: Direct<C>,
    clock: C,
}

fn per_minute(n: u32) -> Quota {
    // A budget of 0 would be no quota at all; 1 a minute is the floor.
    Quota::per_minute(NonZeroU32::new(n).unwrap_or(NonZeroU32::MIN))
}

impl LocalLimiter<DefaultClock> {
    pub fn new(budgets: Budgets) -> LocalLimiter {
        LocalLimiter::with_clock(budgets, DefaultClock::default())
    }
}

impl<C: Clock + Clone> LocalLimiter<C> {
    pub fn with_clock(b: Budgets, clock: C) -> LocalLimiter<C> {
        LocalLimiter {
            clients: governor::RateLimiter::dashmap_with_clock(
                per_minute(b.per_client),
                clock.clone(),
            ),
            links: governor::RateLimiter::dashmap_with_clock(per_minute(b.per_link), clock.clone()),
            callbacks: governor::RateLimiter::direct_with_clock(
                per_minute(b.callbacks),
                clock.clone(),
            ),
            clock,
        }
    }

    /// Counts one request; `Err` says when to come back.
    pub fn check_now(&self, budget: Budget) -> Result<(), Spent> {
        let outcome = match budget {
            Budget::Client(ip) => self.clients.check_key(&ip),
            Budget::Link(link) => self.links.check_key(&link),
            Budget::Callbacks => self.callbacks.check(),
        };
        outcome.map_err(|not_until| Spent {
            retry_after: not_until.wait_time_from(self.clock.now()),
        })
    }

    /// Forgets every key whose budget is full again: memory follows the
    /// clients of the last minute, not every client ever seen.
    pub fn sweep(&self) {
        self.clients.retain_recent();
        self.clients.shrink_to_fit();
        self.links.retain_recent();
        self.links.shrink_to_fit();
    }

    /// Keys held (clients and links).
    pub fn tracked(&self) -> usize {
        self.clients.len() + self.links.len()
    }
}

impl<C> Limiter for LocalLimiter<C>
where
    C: Clock + Clone + Send + Sync,
    C::Instant: Send + Sync,
{
    fn check(&self, budget: Budget) -> BoxFuture<'_, Result<(), Spent>> {
        let outcome = self.check_now(budget);
        Box::pin(async move { outcome })
    }
}

/// Sweeps `limiter` every `every` while it lives (it ends with the last
/// handle). Needs a Tokio runtime; without one nothing is swept.
pub fn sweep_periodically(limiter: &Arc<LocalLimiter>, every: Duration) {
    let Ok(runtime) = tokio::runtime::Handle::try_current() else {
        return;
    };
    let weak: Weak<LocalLimiter> = Arc::downgrade(limiter);
    runtime.spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.tick().await;
        loop {
            tick.tick().await;
            match weak.upgrade() {
                Some(limiter) => limiter.sweep(),
                None => return,
            }
        }
    });
}

#[cfg(test)]
mod tests {
    use super::*;
    use governor::clock::FakeRelativeClock;

    fn limiter(per_client: u32) -> (LocalLimiter<FakeRelativeClock>, FakeRelativeClock) {
        let clock = FakeRelativeClock::default();
        let budgets = Budgets {
            per_client,
            per_link: 2,
            callbacks: 1,
        };
        (LocalLimiter::with_clock(budgets, clock.clone()), clock)
    }

    #[test]
    fn a_budget_refills_over_the_minute_and_says_when() {
        let (l, clock) = limiter(2);
        let ip: IpAddr = [127, 0, 0, 1].into();
        assert_eq!(l.check_now(Budget::Client(ip)), Ok(()));
        assert_eq!(l.check_now(Budget::Client(ip)), Ok(()));
        let spent = l.check_now(Budget::Client(ip)).expect_err("spent");
        assert_eq!(spent.retry_after_secs(), 30, "one request every 30 s");
        let other: IpAddr = [10, 0, 0, 2].into();
        assert_eq!(l.check_now(Budget::Client(other)), Ok(()), "per address");
        clock.advance(Duration::from_secs(30));
        assert_eq!(l.check_now(Budget::Client(ip)), Ok(()));
    }

    #[test]
    fn links_and_callbacks_have_budgets_of_their_own() {
        let (l, _) = limiter(1);
        let link = LinkId::from_uuid(uuid::Uuid::new_v4());
        let ip: IpAddr = [127, 0, 0, 1].into();
        assert_eq!(l.check_now(Budget::Client(ip)), Ok(()));
        assert!(l.check_now(Budget::Client(ip)).is_err());
        assert_eq!(l.check_now(Budget::Link(link)), Ok(()));
        assert_eq!(l.check_now(Budget::Link(link)), Ok(()));
        assert!(l.check_now(Budget::Link(link)).is_err());
        assert_eq!(l.check_now(Budget::Callbacks), Ok(()));
        assert!(l.check_now(Budget::Callbacks).is_err());
    }

    #[test]
    fn memory_follows_the_last_minute_not_every_client_ever_seen() {
        let (l, clock) = limiter(10);
        for i in 0..100_000u32 {
            let ip = IpAddr::from(i.to_be_bytes());
            assert_eq!(l.check_now(Budget::Client(ip)), Ok(()));
        }
        assert_eq!(l.tracked(), 100_000);
        l.sweep();
        assert_eq!(l.tracked(), 100_000, "all still counting this minute");
        clock.advance(Duration::from_secs(60));
        l.sweep();
        assert_eq!(l.tracked(), 0, "budgets full again are forgotten");
    }
}
