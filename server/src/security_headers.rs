//! Security headers on every response (a middleware around the whole application): the
//! browser client's pages, its files, the API and the errors alike.
//!
//! The Content-Security-Policy allows exactly what the WebAssembly client needs: its own
//! scripts (`/client/start.js`, the wasm-bindgen glue) and compiling its WebAssembly
//! (`'wasm-unsafe-eval'`), but no inline or foreign script; `fetch` and the WebSocket to
//! this server only (and the page's own `blob:` URLs, which hold what it already
//! downloaded); media and images from this server or the page's own `blob:` URLs
//! (document previews, downloads); inline `style` attributes, which Leptos sets (the
//! audio meters), and nothing else inline. No page of Floor may be framed
//! (`frame-ancestors 'none'`, and `X-Frame-Options` for older browsers), so the chair's
//! console cannot be overlaid by another site. No referrer leaves the page: `/join/<code>`
//! carries an invitation code in its address.

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::Next;

/// The policy, with `{host}` replaced by the host the browser asked for (the WebSocket is
/// named explicitly: older browsers do not count `ws:` as `'self'`).
fn content_security_policy(host: Option<&str>) -> String {
    let sockets = host
        .map(|h| format!(" ws://{h} wss://{h}"))
        .unwrap_or_default();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; \
         style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; \
         media-src 'self' blob: mediastream:; connect-src 'self' blob:{sockets}; \
         font-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; \
         frame-ancestors 'none'"
    )
}

/// The `Host` header if it is a plain host name or address with an optional port, so that
/// nothing a client sends can add a directive to the policy.
fn plain_host(req: &ServiceRequest) -> Option<String> {
    let host = req.headers().get(header::HOST)?.to_str().ok()?;
    let plain = !host.is_empty()
        && host.len() <= 255
        && host
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '-' | ':' | '[' | ']'));
    plain.then(|| host.to_ascii_lowercase())
}

pub async fn add(
    req: ServiceRequest,
    next: Next<impl MessageBody>,
) -> Result<ServiceResponse<impl MessageBody>, actix_web::Error> {
    let csp = content_security_policy(plain_host(&req).as_deref());
    let mut response = next.call(req).await?;
    let headers = response.headers_mut();
    let fixed: [(HeaderName, &str); 5] = [
        (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        (header::X_FRAME_OPTIONS, "DENY"),
        (header::REFERRER_POLICY, "no-referrer"),
        (
            HeaderName::from_static("cross-origin-opener-policy"),
            "same-origin",
        ),
        (
            HeaderName::from_static("permissions-policy"),
            "camera=(self), microphone=(self), geolocation=(), payment=()",
        ),
    ];
    for (name, value) in fixed {
        headers.insert(name, HeaderValue::from_static(value));
    }
    if let Ok(value) = HeaderValue::from_str(&csp) {
        headers.insert(header::CONTENT_SECURITY_POLICY, value);
    }
    Ok(response)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_names_this_host_for_websockets_and_forbids_framing() {
        let csp = content_security_policy(Some("floor.example.org:8443"));
        assert!(csp.contains(
            "connect-src 'self' blob: ws://floor.example.org:8443 wss://floor.example.org:8443;"
        ));
        assert!(csp.contains("script-src 'self' 'wasm-unsafe-eval';"));
        assert!(csp.ends_with("frame-ancestors 'none'"));
        assert!(!csp.contains("'unsafe-eval'") || csp.contains("'wasm-unsafe-eval'"));
    }
}
