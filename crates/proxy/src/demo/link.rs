//! The demo's links: made at the embedded sandbox and recorded as this
//! store's, for a fictional customer, as a merchant's backend would.

use crate::api::create::{self, NewLink};
use crate::error::AppError;
use crate::state::AppState;
use amwal_core::LinkId;
use std::sync::atomic::{AtomicU64, Ordering};

static DEMO_ORDERS: AtomicU64 = AtomicU64::new(1001);
const MAX_DEMO_LINKS: usize = 10_000;

/// Creates a demo link upstream (the sandbox) and records it as this store's.
pub async fn create_demo_link(st: &AppState) -> Result<LinkId, AppError> {
    // Anyone who can open the storefront can make demo links: bound them.
    if st.links.run(|s| Ok(s.len())).await.unwrap_or(usize::MAX) >= MAX_DEMO_LINKS {
        return Err(AppError::new(
            axum::http::StatusCode::SERVICE_UNAVAILABLE,
            amwal_core::api::codes::UPSTREAM_UNAVAILABLE,
            "Too many demo links; restart the demo",
        ));
    }
    let order = DEMO_ORDERS.fetch_add(1, Ordering::Relaxed);
    let new = NewLink {
        order_id: order.to_string(),
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
