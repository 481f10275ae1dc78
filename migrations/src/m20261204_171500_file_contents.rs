//! Document files kept in the database, so that every node of a cluster serves every file
//! (`FLOOR_FILES=database`, the default with PostgreSQL).
//!
//! A file is one `file_contents` row (its SHA-256, length and the size of its chunks) and
//! its bytes in `file_chunks`, cut into pieces of `chunk_len` bytes (256 KiB when written).
//! Chunks rather than one value per file: a `Range` read fetches only the chunks it
//! covers, a download holds one chunk in memory at a time (not up to 50 MiB per reader),
//! and an upload is written as modest statements rather than one 50 MiB parameter.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(FileContents::Table)
                .col(
                    ColumnDef::new(FileContents::ContentId)
                        .string()
                        .not_null()
                        .primary_key(),
                )
                .col(ColumnDef::new(FileContents::Len).big_integer().not_null())
                .col(ColumnDef::new(FileContents::ChunkLen).integer().not_null())
                .col(
                    ColumnDef::new(FileContents::CreatedAt)
                        .big_integer()
                        .not_null(),
                )
                .to_owned(),
        )
        .await?;
        // Written in the same transaction as their `file_contents` row: a file is there
        // whole or not at all.
        m.create_table(
            Table::create()
                .table(FileChunks::Table)
                .col(ColumnDef::new(FileChunks::ContentId).string().not_null())
                .col(ColumnDef::new(FileChunks::Idx).integer().not_null())
                .col(ColumnDef::new(FileChunks::Bytes).blob().not_null())
                .primary_key(
                    Index::create()
                        .col(FileChunks::ContentId)
                        .col(FileChunks::Idx),
                )
                .foreign_key(
                    ForeignKey::create()
                        .from(FileChunks::Table, FileChunks::ContentId)
                        .to(FileContents::Table, FileContents::ContentId),
                )
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(FileChunks::Table).to_owned())
            .await?;
        m.drop_table(Table::drop().table(FileContents::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum FileContents {
    Table,
    ContentId,
    Len,
    ChunkLen,
    CreatedAt,
}

#[derive(DeriveIden)]
enum FileChunks {
    Table,
    ContentId,
    Idx,
    Bytes,
}
