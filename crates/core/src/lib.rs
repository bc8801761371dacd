//! nook's pure core: the spec language, the data model, summaries and the
//! overview figures. Nothing here names a terminal, a file or the database:
//! time comes in as `Now`, data through the `overview::Source` a store
//! implements, and the crate does not depend on redb, ratatui or git.

pub mod bundled;
pub mod describe;
pub mod model;
pub mod overview;
pub mod spec;
/// The formula language is part of the spec language; kept at the root too.
pub use spec::formula;
pub mod summary;
/// A list's figures are part of its stored summary; kept at the root too.
pub use summary::figures;
pub mod theme;
