//! The Saudi riyal sign (U+20C1, 2025). No font has it yet, so both the
//! checkout and the messaging line draw it as SVG in the text's colour,
//! from these strokes: two upright strokes (the left one hooked like "ر")
//! crossed by two rising bars, after the official design.

pub const VIEW_BOX: &str = "0 0 24 24";
pub const PATHS: [&str; 4] = [
    "M9.5 2.5v13.2c0 2.8-1.9 4.8-5 4.8",
    "M15 1.5v17",
    "M3 12.2l18-4",
    "M3 17.2l18-4",
];
