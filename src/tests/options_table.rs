//! The wasm reads every option the shared table names
//! (`tests/cases/options.json`, which the element's tests read too), each
//! from its camelCase key, and nothing left over.

use crate::options::Options;
use wasm_bindgen::JsValue;
use wasm_bindgen_test::*;

#[wasm_bindgen_test]
fn every_option_of_the_shared_table_is_read_from_its_key() {
    let table: serde_json::Value =
        serde_json::from_str(include_str!("../../tests/cases/options.json")).expect("JSON");
    let rows = table.as_array().expect("a list");
    assert_eq!(rows.len(), 18);
    let empty = format!("{:?}", Options::default());
    for row in rows {
        let key = row["option"].as_str().expect("option");
        let object = js_sys::Object::new();
        let marker = format!("marker-{key}");
        js_sys::Reflect::set(&object, &key.into(), &JsValue::from_str(&marker)).expect("set");
        let read = format!("{:?}", Options::from_js(&object));
        assert!(read.contains(&marker), "{key} is not read: {read}");
        assert_ne!(read, empty);
    }
}
