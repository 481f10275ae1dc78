//! Settings, read from the environment (and the command line in `main`).

use std::net::SocketAddr;

#[derive(Debug, Clone)]
pub struct Settings {
    /// Where to listen; port 0 picks a free port (the real one is printed).
    pub addr: SocketAddr,
    /// `sqlite://path?mode=rwc` (default) or `postgres://...`.
    pub database_url: String,
    /// With a Redis URL, events travel between nodes over Redis pub/sub.
    pub redis_url: Option<String>,
    /// The Redis channel; nodes of one deployment share it.
    pub redis_channel: String,
    /// Token signing secret; if unset, one is generated and kept in the database.
    pub jwt_secret: Option<String>,
    /// How long a token lasts, in hours.
    pub token_hours: u32,
    /// Create this secretariat account at start-up if it does not exist.
    pub admin: Option<(String, String)>,
    /// Seed a demo session into an empty database.
    pub demo: bool,
    /// The address people use to reach this server, for invitation links.
    pub public_url: Option<String>,
    /// Where uploaded document files are kept: `None` chooses by the database
    /// ([`FileStorage::default_for`]).
    pub file_storage: Option<FileStorage>,
    /// Where uploaded document files are stored (by content) with [`FileStorage::Disk`].
    pub files_dir: std::path::PathBuf,
    /// The SFU's one UDP port and announced address.
    pub media: crate::media::MediaSettings,
    /// Where this node spools the sound record; `None`: it records nothing.
    pub recording: Option<crate::media::recorder::RecordingSettings>,
    /// The built browser client (`cargo xtask build-client`), served at `/`.
    pub client_dir: std::path::PathBuf,
    /// Rate limits and the number of password checks at once.
    pub limits: crate::limits::LimitSettings,
    /// How long a meeting or register nobody follows stays in memory after its last use.
    pub hub_idle: std::time::Duration,
    /// Who may read `GET /metrics`: networks (`FLOOR_METRICS_ALLOW`) and a bearer token
    /// (`FLOOR_METRICS_TOKEN`).
    pub metrics: crate::metrics::MetricsAccess,
}

impl Default for Settings {
    fn default() -> Self {
        Settings {
            addr: "127.0.0.1:8080".parse().expect("a valid address"),
            database_url: "sqlite://floor-data/floor.db?mode=rwc".into(),
            redis_url: None,
            redis_channel: "floor:events".into(),
            jwt_secret: None,
            token_hours: 12,
            admin: None,
            demo: true,
            public_url: None,
            file_storage: None,
            files_dir: "floor-data/files".into(),
            media: crate::media::MediaSettings::default(),
            // Several in-process servers (tests) would share one spool: each that records
            // says where.
            recording: None,
            client_dir: "target/client".into(),
            limits: crate::limits::LimitSettings::default(),
            hub_idle: crate::hub::DEFAULT_HUB_IDLE,
            metrics: crate::metrics::MetricsAccess::default(),
        }
    }
}

/// Where document files are kept (`FLOOR_FILES`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum FileStorage {
    /// In the database (`db::DatabaseStore`): every node sharing the database serves every
    /// file.
    Database,
    /// On this node's disk under `files_dir` (`storage::DiskStore`): several nodes serve
    /// each other's files only if they share that folder.
    Disk,
}

impl FileStorage {
    /// The database with PostgreSQL (the database of a cluster), the disk with SQLite (one
    /// node, whose database file should stay small).
    pub fn default_for(database_url: &str) -> FileStorage {
        if database_url.starts_with("postgres") {
            FileStorage::Database
        } else {
            FileStorage::Disk
        }
    }
}
