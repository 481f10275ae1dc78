//! HTTP calls to the server (same origin) and the browser's local storage.

use floor_protocol::api::ErrorBody;
use serde::de::DeserializeOwned;
use serde::Serialize;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

/// Why an HTTP call failed, in words for the user.
#[derive(Debug, Clone)]
pub struct HttpError {
    pub status: u16,
    /// The server's error code; `None` for a refused command (see `rejection`), and for a
    /// failure on this side (no network, an answer that is not the protocol's).
    pub code: Option<floor_protocol::ErrorCode>,
    pub message: String,
    /// For a refused command, the typed reason (worded in the reader's language).
    pub rejection: Option<floor_protocol::Rejection>,
}

impl HttpError {
    /// What to show: a refusal in the reader's language, otherwise the server's words.
    pub fn text(&self) -> String {
        match &self.rejection {
            Some(r) => crate::rejections::for_app(crate::state::app(), r),
            None => self.message.clone(),
        }
    }
}

fn js_error(e: wasm_bindgen::JsValue) -> HttpError {
    HttpError {
        status: 0,
        code: None,
        message: e
            .as_string()
            .or_else(|| {
                e.dyn_ref::<js_sys::Error>()
                    .map(|e| String::from(e.message()))
            })
            .unwrap_or_else(|| "the server could not be reached".into()),
        rejection: None,
    }
}

/// The server's clock minus ours, from the last `Date` header seen (whole seconds).
pub fn date_header_offset(resp: &web_sys::Response) -> Option<i64> {
    let date = resp.headers().get("date").ok()??;
    let server = js_sys::Date::parse(&date);
    if server.is_nan() {
        return None;
    }
    Some(server as i64 - js_sys::Date::now() as i64)
}

async fn request(
    method: &str,
    path: &str,
    token: Option<&str>,
    body: Option<String>,
) -> Result<(web_sys::Response, String), HttpError> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    let headers = web_sys::Headers::new().map_err(js_error)?;
    if let Some(t) = token {
        headers
            .set("authorization", &format!("Bearer {t}"))
            .map_err(js_error)?;
    }
    if let Some(b) = &body {
        headers
            .set("content-type", "application/json")
            .map_err(js_error)?;
        init.set_body(&wasm_bindgen::JsValue::from_str(b));
    }
    init.set_headers(&headers);
    send(path, &init).await
}

/// Send a request; its response and body, or the server's refusal as an [`HttpError`].
async fn send(
    path: &str,
    init: &web_sys::RequestInit,
) -> Result<(web_sys::Response, String), HttpError> {
    let request = web_sys::Request::new_with_str_and_init(path, init).map_err(js_error)?;
    let window = web_sys::window().expect("a window");
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(js_error)?
        .dyn_into()
        .map_err(js_error)?;
    let text = JsFuture::from(resp.text().map_err(js_error)?)
        .await
        .map_err(js_error)?
        .as_string()
        .unwrap_or_default();
    if !resp.ok() {
        let status = resp.status();
        return Err(match serde_json::from_str::<ErrorBody>(&text) {
            Ok(b) => HttpError {
                status,
                code: b.error_code(),
                message: b.message,
                rejection: b.rejection,
            },
            Err(_) => HttpError {
                status,
                code: None,
                message: format!("HTTP {status}"),
                rejection: None,
            },
        });
    }
    Ok((resp, text))
}

fn decode<T: DeserializeOwned>(text: &str) -> Result<T, HttpError> {
    serde_json::from_str(text).map_err(|e| HttpError {
        status: 0,
        code: None,
        message: e.to_string(),
        rejection: None,
    })
}

pub async fn get<T: DeserializeOwned>(path: &str, token: &str) -> Result<T, HttpError> {
    let (_, text) = request("GET", path, Some(token), None).await?;
    decode(&text)
}

/// GET, also returning the server's clock offset from the `Date` header.
pub async fn get_with_offset<T: DeserializeOwned>(
    path: &str,
    token: &str,
) -> Result<(T, Option<i64>), HttpError> {
    let (resp, text) = request("GET", path, Some(token), None).await?;
    Ok((decode(&text)?, date_header_offset(&resp)))
}

pub async fn post<B: Serialize, T: DeserializeOwned>(
    path: &str,
    token: Option<&str>,
    body: &B,
) -> Result<T, HttpError> {
    let body = serde_json::to_string(body).expect("serialisable");
    let (_, text) = request("POST", path, token, Some(body)).await?;
    decode(&text)
}

/// POST without a body, for an answer without one (`204 No Content`).
pub async fn post_empty(path: &str, token: &str) -> Result<(), HttpError> {
    request("POST", path, Some(token), None).await.map(|_| ())
}

pub async fn put_json<B: Serialize, T: DeserializeOwned>(
    path: &str,
    token: Option<&str>,
    body: &B,
) -> Result<T, HttpError> {
    let body = serde_json::to_string(body).expect("serialisable");
    let (_, text) = request("PUT", path, token, Some(body)).await?;
    decode(&text)
}

/// POST a file chosen in the page as the request's body, with its declared type.
pub async fn upload<T: DeserializeOwned>(
    path: &str,
    token: &str,
    file: &web_sys::File,
) -> Result<T, HttpError> {
    let init = web_sys::RequestInit::new();
    init.set_method("POST");
    let headers = web_sys::Headers::new().map_err(js_error)?;
    headers
        .set("authorization", &format!("Bearer {token}"))
        .map_err(js_error)?;
    let declared = file.type_();
    headers
        .set(
            "content-type",
            if declared.is_empty() {
                "application/octet-stream"
            } else {
                &declared
            },
        )
        .map_err(js_error)?;
    init.set_headers(&headers);
    init.set_body(file);
    let (_, text) = send(path, &init).await?;
    decode(&text)
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.local_storage().ok()?
}

/// The tab's own storage, gone when the tab closes: for the bearer token and what goes
/// with it, so that a token is not left on a shared machine for its twelve hours, nor
/// readable by every tab of the origin.
fn tab_storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok()?
}

/// A preference kept across visits (the language).
pub fn load(key: &str) -> Option<String> {
    storage()?.get_item(key).ok()?
}

pub fn save(key: &str, value: Option<&str>) {
    put(storage(), key, value);
}

/// Something for this tab only (the token, the meeting followed).
pub fn load_for_tab(key: &str) -> Option<String> {
    tab_storage()?.get_item(key).ok()?
}

pub fn save_for_tab(key: &str, value: Option<&str>) {
    put(tab_storage(), key, value);
    // A token an earlier version of the client left in the lasting storage goes too.
    put(storage(), key, None);
}

fn put(storage: Option<web_sys::Storage>, key: &str, value: Option<&str>) {
    if let Some(s) = storage {
        let _ = match value {
            Some(v) => s.set_item(key, v),
            None => s.remove_item(key),
        };
    }
}

pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// Fetch a file with the token and open it (the browser shows or saves it).
pub async fn download(path: &str, token: &str) -> Result<(), HttpError> {
    let init = web_sys::RequestInit::new();
    let headers = web_sys::Headers::new().map_err(js_error)?;
    headers
        .set("authorization", &format!("Bearer {token}"))
        .map_err(js_error)?;
    init.set_headers(&headers);
    let request = web_sys::Request::new_with_str_and_init(path, &init).map_err(js_error)?;
    let window = web_sys::window().expect("a window");
    let resp: web_sys::Response = JsFuture::from(window.fetch_with_request(&request))
        .await
        .map_err(js_error)?
        .dyn_into()
        .map_err(js_error)?;
    let blob: web_sys::Blob = JsFuture::from(resp.blob().map_err(js_error)?)
        .await
        .map_err(js_error)?
        .dyn_into()
        .map_err(js_error)?;
    // Saved as a file named as the server names it (symbol, language, type), not opened as
    // an untitled `blob:` tab.
    let name = resp
        .headers()
        .get("content-disposition")
        .ok()
        .flatten()
        .and_then(|d| attachment_name(&d))
        .unwrap_or_else(|| "document".into());
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(js_error)?;
    let document = window.document().expect("a document");
    let link: web_sys::HtmlAnchorElement = document
        .create_element("a")
        .map_err(js_error)?
        .unchecked_into();
    link.set_href(&url);
    link.set_download(&name);
    link.set_hidden(true);
    if let Some(body) = document.body() {
        body.append_child(&link).map_err(js_error)?;
        link.click();
        body.remove_child(&link).map_err(js_error)?;
    }
    // The browser has the bytes once the click is handled; free them a minute later.
    let revoke = Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    Ok(())
}

/// The ASCII `filename="…"` of a `Content-Disposition` header (the server writes one from
/// the document's symbol and language).
pub fn attachment_name(disposition: &str) -> Option<String> {
    let start = disposition.find("filename=\"")? + "filename=\"".len();
    let rest = &disposition[start..];
    let name = &rest[..rest.find('"')?];
    (!name.is_empty()).then(|| name.to_string())
}

#[cfg(test)]
mod tests {
    use super::attachment_name;

    #[test]
    fn a_download_is_named_as_the_server_names_it() {
        assert_eq!(
            attachment_name(
                "attachment; filename=\"E_CN.7_2026_L.2-en.pdf\"; filename*=UTF-8''E_CN.7_2026_L.2-en.pdf"
            )
            .as_deref(),
            Some("E_CN.7_2026_L.2-en.pdf")
        );
        assert_eq!(attachment_name("attachment"), None);
        assert_eq!(attachment_name("attachment; filename=\"\""), None);
    }
}
