//! The append-only logs: each meeting's events and each session's document register. Appending is optimistic: the caller says which
//! sequence numbers it writes, and the (meeting_id, seq) primary key refuses a second
//! writer of the same number.

use super::entities::{command_request, document_event, meeting_event};
use floor_protocol::document::DocumentEnvelope;
use floor_protocol::meeting::MeetingStatus;
use floor_protocol::{EventEnvelope, MeetingId, SessionId};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, QueryFilter, QueryOrder,
    QuerySelect, SqlErr, TransactionTrait,
};

#[derive(Debug, thiserror::Error)]
pub enum AppendError {
    /// Another writer appended to this meeting first; reload and decide again.
    #[error("another writer appended to the meeting first")]
    Conflict,
    #[error(transparent)]
    Database(#[from] sea_orm::DbErr),
    #[error("encoding an event: {0}")]
    Encoding(#[from] serde_json::Error),
}

#[derive(Clone)]
pub struct EventLog {
    db: DatabaseConnection,
}

impl EventLog {
    pub fn new(db: DatabaseConnection) -> Self {
        EventLog { db }
    }

    /// Events of `meeting` with a sequence number above `after`, in order, at most `limit`.
    pub async fn since(
        &self,
        meeting: MeetingId,
        after: u64,
        limit: Option<u64>,
    ) -> anyhow::Result<Vec<EventEnvelope>> {
        let mut q = meeting_event::Entity::find()
            .filter(meeting_event::Column::MeetingId.eq(meeting.0))
            .filter(meeting_event::Column::Seq.gt(after as i64))
            .order_by_asc(meeting_event::Column::Seq);
        if let Some(l) = limit {
            q = q.limit(l);
        }
        q.all(&self.db).await?.into_iter().map(decode).collect()
    }

    /// The highest sequence number stored for `meeting`, 0 if none.
    pub async fn head(&self, meeting: MeetingId) -> anyhow::Result<u64> {
        let last = meeting_event::Entity::find()
            .filter(meeting_event::Column::MeetingId.eq(meeting.0))
            .order_by_desc(meeting_event::Column::Seq)
            .one(&self.db)
            .await?;
        Ok(last.map_or(0, |m| m.seq as u64))
    }

    /// The meeting's status, read from its last status event alone: listing a session's
    /// meetings must not replay every meeting's log.
    pub async fn status(&self, meeting: MeetingId) -> anyhow::Result<MeetingStatus> {
        let kinds = MeetingStatus::CHANGED_BY.map(|e| e.name());
        let last = meeting_event::Entity::find()
            .filter(meeting_event::Column::MeetingId.eq(meeting.0))
            .filter(meeting_event::Column::Kind.is_in(kinds))
            .order_by_desc(meeting_event::Column::Seq)
            .one(&self.db)
            .await?;
        Ok(match last {
            Some(m) => MeetingStatus::after(&decode(m)?.event).unwrap_or_default(),
            None => MeetingStatus::Scheduled,
        })
    }

    /// Append `events` (consecutive numbers of one meeting) atomically: all or none.
    pub async fn append(&self, events: &[EventEnvelope]) -> Result<(), AppendError> {
        self.append_for(events, None).await
    }

    /// Append `events` and, in the same transaction, the idempotency key of the command
    /// that produced them: both or neither. A key already taken is a
    /// [`AppendError::Conflict`] too (the caller then finds it with [`Self::request`]).
    pub async fn append_for(
        &self,
        events: &[EventEnvelope],
        request: Option<&RequestKey>,
    ) -> Result<(), AppendError> {
        use sea_orm::ActiveValue::Set;
        let rows = events.iter().map(encode).collect::<Result<Vec<_>, _>>()?;
        let (Some(key), Some(first), Some(last)) = (request, events.first(), events.last()) else {
            return insert_atomically(&self.db, rows).await;
        };
        let key_row = command_request::ActiveModel {
            meeting_id: Set(first.meeting_id.0),
            requester: Set(key.requester.clone()),
            request_id: Set(key.request_id.clone()),
            fingerprint: Set(key.fingerprint.clone()),
            first_seq: Set(first.seq as i64),
            last_seq: Set(last.seq as i64),
            at: Set(first.at.0),
        };
        let txn = self.db.begin().await?;
        let inserted = async {
            meeting_event::Entity::insert_many(rows).exec(&txn).await?;
            command_request::Entity::insert(key_row).exec(&txn).await?;
            Ok::<_, sea_orm::DbErr>(())
        }
        .await;
        if let Err(e) = inserted {
            let _ = txn.rollback().await;
            return Err(conflict_or(e));
        }
        txn.commit().await.map_err(conflict_or)
    }

    /// The command accepted earlier under this key, if any: its fingerprint and the
    /// sequence numbers of its events.
    pub async fn request(
        &self,
        meeting: MeetingId,
        requester: &str,
        request_id: &str,
    ) -> anyhow::Result<Option<(String, u64, u64)>> {
        Ok(command_request::Entity::find()
            .filter(command_request::Column::MeetingId.eq(meeting.0))
            .filter(command_request::Column::Requester.eq(requester))
            .filter(command_request::Column::RequestId.eq(request_id))
            .one(&self.db)
            .await?
            .map(|r| (r.fingerprint, r.first_seq as u64, r.last_seq as u64)))
    }
}

/// An accepted command's idempotency key, recorded with its events.
#[derive(Clone, Debug)]
pub struct RequestKey {
    /// Who sent it (`participant:<id>` or `account:<id>`): keys are per sender.
    pub requester: String,
    pub request_id: String,
    /// What the command was, to tell a resend from another command reusing the key.
    pub fingerprint: String,
}

fn conflict_or(e: sea_orm::DbErr) -> AppendError {
    if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
        AppendError::Conflict
    } else {
        e.into()
    }
}

/// Insert rows in one transaction. A plain insert: the primary key refuses a second writer
/// of the same sequence number, which comes back as [`AppendError::Conflict`].
async fn insert_atomically<A>(db: &DatabaseConnection, rows: Vec<A>) -> Result<(), AppendError>
where
    A: ActiveModelTrait + Send,
{
    if rows.is_empty() {
        return Ok(());
    }
    let conflict =
        |e: &sea_orm::DbErr| matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_)));
    let txn = db.begin().await?;
    if let Err(e) = A::Entity::insert_many(rows).exec(&txn).await {
        let _ = txn.rollback().await;
        return Err(if conflict(&e) {
            AppendError::Conflict
        } else {
            e.into()
        });
    }
    txn.commit().await.map_err(|e| {
        if conflict(&e) {
            AppendError::Conflict
        } else {
            e.into()
        }
    })
}

/// A session's document register log: the same discipline as the meeting log.
#[derive(Clone)]
pub struct DocumentLog {
    db: DatabaseConnection,
}

impl DocumentLog {
    pub fn new(db: DatabaseConnection) -> Self {
        DocumentLog { db }
    }

    pub async fn since(
        &self,
        session: SessionId,
        after: u64,
        limit: Option<u64>,
    ) -> anyhow::Result<Vec<DocumentEnvelope>> {
        let mut q = document_event::Entity::find()
            .filter(document_event::Column::SessionId.eq(session.0))
            .filter(document_event::Column::Seq.gt(after as i64))
            .order_by_asc(document_event::Column::Seq);
        if let Some(l) = limit {
            q = q.limit(l);
        }
        q.all(&self.db)
            .await?
            .into_iter()
            .map(|m| {
                Ok(DocumentEnvelope {
                    session_id: SessionId(m.session_id),
                    seq: m.seq as u64,
                    at: floor_protocol::Millis(m.at),
                    actor: serde_json::from_str(&m.actor)?,
                    event: serde_json::from_str(&m.payload)?,
                })
            })
            .collect()
    }

    pub async fn append(&self, events: &[DocumentEnvelope]) -> Result<(), AppendError> {
        use sea_orm::ActiveValue::Set;
        let rows = events
            .iter()
            .map(|e| {
                Ok(document_event::ActiveModel {
                    session_id: Set(e.session_id.0),
                    seq: Set(e.seq as i64),
                    at: Set(e.at.0),
                    kind: Set(e.event.name().to_string()),
                    actor: Set(serde_json::to_string(&e.actor)?),
                    payload: Set(serde_json::to_string(&e.event)?),
                })
            })
            .collect::<Result<Vec<_>, serde_json::Error>>()?;
        insert_atomically(&self.db, rows).await
    }
}

fn encode(e: &EventEnvelope) -> Result<meeting_event::ActiveModel, serde_json::Error> {
    use sea_orm::ActiveValue::Set;
    Ok(meeting_event::ActiveModel {
        meeting_id: Set(e.meeting_id.0),
        seq: Set(e.seq as i64),
        at: Set(e.at.0),
        kind: Set(e.event.name().to_string()),
        actor: Set(serde_json::to_string(&e.actor)?),
        payload: Set(serde_json::to_string(&e.event)?),
    })
}

fn decode(m: meeting_event::Model) -> anyhow::Result<EventEnvelope> {
    Ok(EventEnvelope {
        meeting_id: MeetingId(m.meeting_id),
        seq: m.seq as u64,
        at: floor_protocol::Millis(m.at),
        actor: serde_json::from_str(&m.actor)?,
        event: serde_json::from_str(&m.payload)?,
    })
}
