//! The demo's links: made at the embedded sandbox and recorded as this
//! store's, for a fictional customer, as a merchant's backend would.

use crate::api::create::{self, NewLink};
use crate::error::AppError;
use crate::state::AppState;
use amwal_core::LinkId;
use std::sync::atomic::{AtomicU64, Ordering};

static DEMO_ORDERS: AtomicU64 = AtomicU64::new(1001);
/// The demo's orders are `demo-1001`, `demo-1002`…
pub const DEMO_ORDER_PREFIX: &str = "demo-";
/// Past this many links in the store, visitors share the newest open one.
const MAX_DEMO_LINKS: u64 = 10_000;

/// A demo link for a storefront visit: the newest one no page has opened
/// yet if there is one (a visitor who never opens theirs costs nothing),
/// else a new one. Never refused: past the cap, the newest open one.
pub async fn link_for_visit(st: &AppState) -> Result<LinkId, AppError> {
    let read = async {
        Ok::<_, crate::store::StoreError>((
            st.links.newest_demo_link(DEMO_ORDER_PREFIX, true).await?,
            st.links.newest_demo_link(DEMO_ORDER_PREFIX, false).await?,
            st.links.count().await?,
        ))
    };
    let (unopened, open, count) = read.await.map_err(|e| AppError::store_unavailable(&e))?;
    match (unopened, open) {
        (Some(link), _) => Ok(link),
        (None, Some(link)) if count >= MAX_DEMO_LINKS => Ok(link),
        _ => create_demo_link(st).await,
    }
}

/// Creates a demo link upstream (the sandbox) and records it as this store's.
pub async fn create_demo_link(st: &AppState) -> Result<LinkId, AppError> {
    let order = DEMO_ORDERS.fetch_add(1, Ordering::Relaxed);
    let new = NewLink {
        order_id: format!("{DEMO_ORDER_PREFIX}{order}"),
        amount: "299.99".into(),
        currency: None,
        title: format!("Order #{order} · Wireless headphones"),
        description: Some("Noise-cancelling, black".into()),
        single_use: true,
        selected_date: None,
        client_phone_number: Some("+966501234567".into()),
        client_email: Some("ahmed@example.com".into()),
        client_first_name: Some("Ahmed".into()),
        client_last_name: None,
        address_required: false,
        language: "en".into(),
        send_sms: false,
        // The demo's sandbox reports payments to this proxy, signed.
        callback_url: Some(format!(
            "{}{}/callbacks",
            st.settings.storefront_origin, st.settings.prefix
        )),
        return_url_prefix: None,
        metadata: None,
    };
    let made = create::create_and_record(st, &new, None).await?;
    LinkId::parse(&made.payment_link_id).map_err(|_| AppError::bad_upstream())
}
