//! The widget's options as the page gives them (attributes or the `mount`
//! object), and the checked configuration built from them.

use amwal_core::api::DeviceType;
use amwal_core::i18n::{Calendar, Digits, Lang, Locale};
use amwal_core::loopback::is_loopback_host;
use amwal_core::pay_url::{parse_pay_hosts, PayHost, DEFAULT_PAY_HOST};
use amwal_core::schedule::parse_plans;
use amwal_core::{Currency, LinkId, Money};
use wasm_bindgen::JsValue;

/// Raw options: every value a string, as attributes are.
#[derive(Debug, Default)]
pub struct Options {
    pub link: Option<String>,
    pub proxy: Option<String>,
    pub lang: Option<String>,
    pub device: Option<String>,
    pub currency: Option<String>,
    pub installments: Option<String>,
    pub return_url: Option<String>,
    pub pay_hosts: Option<String>,
    pub digits: Option<String>,
    pub calendar: Option<String>,
    pub riyal_sign: Option<String>,
    pub theme: Option<String>,
    pub terms_url: Option<String>,
    pub min_amount: Option<String>,
    pub max_amount: Option<String>,
    pub timeout_ms: Option<String>,
    pub amount: Option<String>,
    pub when_ineligible: Option<String>,
}

/// How SAR amounts show their currency.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum RiyalSign {
    /// "ر.س" / "SAR", as `Intl` writes it.
    #[default]
    Text,
    /// The riyal sign (U+20C1), drawn as SVG since fonts lack it.
    Symbol,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Theme {
    /// Follows `prefers-color-scheme`.
    #[default]
    Auto,
    Light,
    Dark,
}

impl Theme {
    /// As the `theme` attribute spells it; the CSS reads it back from
    /// the card's `data-theme`.
    pub fn name(self) -> &'static str {
        match self {
            Theme::Auto => "auto",
            Theme::Light => "light",
            Theme::Dark => "dark",
        }
    }
}

/// Checked configuration; building it is where bad options are caught.
#[derive(Debug, Clone, PartialEq)]
pub struct Config {
    pub link: LinkId,
    /// Base URL of the merchant's proxy, without a trailing slash.
    pub proxy: String,
    pub pay_host: PayHost,
    pub device: Option<DeviceType>,
    pub currency: Currency,
    /// Installment counts to offer; the first is preselected.
    pub plans: Vec<u32>,
    pub return_url: Option<String>,
    pub riyal: RiyalSign,
    pub theme: Theme,
    pub terms_url: Option<String>,
    /// Eligibility bounds as decimal text, parsed in the link's currency.
    pub min_amount: Option<String>,
    pub max_amount: Option<String>,
    pub timeout_ms: u32,
}

pub const DEFAULT_PLANS: &str = "4";
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;

/// The one shape of a bad option's message: `attr` "value" why.
fn bad(attr: &str, value: &str, why: &str) -> String {
    format!("`{attr}` \"{value}\" {why}")
}

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

/// Picks one of the allowed spellings, or says which attribute is wrong.
fn choice<T: Copy>(
    v: &Option<String>,
    attr: &str,
    table: &[(&str, T)],
    default: T,
) -> Result<T, String> {
    match non_empty(v) {
        None => Ok(default),
        Some(given) => table
            .iter()
            .find(|(name, _)| *name == given)
            .map(|(_, t)| *t)
            .ok_or_else(|| {
                let names: Vec<&str> = table.iter().map(|(n, _)| *n).collect();
                bad(attr, given, &format!("is not one of {}", names.join(", ")))
            }),
    }
}

/// Only `https:` links (or `http:` on localhost) may be shown as the terms link.
fn safe_link(raw: &str) -> Option<String> {
    let page = web_sys::window()?.location().href().ok()?;
    let url = web_sys::Url::new_with_base(raw, &page).ok()?;
    let loopback = is_loopback_host(&url.hostname());
    match url.protocol().as_str() {
        "https:" => Some(url.href()),
        "http:" if loopback => Some(url.href()),
        _ => None,
    }
}

impl Options {
    /// Reads the camelCase keys of the object `mount` gets (`www/src/index.js`
    /// has made every value a string and refused unknown keys). Read key by
    /// key, not with serde: that costs the wasm 4 KB more.
    pub fn from_js(object: &JsValue) -> Options {
        let get = |key: &str| {
            js_sys::Reflect::get(object, &JsValue::from_str(key))
                .ok()
                .and_then(|v| v.as_string())
        };
        Options {
            link: get("link"),
            proxy: get("proxy"),
            lang: get("lang"),
            device: get("device"),
            currency: get("currency"),
            installments: get("installments"),
            return_url: get("returnUrl"),
            pay_hosts: get("payHosts"),
            digits: get("digits"),
            calendar: get("calendar"),
            riyal_sign: get("riyalSign"),
            theme: get("theme"),
            terms_url: get("termsUrl"),
            min_amount: get("minAmount"),
            max_amount: get("maxAmount"),
            timeout_ms: get("timeoutMs"),
            amount: get("amount"),
            when_ineligible: get("whenIneligible"),
        }
    }

    /// The language from the option, else the given page/browser tags.
    pub fn lang<'a>(&'a self, fallbacks: impl IntoIterator<Item = &'a str>) -> Lang {
        Lang::pick(non_empty(&self.lang).into_iter().chain(fallbacks))
    }

    /// Digits and calendar; unknown values fall back to the defaults here
    /// (`config()` reports them).
    pub fn locale(&self, lang: Lang) -> Locale {
        Locale {
            lang,
            digits: self.digits().unwrap_or_default(),
            calendar: self.calendar().unwrap_or_default(),
        }
    }

    fn digits(&self) -> Result<Digits, String> {
        choice(
            &self.digits,
            "digits",
            &[("latn", Digits::Latin), ("arab", Digits::ArabicIndic)],
            Digits::Latin,
        )
    }

    fn calendar(&self) -> Result<Calendar, String> {
        choice(
            &self.calendar,
            "calendar",
            &[
                ("gregory", Calendar::Gregorian),
                ("islamic-umalqura", Calendar::UmmAlQura),
            ],
            Calendar::Gregorian,
        )
    }

    /// On-site messaging: an `amount` and no `link`.
    pub fn is_message(&self) -> bool {
        non_empty(&self.link).is_none() && non_empty(&self.amount).is_some()
    }

    pub fn config(&self) -> Result<Config, String> {
        let link = non_empty(&self.link).ok_or("the `link` attribute is missing")?;
        let link = LinkId::parse(link).map_err(|_| bad("link", link, "is not a UUID"))?;
        let proxy = non_empty(&self.proxy)
            .unwrap_or("/amwal")
            .trim_end_matches('/')
            .to_owned();
        let hosts = non_empty(&self.pay_hosts).unwrap_or(DEFAULT_PAY_HOST);
        let pay_host = parse_pay_hosts(hosts)
            .map_err(|e| format!("`pay-hosts`: {e}"))?
            .remove(0);
        let look = self.shared()?;
        let timeout_ms = match non_empty(&self.timeout_ms) {
            None => DEFAULT_TIMEOUT_MS,
            Some(t) => t
                .parse::<u32>()
                .ok()
                .filter(|t| (1_000..=120_000).contains(t))
                .ok_or_else(|| bad("timeout-ms", t, "is not 1000 to 120000"))?,
        };
        Ok(Config {
            link,
            proxy,
            pay_host,
            device: look.device,
            currency: look.currency,
            plans: look.plans,
            return_url: non_empty(&self.return_url).map(str::to_owned),
            riyal: look.riyal,
            theme: look.theme,
            terms_url: look.terms_url,
            min_amount: look.min_amount,
            max_amount: look.max_amount,
            timeout_ms,
        })
    }

    /// The messaging mode's configuration. The amount itself is read when
    /// shown (`amwal_core::message::shown`): a bad price hides the line,
    /// while a bad option is the merchant's mistake in every case.
    pub fn message_config(&self) -> Result<MessageConfig, String> {
        let look = self.shared()?;
        let when_ineligible = choice(
            &self.when_ineligible,
            "when-ineligible",
            &[
                ("explain", WhenIneligible::Explain),
                ("hide", WhenIneligible::Hide),
            ],
            WhenIneligible::Explain,
        )?;
        let bound = |v: &Option<String>| {
            v.as_deref()
                .and_then(|t| Money::parse(t, look.currency).ok())
        };
        Ok(MessageConfig {
            amount: non_empty(&self.amount).unwrap_or_default().to_owned(),
            bounds: (bound(&look.min_amount), bound(&look.max_amount)),
            currency: look.currency,
            plans: look.plans,
            riyal: look.riyal,
            theme: look.theme,
            terms_url: look.terms_url,
            when_ineligible,
        })
    }

    /// The options both modes read, checked.
    fn shared(&self) -> Result<Shared, String> {
        let device = choice(
            &self.device,
            "device",
            &[
                ("desktop", Some(DeviceType::Desktop)),
                ("mobile", Some(DeviceType::Mobile)),
                ("tablet", Some(DeviceType::Tablet)),
            ],
            None,
        )?;
        let currency = match non_empty(&self.currency) {
            None => Currency::SAR,
            Some(code) => {
                Currency::from_code(code).map_err(|_| bad("currency", code, "is not supported"))?
            }
        };
        let plans_text = non_empty(&self.installments).unwrap_or(DEFAULT_PLANS);
        let plans = parse_plans(plans_text).map_err(|_| {
            bad(
                "installments",
                plans_text,
                "is not a count from 1 to 24 or a list like 3,6,12",
            )
        })?;
        self.digits()?;
        self.calendar()?;
        let riyal = choice(
            &self.riyal_sign,
            "riyal-sign",
            &[("text", RiyalSign::Text), ("symbol", RiyalSign::Symbol)],
            RiyalSign::Text,
        )?;
        let theme = choice(
            &self.theme,
            "theme",
            &[
                ("auto", Theme::Auto),
                ("light", Theme::Light),
                ("dark", Theme::Dark),
            ],
            Theme::Auto,
        )?;
        let terms_url = match non_empty(&self.terms_url) {
            None => None,
            Some(raw) => {
                Some(safe_link(raw).ok_or_else(|| bad("terms-url", raw, "is not an https: URL"))?)
            }
        };
        let bound = |v: &Option<String>, attr: &str| -> Result<Option<String>, String> {
            match non_empty(v) {
                None => Ok(None),
                Some(t) => Money::parse(t, currency)
                    .map(|_| Some(t.to_owned()))
                    .map_err(|e| bad(attr, t, &format!("is not usable: {e}"))),
            }
        };
        Ok(Shared {
            device,
            currency,
            plans,
            riyal,
            theme,
            terms_url,
            min_amount: bound(&self.min_amount, "min-amount")?,
            max_amount: bound(&self.max_amount, "max-amount")?,
        })
    }
}

/// The checked options both modes share.
struct Shared {
    device: Option<DeviceType>,
    currency: Currency,
    plans: Vec<u32>,
    riyal: RiyalSign,
    theme: Theme,
    terms_url: Option<String>,
    min_amount: Option<String>,
    max_amount: Option<String>,
}

/// What the messaging line shows outside the merchant's bounds.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WhenIneligible {
    /// "Installments are available for orders of SAR 100.00 or more."
    Explain,
    /// Nothing (the line's space stays, so nothing below it moves).
    Hide,
}

/// Checked configuration of the messaging mode.
#[derive(Debug, Clone, PartialEq)]
pub struct MessageConfig {
    /// The price as given; read in `currency` when shown.
    pub amount: String,
    pub bounds: (Option<Money>, Option<Money>),
    pub currency: Currency,
    /// The line shows the first; the dialog all of them.
    pub plans: Vec<u32>,
    pub riyal: RiyalSign,
    pub theme: Theme,
    pub terms_url: Option<String>,
    pub when_ineligible: WhenIneligible,
}

impl Config {
    /// The eligibility bounds in the link's currency (`None` if unreadable
    /// there, e.g. "10.5" for a JPY link).
    pub fn bounds(&self, currency: Currency) -> Option<(Option<Money>, Option<Money>)> {
        let parse = |v: &Option<String>| match v {
            None => Some(None),
            Some(t) => Money::parse(t, currency).ok().map(Some),
        };
        Some((parse(&self.min_amount)?, parse(&self.max_amount)?))
    }
}
