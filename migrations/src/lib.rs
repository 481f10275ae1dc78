//! Schema migrations for Floor. The same migrations run on SQLite (the embedded default)
//! and PostgreSQL (production); the server applies them at start-up.
//!
//! Times are stored as milliseconds since the Unix epoch (`big_integer`), structured
//! values (session rules, event payloads, actors) as JSON text, so both databases read
//! them the same way.

pub use sea_orm_migration::prelude::*;

mod m20261124_000001_meeting_core;
mod m20261124_000002_documents;
mod m20261204_000013_command_requests;
mod m20261204_140000_participant_token_version;
mod m20261204_171500_file_contents;
mod m20261205_100000_sound_recordings;

pub struct Migrator;

#[async_trait::async_trait]
impl MigratorTrait for Migrator {
    fn migrations() -> Vec<Box<dyn MigrationTrait>> {
        vec![
            Box::new(m20261124_000001_meeting_core::Migration),
            Box::new(m20261124_000002_documents::Migration),
            Box::new(m20261204_000013_command_requests::Migration),
            Box::new(m20261204_140000_participant_token_version::Migration),
            Box::new(m20261204_171500_file_contents::Migration),
            Box::new(m20261205_100000_sound_recordings::Migration),
        ]
    }
}
