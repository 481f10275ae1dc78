//! The meeting the media benchmark runs through Floor, set up over the HTTP API with the
//! test kit's fixture: a floor speaker holding the floor, six live interpretation booths,
//! and a viewer whose token every listener uses.

use crate::server::Server;
use anyhow::anyhow;
use floor_protocol::api::*;
use floor_protocol::*;
use floor_testkit::{Client, Fixture, FixturePlan};

/// The six interpretation channels of the default session rules, in order.
pub const CHANNELS: [&str; 6] = ["ar", "zh", "en", "fr", "ru", "es"];

/// The meeting under load and the people in it.
pub struct Meeting {
    pub id: MeetingId,
    /// The delegate holding the floor, remote (heard through their own microphone).
    pub speaker: Client,
    /// One interpreter per channel of [`CHANNELS`], each holding the live microphone.
    pub interpreters: Vec<Client>,
    /// A viewer: every listener connects with this token.
    pub viewer: Client,
}

impl Meeting {
    pub async fn set_up(server: &Server) -> anyhow::Result<Meeting> {
        let plan = FixturePlan {
            session_title: "Commission on Narcotic Drugs, media benchmark".into(),
            members: vec!["Austria".into()],
            others: vec![],
            chair: "Chair".into(),
        };
        let fx = Fixture::try_set_up(server.node.try_secretariat().await?, &plan).await?;
        let viewer = fx.try_invite("Listeners", Role::Viewer, None).await?;
        fx.try_open().await?;
        fx.try_remote_delegate_takes_the_floor(0).await?;

        let mut interpreters = Vec::new();
        for channel in CHANNELS {
            let interpreter = fx
                .try_invite(&format!("Interpreter ({channel})"), Role::Interpreter, None)
                .await?;
            let me: TokenResponse = interpreter.try_get("/api/me").await?;
            let participant = me
                .participant
                .ok_or_else(|| anyhow!("an interpreter without a participant id"))?;
            fx.secretariat
                .try_command(
                    fx.meeting,
                    Command::AssignInterpreter {
                        participant,
                        channel: channel.into(),
                    },
                )
                .await?;
            interpreter
                .try_command(
                    fx.meeting,
                    Command::TakeMicrophone {
                        channel: channel.into(),
                    },
                )
                .await?;
            interpreters.push(interpreter);
        }
        Ok(Meeting {
            id: fx.meeting,
            speaker: fx.delegates[0].clone(),
            interpreters,
            viewer,
        })
    }
}
