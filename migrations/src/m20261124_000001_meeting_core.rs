//! The meeting core: accounts, sessions, rosters, invitations, meetings and the event log.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

fn id(col: impl IntoIden) -> ColumnDef {
    ColumnDef::new(col)
        .big_integer()
        .not_null()
        .auto_increment()
        .primary_key()
        .to_owned()
}

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(ServerSecrets::Table)
                .col(
                    ColumnDef::new(ServerSecrets::Name)
                        .string()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(ServerSecrets::Value).string().not_null())
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Accounts::Table)
                .col(id(Accounts::Id))
                .col(
                    ColumnDef::new(Accounts::Username)
                        .string()
                        .not_null()
                        .unique_key(),
                )
                .col(ColumnDef::new(Accounts::PasswordHash).string().not_null())
                .col(ColumnDef::new(Accounts::CreatedAt).big_integer().not_null())
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Sessions::Table)
                .col(id(Sessions::Id))
                .col(ColumnDef::new(Sessions::Title).string().not_null())
                .col(ColumnDef::new(Sessions::BodySymbol).string().not_null())
                .col(ColumnDef::new(Sessions::Rules).text().not_null())
                .col(ColumnDef::new(Sessions::CreatedAt).big_integer().not_null())
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Delegations::Table)
                .col(id(Delegations::Id))
                .col(
                    ColumnDef::new(Delegations::SessionId)
                        .big_integer()
                        .not_null(),
                )
                .col(ColumnDef::new(Delegations::Name).string().not_null())
                .col(ColumnDef::new(Delegations::Kind).string().not_null())
                .foreign_key(
                    ForeignKey::create()
                        .from(Delegations::Table, Delegations::SessionId)
                        .to(Sessions::Table, Sessions::Id),
                )
                .to_owned(),
        )
        .await?;
        m.create_index(
            Index::create()
                .name("delegations_session_name")
                .table(Delegations::Table)
                .col(Delegations::SessionId)
                .col(Delegations::Name)
                .unique()
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Participants::Table)
                .col(id(Participants::Id))
                .col(
                    ColumnDef::new(Participants::SessionId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Participants::DisplayName)
                        .string()
                        .not_null(),
                )
                .col(ColumnDef::new(Participants::Role).string().not_null())
                .col(
                    ColumnDef::new(Participants::DelegationId)
                        .big_integer()
                        .null(),
                )
                .col(
                    ColumnDef::new(Participants::CreatedAt)
                        .big_integer()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Participants::Table, Participants::SessionId)
                        .to(Sessions::Table, Sessions::Id),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Participants::Table, Participants::DelegationId)
                        .to(Delegations::Table, Delegations::Id),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Invitations::Table)
                .col(id(Invitations::Id))
                .col(
                    ColumnDef::new(Invitations::ParticipantId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(Invitations::CodeHash)
                        .string()
                        .not_null()
                        .unique_key(),
                )
                .col(ColumnDef::new(Invitations::Scope).text().not_null())
                .col(
                    ColumnDef::new(Invitations::ExpiresAt)
                        .big_integer()
                        .not_null(),
                )
                .col(ColumnDef::new(Invitations::RedeemedAt).big_integer().null())
                .col(
                    ColumnDef::new(Invitations::CreatedAt)
                        .big_integer()
                        .not_null(),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(Invitations::Table, Invitations::ParticipantId)
                        .to(Participants::Table, Participants::Id),
                )
                .to_owned(),
        )
        .await?;

        m.create_table(
            Table::create()
                .table(Meetings::Table)
                .col(id(Meetings::Id))
                .col(ColumnDef::new(Meetings::SessionId).big_integer().not_null())
                .col(ColumnDef::new(Meetings::Title).string().not_null())
                .col(ColumnDef::new(Meetings::Format).string().not_null())
                .col(ColumnDef::new(Meetings::CreatedAt).big_integer().not_null())
                .foreign_key(
                    ForeignKey::create()
                        .from(Meetings::Table, Meetings::SessionId)
                        .to(Sessions::Table, Sessions::Id),
                )
                .to_owned(),
        )
        .await?;

        // The append-only log. The primary key (meeting_id, seq) is the optimistic
        // concurrency guard: two writers that both try to append seq N to one meeting
        // cannot both succeed, so the loser reloads and decides again.
        m.create_table(
            Table::create()
                .table(MeetingEvents::Table)
                .col(
                    ColumnDef::new(MeetingEvents::MeetingId)
                        .big_integer()
                        .not_null(),
                )
                .col(ColumnDef::new(MeetingEvents::Seq).big_integer().not_null())
                .col(ColumnDef::new(MeetingEvents::At).big_integer().not_null())
                .col(ColumnDef::new(MeetingEvents::Kind).string().not_null())
                .col(ColumnDef::new(MeetingEvents::Actor).text().not_null())
                .col(ColumnDef::new(MeetingEvents::Payload).text().not_null())
                .primary_key(
                    Index::create()
                        .col(MeetingEvents::MeetingId)
                        .col(MeetingEvents::Seq),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(MeetingEvents::Table, MeetingEvents::MeetingId)
                        .to(Meetings::Table, Meetings::Id),
                )
                .to_owned(),
        )
        .await?;
        Ok(())
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        for t in [
            MeetingEvents::Table.into_iden(),
            Meetings::Table.into_iden(),
            Invitations::Table.into_iden(),
            Participants::Table.into_iden(),
            Delegations::Table.into_iden(),
            Sessions::Table.into_iden(),
            Accounts::Table.into_iden(),
            ServerSecrets::Table.into_iden(),
        ] {
            m.drop_table(Table::drop().table(t).to_owned()).await?;
        }
        Ok(())
    }
}

#[derive(DeriveIden)]
enum ServerSecrets {
    Table,
    Name,
    Value,
}

#[derive(DeriveIden)]
enum Accounts {
    Table,
    Id,
    Username,
    PasswordHash,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
    Title,
    BodySymbol,
    Rules,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Delegations {
    Table,
    Id,
    SessionId,
    Name,
    Kind,
}

#[derive(DeriveIden)]
enum Participants {
    Table,
    Id,
    SessionId,
    DisplayName,
    Role,
    DelegationId,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Invitations {
    Table,
    Id,
    ParticipantId,
    CodeHash,
    Scope,
    ExpiresAt,
    RedeemedAt,
    CreatedAt,
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
    SessionId,
    Title,
    Format,
    CreatedAt,
}

#[derive(DeriveIden)]
enum MeetingEvents {
    Table,
    MeetingId,
    Seq,
    At,
    Kind,
    Actor,
    Payload,
}
