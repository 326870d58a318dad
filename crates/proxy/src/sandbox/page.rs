//! The sandbox's hosted payment page: what Amwal's own page does for the
//! demo, with Pay and Fail buttons instead of a card form.

/// Escapes text for HTML element content and attribute values.
fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// The page with its own policy: inline styles, and a form whose answer
/// redirects to the store's return URL.
pub fn respond(html: String) -> axum::response::Response {
    use axum::response::IntoResponse;
    (
        [(
            axum::http::header::CONTENT_SECURITY_POLICY,
            "default-src 'none'; style-src 'unsafe-inline'; form-action 'self' http: https:; frame-ancestors 'none'",
        )],
        axum::response::Html(html),
    )
        .into_response()
}

/// What the page offers.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shows {
    Buttons,
    Paid,
    Expired,
}

pub fn render(title: &str, amount: &str, shows: Shows) -> String {
    let title = escape(title);
    let amount = escape(amount);
    let actions = if shows == Shows::Paid {
        "<p class=\"done\">This link has already been paid.</p>".to_owned()
    } else if shows == Shows::Expired {
        "<p class=\"done\">This payment link has expired.</p>".to_owned()
    } else {
        "<form method=\"post\">\
           <button name=\"outcome\" value=\"pay\" class=\"pay\">Pay</button>\
           <button name=\"outcome\" value=\"fail\" class=\"fail\">Fail</button>\
           <button name=\"outcome\" value=\"later\" class=\"fail\">Pay later (stays pending)</button>\
         </form>"
            .to_owned()
    };
    format!(
        "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
         <title>Amwal sandbox · {title}</title>\
         <style>body{{font-family:system-ui,sans-serif;max-width:28rem;margin:3rem auto;padding:0 1rem;color:#1b1f24}}\
         .tag{{display:inline-block;background:#fff3cd;color:#664d03;padding:.2rem .5rem;border-radius:.3rem;font-size:.8rem}}\
         button{{font:inherit;padding:.7rem 1.4rem;border-radius:.5rem;border:0;margin-inline-end:.5rem;cursor:pointer}}\
         .pay{{background:#0b6b3a;color:#fff}}.fail{{background:#e6e8eb;color:#1b1f24}}</style></head>\
         <body><span class=\"tag\">Amwal sandbox: no real money moves</span>\
         <h1>{title}</h1><p>Amount: <strong>{amount}</strong></p>{actions}</body></html>"
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn titles_are_text_not_markup() {
        let html = render("<img src=x onerror=alert(1)>", "1.00000", Shows::Buttons);
        assert!(html.contains("&lt;img src=x onerror=alert(1)&gt;"));
        assert!(!html.contains("<img"));
    }
}
