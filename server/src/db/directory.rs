//! The directory: secretariat accounts, sessions and their rules, delegations,
//! participants, invitations and meetings. Plain rows, unlike the meetings' event logs.

use super::entities::{
    account, delegation, file, invitation, meeting, participant, server_secret, session,
};
use super::now_ms;
use floor_protocol::api::{
    Meeting, NewDelegation, NewMeeting, NewParticipant, NewSession, Session,
};
use floor_protocol::meeting::MeetingStatus;
use floor_protocol::*;
use sea_orm::ActiveValue::{NotSet, Set};
use sea_orm::{
    ActiveModelTrait, ColumnTrait, DatabaseConnection, EntityTrait, PaginatorTrait, QueryFilter,
    QueryOrder, SqlErr,
};

#[derive(Clone)]
pub struct Directory {
    db: DatabaseConnection,
}

/// Why an invitation could not be redeemed.
#[derive(Debug, thiserror::Error)]
pub enum RedeemError {
    #[error("no invitation has this code")]
    Unknown,
    #[error("this invitation has already been used")]
    AlreadyUsed,
    #[error("this invitation has expired")]
    Expired,
    #[error(transparent)]
    Other(#[from] anyhow::Error),
}

/// What came of editing a delegation.
#[derive(Debug)]
pub enum DelegationEdit {
    Edited(Delegation),
    NoSuchDelegation,
    /// Another delegation of the session has that name.
    NameTaken,
}

impl Directory {
    pub fn new(db: DatabaseConnection) -> Self {
        Directory { db }
    }

    pub fn connection(&self) -> &DatabaseConnection {
        &self.db
    }

    /// A server-wide secret, created at random on first use. Nodes sharing a database
    /// agree on it because the first insert wins and everyone reads it back.
    pub async fn secret(
        &self,
        name: &str,
        generate: impl FnOnce() -> String,
    ) -> anyhow::Result<String> {
        if let Some(s) = server_secret::Entity::find_by_id(name.to_string())
            .one(&self.db)
            .await?
        {
            return Ok(s.value);
        }
        let insert = server_secret::ActiveModel {
            name: Set(name.to_string()),
            value: Set(generate()),
        }
        .insert(&self.db)
        .await;
        if let Err(e) = insert {
            if !matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
                return Err(e.into());
            }
        }
        let s = server_secret::Entity::find_by_id(name.to_string())
            .one(&self.db)
            .await?
            .ok_or_else(|| anyhow::anyhow!("secret {name} vanished"))?;
        Ok(s.value)
    }

    // --- accounts

    pub async fn account_count(&self) -> anyhow::Result<u64> {
        Ok(account::Entity::find().count(&self.db).await?)
    }

    /// Create a secretariat account; `None` if the username is taken.
    pub async fn create_account(
        &self,
        username: &str,
        password_hash: &str,
    ) -> anyhow::Result<Option<AccountId>> {
        let r = account::ActiveModel {
            id: NotSet,
            username: Set(username.to_string()),
            password_hash: Set(password_hash.to_string()),
            created_at: Set(now_ms()),
        }
        .insert(&self.db)
        .await;
        match r {
            Ok(m) => Ok(Some(AccountId(m.id))),
            Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    pub async fn find_account(&self, username: &str) -> anyhow::Result<Option<account::Model>> {
        Ok(account::Entity::find()
            .filter(account::Column::Username.eq(username))
            .one(&self.db)
            .await?)
    }

    // --- sessions

    pub async fn create_session(&self, new: &NewSession) -> anyhow::Result<Session> {
        let rules = new.rules.clone().unwrap_or_default();
        let m = session::ActiveModel {
            id: NotSet,
            title: Set(new.title.trim().to_string()),
            body_symbol: Set(new.body_symbol.trim().to_string()),
            rules: Set(serde_json::to_string(&rules)?),
            created_at: Set(now_ms()),
        }
        .insert(&self.db)
        .await?;
        session_of(m)
    }

    pub async fn sessions(&self) -> anyhow::Result<Vec<Session>> {
        session::Entity::find()
            .order_by_asc(session::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(session_of)
            .collect()
    }

    pub async fn session(&self, id: SessionId) -> anyhow::Result<Option<Session>> {
        session::Entity::find_by_id(id.0)
            .one(&self.db)
            .await?
            .map(session_of)
            .transpose()
    }

    pub async fn set_rules(
        &self,
        id: SessionId,
        rules: &SessionRules,
    ) -> anyhow::Result<Option<Session>> {
        let Some(m) = session::Entity::find_by_id(id.0).one(&self.db).await? else {
            return Ok(None);
        };
        let mut am: session::ActiveModel = m.into();
        am.rules = Set(serde_json::to_string(rules)?);
        Ok(Some(session_of(am.update(&self.db).await?)?))
    }

    // --- delegations

    /// Add a delegation; `None` if the session already has one of that name.
    pub async fn add_delegation(
        &self,
        session: SessionId,
        new: &NewDelegation,
    ) -> anyhow::Result<Option<Delegation>> {
        let r = delegation::ActiveModel {
            id: NotSet,
            session_id: Set(session.0),
            name: Set(new.name.trim().to_string()),
            kind: Set(new.kind.as_str().to_string()),
        }
        .insert(&self.db)
        .await;
        match r {
            Ok(m) => Ok(Some(delegation_of(m)?)),
            Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Ok(None),
            Err(e) => Err(e.into()),
        }
    }

    /// Rename a delegation or change its kind (a correction of the roster).
    pub async fn edit_delegation(
        &self,
        id: DelegationId,
        edit: &NewDelegation,
    ) -> anyhow::Result<DelegationEdit> {
        let Some(m) = delegation::Entity::find_by_id(id.0).one(&self.db).await? else {
            return Ok(DelegationEdit::NoSuchDelegation);
        };
        let mut am: delegation::ActiveModel = m.into();
        am.name = Set(edit.name.trim().to_string());
        am.kind = Set(edit.kind.as_str().to_string());
        match am.update(&self.db).await {
            Ok(m) => Ok(DelegationEdit::Edited(delegation_of(m)?)),
            Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => {
                Ok(DelegationEdit::NameTaken)
            }
            Err(e) => Err(e.into()),
        }
    }

    pub async fn delegations(&self, session: SessionId) -> anyhow::Result<Vec<Delegation>> {
        delegation::Entity::find()
            .filter(delegation::Column::SessionId.eq(session.0))
            .order_by_asc(delegation::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(delegation_of)
            .collect()
    }

    pub async fn delegation(&self, id: DelegationId) -> anyhow::Result<Option<Delegation>> {
        delegation::Entity::find_by_id(id.0)
            .one(&self.db)
            .await?
            .map(delegation_of)
            .transpose()
    }

    // --- participants

    pub async fn add_participant(
        &self,
        session: SessionId,
        new: &NewParticipant,
    ) -> anyhow::Result<Participant> {
        let m = participant::ActiveModel {
            id: NotSet,
            session_id: Set(session.0),
            display_name: Set(new.display_name.trim().to_string()),
            role: Set(new.role.as_str().to_string()),
            delegation_id: Set(new.delegation_id.map(|d| d.0)),
            created_at: Set(now_ms()),
            token_version: Set(0),
        }
        .insert(&self.db)
        .await?;
        participant_of(m)
    }

    pub async fn participant(&self, id: ParticipantId) -> anyhow::Result<Option<Participant>> {
        participant::Entity::find_by_id(id.0)
            .one(&self.db)
            .await?
            .map(participant_of)
            .transpose()
    }

    pub async fn participants(&self, session: SessionId) -> anyhow::Result<Vec<Participant>> {
        participant::Entity::find()
            .filter(participant::Column::SessionId.eq(session.0))
            .order_by_asc(participant::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(participant_of)
            .collect()
    }

    /// The version a participant's tokens must carry (`None`: no such participant).
    pub async fn token_version(&self, id: ParticipantId) -> anyhow::Result<Option<i64>> {
        Ok(participant::Entity::find_by_id(id.0)
            .one(&self.db)
            .await?
            .map(|p| p.token_version))
    }

    /// Revoke a participant: every token issued to them so far is refused from now on,
    /// and their invitations not yet used can no longer be redeemed. Returns the new
    /// token version (`None`: no such participant).
    pub async fn revoke(&self, id: ParticipantId) -> anyhow::Result<Option<i64>> {
        use sea_orm::sea_query::Expr;
        use sea_orm::TransactionTrait;
        let txn = self.db.begin().await?;
        let bumped = participant::Entity::update_many()
            .col_expr(
                participant::Column::TokenVersion,
                Expr::col(participant::Column::TokenVersion).add(1),
            )
            .filter(participant::Column::Id.eq(id.0))
            .exec(&txn)
            .await?;
        if bumped.rows_affected != 1 {
            return Ok(None);
        }
        invitation::Entity::delete_many()
            .filter(invitation::Column::ParticipantId.eq(id.0))
            .filter(invitation::Column::RedeemedAt.is_null())
            .exec(&txn)
            .await?;
        let version = participant::Entity::find_by_id(id.0)
            .one(&txn)
            .await?
            .map(|p| p.token_version);
        txn.commit().await?;
        Ok(version)
    }

    // --- invitations

    pub async fn create_invitation(
        &self,
        participant: ParticipantId,
        code_hash: &str,
        scope: Scope,
        expires_at: Millis,
    ) -> anyhow::Result<()> {
        invitation::ActiveModel {
            id: NotSet,
            participant_id: Set(participant.0),
            code_hash: Set(code_hash.to_string()),
            scope: Set(serde_json::to_string(&scope)?),
            expires_at: Set(expires_at.0),
            redeemed_at: Set(None),
            created_at: Set(now_ms()),
        }
        .insert(&self.db)
        .await?;
        Ok(())
    }

    /// Use an invitation once. The update only matches an unused row, so two redemptions
    /// racing for one code cannot both succeed.
    pub async fn redeem(
        &self,
        code_hash: &str,
        now: Millis,
    ) -> Result<(Participant, Scope, i64), RedeemError> {
        let inv = invitation::Entity::find()
            .filter(invitation::Column::CodeHash.eq(code_hash))
            .one(&self.db)
            .await
            .map_err(anyhow::Error::from)?
            .ok_or(RedeemError::Unknown)?;
        if inv.redeemed_at.is_some() {
            return Err(RedeemError::AlreadyUsed);
        }
        if inv.expires_at <= now.0 {
            return Err(RedeemError::Expired);
        }
        // Read before the code is used: if the participant is revoked in between, the
        // token issued below carries the old version and is refused.
        let token_version = self
            .token_version(ParticipantId(inv.participant_id))
            .await?
            .ok_or_else(|| anyhow::anyhow!("invitation {} names a missing participant", inv.id))?;
        let updated = invitation::Entity::update_many()
            .col_expr(
                invitation::Column::RedeemedAt,
                sea_orm::sea_query::Expr::value(now.0),
            )
            .filter(invitation::Column::Id.eq(inv.id))
            .filter(invitation::Column::RedeemedAt.is_null())
            .exec(&self.db)
            .await
            .map_err(anyhow::Error::from)?;
        if updated.rows_affected != 1 {
            return Err(RedeemError::AlreadyUsed);
        }
        let participant = self
            .participant(ParticipantId(inv.participant_id))
            .await?
            .ok_or_else(|| anyhow::anyhow!("invitation {} names a missing participant", inv.id))?;
        let scope = serde_json::from_str(&inv.scope).map_err(anyhow::Error::from)?;
        Ok((participant, scope, token_version))
    }

    // --- files

    /// Record that `session` uploaded a file (storing the same content twice is one row).
    pub async fn add_file(
        &self,
        session: SessionId,
        content_id: &str,
        mime: &str,
        size: u64,
    ) -> anyhow::Result<()> {
        let r = file::ActiveModel {
            session_id: Set(session.0),
            content_id: Set(content_id.to_string()),
            mime: Set(mime.to_string()),
            size: Set(size as i64),
            created_at: Set(now_ms()),
        }
        .insert(&self.db)
        .await;
        match r {
            Ok(_) => Ok(()),
            Err(e) if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) => Ok(()),
            Err(e) => Err(e.into()),
        }
    }

    /// A file `session` uploaded: its type and size.
    pub async fn file(
        &self,
        session: SessionId,
        content_id: &str,
    ) -> anyhow::Result<Option<(String, u64)>> {
        Ok(
            file::Entity::find_by_id((session.0, content_id.to_string()))
                .one(&self.db)
                .await?
                .map(|f| (f.mime, f.size as u64)),
        )
    }

    // --- meetings

    pub async fn create_meeting(
        &self,
        session: SessionId,
        new: &NewMeeting,
    ) -> anyhow::Result<Meeting> {
        let m = meeting::ActiveModel {
            id: NotSet,
            session_id: Set(session.0),
            title: Set(new.title.trim().to_string()),
            format: Set(new.format.as_str().to_string()),
            created_at: Set(now_ms()),
        }
        .insert(&self.db)
        .await?;
        meeting_of(m)
    }

    /// A meeting as stored; its status comes from its log, so it reads `scheduled` here
    /// and the caller fills it from the meeting's state.
    pub async fn meeting(&self, id: MeetingId) -> anyhow::Result<Option<Meeting>> {
        meeting::Entity::find_by_id(id.0)
            .one(&self.db)
            .await?
            .map(meeting_of)
            .transpose()
    }

    pub async fn meetings(&self, session: SessionId) -> anyhow::Result<Vec<Meeting>> {
        meeting::Entity::find()
            .filter(meeting::Column::SessionId.eq(session.0))
            .order_by_asc(meeting::Column::Id)
            .all(&self.db)
            .await?
            .into_iter()
            .map(meeting_of)
            .collect()
    }
}

fn session_of(m: session::Model) -> anyhow::Result<Session> {
    Ok(Session {
        id: SessionId(m.id),
        title: m.title,
        body_symbol: m.body_symbol,
        rules: serde_json::from_str(&m.rules)?,
    })
}

fn delegation_of(m: delegation::Model) -> anyhow::Result<Delegation> {
    Ok(Delegation {
        id: DelegationId(m.id),
        session_id: SessionId(m.session_id),
        kind: DelegationKind::parse(&m.kind)
            .ok_or_else(|| anyhow::anyhow!("unknown delegation kind {:?}", m.kind))?,
        name: m.name,
    })
}

fn participant_of(m: participant::Model) -> anyhow::Result<Participant> {
    Ok(Participant {
        id: ParticipantId(m.id),
        session_id: SessionId(m.session_id),
        display_name: m.display_name,
        role: Role::parse(&m.role).ok_or_else(|| anyhow::anyhow!("unknown role {:?}", m.role))?,
        delegation_id: m.delegation_id.map(DelegationId),
    })
}

fn meeting_of(m: meeting::Model) -> anyhow::Result<Meeting> {
    Ok(Meeting {
        id: MeetingId(m.id),
        session_id: SessionId(m.session_id),
        title: m.title,
        format: MeetingFormat::parse(&m.format)
            .ok_or_else(|| anyhow::anyhow!("unknown meeting format {:?}", m.format))?,
        status: MeetingStatus::Scheduled,
    })
}
