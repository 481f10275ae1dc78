//! Document files: content-addressed storage behind one small interface.
//!
//! - [`FileStore`] stores bytes under their SHA-256 ([`ContentId`]) and reads them back as a
//!   stream, whole or by byte range. [`DiskStore`] keeps them on disk at
//!   `<root>/<first two hex digits>/<64 hex digits>`, written to a temporary file in the same
//!   directory and renamed into place. No name a client supplies ever becomes a path: paths
//!   are built only from a validated [`ContentId`].
//! - [`detect`] and [`check_declared`] tell a file's type from its bytes (never from its name)
//!   and refuse uploads whose declared type does not match, or is not a document type.
//! - [`safe_download_name`], [`DownloadName`] and [`content_disposition`] make the
//!   `Content-Disposition` header from trusted parts.
//! - [`serve`] answers a download: strong `ETag`, `If-None-Match` (304), `If-Match` (412),
//!   one `Range` (206, or 416), `If-Range`, streamed from the store.
//!
//! # Why a boxed-future trait
//! The application keeps its store as `Arc<dyn FileStore>` (disk today, perhaps object
//! storage later, an in-memory fake in tests) without making every handler generic. A trait
//! with `async fn` is not dyn-compatible, so the methods return [`StoreFuture`], a boxed
//! `Send` future; one allocation per call is nothing next to a disk read.

use actix_web::http::header::{self, HeaderValue};
use actix_web::http::{Method, StatusCode};
use actix_web::web::Bytes;
use actix_web::{HttpRequest, HttpResponse, HttpResponseBuilder};
use futures_util::{stream, Stream, StreamExt};
use sha2::{Digest, Sha256};
use std::fmt;
use std::fmt::Write as _;
use std::future::Future;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::pin::Pin;
use std::str::FromStr;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;

/// The largest document file accepted (50 MiB). Callers enforce it with [`check_size`],
/// ideally before reading the whole upload.
pub const MAX_DOCUMENT_BYTES: u64 = 50 * 1024 * 1024;

/// The size of the chunks a stored file is streamed in.
const CHUNK: usize = 64 * 1024;

/// Why a file could not be stored, checked or read.
#[derive(Debug, thiserror::Error)]
pub enum StorageError {
    /// Not 64 lower-case hexadecimal digits. The text is not echoed back.
    #[error("not a valid file identifier (expected 64 lower-case hexadecimal characters)")]
    InvalidContentId,
    #[error("the file is empty")]
    Empty,
    #[error("the file is {len} bytes, more than the limit of {max} bytes")]
    TooLarge { len: u64, max: u64 },
    #[error(
        "the file's type could not be recognised; documents must be PDF, Word (.docx), \
         Excel (.xlsx) or plain text (UTF-8)"
    )]
    Unrecognised,
    #[error(
        "the file is {detected}, which is not accepted for documents; documents must be PDF, \
         Word (.docx), Excel (.xlsx) or plain text (UTF-8)"
    )]
    NotAllowed { detected: &'static str },
    #[error("the file was declared as \"{declared}\" but its content is {detected}")]
    Mismatch {
        declared: String,
        detected: &'static str,
    },
    #[error("bytes {start} to {end} lie outside the file of {file_len} bytes")]
    RangeOutOfBounds { start: u64, end: u64, file_len: u64 },
    #[error("no stored file has this identifier")]
    NotFound,
    #[error("file storage failed: {0}")]
    Io(#[from] io::Error),
}

impl StorageError {
    /// A stable code for API error bodies.
    pub fn code(&self) -> floor_protocol::ErrorCode {
        use floor_protocol::ErrorCode;
        match self {
            StorageError::InvalidContentId => ErrorCode::InvalidContentId,
            StorageError::Empty => ErrorCode::EmptyFile,
            StorageError::TooLarge { .. } => ErrorCode::FileTooLarge,
            StorageError::Unrecognised => ErrorCode::UnrecognisedFileType,
            StorageError::NotAllowed { .. } => ErrorCode::FileTypeNotAllowed,
            StorageError::Mismatch { .. } => ErrorCode::FileTypeMismatch,
            StorageError::RangeOutOfBounds { .. } => ErrorCode::RangeOutOfBounds,
            StorageError::NotFound => ErrorCode::FileNotFound,
            StorageError::Io(_) => ErrorCode::StorageFailed,
        }
    }

    /// The HTTP status an API answers this error with.
    pub fn status(&self) -> StatusCode {
        match self {
            StorageError::InvalidContentId | StorageError::Empty => StatusCode::BAD_REQUEST,
            StorageError::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            StorageError::Unrecognised
            | StorageError::NotAllowed { .. }
            | StorageError::Mismatch { .. } => StatusCode::UNSUPPORTED_MEDIA_TYPE,
            StorageError::RangeOutOfBounds { .. } => StatusCode::RANGE_NOT_SATISFIABLE,
            StorageError::NotFound => StatusCode::NOT_FOUND,
            StorageError::Io(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Content identifiers

/// The SHA-256 of a file's content; written as 64 lower-case hexadecimal digits.
#[derive(Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ContentId([u8; 32]);

impl ContentId {
    /// The identifier of `bytes`.
    pub fn of(bytes: &[u8]) -> ContentId {
        ContentId(Sha256::digest(bytes).into())
    }

    /// Reads an identifier: exactly 64 characters `0-9a-f`. Anything else (upper case, a
    /// path, a prefix) is refused before it can reach the filesystem.
    pub fn parse(text: &str) -> Result<ContentId, StorageError> {
        let valid =
            text.len() == 64 && text.bytes().all(|b| matches!(b, b'0'..=b'9' | b'a'..=b'f'));
        if !valid {
            return Err(StorageError::InvalidContentId);
        }
        let mut out = [0u8; 32];
        hex::decode_to_slice(text, &mut out).map_err(|_| StorageError::InvalidContentId)?;
        Ok(ContentId(out))
    }

    pub fn to_hex(&self) -> String {
        hex::encode(self.0)
    }

    /// The strong entity tag of the content: the identifier in double quotes.
    pub fn etag(&self) -> String {
        format!("\"{}\"", self.to_hex())
    }
}

impl fmt::Display for ContentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_hex())
    }
}

impl fmt::Debug for ContentId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ContentId({})", self.to_hex())
    }
}

impl FromStr for ContentId {
    type Err = StorageError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        ContentId::parse(s)
    }
}

impl serde::Serialize for ContentId {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for ContentId {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = <std::borrow::Cow<'de, str>>::deserialize(deserializer)?;
        ContentId::parse(&text).map_err(serde::de::Error::custom)
    }
}

// ---------------------------------------------------------------------------------------------
// The store

/// What [`FileStore`] methods return: a boxed future, so that the trait is dyn-compatible.
pub type StoreFuture<'a, T> = Pin<Box<dyn Future<Output = Result<T, StorageError>> + Send + 'a>>;

/// A stored file's bytes, in chunks. An error mid-way (the file shrank on disk) ends it.
pub type ByteStream = Pin<Box<dyn Stream<Item = io::Result<Bytes>> + Send>>;

/// A stored file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct StoredFile {
    pub id: ContentId,
    /// Its length in bytes.
    pub len: u64,
}

/// Content-addressed file storage. Storing the same bytes twice stores them once.
pub trait FileStore: Send + Sync {
    /// Stores `bytes` and returns their identifier. Size and type are checked by the caller.
    fn put(&self, bytes: Bytes) -> StoreFuture<'_, ContentId>;

    /// The stored file, or `None` if there is none with this identifier.
    fn open(&self, id: ContentId) -> StoreFuture<'_, Option<StoredFile>>;

    /// `len` bytes from `start`, as a stream. [`StorageError::NotFound`] if there is no such
    /// file, [`StorageError::RangeOutOfBounds`] if the range is not inside it.
    fn read_range(&self, id: ContentId, start: u64, len: u64) -> StoreFuture<'_, ByteStream>;

    fn exists(&self, id: ContentId) -> StoreFuture<'_, bool> {
        Box::pin(async move { Ok(self.open(id).await?.is_some()) })
    }

    /// `len` bytes from `start`, collected. For small reads: the whole range is in memory.
    fn read_to_vec(&self, id: ContentId, start: u64, len: u64) -> StoreFuture<'_, Vec<u8>> {
        Box::pin(async move {
            let mut chunks = self.read_range(id, start, len).await?;
            let mut out =
                Vec::with_capacity(usize::try_from(len.min(MAX_DOCUMENT_BYTES)).unwrap_or(0));
            while let Some(chunk) = chunks.next().await {
                out.extend_from_slice(&chunk?);
            }
            Ok(out)
        })
    }
}

/// Files on the local disk under one root directory, at `<root>/<aa>/<aabbcc…>`.
#[derive(Debug, Clone)]
pub struct DiskStore {
    root: PathBuf,
}

/// Makes temporary file names unique within the process.
static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl DiskStore {
    /// A store rooted at `root`; directories are created when the first file is stored.
    pub fn new(root: impl Into<PathBuf>) -> DiskStore {
        DiskStore { root: root.into() }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    /// Where the file with this identifier lives. Only ever built from a [`ContentId`].
    fn path_for(&self, id: &ContentId) -> PathBuf {
        let hex = id.to_hex();
        self.root.join(&hex[..2]).join(hex)
    }

    fn put_blocking(&self, bytes: &[u8]) -> Result<ContentId, StorageError> {
        let id = ContentId::of(bytes);
        let path = self.path_for(&id);
        if let Ok(meta) = std::fs::metadata(&path) {
            if meta.is_file() && meta.len() == bytes.len() as u64 {
                return Ok(id);
            }
        }
        let dir = path.parent().unwrap_or(&self.root).to_path_buf();
        std::fs::create_dir_all(&dir)?;
        // A leading dot and a non-hex name: never taken for a stored file.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map(|d| d.subsec_nanos())
            .unwrap_or(0);
        let temp = dir.join(format!(
            ".tmp-{}-{}-{}",
            std::process::id(),
            TEMP_COUNTER.fetch_add(1, Ordering::Relaxed),
            nanos
        ));
        let written = (|| -> io::Result<()> {
            let mut file = std::fs::OpenOptions::new()
                .write(true)
                .create_new(true)
                .open(&temp)?;
            file.write_all(bytes)?;
            file.sync_all()?;
            drop(file);
            std::fs::rename(&temp, &path)?;
            sync_dir(&dir);
            Ok(())
        })();
        if let Err(e) = written {
            let _ = std::fs::remove_file(&temp);
            return Err(e.into());
        }
        Ok(id)
    }
}

/// Makes a rename durable (best effort; not possible on every platform).
fn sync_dir(dir: &Path) {
    #[cfg(unix)]
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
    #[cfg(not(unix))]
    let _ = dir;
}

impl FileStore for DiskStore {
    fn put(&self, bytes: Bytes) -> StoreFuture<'_, ContentId> {
        let store = self.clone();
        Box::pin(async move {
            // Hashing and writing up to 50 MiB blocks: keep it off the async workers.
            tokio::task::spawn_blocking(move || store.put_blocking(&bytes))
                .await
                .map_err(io::Error::other)?
        })
    }

    fn open(&self, id: ContentId) -> StoreFuture<'_, Option<StoredFile>> {
        let path = self.path_for(&id);
        Box::pin(async move {
            match tokio::fs::metadata(&path).await {
                Ok(meta) if meta.is_file() => Ok(Some(StoredFile {
                    id,
                    len: meta.len(),
                })),
                Ok(_) => Ok(None),
                Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(e.into()),
            }
        })
    }

    fn read_range(&self, id: ContentId, start: u64, len: u64) -> StoreFuture<'_, ByteStream> {
        use tokio::io::{AsyncReadExt, AsyncSeekExt};
        let path = self.path_for(&id);
        Box::pin(async move {
            let mut file = match tokio::fs::File::open(&path).await {
                Ok(file) => file,
                Err(e) if e.kind() == io::ErrorKind::NotFound => {
                    return Err(StorageError::NotFound)
                }
                Err(e) => return Err(e.into()),
            };
            let file_len = file.metadata().await?.len();
            let end = start.checked_add(len);
            if end.is_none_or(|end| end > file_len) {
                return Err(StorageError::RangeOutOfBounds {
                    start,
                    end: end.unwrap_or(u64::MAX),
                    file_len,
                });
            }
            file.seek(io::SeekFrom::Start(start)).await?;
            let chunks = stream::try_unfold((file, len), |(mut file, remaining)| async move {
                if remaining == 0 {
                    return Ok(None);
                }
                let want = usize::try_from(remaining).map_or(CHUNK, |r| r.min(CHUNK));
                let mut buf = vec![0u8; want];
                let n = file.read(&mut buf).await?;
                if n == 0 {
                    return Err(io::Error::new(
                        io::ErrorKind::UnexpectedEof,
                        "stored file is shorter than expected",
                    ));
                }
                buf.truncate(n);
                Ok(Some((Bytes::from(buf), (file, remaining - n as u64))))
            });
            Ok(Box::pin(chunks) as ByteStream)
        })
    }
}

/// A store that writes to `primary` and reads from `primary`, then from `earlier` for a file
/// `primary` does not hold. With the database as `primary` and the disk folder as `earlier`,
/// a node upgraded from disk storage to database storage still serves every file stored
/// on its disk before, while every new file goes to the database.
pub struct ReadThroughStore {
    primary: Arc<dyn FileStore>,
    earlier: Arc<dyn FileStore>,
}

impl ReadThroughStore {
    pub fn new(primary: Arc<dyn FileStore>, earlier: Arc<dyn FileStore>) -> ReadThroughStore {
        ReadThroughStore { primary, earlier }
    }
}

impl FileStore for ReadThroughStore {
    fn put(&self, bytes: Bytes) -> StoreFuture<'_, ContentId> {
        self.primary.put(bytes)
    }

    fn open(&self, id: ContentId) -> StoreFuture<'_, Option<StoredFile>> {
        Box::pin(async move {
            match self.primary.open(id).await? {
                Some(file) => Ok(Some(file)),
                None => self.earlier.open(id).await,
            }
        })
    }

    fn read_range(&self, id: ContentId, start: u64, len: u64) -> StoreFuture<'_, ByteStream> {
        Box::pin(async move {
            if self.primary.open(id).await?.is_some() {
                self.primary.read_range(id, start, len).await
            } else {
                self.earlier.read_range(id, start, len).await
            }
        })
    }
}

// ---------------------------------------------------------------------------------------------
// Content types

/// What a file is, as told by its bytes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum FileKind {
    Pdf,
    Docx,
    /// A Word document with macros (`word/vbaProject.bin`): refused.
    Docm,
    Xlsx,
    /// An Excel workbook with macros (`xl/vbaProject.bin`): refused.
    Xlsm,
    Pptx,
    /// Any other ZIP archive.
    Zip,
    /// UTF-8 text without control characters (other than tab, line breaks, form feed).
    Text,
    /// Text that a browser would take for HTML.
    Html,
    Png,
    Jpeg,
    /// An ELF program (Linux).
    Elf,
    /// A Windows program (`MZ`).
    WindowsExecutable,
}

impl FileKind {
    pub fn mime(self) -> &'static str {
        match self {
            FileKind::Pdf => "application/pdf",
            FileKind::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            FileKind::Docm => "application/vnd.ms-word.document.macroEnabled.12",
            FileKind::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            FileKind::Xlsm => "application/vnd.ms-excel.sheet.macroEnabled.12",
            FileKind::Pptx => {
                "application/vnd.openxmlformats-officedocument.presentationml.presentation"
            }
            FileKind::Zip => "application/zip",
            FileKind::Text => "text/plain; charset=utf-8",
            FileKind::Html => "text/html",
            FileKind::Png => "image/png",
            FileKind::Jpeg => "image/jpeg",
            FileKind::Elf => "application/x-executable",
            FileKind::WindowsExecutable => "application/vnd.microsoft.portable-executable",
        }
    }

    pub fn extension(self) -> &'static str {
        match self {
            FileKind::Pdf => "pdf",
            FileKind::Docx => "docx",
            FileKind::Docm => "docm",
            FileKind::Xlsx => "xlsx",
            FileKind::Xlsm => "xlsm",
            FileKind::Pptx => "pptx",
            FileKind::Zip => "zip",
            FileKind::Text => "txt",
            FileKind::Html => "html",
            FileKind::Png => "png",
            FileKind::Jpeg => "jpg",
            FileKind::Elf => "bin",
            FileKind::WindowsExecutable => "exe",
        }
    }

    /// How a person would name it, for error messages.
    pub fn describe(self) -> &'static str {
        match self {
            FileKind::Pdf => "a PDF document",
            FileKind::Docx => "a Word document (.docx)",
            FileKind::Docm => "a Word document with macros (.docm)",
            FileKind::Xlsx => "an Excel workbook (.xlsx)",
            FileKind::Xlsm => "an Excel workbook with macros (.xlsm)",
            FileKind::Pptx => "a PowerPoint presentation (.pptx)",
            FileKind::Zip => "a ZIP archive",
            FileKind::Text => "plain text",
            FileKind::Html => "a web page (HTML)",
            FileKind::Png => "a PNG image",
            FileKind::Jpeg => "a JPEG image",
            FileKind::Elf | FileKind::WindowsExecutable => "a program (executable)",
        }
    }

    /// Whether documents may be uploaded in this format: PDF, DOCX, XLSX, plain text.
    pub fn is_document(self) -> bool {
        matches!(
            self,
            FileKind::Pdf | FileKind::Docx | FileKind::Xlsx | FileKind::Text
        )
    }

    pub fn detected(self) -> DetectedType {
        DetectedType {
            kind: self,
            mime: self.mime(),
            extension: self.extension(),
        }
    }
}

/// A file's type as detected from its content.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DetectedType {
    pub kind: FileKind,
    /// The `Content-Type` to serve it with.
    pub mime: &'static str,
    /// The extension to give it on download, without the dot.
    pub extension: &'static str,
}

/// Tells a file's type from its bytes; `None` if it is none of the [`FileKind`]s.
///
/// PDF must start with `%PDF-` and a digit (no leading junk). Office files are ZIP archives
/// whose central directory names `[Content_Types].xml` and the main part (`word/document*.xml`,
/// `xl/workbook.xml`, `ppt/presentation.xml`); a `vbaProject.bin` makes them macro-enabled.
///
/// The magic numbers are `infer`'s, except two checks kept here because `infer`'s are looser
/// or narrower than what the uploads contract (docs/protocol.md 11.3) says: its `is_pdf` takes
/// `%PDF` anywhere in the first KiB (what Acrobat tolerates), so an HTML page with `%PDF` in a
/// comment would pass for a PDF; its `is_elf` wants at least 53 bytes, so a shorter file
/// starting `\x7fELF` would no longer be named a program.
pub fn detect(bytes: &[u8]) -> Option<DetectedType> {
    use infer::{app, archive, image};
    if bytes.is_empty() {
        return None;
    }
    let kind = if bytes.starts_with(b"%PDF-") && bytes.get(5).is_some_and(u8::is_ascii_digit) {
        FileKind::Pdf
    } else if image::is_png(bytes) {
        FileKind::Png
    } else if image::is_jpeg(bytes) {
        FileKind::Jpeg
    } else if archive::is_zip(bytes) {
        classify_zip(bytes)
    } else if bytes.starts_with(b"\x7fELF") {
        FileKind::Elf
    } else if is_text(bytes) {
        if looks_like_html(bytes) {
            FileKind::Html
        } else {
            FileKind::Text
        }
    } else if app::is_exe(bytes) {
        FileKind::WindowsExecutable
    } else {
        return None;
    };
    Some(kind.detected())
}

fn is_text(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    std::str::from_utf8(body).is_ok()
        && !body
            .iter()
            .any(|&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0c)) || b == 0x7f)
}

/// The WHATWG MIME sniffing rules for HTML and XML (`infer`'s `is_html` and `is_xml`): after
/// whitespace, a tag such as `<script` or `<p` followed by a space or `>`, or `<?xml`. Two
/// additions: a UTF-8 byte order mark is skipped first (`is_html` would not, and a browser
/// does), and `<svg` counts too, since an SVG image runs scripts when opened like a page.
fn looks_like_html(bytes: &[u8]) -> bool {
    let body = bytes.strip_prefix(b"\xef\xbb\xbf").unwrap_or(bytes);
    let head = body.trim_ascii_start();
    infer::text::is_html(body)
        || infer::text::is_xml(body)
        || (head.len() > 4
            && head[..4].eq_ignore_ascii_case(b"<svg")
            && matches!(head[4], b' ' | b'>'))
}

/// How much of an upload the ZIP reader may read: the search for the end record (within the
/// last 64 KiB) and a central directory of 2 MiB, some 20,000 parts, far more than any
/// document has. Past it the archive counts as a plain ZIP.
///
/// Why: the `zip` crate builds an entry for each central directory header it reads. A crafted
/// 50 MiB upload can be a chain of a million minimal headers with a ZIP64 end record that
/// claims them all; reading that took 0.3 s in a release build (1 s in a debug build), for
/// one request. Within the budget it takes about 20 ms (50 ms). The crate already bounds a
/// flood of end-record signatures itself: it looks for them only in the last 64 KiB and
/// remembers which headers it has read (4 ms for 50 MiB of them, 10 ms in a debug build).
const ZIP_READ_BUDGET: u64 = 2 * 1024 * 1024;

/// An upload as the `zip` crate reads it, failing once [`ZIP_READ_BUDGET`] is spent.
struct BudgetedReader<'a> {
    bytes: io::Cursor<&'a [u8]>,
    left: u64,
}

impl io::Read for BudgetedReader<'_> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = io::Read::read(&mut self.bytes, buf)?;
        self.left = (self.left.checked_sub(n as u64))
            .ok_or_else(|| io::Error::other("the ZIP read budget is spent"))?;
        Ok(n)
    }
}

impl io::Seek for BudgetedReader<'_> {
    fn seek(&mut self, pos: io::SeekFrom) -> io::Result<u64> {
        io::Seek::seek(&mut self.bytes, pos)
    }
}

/// Names an archive that starts like a ZIP from the entry names in its central directory,
/// read by the `zip` crate from memory (ZIP64 included): no entry is decompressed or even
/// opened, so compression methods (Office deflates its parts) do not matter. An archive whose
/// central directory cannot be read, or not within [`ZIP_READ_BUDGET`], is a plain
/// [`FileKind::Zip`].
///
/// `ArchiveOffset::Known(0)`: the archive starts at the file's first byte (it begins with a
/// local header, or it would not be here), so the crate looks for the central directory where
/// the end record puts it instead of scanning for it, as it would to allow for junk prepended
/// to an archive.
fn classify_zip(bytes: &[u8]) -> FileKind {
    let config = zip::read::Config {
        archive_offset: zip::read::ArchiveOffset::Known(0),
    };
    let reader = BudgetedReader {
        bytes: io::Cursor::new(bytes),
        left: ZIP_READ_BUDGET,
    };
    let Ok(archive) = zip::ZipArchive::with_config(config, reader) else {
        return FileKind::Zip;
    };
    let names: Vec<&[u8]> = archive.file_names_raw().collect();
    let has = |name: &[u8]| names.contains(&name);
    if !has(b"[Content_Types].xml") {
        return FileKind::Zip;
    }
    let macros = names.iter().any(|n| n.ends_with(b"vbaProject.bin"));
    // Word Online names the main part `word/document2.xml`; accept `word/document*.xml`.
    let word = names.iter().any(|n| {
        n.starts_with(b"word/document") && n.ends_with(b".xml") && !n[5..].contains(&b'/')
    });
    let workbook = has(b"xl/workbook.xml");
    if word {
        if macros {
            FileKind::Docm
        } else {
            FileKind::Docx
        }
    } else if workbook {
        if macros {
            FileKind::Xlsm
        } else {
            FileKind::Xlsx
        }
    } else if has(b"ppt/presentation.xml") {
        FileKind::Pptx
    } else {
        FileKind::Zip
    }
}

/// What a client declared: nothing useful, a type we know, or something else.
enum Declared {
    Unspecified,
    Kind(FileKind),
    Other,
}

fn declared_kind(declared: &str) -> Declared {
    let essence = declared
        .split(';')
        .next()
        .unwrap_or("")
        .trim()
        .to_ascii_lowercase();
    let kind = match essence.as_str() {
        "" | "application/octet-stream" | "binary/octet-stream" => return Declared::Unspecified,
        "application/pdf" | "application/x-pdf" => FileKind::Pdf,
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document" => FileKind::Docx,
        "application/vnd.ms-word.document.macroenabled.12" => FileKind::Docm,
        "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet" => FileKind::Xlsx,
        "application/vnd.ms-excel.sheet.macroenabled.12" => FileKind::Xlsm,
        "application/vnd.openxmlformats-officedocument.presentationml.presentation" => {
            FileKind::Pptx
        }
        "application/zip" | "application/x-zip-compressed" => FileKind::Zip,
        "text/plain" => FileKind::Text,
        "text/html" => FileKind::Html,
        "image/png" => FileKind::Png,
        "image/jpeg" | "image/jpg" | "image/pjpeg" => FileKind::Jpeg,
        _ => return Declared::Other,
    };
    Declared::Kind(kind)
}

/// Checks an upload's declared `Content-Type` against its content and returns the detected
/// type, which is what the file is stored and served as.
///
/// A declared type that does not match the content is refused (an executable or an HTML page
/// declared as PDF); `application/octet-stream` or nothing declared means "unknown" and the
/// content decides. Only document types ([`FileKind::is_document`]) are accepted.
pub fn check_declared(declared_mime: &str, bytes: &[u8]) -> Result<DetectedType, StorageError> {
    if bytes.is_empty() {
        return Err(StorageError::Empty);
    }
    let detected = detect(bytes).ok_or(StorageError::Unrecognised)?;
    match declared_kind(declared_mime) {
        Declared::Unspecified => {}
        Declared::Kind(kind) if kind == detected.kind => {}
        Declared::Kind(_) | Declared::Other => {
            return Err(StorageError::Mismatch {
                declared: printable(declared_mime, 100),
                detected: detected.kind.describe(),
            })
        }
    }
    if !detected.kind.is_document() {
        return Err(StorageError::NotAllowed {
            detected: detected.kind.describe(),
        });
    }
    Ok(detected)
}

/// Refuses a document longer than [`MAX_DOCUMENT_BYTES`].
pub fn check_size(len: u64) -> Result<(), StorageError> {
    if len > MAX_DOCUMENT_BYTES {
        return Err(StorageError::TooLarge {
            len,
            max: MAX_DOCUMENT_BYTES,
        });
    }
    Ok(())
}

/// [`check_size`] then [`check_declared`]: everything an upload handler checks.
pub fn check_document(declared_mime: &str, bytes: &[u8]) -> Result<DetectedType, StorageError> {
    check_size(bytes.len() as u64)?;
    check_declared(declared_mime, bytes)
}

/// Client-supplied text made safe to quote in a message: printable ASCII, bounded.
fn printable(text: &str, max: usize) -> String {
    text.chars()
        .filter(|c| c.is_ascii_graphic() || *c == ' ')
        .take(max)
        .collect()
}

// ---------------------------------------------------------------------------------------------
// Download names

/// The longest stem (name without language and extension) of a download name, in characters.
const MAX_STEM: usize = 100;

/// Names Windows refuses for files, whatever the extension.
const WINDOWS_RESERVED: &[&str] = &[
    "CON", "PRN", "AUX", "NUL", "COM1", "COM2", "COM3", "COM4", "COM5", "COM6", "COM7", "COM8",
    "COM9", "LPT1", "LPT2", "LPT3", "LPT4", "LPT5", "LPT6", "LPT7", "LPT8", "LPT9",
];

/// Cleans a stem: path separators and whitespace become `_`, `keep` decides the rest,
/// runs of `_` collapse, leading and trailing `.`, `_`, `-` and spaces go, length is bounded.
fn clean_stem(text: &str, keep: impl Fn(char) -> bool) -> String {
    let mut out = String::new();
    for c in text.chars() {
        let c = if c == '/' || c == '\\' || c.is_whitespace() {
            '_'
        } else {
            c
        };
        if !(c == '_' || keep(c)) || (c == '_' && out.ends_with('_')) {
            continue;
        }
        out.push(c);
    }
    let trimmed = out.trim_matches(['.', '_', '-', ' ']);
    let bounded: String = trimmed.chars().take(MAX_STEM).collect();
    bounded.trim_end_matches(['.', '_', '-', ' ']).to_owned()
}

fn join_name(stem: &str, language: &str, extension: &str) -> String {
    let language: String = language
        .chars()
        .filter(|c| c.is_ascii_alphanumeric() || *c == '-')
        .take(16)
        .collect();
    let extension: String = extension
        .chars()
        .filter(char::is_ascii_alphanumeric)
        .take(10)
        .collect::<String>()
        .to_ascii_lowercase();
    let mut name = stem.to_owned();
    let first_part = name.split('.').next().unwrap_or("");
    if WINDOWS_RESERVED
        .iter()
        .any(|r| r.eq_ignore_ascii_case(first_part))
    {
        name.push('_');
    }
    if !language.is_empty() {
        name.push('-');
        name.push_str(&language);
    }
    if !extension.is_empty() {
        name.push('.');
        name.push_str(&extension);
    }
    name
}

/// An ASCII file name for a download, made only of `[A-Za-z0-9._-]`: the symbol or title
/// with `/` turned into `_` (`E/CN.7/2023/L.2/Rev.1` → `E_CN.7_2023_L.2_Rev.1`), then
/// `-<language>` and `.<extension>`. Never empty, never hidden, no path in it.
pub fn safe_download_name(symbol_or_title: &str, language: &str, extension: &str) -> String {
    let stem = clean_stem(symbol_or_title, |c| {
        c.is_ascii_alphanumeric() || matches!(c, '.' | '-')
    });
    let stem = if stem.is_empty() { "document" } else { &stem };
    join_name(stem, language, extension)
}

/// Characters never put in a UTF-8 file name: controls, characters Windows forbids, and
/// invisible direction and width controls that can disguise an extension.
fn unsafe_in_name(c: char) -> bool {
    c.is_control()
        || matches!(c, '<' | '>' | ':' | '"' | '|' | '?' | '*')
        || matches!(
            c,
            '\u{061c}'
                | '\u{200b}'..='\u{200f}'
                | '\u{202a}'..='\u{202e}'
                | '\u{2060}'..='\u{2069}'
                | '\u{feff}'
        )
}

/// A download's file name in two forms: ASCII for `filename=`, and UTF-8 (titles in Arabic,
/// Chinese or Russian keep their letters) for `filename*=`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DownloadName {
    ascii: String,
    utf8: String,
}

impl DownloadName {
    pub fn new(symbol_or_title: &str, language: &str, extension: &str) -> DownloadName {
        let ascii = safe_download_name(symbol_or_title, language, extension);
        let stem = clean_stem(symbol_or_title, |c| !unsafe_in_name(c));
        let utf8 = if stem.is_empty() {
            ascii.clone()
        } else {
            join_name(&stem, language, extension)
        };
        DownloadName { ascii, utf8 }
    }

    pub fn ascii(&self) -> &str {
        &self.ascii
    }

    pub fn utf8(&self) -> &str {
        &self.utf8
    }
}

/// Whether the browser shows the file (a PDF in its viewer) or saves it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Disposition {
    Inline,
    Attachment,
}

/// The `Content-Disposition` value (RFC 6266) with both `filename="…"` (ASCII, for old
/// clients) and `filename*=UTF-8''…` (RFC 5987 percent-encoding). Always ASCII.
pub fn content_disposition(disposition: Disposition, name: &DownloadName) -> String {
    let kind = match disposition {
        Disposition::Inline => "inline",
        Disposition::Attachment => "attachment",
    };
    let mut encoded = String::with_capacity(name.utf8.len() * 3);
    for b in name.utf8.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            encoded.push(char::from(b));
        } else {
            let _ = write!(encoded, "%{b:02X}");
        }
    }
    // `ascii` is only [A-Za-z0-9._-]: nothing to escape inside the quotes.
    format!(
        "{kind}; filename=\"{}\"; filename*=UTF-8''{encoded}",
        name.ascii
    )
}

// ---------------------------------------------------------------------------------------------
// HTTP

/// What a `Range` header asks of a file of a given length.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RangeRequest {
    /// Serve the whole file (200): no header, another unit, a malformed header, or several
    /// ranges (which are not supported).
    Full,
    /// Serve bytes `start..=end` (206); both are inside the file.
    Partial { start: u64, end: u64 },
    /// Answer 416: the range starts beyond the end, is empty (`-0`), or is reversed.
    Unsatisfiable,
}

/// Reads a `Range` header (RFC 9110 §14.2) for a file of `len` bytes. One range only:
/// `bytes=a-b`, `bytes=a-`, `bytes=-n`; numbers too large for 64 bits count as "to the end".
///
/// Parsed by `http-range-header`, with two adapters to keep docs/protocol.md 11.5:
/// - the ranges are counted before `validate`, which drops the unsatisfiable ones: several
///   ranges get the whole file even when all but one lie past the end (`bytes=0-1,1000-`);
/// - the crate calls a reversed range (`bytes=500-100`) malformed, which would be ignored
///   (200); alone, it stays unsatisfiable (416), as before.
pub fn parse_range(header: &str, len: u64) -> RangeRequest {
    use http_range_header::{RangeInvalid, RangeUnsatisfiableError};
    match http_range_header::parse_range_header(header) {
        Ok(ranges) if ranges.len() > 1 => RangeRequest::Full,
        Ok(ranges) => match ranges.validate(len).as_deref() {
            Ok([range]) => RangeRequest::Partial {
                start: *range.start(),
                end: *range.end(),
            },
            // Past the end, `-0`, or (`Ok([])`) any range of an empty file.
            _ => RangeRequest::Unsatisfiable,
        },
        Err(RangeUnsatisfiableError::Invalid(RangeInvalid::Reversed))
            if header.split(',').filter(|s| !s.trim().is_empty()).count() == 1 =>
        {
            RangeRequest::Unsatisfiable
        }
        Err(_) => RangeRequest::Full,
    }
}

// Conditional requests stay hand-written: three one-line comparisons against our own tag,
// always strong and of one fixed form. The candidates were actix-web's typed headers
// (`IfMatch`, `IfNoneMatch`, `IfRange`; `headers` is for the `http` 1 types actix-web 4 does
// not use): they parse an absent `If-Match` as an empty list, which taken at its word fails
// every request, so each use would need its own presence check, and the code would not be
// shorter.

/// The entity tags listed in a conditional header (`"a", W/"b"` or `*`).
fn entity_tags(value: &str) -> impl Iterator<Item = &str> {
    value.split(',').map(str::trim).filter(|t| !t.is_empty())
}

/// `If-None-Match`: weak comparison (a `W/` tag matches too).
fn none_match_hits(value: &str, etag: &str) -> bool {
    entity_tags(value).any(|t| t == "*" || t.strip_prefix("W/").unwrap_or(t) == etag)
}

/// `If-Match`: strong comparison (a `W/` tag never matches).
fn match_hits(value: &str, etag: &str) -> bool {
    entity_tags(value).any(|t| t == "*" || t == etag)
}

fn header_str(req: &HttpRequest, name: header::HeaderName) -> Option<&str> {
    req.headers().get(name).and_then(|v| v.to_str().ok())
}

/// Answers a request for a stored file: `GET` or `HEAD`.
///
/// - `ETag` is the content id in quotes (strong); `Cache-Control: private, no-cache` makes
///   browsers revalidate (a URL may come to name a revised text) and shared caches keep out.
/// - `If-Match` that does not match: 412. `If-None-Match` that matches: 304.
/// - One `Range` (`bytes=a-b`, `a-`, `-n`): 206 with `Content-Range`; unsatisfiable: 416 with
///   `Content-Range: bytes */len`. `If-Range` must equal the ETag for the range to apply.
///   Several ranges are answered with the whole file (200): clients that ask for several
///   accept that, and it avoids multipart bodies and overlapping-range amplification.
/// - Always `Accept-Ranges: bytes` and `X-Content-Type-Options: nosniff`; `Content-Type` is
///   `mime` (the type detected at upload), `Content-Disposition` from `name`.
/// - The body streams from the store; nothing is read for `HEAD`.
pub async fn serve(
    req: &HttpRequest,
    store: &dyn FileStore,
    id: ContentId,
    mime: &str,
    name: &DownloadName,
    disposition: Disposition,
) -> HttpResponse {
    let method = req.method();
    if method != Method::GET && method != Method::HEAD {
        return HttpResponse::MethodNotAllowed()
            .insert_header((header::ALLOW, "GET, HEAD"))
            .finish();
    }
    let file = match store.open(id).await {
        Ok(Some(file)) => file,
        // Answered like every other route: a status and an `ErrorBody`.
        Ok(None) => {
            return actix_web::ResponseError::error_response(&crate::error::ApiError::NotFound(
                floor_protocol::ErrorCode::FileNotFound,
            ))
        }
        Err(e) => {
            tracing::error!(error = %e, content_id = %id, "opening a stored file failed");
            return actix_web::ResponseError::error_response(&crate::error::ApiError::Storage(e));
        }
    };
    let etag = id.etag();
    let base = |status: StatusCode| -> HttpResponseBuilder {
        let mut builder = HttpResponse::build(status);
        builder
            .insert_header((header::ETAG, etag.as_str()))
            .insert_header((header::CACHE_CONTROL, "private, no-cache"))
            .insert_header((header::ACCEPT_RANGES, "bytes"))
            .insert_header((header::X_CONTENT_TYPE_OPTIONS, "nosniff"));
        builder
    };

    if let Some(value) = header_str(req, header::IF_MATCH) {
        if !match_hits(value, &etag) {
            return base(StatusCode::PRECONDITION_FAILED).finish();
        }
    }
    if let Some(value) = header_str(req, header::IF_NONE_MATCH) {
        if none_match_hits(value, &etag) {
            return base(StatusCode::NOT_MODIFIED).finish();
        }
    }

    let range_applies = match header_str(req, header::IF_RANGE) {
        None => true,
        // Only a strong ETag validates; a date or another tag means "send it all".
        Some(value) => value.trim() == etag,
    };
    let range = match header_str(req, header::RANGE) {
        Some(value) if range_applies => parse_range(value, file.len),
        _ => RangeRequest::Full,
    };
    let (status, start, count) = match range {
        RangeRequest::Full => (StatusCode::OK, 0, file.len),
        RangeRequest::Partial { start, end } => {
            (StatusCode::PARTIAL_CONTENT, start, end - start + 1)
        }
        RangeRequest::Unsatisfiable => {
            return base(StatusCode::RANGE_NOT_SATISFIABLE)
                .insert_header((header::CONTENT_RANGE, format!("bytes */{}", file.len)))
                .finish();
        }
    };

    let mut builder = base(status);
    builder
        .insert_header((
            header::CONTENT_TYPE,
            HeaderValue::from_str(mime)
                .unwrap_or_else(|_| HeaderValue::from_static("application/octet-stream")),
        ))
        .insert_header((
            header::CONTENT_DISPOSITION,
            content_disposition(disposition, name),
        ));
    if status == StatusCode::PARTIAL_CONTENT {
        builder.insert_header((
            header::CONTENT_RANGE,
            format!("bytes {}-{}/{}", start, start + count - 1, file.len),
        ));
    }
    // `no_chunking` sets Content-Length; `streaming` then sends exactly that many bytes.
    builder.no_chunking(count);
    if method == Method::HEAD {
        return builder.streaming(stream::empty::<io::Result<Bytes>>());
    }
    match store.read_range(id, start, count).await {
        Ok(chunks) => builder.streaming(chunks),
        Err(StorageError::NotFound) => HttpResponse::NotFound().finish(),
        Err(e) => {
            tracing::error!(error = %e, content_id = %id, "reading a stored file failed");
            HttpResponse::InternalServerError().finish()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test as actix_test;
    use actix_web::{web, App};
    use std::sync::Arc;

    /// A directory under the system temporary directory, removed when dropped.
    struct TempDir(PathBuf);

    impl TempDir {
        fn new() -> TempDir {
            static N: AtomicU64 = AtomicU64::new(0);
            let nanos = std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .unwrap()
                .as_nanos();
            let path = std::env::temp_dir().join(format!(
                "floor-storage-test-{}-{}-{}",
                std::process::id(),
                N.fetch_add(1, Ordering::Relaxed),
                nanos
            ));
            std::fs::create_dir_all(&path).unwrap();
            TempDir(path)
        }
    }

    impl Drop for TempDir {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.0);
        }
    }

    /// Every file under `dir`, as paths relative to it.
    fn files_under(dir: &Path) -> Vec<PathBuf> {
        let mut out = Vec::new();
        for entry in std::fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                for inner in files_under(&path) {
                    out.push(path.strip_prefix(dir).unwrap().join(inner));
                }
            } else {
                out.push(path.strip_prefix(dir).unwrap().to_path_buf());
            }
        }
        out.sort();
        out
    }

    const HELLO_ID: &str = "2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824";

    #[test]
    fn content_ids_are_sha256_in_lower_case_hex() {
        assert_eq!(
            ContentId::of(b"").to_hex(),
            "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
        );
        assert_eq!(ContentId::of(b"hello").to_hex(), HELLO_ID);
        assert_eq!(ContentId::parse(HELLO_ID).unwrap(), ContentId::of(b"hello"));
        assert_eq!(ContentId::of(b"hello").etag(), format!("\"{HELLO_ID}\""));
        let json = serde_json::to_string(&ContentId::of(b"hello")).unwrap();
        assert_eq!(json, format!("\"{HELLO_ID}\""));
        assert_eq!(
            serde_json::from_str::<ContentId>(&json).unwrap(),
            ContentId::of(b"hello")
        );
    }

    #[test]
    fn invalid_content_ids_are_refused() {
        let long = format!("{HELLO_ID}0");
        let upper = HELLO_ID.to_ascii_uppercase();
        let dotted = format!("../{}", &HELLO_ID[3..]);
        let slashed = format!("{}/{}", &HELLO_ID[..2], &HELLO_ID[3..]);
        let non_hex = format!("{}g", &HELLO_ID[..63]);
        let accented = format!("{}é", &HELLO_ID[..62]);
        let cases = [
            "",
            "../etc/passwd",
            "/etc/passwd",
            &HELLO_ID[..63],
            &long,
            &upper,
            &dotted,
            &slashed,
            &non_hex,
            &accented,
            "2cf24dba",
        ];
        for case in cases {
            assert!(
                matches!(ContentId::parse(case), Err(StorageError::InvalidContentId)),
                "{case:?}"
            );
        }
        assert!(serde_json::from_str::<ContentId>("\"../etc/passwd\"").is_err());
    }

    #[tokio::test]
    async fn put_open_read_and_dedupe() {
        let dir = TempDir::new();
        let store = DiskStore::new(&dir.0);
        let id = store.put(Bytes::from_static(b"hello")).await.unwrap();
        assert_eq!(id.to_hex(), HELLO_ID);
        let on_disk = dir.0.join(&HELLO_ID[..2]).join(HELLO_ID);
        assert_eq!(std::fs::read(&on_disk).unwrap(), b"hello");

        let file = store.open(id).await.unwrap().unwrap();
        assert_eq!(file, StoredFile { id, len: 5 });
        assert!(store.exists(id).await.unwrap());
        assert_eq!(store.read_to_vec(id, 0, 5).await.unwrap(), b"hello");
        assert_eq!(store.read_to_vec(id, 1, 3).await.unwrap(), b"ell");
        assert_eq!(store.read_to_vec(id, 5, 0).await.unwrap(), b"");
        assert!(matches!(
            store.read_to_vec(id, 3, 3).await,
            Err(StorageError::RangeOutOfBounds {
                start: 3,
                end: 6,
                file_len: 5
            })
        ));
        assert!(matches!(
            store.read_range(id, u64::MAX, 2).await,
            Err(StorageError::RangeOutOfBounds { .. })
        ));

        // The same content again is the same file, stored once.
        let again = store.put(Bytes::from_static(b"hello")).await.unwrap();
        assert_eq!(again, id);
        let other = store.put(Bytes::from_static(b"world")).await.unwrap();
        assert_ne!(other, id);
        assert_eq!(files_under(&dir.0).len(), 2);

        let missing = ContentId::of(b"never stored");
        assert_eq!(store.open(missing).await.unwrap(), None);
        assert!(!store.exists(missing).await.unwrap());
        assert!(matches!(
            store.read_range(missing, 0, 1).await,
            Err(StorageError::NotFound)
        ));
    }

    #[tokio::test]
    async fn a_read_through_store_writes_to_the_first_and_reads_from_either() {
        let (first, earlier) = (TempDir::new(), TempDir::new());
        let before = Bytes::from_static(b"stored before the upgrade");
        let old = DiskStore::new(&earlier.0)
            .put(before.clone())
            .await
            .unwrap();
        let store = ReadThroughStore::new(
            Arc::new(DiskStore::new(&first.0)),
            Arc::new(DiskStore::new(&earlier.0)),
        );
        // A file only the earlier store holds: found, whole and by range.
        assert_eq!(store.open(old).await.unwrap().map(|f| f.len), Some(25));
        assert_eq!(store.read_to_vec(old, 7, 6).await.unwrap(), b"before");
        // A new file goes to the first store only.
        let new = store
            .put(Bytes::from_static(b"stored after"))
            .await
            .unwrap();
        assert!(files_under(&earlier.0).len() == 1 && files_under(&first.0).len() == 1);
        assert_eq!(store.read_to_vec(new, 0, 6).await.unwrap(), b"stored");
        // Neither holds it: not found.
        let missing = ContentId::of(b"never stored");
        assert!(store.open(missing).await.unwrap().is_none());
        assert!(matches!(
            store.read_range(missing, 0, 1).await,
            Err(StorageError::NotFound)
        ));
    }

    #[tokio::test]
    async fn writes_leave_only_named_files_and_concurrent_puts_agree() {
        let dir = TempDir::new();
        let store: Arc<dyn FileStore> = Arc::new(DiskStore::new(&dir.0));
        let contents: Vec<Vec<u8>> = (0..20u8).map(|i| vec![i; 1000 + usize::from(i)]).collect();
        let mut tasks = Vec::new();
        for content in contents.iter().chain(contents.iter()) {
            let store = store.clone();
            let bytes = Bytes::from(content.clone());
            tasks.push(tokio::spawn(async move { store.put(bytes).await.unwrap() }));
        }
        for task in tasks {
            task.await.unwrap();
        }
        let files = files_under(&dir.0);
        assert_eq!(files.len(), contents.len(), "{files:?}");
        for path in files {
            let name = path.file_name().unwrap().to_str().unwrap();
            let shard = path.parent().unwrap().to_str().unwrap();
            assert!(
                !name.starts_with(".tmp"),
                "temporary file left behind: {path:?}"
            );
            let id = ContentId::parse(name).unwrap();
            assert_eq!(shard, &name[..2]);
            assert_eq!(
                ContentId::of(&std::fs::read(dir.0.join(&path)).unwrap()),
                id
            );
        }
    }

    /// How [`zip_with`] writes an archive.
    #[derive(Clone, Copy, Default)]
    struct ZipStyle {
        /// Method 8, each entry a deflate stream (of stored blocks), as Office writes them;
        /// otherwise method 0, stored.
        deflate: bool,
        /// The end record's counts and offsets left at their maximum, the real ones in a
        /// ZIP64 end record and its locator.
        zip64: bool,
    }

    /// The CRC-32 of ZIP (reflected, polynomial 0xedb88320), bit by bit.
    fn crc32(bytes: &[u8]) -> u32 {
        !bytes.iter().fold(!0u32, |crc, &b| {
            (0..8).fold(crc ^ u32::from(b), |c, _| {
                (c >> 1) ^ (0xedb8_8320 & (c & 1).wrapping_neg())
            })
        })
    }

    /// A ZIP archive of these entries, written by hand: local headers and data, the central
    /// directory, the ZIP64 end record and locator if asked for, the end record.
    fn zip_with(entries: &[(&str, &[u8])], style: ZipStyle) -> Vec<u8> {
        let mut out = Vec::new();
        let mut central = Vec::new();
        for &(name, content) in entries {
            let data = if style.deflate {
                // One final stored block: BFINAL=1, BTYPE=00, LEN, NLEN, the bytes.
                let n = content.len() as u16;
                let mut d = vec![1];
                d.extend_from_slice(&n.to_le_bytes());
                d.extend_from_slice(&(!n).to_le_bytes());
                d.extend_from_slice(content);
                d
            } else {
                content.to_vec()
            };
            // From "version needed" to the name's length: the same in both headers.
            let mut common = Vec::new();
            common.extend_from_slice(&20u16.to_le_bytes()); // version needed
            common.extend_from_slice(&0u16.to_le_bytes()); // flags
            common.extend_from_slice(&(if style.deflate { 8u16 } else { 0 }).to_le_bytes());
            common.extend_from_slice(&[0; 4]); // time, date
            common.extend_from_slice(&crc32(content).to_le_bytes());
            common.extend_from_slice(&(data.len() as u32).to_le_bytes());
            common.extend_from_slice(&(content.len() as u32).to_le_bytes());
            common.extend_from_slice(&(name.len() as u16).to_le_bytes());

            let offset = out.len() as u32;
            out.extend_from_slice(b"PK\x03\x04");
            out.extend_from_slice(&common);
            out.extend_from_slice(&0u16.to_le_bytes()); // extra
            out.extend_from_slice(name.as_bytes());
            out.extend_from_slice(&data);

            central.extend_from_slice(b"PK\x01\x02");
            central.extend_from_slice(&20u16.to_le_bytes()); // version made by
            central.extend_from_slice(&common);
            central.extend_from_slice(&[0; 12]); // extra, comment, disk, attributes
            central.extend_from_slice(&offset.to_le_bytes());
            central.extend_from_slice(name.as_bytes());
        }
        let (count, cd_len, cd_offset) = (entries.len(), central.len(), out.len());
        out.extend_from_slice(&central);
        if style.zip64 {
            let end64 = out.len() as u64;
            out.extend_from_slice(b"PK\x06\x06");
            out.extend_from_slice(&44u64.to_le_bytes()); // the size of the rest
            out.extend_from_slice(&[45, 0, 45, 0]); // versions made by, needed
            out.extend_from_slice(&[0; 8]); // this disk, the directory's disk
            out.extend_from_slice(&(count as u64).to_le_bytes()); // on this disk
            out.extend_from_slice(&(count as u64).to_le_bytes());
            out.extend_from_slice(&(cd_len as u64).to_le_bytes());
            out.extend_from_slice(&(cd_offset as u64).to_le_bytes());
            out.extend_from_slice(b"PK\x06\x07");
            out.extend_from_slice(&0u32.to_le_bytes()); // the ZIP64 end record's disk
            out.extend_from_slice(&end64.to_le_bytes());
            out.extend_from_slice(&1u32.to_le_bytes()); // disks
        }
        let (count, cd_len, cd_offset) = if style.zip64 {
            (u16::MAX, u32::MAX, u32::MAX)
        } else {
            (count as u16, cd_len as u32, cd_offset as u32)
        };
        out.extend_from_slice(b"PK\x05\x06");
        out.extend_from_slice(&[0; 4]); // this disk, the directory's disk
        out.extend_from_slice(&count.to_le_bytes()); // on this disk
        out.extend_from_slice(&count.to_le_bytes());
        out.extend_from_slice(&cd_len.to_le_bytes());
        out.extend_from_slice(&cd_offset.to_le_bytes());
        out.extend_from_slice(&0u16.to_le_bytes()); // comment
        out
    }

    /// A ZIP archive of empty, stored entries with these names.
    fn zip(names: &[&str]) -> Vec<u8> {
        let entries: Vec<(&str, &[u8])> = names.iter().map(|&n| (n, &b""[..])).collect();
        zip_with(&entries, ZipStyle::default())
    }

    fn docx() -> Vec<u8> {
        zip(&[
            "[Content_Types].xml",
            "_rels/.rels",
            "word/document.xml",
            "word/_rels/document.xml.rels",
        ])
    }

    const PDF: &[u8] = b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n";
    const ELF: &[u8] = b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00\x00\x00\x00\x00\x02\x00\x3e\x00";
    const HTML: &[u8] = b"<!DOCTYPE html><html><body><script>alert(1)</script></body></html>";

    #[test]
    fn types_are_detected_from_content() {
        let word_online = zip(&["[Content_Types].xml", "word/document2.xml"]);
        let docm = zip(&[
            "[Content_Types].xml",
            "word/document.xml",
            "word/vbaProject.bin",
        ]);
        let xlsx = zip(&[
            "[Content_Types].xml",
            "xl/workbook.xml",
            "xl/worksheets/sheet1.xml",
        ]);
        let xlsm = zip(&[
            "[Content_Types].xml",
            "xl/workbook.xml",
            "xl/vbaProject.bin",
        ]);
        let pptx = zip(&["[Content_Types].xml", "ppt/presentation.xml"]);
        let plain_zip = zip(&["hello.txt"]);
        let no_content_types = zip(&["word/document.xml"]);
        let mut truncated = docx();
        truncated.truncate(40);
        let mut docx_with_comment = docx();
        let n = docx_with_comment.len();
        docx_with_comment[n - 2..].copy_from_slice(&3u16.to_le_bytes());
        docx_with_comment.extend_from_slice(b"abc");

        let cases: Vec<(&str, Vec<u8>, Option<FileKind>)> = vec![
            ("pdf", PDF.to_vec(), Some(FileKind::Pdf)),
            ("pdf 2.0", b"%PDF-2.0\n".to_vec(), Some(FileKind::Pdf)),
            ("not quite pdf", b"%PDF-x".to_vec(), Some(FileKind::Text)),
            ("pdf after junk", b"\x00\x00%PDF-1.4".to_vec(), None),
            ("docx", docx(), Some(FileKind::Docx)),
            ("docx, Word Online", word_online, Some(FileKind::Docx)),
            (
                "docx with zip comment",
                docx_with_comment,
                Some(FileKind::Docx),
            ),
            ("docm", docm, Some(FileKind::Docm)),
            ("xlsx", xlsx, Some(FileKind::Xlsx)),
            ("xlsm", xlsm, Some(FileKind::Xlsm)),
            ("pptx", pptx, Some(FileKind::Pptx)),
            ("zip", plain_zip, Some(FileKind::Zip)),
            (
                "zip without content types",
                no_content_types,
                Some(FileKind::Zip),
            ),
            ("truncated zip", truncated, Some(FileKind::Zip)),
            (
                "text",
                b"Draft resolution\r\n\tThe Commission,\n".to_vec(),
                Some(FileKind::Text),
            ),
            (
                "russian",
                "Проект резолюции".as_bytes().to_vec(),
                Some(FileKind::Text),
            ),
            (
                "arabic with bom",
                "\u{feff}مشروع قرار".as_bytes().to_vec(),
                Some(FileKind::Text),
            ),
            (
                "text mentioning html",
                b"Use <b> for bold".to_vec(),
                Some(FileKind::Text),
            ),
            ("html", HTML.to_vec(), Some(FileKind::Html)),
            (
                "html, spaced script",
                b"\n  <SCRIPT>x</SCRIPT>".to_vec(),
                Some(FileKind::Html),
            ),
            (
                "svg",
                b"<svg xmlns='http://www.w3.org/2000/svg'>".to_vec(),
                Some(FileKind::Html),
            ),
            (
                "xml",
                b"<?xml version=\"1.0\"?><x/>".to_vec(),
                Some(FileKind::Html),
            ),
            (
                "png",
                b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec(),
                Some(FileKind::Png),
            ),
            (
                "jpeg",
                b"\xff\xd8\xff\xe0\x00\x10JFIF\x00".to_vec(),
                Some(FileKind::Jpeg),
            ),
            ("elf", ELF.to_vec(), Some(FileKind::Elf)),
            (
                "windows exe",
                b"MZ\x90\x00\x03\x00\x00\x00".to_vec(),
                Some(FileKind::WindowsExecutable),
            ),
            (
                "text starting MZ",
                b"MZ is a prefix".to_vec(),
                Some(FileKind::Text),
            ),
            ("empty", Vec::new(), None),
            ("binary", b"\x00\x01\x02\x03binary".to_vec(), None),
            ("invalid utf-8", b"caf\xe9".to_vec(), None),
            ("nul in text", b"hello\x00world".to_vec(), None),
        ];
        for (what, bytes, expected) in cases {
            assert_eq!(detect(&bytes).map(|d| d.kind), expected, "{what}");
        }
        let pdf = detect(PDF).unwrap();
        assert_eq!((pdf.mime, pdf.extension), ("application/pdf", "pdf"));
        let text = detect(b"x").unwrap();
        assert_eq!(
            (text.mime, text.extension),
            ("text/plain; charset=utf-8", "txt")
        );
    }

    /// Office files as Office writes them: parts deflated, sometimes with ZIP64 end records.
    #[test]
    fn deflated_and_zip64_office_files_are_recognised() {
        let types = &b"<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>"[..];
        let word: [(&str, &[u8]); 3] = [
            ("[Content_Types].xml", types),
            ("_rels/.rels", b"<Relationships/>"),
            ("word/document.xml", b"<w:document><w:body/></w:document>"),
        ];
        let excel: [(&str, &[u8]); 3] = [
            ("[Content_Types].xml", types),
            ("xl/workbook.xml", b"<workbook/>"),
            ("xl/vbaProject.bin", b"\xd0\xcf\x11\xe0macros"),
        ];
        for deflate in [false, true] {
            for zip64 in [false, true] {
                let style = ZipStyle { deflate, zip64 };
                let what = format!("deflate {deflate}, zip64 {zip64}");
                let docx = zip_with(&word, style);
                assert_eq!(
                    detect(&docx).map(|d| d.kind),
                    Some(FileKind::Docx),
                    "{what}"
                );
                let xlsm = zip_with(&excel, style);
                assert_eq!(
                    detect(&xlsm).map(|d| d.kind),
                    Some(FileKind::Xlsm),
                    "{what}"
                );
                // Without the ZIP64 record the counts say 65535 entries: not an Office file.
                if zip64 {
                    let end = docx.len() - 22;
                    let mut broken = docx[..end - 76].to_vec();
                    broken.extend_from_slice(&docx[end..]);
                    assert_eq!(
                        detect(&broken).map(|d| d.kind),
                        Some(FileKind::Zip),
                        "{what}"
                    );
                }
            }
        }
    }

    /// Browsers skip a UTF-8 byte order mark before sniffing: so does the HTML check.
    #[test]
    fn markup_after_a_byte_order_mark_is_html() {
        let cases: [(&str, &[u8], FileKind); 8] = [
            (
                "bom html",
                b"\xef\xbb\xbf<!DOCTYPE html><p>x",
                FileKind::Html,
            ),
            (
                "bom spaced script",
                b"\xef\xbb\xbf \n<script>x",
                FileKind::Html,
            ),
            ("bom svg", b"\xef\xbb\xbf<svg xmlns='x'>", FileKind::Html),
            ("bom spaced svg", b"\xef\xbb\xbf\t<SVG>", FileKind::Html),
            (
                "bom xml",
                b"\xef\xbb\xbf<?xml version=\"1.0\"?><x/>",
                FileKind::Html,
            ),
            (
                "bom spaced xml",
                b"\xef\xbb\xbf\r\n<?xml version=\"1.0\"?>",
                FileKind::Html,
            ),
            (
                "bom text",
                b"\xef\xbb\xbfDraft <b> resolution",
                FileKind::Text,
            ),
            ("svg-like word", b"<svgs are pictures", FileKind::Text),
        ];
        for (what, bytes, expected) in cases {
            assert_eq!(detect(bytes).map(|d| d.kind), Some(expected), "{what}");
        }
    }

    /// 50 MiB uploads that start like a ZIP and are made to keep a central directory reader
    /// busy: detection stays quick. Three of them:
    /// - nothing but end-of-central-directory signatures, each of which a reader may try;
    /// - central headers whose comments are end records, each claiming 65,535 entries from
    ///   the first header on, while a stray byte after every 512 headers breaks the chain, so
    ///   that every record in reach is followed and fails;
    /// - a chain of a million minimal central headers, all claimed by a ZIP64 end record: the
    ///   one [`ZIP_READ_BUDGET`] is for.
    #[test]
    fn a_flood_of_end_records_is_read_quickly() {
        let len = MAX_DOCUMENT_BYTES as usize;
        let mut header = b"PK\x01\x02".to_vec();
        header.extend_from_slice(&[20, 0, 20, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        header.extend_from_slice(&[0; 8]); // sizes
        header.extend_from_slice(&[0, 0, 0, 0]); // name, extra
        header.extend_from_slice(&22u16.to_le_bytes()); // comment: the end record below
        header.extend_from_slice(&[0; 12]); // disk, attributes, local header offset
        header.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        header.extend_from_slice(&u16::MAX.to_le_bytes());
        header.extend_from_slice(&u16::MAX.to_le_bytes());
        header.extend_from_slice(&68u32.to_le_bytes()); // directory size
        header.extend_from_slice(&4u32.to_le_bytes()); // directory offset: the first header
        header.extend_from_slice(&0u16.to_le_bytes());
        assert_eq!(header.len(), 68);
        let mut broken_chain = header.repeat(512);
        broken_chain.push(b'x');

        let mut minimal = b"PK\x01\x02".to_vec();
        minimal.extend_from_slice(&[0; 42]);
        let count = (len - 4 - 98) / minimal.len();
        let mut zip64 = b"PK\x03\x04".to_vec();
        zip64.extend_from_slice(&minimal.repeat(count));
        let end64 = zip64.len() as u64;
        zip64.extend_from_slice(b"PK\x06\x06");
        zip64.extend_from_slice(&44u64.to_le_bytes());
        zip64.extend_from_slice(&[45, 0, 45, 0, 0, 0, 0, 0, 0, 0, 0, 0]);
        zip64.extend_from_slice(&(count as u64).to_le_bytes());
        zip64.extend_from_slice(&(count as u64).to_le_bytes());
        zip64.extend_from_slice(&(end64 - 4).to_le_bytes()); // directory size
        zip64.extend_from_slice(&4u64.to_le_bytes()); // directory offset
        zip64.extend_from_slice(b"PK\x06\x07\0\0\0\0");
        zip64.extend_from_slice(&end64.to_le_bytes());
        zip64.extend_from_slice(&1u32.to_le_bytes());
        zip64.extend_from_slice(b"PK\x05\x06\0\0\0\0");
        zip64.extend_from_slice(&[0xff; 12]);
        zip64.extend_from_slice(&[0; 2]);

        let fill = |unit: &[u8]| {
            let mut bytes = b"PK\x03\x04".to_vec();
            bytes.extend_from_slice(&unit.repeat((len - 4) / unit.len()));
            bytes
        };
        let floods = [
            ("end signatures", fill(b"PK\x05\x06")),
            ("end records", fill(&broken_chain)),
            ("ZIP64 chain", zip64),
        ];
        for (what, bytes) in floods {
            let started = std::time::Instant::now();
            let kind = detect(&bytes).map(|d| d.kind);
            let took = started.elapsed();
            eprintln!("flood of {what} ({} bytes): {took:?}", bytes.len());
            assert_eq!(kind, Some(FileKind::Zip), "{what}");
            // Milliseconds, even in a debug build; reading the ZIP64 chain whole took 1 s.
            assert!(
                took < std::time::Duration::from_millis(500),
                "{what}: {took:?}"
            );
        }
    }

    /// An archive whose central directory is larger than [`ZIP_READ_BUDGET`] is a plain ZIP;
    /// one just under it is still read.
    #[test]
    fn the_zip_reader_stops_at_its_budget() {
        let office = |parts: usize| {
            let mut names = vec![
                "[Content_Types].xml".to_owned(),
                "word/document.xml".to_owned(),
            ];
            names.extend(
                (0..parts).map(|i| format!("word/media/image{i:05}{}.png", "-".repeat(75))),
            );
            let names: Vec<&str> = names.iter().map(String::as_str).collect();
            zip(&names)
        };
        // Each part's central header is 46 + 100 bytes (its name).
        let under = ZIP_READ_BUDGET as usize / 146 - 200;
        let over = ZIP_READ_BUDGET as usize / 146 + 200;
        assert_eq!(detect(&office(under)).map(|d| d.kind), Some(FileKind::Docx));
        assert_eq!(detect(&office(over)).map(|d| d.kind), Some(FileKind::Zip));
    }

    #[test]
    fn declared_types_must_match_the_content() {
        const DOCX_MIME: &str =
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document";
        let docm = zip(&[
            "[Content_Types].xml",
            "word/document.xml",
            "word/vbaProject.bin",
        ]);
        let png = b"\x89PNG\r\n\x1a\n\x00".to_vec();
        let ok = |kind| -> Result<FileKind, &'static str> { Ok(kind) };
        let cases: Vec<(&str, Vec<u8>, Result<FileKind, &'static str>)> = vec![
            ("application/pdf", PDF.to_vec(), ok(FileKind::Pdf)),
            ("Application/PDF", PDF.to_vec(), ok(FileKind::Pdf)),
            ("application/pdf", ELF.to_vec(), Err("file_type_mismatch")),
            ("application/pdf", HTML.to_vec(), Err("file_type_mismatch")),
            ("application/pdf", docx(), Err("file_type_mismatch")),
            ("text/plain", HTML.to_vec(), Err("file_type_mismatch")),
            (
                "text/plain; charset=utf-8",
                b"Agenda".to_vec(),
                ok(FileKind::Text),
            ),
            (DOCX_MIME, docx(), ok(FileKind::Docx)),
            (DOCX_MIME, docm.clone(), Err("file_type_mismatch")),
            ("application/octet-stream", docx(), ok(FileKind::Docx)),
            ("", PDF.to_vec(), ok(FileKind::Pdf)),
            (
                "application/octet-stream",
                docm,
                Err("file_type_not_allowed"),
            ),
            (
                "application/octet-stream",
                ELF.to_vec(),
                Err("file_type_not_allowed"),
            ),
            ("image/png", png, Err("file_type_not_allowed")),
            (
                "application/zip",
                zip(&["a.txt"]),
                Err("file_type_not_allowed"),
            ),
            ("application/msword", docx(), Err("file_type_mismatch")),
            ("application/pdf", Vec::new(), Err("empty_file")),
            (
                "application/pdf",
                b"\x00\x01\x02".to_vec(),
                Err("unrecognised_file_type"),
            ),
        ];
        for (declared, bytes, expected) in cases {
            let got = check_declared(declared, &bytes)
                .map(|d| d.kind)
                .map_err(|e| e.code().as_str());
            assert_eq!(got, expected, "{declared:?}");
        }
        let err = check_declared("application/pdf", ELF).unwrap_err();
        assert_eq!(
            err.to_string(),
            "the file was declared as \"application/pdf\" but its content is a program (executable)"
        );
        let err = check_declared("application/pdf\r\nX-Evil: 1", HTML).unwrap_err();
        assert!(!err.to_string().contains('\n'));
    }

    #[test]
    fn oversize_documents_are_refused() {
        assert!(check_size(0).is_ok());
        assert!(check_size(MAX_DOCUMENT_BYTES).is_ok());
        assert!(matches!(
            check_size(MAX_DOCUMENT_BYTES + 1),
            Err(StorageError::TooLarge { len, max: MAX_DOCUMENT_BYTES }) if len == MAX_DOCUMENT_BYTES + 1
        ));
        assert_eq!(
            check_document("application/pdf", PDF).unwrap().kind,
            FileKind::Pdf
        );
        assert_eq!(
            StorageError::TooLarge { len: 1, max: 0 }.status(),
            StatusCode::PAYLOAD_TOO_LARGE
        );
    }

    #[test]
    fn download_names_are_built_from_safe_characters() {
        let long = "x".repeat(300);
        let cases = [
            (
                "E/CN.7/2023/L.2/Rev.1",
                "en",
                "pdf",
                "E_CN.7_2023_L.2_Rev.1-en.pdf",
            ),
            ("E/CN.7/2023/L.2*", "fr", "docx", "E_CN.7_2023_L.2-fr.docx"),
            ("../../etc/passwd", "en", "txt", "etc_passwd-en.txt"),
            ("..\\..\\boot.ini", "", "", "boot.ini"),
            (
                "Projet de résolution",
                "fr",
                "pdf",
                "Projet_de_rsolution-fr.pdf",
            ),
            ("Проект резолюции", "ru", "pdf", "document-ru.pdf"),
            ("a\"b;c\r\nd", "en", "pdf", "abc_d-en.pdf"),
            (".hidden", "en", "pdf", "hidden-en.pdf"),
            ("CON", "", "txt", "CON_.txt"),
            ("report", "e n\"", "P/DF", "report-en.pdf"),
            ("", "zh", "pdf", "document-zh.pdf"),
        ];
        for (title, language, extension, expected) in cases {
            assert_eq!(
                safe_download_name(title, language, extension),
                expected,
                "{title:?}"
            );
        }
        let bounded = safe_download_name(&long, "en", "pdf");
        assert_eq!(bounded.len(), MAX_STEM + "-en.pdf".len());
    }

    #[test]
    fn content_disposition_has_ascii_and_utf8_names() {
        let symbol = DownloadName::new("E/CN.7/2023/L.2/Rev.1", "en", "pdf");
        assert_eq!(
            content_disposition(Disposition::Attachment, &symbol),
            "attachment; filename=\"E_CN.7_2023_L.2_Rev.1-en.pdf\"; \
             filename*=UTF-8''E_CN.7_2023_L.2_Rev.1-en.pdf"
        );
        let russian = DownloadName::new("Проект резолюции", "ru", "pdf");
        assert_eq!(russian.ascii(), "document-ru.pdf");
        assert_eq!(russian.utf8(), "Проект_резолюции-ru.pdf");
        assert_eq!(
            content_disposition(Disposition::Inline, &russian),
            "inline; filename=\"document-ru.pdf\"; filename*=UTF-8''\
             %D0%9F%D1%80%D0%BE%D0%B5%D0%BA%D1%82_%D1%80%D0%B5%D0%B7%D0%BE%D0%BB%D1%8E%D1%86%D0%B8%D0%B8-ru.pdf"
        );
        // A right-to-left override cannot disguise the extension; quotes and paths go.
        let tricky = DownloadName::new("report\u{202e}fdp.exe \"x\"/../y", "en", "pdf");
        assert_eq!(tricky.utf8(), "reportfdp.exe_x_.._y-en.pdf");
        let header = content_disposition(Disposition::Attachment, &tricky);
        assert!(header.is_ascii() && !header.contains("\r") && !header.contains("\n"));
        assert!(HeaderValue::from_str(&header).is_ok());
    }

    #[test]
    fn range_headers_are_read_like_rfc_9110() {
        use RangeRequest::{Full, Partial, Unsatisfiable};
        let p = |start, end| Partial { start, end };
        let cases = [
            ("bytes=0-499", p(0, 499)),
            ("bytes=500-", p(500, 999)),
            ("bytes=-200", p(800, 999)),
            ("bytes=-2000", p(0, 999)),
            ("bytes=990-2000", p(990, 999)),
            ("bytes=0-0", p(0, 0)),
            ("bytes=999-999", p(999, 999)),
            ("BYTES=1-2", p(1, 2)),
            ("bytes=0-1, ", p(0, 1)),
            ("bytes=0-18446744073709551616", p(0, 999)),
            ("bytes=-99999999999999999999999", p(0, 999)),
            ("bytes=1000-", Unsatisfiable),
            ("bytes=5000-6000", Unsatisfiable),
            ("bytes=-0", Unsatisfiable),
            ("bytes=500-100", Unsatisfiable),
            ("bytes=18446744073709551616-", Unsatisfiable),
            ("bytes=0-1,5-6", Full),
            ("bytes=0-1,1000-", Full),
            // Counted before the crate's `validate` drops the unsatisfiable ones.
            ("bytes=1000-,2000-3000", Full),
            ("bytes=-0,0-1", Full),
            // Reversed: alone it is unsatisfiable; with another range, the whole file.
            ("bytes=500-100, ", Unsatisfiable),
            ("bytes= 2-1", Unsatisfiable),
            ("bytes=0-1,5-3", Full),
            ("bytes=5-3,0-1", Full),
            ("bytes=5-3,abc", Full),
            // Suffixes and ends beyond the file.
            ("bytes=-1", p(999, 999)),
            ("bytes=-1000", p(0, 999)),
            ("bytes=999-", p(999, 999)),
            ("bytes=0-999", p(0, 999)),
            ("bytes=0-1000", p(0, 999)),
            ("bytes=1000-1000", Unsatisfiable),
            ("bytes=abc", Full),
            ("bytes=", Full),
            ("bytes=-", Full),
            ("bytes=1-2-3", Full),
            ("bytes=+1-2", Full),
            ("bytes=0 - 5", Full),
            ("bytes=1", Full),
            ("items=0-5", Full),
            ("bytes 0-5", Full),
            ("", Full),
        ];
        for (header, expected) in cases {
            assert_eq!(parse_range(header, 1000), expected, "{header:?}");
        }
        assert_eq!(parse_range("bytes=0-", 0), Unsatisfiable);
        assert_eq!(parse_range("bytes=-5", 0), Unsatisfiable);
        assert_eq!(parse_range("bytes=-5", 3), p(0, 2));
    }

    async fn download(
        req: HttpRequest,
        store: web::Data<dyn FileStore>,
        id: web::Path<String>,
    ) -> HttpResponse {
        let Ok(id) = ContentId::parse(&id) else {
            return HttpResponse::BadRequest().finish();
        };
        let name = DownloadName::new("E/CN.7/2023/L.2", "en", "txt");
        serve(
            &req,
            store.get_ref(),
            id,
            "text/plain; charset=utf-8",
            &name,
            Disposition::Attachment,
        )
        .await
    }

    #[actix_web::test]
    async fn downloads_answer_200_206_304_412_416() {
        let dir = TempDir::new();
        let store: Arc<dyn FileStore> = Arc::new(DiskStore::new(&dir.0));
        let content: Vec<u8> = (0..200_000u32).map(|i| b'a' + (i % 26) as u8).collect();
        let id = store.put(Bytes::from(content.clone())).await.unwrap();
        let etag = id.etag();
        let app = actix_test::init_service(
            App::new().app_data(web::Data::from(store.clone())).service(
                web::resource("/files/{id}")
                    .route(web::get().to(download))
                    .route(web::head().to(download)),
            ),
        )
        .await;
        let uri = format!("/files/{id}");
        let get = |headers: &[(&str, &str)]| {
            let mut req = actix_test::TestRequest::get().uri(&uri);
            for &(name, value) in headers {
                req = req.insert_header((name, value));
            }
            req.to_request()
        };
        let header = |res: &actix_web::dev::ServiceResponse, name: &str| {
            res.headers()
                .get(name)
                .map(|v| v.to_str().unwrap().to_owned())
        };

        // 200: the whole file, with every header.
        let res = actix_test::call_service(&app, get(&[])).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(header(&res, "etag").as_deref(), Some(etag.as_str()));
        assert_eq!(header(&res, "accept-ranges").as_deref(), Some("bytes"));
        assert_eq!(
            header(&res, "x-content-type-options").as_deref(),
            Some("nosniff")
        );
        assert_eq!(
            header(&res, "content-type").as_deref(),
            Some("text/plain; charset=utf-8")
        );
        assert_eq!(header(&res, "content-length").as_deref(), Some("200000"));
        assert_eq!(
            header(&res, "content-disposition").as_deref(),
            Some("attachment; filename=\"E_CN.7_2023_L.2-en.txt\"; filename*=UTF-8''E_CN.7_2023_L.2-en.txt")
        );
        assert_eq!(actix_test::read_body(res).await, content);

        // 206: one range, and a suffix range.
        let res = actix_test::call_service(&app, get(&[("range", "bytes=10-19")])).await;
        assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
        assert_eq!(
            header(&res, "content-range").as_deref(),
            Some("bytes 10-19/200000")
        );
        assert_eq!(header(&res, "content-length").as_deref(), Some("10"));
        assert_eq!(actix_test::read_body(res).await, content[10..20]);
        let res = actix_test::call_service(&app, get(&[("range", "bytes=-5")])).await;
        assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
        assert_eq!(
            header(&res, "content-range").as_deref(),
            Some("bytes 199995-199999/200000")
        );
        assert_eq!(actix_test::read_body(res).await, content[199_995..]);
        // A range spanning several chunks streams correctly.
        let res = actix_test::call_service(&app, get(&[("range", "bytes=1000-")])).await;
        assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
        assert_eq!(actix_test::read_body(res).await, content[1000..]);

        // 416: beyond the end.
        let res = actix_test::call_service(&app, get(&[("range", "bytes=200000-")])).await;
        assert_eq!(res.status(), StatusCode::RANGE_NOT_SATISFIABLE);
        assert_eq!(
            header(&res, "content-range").as_deref(),
            Some("bytes */200000")
        );
        assert!(actix_test::read_body(res).await.is_empty());

        // 304: the ETag matches, strongly or weakly, alone or in a list.
        for value in [
            etag.clone(),
            format!("W/{etag}"),
            format!("\"other\", {etag}"),
            "*".into(),
        ] {
            let res = actix_test::call_service(&app, get(&[("if-none-match", &value)])).await;
            assert_eq!(res.status(), StatusCode::NOT_MODIFIED, "{value}");
            assert_eq!(header(&res, "etag").as_deref(), Some(etag.as_str()));
            assert!(actix_test::read_body(res).await.is_empty());
        }
        let res = actix_test::call_service(&app, get(&[("if-none-match", "\"other\"")])).await;
        assert_eq!(res.status(), StatusCode::OK);

        // If-Range: the range applies only if the ETag still matches.
        let res =
            actix_test::call_service(&app, get(&[("range", "bytes=0-3"), ("if-range", &etag)]))
                .await;
        assert_eq!(res.status(), StatusCode::PARTIAL_CONTENT);
        assert_eq!(actix_test::read_body(res).await, b"abcd"[..]);
        let res = actix_test::call_service(
            &app,
            get(&[("range", "bytes=0-3"), ("if-range", "\"old\"")]),
        )
        .await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(actix_test::read_body(res).await.len(), content.len());
        let weak = format!("W/{etag}");
        let res =
            actix_test::call_service(&app, get(&[("range", "bytes=0-3"), ("if-range", &weak)]))
                .await;
        assert_eq!(res.status(), StatusCode::OK);

        // Several ranges: the whole file, even when only one of them is satisfiable.
        for value in ["bytes=0-1,5-6", "bytes=0-1,200000-", "bytes=0-1,9-5"] {
            let res = actix_test::call_service(&app, get(&[("range", value)])).await;
            assert_eq!(res.status(), StatusCode::OK, "{value}");
            assert!(header(&res, "content-range").is_none(), "{value}");
            assert_eq!(actix_test::read_body(res).await.len(), content.len());
        }
        // One reversed range: 416, like one past the end.
        let res = actix_test::call_service(&app, get(&[("range", "bytes=500-100")])).await;
        assert_eq!(res.status(), StatusCode::RANGE_NOT_SATISFIABLE);
        assert_eq!(
            header(&res, "content-range").as_deref(),
            Some("bytes */200000")
        );

        // If-Match: 412 when it does not match, served when it does.
        let res = actix_test::call_service(&app, get(&[("if-match", "\"other\"")])).await;
        assert_eq!(res.status(), StatusCode::PRECONDITION_FAILED);
        let res = actix_test::call_service(&app, get(&[("if-match", &etag)])).await;
        assert_eq!(res.status(), StatusCode::OK);

        // HEAD: the headers of a GET, no body read.
        let req = actix_test::TestRequest::default()
            .method(Method::HEAD)
            .uri(&uri)
            .to_request();
        let res = actix_test::call_service(&app, req).await;
        assert_eq!(res.status(), StatusCode::OK);
        assert_eq!(header(&res, "content-length").as_deref(), Some("200000"));
        assert!(actix_test::read_body(res).await.is_empty());

        // Unknown and malformed identifiers.
        let missing = format!("/files/{}", ContentId::of(b"nothing"));
        let req = actix_test::TestRequest::get().uri(&missing).to_request();
        assert_eq!(
            actix_test::call_service(&app, req).await.status(),
            StatusCode::NOT_FOUND
        );
        let req = actix_test::TestRequest::get()
            .uri("/files/..%2Fetc%2Fpasswd")
            .to_request();
        assert_eq!(
            actix_test::call_service(&app, req).await.status(),
            StatusCode::BAD_REQUEST
        );
    }
}
