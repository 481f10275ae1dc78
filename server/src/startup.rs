//! Building and running the application: database, event bus, hubs, HTTP server.

use crate::auth::{self, TokenKeys};
use crate::bus::EventBus;
use crate::config::{FileStorage, Settings};
use crate::db::{self, Directory, EventLog};
use crate::demo::{self, DemoInfo};
use crate::error::ApiError;
use crate::hub::Meetings;
use actix_web::dev::Server;
use actix_web::{web, App, HttpServer};
use floor_protocol::ErrorCode;
use std::net::TcpListener;
use std::sync::Arc;
use tokio::sync::watch;

/// What every handler shares.
pub struct AppState {
    pub meetings: Arc<Meetings>,
    pub keys: TokenKeys,
    /// The base of invitation links.
    pub public_url: String,
    /// A hash to check against when the username is unknown, so that timing does not tell.
    pub dummy_hash: String,
    /// Participants just revoked: open WebSockets of theirs on this node close at once.
    pub revocations: tokio::sync::broadcast::Sender<floor_protocol::ParticipantId>,
    /// Rate limits and the pool of password checks (`limits.rs`).
    pub limits: Arc<crate::limits::Limits>,
    /// Where document files (and the sound record's) are kept.
    pub files: Arc<dyn crate::storage::FileStore>,
    /// The sound record's stored tracks.
    pub recordings: crate::recordings::Archive,
    /// Turns true when the node begins to shut down; open connections say goodbye.
    pub shutdown: watch::Receiver<bool>,
}

pub struct Application {
    server: Server,
    shutdown: watch::Sender<bool>,
    pub port: u16,
    pub demo: Option<DemoInfo>,
    pub bus: &'static str,
    /// The UDP address every media connection uses.
    pub media: std::net::SocketAddr,
    pub database: String,
    /// Where document files are kept: `database`, or `disk (<folder>)`.
    pub files: String,
    /// Whether and where this node records: `off`, or `on (spool <folder>)`.
    pub recording: String,
}

impl Application {
    pub async fn build(settings: Settings) -> anyhow::Result<Application> {
        crate::metrics::install()?;
        let db = db::connect(&settings.database_url).await?;
        let file_storage = settings
            .file_storage
            .unwrap_or_else(|| FileStorage::default_for(&settings.database_url));
        let (files, files_name): (Arc<dyn crate::storage::FileStore>, String) = match file_storage {
            // New files go to the database; a file it does not hold is read from the disk
            // folder, where a node kept its files before (FLOOR_FILES=disk, the default with
            // PostgreSQL until the database store came): an upgrade loses no document.
            FileStorage::Database => (
                Arc::new(crate::storage::ReadThroughStore::new(
                    Arc::new(db::DatabaseStore::new(db.clone())),
                    Arc::new(crate::storage::DiskStore::new(settings.files_dir.clone())),
                )),
                format!(
                    "database (files from before read from {})",
                    settings.files_dir.display()
                ),
            ),
            FileStorage::Disk => (
                Arc::new(crate::storage::DiskStore::new(settings.files_dir.clone())),
                format!("disk ({})", settings.files_dir.display()),
            ),
        };
        let directory = Directory::new(db.clone());
        let secret = match &settings.jwt_secret {
            Some(s) => s.clone(),
            None => {
                directory
                    .secret("token_signing_key", auth::new_signing_secret)
                    .await?
            }
        };
        let bus = match &settings.redis_url {
            Some(url) => EventBus::redis(url, settings.redis_channel.clone()).await?,
            None => EventBus::InProcess,
        };
        let bus_name = bus.describe();
        let recordings = crate::recordings::Archive::new(files.clone(), db.clone());
        let (spool, recording) = match &settings.recording {
            Some(r) => {
                // What a killed node left is stored first; then this node records anew.
                let left = crate::media::recorder::recover(&r.spool_dir);
                let (finished, to_store) = tokio::sync::mpsc::unbounded_channel();
                for track in left {
                    tracing::info!(path = %track.path.display(), "storing a recorded track the last run left");
                    let _ = finished.send(track);
                }
                actix_web::rt::spawn(recordings.clone().run(to_store));
                (
                    Some(crate::media::recorder::Spool::start(r.clone(), finished)?),
                    format!("on (spool {})", r.spool_dir.display()),
                )
            }
            None => (None, "off".to_string()),
        };
        let media = crate::media::Sfu::start(settings.media.clone(), spool).await?;
        let media_addr = media.announced;
        if let EventBus::Redis {
            client,
            conn,
            channel,
            node,
        } = &bus
        {
            // A meeting's media spans the nodes that share the bus.
            if media.relay.ip().is_unspecified() {
                tracing::warn!(
                    relay = %media.relay,
                    "the media port is bound to every address and none is announced: the other nodes cannot relay media to this one; set FLOOR_MEDIA_RELAY_IP"
                );
            }
            media
                .join_cluster(crate::media::cluster::ClusterSettings {
                    client: client.clone(),
                    conn: conn.clone(),
                    channel: format!("{channel}:media"),
                    node: node.clone(),
                    relay: media.relay,
                })
                .await?;
        }
        let meetings = Arc::new(
            Meetings::new(EventLog::new(db), directory, bus, media)
                .evicting_idle_after(settings.hub_idle),
        );
        actix_web::rt::spawn(meetings.clone().evict_idle_forever());
        meetings
            .bus
            .listen(&meetings, meetings.ballots.clone())
            .await?;

        if let Some((username, password)) = &settings.admin {
            if meetings.directory.find_account(username).await?.is_none() {
                meetings
                    .directory
                    .create_account(username, &auth::hash_password(password)?)
                    .await?;
            }
        }
        let demo = if settings.demo {
            demo::seed_if_empty(&meetings).await?
        } else {
            None
        };

        let listener = TcpListener::bind(settings.addr)?;
        let port = listener.local_addr()?.port();
        let public_url = settings
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}:{port}", settings.addr.ip()));
        let (shutdown, shutdown_rx) = watch::channel(false);
        let limits = Arc::new(crate::limits::Limits::new(settings.limits.clone()));
        {
            let limits = limits.clone();
            actix_web::rt::spawn(async move {
                let mut every_minute = tokio::time::interval(std::time::Duration::from_secs(60));
                loop {
                    every_minute.tick().await;
                    limits.forget_idle();
                }
            });
        }
        let state = web::Data::new(AppState {
            meetings,
            keys: TokenKeys::new(
                secret.as_bytes(),
                i64::from(settings.token_hours) * 3_600_000,
            ),
            public_url,
            dummy_hash: auth::hash_password(&auth::new_password())?,
            shutdown: shutdown_rx,
            limits,
            revocations: tokio::sync::broadcast::channel(64).0,
            files,
            recordings,
        });
        let client_dir = crate::client_files::ClientDir(settings.client_dir.clone());
        let metrics_access = web::Data::new(settings.metrics.clone());
        let server = HttpServer::new(move || {
            App::new()
                .wrap(actix_web::middleware::from_fn(crate::security_headers::add))
                .app_data(state.clone())
                .app_data(
                    web::JsonConfig::default()
                        .limit(64 * 1024)
                        .error_handler(|e, _| {
                            ApiError::bad_request(ErrorCode::MalformedBody, e.to_string()).into()
                        }),
                )
                .app_data(web::PathConfig::default().error_handler(|e, _| {
                    ApiError::bad_request(ErrorCode::MalformedPath, e.to_string()).into()
                }))
                .app_data(web::QueryConfig::default().error_handler(|e, _| {
                    ApiError::bad_request(ErrorCode::MalformedQuery, e.to_string()).into()
                }))
                .configure(crate::api::routes)
                .configure(crate::documents_api::routes)
                .configure(crate::recordings::routes)
                .app_data(metrics_access.clone())
                .configure(crate::metrics::routes)
                .service(crate::ws::ws)
                .configure(|cfg| crate::client_files::routes(cfg, client_dir.clone()))
                .default_service(web::to(|| async {
                    Err::<actix_web::HttpResponse, _>(ApiError::NotFound(ErrorCode::RouteNotFound))
                }))
        })
        .shutdown_timeout(5)
        // Events are small frames pushed one by one: without this, the kernel holds a
        // frame back while the previous one is unacknowledged (Nagle), up to the client's
        // delayed-ACK timer, some 40 ms.
        .tcp_nodelay(true)
        // Signals are handled in `run_until_stopped`, so that WebSockets are told first.
        .disable_signals()
        .listen(listener)?
        .run();
        Ok(Application {
            server,
            shutdown,
            port,
            demo,
            bus: bus_name,
            media: media_addr,
            database: db::redact(&settings.database_url),
            files: files_name,
            recording,
        })
    }

    /// Serve until SIGTERM or Ctrl-C; then tell every WebSocket why it closes, and stop
    /// (requests in flight get up to five seconds to finish).
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let handle = self.server.handle();
        let shutdown = self.shutdown;
        actix_web::rt::spawn(async move {
            stop_signal().await;
            tracing::info!("shutting down");
            let _ = shutdown.send(true);
            handle.stop(true).await;
        });
        self.server.await
    }
}

async fn stop_signal() {
    let mut term = match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
        Ok(s) => s,
        Err(e) => {
            tracing::warn!(error = %e, "cannot listen for SIGTERM; stopping on Ctrl-C only");
            let _ = tokio::signal::ctrl_c().await;
            return;
        }
    };
    tokio::select! {
        _ = term.recv() => {}
        _ = tokio::signal::ctrl_c() => {}
    }
}
