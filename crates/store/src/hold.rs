//! Who has the database open. Every nook that opens `nook.redb` holds a
//! shared lock on `nook.redb.lock` beside it until it closes; `nook doctor`
//! takes it exclusively before it replaces the file, so no open nook keeps
//! writing into a file that was set aside, and no nook opens one mid-swap.
//! redb's own locks cannot say this: in multi-writer mode every process
//! shares them.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use super::{StoreError, WAIT};

pub fn lock_path(db: &Path) -> PathBuf {
    let name = super::db_name(db);
    db.with_file_name(format!("{name}.lock"))
}

fn open(db: &Path) -> Result<File, StoreError> {
    let path = lock_path(db);
    let io = |e: std::io::Error| StoreError::Io {
        path: path.clone(),
        detail: e.to_string(),
    };
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(io)?;
    }
    let mut opts = std::fs::OpenOptions::new();
    opts.read(true).write(true).create(true).truncate(false);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(&path).map_err(io)
}

/// A shared hold for an ordinary open; waits up to 5 s for a doctor.
pub(crate) fn shared(db: &Path) -> Result<File, StoreError> {
    let file = open(db)?;
    let started = Instant::now();
    loop {
        match file.try_lock_shared() {
            Ok(()) => return Ok(file),
            Err(TryLockError::WouldBlock) if started.elapsed() < WAIT => {
                std::thread::sleep(Duration::from_millis(20));
            }
            Err(TryLockError::WouldBlock) => {
                return Err(StoreError::Busy {
                    path: db.to_path_buf(),
                    detail: "`nook doctor` is replacing it; try again when it is done".into(),
                });
            }
            // A filesystem without locks: go on as nook did before.
            Err(TryLockError::Error(_)) => return Ok(file),
        }
    }
}

/// The hold `nook doctor` keeps while it replaces the database.
pub struct Exclusive {
    _file: File,
}

/// Takes the exclusive hold, or says that another nook has the file open.
pub fn exclusive(db: &Path) -> Result<Exclusive, StoreError> {
    let file = open(db)?;
    match file.try_lock() {
        Ok(()) => Ok(Exclusive { _file: file }),
        Err(TryLockError::WouldBlock) => Err(StoreError::Invalid(format!(
            "{}: another nook process (the TUI, or a command) has it open; close it first, \
             then run `nook doctor` again",
            db.display()
        ))),
        Err(TryLockError::Error(e)) => Err(StoreError::Io {
            path: lock_path(db),
            detail: format!("cannot lock it: {e}"),
        }),
    }
}
