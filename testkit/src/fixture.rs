//! The meeting the tests and benchmarks start from: a session with a roster, a meeting
//! with the general debate (agenda item 3) taken up, a signed-in chair and one signed-in
//! delegate per member delegation.

use crate::client::Client;
use crate::must;
use crate::node::Node;
use anyhow::{anyhow, Context};
use floor_protocol::api::*;
use floor_protocol::document::*;
use floor_protocol::*;

/// The 193 Member States in UN order (`data/un-member-states.txt`).
pub fn un_member_states() -> Vec<&'static str> {
    include_str!("../../data/un-member-states.txt")
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// What a [`Fixture`] sets up.
pub struct FixturePlan {
    pub session_title: String,
    /// The member delegations' names, in roster order.
    pub members: Vec<String>,
    /// Delegations beyond the members (an observer State, an NGO), added after them.
    pub others: Vec<(String, DelegationKind)>,
    /// The chair's display name.
    pub chair: String,
}

impl FixturePlan {
    /// The tests' session: `members` Member States in UN order, an observer State and an NGO.
    pub fn for_tests(members: usize) -> FixturePlan {
        let states = un_member_states();
        FixturePlan {
            session_title: "Commission on Narcotic Drugs, test session".into(),
            members: states.iter().take(members).map(|s| s.to_string()).collect(),
            others: vec![
                (states[150].to_string(), DelegationKind::ObserverState),
                ("Vienna NGO Committee on Drugs".into(), DelegationKind::Ngo),
            ],
            chair: "Chair".into(),
        }
    }
}

/// A session with a roster, a meeting with an agenda item taken up, and signed-in people.
pub struct Fixture {
    pub session: SessionId,
    pub meeting: MeetingId,
    pub secretariat: Client,
    pub chair: Client,
    /// Member delegations, in roster order.
    pub members: Vec<Delegation>,
    /// The other delegations of the plan, in its order.
    pub others: Vec<Delegation>,
    /// One delegate client per member delegation, in the same order.
    pub delegates: Vec<Client>,
    pub item: AgendaItemId,
}

impl Fixture {
    /// The tests' fixture ([`FixturePlan::for_tests`]) on `node`: `members` member
    /// delegations with one delegate each.
    pub async fn new(node: &Node, members: usize) -> Fixture {
        let secretariat = node.secretariat().await;
        must(Fixture::try_set_up(secretariat, &FixturePlan::for_tests(members)).await)
    }

    /// Set up `plan` as `secretariat`.
    pub async fn try_set_up(secretariat: Client, plan: &FixturePlan) -> anyhow::Result<Fixture> {
        let sec = secretariat;
        let session = sec.try_new_session(&plan.session_title).await?;
        let mut members = Vec::new();
        for name in &plan.members {
            members.push(
                sec.try_add_delegation(session.id, name, DelegationKind::Member)
                    .await?,
            );
        }
        let mut others = Vec::new();
        for (name, kind) in &plan.others {
            others.push(sec.try_add_delegation(session.id, name, *kind).await?);
        }
        let meeting = sec
            .try_new_meeting(session.id, "Plenary, 1st meeting")
            .await?;
        let added = sec
            .try_command(
                meeting.id,
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
            .ok_or_else(|| anyhow!("no agenda item added: {:?}", added.events))?;
        sec.try_command(meeting.id, Command::TakeUpItem { item })
            .await?;
        let chair = sec
            .try_invite(session.id, &plan.chair, Role::Chair, None)
            .await?;
        let mut delegates = Vec::new();
        for d in &members {
            delegates.push(
                sec.try_invite(
                    session.id,
                    &format!("Delegate of {}", d.name),
                    Role::Delegate,
                    Some(d.id),
                )
                .await?,
            );
        }
        Ok(Fixture {
            session: session.id,
            meeting: meeting.id,
            secretariat: sec,
            chair,
            members,
            others,
            delegates,
            item,
        })
    }

    fn other(&self, kind: DelegationKind) -> &Delegation {
        self.others
            .iter()
            .find(|d| d.kind == kind)
            .unwrap_or_else(|| panic!("no {kind:?} delegation in the fixture"))
    }

    /// The observer State of the plan.
    pub fn observer(&self) -> &Delegation {
        self.other(DelegationKind::ObserverState)
    }

    /// The NGO of the plan.
    pub fn ngo(&self) -> &Delegation {
        self.other(DelegationKind::Ngo)
    }

    pub async fn try_open(&self) -> anyhow::Result<()> {
        self.chair
            .try_command(self.meeting, Command::OpenMeeting)
            .await?;
        Ok(())
    }

    pub async fn open(&self) {
        must(self.try_open().await)
    }

    /// Delegate `i` checks in as remote and asks for the floor, and the chair calls the
    /// next speaker: with nobody else inscribed, `i` holds the floor.
    pub async fn try_remote_delegate_takes_the_floor(&self, i: usize) -> anyhow::Result<()> {
        for command in [
            Command::CheckIn {
                mode: AttendanceMode::Remote,
            },
            Command::RequestFloor {
                item: None,
                capacity: Default::default(),
            },
        ] {
            self.delegates[i].try_command(self.meeting, command).await?;
        }
        self.chair
            .try_command(self.meeting, Command::NextSpeaker)
            .await?;
        Ok(())
    }

    pub async fn remote_delegate_takes_the_floor(&self, i: usize) {
        must(self.try_remote_delegate_takes_the_floor(i).await)
    }

    /// A signed-in participant of this session named `name`, with `role`.
    pub async fn try_invite(
        &self,
        name: &str,
        role: Role,
        delegation: Option<DelegationId>,
    ) -> anyhow::Result<Client> {
        self.secretariat
            .try_invite(self.session, name, role, delegation)
            .await
    }

    /// A signed-in participant of this session with `role`.
    pub async fn participant(&self, role: Role, delegation: Option<DelegationId>) -> Client {
        must(
            self.try_invite(&format!("A {}", role.as_str()), role, delegation)
                .await,
        )
    }

    /// A participant of this session named `name`, with `role`, invited to its every
    /// meeting and not yet redeemed: (participant id, code).
    pub async fn invitation(
        &self,
        name: &str,
        role: Role,
        delegation: Option<DelegationId>,
    ) -> (ParticipantId, String) {
        self.secretariat
            .invitation(self.session, name, role, delegation)
            .await
    }

    /// An invitation, not yet redeemed, for a delegate of `delegation` (one of the
    /// fixture's): (participant id, code).
    pub async fn delegate_invitation(&self, delegation: &Delegation) -> (ParticipantId, String) {
        let name = format!("Delegate of {}", delegation.name);
        self.invitation(&name, Role::Delegate, Some(delegation.id))
            .await
    }

    /// As the secretariat: upload a PDF file; its content id.
    pub async fn try_upload_pdf(&self, bytes: Vec<u8>) -> anyhow::Result<String> {
        let file = self
            .secretariat
            .try_upload_file(self.session, "application/pdf", bytes)
            .await?;
        Ok(file.content_id)
    }

    /// As the secretariat: publish the uploaded file `content_id` as the English version
    /// of document `symbol`, advance unedited, of general distribution, under item 3.
    pub async fn try_publish_in_english(
        &self,
        symbol: &str,
        title: &str,
        kind: DocumentKind,
        content_id: &str,
    ) -> anyhow::Result<DocumentCommandAccepted> {
        let command = DocumentCommand::Publish {
            symbol: floor_protocol::symbol::DocumentSymbol::parse(symbol)
                .map_err(|e| anyhow!("{symbol}: {e:?}"))?,
            title: title.into(),
            kind,
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
        self.secretariat
            .try_document_command(self.session, command)
            .await
            .with_context(|| format!("publishing {symbol}"))
    }
}
