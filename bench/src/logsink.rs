//! The client WebRTC stack logs (through `log`) when it has to drop a received packet
//! because the application did not take the previous ones in time: counting those lines
//! tells loss in the bench's own client stack from loss in the server or the network.

use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};

static CLIENT_QUEUE_DROPS: AtomicU64 = AtomicU64::new(0);
static CLIENT_ERRORS: AtomicU64 = AtomicU64::new(0);
static ECHO: AtomicBool = AtomicBool::new(false);

struct Counter;

impl log::Log for Counter {
    fn enabled(&self, metadata: &log::Metadata) -> bool {
        metadata.level() <= log::Level::Error
    }

    fn log(&self, record: &log::Record) {
        if record.level() > log::Level::Error {
            return;
        }
        let text = record.args().to_string();
        if text.starts_with("Failed to send RtpPacket to track remote") {
            CLIENT_QUEUE_DROPS.fetch_add(1, Ordering::Relaxed);
        } else {
            CLIENT_ERRORS.fetch_add(1, Ordering::Relaxed);
        }
        if ECHO.load(Ordering::Relaxed) {
            eprintln!("[client {}] {text}", record.target());
        }
    }

    fn flush(&self) {}
}

/// Install the counter; `echo` also prints every counted line to standard error.
pub fn install(echo: bool) {
    static COUNTER: Counter = Counter;
    ECHO.store(echo, Ordering::Relaxed);
    if log::set_logger(&COUNTER).is_ok() {
        log::set_max_level(log::LevelFilter::Error);
    }
}

/// (received packets the client stack dropped, other client errors) so far.
pub fn counts() -> (u64, u64) {
    (
        CLIENT_QUEUE_DROPS.load(Ordering::Relaxed),
        CLIENT_ERRORS.load(Ordering::Relaxed),
    )
}
