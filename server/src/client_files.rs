//! The browser client, served as static files: `/` (and `/join/<code>`, the invitation
//! links) answer the client's `index.html`, `/client/<file>` its script, WebAssembly and
//! style sheet. The files are built by `cargo xtask build-client` into `target/client/`.
//! If they are not there, `/` says how to build them; nothing else changes.
//!
//! Every participant downloads the client, so it is sent compressed (the build writes a
//! gzip copy beside each file; a browser that accepts gzip gets it as it is) and
//! revalidated rather than downloaded again: each answer carries an ETag of the file's
//! size and modification time, and a matching `If-None-Match` is answered 304.

use actix_web::http::header;
use actix_web::{get, web, HttpRequest, HttpResponse};
use std::path::{Path, PathBuf};

/// Where the built client is looked for.
#[derive(Debug, Clone)]
pub struct ClientDir(pub PathBuf);

impl ClientDir {
    /// The configured folder if it holds a client; otherwise, for a relative path, the
    /// same path next to the running binary's target folder (`target/<profile>/floor` →
    /// `target/client`), so that a binary started from elsewhere (the tests) finds it.
    fn resolve(&self) -> Option<PathBuf> {
        if self.0.join("index.html").is_file() {
            return Some(self.0.clone());
        }
        if self.0.is_relative() {
            let exe = std::env::current_exe().ok()?;
            let target = exe.parent()?.parent()?;
            let name = self.0.file_name()?;
            let candidate = target.join(name);
            if candidate.join("index.html").is_file() {
                return Some(candidate);
            }
        }
        None
    }
}

const NOT_BUILT: &str = "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
<title>Floor</title></head><body><main><h1>Floor</h1>\
<p>The browser client has not been built. Run <code>cargo xtask build-client</code> \
(or start the server with <code>cargo xtask run</code>) and reload this page.</p>\
<p>The API is at <a href=\"/api/openapi.json\">/api/openapi.json</a>.</p></main></body></html>\n";

fn content_type(name: &str) -> Option<&'static str> {
    let ext = Path::new(name).extension()?.to_str()?;
    Some(match ext {
        "html" => "text/html; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "wasm" => "application/wasm",
        "css" => "text/css; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "json" => "application/json",
        _ => return None,
    })
}

/// Whether the request accepts gzip (`Accept-Encoding`, without `gzip;q=0`).
fn accepts_gzip(req: &HttpRequest) -> bool {
    req.headers()
        .get_all(header::ACCEPT_ENCODING)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|coding| {
            let mut parts = coding.split(';').map(str::trim);
            let name = parts.next().unwrap_or("");
            let refused = parts.any(|p| {
                p.strip_prefix("q=")
                    .and_then(|q| q.parse::<f32>().ok())
                    .is_some_and(|q| q == 0.0)
            });
            (name.eq_ignore_ascii_case("gzip") || name == "*") && !refused
        })
}

/// The validator of a file as stored: its size and modification time (as static file
/// servers make them); the gzip copy has its own.
fn etag(meta: &std::fs::Metadata, gzip: bool) -> String {
    let modified = meta
        .modified()
        .ok()
        .and_then(|m| m.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| d.as_nanos())
        .unwrap_or(0);
    format!(
        "\"{:x}-{modified:x}{}\"",
        meta.len(),
        if gzip { "-gz" } else { "" }
    )
}

fn file(dir: &ClientDir, name: &str, req: &HttpRequest) -> HttpResponse {
    let Some(root) = dir.resolve() else {
        return if name == "index.html" {
            HttpResponse::Ok()
                .content_type("text/html; charset=utf-8")
                .insert_header((header::CACHE_CONTROL, "no-store"))
                .body(NOT_BUILT)
        } else {
            HttpResponse::NotFound().finish()
        };
    };
    // Plain file names only: no folders, no way out of the client's folder.
    let plain = !name.is_empty()
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
    let Some(kind) = content_type(name).filter(|_| plain) else {
        return HttpResponse::NotFound().finish();
    };
    let plain_path = root.join(name);
    let gzip_path = root.join(format!("{name}.gz"));
    let (path, gzip) = match std::fs::metadata(&gzip_path) {
        Ok(m) if m.is_file() && accepts_gzip(req) => (gzip_path, true),
        _ => (plain_path, false),
    };
    let Ok(meta) = std::fs::metadata(&path) else {
        return HttpResponse::NotFound().finish();
    };
    let tag = etag(&meta, gzip);
    let matches = req
        .headers()
        .get_all(header::IF_NONE_MATCH)
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|t| t.trim() == tag || t.trim() == "*");
    let mut answer = if matches {
        HttpResponse::NotModified()
    } else {
        HttpResponse::Ok()
    };
    answer
        .insert_header((header::ETAG, tag))
        // Rebuilding the client must show at the next reload: always revalidate.
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .insert_header((header::VARY, "Accept-Encoding"));
    if matches {
        return answer.finish();
    }
    if gzip {
        answer.insert_header((header::CONTENT_ENCODING, "gzip"));
    }
    match std::fs::read(&path) {
        Ok(bytes) => answer.content_type(kind).body(bytes),
        Err(_) => HttpResponse::NotFound().finish(),
    }
}

#[get("/")]
async fn index(dir: web::Data<ClientDir>, req: HttpRequest) -> HttpResponse {
    file(&dir, "index.html", &req)
}

#[get("/join/{code}")]
async fn join(dir: web::Data<ClientDir>, req: HttpRequest) -> HttpResponse {
    file(&dir, "index.html", &req)
}

#[get("/client/{name}")]
async fn asset(
    dir: web::Data<ClientDir>,
    name: web::Path<String>,
    req: HttpRequest,
) -> HttpResponse {
    file(&dir, &name, &req)
}

pub fn routes(cfg: &mut web::ServiceConfig, dir: ClientDir) {
    cfg.app_data(web::Data::new(dir))
        .service(index)
        .service(join)
        .service(asset);
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::{call_service, init_service, read_body, TestRequest};
    use actix_web::App;

    /// A built client in a folder of its own: index, a "wasm" file and its gzip copy (the
    /// server never compresses, it sends the copy the build wrote as it is, so any bytes
    /// stand for it here).
    fn client() -> (PathBuf, Vec<u8>) {
        let dir = std::env::temp_dir().join(format!(
            "floor-client-files-{}-{}",
            std::process::id(),
            rand::random::<u32>()
        ));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(
            dir.join("index.html"),
            "<!doctype html><title>Floor</title>",
        )
        .unwrap();
        let wasm: Vec<u8> = (0..50_000u32).flat_map(|i| (i % 7).to_le_bytes()).collect();
        std::fs::write(dir.join("floor_client_bg.wasm"), &wasm).unwrap();
        std::fs::write(
            dir.join("floor_client_bg.wasm.gz"),
            b"\x1f\x8b the build's gzip copy",
        )
        .unwrap();
        (dir, wasm)
    }

    #[actix_web::test]
    async fn the_client_goes_compressed_and_is_revalidated_not_downloaded_again() {
        let (dir, wasm) = client();
        let app =
            init_service(App::new().configure(|cfg| routes(cfg, ClientDir(dir.clone())))).await;

        // A browser: gzip, the stored copy as it is.
        let gz = std::fs::read(dir.join("floor_client_bg.wasm.gz")).unwrap();
        let resp = call_service(
            &app,
            TestRequest::get()
                .uri("/client/floor_client_bg.wasm")
                .insert_header((header::ACCEPT_ENCODING, "gzip, deflate, br"))
                .to_request(),
        )
        .await;
        assert_eq!(resp.status(), 200);
        assert_eq!(
            resp.headers().get(header::CONTENT_ENCODING).unwrap(),
            "gzip"
        );
        assert_eq!(
            resp.headers().get(header::CONTENT_TYPE).unwrap(),
            "application/wasm"
        );
        assert_eq!(resp.headers().get(header::VARY).unwrap(), "Accept-Encoding");
        let tag = resp.headers().get(header::ETAG).unwrap().clone();
        assert_eq!(read_body(resp).await.as_ref(), &gz[..]);

        // The next load revalidates: 304, no body.
        let resp = call_service(
            &app,
            TestRequest::get()
                .uri("/client/floor_client_bg.wasm")
                .insert_header((header::ACCEPT_ENCODING, "gzip"))
                .insert_header((header::IF_NONE_MATCH, tag.clone()))
                .to_request(),
        )
        .await;
        assert_eq!(resp.status(), 304);
        assert!(read_body(resp).await.is_empty());

        // A client that refuses gzip gets the plain file, with another validator, and the
        // gzip copy's validator does not match it.
        let resp = call_service(
            &app,
            TestRequest::get()
                .uri("/client/floor_client_bg.wasm")
                .insert_header((header::ACCEPT_ENCODING, "gzip;q=0, identity"))
                .insert_header((header::IF_NONE_MATCH, tag.clone()))
                .to_request(),
        )
        .await;
        assert_eq!(resp.status(), 200);
        assert!(resp.headers().get(header::CONTENT_ENCODING).is_none());
        assert_ne!(resp.headers().get(header::ETAG).unwrap(), &tag);
        assert_eq!(read_body(resp).await.as_ref(), &wasm[..]);

        // A rebuilt file is a new validator: the old one no longer matches.
        std::fs::write(
            dir.join("floor_client_bg.wasm.gz"),
            b"rebuilt, and longer than before",
        )
        .unwrap();
        let resp = call_service(
            &app,
            TestRequest::get()
                .uri("/client/floor_client_bg.wasm")
                .insert_header((header::ACCEPT_ENCODING, "gzip"))
                .insert_header((header::IF_NONE_MATCH, tag))
                .to_request(),
        )
        .await;
        assert_eq!(resp.status(), 200);

        // Files without a gzip copy are sent plain, whatever the browser accepts.
        let resp = call_service(
            &app,
            TestRequest::get()
                .uri("/")
                .insert_header((header::ACCEPT_ENCODING, "gzip"))
                .to_request(),
        )
        .await;
        assert_eq!(resp.status(), 200);
        assert!(resp.headers().get(header::CONTENT_ENCODING).is_none());
        let _ = std::fs::remove_dir_all(dir);
    }
}
