//! Amwal's deliveries after the 200: stored events, worked by any
//! instance. A worker claims due events (one worker per event, across
//! instances), fetches Amwal's record and settles the order. News Amwal's
//! record does not show yet, or a call that failed, is tried again with
//! backoff for `--callback-retry-secs`, then left to the sweep. An event
//! whose worker died is claimed again once its lease ends; a stopping
//! instance finishes the event in hand and lets go of the rest.

use super::settle::{self, SettleError};
use crate::amwal::AmwalError;
use crate::state::AppState;
use crate::store::events::{next_try, Event, Outcome};
use crate::store::{LinkRecord, Moved};
use amwal_core::api::TxStatus;
use amwal_core::{LinkId, TransactionId};
use futures_util::StreamExt;
use std::time::Duration;
use tokio::sync::watch;

/// Events claimed at once, and worked at once by one instance.
const BATCH: usize = 16;
const CONCURRENT: usize = 4;
/// How often an idle instance looks for events due (its own new ones wake
/// it at once).
const IDLE_POLL: Duration = Duration::from_millis(500);

/// Runs this instance's workers until `stop` turns true.
pub fn spawn(st: AppState, mut stop: watch::Receiver<bool>) -> tokio::task::JoinHandle<()> {
    tokio::spawn(async move {
        loop {
            if *stop.borrow() {
                return;
            }
            let now = crate::store::events::unix_millis();
            match st
                .links
                .claim_events(now, st.settings.callback_retry.lease_ms, BATCH)
                .await
            {
                Ok(events) if !events.is_empty() => work_batch(&st, events, &stop).await,
                Ok(_) => {
                    tokio::select! {
                        _ = st.inbox.woken() => {}
                        _ = tokio::time::sleep(IDLE_POLL) => {}
                        _ = stop.changed() => {}
                    }
                }
                Err(e) => {
                    crate::log!("callbacks: cannot claim stored events: {e}");
                    tokio::time::sleep(IDLE_POLL).await;
                }
            }
        }
    })
}

async fn work_batch(st: &AppState, events: Vec<Event>, stop: &watch::Receiver<bool>) {
    futures_util::stream::iter(events)
        .for_each_concurrent(CONCURRENT, |event| async move {
            if *stop.borrow() {
                if let Err(e) = st.links.release_event(&event.new.id).await {
                    crate::log!("callbacks: event {} not released: {e}", event.new.id);
                }
                return;
            }
            let outcome = work(st, &event).await;
            if let Err(e) = st.links.finish_event(&event.new.id, &outcome).await {
                // Its lease ends and another worker takes it again.
                crate::log!("callbacks: event {} not recorded: {e}", event.new.id);
            }
        })
        .await;
}

/// The status an event's sender announced.
fn announced(word: &str) -> TxStatus {
    match word.trim() {
        "order.success" => TxStatus::Paid,
        "order.failed" => TxStatus::Failed,
        other => TxStatus::from_word(other),
    }
}

fn is_final(s: TxStatus) -> bool {
    !matches!(s, TxStatus::Pending | TxStatus::Unknown)
}

/// Works one event: Amwal's record read and applied, or when to try again.
pub async fn work(st: &AppState, event: &Event) -> Outcome {
    let e = &event.new;
    let link = e.link;
    let again = |why: String| {
        let now = crate::store::events::unix_millis();
        match next_try(
            st.settings.callback_retry,
            event.attempts,
            event.received_at,
            now,
        ) {
            Some(at) => Outcome::RetryAt { at, error: why },
            None => {
                crate::log!(
                    "callback for {link}: given up after retries ({why}); left to the sweep"
                );
                Outcome::LeftToSweep { error: why }
            }
        }
    };
    let record = match st.links.find(&link).await {
        Ok(Some(r)) => r,
        Ok(None) => {
            crate::log!("callback for {link}: the link is gone from the store");
            return Outcome::Done;
        }
        Err(err) => return again(err.to_string()),
    };
    let candidates: Vec<TransactionId> = e
        .transactions
        .iter()
        .filter_map(|t| TransactionId::parse(t).ok())
        .collect();
    let settled = if candidates.is_empty() {
        settle::settle_link(st, &link, &record)
            .await
            .map(|found| found.map(|(tx, _)| TxStatus::from_word(&tx.status)))
    } else {
        settle_first_known(st, &link, &record, &candidates)
            .await
            .map(|(status, _)| Some(status))
    };
    let said = announced(&e.announced);
    match settled {
        Ok(status) if is_final(said) && !status.is_some_and(is_final) => {
            crate::log!("callback for {link}: announced {said:?}, Amwal's record not yet");
            again("Amwal's record does not show this outcome yet".into())
        }
        Ok(_) => Outcome::Done,
        Err(SettleError::NotOfLink) => {
            crate::log!("callback for {link}: Amwal does not list the transaction under this link");
            Outcome::Done
        }
        // A fresh transaction may not be in Amwal's record yet.
        Err(SettleError::Amwal(err)) if err.is_not_found() && !is_final(said) => {
            crate::log!("callback for {link}: {err}");
            Outcome::Done
        }
        Err(err) => {
            crate::log!("callback for {link}: {err}");
            again(err.to_string())
        }
    }
}

/// Settles from the first candidate transaction Amwal knows.
async fn settle_first_known(
    st: &AppState,
    link: &LinkId,
    record: &LinkRecord,
    candidates: &[TransactionId],
) -> Result<(TxStatus, Moved), SettleError> {
    let mut last = SettleError::Amwal(AmwalError::Refused {
        status: 404,
        body: None,
    });
    for tx in candidates {
        match settle::settle(st, link, record, tx).await {
            Ok((details, moved)) => return Ok((TxStatus::from_word(&details.status), moved)),
            // Another candidate may be the one: a link mismatch outranks
            // "not found" as the answer if none is.
            Err(SettleError::NotOfLink) => last = SettleError::NotOfLink,
            Err(SettleError::Amwal(e)) if e.is_not_found() => {
                if last != SettleError::NotOfLink {
                    last = SettleError::Amwal(e);
                }
            }
            Err(e) => return Err(e),
        }
    }
    Err(last)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Cli;
    use crate::store::events::{unix_millis, NewEvent};
    use clap::Parser;

    #[tokio::test]
    async fn a_stopping_instance_lets_go_of_the_events_it_holds() {
        let (st, _) = crate::state::build(&Cli::parse_from(["amwal-proxy"]), "http://127.0.0.1:9")
            .await
            .expect("built");
        let link = amwal_core::LinkId::from_uuid(uuid::Uuid::new_v4());
        st.links
            .insert(link, crate::store::LinkRecord::for_test("1"))
            .await
            .expect("link");
        for n in 0..3 {
            let event = NewEvent {
                id: format!("link_callback:tx-{n}:success"),
                link,
                transactions: vec![format!("tx-{n}")],
                announced: "success".into(),
            };
            st.links.store_event(&event, 0).await.expect("stored");
        }
        let held = st
            .links
            .claim_events(unix_millis(), 60_000, 10)
            .await
            .expect("claimed");
        assert_eq!(held.len(), 3);
        let (_, stop) = watch::channel(true);
        work_batch(&st, held, &stop).await;
        // Another instance takes them at once, not a lease later, and
        // finds them untried.
        let again = st
            .links
            .claim_events(unix_millis(), 60_000, 10)
            .await
            .expect("claimed");
        assert_eq!(again.len(), 3);
        assert!(again.iter().all(|e| e.attempts == 1), "{again:?}");
    }
}
