//! A QR code of the pay page, for a desktop shopper to pay on their phone.
//! The `qrcode` crate computes the modules; they are drawn as one SVG path.
//! The app computes it once per URL (`use_memo`), not on every render.

use qrcode::{Color, EcLevel, QrCode};
use yew::prelude::*;

/// The drawing: its side in modules (quiet zone included) and its path.
#[derive(PartialEq)]
pub struct QrDrawing {
    size: usize,
    path: String,
}

/// `None` if the URL is too long for a QR code.
pub fn qr_drawing(url: &str) -> Option<QrDrawing> {
    let code = QrCode::with_error_correction_level(url.as_bytes(), EcLevel::M).ok()?;
    let width = code.width();
    // The dark modules, offset by a 4-module quiet zone.
    let mut path = String::new();
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let (x, y) = (i % width + 4, i / width + 4);
            path.push_str(&format!("M{x} {y}h1v1h-1z"));
        }
    }
    Some(QrDrawing {
        size: width + 8,
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
