//! Presence and proposals through the real server, every command over a real WebSocket
//! against PostgreSQL: members check in and out, and only those present vote; the
//! secretariat states a draft's budget implications before action and records a
//! departure; a member asks for a vote; the sponsors withdraw a draft; a reconsideration
//! without two thirds is refused; a draft's two amendments are voted in the order the
//! chair set, before it, and the one adopted amends it; then its parts, divided, and the
//! whole. In each, a viewer folding the
//! events it was sent ends with the state a fresh snapshot shows.

use floor_protocol::vote::*;
use floor_protocol::*;
use floor_testkit::*;

/// The chair tables a draft sponsored by member `sponsor`; its id.
async fn tabled(
    ws: &mut Ws,
    fx: &Fixture,
    reference: &str,
    sponsor: usize,
    pbi: bool,
) -> ProposalId {
    let seq = ws
        .command(
            fx.meeting,
            Command::TableProposal {
                reference: reference.into(),
                title: "Draft resolution on alternative development".into(),
                sponsors: vec![fx.members[sponsor].id],
                budget_implications: pbi,
                amends: None,
                text: String::new(),
            },
        )
        .await
        .expect("tabled");
    let view = fx.chair.view(fx.meeting).await;
    assert_eq!(view.state.seq, seq);
    view.state.proposals.last().unwrap().id
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn presence_withdrawal_a_vote_asked_for_budget_implications_and_reconsideration_over_websockets(
) {
    let db = TestDb::new(Backend::Postgres);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 5).await;
    fx.open().await;
    let m = |i: usize| fx.members[i].id;

    let mut watcher = Ws::connect(&node, &fx.participant(Role::Viewer, None).await).await;
    let mut folded = watcher.subscribe(fx.meeting).await;
    let mut chair = Ws::connect(&node, &fx.chair).await;
    let mut secretariat = Ws::connect(&node, &fx.secretariat).await;
    let mut delegates = Vec::new();
    for d in &fx.delegates {
        let mut ws = Ws::connect(&node, d).await;
        ws.command(
            fx.meeting,
            Command::CheckIn {
                mode: AttendanceMode::Remote,
            },
        )
        .await
        .expect("checked in");
        delegates.push(ws);
    }

    // A draft with budget implications: no action before the secretariat's statement.
    let a = tabled(&mut chair, &fx, "E/CN.7/2026/L.2", 0, true).await;
    let b = tabled(&mut chair, &fx, "E/CN.7/2026/L.3", 1, false).await;
    let recorded = |proposal| Command::OpenVote {
        proposal,
        method: VoteMethod::Recorded,
        majority: Majority::PresentAndVoting,
        candidates: vec![],
        seats: 1,
    };
    assert_eq!(
        chair.command(fx.meeting, recorded(a)).await,
        Err(Rejection::BudgetImplicationsPending { proposal: a })
    );
    secretariat
        .command(
            fx.meeting,
            Command::StateBudgetImplications {
                proposal: a,
                statement: "Additional requirements of $240,300 in 2027.".into(),
                document: Some("E/CN.7/2026/CRP.5".into()),
            },
        )
        .await
        .expect("stated");

    // Rule 57: a member asks for a vote, and the draft is not adopted without one.
    delegates[2]
        .command(fx.meeting, Command::RequestVote { proposal: a })
        .await
        .expect("vote requested");
    assert_eq!(
        chair
            .command(fx.meeting, Command::AdoptWithoutVote { proposal: a })
            .await,
        Err(Rejection::VoteAskedFor {
            proposal: a,
            delegation: m(2)
        })
    );

    // Only its sponsors withdraw a draft; withdrawn, nothing more is done with it.
    assert_eq!(
        delegates[0]
            .command(fx.meeting, Command::WithdrawProposal { proposal: b })
            .await,
        Err(Rejection::NotProposalSponsor { proposal: b })
    );
    delegates[1]
        .command(fx.meeting, Command::WithdrawProposal { proposal: b })
        .await
        .expect("withdrawn");
    assert_eq!(
        chair
            .command(fx.meeting, Command::AdoptWithoutVote { proposal: b })
            .await,
        Err(Rejection::ProposalWithdrawn { proposal: b })
    );

    // The vote on A: adopted 3–2.
    chair
        .command(fx.meeting, recorded(a))
        .await
        .expect("opened");
    let vote = VoteId(1);
    for (i, choice) in [
        Choice::Yes,
        Choice::Yes,
        Choice::Yes,
        Choice::No,
        Choice::No,
    ]
    .into_iter()
    .enumerate()
    {
        delegates[i]
            .command(fx.meeting, Command::CastVote { vote, choice })
            .await
            .expect("voted");
    }
    chair
        .command(fx.meeting, Command::CloseVote { vote, counts: None })
        .await
        .expect("closed");

    // The fourth member moves to reconsider; two thirds are needed, and 3–2 is not.
    delegates[3]
        .command(fx.meeting, Command::MoveReconsideration { proposal: a })
        .await
        .expect("moved");
    let motion = fx.chair.view(fx.meeting).await.state.interventions[0].id;
    for command in [
        Command::GiveFloor { entry: motion },
        Command::EndSpeech,
        Command::HearOnMotion {
            entry: motion,
            delegation: m(0),
            in_favour: false,
        },
        Command::EndSpeech,
    ] {
        chair.command(fx.meeting, command).await.expect("heard");
    }
    assert_eq!(
        chair
            .command(
                fx.meeting,
                Command::Rule {
                    entry: motion,
                    upheld: true,
                    ruling: "Reconsidered.".into()
                }
            )
            .await,
        Err(Rejection::DecidedByVote { entry: motion })
    );
    chair
        .command(
            fx.meeting,
            Command::PutToVote {
                entry: motion,
                method: VoteMethod::ShowOfHands,
            },
        )
        .await
        .expect("put to the vote");
    chair
        .command(
            fx.meeting,
            Command::CloseVote {
                vote: VoteId(2),
                counts: Some(Tally {
                    yes: 3,
                    no: 2,
                    abstain: 0,
                    candidates: vec![],
                    ..Tally::default()
                }),
            },
        )
        .await
        .expect("closed");
    let state = fx.chair.view(fx.meeting).await.state;
    let reconsideration = state.vote(VoteId(2)).unwrap();
    assert_eq!(
        reconsideration.majority,
        Majority::TwoThirdsPresentAndVoting
    );
    let result = reconsideration.result.as_ref().unwrap();
    assert_eq!((result.required, &result.outcome), (4, &Outcome::Rejected));
    assert_eq!(
        state.proposal(a).unwrap().decision,
        Some(Decision::Voted { vote })
    );

    // Two members leave: one checks out, the secretariat records the other's departure.
    delegates[4]
        .command(fx.meeting, Command::CheckOut)
        .await
        .expect("checked out");
    let fourth = state
        .attendance
        .iter()
        .find(|a| a.delegation == m(3))
        .unwrap()
        .participant;
    secretariat
        .command(
            fx.meeting,
            Command::RecordDeparture {
                participant: fourth,
            },
        )
        .await
        .expect("departure recorded");
    assert_eq!(
        delegates[4].command(fx.meeting, Command::CheckOut).await,
        Err(Rejection::NotCheckedIn {
            participant: state
                .attendance
                .iter()
                .find(|a| a.delegation == m(4))
                .unwrap()
                .participant
        })
    );
    let view = fx.chair.view(fx.meeting).await;
    assert_eq!(view.state.members_present(), 3);

    // Those who left do not vote.
    let c = tabled(&mut chair, &fx, "E/CN.7/2026/L.4", 0, false).await;
    chair
        .command(fx.meeting, recorded(c))
        .await
        .expect("opened");
    assert_eq!(
        fx.chair
            .view(fx.meeting)
            .await
            .state
            .vote(VoteId(3))
            .unwrap()
            .members_present,
        3
    );
    for (i, delegation) in [(3, m(3)), (4, m(4))] {
        assert_eq!(
            delegates[i]
                .command(
                    fx.meeting,
                    Command::CastVote {
                        vote: VoteId(3),
                        choice: Choice::No
                    }
                )
                .await,
            Err(Rejection::NotPresent { delegation })
        );
    }
    let last = delegates[0]
        .command(
            fx.meeting,
            Command::CastVote {
                vote: VoteId(3),
                choice: Choice::Yes,
            },
        )
        .await
        .expect("voted");

    // The viewer folded every event as docs/protocol.md says; it sees what a fresh
    // snapshot shows.
    for e in watcher.events_through(fx.meeting, last).await {
        folded.apply(&e);
    }
    let mut fresh = Ws::connect(&node, &fx.participant(Role::Viewer, None).await).await;
    assert_eq!(folded, fresh.subscribe(fx.meeting).await);
    let proposal_a = folded.proposal(a).unwrap();
    assert_eq!(proposal_a.vote_requested_by, Some(m(2)));
    assert_eq!(
        proposal_a
            .budget_statement
            .as_ref()
            .map(|s| s.document.clone()),
        Some(Some("E/CN.7/2026/CRP.5".to_string()))
    );
    assert!(folded.proposal(b).unwrap().withdrawn);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_its_amendments_and_its_parts_are_voted_in_order_over_websockets() {
    let db = TestDb::new(Backend::Sqlite);
    let node = Node::start(&db);
    let fx = Fixture::new(&node, 3).await;
    fx.open().await;
    let mut watcher = Ws::connect(&node, &fx.participant(Role::Viewer, None).await).await;
    let mut folded = watcher.subscribe(fx.meeting).await;
    let mut chair = Ws::connect(&node, &fx.chair).await;
    let mut sponsor = Ws::connect(&node, &fx.delegates[0]).await;
    for d in &fx.delegates {
        d.command_ok(
            fx.meeting,
            Command::CheckIn {
                mode: AttendanceMode::InPerson,
            },
        )
        .await;
    }
    let draft = tabled(&mut chair, &fx, "E/CN.7/2026/L.2", 0, false).await;
    let mut amendments = Vec::new();
    for (sponsor, text) in [
        (1, "Delete operative paragraph 3."),
        (
            2,
            "In operative paragraph 2, replace \"urges\" with \"invites\".",
        ),
    ] {
        chair
            .command(
                fx.meeting,
                Command::TableProposal {
                    reference: format!("E/CN.7/2026/L.{}", 10 + sponsor),
                    title: "Amendment to draft resolution E/CN.7/2026/L.2".into(),
                    sponsors: vec![fx.members[sponsor].id],
                    budget_implications: false,
                    amends: Some(draft),
                    text: text.into(),
                },
            )
            .await
            .expect("amendment tabled");
        amendments.push(
            fx.chair
                .view(fx.meeting)
                .await
                .state
                .proposals
                .last()
                .unwrap()
                .id,
        );
    }
    let (deletion, replacement) = (amendments[0], amendments[1]);
    sponsor
        .command(
            fx.meeting,
            Command::ReviseOrally {
                proposal: draft,
                text: "In the sixth preambular paragraph, insert \"and youth\".".into(),
            },
        )
        .await
        .expect("oral revision recorded");
    chair
        .command(
            fx.meeting,
            Command::SetVotingOrder {
                proposal: draft,
                amendments: vec![replacement, deletion],
            },
        )
        .await
        .expect("order set");
    let hands = |proposal| Command::OpenVote {
        proposal,
        method: VoteMethod::ShowOfHands,
        majority: Majority::PresentAndVoting,
        candidates: vec![],
        seats: 1,
    };
    assert_eq!(
        chair.command(fx.meeting, hands(draft)).await,
        Err(Rejection::AmendmentsFirst {
            proposal: draft,
            amendment: replacement
        })
    );
    assert_eq!(
        chair.command(fx.meeting, hands(deletion)).await,
        Err(Rejection::AmendmentOutOfOrder {
            amendment: deletion,
            next: replacement
        })
    );
    let mut last = 0;
    // Two amendments, then (after the division below) the draft's two parts and the
    // draft as a whole.
    let (first_part, second_part) = (ProposalId(draft.0 + 3), ProposalId(draft.0 + 4));
    let order = [
        (replacement, 1, 2),
        (deletion, 2, 1),
        (first_part, 1, 2),
        (second_part, 3, 0),
        (draft, 3, 0),
    ];
    for (vote, (proposal, yes, no)) in order.into_iter().enumerate() {
        if proposal == first_part {
            // A member asks that the draft's paragraphs be voted separately; nobody
            // objects and the chair grants it.
            sponsor
                .command(
                    fx.meeting,
                    Command::MoveDivision {
                        proposal: draft,
                        parts: vec![
                            "Operative paragraph 1".into(),
                            "Operative paragraph 2".into(),
                        ],
                    },
                )
                .await
                .expect("division moved");
            let motion = fx.chair.view(fx.meeting).await.state.interventions[0].id;
            for command in [
                Command::GiveFloor { entry: motion },
                Command::EndSpeech,
                Command::Rule {
                    entry: motion,
                    upheld: true,
                    ruling: "Granted.".into(),
                },
            ] {
                chair.command(fx.meeting, command).await.expect("granted");
            }
            assert_eq!(
                chair.command(fx.meeting, hands(draft)).await,
                Err(Rejection::PartsFirst {
                    proposal: draft,
                    part: first_part
                })
            );
        }
        chair
            .command(fx.meeting, hands(proposal))
            .await
            .expect("opened");
        last = chair
            .command(
                fx.meeting,
                Command::CloseVote {
                    vote: VoteId(vote as u32 + 1),
                    counts: Some(Tally {
                        yes,
                        no,
                        abstain: 0,
                        candidates: vec![],
                        ..Tally::default()
                    }),
                },
            )
            .await
            .expect("closed");
    }
    let events = watcher.events_through(fx.meeting, last).await;
    assert!(events
        .iter()
        .any(|e| e.event == Event::ProposalAmended { proposal: draft }));
    for e in &events {
        folded.apply(e);
    }
    let mut fresh = Ws::connect(&node, &fx.participant(Role::Viewer, None).await).await;
    assert_eq!(folded, fresh.subscribe(fx.meeting).await);
    let d = folded.proposal(draft).unwrap();
    assert!(d.amended);
    assert_eq!(d.amendments, [replacement, deletion]);
    assert_eq!(d.oral_revisions.len(), 1);
    assert_eq!(d.parts, [first_part, second_part]);
    let outcomes: Vec<Outcome> = folded
        .votes
        .iter()
        .map(|v| v.result.as_ref().unwrap().outcome.clone())
        .collect();
    assert_eq!(
        outcomes,
        [
            Outcome::Rejected,
            Outcome::Adopted,
            Outcome::Rejected,
            Outcome::Adopted,
            Outcome::Adopted
        ]
    );
}
