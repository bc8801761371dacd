//! The data model: list items, tracker days, timer runs and their aggregates.
//! Pure: no files, no clocks (callers pass `now`), no terminal.

pub mod amount;
pub mod computed;
pub mod count;
pub mod days;
pub mod due;
pub mod exact_sum;
pub mod fingerprint;
pub mod habit;
pub mod heat;
pub mod held;
pub mod item;
pub mod item_id;
pub mod link;
pub mod migrate;
pub mod money;
pub mod now;
pub mod number_format;
pub mod order;
pub mod recur;
pub mod rollup;
pub mod streak;
pub mod timer;
pub mod view_index;

pub use item::Item;
pub use now::{ClockError, Now};
// Value and input rules belong to the spec language (a field's
// type says what a value may be); the model's old paths still name them.
pub use crate::spec::value::FieldValue;
pub use crate::spec::{input, value};
