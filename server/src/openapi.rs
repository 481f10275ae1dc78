//! The OpenAPI 3.0 document served at `/api/openapi.json`. Schemas come from the protocol
//! crate's types (through schemars), so they cannot drift from what the server sends; the
//! table of operations below is the one place that lists the routes of [`crate::api`].
//!
//! Not `utoipa`: it derives schemas from its own `ToSchema` trait, so every protocol type
//! (shared with the WebAssembly client, and already deriving schemars' `JsonSchema` for
//! docs/protocol.md's checks) would need a second derive, and every handler a
//! `#[utoipa::path]` attribute repeating its method and path; the table below is one
//! entry per route and its schemas cannot drift from the wire types.

use floor_protocol::api::*;
use floor_protocol::frames::{ClientFrame, ServerFrame};
use floor_protocol::{EventEnvelope, Participant, SessionRules};
use schemars::gen::SchemaSettings;
use serde_json::{json, Map, Value};

struct Operation {
    method: &'static str,
    path: &'static str,
    summary: &'static str,
    /// Who may call it; `None` for public routes.
    auth: Option<&'static str>,
    request: Option<&'static str>,
    response: (u16, &'static str),
}

const fn op(
    method: &'static str,
    path: &'static str,
    summary: &'static str,
    auth: Option<&'static str>,
    request: Option<&'static str>,
    response: (u16, &'static str),
) -> Operation {
    Operation {
        method,
        path,
        summary,
        auth,
        request,
        response,
    }
}

const SECRETARIAT: Option<&str> = Some("secretariat");
const ANY: Option<&str> = Some("any participant whose token covers the resource");

/// Routes answered `429` with `Retry-After` beyond their limit (`limits.rs`).
const RATE_LIMITED: &[&str] = &[
    "/api/login",
    "/api/invitations/redeem",
    "/api/meetings/{id}/commands",
    "/api/sessions/{id}/documents/commands",
];

const OPERATIONS: &[Operation] = &[
    op(
        "get",
        "/healthz",
        "Liveness and readiness: database and event bus; meetings and document registers in memory.",
        None,
        None,
        (200, "Health"),
    ),
    op(
        "get",
        "/metrics",
        "This node's figures in Prometheus' text format (docs/protocol.md 15.4).",
        Some("the operator's network (FLOOR_METRICS_ALLOW) or the metrics token (FLOOR_METRICS_TOKEN)"),
        None,
        (200, "text/plain"),
    ),
    op(
        "post",
        "/api/login",
        "Secretariat sign-in with username and password.",
        None,
        Some("LoginRequest"),
        (200, "TokenResponse"),
    ),
    op(
        "post",
        "/api/invitations/redeem",
        "Redeem a one-time invitation code for a token.",
        None,
        Some("RedeemRequest"),
        (200, "TokenResponse"),
    ),
    op(
        "get",
        "/api/media/ice-servers",
        "TURN relays and a credential of limited life for the bearer's media connection.",
        ANY,
        None,
        (200, "IceServers"),
    ),
    op(
        "get",
        "/api/media/stats",
        "This node's SFU counters (secretariat of all sessions).",
        SECRETARIAT,
        None,
        (200, "MediaStats"),
    ),
    op(
        "get",
        "/api/me",
        "What the bearer's token carries.",
        ANY,
        None,
        (200, "TokenResponse"),
    ),
    op(
        "get",
        "/api/sessions",
        "Sessions the token covers.",
        ANY,
        None,
        (200, "Session[]"),
    ),
    op(
        "post",
        "/api/sessions",
        "Create a session.",
        SECRETARIAT,
        Some("NewSession"),
        (201, "Session"),
    ),
    op(
        "get",
        "/api/sessions/{id}",
        "A session with its rules.",
        ANY,
        None,
        (200, "Session"),
    ),
    op(
        "put",
        "/api/sessions/{id}/rules",
        "Replace the session's rules of procedure settings.",
        SECRETARIAT,
        Some("SessionRules"),
        (200, "Session"),
    ),
    op(
        "get",
        "/api/sessions/{id}/delegations",
        "The session's roster of delegations.",
        ANY,
        None,
        (200, "Delegation[]"),
    ),
    op(
        "post",
        "/api/sessions/{id}/delegations",
        "Add a delegation to the roster.",
        SECRETARIAT,
        Some("NewDelegation"),
        (201, "Delegation"),
    ),
    op(
        "put",
        "/api/delegations/{id}",
        "Correct a delegation of the roster: its name or its kind (409 delegation_exists if another delegation of the session has that name).",
        SECRETARIAT,
        Some("NewDelegation"),
        (200, "Delegation"),
    ),
    op(
        "get",
        "/api/sessions/{id}/participants",
        "The session's participants.",
        SECRETARIAT,
        None,
        (200, "Participant[]"),
    ),
    op(
        "post",
        "/api/sessions/{id}/participants",
        "Add a participant.",
        SECRETARIAT,
        Some("NewParticipant"),
        (201, "Participant"),
    ),
    op(
        "post",
        "/api/participants/{id}/invitations",
        "Create a one-time invitation (code and link) for a participant.",
        SECRETARIAT,
        Some("NewInvitation"),
        (201, "Invitation"),
    ),
    op(
        "post",
        "/api/participants/{id}/revoke",
        "Revoke a participant: every token issued to them is refused from now on (401 token_revoked, open WebSockets closed), and their unused invitations void.",
        SECRETARIAT,
        None,
        (204, ""),
    ),
    op(
        "get",
        "/api/sessions/{id}/meetings",
        "The session's meetings.",
        ANY,
        None,
        (200, "Meeting[]"),
    ),
    op(
        "post",
        "/api/sessions/{id}/meetings",
        "Create a meeting.",
        SECRETARIAT,
        Some("NewMeeting"),
        (201, "Meeting"),
    ),
    op(
        "get",
        "/api/meetings/{id}",
        "A meeting's current state, quorum, rules and roster.",
        ANY,
        None,
        (200, "MeetingView"),
    ),
    op(
        "post",
        "/api/meetings/{id}/commands",
        "Give a command (the same commands as over the WebSocket). An optional `request_id` makes it idempotent: the same command resent under it answers the first answer (`resent`) with no second effect; a different command under it is `409 request_id_reused`.",
        ANY,
        Some("CommandRequest"),
        (200, "CommandAccepted"),
    ),
    op(
        "get",
        "/api/meetings/{id}/events",
        "The meeting's event log after `since` (query: since, limit).",
        ANY,
        None,
        (200, "EventEnvelope[]"),
    ),
    op(
        "get",
        "/api/meetings/{id}/record",
        "The meeting record: speeches (each with its place in the sound record), rulings, decisions and votes, totals, and the sound record's tracks.",
        ANY,
        None,
        (200, "MeetingRecord"),
    ),
    op(
        "get",
        "/api/meetings/{id}/recordings/{recording}",
        "One track of the sound record (Ogg Opus, as the record lists it): the secretariat, and participants when the session's rules allow; Range (resumable).",
        ANY,
        None,
        (200, "binary"),
    ),
    op(
        "get",
        "/api/meetings/{id}/record.csv",
        "The record's speeches as CSV.",
        ANY,
        None,
        (200, "text/csv"),
    ),
    op(
        "get",
        "/api/meetings/{id}/decisions.csv",
        "The record's decisions and votes as CSV.",
        ANY,
        None,
        (200, "text/csv"),
    ),
    op(
        "post",
        "/api/sessions/{id}/files",
        "Upload a document file (PDF, DOCX, XLSX or plain text; at most 50 MiB); its type is checked by content.",
        SECRETARIAT,
        Some("binary"),
        (201, "UploadedFile"),
    ),
    op(
        "post",
        "/api/sessions/{id}/documents/commands",
        "A command on the session's document register: publish, add files, sign on or off as sponsor, close sponsorship.",
        ANY,
        Some("DocumentCommandRequest"),
        (200, "DocumentCommandAccepted"),
    ),
    op(
        "get",
        "/api/sessions/{id}/documents",
        "The documents of the session the bearer is entitled to.",
        ANY,
        None,
        (200, "Document[]"),
    ),
    op(
        "get",
        "/api/sessions/{id}/documents/{doc}",
        "One document (404 outside its distribution, as if it did not exist).",
        ANY,
        None,
        (200, "Document"),
    ),
    op(
        "get",
        "/api/sessions/{id}/documents/{doc}/files/{language}",
        "Download a language version: ETag, Range (resumable), Content-Disposition from the symbol.",
        ANY,
        None,
        (200, "binary"),
    ),
    op(
        "get",
        "/ws",
        "WebSocket upgrade; frames are ClientFrame and ServerFrame (docs/protocol.md). \
         Optionally ?meeting=<id>, ignored by the server: a reverse proxy keeps a meeting's \
         media on one node by it (docs/protocol.md 4.1).",
        None,
        None,
        (101, "ServerFrame"),
    ),
];

fn schema_ref(name: &str) -> Value {
    match name.strip_suffix("[]") {
        Some(item) => {
            json!({"type": "array", "items": {"$ref": format!("#/components/schemas/{item}")}})
        }
        None => json!({"$ref": format!("#/components/schemas/{name}")}),
    }
}

/// The whole document.
pub fn document() -> Value {
    let mut gen = SchemaSettings::openapi3().into_generator();
    macro_rules! schemas {
        ($($t:ty),* $(,)?) => {{
            let mut m = Map::new();
            $( let s = gen.subschema_for::<$t>(); let _ = s; )*
            for (name, schema) in gen.take_definitions() {
                m.insert(name, serde_json::to_value(schema).unwrap_or_default());
            }
            m
        }};
    }
    let components = schemas!(
        UploadedFile,
        DocumentCommandRequest,
        DocumentCommandAccepted,
        floor_protocol::document::Document,
        Health,
        MediaStats,
        IceServers,
        LoginRequest,
        RedeemRequest,
        TokenResponse,
        NewSession,
        Session,
        SessionRules,
        NewDelegation,
        floor_protocol::Delegation,
        NewParticipant,
        Participant,
        NewInvitation,
        Invitation,
        NewMeeting,
        Meeting,
        MeetingView,
        CommandRequest,
        CommandAccepted,
        EventEnvelope,
        MeetingRecord,
        ErrorBody,
        floor_protocol::ErrorCode,
        ClientFrame,
        ServerFrame,
    );

    let mut paths = Map::new();
    for o in OPERATIONS {
        let mut operation = Map::new();
        operation.insert("summary".into(), json!(o.summary));
        let mut params = Vec::new();
        for part in o.path.split('/') {
            if let Some(name) = part.strip_prefix('{').and_then(|p| p.strip_suffix('}')) {
                let schema = if name == "language" {
                    json!({"type": "string", "enum": ["ar", "zh", "en", "fr", "ru", "es"]})
                } else {
                    json!({"type": "integer"})
                };
                params
                    .push(json!({"name": name, "in": "path", "required": true, "schema": schema}));
            }
        }
        if o.path.ends_with("/events") {
            params.push(json!({"name": "since", "in": "query", "schema": {"type": "integer", "minimum": 0}}));
            params.push(json!({"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 10000}}));
        }
        if !params.is_empty() {
            operation.insert("parameters".into(), Value::Array(params));
        }
        if let Some(req) = o.request {
            let content = if req == "binary" {
                json!({"*/*": {"schema": {"type": "string", "format": "binary"}}})
            } else {
                json!({"application/json": {"schema": schema_ref(req)}})
            };
            operation.insert(
                "requestBody".into(),
                json!({"required": true, "content": content}),
            );
        }
        let (status, body) = o.response;
        let content = if body.is_empty() {
            Value::Null
        } else if body == "binary" {
            json!({"*/*": {"schema": {"type": "string", "format": "binary"}}})
        } else if body.starts_with("text/") {
            json!({ body: {"schema": {"type": "string"}} })
        } else {
            json!({"application/json": {"schema": schema_ref(body)}})
        };
        let error = json!({"description": "Error", "content": {"application/json": {"schema": schema_ref("ErrorBody")}}});
        let success = if content.is_null() {
            json!({"description": "Success"})
        } else {
            json!({"description": "Success", "content": content})
        };
        let mut responses = json!({ status.to_string(): success, "default": error });
        // The rate-limited routes (docs/protocol.md 3.1).
        if RATE_LIMITED.contains(&o.path) {
            responses["429"] = json!({
                "description": "Over a rate limit (code rate_limited); nothing was changed.",
                "headers": {"Retry-After": {"description": "Seconds until the next attempt is accepted.", "schema": {"type": "integer", "minimum": 1}}},
                "content": {"application/json": {"schema": schema_ref("ErrorBody")}}
            });
        }
        operation.insert("responses".into(), responses);
        if let Some(who) = o.auth {
            operation.insert("security".into(), json!([{"bearer": []}]));
            operation.insert("x-allowed".into(), json!(who));
        }
        let entry = paths
            .entry(o.path.to_string())
            .or_insert_with(|| Value::Object(Map::new()));
        if let Value::Object(m) = entry {
            m.insert(o.method.into(), Value::Object(operation));
        }
    }

    json!({
        "openapi": "3.0.3",
        "info": {
            "title": "Floor",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Hybrid meetings of intergovernmental commissions. The WebSocket protocol and every command, event and error are described in docs/protocol.md."
        },
        "paths": paths,
        "components": {
            "schemas": components,
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer", "bearerFormat": "JWT"}}
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_referenced_schema_is_defined() {
        let doc = document();
        let text = doc.to_string();
        let schemas = doc["components"]["schemas"].as_object().unwrap();
        for part in text.split("#/components/schemas/").skip(1) {
            let name: String = part
                .chars()
                .take_while(|c| c.is_alphanumeric() || *c == '_')
                .collect();
            assert!(
                schemas.contains_key(&name),
                "{name} is referenced but not defined"
            );
        }
        assert!(doc["paths"]["/api/meetings/{id}/commands"]["post"].is_object());
        assert!(
            doc["paths"]["/api/login"]["post"]["responses"]["429"]["headers"]["Retry-After"]
                .is_object()
        );
        assert!(
            doc["paths"]["/api/participants/{id}/revoke"]["post"]["responses"]["204"].is_object()
        );
    }
}
