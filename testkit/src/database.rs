//! A fresh database for one test or one benchmark run: a SQLite file in a folder of its
//! own, or a database of the local PostgreSQL (127.0.0.1:5432, user `postgres`, trusted),
//! made and dropped with `psql`.

use std::path::{Path, PathBuf};
use std::process::Command;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A fresh database, removed (with its folder) when dropped.
pub struct TestDb {
    pub url: String,
    backend: Backend,
    name: String,
    /// A folder of its own: the SQLite file, the document files and any log live there.
    dir: PathBuf,
}

fn psql(sql: &str) {
    let out = Command::new("psql")
        .args([
            "-h",
            "127.0.0.1",
            "-U",
            "postgres",
            "-d",
            "postgres",
            "-v",
            "ON_ERROR_STOP=1",
            "-qc",
            sql,
        ])
        .output()
        .expect("psql must be installed (.ci/run installs it)");
    assert!(
        out.status.success(),
        "psql {sql}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

impl TestDb {
    pub fn new(backend: Backend) -> TestDb {
        let name = crate::unique("floor_test");
        let dir = std::env::temp_dir().join(&name);
        std::fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("creating {}: {e}", dir.display()));
        let url = match backend {
            Backend::Sqlite => format!("sqlite://{}/floor.db?mode=rwc", dir.display()),
            Backend::Postgres => {
                psql(&format!("CREATE DATABASE {name}"));
                format!("postgres://postgres@127.0.0.1:5432/{name}")
            }
        };
        TestDb {
            url,
            backend,
            name,
            dir,
        }
    }

    /// The database's own folder.
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Where a node keeps document files.
    pub fn files_dir(&self) -> PathBuf {
        self.dir.join("files")
    }

    /// A recording spool no other node of this database has used.
    pub fn new_spool_dir(&self) -> PathBuf {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let n = NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.dir.join(format!("recording-spool-{n}"))
    }

    pub fn backend(&self) -> Backend {
        self.backend
    }

    /// The number of rows in `table` of this PostgreSQL database.
    pub fn count_rows(&self, table: &str) -> u64 {
        assert_eq!(self.backend, Backend::Postgres, "counted with psql");
        let out = Command::new("psql")
            .args([&self.url, "-v", "ON_ERROR_STOP=1", "-tAc"])
            .arg(format!("SELECT count(*) FROM {table}"))
            .output()
            .expect("psql must be installed (.ci/run installs it)");
        assert!(
            out.status.success(),
            "counting {table}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8_lossy(&out.stdout).trim().parse().unwrap()
    }
}

impl Drop for TestDb {
    fn drop(&mut self) {
        if self.backend == Backend::Postgres {
            let _ = Command::new("psql")
                .args(["-h", "127.0.0.1", "-U", "postgres", "-d", "postgres", "-qc"])
                .arg(format!(
                    "DROP DATABASE IF EXISTS {} WITH (FORCE)",
                    self.name
                ))
                .output();
        }
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}
