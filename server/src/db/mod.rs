//! Persistence through sea-orm: connecting and migrating, the meeting event log, the directory
//! (accounts, sessions, rosters, invitations, meetings) and document files kept in the
//! database.

mod directory;
pub mod entities;
mod event_log;
mod file_store;

pub use directory::{DelegationEdit, Directory, RedeemError};
pub use event_log::{AppendError, DocumentLog, EventLog, RequestKey};
pub use file_store::{DatabaseStore, CHUNK_LEN};

use anyhow::Context;
use floor_migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection};

/// Open the database named by `url` (SQLite or PostgreSQL) and bring its schema up to date.
pub async fn connect(url: &str) -> anyhow::Result<DatabaseConnection> {
    if let Some(path) = sqlite_file(url) {
        if let Some(dir) = std::path::Path::new(&path).parent() {
            if !dir.as_os_str().is_empty() {
                std::fs::create_dir_all(dir)
                    .with_context(|| format!("creating the database folder {}", dir.display()))?;
            }
        }
    }
    let mut options = ConnectOptions::new(url.to_string());
    options
        .max_connections(if url.starts_with("sqlite") { 4 } else { 16 })
        .sqlx_logging(false);
    let db = Database::connect(options)
        .await
        .with_context(|| format!("connecting to {}", redact(url)))?;
    if url.starts_with("sqlite") {
        // WAL lets readers go on while a command is written; the busy timeout makes a
        // second writer wait instead of failing.
        use sea_orm::ConnectionTrait;
        db.execute_unprepared(
            "PRAGMA journal_mode=WAL; PRAGMA busy_timeout=5000; PRAGMA foreign_keys=ON;",
        )
        .await
        .context("configuring SQLite")?;
    }
    Migrator::up(&db, None)
        .await
        .context("applying migrations")?;
    Ok(db)
}

/// The file behind a `sqlite://path?...` URL, if it is one.
fn sqlite_file(url: &str) -> Option<String> {
    let rest = url
        .strip_prefix("sqlite://")
        .or_else(|| url.strip_prefix("sqlite:"))?;
    let path = rest.split('?').next().unwrap_or("");
    (!path.is_empty() && path != ":memory:").then(|| path.to_string())
}

/// A database URL without its password, for messages.
pub fn redact(url: &str) -> String {
    match (url.find("://"), url.rfind('@')) {
        (Some(s), Some(at)) if at > s => {
            let creds = &url[s + 3..at];
            match creds.find(':') {
                Some(c) => format!("{}{}:***{}", &url[..s + 3], &creds[..c], &url[at..]),
                None => url.to_string(),
            }
        }
        _ => url.to_string(),
    }
}

/// Milliseconds since the Unix epoch, now.
pub fn now_ms() -> i64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}
