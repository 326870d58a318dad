//! A QR code of the pay page, for a desktop shopper to pay on their phone.
//! The `qrcode` crate computes the modules; they are drawn as one SVG path.

use qrcode::{Color, EcLevel, QrCode};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct QrCodeProps {
    pub url: String,
    pub label: AttrValue,
}

/// The path of the dark modules, offset by a 4-module quiet zone.
fn module_path(code: &QrCode) -> String {
    let width = code.width();
    let mut d = String::new();
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % width + 4, i / width + 4);
            d.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    d
}

#[component]
pub fn QrCodeView(props: &QrCodeProps) -> Html {
    let Ok(code) = QrCode::with_error_correction_level(props.url.as_bytes(), EcLevel::M) else {
        return html! {};
    };
    let size = code.width() + 8;
    html! {
        <svg class="qr" viewBox={format!("0 0 {size} {size}")} role="img" aria-label={props.label.clone()}
            shape-rendering="crispEdges">
            <rect width={size.to_string()} height={size.to_string()} fill="#fff" />
            <path d={module_path(&code)} fill="#000" />
        </svg>
    }
}
