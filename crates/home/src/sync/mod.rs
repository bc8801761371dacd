//! Syncing the apps folder with git: the system `git` binary driven in the
//! folder (no library), so the specs are a plain repository the user can
//! also work on by hand. App data travels beside the specs as operation
//! files (see `data`), unless the config keeps it on the machine.

pub mod beside;
pub mod compact;
pub mod data;
mod error;
pub mod git;
pub mod init;
pub mod message;
pub mod notes;
pub(crate) mod process;
pub mod remote;
pub mod run;
pub mod seal;
pub mod status;

pub use error::SyncError;
pub use git::GitError;
pub use notes::Choice;
pub use run::{Outcome, resolve, status, sync};
pub use status::Status;
