//! The store's promises, checked on both databases: every test runs on an
//! in-memory SQLite and on a fresh PostgreSQL schema.

use super::idempotency::{ClaimRules, KeyClaim};
use super::*;
use std::future::Future;

/// Runs `test` on each backend, naming the one that fails.
async fn on_each_store<F, Fut>(test: F)
where
    F: Fn(LinkStore) -> Fut,
    Fut: Future<Output = ()>,
{
    eprintln!("on SQLite:");
    test(LinkStore::in_memory()).await;
    eprintln!("on PostgreSQL:");
    test(testing::postgres_store().await).await;
}

async fn new_link(store: &LinkStore) -> LinkId {
    let link = LinkId::from_uuid(uuid::Uuid::new_v4());
    store
        .insert(link, LinkRecord::for_test("1"))
        .await
        .expect("insert");
    link
}

fn paid(tx: &str) -> OrderState {
    OrderState::Paid {
        transaction_id: tx.into(),
    }
}

#[tokio::test]
async fn every_resolved_transaction_stays_linked() {
    on_each_store(|store| async move {
        let link = new_link(&store).await;
        store
            .set_transaction(&link, "tx-first-tab")
            .await
            .expect("tx");
        store
            .set_transaction(&link, "tx-second-tab")
            .await
            .expect("tx");
        store
            .set_transaction(&link, "tx-second-tab")
            .await
            .expect("again");
        for tx in ["tx-first-tab", "tx-second-tab"] {
            let owner = store.find_by_transaction(tx).await.expect("read");
            assert_eq!(owner.map(|(id, _)| id), Some(link));
        }
        assert_eq!(store.find_by_transaction("tx-other").await, Ok(None));
        assert_eq!(store.has_transaction(&link, "tx-first-tab").await, Ok(true));
        let other = new_link(&store).await;
        assert_eq!(
            store.has_transaction(&other, "tx-first-tab").await,
            Ok(false)
        );
        let r = store.find(&link).await.expect("read").expect("there");
        assert_eq!(r.transaction_id.as_deref(), Some("tx-second-tab"));
        assert_eq!(store.count().await, Ok(2));
    })
    .await;
}

#[tokio::test]
async fn an_orders_links_come_newest_first_and_its_payment_is_seen() {
    on_each_store(|store| async move {
        let mut made = Vec::new();
        for _ in 0..3 {
            let link = LinkId::from_uuid(uuid::Uuid::new_v4());
            let mut record = LinkRecord::for_test("2.50");
            record.order_id = "A-7".into();
            record.return_prefix = Some("https://shop.example/back/".into());
            store.insert(link, record).await.expect("insert");
            made.push(link);
        }
        let found = store.find_by_order(" A-7 ").await.expect("read");
        let ids: Vec<LinkId> = found.iter().map(|(id, _)| *id).collect();
        made.reverse();
        assert_eq!(ids, made, "newest first");
        assert_eq!(found[0].1.amount.minor, 250);
        assert_eq!(
            found[0].1.return_prefix.as_deref(),
            Some("https://shop.example/back/")
        );
        assert_eq!(store.order_is_paid("A-7").await, Ok(false));
        store.mark_paid(&made[1], "tx", None).await.expect("paid");
        assert_eq!(store.order_is_paid("A-7").await, Ok(true));
        let listed = store.list().await.expect("list");
        assert_eq!(listed.len(), 3);
        assert!(listed[0].2.ends_with('Z'), "UTC time: {}", listed[0].2);
    })
    .await;
}

#[tokio::test]
async fn only_the_allowed_moves_happen_and_each_happens_once() {
    on_each_store(|store| async move {
        let link = new_link(&store).await;
        assert_eq!(
            store.mark_failed(&link).await,
            Ok(Moved::Now(OrderState::Failed))
        );
        assert_eq!(
            store.mark_failed(&link).await,
            Ok(Moved::Already(OrderState::Failed))
        );
        // A declined card, then a good one.
        assert_eq!(
            store.mark_paid(&link, "tx2", Some("10.00")).await,
            Ok(Moved::Now(paid("tx2")))
        );
        assert_eq!(
            store.mark_paid(&link, "tx2", None).await,
            Ok(Moved::Already(paid("tx2")))
        );
        // Nothing un-pays it, and no other transaction takes it over.
        assert_eq!(
            store.mark_failed(&link).await,
            Ok(Moved::Already(paid("tx2")))
        );
        assert_eq!(
            store.mark_paid(&link, "tx3", None).await,
            Ok(Moved::Already(paid("tx2")))
        );
        // Only the paying transaction's refund counts.
        assert_eq!(
            store.mark_refunded(&link, "tx1", false).await,
            Ok(Moved::Already(paid("tx2")))
        );
        let part = OrderState::PartiallyRefunded {
            transaction_id: "tx2".into(),
        };
        assert_eq!(
            store.mark_refunded(&link, "tx2", true).await,
            Ok(Moved::Now(part.clone()))
        );
        assert_eq!(
            store.mark_refunded(&link, "tx2", true).await,
            Ok(Moved::Already(part))
        );
        let full = OrderState::Refunded {
            transaction_id: "tx2".into(),
        };
        assert_eq!(
            store.mark_refunded(&link, "tx2", false).await,
            Ok(Moved::Now(full.clone()))
        );
        for again in [
            store.mark_paid(&link, "tx2", None).await,
            store.mark_failed(&link).await,
            store.mark_refunded(&link, "tx2", true).await,
        ] {
            assert_eq!(again, Ok(Moved::Already(full.clone())));
        }
        // An open order cannot be refunded.
        let open = new_link(&store).await;
        assert_eq!(
            store.mark_refunded(&open, "tx", false).await,
            Ok(Moved::Already(OrderState::Open))
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_same_news_at_once_pays_an_order_once() {
    on_each_store(|store| async move {
        let link = new_link(&store).await;
        let racing: Vec<_> = (0..12)
            .map(|_| {
                let store = store.clone();
                tokio::spawn(async move {
                    loop {
                        match store.mark_paid(&link, "tx", None).await {
                            Err(StoreError::Busy) => continue,
                            other => break other,
                        }
                    }
                })
            })
            .collect();
        let mut now = 0;
        for r in racing {
            match r.await.expect("joined").expect("moved") {
                Moved::Now(s) => {
                    now += 1;
                    assert_eq!(s, paid("tx"));
                }
                Moved::Already(s) => assert_eq!(s, paid("tx")),
            }
        }
        assert_eq!(now, 1, "one caller made the move");
    })
    .await;
}

#[tokio::test]
async fn the_sweep_sees_resolved_unfinished_orders_longest_unswept_first() {
    on_each_store(|store| async move {
        let never_resolved = new_link(&store).await;
        let (a, b, c) = (
            new_link(&store).await,
            new_link(&store).await,
            new_link(&store).await,
        );
        for l in [a, b, c] {
            store
                .set_transaction(&l, &format!("tx-{l}"))
                .await
                .expect("tx");
        }
        store
            .mark_paid(&c, &format!("tx-{c}"), None)
            .await
            .expect("paid");
        let ids = |due: Vec<Found>| due.into_iter().map(|(id, _)| id).collect::<Vec<_>>();
        let first = ids(store.due_for_sweep(3600, 1).await.expect("due"));
        let second = ids(store.due_for_sweep(3600, 1).await.expect("due"));
        assert_eq!(first.len() + second.len(), 2);
        assert_ne!(first, second, "round robin: the one swept waits its turn");
        let all = ids(store.due_for_sweep(3600, 10).await.expect("due"));
        assert!(all.contains(&a) && all.contains(&b), "{all:?}");
        assert!(!all.contains(&c), "paid orders are done");
        assert!(!all.contains(&never_resolved), "nothing to look up yet");
        // Outside the window: resolved at least a second ago, window 0 s.
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        assert_eq!(store.due_for_sweep(0, 10).await.expect("due").len(), 0);
    })
    .await;
}

#[tokio::test]
async fn the_demo_reuses_its_newest_unopened_link() {
    on_each_store(|store| async move {
        let demo = |n: u32| {
            let mut r = LinkRecord::for_test("1");
            r.order_id = format!("demo-{n}");
            r
        };
        let (older, newer) = (
            LinkId::from_uuid(uuid::Uuid::new_v4()),
            LinkId::from_uuid(uuid::Uuid::new_v4()),
        );
        store.insert(older, demo(1)).await.expect("insert");
        store.insert(newer, demo(2)).await.expect("insert");
        assert_eq!(store.newest_demo_link("demo-", true).await, Ok(Some(newer)));
        store.set_transaction(&newer, "tx").await.expect("opened");
        assert_eq!(store.newest_demo_link("demo-", true).await, Ok(Some(older)));
        assert_eq!(
            store.newest_demo_link("demo-", false).await,
            Ok(Some(newer))
        );
        assert_eq!(store.newest_demo_link("other-", false).await, Ok(None));
    })
    .await;
}

const RULES: ClaimRules = ClaimRules {
    in_flight_secs: 30,
    keep_secs: 86_400,
    may_retake: false,
};

#[tokio::test]
async fn a_key_is_claimed_once_answered_after_and_refused_for_another_request() {
    on_each_store(|store| async move {
        assert_eq!(
            store.claim_key("k", "{a}", RULES).await,
            Ok(KeyClaim::Claimed)
        );
        assert_eq!(
            store.claim_key("k", "{a}", RULES).await,
            Ok(KeyClaim::InProgress)
        );
        assert_eq!(
            store.claim_key("k", "{b}", RULES).await,
            Ok(KeyClaim::Reused)
        );
        let link = LinkId::from_uuid(uuid::Uuid::new_v4());
        store
            .record_created(link, LinkRecord::for_test("1"), Some(("k", "\"answer\"")))
            .await
            .expect("recorded");
        assert_eq!(
            store.claim_key("k", "{a}", RULES).await,
            Ok(KeyClaim::Done("\"answer\"".into()))
        );
        assert!(store.find(&link).await.expect("read").is_some());
    })
    .await;
}

#[tokio::test]
async fn an_unknown_outcome_is_retaken_only_when_allowed_and_a_refusal_frees_the_key() {
    on_each_store(|store| async move {
        assert_eq!(
            store.claim_key("k", "r", RULES).await,
            Ok(KeyClaim::Claimed)
        );
        store.key_outcome_unknown("k").await.expect("marked");
        assert_eq!(
            store.claim_key("k", "r", RULES).await,
            Ok(KeyClaim::Unknown)
        );
        let retake = ClaimRules {
            may_retake: true,
            ..RULES
        };
        assert_eq!(
            store.claim_key("k", "r", retake).await,
            Ok(KeyClaim::Claimed)
        );
        store.release_key("k").await.expect("released");
        assert_eq!(
            store.claim_key("k", "other", RULES).await,
            Ok(KeyClaim::Claimed)
        );
        // A claim whose request was cut off long ago is no longer in flight.
        let stale = ClaimRules {
            in_flight_secs: 0,
            ..RULES
        };
        tokio::time::sleep(std::time::Duration::from_millis(1100)).await;
        assert_eq!(
            store.claim_key("k", "other", stale).await,
            Ok(KeyClaim::Unknown)
        );
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn of_concurrent_first_uses_of_a_key_one_claims_it() {
    on_each_store(|store| async move {
        let racing: Vec<_> = (0..12)
            .map(|_| {
                let store = store.clone();
                tokio::spawn(async move {
                    loop {
                        match store.claim_key("same", "req", RULES).await {
                            Err(StoreError::Busy) => continue,
                            other => break other,
                        }
                    }
                })
            })
            .collect();
        let mut claimed = 0;
        for r in racing {
            match r.await.expect("joined").expect("claim") {
                KeyClaim::Claimed => claimed += 1,
                other => assert_eq!(other, KeyClaim::InProgress),
            }
        }
        assert_eq!(claimed, 1);
    })
    .await;
}

#[tokio::test]
async fn paid_is_final_and_everything_survives_a_reopen() {
    let dir = tempfile::tempdir().expect("dir");
    let file = Location::Sqlite(dir.path().join("store.sqlite3"));
    let shared = Location::Postgres(crate::secret::Secret::new(
        testing::fresh_schema_url().await,
    ));
    for at in [file, shared] {
        let link = LinkId::from_uuid(uuid::Uuid::new_v4());
        {
            let store = LinkStore::open(&at).await.expect("open");
            store
                .insert(link, LinkRecord::for_test("1"))
                .await
                .expect("insert");
            store.mark_paid(&link, "tx", None).await.expect("paid");
        }
        let store = LinkStore::open(&at).await.expect("reopen");
        let r = store.get(&link).await.expect("still there");
        assert_eq!(r.order, paid("tx"));
        assert_eq!(r.amount.minor, 100);
        assert_eq!(store.list().await.expect("list").len(), 1);
        assert_eq!(store.ready().await, Ok(()));
    }
}

fn event(link: LinkId, n: u32) -> events::NewEvent {
    events::NewEvent {
        id: format!("link_callback:tx-{n}:success"),
        link,
        transactions: vec![format!("tx-{n}"), format!("tx-{n}-b")],
        announced: "success".into(),
    }
}

#[tokio::test]
async fn an_event_is_stored_once_and_claimed_by_one_worker_until_its_lease_ends() {
    use events::Outcome;
    on_each_store(|store| async move {
        let link = new_link(&store).await;
        let now = 1_000_000;
        for n in 0..4 {
            assert_eq!(store.store_event(&event(link, n), now).await, Ok(true));
        }
        assert_eq!(
            store.store_event(&event(link, 0), now).await,
            Ok(false),
            "again"
        );
        let first = store.claim_events(now, 60, 3).await.expect("claimed");
        let second = store.claim_events(now, 60, 3).await.expect("claimed");
        assert_eq!(
            (first.len(), second.len()),
            (3, 1),
            "each event to one worker"
        );
        assert_eq!(first[0].new.transactions, ["tx-0", "tx-0-b"]);
        assert_eq!(first[0].attempts, 1);
        assert!(store
            .claim_events(now + 30, 60, 10)
            .await
            .expect("none")
            .is_empty());

        // Worked: done; not yet: later; one let go: at once; one whose
        // worker died: once its lease ends.
        store
            .finish_event(&first[0].new.id, &Outcome::Done)
            .await
            .expect("done");
        let later = Outcome::RetryAt {
            at: now + 500,
            error: "not yet".into(),
        };
        store
            .finish_event(&first[1].new.id, &later)
            .await
            .expect("later");
        store
            .release_event(&first[2].new.id)
            .await
            .expect("released");
        let again = store.claim_events(now + 1, 60, 10).await.expect("claimed");
        assert_eq!(again.len(), 1);
        assert_eq!(
            (again[0].new.id.as_str(), again[0].attempts),
            (first[2].new.id.as_str(), 1)
        );
        let orphan = store
            .claim_events(now + 62, 1000, 10)
            .await
            .expect("claimed");
        let mut ids: Vec<&str> = orphan.iter().map(|e| e.new.id.as_str()).collect();
        ids.sort_unstable();
        let mut want = [second[0].new.id.as_str(), first[2].new.id.as_str()];
        want.sort_unstable();
        assert_eq!(ids, want);
        let due = store
            .claim_events(now + 500, 60, 10)
            .await
            .expect("claimed");
        assert_eq!(due.len(), 1);
        assert_eq!(due[0].attempts, 2);
        let gave_up = Outcome::LeftToSweep {
            error: "an hour".into(),
        };
        store
            .finish_event(&due[0].new.id, &gave_up)
            .await
            .expect("left");
        let counts = store.events_by_state().await.expect("counts");
        assert_eq!(
            counts,
            [
                ("done".to_owned(), 1),
                ("left_to_sweep".to_owned(), 1),
                ("pending".to_owned(), 2)
            ]
        );
        // Old worked events are forgotten; pending ones never are.
        assert_eq!(store.forget_events(now).await, Ok(0), "none older");
        assert_eq!(store.forget_events(now + 1).await, Ok(2));
        assert_eq!(
            store.events_by_state().await,
            Ok(vec![("pending".to_owned(), 2)])
        );
    })
    .await;
}

#[tokio::test]
async fn a_lease_has_one_holder_until_it_runs_out() {
    on_each_store(|store| async move {
        let now = 5_000;
        assert_eq!(store.take_lease("sweep", "a", now, 60).await, Ok(true));
        assert_eq!(
            store.take_lease("sweep", "b", now + 10, 60).await,
            Ok(false)
        );
        assert_eq!(
            store.take_lease("sweep", "a", now + 50, 60).await,
            Ok(true),
            "renewed"
        );
        assert_eq!(
            store.take_lease("sweep", "b", now + 100, 60).await,
            Ok(false)
        );
        assert_eq!(
            store.take_lease("sweep", "b", now + 111, 60).await,
            Ok(true),
            "ran out"
        );
        assert_eq!(store.take_lease("other", "a", now, 60).await, Ok(true));
    })
    .await;
}

#[tokio::test]
async fn a_sqlite_store_moves_into_postgresql_whole_and_a_second_copy_adds_nothing() {
    let dir = tempfile::tempdir().expect("dir");
    let file = dir.path().join("one-machine.sqlite3");
    let (paid_link, open_link) = {
        let store = LinkStore::open_sqlite(&file).expect("sqlite");
        let paid_link = new_link(&store).await;
        store
            .set_transaction(&paid_link, "tx-paid")
            .await
            .expect("tx");
        store
            .mark_paid(&paid_link, "tx-paid", Some("1.00"))
            .await
            .expect("paid");
        let open_link = new_link(&store).await;
        store
            .claim_key("key-1", "{req}", RULES)
            .await
            .expect("claimed");
        store
            .store_event(&event(paid_link, 7), 1_000)
            .await
            .expect("event");
        (paid_link, open_link)
    };
    let url = testing::fresh_schema_url().await;
    let report = copy::copy_sqlite_to_postgres(&file, &url)
        .await
        .expect("copied");
    let copied: Vec<u64> = report.tables.iter().map(|(_, c, _)| *c).collect();
    assert_eq!(copied, [2, 1, 1, 1], "{report}");

    let pg = LinkStore::open(&Location::Postgres(crate::secret::Secret::new(url.clone())))
        .await
        .expect("postgres");
    assert_eq!(
        pg.find(&paid_link).await.expect("read").map(|r| r.order),
        Some(paid("tx-paid"))
    );
    assert_eq!(
        pg.find_by_transaction("tx-paid")
            .await
            .expect("read")
            .map(|(id, _)| id),
        Some(paid_link)
    );
    assert!(pg.find(&open_link).await.expect("read").is_some());
    assert_eq!(
        pg.claim_key("key-1", "{req}", RULES).await,
        Ok(KeyClaim::InProgress)
    );
    assert_eq!(pg.events_by_state().await, Ok(vec![("pending".into(), 1)]));
    // New links after the move come after the old ones.
    let later = new_link(&pg).await;
    let listed: Vec<String> = pg
        .list()
        .await
        .expect("list")
        .into_iter()
        .map(|(id, ..)| id)
        .collect();
    assert_eq!(listed.first(), Some(&later.to_string()));

    let again = copy::copy_sqlite_to_postgres(&file, &url)
        .await
        .expect("again");
    assert!(again.tables.iter().all(|(_, c, _)| *c == 0), "{again}");
}
