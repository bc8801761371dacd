use std::path::PathBuf;

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    #[error("{path}: another program holds the database; is an older nook running? ({detail})")]
    Busy { path: PathBuf, detail: String },
    #[error(
        "{path}: the database is damaged or is not a nook database ({detail}); \
        run `nook doctor` to check it and move it aside (it is never deleted), \
        or restore it from a backup"
    )]
    Damaged { path: PathBuf, detail: String },
    #[error("{path}: {detail}")]
    Io { path: PathBuf, detail: String },
    #[error("a stored {what} could not be read: {detail}")]
    Decode { what: String, detail: String },
    #[error("database error: {0}")]
    Db(String),
    #[error("{0}")]
    Invalid(String),
}

macro_rules! from_redb {
    ($($t:ty),*) => {$(
        impl From<$t> for StoreError {
            fn from(e: $t) -> Self {
                StoreError::Db(e.to_string())
            }
        }
    )*};
}
from_redb!(
    redb::TransactionError,
    redb::TableError,
    redb::StorageError,
    redb::CommitError
);
