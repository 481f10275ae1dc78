//! A high-level segment: statements heard in order of protocol rank (heads of State or
//! Government, ministers, vice-ministers, then other representatives), within a rank in
//! order of inscription, under the item's own time limits.

use crate::helpers::*;
use floor_protocol::roster::TimeLimits;
use floor_protocol::*;
use Command::*;

fn ranked_item() -> ItemRules {
    ItemRules {
        order_by_rank: true,
        time_limits: None,
    }
}

fn rank(entry: EntryId, rank: ProtocolRank) -> Command {
    SetSpeakerRank { entry, rank }
}

/// The state folded from the log alone equals the state the engine kept.
#[track_caller]
fn the_log_alone_gives_the_same_list(f: &Fixture) {
    let mut replayed = MeetingState::new(MEETING);
    for e in &f.log {
        replayed.apply(e);
    }
    assert_eq!(replayed, f.state);
}

#[test]
fn speakers_are_heard_by_rank_then_in_the_order_they_asked() {
    let mut f = Fixture::open();
    f.ok(
        chair(),
        SetItemRules {
            item: ITEM_1,
            rules: ranked_item(),
        },
    );
    let austria = f.request(AUSTRIA);
    f.request(BRAZIL);
    let chile = f.request(CHILE);
    let denmark = f.request(DENMARK);
    assert_eq!(f.statements(ITEM_1), [AUSTRIA, BRAZIL, CHILE, DENMARK]);

    // The secretariat records, from Chile's notification, that its minister will speak.
    f.ok(secretariat(), rank(chile, ProtocolRank::Minister));
    assert_eq!(f.statements(ITEM_1), [CHILE, AUSTRIA, BRAZIL, DENMARK]);

    // Denmark's delegate says its Prime Minister will speak: first.
    f.ok(
        delegate(DENMARK),
        rank(denmark, ProtocolRank::HeadOfStateOrGovernment),
    );
    assert_eq!(f.statements(ITEM_1), [DENMARK, CHILE, AUSTRIA, BRAZIL]);

    // Austria's minister asked before Chile's: among ministers, Austria first.
    f.ok(secretariat(), rank(austria, ProtocolRank::Minister));
    assert_eq!(f.statements(ITEM_1), [DENMARK, AUSTRIA, CHILE, BRAZIL]);

    // A speaker of no recorded rank joins the end, behind every rank.
    f.request(HOLY_SEE);
    assert_eq!(
        f.statements(ITEM_1),
        [DENMARK, AUSTRIA, CHILE, BRAZIL, HOLY_SEE]
    );

    // The minister cannot come; a vice-minister will speak instead: Chile moves down,
    // still ahead of the representatives.
    f.ok(secretariat(), rank(chile, ProtocolRank::ViceMinister));
    assert_eq!(
        f.statements(ITEM_1),
        [DENMARK, AUSTRIA, CHILE, BRAZIL, HOLY_SEE]
    );
    f.ok(secretariat(), rank(austria, ProtocolRank::ViceMinister));
    assert_eq!(
        f.statements(ITEM_1),
        [DENMARK, AUSTRIA, CHILE, BRAZIL, HOLY_SEE],
        "among vice-ministers Austria asked first"
    );

    assert_eq!(f.next_speaker().entry.delegation, DENMARK);
    let given = f.next_speaker();
    assert_eq!(given.entry.delegation, AUSTRIA);
    assert_eq!(given.entry.rank, Some(ProtocolRank::ViceMinister));
    the_log_alone_gives_the_same_list(&f);
}

#[test]
fn a_list_already_waiting_is_put_in_order_when_the_segment_begins() {
    let mut f = Fixture::open();
    f.request(AUSTRIA);
    let brazil = f.request(BRAZIL);
    let chile = f.request(CHILE);
    let denmark = f.request(DENMARK);
    // On an ordinary item a rank is recorded but moves nobody.
    f.ok(secretariat(), rank(denmark, ProtocolRank::Minister));
    f.ok(
        secretariat(),
        rank(chile, ProtocolRank::HeadOfStateOrGovernment),
    );
    f.ok(secretariat(), rank(brazil, ProtocolRank::Minister));
    assert_eq!(f.statements(ITEM_1), [AUSTRIA, BRAZIL, CHILE, DENMARK]);

    f.ok(
        secretariat(),
        SetItemRules {
            item: ITEM_1,
            rules: ranked_item(),
        },
    );
    assert_eq!(f.statements(ITEM_1), [CHILE, BRAZIL, DENMARK, AUSTRIA]);

    // The chair may still give precedence by hand; the next rank recorded moves only its
    // own statement.
    let austria_entry = f.state.item(ITEM_1).unwrap().statements[3].id;
    f.ok(
        chair(),
        MoveEntry {
            entry: austria_entry,
            position: 0,
        },
    );
    let holy_see = f.request(HOLY_SEE);
    f.ok(secretariat(), rank(holy_see, ProtocolRank::Minister));
    assert_eq!(
        f.statements(ITEM_1),
        [AUSTRIA, CHILE, BRAZIL, DENMARK, HOLY_SEE]
    );
    the_log_alone_gives_the_same_list(&f);
}

#[test]
fn the_segment_times_its_speakers_by_its_own_limits() {
    let mut f = Fixture::open();
    let session = TimeLimits::default();
    let segment = TimeLimits {
        state_secs: 420,
        group_secs: 600,
        ..session.clone()
    };
    assert_ne!(session.state_secs, 420, "the test needs limits that differ");
    f.ok(
        chair(),
        SetItemRules {
            item: ITEM_1,
            rules: ItemRules {
                order_by_rank: true,
                time_limits: Some(segment),
            },
        },
    );
    f.request(AUSTRIA);
    f.ok(
        delegate(BRAZIL),
        RequestFloor {
            item: None,
            capacity: group("Group of Latin American and Caribbean States"),
        },
    );
    assert_eq!(f.next_speaker().limit_ms, 420_000);
    assert_eq!(f.next_speaker().limit_ms, 600_000);
    f.ok(chair(), EndSpeech);

    // Item 2 keeps the session's limits.
    f.ok(chair(), TakeUpItem { item: ITEM_2 });
    f.request(CHILE);
    assert_eq!(
        f.next_speaker().limit_ms,
        u64::from(session.state_secs) * 1000
    );
}

#[test]
fn what_cannot_be_ranked_or_timed_is_refused_and_changes_nothing() {
    let mut f = Fixture::open();
    let austria = f.request(AUSTRIA);
    let brazil = f.request(BRAZIL);
    let point = f.point_of_order(CHILE);
    let reply = f.reply(DENMARK);

    // Another delegation's speaker.
    assert_eq!(
        f.refused(delegate(BRAZIL), rank(austria, ProtocolRank::Minister)),
        Rejection::NotYourEntry { entry: austria }
    );
    // Points of order and rights of reply have no rank.
    for entry in [point, reply] {
        assert_eq!(
            f.refused(chair(), rank(entry, ProtocolRank::Minister)),
            Rejection::NotAStatement { entry }
        );
    }
    assert_eq!(
        f.refused(chair(), rank(EntryId(99), ProtocolRank::Minister)),
        Rejection::UnknownEntry { entry: EntryId(99) }
    );
    // Interpreters, the room and viewers do not order the list.
    for who in [interpreter(), room(), viewer()] {
        assert!(matches!(
            f.refused(who, rank(brazil, ProtocolRank::Minister)),
            Rejection::NotPermitted { .. }
        ));
    }
    // A delegate does not decide an item's rules.
    assert!(matches!(
        f.refused(
            delegate(BRAZIL),
            SetItemRules {
                item: ITEM_1,
                rules: ranked_item()
            }
        ),
        Rejection::NotPermitted { .. }
    ));
    // Time limits outside 10 s to one hour.
    let too_short = TimeLimits {
        point_of_order_secs: 5,
        ..TimeLimits::default()
    };
    assert_eq!(
        f.refused(
            chair(),
            SetItemRules {
                item: ITEM_1,
                rules: ItemRules {
                    order_by_rank: true,
                    time_limits: Some(too_short)
                }
            }
        ),
        Rejection::InvalidTimeLimit {
            limit: "point_of_order".into(),
            secs: 5
        }
    );
    assert_eq!(
        f.refused(
            chair(),
            SetItemRules {
                item: AgendaItemId(9),
                rules: ranked_item()
            }
        ),
        Rejection::UnknownAgendaItem {
            item: AgendaItemId(9)
        }
    );
}
