//! Setting up the meeting over the HTTP API (the same calls as bench/src/api.rs and the
//! integration tests' helpers): a session whose commission has 53 members, a meeting with
//! one agenda item taken up, a chair, one delegate per member and one viewer invitation;
//! and, during the script, the secretariat's document publication.

use anyhow::{anyhow, bail, Context};
use floor_bench::server::{Server, ADMIN_USERNAME};
use floor_protocol::api::*;
use floor_protocol::*;
use serde_json::Value;

/// Members of the commission (CND has 53).
pub const MEMBERS: usize = 53;

#[derive(Clone)]
struct Http {
    base: String,
    http: reqwest::Client,
    token: Option<String>,
}

impl Http {
    async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<Value>,
    ) -> anyhow::Result<Value> {
        let mut r = self
            .http
            .request(method.clone(), format!("{}{path}", self.base));
        if let Some(t) = &self.token {
            r = r.bearer_auth(t);
        }
        if let Some(b) = body {
            r = r.json(&b);
        }
        let resp = r.send().await.with_context(|| format!("{method} {path}"))?;
        let status = resp.status();
        let text = resp.text().await.unwrap_or_default();
        if !status.is_success() {
            bail!("{method} {path}: {status} {text}");
        }
        serde_json::from_str(&text).with_context(|| format!("{method} {path}: {text}"))
    }

    async fn post<T: serde::de::DeserializeOwned>(
        &self,
        path: &str,
        body: &impl serde::Serialize,
    ) -> anyhow::Result<T> {
        let body = serde_json::to_value(body)?;
        Ok(serde_json::from_value(
            self.send(reqwest::Method::POST, path, Some(body)).await?,
        )?)
    }

    async fn command(
        &self,
        meeting: MeetingId,
        command: Command,
    ) -> anyhow::Result<CommandAccepted> {
        let name = command.name();
        self.post(
            &format!("/api/meetings/{meeting}/commands"),
            &CommandRequest {
                command,
                request_id: None,
            },
        )
        .await
        .with_context(|| format!("command {name}"))
    }
}

/// Add a participant, invite them and redeem the invitation: their token.
async fn invite(
    sec: &Http,
    session: SessionId,
    name: &str,
    role: Role,
    delegation: Option<DelegationId>,
) -> anyhow::Result<String> {
    let p: Participant = sec
        .post(
            &format!("/api/sessions/{session}/participants"),
            &NewParticipant {
                display_name: name.into(),
                role,
                delegation_id: delegation,
            },
        )
        .await?;
    let inv: Invitation = sec
        .post(
            &format!("/api/participants/{}/invitations", p.id),
            &NewInvitation {
                meeting_id: None,
                valid_for_hours: None,
            },
        )
        .await?;
    let anon = Http {
        token: None,
        ..sec.clone()
    };
    let t: TokenResponse = anon
        .post("/api/invitations/redeem", &RedeemRequest { code: inv.code })
        .await?;
    Ok(t.token)
}

pub struct Setup {
    pub meeting: MeetingId,
    pub session: SessionId,
    /// The secretariat's HTTP client, which publishes documents.
    secretariat: Http,
    pub chair: String,
    /// One token per member delegation, in roster order.
    pub delegates: Vec<String>,
    /// The one viewer invitation's token, shared by every viewer connection.
    pub viewer: String,
}

pub async fn set_up(server: &Server, member_names: &[String]) -> anyhow::Result<Setup> {
    let anon = Http {
        base: server.base.clone(),
        http: reqwest::Client::new(),
        token: None,
    };
    let login: TokenResponse = anon
        .post(
            "/api/login",
            &LoginRequest {
                username: ADMIN_USERNAME.into(),
                password: server.admin_password.clone(),
            },
        )
        .await?;
    let sec = Http {
        token: Some(login.token),
        ..anon.clone()
    };
    let session: Session = sec
        .post(
            "/api/sessions",
            &NewSession {
                title: "Commission on Narcotic Drugs, control-plane load".into(),
                body_symbol: "E/CN.7".into(),
                rules: None,
            },
        )
        .await?;
    let mut delegations = Vec::new();
    for name in member_names.iter().take(MEMBERS) {
        let d: Delegation = sec
            .post(
                &format!("/api/sessions/{}/delegations", session.id),
                &NewDelegation {
                    name: name.clone(),
                    kind: DelegationKind::Member,
                },
            )
            .await?;
        delegations.push(d);
    }
    let meeting: floor_protocol::api::Meeting = sec
        .post(
            &format!("/api/sessions/{}/meetings", session.id),
            &NewMeeting {
                title: "Plenary, 1st meeting".into(),
                format: MeetingFormat::Hybrid,
            },
        )
        .await?;
    let id = meeting.id;
    let added = sec
        .command(
            id,
            Command::AddAgendaItem {
                number: "3".into(),
                title: "General debate".into(),
                parent: None,
            },
        )
        .await?;
    let item = added
        .events
        .iter()
        .find_map(|e| match &e.event {
            Event::AgendaItemAdded { item, .. } => Some(*item),
            _ => None,
        })
        .ok_or_else(|| anyhow!("no agenda item added"))?;
    sec.command(id, Command::TakeUpItem { item }).await?;
    let chair = invite(
        &sec,
        session.id,
        "Chair of the Commission",
        Role::Chair,
        None,
    )
    .await?;
    let mut delegates = Vec::new();
    for d in &delegations {
        delegates.push(
            invite(
                &sec,
                session.id,
                &format!("Delegate of {}", d.name),
                Role::Delegate,
                Some(d.id),
            )
            .await?,
        );
    }
    let viewer = invite(&sec, session.id, "Webcast hall", Role::Viewer, None).await?;
    Ok(Setup {
        meeting: id,
        session: session.id,
        secretariat: sec,
        chair,
        delegates,
        viewer,
    })
}

impl Setup {
    /// Upload a file for the `n`th publication of the run (a small PDF): its content id.
    pub async fn upload_document(&self, n: usize) -> anyhow::Result<String> {
        let sec = &self.secretariat;
        let body = format!(
            "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% conference room paper {n}\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        );
        let resp = sec
            .http
            .post(format!("{}/api/sessions/{}/files", sec.base, self.session))
            .bearer_auth(sec.token.as_deref().unwrap_or_default())
            .header("content-type", "application/pdf")
            .body(body)
            .send()
            .await
            .context("uploading a document file")?;
        let status = resp.status();
        let text = resp.text().await.unwrap_or_default();
        if !status.is_success() {
            bail!("uploading a document file: {status} {text}");
        }
        Ok(serde_json::from_str::<UploadedFile>(&text)?.content_id)
    }

    /// Publish the `n`th document of the run, for everyone (the webcast included): the
    /// register number of its event.
    pub async fn publish_document(&self, n: usize, content_id: &str) -> anyhow::Result<u64> {
        use floor_protocol::document::*;
        let symbol = format!("E/CN.7/2026/CRP.{}", n + 1);
        let command = DocumentCommand::Publish {
            symbol: floor_protocol::symbol::DocumentSymbol::parse(&symbol)
                .map_err(|e| anyhow!("{symbol}: {e:?}"))?,
            title: "Statement by the Executive Director of UNODC".into(),
            kind: DocumentKind::ConferenceRoomPaper,
            status: DocumentStatus::AdvanceUnedited,
            distribution: Distribution::General,
            agenda_items: vec!["3".into()],
            files: vec![DocumentFile {
                language: Language::En,
                content_id: content_id.into(),
                mime: String::new(),
                size: 0,
            }],
            main_sponsor: None,
            sponsors: vec![],
        };
        let accepted: DocumentCommandAccepted = self
            .secretariat
            .post(
                &format!("/api/sessions/{}/documents/commands", self.session),
                &DocumentCommandRequest { command },
            )
            .await
            .context("publishing a document")?;
        Ok(accepted.seq)
    }
}
