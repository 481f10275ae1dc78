//! The test kit: what the integration tests (`tests/integration/`), the browser tests
//! (`tests/browser/`) and the benchmarks (`bench/`) share, so that each exists once.
//!
//! - [`database`]: a fresh SQLite file or PostgreSQL database for one run, removed after.
//! - [`node`]: the real `floor` binary as a child process on a free port, started with a
//!   database and the settings an operator would give it, killed or stopped on demand.
//! - [`client`]: a typed client of the HTTP API (sign-in, typed GET and POST, commands,
//!   invitations, documents); [`fixture`]: the meetings the tests and benchmarks run.
//! - [`ws`]: a WebSocket client speaking the protocol.
//! - [`peer`]: a WebRTC peer made with the `webrtc` crate, with the two kinds of traffic
//!   it sends and reads: marked packets the tests recognise ([`peer::speech`]) and
//!   timestamped streams the media benchmark measures ([`peer::timed`]).
//!
//! Every operation that can fail has a fallible form (`try_…`, an `anyhow::Result`), which
//! the benchmarks use, and, where the tests need one, a form that panics with the reason:
//! a failed step fails the test.

pub mod client;
pub mod database;
pub mod fixture;
pub mod node;
pub mod peer;
pub mod ws;

pub use client::{Answer, Client};
pub use database::{Backend, TestDb};
pub use fixture::{un_member_states, Fixture, FixturePlan};
pub use node::{Node, NodeOptions, ADMIN_PASSWORD, ADMIN_USERNAME, REDIS_URL};
pub use ws::Ws;

use std::sync::atomic::{AtomicU32, Ordering};
use std::time::Duration;

/// How long any single expected thing may take before a test fails.
pub const DEADLINE: Duration = Duration::from_secs(20);

/// A name no other call of this process has had: `prefix_pid_n`.
pub fn unique(prefix: &str) -> String {
    static COUNTER: AtomicU32 = AtomicU32::new(0);
    format!(
        "{prefix}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst)
    )
}

/// The value of a step that must succeed; its failure, with every cause, as a panic.
pub(crate) fn must<T>(result: anyhow::Result<T>) -> T {
    result.unwrap_or_else(|e| panic!("{e:#}"))
}

/// Run an async test body against both databases.
#[macro_export]
macro_rules! on_both_databases {
    ($name:ident, $body:expr) => {
        mod $name {
            use super::*;

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                ($body)($crate::Backend::Sqlite).await
            }

            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                ($body)($crate::Backend::Postgres).await
            }
        }
    };
}
