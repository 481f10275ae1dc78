//! A client of the HTTP API, signed in or not, with a named call for each step a
//! participant or the secretariat takes: typed GET and POST, commands, invitations and
//! documents.

use crate::must;
use anyhow::{anyhow, Context};
use floor_protocol::api::*;
use floor_protocol::document::DocumentCommand;
use floor_protocol::*;
use serde::de::DeserializeOwned;
use serde::Serialize;

/// An HTTP client of one node, signed in or not.
#[derive(Clone)]
pub struct Client {
    /// `http://<host>:<port>`
    pub base: String,
    pub http: reqwest::Client,
    pub token: Option<String>,
}

/// An HTTP answer: status and JSON body (a string for a body that is not JSON).
#[derive(Debug)]
pub struct Answer {
    pub status: u16,
    pub body: serde_json::Value,
}

impl Answer {
    /// The error body's `code`, or "". A code that is there must be one of the protocol's
    /// error codes, or a refused command's (beside its `rejection`): every test that reads
    /// a code checks that the server answered from the one list.
    pub fn code(&self) -> &str {
        let code = self.body["code"].as_str().unwrap_or("");
        if self.status >= 400 && !code.is_empty() && self.body.get("rejection").is_none() {
            assert!(
                floor_protocol::ErrorCode::parse(code).is_some(),
                "{code:?} is not one of the protocol's error codes: {}",
                self.body
            );
        }
        code
    }

    /// The body as a `T` if the request succeeded (2xx); otherwise an error with the
    /// status and the body.
    pub fn into_ok<T: DeserializeOwned>(self) -> anyhow::Result<T> {
        if !(200..300).contains(&self.status) {
            return Err(anyhow!("answered {}: {}", self.status, self.body));
        }
        serde_json::from_value(self.body.clone())
            .with_context(|| format!("an unexpected body: {}", self.body))
    }
}

impl Client {
    /// A client of the node at `base`, not signed in.
    pub fn new(base: &str) -> Client {
        Client {
            base: base.to_string(),
            http: reqwest::Client::new(),
            token: None,
        }
    }

    pub fn with_token(&self, token: &str) -> Client {
        Client {
            token: Some(token.to_string()),
            ..self.clone()
        }
    }

    /// The same node, not signed in.
    pub fn signed_out(&self) -> Client {
        Client {
            token: None,
            ..self.clone()
        }
    }

    /// The bearer token ("" when not signed in).
    pub fn token(&self) -> &str {
        self.token.as_deref().unwrap_or_default()
    }

    fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let r = self.http.request(method, format!("{}{path}", self.base));
        match &self.token {
            Some(t) => r.bearer_auth(t),
            None => r,
        }
    }

    /// Send a request; an error only if no answer came.
    pub async fn try_send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> anyhow::Result<Answer> {
        let mut r = self.request(method.clone(), path);
        if let Some(b) = body {
            r = r.json(b);
        }
        answer(r).await.with_context(|| format!("{method} {path}"))
    }

    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&serde_json::Value>,
    ) -> Answer {
        must(self.try_send(method, path, body).await)
    }

    pub async fn get(&self, path: &str) -> Answer {
        self.send(reqwest::Method::GET, path, None).await
    }

    pub async fn post(&self, path: &str, body: &impl Serialize) -> Answer {
        self.send(
            reqwest::Method::POST,
            path,
            Some(&serde_json::to_value(body).unwrap()),
        )
        .await
    }

    /// GET `path`, which must succeed, as a `T`.
    pub async fn try_get<T: DeserializeOwned>(&self, path: &str) -> anyhow::Result<T> {
        self.try_send(reqwest::Method::GET, path, None)
            .await?
            .into_ok()
            .with_context(|| format!("GET {path}"))
    }

    /// POST `body` to `path`, which must succeed; the answer as a `T`.
    pub async fn try_post<T: DeserializeOwned>(
        &self,
        path: &str,
        body: &impl Serialize,
    ) -> anyhow::Result<T> {
        let body = serde_json::to_value(body)?;
        self.try_send(reqwest::Method::POST, path, Some(&body))
            .await?
            .into_ok()
            .with_context(|| format!("POST {path}"))
    }

    pub async fn get_ok<T: DeserializeOwned>(&self, path: &str) -> T {
        must(self.try_get(path).await)
    }

    pub async fn post_ok<T: DeserializeOwned>(&self, path: &str, body: &impl Serialize) -> T {
        must(self.try_post(path, body).await)
    }

    /// Give a command in `meeting`, accepted or not.
    pub async fn command(&self, meeting: MeetingId, command: Command) -> Answer {
        self.post(
            &format!("/api/meetings/{meeting}/commands"),
            &CommandRequest {
                command,
                request_id: None,
            },
        )
        .await
    }

    /// Give a command in `meeting`, which must be accepted.
    pub async fn try_command(
        &self,
        meeting: MeetingId,
        command: Command,
    ) -> anyhow::Result<CommandAccepted> {
        let what = format!("{command:?}");
        self.try_post(
            &format!("/api/meetings/{meeting}/commands"),
            &CommandRequest {
                command,
                request_id: None,
            },
        )
        .await
        .with_context(|| format!("command {what}"))
    }

    pub async fn command_ok(&self, meeting: MeetingId, command: Command) -> CommandAccepted {
        must(self.try_command(meeting, command).await)
    }

    pub async fn view(&self, meeting: MeetingId) -> MeetingView {
        self.get_ok(&format!("/api/meetings/{meeting}")).await
    }

    /// The delegate asks for the floor on the current item, in its national capacity.
    pub async fn asks_for_the_floor(&self, meeting: MeetingId) -> CommandAccepted {
        self.command_ok(
            meeting,
            Command::RequestFloor {
                item: None,
                capacity: Default::default(),
            },
        )
        .await
    }

    /// Sign in with an account's name and password: a client carrying its token.
    pub async fn try_sign_in(&self, username: &str, password: &str) -> anyhow::Result<Client> {
        let t: TokenResponse = self
            .try_post(
                "/api/login",
                &LoginRequest {
                    username: username.into(),
                    password: password.into(),
                },
            )
            .await?;
        Ok(self.with_token(&t.token))
    }

    /// As the secretariat: a new session under the default rules.
    pub async fn try_new_session(&self, title: &str) -> anyhow::Result<Session> {
        self.try_post(
            "/api/sessions",
            &NewSession {
                title: title.into(),
                body_symbol: "E/CN.7".into(),
                rules: None,
            },
        )
        .await
    }

    /// As the secretariat: a delegation on the session's roster.
    pub async fn try_add_delegation(
        &self,
        session: SessionId,
        name: &str,
        kind: DelegationKind,
    ) -> anyhow::Result<Delegation> {
        self.try_post(
            &format!("/api/sessions/{session}/delegations"),
            &NewDelegation {
                name: name.into(),
                kind,
            },
        )
        .await
    }

    /// As the secretariat: a new hybrid meeting of `session`.
    pub async fn try_new_meeting(
        &self,
        session: SessionId,
        title: &str,
    ) -> anyhow::Result<Meeting> {
        self.try_post(
            &format!("/api/sessions/{session}/meetings"),
            &NewMeeting {
                title: title.into(),
                format: MeetingFormat::Hybrid,
            },
        )
        .await
    }

    pub async fn new_meeting(&self, session: SessionId, title: &str) -> Meeting {
        must(self.try_new_meeting(session, title).await)
    }

    /// As the secretariat: add `who` to the session and invite them, to every meeting of
    /// the session or to `meeting` only. Their id and the invitation's code, unredeemed.
    pub async fn try_invitation(
        &self,
        session: SessionId,
        who: NewParticipant,
        meeting: Option<MeetingId>,
    ) -> anyhow::Result<(ParticipantId, String)> {
        let p: Participant = self
            .try_post(&format!("/api/sessions/{session}/participants"), &who)
            .await?;
        let inv: Invitation = self
            .try_post(
                &format!("/api/participants/{}/invitations", p.id),
                &NewInvitation {
                    meeting_id: meeting,
                    valid_for_hours: None,
                },
            )
            .await?;
        Ok((p.id, inv.code))
    }

    /// As the secretariat: a participant of `session` with an invitation to its every
    /// meeting, not yet redeemed: (their id, the code).
    pub async fn invitation(
        &self,
        session: SessionId,
        name: &str,
        role: Role,
        delegation: Option<DelegationId>,
    ) -> (ParticipantId, String) {
        let who = NewParticipant {
            display_name: name.into(),
            role,
            delegation_id: delegation,
        };
        must(self.try_invitation(session, who, None).await)
    }

    /// Redeem an invitation's code: a client signed in as its participant.
    pub async fn try_redeem(&self, code: &str) -> anyhow::Result<Client> {
        let anonymous = self.signed_out();
        let t: TokenResponse = anonymous
            .try_post(
                "/api/invitations/redeem",
                &RedeemRequest { code: code.into() },
            )
            .await?;
        Ok(anonymous.with_token(&t.token))
    }

    /// As the secretariat: add a participant, invite them and redeem the invitation; a
    /// client signed in as them.
    pub async fn try_invite(
        &self,
        session: SessionId,
        name: &str,
        role: Role,
        delegation: Option<DelegationId>,
    ) -> anyhow::Result<Client> {
        let who = NewParticipant {
            display_name: name.into(),
            role,
            delegation_id: delegation,
        };
        let (_, code) = self.try_invitation(session, who, None).await?;
        self.try_redeem(&code)
            .await
            .with_context(|| format!("{name} redeems the invitation"))
    }

    pub async fn invite(
        &self,
        session: SessionId,
        name: &str,
        role: Role,
        delegation: Option<DelegationId>,
    ) -> Client {
        must(self.try_invite(session, name, role, delegation).await)
    }

    /// As the secretariat: upload a file of the session, of type `mime`.
    pub async fn try_upload_file(
        &self,
        session: SessionId,
        mime: &str,
        bytes: Vec<u8>,
    ) -> anyhow::Result<UploadedFile> {
        let path = format!("/api/sessions/{session}/files");
        let r = self
            .request(reqwest::Method::POST, &path)
            .header("content-type", mime)
            .body(bytes);
        answer(r)
            .await
            .and_then(Answer::into_ok)
            .with_context(|| format!("uploading a file: POST {path}"))
    }

    /// As the secretariat: a command on the session's document register.
    pub async fn try_document_command(
        &self,
        session: SessionId,
        command: DocumentCommand,
    ) -> anyhow::Result<DocumentCommandAccepted> {
        self.try_post(
            &format!("/api/sessions/{session}/documents/commands"),
            &DocumentCommandRequest { command },
        )
        .await
    }
}

/// Send a request and read its answer; an error only if no answer came.
async fn answer(request: reqwest::RequestBuilder) -> anyhow::Result<Answer> {
    let resp = request.send().await?;
    let status = resp.status().as_u16();
    let text = resp.text().await.unwrap_or_default();
    Ok(Answer {
        status,
        body: serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
    })
}
