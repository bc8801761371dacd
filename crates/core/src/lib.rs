//! nook's pure core: the spec language, the data model, summaries and the
//! overview figures. Nothing here names a terminal, a file or the database:
//! time comes in as `Now`, data through the `overview::Source` a store
//! implements, and the crate does not depend on redb, ratatui or git.

pub mod bundled;
pub mod figures;
pub mod formula;
pub mod model;
pub mod overview;
pub mod spec;
pub mod summary;
pub mod theme;
