//! What the meeting log and a document register share once a command is decided: its
//! events are numbered on from the state's sequence number and folded in, one by one, so
//! that each event is decided against nothing but the state the log itself gives.

use floor_protocol::document::{DocumentEnvelope, DocumentEvent, Register};
use floor_protocol::event::Actor;
use floor_protocol::{Event, EventEnvelope, MeetingState, Millis};

/// A state folded from a numbered log.
pub trait Folded {
    type Event;
    type Envelope;
    /// The sequence number of the last event folded in (0 for none).
    fn seq(&self) -> u64;
    /// `event` as the log's next entry.
    fn envelope(&self, seq: u64, at: Millis, actor: Actor, event: Self::Event) -> Self::Envelope;
    fn apply(&mut self, envelope: &Self::Envelope);
}

/// Number `events` from `state.seq() + 1` and fold each into `state`.
pub fn number_and_fold<S: Folded>(
    state: &mut S,
    actor: &Actor,
    now: Millis,
    events: Vec<S::Event>,
) -> Vec<S::Envelope> {
    events
        .into_iter()
        .map(|event| {
            let envelope = state.envelope(state.seq() + 1, now, *actor, event);
            state.apply(&envelope);
            envelope
        })
        .collect()
}

impl Folded for MeetingState {
    type Event = Event;
    type Envelope = EventEnvelope;

    fn seq(&self) -> u64 {
        self.seq
    }

    fn envelope(&self, seq: u64, at: Millis, actor: Actor, event: Event) -> EventEnvelope {
        EventEnvelope {
            meeting_id: self.meeting_id,
            seq,
            at,
            actor,
            event,
        }
    }

    fn apply(&mut self, envelope: &EventEnvelope) {
        MeetingState::apply(self, envelope);
    }
}

impl Folded for Register {
    type Event = DocumentEvent;
    type Envelope = DocumentEnvelope;

    fn seq(&self) -> u64 {
        self.seq
    }

    fn envelope(
        &self,
        seq: u64,
        at: Millis,
        actor: Actor,
        event: DocumentEvent,
    ) -> DocumentEnvelope {
        DocumentEnvelope {
            session_id: self.session_id,
            seq,
            at,
            actor,
            event,
        }
    }

    fn apply(&mut self, envelope: &DocumentEnvelope) {
        Register::apply(self, envelope);
    }
}
