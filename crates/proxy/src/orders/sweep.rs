//! The periodic sweep: orders resolved lately and still open (or failed)
//! are looked up in Amwal's link details, so a payment whose callback never
//! arrived still settles. Amwal's own Magento module runs one too. Each run
//! looks up at most `--sweep-max-orders` orders (one link-details call
//! each), those looked at longest ago first. With several instances on
//! one store, one at a time sweeps (a lease in the store elects it).

use crate::orders::settle;
use crate::state::AppState;
use crate::store::Moved;

/// How long a worked callback event is kept (30 days).
const KEEP_WORKED_EVENTS_MS: i64 = 30 * 24 * 3600 * 1000;

/// What one run did.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct SweepReport {
    pub looked_at: usize,
    pub settled: usize,
    pub failed_calls: usize,
}

/// Starts the sweep in the background, unless it is turned off.
pub fn spawn(st: AppState) -> Option<tokio::task::JoinHandle<()>> {
    let every = st.settings.sweep.every?;
    Some(tokio::spawn(async move {
        let mut tick = tokio::time::interval(every);
        tick.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
        // The first tick is immediate: the first sweep waits one interval.
        tick.tick().await;
        // Several instances share the store: the one holding the lease
        // sweeps; another takes over once a holder stops renewing it.
        let me = uuid::Uuid::new_v4().to_string();
        let lease_ms = i64::try_from(every.as_millis().saturating_mul(3)).unwrap_or(i64::MAX);
        loop {
            tick.tick().await;
            let now = crate::store::events::unix_millis();
            match st.links.take_lease("sweep", &me, now, lease_ms).await {
                Ok(true) => {}
                Ok(false) => continue,
                Err(e) => {
                    crate::log!("sweep: skipped, the store is unavailable: {e}");
                    continue;
                }
            }
            let report = run_once(&st).await;
            // Worked events are kept a while for an operator to look at.
            let before = now.saturating_sub(KEEP_WORKED_EVENTS_MS);
            if let Err(e) = st.links.forget_events(before).await {
                crate::log!("sweep: old callback events not forgotten: {e}");
            }
            if report.settled > 0 || report.failed_calls > 0 {
                crate::log!(
                    "sweep: looked at {} orders, settled {}, {} calls failed",
                    report.looked_at,
                    report.settled,
                    report.failed_calls
                );
            }
        }
    }))
}

/// One sweep over the orders due.
pub async fn run_once(st: &AppState) -> SweepReport {
    let sweep = st.settings.sweep;
    let due = st
        .links
        .due_for_sweep(sweep.window_secs, sweep.max_orders)
        .await;
    let due = match due {
        Ok(due) => due,
        Err(e) => {
            crate::log!("sweep: {e}");
            return SweepReport::default();
        }
    };
    let mut report = SweepReport {
        looked_at: due.len(),
        ..SweepReport::default()
    };
    for (link, record) in due {
        match settle::settle_link(st, &link, &record).await {
            Ok(Some((_, Moved::Now(_)))) => report.settled += 1,
            Ok(_) => {}
            Err(e) => {
                report.failed_calls += 1;
                crate::log!("sweep of {link}: {e}");
            }
        }
    }
    report
}
