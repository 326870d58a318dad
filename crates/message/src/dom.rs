//! Building with the DOM: a few helpers, so the views read like markup.

use web_sys::Element;

const SVG: &str = "http://www.w3.org/2000/svg";

/// A new `<tag class="class">` at the end of `parent`.
pub fn child(parent: &Element, tag: &str, class: &str) -> Option<Element> {
    let el = parent.owner_document()?.create_element(tag).ok()?;
    if !class.is_empty() {
        el.set_class_name(class);
    }
    parent.append_child(&el).ok()?;
    Some(el)
}

/// A new SVG element at the end of `parent`.
pub fn svg_child(parent: &Element, tag: &str) -> Option<Element> {
    let el = parent
        .owner_document()?
        .create_element_ns(Some(SVG), tag)
        .ok()?;
    parent.append_child(&el).ok()?;
    Some(el)
}

/// Text at the end of `parent` (never markup).
pub fn text(parent: &Element, s: &str) {
    if let Some(doc) = parent.owner_document() {
        let _ = parent.append_child(&doc.create_text_node(s));
    }
}

pub fn attr(el: &Element, name: &str, value: &str) {
    let _ = el.set_attribute(name, value);
}

pub fn attrs(el: &Element, pairs: &[(&str, &str)]) {
    for (name, value) in pairs {
        attr(el, name, value);
    }
}
