use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: another program holds the database; is an older nook running? ({detail})")]
    Busy { path: PathBuf, detail: String },
    #[error(
        "{}the database is damaged or is not a nook database ({}); \
        run `nook doctor` to check it and move it aside (it is never deleted), \
        or restore it from a backup",
        located(path),
        printable(detail)
    )]
    Damaged { path: PathBuf, detail: String },
    #[error("{path}: {detail}")]
    Io { path: PathBuf, detail: String },
    /// A record that does not decode: damage. `path` is filled in by the
    /// store that read it, so the message names the file.
    #[error("{}", decode_message(path, what, detail))]
    Decode {
        path: PathBuf,
        what: String,
        detail: String,
    },
    #[error("database error: {0}")]
    Db(String),
    /// The disk failed redb (a read or write refused, a full disk): not
    /// damage, so the hint is about the disk. `path` is filled in by the
    /// store that met it (not by [`StoreError::at`]: doctor's own scan
    /// reports it as redb said it).
    #[error("database error: {}", disk_message(path, detail))]
    Disk { path: PathBuf, detail: String },
    #[error("{0}")]
    Invalid(String),
    /// A change the write path refused as a whole; the words say why.
    #[error("{0}; nothing was changed")]
    Unchanged(String),
}

impl StoreError {
    pub fn decode(what: &str, detail: String) -> StoreError {
        StoreError::Decode {
            path: PathBuf::new(),
            what: what.to_string(),
            detail,
        }
    }

    /// Names `path` in an error that does not name its file yet.
    pub fn at(self, at: &std::path::Path) -> StoreError {
        match self {
            StoreError::Decode { path, what, detail } if path.as_os_str().is_empty() => StoreError::Decode {
                path: at.to_path_buf(),
                what,
                detail,
            },
            StoreError::Damaged { path, detail } if path.as_os_str().is_empty() => StoreError::Damaged {
                path: at.to_path_buf(),
                detail,
            },
            e => e,
        }
    }

    /// Whether this says the file is damaged (not busy, not I/O).
    pub fn is_damage(&self) -> bool {
        matches!(self, StoreError::Damaged { .. } | StoreError::Decode { .. })
    }
}

fn located(path: &std::path::Path) -> String {
    if path.as_os_str().is_empty() {
        String::new()
    } else {
        format!("{}: ", path.display())
    }
}

/// redb's words about a damaged file can quote its bytes (a type name read
/// from a bad page): no control character reaches the terminal.
pub(crate) fn printable(s: &str) -> String {
    s.chars().map(|c| if c.is_control() { '?' } else { c }).collect()
}

fn disk_message(path: &std::path::Path, detail: &str) -> String {
    if path.as_os_str().is_empty() {
        return detail.to_string();
    }
    format!("{}: {detail}; is the disk full or read-only?", path.display())
}

fn decode_message(path: &std::path::Path, what: &str, detail: &str) -> String {
    if path.as_os_str().is_empty() {
        return format!("a stored {what} could not be read: {detail}");
    }
    format!(
        "{}: the database is damaged: a stored {what} could not be read ({detail}); \
         run `nook doctor` to check it and move it aside (it is never deleted), \
         or restore it from a backup",
        path.display()
    )
}

impl From<redb::StorageError> for StoreError {
    fn from(e: redb::StorageError) -> Self {
        match e {
            // The path is filled in by the store that met it.
            redb::StorageError::Corrupted(detail) => damaged(detail),
            // redb reports bytes it cannot make sense of as I/O errors of
            // these kinds; any other I/O error is the disk's, not the file's.
            redb::StorageError::Io(e)
                if matches!(
                    e.kind(),
                    std::io::ErrorKind::InvalidData | std::io::ErrorKind::UnexpectedEof
                ) =>
            {
                damaged(e.to_string())
            }
            e @ (redb::StorageError::Io(_) | redb::StorageError::PreviousIo) => StoreError::Disk {
                path: PathBuf::new(),
                detail: e.to_string(),
            },
            e => StoreError::Db(e.to_string()),
        }
    }
}

fn damaged(detail: String) -> StoreError {
    StoreError::Damaged {
        path: PathBuf::new(),
        detail,
    }
}

impl From<redb::TableError> for StoreError {
    fn from(e: redb::TableError) -> Self {
        match e {
            redb::TableError::Storage(s) => s.into(),
            // nook opens every table with the one definition it was made
            // with, so a stored definition that differs was not written by
            // nook: the page holding it is damaged.
            e @ (redb::TableError::TableTypeMismatch { .. }
            | redb::TableError::TypeDefinitionChanged { .. }
            | redb::TableError::TableIsMultimap(_)
            | redb::TableError::TableIsNotMultimap(_)) => damaged(e.to_string()),
            e => StoreError::Db(e.to_string()),
        }
    }
}

macro_rules! from_redb {
    ($($t:ident),*) => {$(
        impl From<redb::$t> for StoreError {
            fn from(e: redb::$t) -> Self {
                match e {
                    redb::$t::Storage(s) => s.into(),
                    e => StoreError::Db(e.to_string()),
                }
            }
        }
    )*};
}
from_redb!(TransactionError, CommitError);
