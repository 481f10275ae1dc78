//! The HTTP API. Handlers only translate: they check who is asking, call the directory or
//! the meeting hubs, and answer with the protocol crate's bodies.

use crate::auth::{self, Identity};
use crate::db::now_ms;
use crate::error::ApiError;
use crate::startup::AppState;
use actix_web::dev::Payload;
use actix_web::{get, post, put, web, FromRequest, HttpRequest, HttpResponse};
use floor_meeting::record::{decisions_csv, meeting_record, speeches_csv};
use floor_protocol::api::*;
use floor_protocol::*;
use std::future::{ready, Ready};

pub fn routes(cfg: &mut web::ServiceConfig) {
    cfg.service(healthz)
        .service(openapi)
        .service(login)
        .service(redeem)
        .service(me)
        .service(list_sessions)
        .service(create_session)
        .service(get_session)
        .service(set_rules)
        .service(list_delegations)
        .service(add_delegation)
        .service(list_participants)
        .service(add_participant)
        .service(invite)
        .service(list_meetings)
        .service(create_meeting)
        .service(get_meeting)
        .service(post_command)
        .service(get_events)
        .service(get_record)
        .service(get_record_csv)
        .service(get_decisions_csv)
        .service(ice_servers)
        .service(media_stats);
}

/// The bearer of a valid token (`Authorization: Bearer <token>`).
pub struct Bearer(pub Identity);

impl FromRequest for Bearer {
    type Error = ApiError;
    type Future = Ready<Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let result = (|| {
            let app = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no app state")))?;
            let header = req
                .headers()
                .get(actix_web::http::header::AUTHORIZATION)
                .and_then(|h| h.to_str().ok())
                .ok_or(ApiError::Unauthorized {
                    code: "missing_token",
                    message: "Sign in first: this needs an Authorization: Bearer token.".into(),
                })?;
            let token = header
                .strip_prefix("Bearer ")
                .ok_or(ApiError::Unauthorized {
                    code: "invalid_token",
                    message: "The Authorization header must read 'Bearer <token>'.".into(),
                })?;
            Ok(Bearer(app.keys.verify(token.trim())?))
        })();
        ready(result)
    }
}

impl Bearer {
    fn secretariat(&self) -> Result<&Identity, ApiError> {
        if self.0.role == Role::Secretariat {
            Ok(&self.0)
        } else {
            Err(ApiError::forbidden("Only the secretariat may do this."))
        }
    }

    fn secretariat_of(&self, session: SessionId) -> Result<&Identity, ApiError> {
        let who = self.secretariat()?;
        if who.scope.covers_session(session) {
            Ok(who)
        } else {
            Err(ApiError::forbidden(
                "Your token does not cover this session.",
            ))
        }
    }
}

fn token_response(token: String, who: &Identity) -> TokenResponse {
    TokenResponse {
        token,
        expires_at: who.expires_at,
        role: who.role,
        scope: who.scope,
        participant: who.participant,
        delegation: who.delegation,
        display_name: who.display_name.clone(),
    }
}

fn non_empty(field: &'static str, value: &str, max: usize) -> Result<(), ApiError> {
    let n = value.trim().chars().count();
    if n == 0 || n > max {
        return Err(ApiError::bad_request(
            "invalid_field",
            format!("The {field} must be between 1 and {max} characters."),
        ));
    }
    Ok(())
}

#[get("/healthz")]
async fn healthz(app: web::Data<AppState>) -> HttpResponse {
    use sea_orm::ConnectionTrait;
    let db_ok = app
        .meetings
        .directory
        .connection()
        .execute_unprepared("SELECT 1")
        .await
        .is_ok();
    let bus_ok = app.meetings.bus.ping().await;
    let body = Health {
        status: if db_ok && bus_ok { "ok" } else { "degraded" }.into(),
        database: if db_ok { "ok" } else { "unreachable" }.into(),
        bus: format!(
            "{} {}",
            app.meetings.bus.describe(),
            if bus_ok { "ok" } else { "unreachable" }
        ),
    };
    if db_ok && bus_ok {
        HttpResponse::Ok().json(body)
    } else {
        HttpResponse::ServiceUnavailable().json(body)
    }
}

/// The TURN relays (with a credential of limited life) a browser should give its media
/// connection; empty when none is configured.
#[get("/api/media/ice-servers")]
async fn ice_servers(app: web::Data<AppState>, who: Bearer) -> HttpResponse {
    let label = match (who.0.participant, who.0.account) {
        (Some(p), _) => format!("participant-{}", p.0),
        (None, Some(a)) => format!("account-{}", a.0),
        (None, None) => "participant".to_string(),
    };
    let now_secs = u64::try_from(now_ms() / 1000).unwrap_or(0);
    HttpResponse::Ok()
        .insert_header(("Cache-Control", "no-store"))
        .json(app.meetings.media.ice_servers(&label, now_secs))
}

/// This node's SFU counters: connections, packets in, forwarded, dropped, over limit.
#[get("/api/media/stats")]
async fn media_stats(app: web::Data<AppState>, who: Bearer) -> Result<HttpResponse, ApiError> {
    if who.secretariat()?.scope != Scope::All {
        return Err(ApiError::forbidden(
            "Only a secretariat account may read the node's media counters.",
        ));
    }
    let stats = app
        .meetings
        .media
        .stats()
        .await
        .ok_or_else(|| anyhow::anyhow!("the media server is not running"))?;
    Ok(HttpResponse::Ok().json(stats))
}

#[get("/api/openapi.json")]
async fn openapi() -> HttpResponse {
    HttpResponse::Ok().json(crate::openapi::document())
}

#[post("/api/login")]
async fn login(
    app: web::Data<AppState>,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let wrong = || ApiError::Unauthorized {
        code: "wrong_credentials",
        message: "The username or password is not right.".into(),
    };
    let account = app
        .meetings
        .directory
        .find_account(body.username.trim())
        .await?;
    let Some(account) = account else {
        // Spend the same time as a real check so that usernames cannot be probed.
        let _ = auth::verify_password(&body.password, &app.dummy_hash);
        return Err(wrong());
    };
    let (hash, password) = (account.password_hash.clone(), body.password.clone());
    let ok = web::block(move || auth::verify_password(&password, &hash))
        .await
        .map_err(|e| anyhow::anyhow!("password check: {e}"))?;
    if !ok {
        return Err(wrong());
    }
    let who = Identity {
        role: Role::Secretariat,
        scope: Scope::All,
        participant: None,
        account: Some(AccountId(account.id)),
        delegation: None,
        display_name: account.username,
        expires_at: Millis(0),
    };
    let (token, who) = app.keys.issue(who, Millis(now_ms()))?;
    Ok(HttpResponse::Ok().json(token_response(token, &who)))
}

#[post("/api/invitations/redeem")]
async fn redeem(
    app: web::Data<AppState>,
    body: web::Json<RedeemRequest>,
) -> Result<HttpResponse, ApiError> {
    use crate::db::RedeemError;
    let hash = auth::invitation_code_hash(&body.code);
    let (participant, scope) = app
        .meetings
        .directory
        .redeem(&hash, Millis(now_ms()))
        .await
        .map_err(|e| match e {
            RedeemError::Unknown => ApiError::NotFound("invitation"),
            RedeemError::AlreadyUsed => ApiError::Conflict {
                code: "invitation_used",
                message:
                    "This invitation has already been used; ask the secretariat for a new one."
                        .into(),
            },
            RedeemError::Expired => ApiError::Conflict {
                code: "invitation_expired",
                message: "This invitation has expired; ask the secretariat for a new one.".into(),
            },
            RedeemError::Other(e) => ApiError::Internal(e),
        })?;
    let who = Identity {
        role: participant.role,
        scope,
        participant: Some(participant.id),
        account: None,
        delegation: participant.delegation_id,
        display_name: participant.display_name,
        expires_at: Millis(0),
    };
    let (token, who) = app.keys.issue(who, Millis(now_ms()))?;
    Ok(HttpResponse::Ok().json(token_response(token, &who)))
}

#[get("/api/me")]
async fn me(who: Bearer) -> HttpResponse {
    HttpResponse::Ok().json(token_response(String::new(), &who.0))
}

#[get("/api/sessions")]
async fn list_sessions(app: web::Data<AppState>, who: Bearer) -> Result<HttpResponse, ApiError> {
    let mut visible = Vec::new();
    for s in app.meetings.directory.sessions().await? {
        if app.meetings.covers_session(&who.0, s.id).await? {
            visible.push(s);
        }
    }
    Ok(HttpResponse::Ok().json(visible))
}

#[post("/api/sessions")]
async fn create_session(
    app: web::Data<AppState>,
    who: Bearer,
    body: web::Json<NewSession>,
) -> Result<HttpResponse, ApiError> {
    if who.secretariat()?.scope != Scope::All {
        return Err(ApiError::forbidden(
            "Only a secretariat account may create sessions.",
        ));
    }
    non_empty("title", &body.title, 300)?;
    if let Some(rules) = &body.rules {
        rules
            .validate()
            .map_err(|reason| ApiError::bad_request("invalid_rules", reason))?;
    }
    let s = app.meetings.directory.create_session(&body).await?;
    Ok(HttpResponse::Created().json(s))
}

#[get("/api/sessions/{id}")]
async fn get_session(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = SessionId(*id);
    if !app.meetings.covers_session(&who.0, id).await? {
        return Err(ApiError::forbidden(
            "Your token does not cover this session.",
        ));
    }
    let s = app
        .meetings
        .directory
        .session(id)
        .await?
        .ok_or(ApiError::NotFound("session"))?;
    Ok(HttpResponse::Ok().json(s))
}

#[put("/api/sessions/{id}/rules")]
async fn set_rules(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
    body: web::Json<SessionRules>,
) -> Result<HttpResponse, ApiError> {
    let id = SessionId(*id);
    who.secretariat_of(id)?;
    body.validate()
        .map_err(|reason| ApiError::bad_request("invalid_rules", reason))?;
    let s = app
        .meetings
        .directory
        .set_rules(id, &body)
        .await?
        .ok_or(ApiError::NotFound("session"))?;
    Ok(HttpResponse::Ok().json(s))
}

async fn existing_session(app: &AppState, id: SessionId) -> Result<Session, ApiError> {
    app.meetings
        .directory
        .session(id)
        .await?
        .ok_or(ApiError::NotFound("session"))
}

#[get("/api/sessions/{id}/delegations")]
async fn list_delegations(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = SessionId(*id);
    if !app.meetings.covers_session(&who.0, id).await? {
        return Err(ApiError::forbidden(
            "Your token does not cover this session.",
        ));
    }
    existing_session(&app, id).await?;
    Ok(HttpResponse::Ok().json(app.meetings.directory.delegations(id).await?))
}

#[post("/api/sessions/{id}/delegations")]
async fn add_delegation(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
    body: web::Json<NewDelegation>,
) -> Result<HttpResponse, ApiError> {
    let id = SessionId(*id);
    who.secretariat_of(id)?;
    existing_session(&app, id).await?;
    non_empty("name", &body.name, 200)?;
    match app.meetings.directory.add_delegation(id, &body).await? {
        Some(d) => Ok(HttpResponse::Created().json(d)),
        None => Err(ApiError::Conflict {
            code: "delegation_exists",
            message: format!(
                "The session already has a delegation named {:?}.",
                body.name.trim()
            ),
        }),
    }
}

#[get("/api/sessions/{id}/participants")]
async fn list_participants(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = SessionId(*id);
    who.secretariat_of(id)?;
    existing_session(&app, id).await?;
    Ok(HttpResponse::Ok().json(app.meetings.directory.participants(id).await?))
}

#[post("/api/sessions/{id}/participants")]
async fn add_participant(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
    body: web::Json<NewParticipant>,
) -> Result<HttpResponse, ApiError> {
    let id = SessionId(*id);
    who.secretariat_of(id)?;
    existing_session(&app, id).await?;
    non_empty("display name", &body.display_name, 200)?;
    match (body.role, body.delegation_id) {
        (Role::Delegate, None) => {
            return Err(ApiError::bad_request(
                "delegation_required",
                "A delegate belongs to a delegation.",
            ))
        }
        (_, Some(d)) => {
            let found = app.meetings.directory.delegation(d).await?;
            if found.map(|d| d.session_id) != Some(id) {
                return Err(ApiError::bad_request(
                    "unknown_delegation",
                    format!("Delegation {d} is not on this session's roster."),
                ));
            }
        }
        _ => {}
    }
    let p = app.meetings.directory.add_participant(id, &body).await?;
    Ok(HttpResponse::Created().json(p))
}

#[post("/api/participants/{id}/invitations")]
async fn invite(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
    body: web::Json<NewInvitation>,
) -> Result<HttpResponse, ApiError> {
    who.secretariat()?;
    let p = app
        .meetings
        .directory
        .participant(ParticipantId(*id))
        .await?
        .ok_or(ApiError::NotFound("participant"))?;
    who.secretariat_of(p.session_id)?;
    let scope = match body.meeting_id {
        None => Scope::Session(p.session_id),
        Some(m) => {
            let meeting = app
                .meetings
                .directory
                .meeting(m)
                .await?
                .ok_or(ApiError::NotFound("meeting"))?;
            if meeting.session_id != p.session_id {
                return Err(ApiError::bad_request(
                    "wrong_session",
                    "That meeting belongs to another session.",
                ));
            }
            Scope::Meeting(m)
        }
    };
    let hours = body.valid_for_hours.unwrap_or(72).clamp(1, 24 * 60);
    let code = auth::new_invitation_code();
    let expires_at = Millis(now_ms() + i64::from(hours) * 3_600_000);
    app.meetings
        .directory
        .create_invitation(p.id, &auth::invitation_code_hash(&code), scope, expires_at)
        .await?;
    Ok(HttpResponse::Created().json(Invitation {
        participant_id: p.id,
        link: format!("{}/join/{code}", app.public_url),
        code,
        expires_at,
        scope,
    }))
}

#[get("/api/sessions/{id}/meetings")]
async fn list_meetings(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let id = SessionId(*id);
    if !app.meetings.covers_session(&who.0, id).await? {
        return Err(ApiError::forbidden(
            "Your token does not cover this session.",
        ));
    }
    existing_session(&app, id).await?;
    let mut out = Vec::new();
    for m in app.meetings.directory.meetings(id).await? {
        if who.0.scope.covers(id, m.id) {
            let (meeting, _) = app.meetings.current(m.id, &who.0).await?;
            out.push(meeting);
        }
    }
    Ok(HttpResponse::Ok().json(out))
}

#[post("/api/sessions/{id}/meetings")]
async fn create_meeting(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
    body: web::Json<NewMeeting>,
) -> Result<HttpResponse, ApiError> {
    let id = SessionId(*id);
    who.secretariat_of(id)?;
    existing_session(&app, id).await?;
    non_empty("title", &body.title, 300)?;
    Ok(HttpResponse::Created().json(app.meetings.directory.create_meeting(id, &body).await?))
}

#[get("/api/meetings/{id}")]
async fn get_meeting(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let (meeting, state) = app.meetings.current(MeetingId(*id), &who.0).await?;
    let ctx = app.meetings.context(meeting.session_id).await?;
    let members = ctx.members();
    let required = ctx.rules.quorum_required(members);
    let present = state.members_present();
    Ok(HttpResponse::Ok().json(MeetingView {
        quorum: Quorum {
            members,
            members_present: present,
            required,
            met: present >= required,
        },
        delegations: app
            .meetings
            .directory
            .delegations(meeting.session_id)
            .await?,
        rules: ctx.rules,
        meeting,
        state,
    }))
}

#[post("/api/meetings/{id}/commands")]
async fn post_command(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
    body: web::Json<CommandRequest>,
) -> Result<HttpResponse, ApiError> {
    let events = app
        .meetings
        .execute(MeetingId(*id), &who.0, &body.command)
        .await?;
    Ok(HttpResponse::Ok().json(CommandAccepted {
        seq: events.last().map_or(0, |e| e.seq),
        events: events.iter().map(EventEnvelope::for_participants).collect(),
    }))
}

#[derive(serde::Deserialize)]
struct EventsQuery {
    #[serde(default)]
    since: u64,
    #[serde(default)]
    limit: Option<u64>,
}

#[get("/api/meetings/{id}/events")]
async fn get_events(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
    q: web::Query<EventsQuery>,
) -> Result<HttpResponse, ApiError> {
    let id = MeetingId(*id);
    app.meetings.hub_for(id, &who.0).await?;
    let limit = q.limit.unwrap_or(1000).clamp(1, 10_000);
    Ok(HttpResponse::Ok().json(app.meetings.events(id, q.since, Some(limit)).await?))
}

async fn record(app: &AppState, who: &Identity, id: MeetingId) -> Result<MeetingRecord, ApiError> {
    let hub = app.meetings.hub_for(id, who).await?;
    let log = app.meetings.log.since(id, 0, None).await?;
    let names = app
        .meetings
        .directory
        .delegations(hub.meeting.session_id)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    Ok(meeting_record(id, &log, &names))
}

#[get("/api/meetings/{id}/record")]
async fn get_record(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok().json(record(&app, &who.0, MeetingId(*id)).await?))
}

#[get("/api/meetings/{id}/record.csv")]
async fn get_record_csv(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let r = record(&app, &who.0, MeetingId(*id)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!(
                "attachment; filename=\"meeting-{}-record.csv\"",
                r.meeting_id
            ),
        ))
        .body(speeches_csv(&r)))
}

#[get("/api/meetings/{id}/decisions.csv")]
async fn get_decisions_csv(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    let r = record(&app, &who.0, MeetingId(*id)).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/csv; charset=utf-8")
        .insert_header((
            "Content-Disposition",
            format!(
                "attachment; filename=\"meeting-{}-decisions.csv\"",
                r.meeting_id
            ),
        ))
        .body(decisions_csv(&r)))
}
