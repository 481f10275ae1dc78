//! Document files kept in the database: [`DatabaseStore`], the [`FileStore`] every node of
//! a cluster shares (`FLOOR_FILES=database`, the default with PostgreSQL).
//!
//! A file is a `file_contents` row (identifier, length, chunk length) and its bytes cut
//! into `file_chunks` rows of [`CHUNK_LEN`] bytes, all written in one transaction, so a
//! reader on any node sees a file whole or not at all. A read fetches one chunk at a
//! time, only those its range covers: a download of 50 MiB holds 256 KiB in memory.
//! Identical bytes are stored once; two nodes storing them at the same moment are
//! settled by the primary key (the second insert does nothing).

use super::entities::{file_chunk, file_content};
use crate::storage::{ByteStream, ContentId, FileStore, StorageError, StoreFuture, StoredFile};
use actix_web::web::Bytes;
use futures_util::stream;
use sea_orm::sea_query::OnConflict;
use sea_orm::{ActiveValue::Set, DatabaseConnection, DbErr, EntityTrait, TransactionTrait};
use std::io;

/// The length of every chunk of a file written now (the last may be shorter). Each file
/// records its own, so changing this leaves stored files readable.
pub const CHUNK_LEN: usize = 256 * 1024;

/// Document files in the `file_contents` and `file_chunks` tables.
#[derive(Debug, Clone)]
pub struct DatabaseStore {
    db: DatabaseConnection,
}

impl DatabaseStore {
    pub fn new(db: DatabaseConnection) -> DatabaseStore {
        DatabaseStore { db }
    }

    /// The row describing a stored file, checked: a length or chunk length that cannot be
    /// is an error, not a panic or an endless stream.
    async fn described(&self, id: ContentId) -> Result<Option<Described>, StorageError> {
        let Some(row) = file_content::Entity::find_by_id(id.to_hex())
            .one(&self.db)
            .await
            .map_err(failed)?
        else {
            return Ok(None);
        };
        match (u64::try_from(row.len), u64::try_from(row.chunk_len)) {
            (Ok(len), Ok(chunk_len)) if chunk_len > 0 => Ok(Some(Described { len, chunk_len })),
            _ => Err(StorageError::Io(io::Error::new(
                io::ErrorKind::InvalidData,
                format!("the stored file {id} is described with an impossible length"),
            ))),
        }
    }
}

struct Described {
    len: u64,
    chunk_len: u64,
}

/// A database failure, reported as storage failing (logged, answered without its text).
fn failed(e: DbErr) -> StorageError {
    StorageError::Io(io::Error::other(e))
}

impl FileStore for DatabaseStore {
    fn put(&self, bytes: Bytes) -> StoreFuture<'_, ContentId> {
        Box::pin(async move {
            // Hashing up to 50 MiB blocks: keep it off the async workers.
            let (id, bytes) = tokio::task::spawn_blocking(move || (ContentId::of(&bytes), bytes))
                .await
                .map_err(io::Error::other)?;
            let key = id.to_hex();
            let len = i64::try_from(bytes.len()).map_err(io::Error::other)?;
            let txn = self.db.begin().await.map_err(failed)?;
            let described = file_content::Entity::insert(file_content::ActiveModel {
                content_id: Set(key.clone()),
                len: Set(len),
                chunk_len: Set(CHUNK_LEN as i32),
                created_at: Set(super::now_ms()),
            })
            .on_conflict(
                OnConflict::column(file_content::Column::ContentId)
                    .do_nothing()
                    .to_owned(),
            )
            .exec_without_returning(&txn)
            .await
            .map_err(failed)?;
            if described == 1 {
                for (idx, chunk) in bytes.chunks(CHUNK_LEN).enumerate() {
                    file_chunk::Entity::insert(file_chunk::ActiveModel {
                        content_id: Set(key.clone()),
                        idx: Set(i32::try_from(idx).map_err(io::Error::other)?),
                        bytes: Set(chunk.to_vec()),
                    })
                    .exec_without_returning(&txn)
                    .await
                    .map_err(failed)?;
                }
            }
            // Otherwise the same bytes are stored already (perhaps by another node just
            // now, whose transaction this insert waited for).
            txn.commit().await.map_err(failed)?;
            Ok(id)
        })
    }

    fn open(&self, id: ContentId) -> StoreFuture<'_, Option<StoredFile>> {
        Box::pin(async move {
            Ok(self
                .described(id)
                .await?
                .map(|d| StoredFile { id, len: d.len }))
        })
    }

    fn read_range(&self, id: ContentId, start: u64, len: u64) -> StoreFuture<'_, ByteStream> {
        Box::pin(async move {
            let Described {
                len: file_len,
                chunk_len,
            } = self.described(id).await?.ok_or(StorageError::NotFound)?;
            let end = start.checked_add(len);
            if end.is_none_or(|end| end > file_len) {
                return Err(StorageError::RangeOutOfBounds {
                    start,
                    end: end.unwrap_or(u64::MAX),
                    file_len,
                });
            }
            let db = self.db.clone();
            let key = id.to_hex();
            let chunks = stream::try_unfold((start, len), move |(at, remaining)| {
                let db = db.clone();
                let key = key.clone();
                async move {
                    if remaining == 0 {
                        return Ok(None);
                    }
                    let idx = i32::try_from(at / chunk_len).map_err(io::Error::other)?;
                    let chunk = file_chunk::Entity::find_by_id((key, idx))
                        .one(&db)
                        .await
                        .map_err(io::Error::other)?
                        .ok_or_else(|| {
                            io::Error::new(
                                io::ErrorKind::UnexpectedEof,
                                "a chunk of a stored file is missing",
                            )
                        })?;
                    let bytes = Bytes::from(chunk.bytes);
                    let from = usize::try_from(at % chunk_len).map_err(io::Error::other)?;
                    if from >= bytes.len() {
                        return Err(io::Error::new(
                            io::ErrorKind::UnexpectedEof,
                            "a chunk of a stored file is shorter than recorded",
                        ));
                    }
                    let take = usize::try_from(remaining)
                        .map_or(bytes.len() - from, |r| r.min(bytes.len() - from));
                    let piece = bytes.slice(from..from + take);
                    Ok(Some((piece, (at + take as u64, remaining - take as u64))))
                }
            });
            Ok(Box::pin(chunks) as ByteStream)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh SQLite database in a folder of its own, removed when dropped. (The same
    /// code runs on PostgreSQL in the integration tests: `cluster`, `documents`.)
    struct TestDatabase {
        dir: std::path::PathBuf,
        store: DatabaseStore,
    }

    impl TestDatabase {
        async fn new(name: &str) -> TestDatabase {
            let dir = std::env::temp_dir().join(format!(
                "floor-file-store-{name}-{}-{}",
                std::process::id(),
                super::super::now_ms()
            ));
            std::fs::create_dir_all(&dir).unwrap();
            let url = format!("sqlite://{}/floor.db?mode=rwc", dir.display());
            let db = crate::db::connect(&url).await.unwrap();
            TestDatabase {
                dir,
                store: DatabaseStore::new(db),
            }
        }
    }

    impl Drop for TestDatabase {
        fn drop(&mut self) {
            let _ = std::fs::remove_dir_all(&self.dir);
        }
    }

    fn content(len: usize) -> Vec<u8> {
        (0..len).map(|i| (i * 31 % 251) as u8).collect()
    }

    async fn count(store: &DatabaseStore) -> (u64, u64) {
        use sea_orm::PaginatorTrait;
        (
            file_content::Entity::find().count(&store.db).await.unwrap(),
            file_chunk::Entity::find().count(&store.db).await.unwrap(),
        )
    }

    #[tokio::test]
    async fn any_range_reads_back_the_bytes_stored_across_chunks() {
        let t = TestDatabase::new("ranges").await;
        // Two whole chunks and a ragged third.
        let bytes = content(2 * CHUNK_LEN + 12_345);
        let id = t.store.put(Bytes::from(bytes.clone())).await.unwrap();
        assert_eq!(id, ContentId::of(&bytes));
        let len = bytes.len() as u64;
        assert_eq!(
            t.store.open(id).await.unwrap(),
            Some(StoredFile { id, len })
        );
        let c = CHUNK_LEN as u64;
        for (start, count) in [
            (0, len),
            (0, 1),
            (c - 3, 6),
            (c, c),
            (c - 1, c + 2),
            (len - 1, 1),
            (2 * c, len - 2 * c),
            (5, 0),
        ] {
            let got = t.store.read_to_vec(id, start, count).await.unwrap();
            assert!(
                got == bytes[start as usize..(start + count) as usize],
                "{start}+{count}"
            );
        }
        // Streamed a chunk at a time, never more.
        let mut stream = t.store.read_range(id, 0, len).await.unwrap();
        let mut largest = 0;
        while let Some(piece) = futures_util::StreamExt::next(&mut stream).await {
            largest = largest.max(piece.unwrap().len());
        }
        assert_eq!(largest, CHUNK_LEN);
    }

    #[tokio::test]
    async fn out_of_bounds_and_unknown_files_are_typed_errors() {
        let t = TestDatabase::new("bounds").await;
        let id = t
            .store
            .put(Bytes::from_static(b"ten bytes!"))
            .await
            .unwrap();
        assert!(matches!(
            t.store.read_range(id, 5, 6).await,
            Err(StorageError::RangeOutOfBounds {
                start: 5,
                end: 11,
                file_len: 10
            })
        ));
        assert!(matches!(
            t.store.read_range(id, u64::MAX, 2).await,
            Err(StorageError::RangeOutOfBounds { .. })
        ));
        let never = ContentId::of(b"never stored");
        assert_eq!(t.store.open(never).await.unwrap(), None);
        assert!(!t.store.exists(never).await.unwrap());
        assert!(matches!(
            t.store.read_range(never, 0, 1).await,
            Err(StorageError::NotFound)
        ));
    }

    #[tokio::test]
    async fn the_same_bytes_are_stored_once_even_when_stored_at_the_same_moment() {
        let t = TestDatabase::new("once").await;
        let bytes = Bytes::from(content(CHUNK_LEN + 1));
        let id = ContentId::of(&bytes);
        let (first, second) = tokio::join!(t.store.put(bytes.clone()), t.store.put(bytes.clone()));
        assert_eq!((first.unwrap(), second.unwrap()), (id, id));
        assert_eq!(t.store.put(bytes).await.unwrap(), id);
        assert_eq!(count(&t.store).await, (1, 2));
        assert_eq!(t.store.read_to_vec(id, 0, 1).await.unwrap(), content(1));
    }
}
