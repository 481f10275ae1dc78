//! The meeting record, derived from the event log alone: every speech with its delegation,
//! kind, attendance, start, end, speaking time and overrun; every ruling; speaking time per
//! delegation, in person and remote.

use floor_protocol::api::{
    DecisionRecord, DrawRecord, MeetingRecord, NamedVote, RecordingOffset, RulingRecord,
    SoundRecording, SpeakingTotal, SpeechRecord,
};
use floor_protocol::meeting::EntryKind;
use floor_protocol::vote::{Choice, Outcome, Proposal, VoteMethod, VoteSubject};
use floor_protocol::*;
use std::collections::BTreeMap;

/// Build the record of `meeting_id` from its log. `names` gives delegation names; a
/// delegation missing from it is shown by its number.
pub fn meeting_record(
    meeting_id: MeetingId,
    log: &[EventEnvelope],
    names: &BTreeMap<DelegationId, String>,
) -> MeetingRecord {
    let name = |d: DelegationId| names.get(&d).cloned().unwrap_or_else(|| format!("#{d}"));
    let mut items: BTreeMap<AgendaItemId, String> = BTreeMap::new();
    let mut speeches: Vec<SpeechRecord> = Vec::new();
    let mut open: BTreeMap<EntryId, usize> = BTreeMap::new();
    let mut rulings = Vec::new();
    let mut proposals: BTreeMap<ProposalId, Proposal> = BTreeMap::new();
    let mut votes: BTreeMap<VoteId, floor_protocol::vote::Vote> = BTreeMap::new();
    let mut decisions: Vec<DecisionRecord> = Vec::new();
    // Votes the secretariat cast for a delegation in the room.
    let mut cast_in_room: std::collections::BTreeSet<(VoteId, DelegationId)> = Default::default();
    let decision =
        |p: Option<&Proposal>, id: ProposalId, at: Millis, method: &str| DecisionRecord {
            proposal: id,
            reference: p.map(|p| p.reference.clone()).unwrap_or_default(),
            title: p.map(|p| p.title.clone()).unwrap_or_default(),
            at,
            method: method.to_string(),
            vote: None,
            majority: None,
            outcome: None,
            tally: None,
            required: None,
            by_member: Vec::new(),
            absent: Vec::new(),
            draw: None,
            elected: Vec::new(),
            lot: None,
        };

    for env in log {
        match &env.event {
            Event::AgendaItemAdded { item, number, .. } => {
                items.insert(*item, number.clone());
            }
            Event::FloorGiven {
                entry,
                limit_ms,
                attendance,
                interrupts,
            } => {
                if let Some(i) = interrupts.and_then(|e| open.get(&e)) {
                    speeches[*i].interrupted = true;
                }
                let capacity = match &entry.kind {
                    EntryKind::Statement { capacity } => capacity.label(),
                    EntryKind::RightOfReply { ordinal } => format!("reply {ordinal}"),
                    EntryKind::PointOfOrder => String::new(),
                    EntryKind::Motion { motion, .. } => motion.as_str().to_string(),
                    EntryKind::OnMotion { motion, in_favour } => {
                        let side = if *in_favour { "for" } else { "against" };
                        format!("{side} motion {motion}")
                    }
                };
                open.insert(entry.id, speeches.len());
                speeches.push(SpeechRecord {
                    entry: entry.id,
                    delegation_id: entry.delegation,
                    delegation: name(entry.delegation),
                    kind: entry.kind.label().to_string(),
                    capacity,
                    item: entry.item.and_then(|i| items.get(&i).cloned()),
                    attendance: *attendance,
                    started_at: env.at,
                    ended_at: None,
                    spoken_ms: 0,
                    limit_ms: *limit_ms,
                    overrun_ms: 0,
                    interrupted: false,
                    recording: None,
                });
            }
            Event::SpeechEnded {
                entry,
                spoken_ms,
                overrun_ms,
            } => {
                if let Some(i) = open.remove(entry) {
                    let s = &mut speeches[i];
                    s.ended_at = Some(env.at);
                    s.spoken_ms = *spoken_ms;
                    s.overrun_ms = *overrun_ms;
                }
            }
            Event::RulingGiven {
                entry,
                kind,
                upheld,
                ruling,
            } => rulings.push(RulingRecord {
                entry: *entry,
                kind: kind.label().to_string(),
                upheld: *upheld,
                ruling: ruling.clone(),
                at: env.at,
                appealed_by: None,
                overruled: None,
            }),
            Event::RulingAppealed { entry, delegation } => {
                if let Some(r) = rulings.iter_mut().rev().find(|r| r.entry == *entry) {
                    r.appealed_by = Some(name(*delegation));
                }
            }
            Event::ProposalTabled { proposal } => {
                proposals.insert(proposal.id, (**proposal).clone());
            }
            // Drafts tabled in an earlier meeting, acted on in this one.
            Event::AgendaCarriedOver {
                proposals: carried, ..
            } => {
                proposals.extend(carried.iter().map(|p| (p.id, p.clone())));
            }
            Event::ProposalDivided { parts, .. } => {
                for part in parts {
                    proposals.insert(part.id, part.clone());
                }
            }
            Event::ProposalRejectedInParts { proposal } => {
                let mut d = decision(
                    proposals.get(proposal),
                    *proposal,
                    env.at,
                    "every part rejected",
                );
                d.outcome = Some(Outcome::Rejected);
                decisions.push(d);
            }
            Event::AdoptedWithoutVote { proposal } => {
                decisions.push(decision(
                    proposals.get(proposal),
                    *proposal,
                    env.at,
                    "without a vote",
                ));
            }
            Event::ElectedByAcclamation {
                proposal,
                candidates,
            } => {
                let mut d = decision(proposals.get(proposal), *proposal, env.at, "by acclamation");
                d.elected = candidates.clone();
                decisions.push(d);
            }
            Event::VoteOpened { vote } => {
                votes.insert(vote.id, (**vote).clone());
            }
            Event::VoteCast {
                vote, delegation, ..
            } if env.actor.role == Role::Secretariat => {
                cast_in_room.insert((*vote, *delegation));
            }
            Event::VoteClosed { vote, result } => {
                let Some(v) = votes.get(vote) else { continue };
                if let VoteSubject::Appeal { entry } = v.subject {
                    if !matches!(result.outcome, Outcome::Void { .. }) {
                        if let Some(r) = rulings.iter_mut().rev().find(|r| r.entry == entry) {
                            r.overruled = Some(result.outcome == Outcome::Adopted);
                        }
                    }
                }
                let method = match v.method {
                    VoteMethod::ShowOfHands => "show of hands",
                    VoteMethod::Recorded => "recorded vote",
                    VoteMethod::RollCall => "roll call",
                    VoteMethod::SecretBallot => "secret ballot",
                };
                let mut d = decision(proposals.get(&v.proposal), v.proposal, env.at, method);
                match v.subject {
                    VoteSubject::Proposal => {}
                    VoteSubject::Motion { entry, motion } => {
                        d.reference = format!("motion {entry}");
                        d.title = motion.as_str().to_string();
                    }
                    VoteSubject::Appeal { entry } => {
                        d.reference = format!("appeal {entry}");
                        d.title = "appeal against the ruling on a point of order".into();
                    }
                }
                d.vote = Some(*vote);
                d.majority = Some(v.majority);
                d.outcome = Some(result.outcome.clone());
                d.tally = Some(result.tally.clone());
                d.required = Some(result.required);
                d.by_member = result
                    .by_member
                    .iter()
                    .map(|m| NamedVote {
                        delegation: name(m.delegation),
                        choice: m.choice,
                        in_room: cast_in_room.contains(&(*vote, m.delegation)),
                    })
                    .collect();
                d.absent = result.absent.iter().map(|d| name(*d)).collect();
                let elected: &[u32] = match &result.outcome {
                    Outcome::Elected { candidate } => std::slice::from_ref(candidate),
                    Outcome::ElectedSeveral { candidates, .. } => candidates,
                    _ => &[],
                };
                d.elected = elected
                    .iter()
                    .filter_map(|i| v.candidates.get(*i as usize).cloned())
                    .collect();
                d.lot = result.lot.clone().or_else(|| v.lot.clone());
                d.draw = v.roll_call.as_ref().and_then(|rc| {
                    rc.order.first().map(|first| DrawRecord {
                        seed: rc.seed.clone(),
                        first_called: name(*first),
                    })
                });
                decisions.push(d);
            }
            _ => {}
        }
    }

    let mut totals: BTreeMap<DelegationId, SpeakingTotal> = BTreeMap::new();
    for s in speeches.iter().filter(|s| s.ended_at.is_some()) {
        let t = totals
            .entry(s.delegation_id)
            .or_insert_with(|| SpeakingTotal {
                delegation_id: s.delegation_id,
                delegation: s.delegation.clone(),
                speeches: 0,
                spoken_ms: 0,
                in_person_ms: 0,
                remote_ms: 0,
            });
        t.speeches += 1;
        t.spoken_ms += s.spoken_ms;
        match s.attendance {
            Some(AttendanceMode::InPerson) => t.in_person_ms += s.spoken_ms,
            Some(AttendanceMode::Remote) => t.remote_ms += s.spoken_ms,
            None => {}
        }
    }

    MeetingRecord {
        meeting_id,
        recordings: Vec::new(),
        speeches,
        rulings,
        decisions,
        totals: totals.into_values().collect(),
    }
}

/// Add the sound record to `record`: its recordings, ordered by segment and track, and each
/// speech's place in the segment that was recording when the speech started (the earliest
/// such segment, when two nodes recorded the same moment), or else at the start of the
/// first segment that began while it went on.
pub fn with_sound_record(
    mut record: MeetingRecord,
    mut recordings: Vec<SoundRecording>,
) -> MeetingRecord {
    recordings.sort_by(|a, b| {
        (a.segment_started_at, a.track, &a.channel, a.id).cmp(&(
            b.segment_started_at,
            b.track,
            &b.channel,
            b.id,
        ))
    });
    for speech in &mut record.speeches {
        let covering = recordings.iter().find(|r| {
            r.segment_started_at <= speech.started_at
                && speech.started_at.since(r.segment_started_at) < r.duration_ms
        });
        // Nothing was recording when the floor was given (the speaker's microphone was
        // not connected yet, or the node was restarting): the speech starts, in the
        // sound record, where the first segment during it starts.
        let begun_during = || {
            recordings.iter().find(|r| {
                r.segment_started_at > speech.started_at
                    && speech.ended_at.is_none_or(|end| r.segment_started_at < end)
            })
        };
        speech.recording = covering.or_else(begun_during).map(|r| RecordingOffset {
            segment_started_at: r.segment_started_at,
            offset_ms: speech.started_at.since(r.segment_started_at),
        });
    }
    record.recordings = recordings;
    record
}

/// The record's speeches as CSV (RFC 4180), one row per speech.
pub fn speeches_csv(record: &MeetingRecord) -> String {
    let mut out = String::from(
        "entry,delegation,kind,capacity,item,attendance,started_at,ended_at,spoken_s,limit_s,overrun_s,interrupted,recording_segment,recording_offset_s\r\n",
    );
    for s in &record.speeches {
        let row = [
            s.entry.to_string(),
            s.delegation.clone(),
            s.kind.clone(),
            s.capacity.clone(),
            s.item.clone().unwrap_or_default(),
            s.attendance
                .map(|a| a.as_str().to_string())
                .unwrap_or_default(),
            iso8601(s.started_at),
            s.ended_at.map(iso8601).unwrap_or_default(),
            seconds(s.spoken_ms),
            seconds(s.limit_ms),
            seconds(s.overrun_ms),
            s.interrupted.to_string(),
            s.recording
                .map(|r| iso8601(r.segment_started_at))
                .unwrap_or_default(),
            s.recording
                .map(|r| seconds(r.offset_ms))
                .unwrap_or_default(),
        ];
        let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

/// The record's decisions as CSV, one row per decision.
pub fn decisions_csv(record: &MeetingRecord) -> String {
    let mut out = String::from(
        "proposal,reference,title,at,method,outcome,yes,no,abstain,required,votes,absent\r\n",
    );
    for d in &record.decisions {
        let elected = format!("elected: {}", d.elected.join("; "));
        let outcome = match &d.outcome {
            None if d.elected.is_empty() => "adopted".to_string(),
            None => elected,
            Some(Outcome::Adopted) => "adopted".into(),
            Some(Outcome::Rejected) => "rejected".into(),
            Some(Outcome::Elected { .. }) => elected,
            Some(Outcome::ElectedSeveral { places_left, .. }) if *places_left > 0 => {
                format!("{elected} ({places_left} left to fill)")
            }
            Some(Outcome::ElectedSeveral { .. }) => elected,
            Some(Outcome::NotElected) => "no candidate elected".into(),
            Some(Outcome::Void { reason }) => format!("void: {reason}"),
        };
        let votes: Vec<String> = d
            .by_member
            .iter()
            .map(|v| {
                let c = match v.choice {
                    Choice::Yes => "yes".to_string(),
                    Choice::No => "no".into(),
                    Choice::Abstain => "abstention".into(),
                    Choice::Candidate { index } => format!("candidate {}", index + 1),
                    Choice::Candidates { indices } => {
                        let marked: Vec<String> =
                            indices.indices().map(|i| (i + 1).to_string()).collect();
                        format!("candidates {}", marked.join(" and "))
                    }
                };
                let room = if v.in_room { " (in the room)" } else { "" };
                format!("{}: {c}{room}", v.delegation)
            })
            .collect();
        let t = d.tally.clone().unwrap_or_default();
        let row = [
            d.proposal.to_string(),
            d.reference.clone(),
            d.title.clone(),
            iso8601(d.at),
            d.method.clone(),
            outcome,
            t.yes.to_string(),
            t.no.to_string(),
            t.abstain.to_string(),
            d.required.map(|r| r.to_string()).unwrap_or_default(),
            votes.join("; "),
            d.absent.join("; "),
        ];
        let cells: Vec<String> = row.iter().map(|c| csv_cell(c)).collect();
        out.push_str(&cells.join(","));
        out.push_str("\r\n");
    }
    out
}

fn seconds(ms: u64) -> String {
    format!("{}.{:03}", ms / 1000, ms % 1000)
}

/// One CSV cell, the only way a value enters any CSV this crate writes. A value a
/// spreadsheet would read as a formula (starting with `=`, `+`, `-`, `@`, a tab or a
/// carriage return: OWASP's "CSV injection") is neutralised with a leading `'`, so a
/// proposal reference like `=HYPERLINK(...)` opens as text; then the cell is quoted
/// (RFC 4180) if it holds a comma, a quote or a line break.
pub fn csv_cell(value: &str) -> String {
    let value = if value.starts_with(['=', '+', '-', '@', '\t', '\r']) {
        format!("'{value}")
    } else {
        value.to_string()
    };
    if value.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", value.replace('"', "\"\""))
    } else {
        value
    }
}

/// UTC time as `YYYY-MM-DDTHH:MM:SS.mmmZ`, computed without a date library.
pub fn iso8601(t: Millis) -> String {
    let ms = t.0.rem_euclid(1000);
    let secs = t.0.div_euclid(1000);
    let days = secs.div_euclid(86_400);
    let rem = secs.rem_euclid(86_400);
    let (h, m, s) = (rem / 3600, (rem % 3600) / 60, rem % 60);
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{h:02}:{m:02}:{s:02}.{ms:03}Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso8601_matches_known_instants() {
        assert_eq!(iso8601(Millis(0)), "1970-01-01T00:00:00.000Z");
        // The CND vote on cannabis, 2 December 2020, 13:05:30.250 UTC.
        assert_eq!(
            iso8601(Millis(1_606_914_330_250)),
            "2020-12-02T13:05:30.250Z"
        );
        assert_eq!(iso8601(Millis(951_782_400_000)), "2000-02-29T00:00:00.000Z");
    }

    #[test]
    fn csv_quotes_cells_that_need_it() {
        assert_eq!(
            csv_cell("on behalf of the \"Group\", 77"),
            "\"on behalf of the \"\"Group\"\", 77\""
        );
        assert_eq!(csv_cell("Chile"), "Chile");
    }

    #[test]
    fn csv_neutralises_cells_a_spreadsheet_would_read_as_formulas() {
        assert_eq!(
            csv_cell("=HYPERLINK(\"http://x\",\"L.7\")"),
            "\"'=HYPERLINK(\"\"http://x\"\",\"\"L.7\"\")\""
        );
        assert_eq!(csv_cell("+1"), "'+1");
        assert_eq!(csv_cell("-2+3"), "'-2+3");
        assert_eq!(csv_cell("@SUM(A1)"), "'@SUM(A1)");
        assert_eq!(csv_cell("\tx"), "'\tx");
        assert_eq!(csv_cell("\rx"), "\"'\rx\"");
        assert_eq!(csv_cell("E/CN.7/2026/L.7"), "E/CN.7/2026/L.7");
        assert_eq!(csv_cell(""), "");
    }
}
