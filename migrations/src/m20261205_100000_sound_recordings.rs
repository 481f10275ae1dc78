//! The sound record (rule 33): one row per recorded track of a segment, an Ogg Opus file
//! kept in the file store.
//!
//! A segment is what one node recorded of one meeting without a break: it starts with the
//! first packet it records and ends when the meeting falls silent, reaches the longest
//! segment, or the node stops (a segment a crash cut off is stored when the node starts
//! again). Every track of a segment starts at the segment's start, so one offset finds
//! the same moment in the floor tracks and in every interpretation channel.

use sea_orm_migration::prelude::*;

#[derive(DeriveMigrationName)]
pub struct Migration;

#[async_trait::async_trait]
impl MigrationTrait for Migration {
    async fn up(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.create_table(
            Table::create()
                .table(SoundRecordings::Table)
                .col(
                    ColumnDef::new(SoundRecordings::Id)
                        .big_integer()
                        .not_null()
                        .auto_increment()
                        .primary_key(),
                )
                .col(
                    ColumnDef::new(SoundRecordings::MeetingId)
                        .big_integer()
                        .not_null(),
                )
                // Unix milliseconds: the segment's start, shared by all its tracks.
                .col(
                    ColumnDef::new(SoundRecordings::StartedAt)
                        .big_integer()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(SoundRecordings::DurationMs)
                        .big_integer()
                        .not_null(),
                )
                // "speaker", "chair", "room" or "interpretation:<channel>".
                .col(ColumnDef::new(SoundRecordings::Track).string().not_null())
                .col(
                    ColumnDef::new(SoundRecordings::ContentId)
                        .string()
                        .not_null(),
                )
                .col(
                    ColumnDef::new(SoundRecordings::Len)
                        .big_integer()
                        .not_null(),
                )
                .to_owned(),
        )
        .await?;
        // A track of a segment is stored once, even when storing it is retried after a
        // crash between the file and its row.
        m.create_index(
            Index::create()
                .name("sound_recordings_track_once")
                .table(SoundRecordings::Table)
                .col(SoundRecordings::MeetingId)
                .col(SoundRecordings::StartedAt)
                .col(SoundRecordings::Track)
                .unique()
                .to_owned(),
        )
        .await
    }

    async fn down(&self, m: &SchemaManager) -> Result<(), DbErr> {
        m.drop_table(Table::drop().table(SoundRecordings::Table).to_owned())
            .await
    }
}

#[derive(DeriveIden)]
enum SoundRecordings {
    Table,
    Id,
    MeetingId,
    StartedAt,
    DurationMs,
    Track,
    ContentId,
    Len,
}
