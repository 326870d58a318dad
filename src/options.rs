//! The widget's options as the page gives them (attributes or the `mount`
//! object), and the checked configuration built from them.

use amwal_core::api::DeviceType;
use amwal_core::i18n::Lang;
use amwal_core::pay_url::{parse_pay_hosts, PayHost, DEFAULT_PAY_HOST};
use amwal_core::{Currency, LinkId};
use serde::Deserialize;

/// Raw options: every value a string, as attributes are.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Options {
    pub link: Option<String>,
    pub proxy: Option<String>,
    pub lang: Option<String>,
    pub device: Option<String>,
    pub currency: Option<String>,
    pub installments: Option<String>,
    pub return_url: Option<String>,
    pub pay_hosts: Option<String>,
    pub timeout_ms: Option<String>,
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
    pub installments: u32,
    pub return_url: Option<String>,
    pub timeout_ms: u32,
}

pub const DEFAULT_INSTALLMENTS: u32 = 4;
pub const DEFAULT_TIMEOUT_MS: u32 = 10_000;

fn non_empty(v: &Option<String>) -> Option<&str> {
    v.as_deref().map(str::trim).filter(|s| !s.is_empty())
}

impl Options {
    /// The language from the option, else the given page/browser tags.
    pub fn lang<'a>(&'a self, fallbacks: impl IntoIterator<Item = &'a str>) -> Lang {
        Lang::pick(non_empty(&self.lang).into_iter().chain(fallbacks))
    }

    pub fn config(&self) -> Result<Config, String> {
        let link = non_empty(&self.link).ok_or("the `link` attribute is missing")?;
        let link = LinkId::parse(link).map_err(|_| format!("`link` {link:?} is not a UUID"))?;
        let proxy = non_empty(&self.proxy)
            .unwrap_or("/amwal")
            .trim_end_matches('/')
            .to_owned();
        let hosts = non_empty(&self.pay_hosts).unwrap_or(DEFAULT_PAY_HOST);
        let pay_host = parse_pay_hosts(hosts)
            .map_err(|e| format!("`pay-hosts`: {e}"))?
            .remove(0);
        let device = match non_empty(&self.device) {
            None => None,
            Some("desktop") => Some(DeviceType::Desktop),
            Some("mobile") => Some(DeviceType::Mobile),
            Some("tablet") => Some(DeviceType::Tablet),
            Some(other) => {
                return Err(format!(
                    "`device` {other:?} is not desktop, mobile or tablet"
                ))
            }
        };
        let currency = match non_empty(&self.currency) {
            None => Currency::SAR,
            Some(code) => Currency::from_code(code)
                .map_err(|_| format!("`currency` {code:?} is not supported"))?,
        };
        let installments = match non_empty(&self.installments) {
            None => DEFAULT_INSTALLMENTS,
            Some(n) => n
                .parse::<u32>()
                .ok()
                .filter(|n| (1..=24).contains(n))
                .ok_or_else(|| format!("`installments` {n:?} is not a count from 1 to 24"))?,
        };
        let timeout_ms = match non_empty(&self.timeout_ms) {
            None => DEFAULT_TIMEOUT_MS,
            Some(t) => t
                .parse::<u32>()
                .ok()
                .filter(|t| (1_000..=120_000).contains(t))
                .ok_or_else(|| format!("`timeout-ms` {t:?} is not 1000 to 120000"))?,
        };
        Ok(Config {
            link,
            proxy,
            pay_host,
            device,
            currency,
            installments,
            return_url: non_empty(&self.return_url).map(str::to_owned),
            timeout_ms,
        })
    }
}
