//! The HTTP API of documents: uploading files, the register's commands, listing and
//! downloading. Every read goes through the reader's entitlement: a document outside
//! one's distribution answers exactly like a document that does not exist.

use crate::api::{ReachesSession, SessionSecretariat};
use crate::error::ApiError;
use crate::startup::AppState;
use crate::storage::{self, ContentId, Disposition, DownloadName, MAX_DOCUMENT_BYTES};
use actix_web::{get, post, route, web, HttpRequest, HttpResponse};
use floor_protocol::api::{DocumentCommandAccepted, DocumentCommandRequest, UploadedFile};
use floor_protocol::document::*;
use floor_protocol::ErrorCode;
use floor_protocol::*;

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(web::resource("/api/sessions/{id}/files").route(web::post().to(upload)))
        .service(list_documents)
        .service(get_document)
        .service(download)
        .service(document_command);
}

/// The bearer as a reader of an existing session's documents (the token's reach into
/// the session is checked by `ReachesSession`).
async fn session_reader(app: &AppState, access: &ReachesSession) -> Result<Reader, ApiError> {
    app.meetings
        .directory
        .session(access.session)
        .await?
        .ok_or(ApiError::NotFound(ErrorCode::SessionNotFound))?;
    Ok(app.meetings.reader(&access.who).await?)
}

/// The document if the reader is entitled to it; otherwise "not found", as if it did not exist.
async fn visible_document(
    app: &AppState,
    reader: &Reader,
    session: SessionId,
    id: u32,
) -> Result<Document, ApiError> {
    app.meetings
        .documents(session)
        .await?
        .visible_document(DocumentId(id), reader)
        .ok_or(ApiError::NotFound(ErrorCode::DocumentNotFound))
}

async fn upload(
    req: HttpRequest,
    app: web::Data<AppState>,
    access: SessionSecretariat,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let session = access.session;
    app.meetings
        .directory
        .session(session)
        .await?
        .ok_or(ApiError::NotFound(ErrorCode::SessionNotFound))?;
    // The declared type is checked against the content; any file name sent is ignored:
    // files are stored by content and downloaded under a name built from the symbol.
    let body = read_limited(&req, payload).await?;
    let declared = req
        .headers()
        .get(actix_web::http::header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let detected = storage::check_document(declared, &body)?;
    let size = body.len() as u64;
    let id = app.files.put(body).await?;
    app.meetings
        .directory
        .add_file(session, &id.to_hex(), detected.mime, size)
        .await?;
    Ok(HttpResponse::Created().json(UploadedFile {
        content_id: id.to_hex(),
        mime: detected.mime.to_string(),
        size,
    }))
}

#[get("/api/sessions/{id}/documents")]
async fn list_documents(
    app: web::Data<AppState>,
    access: ReachesSession,
) -> Result<HttpResponse, ApiError> {
    let session = access.session;
    let reader = session_reader(&app, &access).await?;
    let register = app.meetings.documents(session).await?;
    Ok(HttpResponse::Ok().json(register.visible_to(&reader)))
}

#[get("/api/sessions/{id}/documents/{doc}")]
async fn get_document(
    app: web::Data<AppState>,
    access: ReachesSession,
    path: web::Path<(i64, u32)>,
) -> Result<HttpResponse, ApiError> {
    let (session, doc) = (access.session, path.1);
    let reader = session_reader(&app, &access).await?;
    Ok(HttpResponse::Ok().json(visible_document(&app, &reader, session, doc).await?))
}

/// GET, and HEAD for a client that checks the size and `ETag` before resuming.
#[route(
    "/api/sessions/{id}/documents/{doc}/files/{language}",
    method = "GET",
    method = "HEAD"
)]
async fn download(
    req: HttpRequest,
    app: web::Data<AppState>,
    access: ReachesSession,
    path: web::Path<(i64, u32, String)>,
) -> Result<HttpResponse, ApiError> {
    let (session, doc, language) = (access.session, path.1, path.2.clone());
    let reader = session_reader(&app, &access).await?;
    let document = visible_document(&app, &reader, session, doc).await?;
    let file = Language::parse(&language)
        .and_then(|l| document.files.iter().find(|f| f.language == l))
        .ok_or(ApiError::NotFound(ErrorCode::LanguageVersionNotFound))?;
    let id = ContentId::parse(&file.content_id)?;
    let extension = match file.mime.as_str() {
        "application/pdf" => "pdf",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => "docx",
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => "xlsx",
        m if m.starts_with("text/plain") => "txt",
        _ => "bin",
    };
    let name = DownloadName::new(&document.symbol.to_string(), &language, extension);
    Ok(storage::serve(
        &req,
        app.files.as_ref(),
        id,
        &file.mime,
        &name,
        Disposition::Attachment,
    )
    .await)
}

#[post("/api/sessions/{id}/documents/commands")]
async fn document_command(
    app: web::Data<AppState>,
    access: ReachesSession,
    body: web::Json<DocumentCommandRequest>,
) -> Result<HttpResponse, ApiError> {
    let session = access.session;
    session_reader(&app, &access).await?;
    let who = &access.who;
    app.limits.command(who)?;
    ApiError::plain_text(&*body)?;
    let mut command = body.into_inner().command;
    // Files are described by the server from their upload, never by the client. Only
    // for a role that may give the command (the secretariat): anyone else is refused by
    // the rules whatever the files, so the answer cannot tell which files were uploaded.
    let permitted = floor_meeting::authority::permits_document(who.role, &command);
    if let DocumentCommand::Publish { files, .. } | DocumentCommand::AddFiles { files, .. } =
        &mut command
    {
        if !permitted {
            files.clear();
        }
        for f in files.iter_mut() {
            let stored = app.meetings.directory.file(session, &f.content_id).await?;
            let Some((mime, size)) = stored else {
                return Err(ApiError::Rejected(Rejection::InvalidFiles {
                    reason: format!("no file {} was uploaded to this session", f.content_id),
                }));
            };
            f.mime = mime;
            f.size = size;
        }
    }
    let ctx = app.meetings.context(session).await?;
    let events = app
        .meetings
        .execute_document(&ctx, session, who, &command)
        .await?;
    Ok(HttpResponse::Ok().json(DocumentCommandAccepted {
        seq: events.last().map_or(0, |e| e.seq),
        events,
    }))
}

/// The request body, refused as soon as it is known to exceed the document size limit
/// (from `Content-Length`, or while reading), so an oversize upload is never held whole.
async fn read_limited(
    req: &HttpRequest,
    mut payload: web::Payload,
) -> Result<web::Bytes, ApiError> {
    use futures_util::StreamExt;
    let too_large = |len: u64| {
        ApiError::Storage(storage::StorageError::TooLarge {
            len,
            max: MAX_DOCUMENT_BYTES,
        })
    };
    let declared_len = req
        .headers()
        .get(actix_web::http::header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    if let Some(len) = declared_len.filter(|l| *l > MAX_DOCUMENT_BYTES) {
        return Err(too_large(len));
    }
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk =
            chunk.map_err(|e| ApiError::bad_request(ErrorCode::MalformedBody, e.to_string()))?;
        if (body.len() + chunk.len()) as u64 > MAX_DOCUMENT_BYTES {
            return Err(too_large((body.len() + chunk.len()) as u64));
        }
        body.extend_from_slice(&chunk);
    }
    Ok(body.freeze())
}
