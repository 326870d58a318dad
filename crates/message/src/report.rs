//! What the page is told about the line: `amwal-ready` with the amount
//! shown (minor units), its currency, the plan on the line and whether it
//! is eligible; or `amwal-error` with why nothing is shown (the console
//! says it in words).

use amwal_core::message::{shown, Shown};
use amwal_core::Money;
use amwal_web::options::MessageConfig;
use amwal_web::{console, page};
use wasm_bindgen::JsValue;

#[derive(Clone, Debug, PartialEq)]
pub enum Report {
    Shown {
        total: Money,
        installments: u32,
        eligible: bool,
    },
    Nothing {
        code: &'static str,
        why: String,
    },
}

/// The report for a configuration, and what to show.
pub fn of(config: &Result<MessageConfig, String>) -> (Report, Option<(Money, Shown)>) {
    let cfg = match config {
        Ok(c) => c,
        Err(why) => {
            let why = why.clone();
            return (
                Report::Nothing {
                    code: "misconfigured",
                    why,
                },
                None,
            );
        }
    };
    let first = cfg.plans.first().copied().unwrap_or(1);
    match shown(&cfg.amount, cfg.currency, first, cfg.bounds) {
        Ok((total, what)) => (
            Report::Shown {
                total,
                installments: first,
                eligible: matches!(what, Shown::Line(_)),
            },
            Some((total, what)),
        ),
        Err(e) => (
            Report::Nothing {
                code: "invalid_amount",
                why: format!("`amount` \"{}\" {e}", cfg.amount),
            },
            None,
        ),
    }
}

pub fn dispatch(el: &web_sys::Element, report: &Report) {
    let detail = js_sys::Object::new();
    let set = |k: &str, v: JsValue| {
        // Setting a property on a fresh plain object cannot fail.
        let _ = js_sys::Reflect::set(&detail, &k.into(), &v);
    };
    let name = match report {
        Report::Shown {
            total,
            installments,
            eligible,
        } => {
            set(
                "status",
                if *eligible { "eligible" } else { "ineligible" }.into(),
            );
            // Minor units: exact in a JS number up to 2^53.
            set("amount", (total.minor as f64).into());
            set("currency", total.currency.code().into());
            set("installments", (*installments).into());
            "amwal-ready"
        }
        Report::Nothing { code, why } => {
            console::log_misconfiguration(why);
            set("status", "error".into());
            set("code", (*code).into());
            "amwal-error"
        }
    };
    page::dispatch(el, name, &detail);
}
