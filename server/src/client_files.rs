//! The browser client, served as static files: `/` (and `/join/<code>`, the invitation
//! links) answer the client's `index.html`, `/client/<file>` its script, WebAssembly and
//! style sheet. The files are built by `cargo xtask build-client` into `target/client/`.
//! If they are not there, `/` says how to build them; nothing else changes.

use actix_web::http::header;
use actix_web::{get, web, HttpResponse};
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

fn file(dir: &ClientDir, name: &str) -> HttpResponse {
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
    match std::fs::read(root.join(name)) {
        Ok(bytes) => HttpResponse::Ok()
            .content_type(kind)
            // Rebuilding the client must show at the next reload.
            .insert_header((header::CACHE_CONTROL, "no-cache"))
            .body(bytes),
        Err(_) => HttpResponse::NotFound().finish(),
    }
}

#[get("/")]
async fn index(dir: web::Data<ClientDir>) -> HttpResponse {
    file(&dir, "index.html")
}

#[get("/join/{code}")]
async fn join(dir: web::Data<ClientDir>) -> HttpResponse {
    file(&dir, "index.html")
}

#[get("/client/{name}")]
async fn asset(dir: web::Data<ClientDir>, name: web::Path<String>) -> HttpResponse {
    file(&dir, &name)
}

pub fn routes(cfg: &mut web::ServiceConfig, dir: ClientDir) {
    cfg.app_data(web::Data::new(dir))
        .service(index)
        .service(join)
        .service(asset);
}
