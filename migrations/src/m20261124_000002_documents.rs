//! Documents: each session's document register (an event log of its own) and the files
//! uploaded for it.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        // The primary key (session_id, seq) is the optimistic concurrency guard, as for
        // meeting events.
        m.create_table(
            Table::create()
                .table(DocumentEvents::Table)
                .col(
                    ColumnDef::new(DocumentEvents::SessionId)
                        .big_integer()
                        .not_null(),
                )
                .col(ColumnDef::new(DocumentEvents::Seq).big_integer().not_null())
                .col(ColumnDef::new(DocumentEvents::At).big_integer().not_null())
                .col(ColumnDef::new(DocumentEvents::Kind).string().not_null())
                .col(ColumnDef::new(DocumentEvents::Actor).text().not_null())
                .col(ColumnDef::new(DocumentEvents::Payload).text().not_null())
                .primary_key(
                    Index::create()
                        .col(DocumentEvents::SessionId)
                        .col(DocumentEvents::Seq),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(DocumentEvents::Table, DocumentEvents::SessionId)
                        .to(Sessions::Table, Sessions::Id),
                )
                .to_owned(),
        )
        .await?;
        // Files are stored by content; this row says a session uploaded one, and what it is.
        m.create_table(
            Table::create()
                .table(Files::Table)
                .col(ColumnDef::new(Files::SessionId).big_integer().not_null())
                .col(ColumnDef::new(Files::ContentId).string().not_null())
                .col(ColumnDef::new(Files::Mime).string().not_null())
                .col(ColumnDef::new(Files::Size).big_integer().not_null())
                .col(ColumnDef::new(Files::CreatedAt).big_integer().not_null())
                .primary_key(Index::create().col(Files::SessionId).col(Files::ContentId))
                .foreign_key(
                    ForeignKey::create()
                        .from(Files::Table, Files::SessionId)
                        .to(Sessions::Table, Sessions::Id),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(Files::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(DocumentEvents::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum Sessions {
    Table,
    Id,
}

#[derive(DeriveIden)]
enum DocumentEvents {
    Table,
    SessionId,
    Seq,
    At,
    Kind,
    Actor,
    Payload,
}

#[derive(DeriveIden)]
enum Files {
    Table,
    SessionId,
    ContentId,
    Mime,
    Size,
    CreatedAt,
}
