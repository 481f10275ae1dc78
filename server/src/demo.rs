//! The demo session seeded into an empty database on the run command: a CND-like session
//! with 53 members drawn from the UN Member States, observers, an IGO, UN entities and an
//! NGO, an agenda with sub-items, and one invitation per demo participant.

use crate::auth::{self, Identity};
use crate::db::now_ms;
use crate::hub::Meetings;
use floor_protocol::api::*;
use floor_protocol::*;

pub use crate::un_order::UN_MEMBER_STATES;

/// What the person starting the server needs to sign in.
pub struct DemoInfo {
    pub session: SessionId,
    pub meeting: MeetingId,
    /// A generated secretariat account, if the demo made one.
    pub secretariat: Option<(String, String)>,
    /// (who, invitation code) for each demo participant.
    pub invitations: Vec<(String, String)>,
}

/// Seed the demo if there is no session yet; `None` if the database already has one.
pub async fn seed_if_empty(meetings: &Meetings) -> anyhow::Result<Option<DemoInfo>> {
    let dir = &meetings.directory;
    if !dir.sessions().await?.is_empty() {
        return Ok(None);
    }
    let (secretariat, account) = if dir.account_count().await? == 0 {
        let password = auth::new_password();
        let id = dir
            .create_account("secretariat", &auth::hash_password(&password)?)
            .await?;
        (Some(("secretariat".to_string(), password)), id)
    } else {
        (None, None)
    };

    let session = dir
        .create_session(&NewSession {
            title: "Commission on Narcotic Drugs, sixty-ninth session (demo)".into(),
            body_symbol: "E/CN.7".into(),
            rules: None,
        })
        .await?;

    // 53 members spread evenly over the list, the next three States as observers.
    let states: Vec<&str> = UN_MEMBER_STATES
        .lines()
        .filter(|l| !l.trim().is_empty())
        .collect();
    let picks: Vec<usize> = (0..53).map(|i| i * states.len() / 53).collect();
    let mut members = Vec::new();
    for &i in &picks {
        let d = add(meetings, session.id, states[i], DelegationKind::Member).await?;
        members.push(d);
    }
    let mut observers = Vec::new();
    for name in states
        .iter()
        .enumerate()
        .filter(|(i, _)| !picks.contains(i))
        .take(3)
        .map(|(_, n)| n)
    {
        observers.push(add(meetings, session.id, name, DelegationKind::ObserverState).await?);
    }
    add(meetings, session.id, "European Union", DelegationKind::Igo).await?;
    let who = add(
        meetings,
        session.id,
        "World Health Organization",
        DelegationKind::UnEntity,
    )
    .await?;
    add(
        meetings,
        session.id,
        "International Narcotics Control Board",
        DelegationKind::UnEntity,
    )
    .await?;
    let ngo = add(
        meetings,
        session.id,
        "Vienna NGO Committee on Drugs",
        DelegationKind::Ngo,
    )
    .await?;

    let meeting = dir
        .create_meeting(
            session.id,
            &NewMeeting {
                title: "Plenary, 1st meeting".into(),
                format: MeetingFormat::Hybrid,
            },
        )
        .await?;

    let officer = Identity {
        role: Role::Secretariat,
        scope: Scope::All,
        participant: None,
        // The events the demo seeds name the generated account, or no one.
        account,
        delegation: None,
        display_name: "demo seed".into(),
        expires_at: Millis(i64::MAX),
        token_version: 0,
    };
    let agenda: [(&str, &str, Option<u32>); 7] = [
        ("1", "Election of officers", None),
        (
            "2",
            "Adoption of the agenda and other organizational matters",
            None,
        ),
        ("3", "General debate", None),
        (
            "4",
            "Implementation of the international drug control treaties",
            None,
        ),
        (
            "4 (a)",
            "Changes in the scope of control of substances",
            Some(4),
        ),
        ("4 (b)", "International Narcotics Control Board", Some(4)),
        (
            "5",
            "Provisional agenda for the seventieth session of the Commission",
            None,
        ),
    ];
    for (number, title, parent) in agenda {
        let command = Command::AddAgendaItem {
            number: number.into(),
            title: title.into(),
            parent: parent.map(AgendaItemId),
        };
        meetings
            .execute(meeting.id, &officer, &command)
            .await
            .map_err(anyhow::Error::from)?;
    }
    meetings
        .execute(
            meeting.id,
            &officer,
            &Command::TakeUpItem {
                item: AgendaItemId(3),
            },
        )
        .await
        .map_err(anyhow::Error::from)?;

    let people: Vec<(String, Role, Option<&Delegation>)> = vec![
        ("Chair of the Commission".into(), Role::Chair, None),
        (
            format!("Delegate of {}", members[0].name),
            Role::Delegate,
            Some(&members[0]),
        ),
        (
            format!("Delegate of {}", members[1].name),
            Role::Delegate,
            Some(&members[1]),
        ),
        (
            format!("Delegate of {}", members[2].name),
            Role::Delegate,
            Some(&members[2]),
        ),
        (
            format!("Delegate of {}", observers[0].name),
            Role::Delegate,
            Some(&observers[0]),
        ),
        (
            format!("Representative of {}", who.name),
            Role::Delegate,
            Some(&who),
        ),
        (
            format!("Representative of {}", ngo.name),
            Role::Delegate,
            Some(&ngo),
        ),
        ("Interpreter, English booth".into(), Role::Interpreter, None),
        ("Meeting room, Board Room D".into(), Role::Room, None),
        ("Webcast viewer".into(), Role::Viewer, None),
    ];
    let mut invitations = Vec::new();
    for (name, role, delegation) in people {
        let p = dir
            .add_participant(
                session.id,
                &NewParticipant {
                    display_name: name.clone(),
                    role,
                    delegation_id: delegation.map(|d| d.id),
                },
            )
            .await?;
        let code = auth::new_invitation_code();
        dir.create_invitation(
            p.id,
            &auth::invitation_code_hash(&code),
            Scope::Session(session.id),
            Millis(now_ms() + 7 * 24 * 3_600_000),
        )
        .await?;
        invitations.push((format!("{name} ({})", role.as_str()), code));
    }
    Ok(Some(DemoInfo {
        session: session.id,
        meeting: meeting.id,
        secretariat,
        invitations,
    }))
}

async fn add(
    meetings: &Meetings,
    session: SessionId,
    name: &str,
    kind: DelegationKind,
) -> anyhow::Result<Delegation> {
    meetings
        .directory
        .add_delegation(
            session,
            &NewDelegation {
                name: name.to_string(),
                kind,
            },
        )
        .await?
        .ok_or_else(|| anyhow::anyhow!("delegation {name} already exists"))
}
