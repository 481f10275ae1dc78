//! `cargo xtask <task>`: the project's build steps, in Rust, with nothing to download.
//!
//! - `build-client [--dev]`: compile `client-wasm` (crate `floor-client`) for
//!   `wasm32-unknown-unknown`, generate its JavaScript glue with `wasm-bindgen` (the
//!   `wasm-bindgen-cli-support` library, at the very version of the `wasm-bindgen` crate in
//!   Cargo.lock) and write the servable client to `target/client/`.
//! - `run [ARGS...]`: `build-client`, then `cargo run --release -p floor-server -- ARGS`
//!   with `FLOOR_CLIENT_DIR` pointing at the built client.
//! - `setup`: set the machine up for building and testing (system packages, PostgreSQL,
//!   Redis, the wasm target), as `test` does first; CI runs it before the lints.
//! - `test [ARGS...]`: set the machine up for the tests (system packages, PostgreSQL,
//!   Redis, the wasm target) and run every test (`test.rs`).

use anyhow::{bail, Context, Result};
use std::path::{Path, PathBuf};
use std::process::Command;

mod test;

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let task = args.next().unwrap_or_default();
    let rest: Vec<String> = args.collect();
    match task.as_str() {
        "build-client" => {
            let dev = rest.iter().any(|a| a == "--dev");
            let out = build_client(dev)?;
            println!("client written to {}", out.display());
            Ok(())
        }
        "run" => {
            let out = build_client(false)?;
            let status = Command::new(cargo())
                .current_dir(workspace_root())
                .args(["run", "--release", "-p", "floor-server", "--"])
                .args(&rest)
                .env("FLOOR_CLIENT_DIR", &out)
                .status()
                .context("run cargo")?;
            if !status.success() {
                bail!("the server exited with {status}");
            }
            Ok(())
        }
        "setup" => test::setup(),
        "test" => test::run(&rest),
        _ => {
            eprintln!(
                "usage: cargo xtask <task>\n\n\
                 tasks:\n  \
                 build-client [--dev]   build the browser client into target/client/\n  \
                 run [SERVER ARGS...]   build the client, then run the server (release) with it\n  \
                 setup                  install and start what building and testing need\n  \
                 test [TEST ARGS...]    install and start what the tests need, then run them all"
            );
            if task.is_empty() || task == "help" || task == "--help" {
                Ok(())
            } else {
                bail!("unknown task {task:?}")
            }
        }
    }
}

fn cargo() -> String {
    std::env::var("CARGO").unwrap_or_else(|_| "cargo".into())
}

fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask/ sits in the workspace root")
        .to_path_buf()
}

fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => {
            let d = PathBuf::from(d);
            if d.is_absolute() {
                d
            } else {
                workspace_root().join(d)
            }
        }
        None => workspace_root().join("target"),
    }
}

/// On a fresh machine the WebAssembly target is missing: add it with rustup (the toolchain's
/// own component, not a binary from elsewhere), or say how.
fn ensure_wasm_target() -> Result<()> {
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output();
    let Ok(installed) = installed else {
        // No rustup: a toolchain installed otherwise must bring the target itself.
        return Ok(());
    };
    if String::from_utf8_lossy(&installed.stdout)
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        return Ok(());
    }
    eprintln!("xtask: adding the wasm32-unknown-unknown target (rustup target add)");
    let status = Command::new("rustup")
        .args(["target", "add", "wasm32-unknown-unknown"])
        .status()
        .context("run rustup")?;
    if !status.success() {
        bail!("the wasm32-unknown-unknown target is missing and rustup could not add it");
    }
    Ok(())
}

/// The version of `name` in Cargo.lock (the first one listed).
fn locked_version(lock: &str, name: &str) -> Option<String> {
    let mut lines = lock.lines();
    while let Some(line) = lines.next() {
        if line.trim() == format!("name = \"{name}\"") {
            let v = lines.next()?.trim();
            return v
                .strip_prefix("version = \"")
                .and_then(|v| v.strip_suffix('"'))
                .map(str::to_string);
        }
    }
    None
}

/// Build the client and return the folder it was written to.
pub fn build_client(dev: bool) -> Result<PathBuf> {
    let root = workspace_root();
    let lock = std::fs::read_to_string(root.join("Cargo.lock")).context("read Cargo.lock")?;
    let crate_version = locked_version(&lock, "wasm-bindgen");
    let tool_version = locked_version(&lock, "wasm-bindgen-cli-support");
    if crate_version.is_none() || crate_version != tool_version {
        bail!(
            "wasm-bindgen {crate_version:?} and wasm-bindgen-cli-support {tool_version:?} differ in \
             Cargo.lock; pin xtask's wasm-bindgen-cli-support to the wasm-bindgen version"
        );
    }

    ensure_wasm_target()?;
    // `wasm-release` (the workspace's Cargo.toml): optimised for size, with LTO.
    let profile = if dev { "debug" } else { "wasm-release" };
    let mut build = Command::new(cargo());
    build
        .current_dir(&root)
        .args([
            "build",
            "-p",
            "floor-client",
            "--lib",
            "--target",
            "wasm32-unknown-unknown",
        ])
        // Whatever the caller's flags are for the host, they are not for the browser.
        .env_remove("RUSTFLAGS")
        .env_remove("CARGO_ENCODED_RUSTFLAGS");
    if !dev {
        build.args(["--profile", "wasm-release"]);
    }
    let status = build.status().context("run cargo build")?;
    if !status.success() {
        bail!("building floor-client for wasm32-unknown-unknown failed ({status})");
    }

    let target = target_dir();
    let wasm = target
        .join("wasm32-unknown-unknown")
        .join(profile)
        .join("floor_client.wasm");
    let out = target.join("client");
    // Write next to the final folder, then swap it in, so a server never serves half a build.
    let staging = target.join(format!("client.staging-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&staging);
    std::fs::create_dir_all(&staging)?;
    wasm_bindgen_cli_support::Bindgen::new()
        .input_path(&wasm)
        .web(true)?
        .typescript(false)
        // As the command-line tool does: `init()` finds the .wasm next to the script.
        .omit_default_module_path(false)
        .debug(dev)
        // Function names are for debuggers; every participant would download them.
        .remove_name_section(!dev)
        .remove_producers_section(!dev)
        .generate(&staging)
        .with_context(|| format!("wasm-bindgen on {}", wasm.display()))?;
    let statics = root.join("client-wasm").join("static");
    for entry in std::fs::read_dir(&statics).context("read client-wasm/static")? {
        let entry = entry?;
        if entry.file_type()?.is_file() {
            std::fs::copy(entry.path(), staging.join(entry.file_name()))?;
        }
    }
    precompress(&staging)?;
    let old = target.join(format!("client.old-{}", std::process::id()));
    if out.exists() {
        std::fs::rename(&out, &old).context("move the previous client aside")?;
    }
    std::fs::rename(&staging, &out).context("put the new client in place")?;
    let _ = std::fs::remove_dir_all(&old);
    Ok(out)
}

/// Write `<file>.gz` beside each script, WebAssembly and style sheet, at the best ratio:
/// every participant downloads them, the server sends them as they are to browsers that
/// accept gzip (all do), and nothing is compressed per request.
fn precompress(dir: &std::path::Path) -> Result<()> {
    use std::io::Write;
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let compressible = matches!(
            path.extension().and_then(|e| e.to_str()),
            Some("wasm" | "js" | "css" | "html")
        );
        if !compressible {
            continue;
        }
        let bytes = std::fs::read(&path)?;
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
        gz.write_all(&bytes)?;
        let mut name = path.file_name().unwrap_or_default().to_os_string();
        name.push(".gz");
        std::fs::write(path.with_file_name(name), gz.finish()?)
            .with_context(|| format!("gzip {}", path.display()))?;
    }
    Ok(())
}
