//! `floor`: run the server, or create a secretariat account.

use clap::{Parser, Subcommand};
use floor_server::config::Settings;
use floor_server::startup::Application;
use std::io::BufRead;
use std::net::SocketAddr;

#[derive(Parser)]
#[command(
    name = "floor",
    version,
    about = "Hybrid meetings of intergovernmental commissions"
)]
struct Cli {
    #[command(subcommand)]
    command: Option<Cmd>,
    #[command(flatten)]
    serve: ServeArgs,
}

#[derive(Subcommand)]
enum Cmd {
    /// Run the server (the default).
    Serve,
    /// Create a secretariat account; the password is read from FLOOR_ADMIN_PASSWORD or
    /// from the first line of standard input.
    CreateSecretariat {
        #[arg(long)]
        username: String,
    },
}

#[derive(clap::Args)]
struct ServeArgs {
    /// Address to listen on; port 0 picks a free one.
    #[arg(long, env = "FLOOR_ADDR", default_value = "127.0.0.1:8080")]
    addr: SocketAddr,
    /// sqlite://path?mode=rwc or postgres://user@host/db
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://floor-data/floor.db?mode=rwc"
    )]
    database_url: String,
    /// Redis URL; events then travel between server nodes.
    #[arg(long, env = "REDIS_URL")]
    redis_url: Option<String>,
    #[arg(long, env = "FLOOR_REDIS_CHANNEL", default_value = "floor:events")]
    redis_channel: String,
    /// Token signing secret; generated and kept in the database if unset.
    #[arg(long, env = "FLOOR_JWT_SECRET", hide_env_values = true)]
    jwt_secret: Option<String>,
    #[arg(long, env = "FLOOR_TOKEN_HOURS", default_value_t = 12)]
    token_hours: u32,
    /// Create this secretariat account at start-up if missing (with FLOOR_ADMIN_PASSWORD).
    #[arg(long, env = "FLOOR_ADMIN_USERNAME")]
    admin_username: Option<String>,
    #[arg(long, env = "FLOOR_ADMIN_PASSWORD", hide_env_values = true)]
    admin_password: Option<String>,
    /// Seed a demo session into an empty database.
    #[arg(long, env = "FLOOR_DEMO", default_value_t = true, action = clap::ArgAction::Set)]
    demo: bool,
    /// The address people use to reach the server, for invitation links.
    #[arg(long, env = "FLOOR_PUBLIC_URL")]
    public_url: Option<String>,
    /// Where document files are kept: in the database, which every node of a cluster
    /// shares (the default with PostgreSQL), or on this node's disk in FLOOR_FILES_DIR (the
    /// default with SQLite).
    #[arg(long, env = "FLOOR_FILES", value_enum)]
    files: Option<floor_server::config::FileStorage>,
    /// Where document files are stored with FLOOR_FILES=disk.
    #[arg(long, env = "FLOOR_FILES_DIR", default_value = "floor-data/files")]
    files_dir: std::path::PathBuf,
    /// The one UDP address all media uses (a venue opens this port); port 0 picks one.
    #[arg(long, env = "FLOOR_MEDIA_ADDR", default_value = "127.0.0.1:0")]
    media_addr: SocketAddr,
    /// The IP address peers should send media to, if not the bound one.
    #[arg(long, env = "FLOOR_MEDIA_ANNOUNCED_IP")]
    media_announced_ip: Option<std::net::IpAddr>,
    /// The IP address the other nodes of a cluster relay media to (this node's address on
    /// the cluster's network), if not the announced one.
    #[arg(long, env = "FLOOR_MEDIA_RELAY_IP")]
    media_relay_ip: Option<std::net::IpAddr>,
    /// Media connections per meeting (the chair, the room and interpreters not counted).
    #[arg(long, env = "FLOOR_MEDIA_MAX_PEERS", default_value_t = 3000)]
    media_max_peers: usize,
    /// Media connections one participant may hold in one meeting (devices, tabs).
    #[arg(
        long,
        env = "FLOOR_MEDIA_MAX_PEERS_PER_PARTICIPANT",
        default_value_t = 3
    )]
    media_max_peers_per_participant: usize,
    /// Seconds a media connection has, from its offer, to complete ICE and DTLS.
    #[arg(long, env = "FLOOR_MEDIA_CONNECT_DEADLINE_SECS", default_value_t = 8)]
    media_connect_deadline_secs: u64,
    /// Seconds a media connection stays served without a consent check (RFC 7675: 30).
    #[arg(long, env = "FLOOR_MEDIA_CONSENT_SECS", default_value_t = 30)]
    media_consent_secs: u64,
    /// Each publisher's microphone limit, kbit/s: told to it, and enforced by dropping.
    #[arg(long, env = "FLOOR_MEDIA_MAX_AUDIO_KBPS", default_value_t = 128)]
    media_max_audio_kbps: u32,
    /// Each publisher's camera limit, kbit/s: told to it, and enforced by dropping.
    #[arg(long, env = "FLOOR_MEDIA_MAX_VIDEO_KBPS", default_value_t = 2500)]
    media_max_video_kbps: u32,
    /// TURN relays offered to browsers (comma-separated `turn:`/`turns:` URLs).
    #[arg(long, env = "FLOOR_TURN_URLS", value_delimiter = ',')]
    turn_urls: Vec<String>,
    /// The secret shared with the TURN relays (coturn's `static-auth-secret`).
    #[arg(long, env = "FLOOR_TURN_SECRET")]
    turn_secret: Option<String>,
    /// How long a TURN credential lasts, in hours.
    #[arg(long, env = "FLOOR_TURN_HOURS", default_value_t = 12)]
    turn_hours: u32,
    /// Record every meeting's floor and interpretation channels (rule 33).
    #[arg(long, env = "FLOOR_RECORDING", default_value_t = true, action = clap::ArgAction::Set)]
    recording: bool,
    /// This node's recording spool: the tracks being recorded, stored when their segment
    /// ends (a crash's leftovers are stored at the next start). One node's own.
    #[arg(
        long,
        env = "FLOOR_RECORDING_SPOOL",
        default_value = "floor-data/recording-spool"
    )]
    recording_spool: std::path::PathBuf,
    /// Seconds of silence on every track of a meeting that end its recording segment.
    #[arg(long, env = "FLOOR_RECORDING_IDLE_SECS", default_value_t = 60)]
    recording_idle_secs: u64,
    /// The longest recording segment, in minutes: a long meeting is stored in pieces.
    #[arg(long, env = "FLOOR_RECORDING_SEGMENT_MINUTES", default_value_t = 30)]
    recording_segment_minutes: u64,
    /// The built browser client (`cargo xtask build-client`), served at `/`.
    #[arg(long, env = "FLOOR_CLIENT_DIR", default_value = "target/client")]
    client_dir: std::path::PathBuf,
    /// Sign-in attempts per username per minute (answered 429 beyond).
    #[arg(
        long,
        env = "FLOOR_SIGN_INS_PER_ACCOUNT_PER_MINUTE",
        default_value_t = 10
    )]
    sign_ins_per_account_per_minute: u32,
    /// Sign-in attempts per client address per minute (answered 429 beyond).
    #[arg(
        long,
        env = "FLOOR_SIGN_INS_PER_ADDRESS_PER_MINUTE",
        default_value_t = 60
    )]
    sign_ins_per_address_per_minute: u32,
    /// Invitation codes tried per client address per minute (answered 429 beyond).
    #[arg(
        long,
        env = "FLOOR_REDEMPTIONS_PER_ADDRESS_PER_MINUTE",
        default_value_t = 120
    )]
    redemptions_per_address_per_minute: u32,
    /// Commands per participant per second, sustained (HTTP and WebSocket together).
    #[arg(long, env = "FLOOR_COMMANDS_PER_SECOND", default_value_t = 10)]
    commands_per_second: u32,
    /// Commands a participant may send at once before the per-second rate applies.
    #[arg(long, env = "FLOOR_COMMAND_BURST", default_value_t = 30)]
    command_burst: u32,
    /// Password checks running at once (each holds about 19 MiB); default: half the cores.
    #[arg(long, env = "FLOOR_PASSWORD_CHECKS")]
    password_checks: Option<usize>,
    /// Take the client address for the limits from X-Forwarded-For (only behind a proxy
    /// that sets it); otherwise the TCP peer's address.
    #[arg(long, env = "FLOOR_TRUST_FORWARDED_FOR", default_value_t = false, action = clap::ArgAction::Set)]
    trust_forwarded_for: bool,
    /// Seconds a meeting or document register nobody follows stays in memory after its
    /// last use (it is rebuilt from the log when next needed).
    #[arg(long, env = "FLOOR_HUB_IDLE_SECS", default_value_t = 600)]
    hub_idle_secs: u64,
    /// Networks (CIDR, comma-separated) whose clients may read GET /metrics; `none` (or
    /// empty): no network, only the token.
    #[arg(
        long,
        env = "FLOOR_METRICS_ALLOW",
        value_delimiter = ',',
        default_value = "127.0.0.0/8,::1/128"
    )]
    metrics_allow: Vec<String>,
    /// A bearer token that may read GET /metrics from any address.
    #[arg(long, env = "FLOOR_METRICS_TOKEN", hide_env_values = true)]
    metrics_token: Option<String>,
    /// How logs are written to standard error: `text` for people, `json` (one object a
    /// line) for a log collector.
    #[arg(long, env = "FLOOR_LOG_FORMAT", value_enum, default_value_t = LogFormat::Text)]
    log_format: LogFormat,
}

#[derive(Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum LogFormat {
    Text,
    Json,
}

impl ServeArgs {
    fn settings(self) -> anyhow::Result<Settings> {
        let admin = match (self.admin_username, self.admin_password) {
            (Some(u), Some(p)) => Some((u, p)),
            (Some(_), None) => anyhow::bail!("FLOOR_ADMIN_USERNAME needs FLOOR_ADMIN_PASSWORD"),
            _ => None,
        };
        let turn_urls: Vec<String> = self
            .turn_urls
            .into_iter()
            .map(|u| u.trim().to_string())
            .filter(|u| !u.is_empty())
            .collect();
        let turn = match (
            turn_urls.is_empty(),
            self.turn_secret.filter(|s| !s.is_empty()),
        ) {
            (true, _) => None,
            (false, None) => anyhow::bail!("FLOOR_TURN_URLS needs FLOOR_TURN_SECRET"),
            (false, Some(secret)) => {
                if let Some(bad) = turn_urls
                    .iter()
                    .find(|u| !(u.starts_with("turn:") || u.starts_with("turns:")))
                {
                    anyhow::bail!("FLOOR_TURN_URLS: {bad:?} is not a turn: or turns: URL");
                }
                Some(floor_server::media::turn::TurnSettings {
                    urls: turn_urls,
                    secret,
                    lifetime: std::time::Duration::from_secs(
                        u64::from(self.turn_hours.max(1)) * 3600,
                    ),
                })
            }
        };
        Ok(Settings {
            addr: self.addr,
            database_url: self.database_url,
            redis_url: self.redis_url.filter(|u| !u.is_empty()),
            redis_channel: self.redis_channel,
            jwt_secret: self.jwt_secret.filter(|s| !s.is_empty()),
            token_hours: self.token_hours.max(1),
            admin,
            demo: self.demo,
            public_url: self.public_url,
            file_storage: self.files,
            files_dir: self.files_dir,
            media: floor_server::media::MediaSettings {
                bind: self.media_addr,
                announced_ip: self.media_announced_ip,
                relay_ip: self.media_relay_ip,
                max_peers_per_meeting: self.media_max_peers,
                max_peers_per_participant: self.media_max_peers_per_participant.max(1),
                connect_deadline: std::time::Duration::from_secs(
                    self.media_connect_deadline_secs.max(1),
                ),
                consent_timeout: std::time::Duration::from_secs(self.media_consent_secs.max(1)),
                max_audio_kbps: self.media_max_audio_kbps.max(8),
                max_video_kbps: self.media_max_video_kbps.max(8),
                turn,
            },
            recording: self
                .recording
                .then(|| floor_server::media::recorder::RecordingSettings {
                    spool_dir: self.recording_spool,
                    idle: std::time::Duration::from_secs(self.recording_idle_secs.max(1)),
                    longest: std::time::Duration::from_secs(
                        self.recording_segment_minutes.max(1) * 60,
                    ),
                }),
            client_dir: self.client_dir,
            limits: floor_server::limits::LimitSettings {
                sign_ins_per_account_per_minute: self.sign_ins_per_account_per_minute.max(1),
                sign_ins_per_address_per_minute: self.sign_ins_per_address_per_minute.max(1),
                redemptions_per_address_per_minute: self.redemptions_per_address_per_minute.max(1),
                commands_per_second: self.commands_per_second.max(1),
                command_burst: self.command_burst.max(1),
                password_checks: self
                    .password_checks
                    .unwrap_or_else(floor_server::limits::default_password_checks)
                    .max(1),
                trust_forwarded_for: self.trust_forwarded_for,
            },
            hub_idle: std::time::Duration::from_secs(self.hub_idle_secs.max(1)),
            metrics: floor_server::metrics::MetricsAccess {
                allow: self
                    .metrics_allow
                    .iter()
                    .filter(|n| !n.trim().is_empty() && n.trim() != "none")
                    .map(|n| floor_server::metrics::parse_network(n))
                    .collect::<Result<_, _>>()
                    .map_err(anyhow::Error::msg)?,
                token: self.metrics_token.filter(|t| !t.is_empty()),
            },
        })
    }
}

fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let logs = tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env()
                .unwrap_or_else(|_| "info,sqlx=warn,sea_orm=warn,rtc_dtls=error".into()),
        )
        .with_writer(std::io::stderr);
    match cli.serve.log_format {
        LogFormat::Text => logs.init(),
        LogFormat::Json => logs.json().init(),
    }
    let settings = cli.serve.settings()?;
    actix_web::rt::System::new().block_on(async move {
        match cli.command {
            Some(Cmd::CreateSecretariat { username }) => {
                create_secretariat(settings, &username).await
            }
            Some(Cmd::Serve) | None => serve(settings).await,
        }
    })
}

async fn serve(settings: Settings) -> anyhow::Result<()> {
    let bound = settings.addr.ip();
    let app = Application::build(settings).await?;
    // The address to reach it at: the bound one, or this machine's loopback when bound to
    // every interface (0.0.0.0, ::).
    let shown = if bound.is_unspecified() {
        std::net::IpAddr::V4(std::net::Ipv4Addr::LOCALHOST)
    } else {
        bound
    };
    let base = format!("http://{}", std::net::SocketAddr::new(shown, app.port));
    // The first line is read by the integration tests; keep its shape.
    println!("Floor listening on {base}");
    println!(
        "  database: {}   event bus: {}   media (UDP): {}   files: {}",
        app.database, app.bus, app.media, app.files
    );
    println!("  sound record: {}", app.recording);
    println!("  client:   {base}/");
    println!("  health:   {base}/healthz");
    println!(
        "  API:      {base}/api/openapi.json   WebSocket: ws://127.0.0.1:{}/ws",
        app.port
    );
    if let Some(demo) = &app.demo {
        println!();
        println!(
            "Demo session {} seeded, meeting {} (Plenary, 1st meeting).",
            demo.session, demo.meeting
        );
        if let Some((user, password)) = &demo.secretariat {
            println!("  Secretariat sign-in: POST {base}/api/login  username {user}  password {password}");
        }
        println!(
            "  One-time invitation codes (POST {base}/api/invitations/redeem {{\"code\": ...}}):"
        );
        for (who, code) in &demo.invitations {
            println!("    {code}  {who}");
        }
        println!("  These are shown once. See docs/protocol.md to drive the meeting.");
    }
    use std::io::Write;
    std::io::stdout().flush()?;
    app.run_until_stopped().await?;
    Ok(())
}

async fn create_secretariat(settings: Settings, username: &str) -> anyhow::Result<()> {
    let password = match std::env::var("FLOOR_ADMIN_PASSWORD") {
        Ok(p) if !p.is_empty() => p,
        _ => {
            let mut line = String::new();
            std::io::stdin().lock().read_line(&mut line)?;
            line.trim_end_matches(['\r', '\n']).to_string()
        }
    };
    if password.chars().count() < 12 {
        anyhow::bail!("the password must have at least 12 characters");
    }
    let db = floor_server::db::connect(&settings.database_url).await?;
    let directory = floor_server::db::Directory::new(db);
    let hash = floor_server::auth::hash_password(&password)?;
    match directory.create_account(username, &hash).await? {
        Some(id) => println!("Secretariat account {username} created (id {id})."),
        None => anyhow::bail!("an account named {username} already exists"),
    }
    Ok(())
}
