//! The HTTP API. Handlers only translate: they check who is asking, call the directory or
//! the meeting hubs, and answer with the protocol crate's bodies.

use crate::auth::{self, Identity, TokenError};
use crate::db::now_ms;
use crate::error::ApiError;
use crate::limits;
use crate::startup::AppState;
use actix_web::dev::Payload;
use actix_web::{get, post, put, web, FromRequest, HttpRequest, HttpResponse};
use floor_protocol::ErrorCode;

use floor_meeting::record::{decisions_csv, meeting_record, speeches_csv, with_sound_record};
use floor_protocol::api::*;
use floor_protocol::*;
use futures_util::future::LocalBoxFuture;

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
        .service(edit_delegation)
        .service(list_participants)
        .service(add_participant)
        .service(invite)
        .service(revoke)
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

/// The bearer of a valid token (`Authorization: Bearer <token>`) that has not been
/// revoked since it was issued.
pub struct Bearer(pub Identity);

/// Whether `who`'s token is still the participant's current one: revoking a participant
/// (`Directory::revoke`) raises their version and ends every token issued before.
/// Accounts are not revoked this way.
pub async fn not_revoked(app: &AppState, who: &Identity) -> anyhow::Result<bool> {
    let Some(participant) = who.participant else {
        return Ok(true);
    };
    let current = app.meetings.directory.token_version(participant).await?;
    Ok(current == Some(who.token_version))
}

impl FromRequest for Bearer {
    type Error = ApiError;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let verified = (|| -> Result<_, ApiError> {
            let app = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no app state")))?
                .clone();
            let header = req
                .headers()
                .get(actix_web::http::header::AUTHORIZATION)
                .and_then(|h| h.to_str().ok())
                .ok_or(ApiError::Unauthorized {
                    code: ErrorCode::MissingToken,
                    message: "Sign in first: this needs an Authorization: Bearer token.".into(),
                })?;
            let token = header
                .strip_prefix("Bearer ")
                .ok_or(ApiError::Unauthorized {
                    code: ErrorCode::InvalidToken,
                    message: "The Authorization header must read 'Bearer <token>'.".into(),
                })?;
            let who = app.keys.verify(token.trim())?;
            Ok((app, who))
        })();
        Box::pin(async move {
            let (app, who) = verified?;
            if !not_revoked(&app, &who).await? {
                return Err(TokenError::Revoked.into());
            }
            Ok(Bearer(who))
        })
    }
}

/// The route's `{id}`, as a session.
#[derive(serde::Deserialize)]
struct IdInPath {
    id: i64,
}

/// The bearer, then the session named by the route's `{id}` (in that order, as the
/// handlers always checked them).
async fn bearer_and_session(req: HttpRequest) -> Result<(Identity, SessionId), actix_web::Error> {
    let who = Bearer::from_request(&req, &mut Payload::None).await?.0;
    let id = web::Path::<IdInPath>::extract(&req).await?.id;
    Ok((who, SessionId(id)))
}

pub fn not_covering_session() -> ApiError {
    ApiError::forbidden("Your token does not cover this session.")
}

/// A token that covers the session `{id}` itself: scope `all` or that session. A
/// meeting-scoped token does not (docs/protocol.md 3.2).
pub struct CoversSession {
    pub who: Identity,
    pub session: SessionId,
}

impl FromRequest for CoversSession {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let (who, session) = bearer_and_session(req).await?;
            if !who.scope.covers_session(session) {
                return Err(not_covering_session().into());
            }
            Ok(CoversSession { who, session })
        })
    }
}

/// A token that reaches into the session `{id}`: one covering the session, or a
/// meeting-scoped token of one of its meetings (its meetings list, its documents).
pub struct ReachesSession {
    pub who: Identity,
    pub session: SessionId,
}

impl FromRequest for ReachesSession {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let app = req
                .app_data::<web::Data<AppState>>()
                .ok_or_else(|| ApiError::Internal(anyhow::anyhow!("no app state")))?
                .clone();
            let (who, session) = bearer_and_session(req).await?;
            let reaches = app
                .meetings
                .covers_session(&who, session)
                .await
                .map_err(ApiError::from)?;
            if !reaches {
                return Err(not_covering_session().into());
            }
            Ok(ReachesSession { who, session })
        })
    }
}

/// The secretariat of the session `{id}`: a secretariat token covering it.
pub struct SessionSecretariat {
    pub who: Identity,
    pub session: SessionId,
}

impl FromRequest for SessionSecretariat {
    type Error = actix_web::Error;
    type Future = LocalBoxFuture<'static, Result<Self, Self::Error>>;

    fn from_request(req: &HttpRequest, _: &mut Payload) -> Self::Future {
        let req = req.clone();
        Box::pin(async move {
            let (who, session) = bearer_and_session(req).await?;
            Bearer(who.clone()).secretariat_of(session)?;
            Ok(SessionSecretariat { who, session })
        })
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
            Err(not_covering_session())
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
            ErrorCode::InvalidField,
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
    let (meetings_in_memory, registers_in_memory) = app.meetings.in_memory();
    let body = Health {
        meetings_in_memory,
        registers_in_memory,
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

/// The longest username a sign-in is checked for.
const MAX_USERNAME: usize = 200;

#[post("/api/login")]
async fn login(
    req: HttpRequest,
    app: web::Data<AppState>,
    body: web::Json<LoginRequest>,
) -> Result<HttpResponse, ApiError> {
    let wrong = || ApiError::Unauthorized {
        code: ErrorCode::WrongCredentials,
        message: "The username or password is not right.".into(),
    };
    // No account has a name this long: refuse it before it becomes a limiter's key.
    if body.username.chars().count() > MAX_USERNAME {
        return Err(wrong());
    }
    let address = limits::client_address(&req, app.limits.settings.trust_forwarded_for);
    app.limits.sign_in(address, &body.username)?;
    ApiError::plain_text(&serde_json::json!({ "username": body.username }))?;
    let account = app
        .meetings
        .directory
        .find_account(body.username.trim())
        .await?;
    // Without an account, spend the same time on a hash of nothing, so that usernames
    // cannot be probed; either way on the bounded pool, off the async workers.
    let hash = account
        .as_ref()
        .map_or_else(|| app.dummy_hash.clone(), |a| a.password_hash.clone());
    let ok = app
        .limits
        .verify_password(body.password.clone(), hash)
        .await??;
    let Some(account) = account.filter(|_| ok) else {
        return Err(wrong());
    };
    let who = Identity {
        role: Role::Secretariat,
        scope: Scope::All,
        participant: None,
        account: Some(AccountId(account.id)),
        delegation: None,
        display_name: account.username,
        expires_at: Millis(0),
        token_version: 0,
    };
    let (token, who) = app.keys.issue(who, Millis(now_ms()))?;
    Ok(HttpResponse::Ok().json(token_response(token, &who)))
}

#[post("/api/invitations/redeem")]
async fn redeem(
    req: HttpRequest,
    app: web::Data<AppState>,
    body: web::Json<RedeemRequest>,
) -> Result<HttpResponse, ApiError> {
    use crate::db::RedeemError;
    let address = limits::client_address(&req, app.limits.settings.trust_forwarded_for);
    app.limits.redemption(address)?;
    let hash = auth::invitation_code_hash(&body.code);
    let (participant, scope, token_version) = app
        .meetings
        .directory
        .redeem(&hash, Millis(now_ms()))
        .await
        .map_err(|e| match e {
            RedeemError::Unknown => ApiError::NotFound(ErrorCode::InvitationNotFound),
            RedeemError::AlreadyUsed => ApiError::Conflict {
                code: ErrorCode::InvitationUsed,
                message:
                    "This invitation has already been used; ask the secretariat for a new one."
                        .into(),
            },
            RedeemError::Expired => ApiError::Conflict {
                code: ErrorCode::InvitationExpired,
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
        token_version,
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
    ApiError::plain_text(&*body)?;
    non_empty("title", &body.title, 300)?;
    if let Some(rules) = &body.rules {
        rules
            .validate()
            .map_err(|reason| ApiError::bad_request(ErrorCode::InvalidRules, reason))?;
    }
    let s = app.meetings.directory.create_session(&body).await?;
    Ok(HttpResponse::Created().json(s))
}

#[get("/api/sessions/{id}")]
async fn get_session(
    app: web::Data<AppState>,
    access: CoversSession,
) -> Result<HttpResponse, ApiError> {
    let id = access.session;
    let s = app
        .meetings
        .directory
        .session(id)
        .await?
        .ok_or(ApiError::NotFound(ErrorCode::SessionNotFound))?;
    Ok(HttpResponse::Ok().json(s))
}

#[put("/api/sessions/{id}/rules")]
async fn set_rules(
    app: web::Data<AppState>,
    access: SessionSecretariat,
    body: web::Json<SessionRules>,
) -> Result<HttpResponse, ApiError> {
    let id = access.session;
    ApiError::plain_text(&*body)?;
    body.validate()
        .map_err(|reason| ApiError::bad_request(ErrorCode::InvalidRules, reason))?;
    let s = app
        .meetings
        .directory
        .set_rules(id, &body)
        .await?
        .ok_or(ApiError::NotFound(ErrorCode::SessionNotFound))?;
    Ok(HttpResponse::Ok().json(s))
}

async fn existing_session(app: &AppState, id: SessionId) -> Result<Session, ApiError> {
    app.meetings
        .directory
        .session(id)
        .await?
        .ok_or(ApiError::NotFound(ErrorCode::SessionNotFound))
}

#[get("/api/sessions/{id}/delegations")]
async fn list_delegations(
    app: web::Data<AppState>,
    access: CoversSession,
) -> Result<HttpResponse, ApiError> {
    // The roster: a meeting-scoped token reads it in its meeting's view instead.
    let id = access.session;
    existing_session(&app, id).await?;
    Ok(HttpResponse::Ok().json(app.meetings.directory.delegations(id).await?))
}

#[post("/api/sessions/{id}/delegations")]
async fn add_delegation(
    app: web::Data<AppState>,
    access: SessionSecretariat,
    body: web::Json<NewDelegation>,
) -> Result<HttpResponse, ApiError> {
    let id = access.session;
    existing_session(&app, id).await?;
    ApiError::plain_text(&*body)?;
    non_empty("name", &body.name, 200)?;
    match app.meetings.directory.add_delegation(id, &body).await? {
        Some(d) => Ok(HttpResponse::Created().json(d)),
        None => Err(ApiError::Conflict {
            code: ErrorCode::DelegationExists,
            message: format!(
                "The session already has a delegation named {:?}.",
                body.name.trim()
            ),
        }),
    }
}

/// Correct a delegation of the roster: its name or its kind. The body is a
/// `NewDelegation`, checked as when adding one.
#[put("/api/delegations/{id}")]
async fn edit_delegation(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
    body: web::Json<NewDelegation>,
) -> Result<HttpResponse, ApiError> {
    use crate::db::DelegationEdit;
    who.secretariat()?;
    let d = app
        .meetings
        .directory
        .delegation(DelegationId(*id))
        .await?
        .ok_or(ApiError::NotFound(ErrorCode::DelegationNotFound))?;
    who.secretariat_of(d.session_id)?;
    ApiError::plain_text(&*body)?;
    non_empty("name", &body.name, 200)?;
    match app.meetings.directory.edit_delegation(d.id, &body).await? {
        DelegationEdit::Edited(d) => Ok(HttpResponse::Ok().json(d)),
        DelegationEdit::NoSuchDelegation => Err(ApiError::NotFound(ErrorCode::DelegationNotFound)),
        DelegationEdit::NameTaken => Err(ApiError::Conflict {
            code: ErrorCode::DelegationExists,
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
    access: SessionSecretariat,
) -> Result<HttpResponse, ApiError> {
    let id = access.session;
    existing_session(&app, id).await?;
    Ok(HttpResponse::Ok().json(app.meetings.directory.participants(id).await?))
}

#[post("/api/sessions/{id}/participants")]
async fn add_participant(
    app: web::Data<AppState>,
    access: SessionSecretariat,
    body: web::Json<NewParticipant>,
) -> Result<HttpResponse, ApiError> {
    let id = access.session;
    existing_session(&app, id).await?;
    ApiError::plain_text(&*body)?;
    non_empty("display name", &body.display_name, 200)?;
    match (body.role, body.delegation_id) {
        (Role::Delegate, None) => {
            return Err(ApiError::bad_request(
                ErrorCode::DelegationRequired,
                "A delegate belongs to a delegation.",
            ))
        }
        (_, Some(d)) => {
            let found = app.meetings.directory.delegation(d).await?;
            if found.map(|d| d.session_id) != Some(id) {
                return Err(ApiError::bad_request(
                    ErrorCode::UnknownDelegation,
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
        .ok_or(ApiError::NotFound(ErrorCode::ParticipantNotFound))?;
    who.secretariat_of(p.session_id)?;
    let scope = match body.meeting_id {
        None => Scope::Session(p.session_id),
        Some(m) => {
            let meeting = app
                .meetings
                .directory
                .meeting(m)
                .await?
                .ok_or(ApiError::NotFound(ErrorCode::MeetingNotFound))?;
            if meeting.session_id != p.session_id {
                return Err(ApiError::bad_request(
                    ErrorCode::WrongSession,
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

/// Revoke a participant (removed from the session, a lost device): every token issued to
/// them is refused from now on, over HTTP and on open WebSockets, and their unused
/// invitations no longer work. The secretariat may invite them again afterwards.
#[post("/api/participants/{id}/revoke")]
async fn revoke(
    app: web::Data<AppState>,
    who: Bearer,
    id: web::Path<i64>,
) -> Result<HttpResponse, ApiError> {
    who.secretariat()?;
    let p = app
        .meetings
        .directory
        .participant(ParticipantId(*id))
        .await?
        .ok_or(ApiError::NotFound(ErrorCode::ParticipantNotFound))?;
    who.secretariat_of(p.session_id)?;
    app.meetings
        .directory
        .revoke(p.id)
        .await?
        .ok_or(ApiError::NotFound(ErrorCode::ParticipantNotFound))?;
    // Open WebSockets of this node hear it now; those of other nodes see the new
    // version at their next command or heartbeat.
    let _ = app.revocations.send(p.id);
    Ok(HttpResponse::NoContent().finish())
}

#[get("/api/sessions/{id}/meetings")]
async fn list_meetings(
    app: web::Data<AppState>,
    access: ReachesSession,
) -> Result<HttpResponse, ApiError> {
    let (id, who) = (access.session, &access.who);
    existing_session(&app, id).await?;
    let mut out = Vec::new();
    // The status comes from each meeting's last status event, not from loading (and
    // replaying) every meeting of the session.
    for mut m in app.meetings.directory.meetings(id).await? {
        if who.scope.covers(id, m.id) {
            m.status = app.meetings.log().status(m.id).await?;
            out.push(m);
        }
    }
    Ok(HttpResponse::Ok().json(out))
}

#[post("/api/sessions/{id}/meetings")]
async fn create_meeting(
    app: web::Data<AppState>,
    access: SessionSecretariat,
    body: web::Json<NewMeeting>,
) -> Result<HttpResponse, ApiError> {
    let id = access.session;
    existing_session(&app, id).await?;
    ApiError::plain_text(&*body)?;
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
    app.limits.command(&who.0)?;
    ApiError::plain_text(&*body)?;
    let accepted = app
        .meetings
        .execute_request(
            MeetingId(*id),
            &who.0,
            &body.command,
            body.request_id.as_deref(),
        )
        .await?;
    Ok(HttpResponse::Ok().json(CommandAccepted {
        seq: accepted.events.last().map_or(0, |e| e.seq),
        events: accepted
            .events
            .iter()
            .map(|e| e.for_delegation(who.0.delegation))
            .collect(),
        resent: accepted.resent,
        ballot_pending: accepted.ballot_pending,
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
    Ok(HttpResponse::Ok().json(
        app.meetings
            .events(id, q.since, Some(limit), who.0.delegation)
            .await?,
    ))
}

async fn record(app: &AppState, who: &Identity, id: MeetingId) -> Result<MeetingRecord, ApiError> {
    let hub = app.meetings.hub_for(id, who).await?;
    let log = app.meetings.log().since(id, 0, None).await?;
    let names = app
        .meetings
        .directory
        .delegations(hub.meta.session_id)
        .await?
        .into_iter()
        .map(|d| (d.id, d.name))
        .collect();
    let sound = app.recordings.list(id).await?;
    Ok(with_sound_record(meeting_record(id, &log, &names), sound))
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
