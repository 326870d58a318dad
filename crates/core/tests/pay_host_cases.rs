//! The pay page a link and a `pay-hosts` list lead to, read from the table
//! the element's JavaScript fallback is tested against too.

use amwal_core::pay_url::parse_pay_hosts;
use amwal_core::LinkId;

#[test]
fn every_case_of_the_shared_table() {
    let table: serde_json::Value = serde_json::from_str(include_str!(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../tests/cases/pay-hosts.json"
    )))
    .expect("the table is JSON");
    let cases = table.as_array().expect("a list");
    assert!(cases.len() > 30);
    for case in cases {
        let hosts = case["pay_hosts"].as_str().expect("pay_hosts");
        let link = case["link"].as_str().expect("link");
        let got = match (LinkId::parse(link), parse_pay_hosts(hosts)) {
            (Ok(link), Ok(hosts)) => Some(hosts[0].pay_url(&link)),
            _ => None,
        };
        assert_eq!(got.as_deref(), case["url"].as_str(), "{hosts:?} {link:?}");
    }
}
