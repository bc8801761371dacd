//! How a tracker day changes: the intent, applied to the stored day inside
//! the write transaction (so two processes' steps add up).

#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Amount {
    /// Add this much (less than 0 takes away; the day never goes below 0).
    Add(f64),
    /// Set the day to this.
    Set(f64),
    /// A yes/no habit: done if it was not, not done if it was.
    Toggle,
}
