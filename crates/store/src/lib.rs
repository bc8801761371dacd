//! The database: the only crate that names redb.
//!
//! Every process opens `nook.redb` in redb's multi-writer mode, so a running
//! TUI and any number of `nook add` commands share the file; write
//! transactions take turns. Writes go through [`Tx::apply`], one operation at
//! a time, each recorded in the operation log in the same transaction.

pub mod codec;
pub mod doctor;
pub mod due_index;
pub mod error;
pub mod exchange;
pub mod export;
pub mod history;
pub mod hold;
pub mod intent;
pub mod kinds;
pub mod log;
pub mod merge;
pub mod multi;
pub mod orphans;
pub mod purge;
pub mod read;
pub mod rollup;
pub mod stamp;
pub mod summary_record;
pub mod tables;
pub mod upgrade;
pub mod view_index;
pub mod write;

pub use nook_core::summary;
use nook_core::{figures, model, overview, spec};

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use redb::{ConcurrencyMode, Database, DatabaseError, ReadOnlyDatabase, ReadableDatabase, ReadableTable};

pub use error::StoreError;
pub use read::Reader;
pub use summary::AppSummary;
pub use write::{LogEntry, Op, Prior, Tx};

use tables::*;

/// Schema of the tables; bumped when a table's key or meaning changes, or a
/// record's format (3: a summary's record holds its head, `summary_record`;
/// a schema-2 file is of schema 3 as it is, and is marked so by the first
/// open that may write).
const SCHEMA: u64 = 3;
/// The oldest schema a read-only open reads as it is.
const OLDEST_READ: u64 = 2;
/// Above this a schema number is damage, not a newer nook.
const LATER_SCHEMA: u64 = 255;
/// The session of every command-line action on this device: `nook undo`
/// then `nook add` clears what `nook redo` would have redone.
pub const CLI_SESSION: &str = "cli";

/// How long a command waits for another process's write before giving up.
const WAIT: Duration = Duration::from_secs(5);

/// The database file's name, which names every file beside it (the lock,
/// doctor's copies, set-aside files).
pub fn db_name(db: &Path) -> String {
    db.file_name()
        .map_or("nook.redb".into(), |n| n.to_string_lossy().into_owned())
}

/// The database, opened to write, or only to read: a read-only handle
/// writes nothing, so it costs no fsync at open or close.
enum Handle {
    Write(Database),
    Read(ReadOnlyDatabase),
}

impl Handle {
    /// The handle that writes; None when opened only to read.
    pub(crate) fn writer(&mut self) -> Option<&mut Database> {
        match self {
            Handle::Write(db) => Some(db),
            Handle::Read(_) => None,
        }
    }

    fn begin_read(&self) -> Result<redb::ReadTransaction, redb::TransactionError> {
        match self {
            Handle::Write(db) => db.begin_read(),
            Handle::Read(db) => db.begin_read(),
        }
    }
}

pub struct Store {
    path: PathBuf,
    /// Closed in [`Drop`] under the panic catch: redb's close writes its
    /// allocator state and walks the trees to do it, and can stop on a bad page.
    db: std::mem::ManuallyDrop<Handle>,
    device: String,
    /// Who writes through this handle (see [`Store::set_session`]).
    session: String,
    /// A shared hold on `nook.redb.lock` while this store is open, so
    /// `nook doctor` knows not to swap the file under it.
    _hold: Option<std::fs::File>,
    /// The handle that writes, for a store opened to read that may write
    /// later ([`Store::open_lazy`]): opened by the first write.
    late: Option<Late>,
}

/// A writer opened when first needed, once, whichever thread writes first.
struct Late {
    writer: std::sync::OnceLock<Database>,
    opening: std::sync::Mutex<()>,
}

impl Store {
    /// Opens (creating if needed, mode 0600) the database at `path`.
    pub fn open(path: &Path) -> Result<Store, StoreError> {
        let hold = hold::shared(path)?;
        let mut store = Store::open_file(path, path)?;
        store._hold = Some(hold);
        Ok(store)
    }

    /// Opens the database at `path` only to read, for the commands that
    /// change nothing (`nook ls`, `items`, `export`, `report`): nothing is
    /// written or synced to disk at open or close. A database that is not
    /// there yet, or that was not closed cleanly, is opened to write instead,
    /// which makes or recovers it. A file of schema 2 is read as it is (its
    /// records read the same under schema 3), so a read-only file stays
    /// readable.
    pub fn open_read(path: &Path) -> Result<Store, StoreError> {
        Store::open_reading(path, OLDEST_READ)
    }

    /// [`Store::open_read`] of a file whose schema is `oldest` or today's.
    fn open_reading(path: &Path, oldest: u64) -> Result<Store, StoreError> {
        if path.exists() {
            let hold = hold::shared(path)?;
            // On this thread: a read-only open waits only where every read
            // waits (a writer's header update), so a thread to give up on it
            // would guard nothing the first read does not wait on anyway.
            let opened = open_here(path, || {
                Database::builder()
                    .set_concurrency_mode(ConcurrencyMode::MultiWriter)
                    .set_cache_size(1 << 20)
                    .open_read_only(path)
            });
            if let Ok(db) = opened {
                let mut store = Store {
                    path: path.to_path_buf(),
                    db: std::mem::ManuallyDrop::new(Handle::Read(db)),
                    device: String::new(),
                    session: CLI_SESSION.to_string(),
                    _hold: Some(hold),
                    late: None,
                };
                // Only a database of a schema from `oldest` to today's with
                // all its tables is read this way; a new, older, newer or
                // damaged one goes through the read-write open, which makes,
                // upgrades or reports it.
                let sound = unpanic(|| {
                    let txn = store.db.begin_read().ok()?;
                    let device = store.read(|r| r.meta_str("device")).ok()??;
                    let schema = store.read(|r| r.meta_u64("schema")).ok()??;
                    ((oldest..=SCHEMA).contains(&schema) && tables::all_there(&txn)).then_some(device)
                });
                if let Ok(Some(device)) = sound {
                    store.device = device;
                    return Ok(store);
                }
            }
        }
        Store::open(path)
    }

    /// Opens the database at `path` to read, and to write once something is
    /// written: the TUI's first frame needs no write, so it costs no sync
    /// (a writable open syncs once, its close four times). A database that
    /// is new, older or was not closed cleanly is opened to write at once,
    /// as [`Store::open_read`] does.
    pub fn open_lazy(path: &Path) -> Result<Store, StoreError> {
        // Today's schema only: its first write must not leave a record of
        // today's format in a file an older nook may still open.
        let mut store = Store::open_reading(path, SCHEMA)?;
        if matches!(*store.db, Handle::Read(_)) {
            store.late = Some(Late {
                writer: std::sync::OnceLock::new(),
                opening: std::sync::Mutex::new(()),
            });
        }
        Ok(store)
    }

    /// Makes a new database at `file` for `nook doctor` to put in place.
    pub fn open_file_new(file: &Path) -> Result<Store, StoreError> {
        Store::open_file(file, file)
    }

    /// Opens `file`, a private copy or a new file `nook doctor` builds,
    /// without the shared hold; errors name `named`.
    pub(crate) fn open_file(file: &Path, named: &Path) -> Result<Store, StoreError> {
        let db = open_writer(file, named)?;
        let mut store = Store {
            path: named.to_path_buf(),
            db: std::mem::ManuallyDrop::new(Handle::Write(db)),
            device: String::new(),
            session: CLI_SESSION.to_string(),
            _hold: None,
            late: None,
        };
        store.device = unpanic(|| store.init())
            .map_err(|_| StoreError::Damaged {
                path: named.to_path_buf(),
                detail: "redb stopped on a page it could not read".into(),
            })?
            .map_err(|e| store.located(e))?;
        Ok(store)
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    pub fn device(&self) -> &str {
        &self.device
    }

    /// Names the session whose actions this handle writes: each running
    /// TUI takes one of its own, so its redo is cleared only by its own
    /// new action. The command line is one session, [`CLI_SESSION`].
    pub fn set_session(&mut self, session: String) {
        self.session = session;
    }

    /// A fresh session id for a TUI that starts now.
    pub fn new_session_id() -> String {
        format!("tui-{}", new_device_id())
    }

    /// Makes the tables on first use; returns this database's device id.
    fn init(&self) -> Result<String, StoreError> {
        // A device read that fails is a new file; the schema's errors are the file's.
        if let Ok(device) = self.read(|r| r.meta_str("device")) {
            match self.read(|r| r.meta_u64("schema"))? {
                // Schemas go up by one; a number no nook will reach is a damaged record.
                Some(schema) if schema > LATER_SCHEMA => {
                    return Err(StoreError::Damaged {
                        path: self.path.clone(),
                        detail: format!("its schema number {schema} is none nook has ever written"),
                    });
                }
                Some(schema) if schema > SCHEMA => {
                    return Err(StoreError::Invalid(format!(
                        "{}: written by a newer nook (schema {schema}); update nook",
                        self.path.display()
                    )));
                }
                Some(1) => self.upgrade()?,
                // Its records read as they are: the write below marks it.
                Some(schema) if schema < SCHEMA => {}
                _ => {
                    if let Some(device) = device {
                        return Ok(device);
                    }
                }
            }
        }
        let txn = self.begin_write()?;
        let device = {
            let mut meta = txn.open_table(META)?;
            let existing = meta
                .get("device")?
                .map(|v| String::from_utf8_lossy(v.value()).into_owned());
            let device = existing.unwrap_or_else(new_device_id);
            meta.insert("device", device.as_bytes())?;
            meta.insert("schema", SCHEMA.to_le_bytes().as_slice())?;
            txn.open_table(ITEMS)?;
            txn.open_table(ENTRIES)?;
            txn.open_table(TIMERS)?;
            txn.open_table(SESSIONS)?;
            txn.open_table(SUMMARIES)?;
            txn.open_table(OPLOG)?;
            txn.open_table(APP_OPS)?;
            txn.open_table(ITEM_META)?;
            txn.open_table(DAY_META)?;
            txn.open_table(MERGE_META)?;
            txn.open_table(SESSIONS_GONE)?;
            txn.open_table(OUTBOX)?;
            txn.open_table(PARKED)?;
            txn.open_table(ROLLUPS)?;
            txn.open_table(ROLLUP_KEYS)?;
            txn.open_table(DUE_INDEX)?;
            device
        };
        txn.commit()?;
        Ok(device)
    }

    /// Upgrades a schema-1 database to schema 2 (which [`Store::init`] then
    /// marks as today's) in one transaction; the file as it
    /// was stays beside it until the transaction has committed.
    fn upgrade(&self) -> Result<(), StoreError> {
        let txn = self.begin_write()?;
        // Another process may have upgraded it while this one waited.
        let schema = txn
            .open_table(META)?
            .get("schema")?
            .map(|v| read::meta_number("schema", v.value()));
        if schema.transpose()?.is_some_and(|s| s >= 2) {
            return Ok(());
        }
        let device = match txn.open_table(META)?.get("device")? {
            Some(v) => String::from_utf8_lossy(v.value()).into_owned(),
            None => new_device_id(),
        };
        let kept = upgrade::kept_path(&self.path);
        std::fs::copy(&self.path, &kept).map_err(|e| StoreError::Io {
            path: kept.clone(),
            detail: format!("could not keep the database as it was before upgrading it: {e}"),
        })?;
        let now = crate::model::Now::system().map(|n| n.ms).unwrap_or(0);
        upgrade::run(&txn, &device, now)?;
        txn.open_table(SESSIONS_GONE)?;
        txn.open_table(PARKED)?;
        txn.commit()?;
        let _ = std::fs::remove_file(&kept);
        Ok(())
    }

    fn begin_write(&self) -> Result<redb::WriteTransaction, StoreError> {
        let db = match &*self.db {
            Handle::Write(db) => db,
            Handle::Read(_) => self.late_writer()?,
        };
        let started = Instant::now();
        loop {
            match db.try_begin_write() {
                Ok(t) => return Ok(t),
                Err(redb::TransactionError::WouldBlock) if started.elapsed() < WAIT => {
                    std::thread::sleep(Duration::from_millis(2));
                }
                Err(redb::TransactionError::WouldBlock) => {
                    return Err(StoreError::Busy {
                        path: self.path.clone(),
                        detail: "another nook has been writing for 5 s".into(),
                    });
                }
                Err(e) => return Err(e.into()),
            }
        }
    }

    /// The writer of a store opened by [`Store::open_lazy`], opened now if
    /// it is not yet; an error for a store opened only to read.
    fn late_writer(&self) -> Result<&Database, StoreError> {
        let Some(late) = &self.late else {
            return Err(StoreError::Db(format!(
                "{}: opened only to read, so nothing can be written",
                self.path.display()
            )));
        };
        if let Some(db) = late.writer.get() {
            return Ok(db);
        }
        // One open, whichever threads write first; a failed one is tried
        // again by the next write.
        let _one = late.opening.lock().unwrap_or_else(|e| e.into_inner());
        if let Some(db) = late.writer.get() {
            return Ok(db);
        }
        // The file was of today's schema with every table when it was
        // opened to read, and the hold keeps `nook doctor` from swapping
        // it since: there is nothing for `init` to make.
        let db = open_writer(&self.path, &self.path)?;
        Ok(late.writer.get_or_init(|| db))
    }

    /// Runs `f` over a consistent snapshot.
    pub fn read<R>(&self, f: impl FnOnce(&Reader) -> Result<R, StoreError>) -> Result<R, StoreError> {
        unpanic(|| {
            // Once there is a writer, reads see its commits through it.
            let txn = match self.late.as_ref().and_then(|l| l.writer.get()) {
                Some(writer) => writer.begin_read()?,
                None => self.db.begin_read()?,
            };
            let reader = Reader::new(txn);
            f(&reader)
        })
        .map_err(|detail| self.unreadable(detail))?
        .map_err(|e| self.located(e))
    }

    /// Runs `f` in one write transaction for `app`; everything it applies
    /// commits together or not at all.
    pub fn write<R>(
        &self,
        app: &crate::spec::Spec,
        now: crate::model::Now,
        f: impl FnOnce(&mut Tx) -> Result<R, StoreError>,
    ) -> Result<R, StoreError> {
        unpanic(|| {
            let txn = self.begin_write()?;
            let mut tx = Tx::new(&txn, app, now, &self.device, &self.session)?;
            let out = f(&mut tx)?;
            tx.finish()?;
            drop(tx);
            txn.commit()?;
            Ok(out)
        })
        .map_err(|detail| self.unreadable(detail))?
        .map_err(|e| self.located(e))
    }

    /// Names the file in an error from redb (a disk failure's message
    /// gets its hint from the variant).
    fn located(&self, e: StoreError) -> StoreError {
        match e.at(&self.path) {
            StoreError::Db(detail) => StoreError::Db(format!("{}: {detail}", self.path.display())),
            StoreError::Disk { detail, .. } => StoreError::Disk {
                path: self.path.clone(),
                detail,
            },
            e => e,
        }
    }

    /// redb stopped (panicked) on a page: damage, whatever its words.
    fn unreadable(&self, _panic: String) -> StoreError {
        StoreError::Damaged {
            path: self.path.clone(),
            detail: "redb stopped on a page it could not read".into(),
        }
    }

    /// Stores a small per-machine setting (the open layout, the theme chosen
    /// with T). A value already stored is not written again: quitting the
    /// launcher saves the layout, and a write costs seven syncs (and, for
    /// a TUI that only read, the open to write).
    pub fn set_meta(&self, key: &str, value: &[u8]) -> Result<(), StoreError> {
        let key = format!("ui.{key}");
        if self.read(|r| r.meta_bytes(&key))?.as_deref() == Some(value) {
            return Ok(());
        }
        self.raw_write(|txn| {
            txn.open_table(META)?.insert(key.as_str(), value)?;
            Ok(())
        })
    }

    /// One write transaction outside the operation log, under the panic catch.
    fn raw_write(
        &self,
        f: impl FnOnce(&redb::WriteTransaction) -> Result<(), StoreError>,
    ) -> Result<(), StoreError> {
        unpanic(|| {
            let txn = self.begin_write()?;
            f(&txn)?;
            txn.commit()?;
            Ok(())
        })
        .map_err(|detail| self.unreadable(detail))?
        .map_err(|e| self.located(e))
    }

    /// Records when an app was first seen (opened or written), once.
    pub fn note_created(&self, app: &str, ms: i64) -> Result<(), StoreError> {
        let key = format!("created.{app}");
        if self.read(|r| r.meta_str(&key))?.is_some() {
            return Ok(());
        }
        self.raw_write(|txn| {
            let mut meta = txn.open_table(META)?;
            if meta.get(key.as_str())?.is_none() {
                meta.insert(key.as_str(), ms.to_string().as_bytes())?;
            }
            Ok(())
        })
    }

    pub fn get_meta(&self, key: &str) -> Result<Option<String>, StoreError> {
        self.read(|r| r.meta_str(&format!("ui.{key}")))
    }

    /// Every setting whose key starts with `prefix`, by key, in one range read.
    pub fn get_metas_under(
        &self,
        prefix: &str,
    ) -> Result<std::collections::HashMap<String, String>, StoreError> {
        let under = self.read(|r| r.meta_under(&format!("ui.{prefix}")))?;
        Ok(under
            .into_iter()
            .map(|(rest, v)| (format!("{prefix}{rest}"), v))
            .collect())
    }

    /// The id of the last operation: changes whenever any process writes.
    pub fn last_op(&self) -> Result<u64, StoreError> {
        self.read(|r| Ok(r.meta_u64("seq")?.unwrap_or(0)))
    }
}

impl Drop for Store {
    fn drop(&mut self) {
        // SAFETY: `db` is taken once, here, and never used again.
        let db = unsafe { std::mem::ManuallyDrop::take(&mut self.db) };
        let late = self.late.take().and_then(|mut l| l.writer.take());
        // A close that stops on a bad page leaves the file as a killed
        // process would; the next open recovers it or reports the damage.
        let _ = unpanic(move || drop(late));
        let _ = unpanic(move || drop(db));
    }
}

/// Opens (making it, mode 0600, if needed) the database `file` to write;
/// errors name `named`.
fn open_writer(file: &Path, named: &Path) -> Result<Database, StoreError> {
    let io = |e: std::io::Error| StoreError::Io {
        path: named.to_path_buf(),
        detail: e.to_string(),
    };
    if !file.exists() {
        if let Some(dir) = file.parent() {
            std::fs::create_dir_all(dir).map_err(io)?;
        }
        create_private(file).map_err(io)?;
    }
    let owned = file.to_path_buf();
    open_waiting(named, move || {
        Database::builder()
            .set_concurrency_mode(ConcurrencyMode::MultiWriter)
            .set_cache_size(1 << 20)
            .create(&owned)
    })
}

/// Runs `open` (redb's open of the file reported as `named`) in a thread,
/// giving up after [`WAIT`]: redb's writable open waits on the file lock
/// without a timeout, so a process stopped in the middle of a write would
/// hang us.
fn open_waiting<D: Send + 'static>(
    named: &Path,
    open: impl Fn() -> Result<D, DatabaseError> + Send + Clone + 'static,
) -> Result<D, StoreError> {
    open_retrying(named, |left| {
        let (send, receive) = std::sync::mpsc::channel();
        let attempt_open = open.clone();
        std::thread::spawn(move || {
            let attempt = unpanic(attempt_open);
            let _ = send.send(attempt);
        });
        receive.recv_timeout(left).ok()
    })
}

/// Runs `open` on this thread, trying again while the file is busy.
fn open_here<D>(named: &Path, open: impl Fn() -> Result<D, DatabaseError>) -> Result<D, StoreError> {
    open_retrying(named, |_| Some(unpanic(&open)))
}

/// Makes `attempt` (given the time left; None when it ran out) until it
/// opens, trying again for [`WAIT`] while another process holds the file.
fn open_retrying<D>(
    named: &Path,
    mut attempt: impl FnMut(Duration) -> Option<Result<Result<D, DatabaseError>, String>>,
) -> Result<D, StoreError> {
    let io = |e: std::io::Error| StoreError::Io {
        path: named.to_path_buf(),
        detail: e.to_string(),
    };
    let started = Instant::now();
    loop {
        let left = WAIT
            .saturating_sub(started.elapsed())
            .max(Duration::from_millis(100));
        let Some(attempt) = attempt(left) else {
            return Err(StoreError::Busy {
                path: named.to_path_buf(),
                detail: "another nook process has been in the middle of a write for 5 s".into(),
            });
        };
        // A panic's own words ("entered unreachable code") say nothing to a user.
        let attempt = attempt.map_err(|_| StoreError::Damaged {
            path: named.to_path_buf(),
            detail: "redb stopped on a page it could not read".into(),
        })?;
        match attempt {
            Ok(db) => return Ok(db),
            Err(DatabaseError::DatabaseAlreadyOpen) if started.elapsed() < WAIT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(DatabaseError::DatabaseAlreadyOpen) => {
                return Err(StoreError::Busy {
                    path: named.to_path_buf(),
                    detail: "waited 5 s for it to be free".into(),
                });
            }
            // redb reports a file that is not a database, or is cut short, as I/O
            // errors of these kinds; anything else is a real I/O problem.
            Err(DatabaseError::Storage(redb::StorageError::Io(e)))
                if !matches!(
                    e.kind(),
                    std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
                ) =>
            {
                return Err(io(e));
            }
            Err(e) => {
                return Err(StoreError::Damaged {
                    path: named.to_path_buf(),
                    detail: e.to_string(),
                });
            }
        }
    }
}

/// Runs `f`, turning a panic into its message: redb panics on some damaged
/// pages instead of returning an error, and a damaged file must be reported,
/// not crash nook.
fn unpanic<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    let was = CATCHING.with(|c| c.replace(true));
    let result = std::panic::catch_unwind(std::panic::AssertUnwindSafe(f));
    CATCHING.with(|c| c.set(was));
    result.map_err(|payload| {
        payload
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| payload.downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "redb stopped on a page it could not read".into())
    })
}

thread_local! {
    static CATCHING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

/// Whether this thread is inside [`unpanic`]: a panic there is redb
/// stopping on a damaged page and becomes an error, so a panic hook should
/// neither print it nor restore the terminal.
pub fn panic_is_caught() -> bool {
    CATCHING.with(|c| c.get())
}

fn create_private(path: &Path) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    match opts.open(path) {
        Ok(_) => Ok(()),
        // Another process made it first.
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(e) => Err(e),
    }
}

fn new_device_id() -> String {
    use std::hash::{BuildHasher, Hasher};
    let mut h = std::collections::hash_map::RandomState::new().build_hasher();
    h.write_u128(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos()),
    );
    h.write_u32(std::process::id());
    format!("{:016x}", h.finish())
}

/// Reads a table that `init` created; a missing table reads as empty.
pub(crate) fn missing_ok<T>(r: Result<T, redb::TableError>) -> Result<Option<T>, StoreError> {
    match r {
        Ok(t) => Ok(Some(t)),
        Err(redb::TableError::TableDoesNotExist(_)) => Ok(None),
        Err(e) => Err(e.into()),
    }
}

#[cfg(test)]
mod tests {
    use super::{Store, StoreError};

    fn located(e: redb::StorageError) -> StoreError {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open_file_new(&dir.path().join("nook.redb")).unwrap();
        store.located(e.into())
    }

    #[test]
    fn a_disk_failure_names_the_file_and_asks_about_the_disk() {
        let e = located(redb::StorageError::Io(std::io::Error::from(
            std::io::ErrorKind::PermissionDenied,
        )));
        let text = e.to_string();
        assert!(matches!(e, StoreError::Disk { .. }), "{e:?}");
        assert!(text.starts_with("database error: "), "{text}");
        assert!(text.contains("nook.redb: I/O error: permission denied"), "{text}");
        assert!(text.ends_with("; is the disk full or read-only?"), "{text}");
        let e = located(redb::StorageError::PreviousIo);
        assert!(e.to_string().ends_with("; is the disk full or read-only?"), "{e}");
    }

    #[test]
    fn a_database_error_that_is_not_the_disk_gets_no_disk_hint() {
        let e = located(redb::StorageError::DatabaseClosed);
        assert!(matches!(e, StoreError::Db(_)), "{e:?}");
        assert!(
            e.to_string().ends_with("nook.redb: Database has been closed"),
            "{e}"
        );
        let e = located(redb::StorageError::Corrupted("bad page".into()));
        assert!(e.is_damage(), "{e:?}");
    }
}
