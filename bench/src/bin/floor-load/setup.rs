//! Setting up the meeting over the HTTP API with the test kit's fixture: a session whose
//! commission has 53 members, a meeting with one agenda item taken up, a chair, one
//! delegate per member and one viewer invitation; and, during the script, the
//! secretariat's document publication.

use floor_bench::server::Server;
use floor_protocol::document::DocumentKind;
use floor_protocol::*;
use floor_testkit::{un_member_states, Fixture, FixturePlan};

/// Members of the commission (CND has 53).
pub const MEMBERS: usize = 53;

pub struct Setup {
    pub meeting: MeetingId,
    pub session: SessionId,
    /// The meeting as set up; its secretariat publishes documents.
    fixture: Fixture,
    pub chair: String,
    /// One token per member delegation, in roster order.
    pub delegates: Vec<String>,
    /// The one viewer invitation's token, shared by every viewer connection.
    pub viewer: String,
}

pub async fn set_up(server: &Server) -> anyhow::Result<Setup> {
    let plan = FixturePlan {
        session_title: "Commission on Narcotic Drugs, control-plane load".into(),
        members: un_member_states()
            .into_iter()
            .take(MEMBERS)
            .map(String::from)
            .collect(),
        others: vec![],
        chair: "Chair of the Commission".into(),
    };
    let fixture = Fixture::try_set_up(server.node.try_secretariat().await?, &plan).await?;
    let viewer = fixture
        .try_invite("Webcast hall", Role::Viewer, None)
        .await?;
    Ok(Setup {
        meeting: fixture.meeting,
        session: fixture.session,
        chair: fixture.chair.token().to_string(),
        delegates: fixture
            .delegates
            .iter()
            .map(|d| d.token().to_string())
            .collect(),
        viewer: viewer.token().to_string(),
        fixture,
    })
}

impl Setup {
    /// Upload a file for the `n`th publication of the run (a small PDF): its content id.
    pub async fn upload_document(&self, n: usize) -> anyhow::Result<String> {
        let body = format!(
            "%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n% conference room paper {n}\ntrailer << /Root 1 0 R >>\n%%EOF\n"
        );
        self.fixture.try_upload_pdf(body.into_bytes()).await
    }

    /// Publish the `n`th document of the run, for everyone (the webcast included): the
    /// register number of its event.
    pub async fn publish_document(&self, n: usize, content_id: &str) -> anyhow::Result<u64> {
        let accepted = self
            .fixture
            .try_publish_in_english(
                &format!("E/CN.7/2026/CRP.{}", n + 1),
                "Statement by the Executive Director of UNODC",
                DocumentKind::ConferenceRoomPaper,
                content_id,
            )
            .await?;
        Ok(accepted.seq)
    }
}
