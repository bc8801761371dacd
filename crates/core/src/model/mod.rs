//! The data model: list items, tracker days, timer runs and their aggregates.
//! Pure: no files, no clocks (callers pass `now`), no terminal.

pub mod amount;
pub mod computed;
pub mod count;
pub mod days;
pub mod exact_sum;
pub mod heat;
pub mod held;
pub mod input;
pub mod item;
pub mod item_id;
pub mod migrate;
pub mod money;
pub mod now;
pub mod streak;
pub mod timer;
pub mod value;

pub use item::Item;
pub use now::{ClockError, Now};
pub use value::FieldValue;
