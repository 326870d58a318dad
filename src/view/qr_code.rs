//! A QR code of the pay page, for a desktop shopper to pay on their phone.
//! The `qrcodegen` crate computes the modules: 6 KB brotli smaller in the
//! wasm than `qrcode` (less code, and no Galois-field tables: it computes
//! them as it goes). It raises the error correction above M when that
//! costs no size. The modules are drawn as one SVG path.
//! The app computes it once per URL (`use_memo`), not on every render.

use qrcodegen::{QrCode, QrCodeEcc};
use yew::prelude::*;

/// The drawing: its side in modules (quiet zone included) and its path.
#[derive(PartialEq)]
pub struct QrDrawing {
    size: usize,
    path: String,
}

/// `None` if the URL is too long for a QR code.
pub fn qr_drawing(url: &str) -> Option<QrDrawing> {
    let code = QrCode::encode_text(url, QrCodeEcc::Medium).ok()?;
    let width = code.size();
    // The dark modules, offset by a 4-module quiet zone.
    let mut path = String::new();
    for y in 0..width {
        for x in 0..width {
            if code.get_module(x, y) {
                path.push_str(&format!("M{} {}h1v1h-1z", x + 4, y + 4));
            }
        }
    }
    Some(QrDrawing {
        size: usize::try_from(width + 8).ok()?,
        path,
    })
}

pub fn qr_code(drawing: &QrDrawing, label: &'static str) -> Html {
    let size = drawing.size.to_string();
    html! {
        <svg class="qr" viewBox={format!("0 0 {size} {size}")} role="img" aria-label={label}
            shape-rendering="crispEdges">
            <rect width={size.clone()} height={size} fill="#fff" />
            <path d={drawing.path.clone()} fill="#000" />
        </svg>
    }
}
