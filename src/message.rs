//! The on-site messaging mode: with `amount` and no `link`, one line under
//! a product's or cart's price and a "Learn more" dialog. No proxy, no
//! network, no live region (a grid of dozens would drown a screen reader;
//! the dialog is announced as a dialog). The page hears `amwal-ready` with
//! the amount shown, or `amwal-error` with why nothing is.

use crate::options::{MessageConfig, WhenIneligible};
use crate::services::{browser, console, intl};
use crate::view::message_line::{message_line, sentence};
use crate::view::plans_dialog::{plans_dialog, DialogParts};
use crate::view::Look;
use amwal_core::i18n::{Locale, Text};
use amwal_core::message::{shown, Shown};
use amwal_core::schedule::Eligibility;
use amwal_core::Money;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq, Clone)]
pub struct MessageProps {
    pub locale: Locale,
    pub config: Rc<Result<MessageConfig, String>>,
}

/// What the page is told about the line, once per change.
#[derive(Clone, PartialEq)]
enum Report {
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

fn report(config: &Result<MessageConfig, String>) -> (Report, Option<(Money, Shown)>) {
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

#[hook]
fn use_report(section: &NodeRef, report: Report) {
    let section = section.clone();
    use_effect_with(report, move |report| {
        let Some(el) = section.cast::<web_sys::Element>() else {
            return;
        };
        let detail = js_sys::Object::new();
        let set = |k: &str, v: wasm_bindgen::JsValue| {
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
        browser::dispatch(&el, name, &detail);
    });
}

#[component]
pub fn Message(props: &MessageProps) -> Html {
    let section = use_node_ref();
    let learn = use_node_ref();
    let dialog = use_node_ref();
    let open = use_state_eq(|| false);
    let (page_report, what) = report(&props.config);
    use_report(&section, page_report);
    {
        let dialog = dialog.clone();
        use_effect_with(*open, move |open| {
            if *open {
                if let Some(d) = dialog.cast::<web_sys::HtmlDialogElement>() {
                    let _ = d.show_modal();
                }
            }
        });
    }
    let on_learn = {
        let open = open.clone();
        Callback::from(move |_: MouseEvent| open.set(true))
    };
    // Escape, the close button, or the page: focus goes back to "Learn
    // more" without scrolling the page.
    let on_close = {
        let (open, learn) = (open.clone(), learn.clone());
        Callback::from(move |_: Event| {
            open.set(false);
            if let Some(b) = learn.cast::<web_sys::HtmlElement>() {
                let options = web_sys::FocusOptions::new();
                options.set_prevent_scroll(true);
                let _ = b.focus_with_options(&options);
            }
        })
    };
    let on_close_click = {
        let dialog = dialog.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(d) = dialog.cast::<web_sys::HtmlDialogElement>() {
                d.close();
            }
        })
    };

    let locale = props.locale;
    let lang = locale.lang;
    let cfg = props.config.as_ref().as_ref().ok();
    let look = Look {
        locale,
        riyal: cfg.map(|c| c.riyal).unwrap_or_default(),
    };
    let body = match (cfg, what) {
        (Some(c), Some((total, Shown::Line(line)))) => html! {
            <>
                { message_line(line, look, (learn, on_learn)) }
                if *open {
                    { plans_dialog(
                        DialogParts {
                            total,
                            plans: &c.plans,
                            today: intl::today(),
                            terms_url: c.terms_url.as_deref(),
                        },
                        look,
                        dialog,
                        on_close,
                        on_close_click,
                    ) }
                }
            </>
        },
        (Some(c), Some((_, Shown::Ineligible(e))))
            if c.when_ineligible == WhenIneligible::Explain =>
        {
            let (text, bound) = match e {
                Eligibility::BelowMinimum(m) => (Text::BelowMinimum, m),
                Eligibility::AboveMaximum(m) => (Text::AboveMaximum, m),
                Eligibility::Eligible => return html! {},
            };
            html! {
                <p class="line" part="line">
                    <span class="clamp">{ sentence(text.in_lang(lang), 0, bound, look) }</span>
                </p>
            }
        }
        _ => html! {},
    };
    let theme = cfg.map(|c| c.theme).unwrap_or_default();
    html! {
        <section ref={section} class="amwal" data-mode="message" data-theme={theme.name()} lang={lang.tag()} dir={lang.dir()}>
            { body }
        </section>
    }
}
