//! "Learn more": a modal dialog with the estimated schedule of each plan
//! the merchant lists, the estimate notice and the terms link. A native
//! `<dialog>` shown with `showModal()`: the browser moves focus in, keeps
//! it there, closes on Escape and lays it above the page (nothing shifts).

use crate::amount::{amount, Look};
use crate::dom::{attrs, child, text};
use amwal_core::i18n::number::count;
use amwal_core::i18n::{pay_in, Plural, Text};
use amwal_core::schedule::{schedule, CivilDate};
use amwal_core::Money;
use amwal_web::intl::date;
use web_sys::Element;

pub struct Contents<'a> {
    pub total: Money,
    pub plans: &'a [u32],
    pub today: CivilDate,
    pub terms_url: Option<&'a str>,
}

/// Fills `dialog` (emptied first); returns its close button.
pub fn fill(dialog: &Element, c: &Contents, look: Look) -> Option<Element> {
    let lang = look.locale.lang;
    dialog.set_text_content(None);
    attrs(
        dialog,
        &[
            ("class", "plans-dialog"),
            ("part", "dialog"),
            ("aria-labelledby", "amwal-dialog-title"),
        ],
    );
    let head = child(dialog, "div", "dialog-head")?;
    let title = child(&head, "h2", "")?;
    attrs(&title, &[("id", "amwal-dialog-title")]);
    text(&title, Text::InstallmentsWithAmwal.in_lang(lang));
    let close = child(&head, "button", "close")?;
    attrs(
        &close,
        &[
            ("type", "button"),
            ("part", "close"),
            ("aria-label", Text::Close.in_lang(lang)),
        ],
    );
    text(&close, "\u{00D7}");
    for &n in c.plans {
        let plan = child(dialog, "section", "dialog-plan")?;
        let heading = child(&plan, "h3", "plan-title")?;
        let title = pay_in(lang, Plural::of(n, lang)).replace("{n}", &count(n, &look.locale));
        text(&heading, &title);
        let list = child(&plan, "ol", "schedule")?;
        attrs(&list, &[("part", "schedule")]);
        for (i, due) in schedule(c.total, n, c.today).iter().enumerate() {
            let row = child(&list, "li", "")?;
            let when = child(&row, "span", "due")?;
            if i == 0 {
                text(&when, Text::Today.in_lang(lang));
            } else {
                text(&when, &date(due.due, &look.locale));
            }
            amount(&row, &due.amount, look);
        }
    }
    let note = child(dialog, "p", "dialog-note")?;
    text(&note, Text::EstimateNote.in_lang(lang));
    if let Some(url) = c.terms_url {
        let link = child(dialog, "a", "terms")?;
        attrs(
            &link,
            &[
                ("part", "terms"),
                ("href", url),
                ("target", "_blank"),
                ("rel", "noopener noreferrer"),
            ],
        );
        text(&link, Text::Terms.in_lang(lang));
    }
    Some(close)
}
