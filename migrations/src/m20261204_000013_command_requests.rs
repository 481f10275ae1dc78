//! Commands' idempotency keys: the `request_id` of each accepted command, beside the
//! events it produced, so that a resend (after a lost answer, through any node, after a
//! restart) gets the same answer and has no second effect.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // Written in the same transaction as the events; the primary key refuses a second
        // acceptance of the same key, whichever node tries.
        m.create_table(
            Table::create()
                .table(CommandRequests::Table)
                .col(
                    ColumnDef::new(CommandRequests::MeetingId)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(CommandRequests::Requester)
                        .string()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(CommandRequests::RequestId)
                        .string()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(CommandRequests::Fingerprint)
                        .string()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(CommandRequests::FirstSeq)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(CommandRequests::LastSeq)
                        .big_integer()
                        .not_null(),
                )
                .col(ColumnDef::new(CommandRequests::At).big_integer().not_null())
                .primary_key(
                    Index::create()
                        .col(CommandRequests::MeetingId)
                        .col(CommandRequests::Requester)
                        .col(CommandRequests::RequestId),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(CommandRequests::Table, CommandRequests::MeetingId)
                        .to(Meetings::Table, Meetings::Id),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(CommandRequests::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Meetings {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum CommandRequests {
    Table,
    MeetingId,
    Requester,
    RequestId,
    Fingerprint,
    FirstSeq,
    LastSeq,
    At,
}
