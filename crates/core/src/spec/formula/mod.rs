//! Formula fields' expression language: `hours * rate`,
//! `due < today() and not done`, `if(paid, 0, amount)`.
//!
//! Three steps, each total: [`parse`] turns the text into an [`Expr`] (every
//! syntax problem at once, at its column inside the text), [`check`] gives
//! its [`FormulaType`] against the app's fields (unknown names with "did you
//! mean", type errors at the operator or argument), and [`eval`] computes a
//! [`Value`] for one item. Evaluation never panics and never loops: there
//! are no loops, no I/O and nothing but the item's fields, and [`parse`]
//! refuses sources over [`MAX_CHARS`] characters or nested deeper than
//! [`MAX_DEPTH`], so the work is linear in a small size.
//!
//! Empties work like a spreadsheet's blank cell: arithmetic with an empty is
//! empty (joining text reads it as no text), comparisons with an empty are
//! false, `not`, `and` and `or` read it as false, `if` with an empty
//! condition takes the else branch; division by zero, a NaN or an infinite
//! result and a date out of range are empty too. The user's reference is
//! docs/formulas.md.
//!
//! Written here rather than taken from a crate (evalexpr, cel-interpreter):
//! nook needs every error at once with its column, "did you mean" over the
//! app's field names, and a type checker over nook's own field types (Date,
//! Duration, Tags) that runs before any data is read; none of those crates
//! gives that.

mod check;
mod eval;
mod expr;
mod lex;
mod number;
mod parse;
mod types;
mod value;

#[cfg(test)]
mod tests;

pub use check::check;
pub use eval::eval;
pub use expr::{Expr, Func, field_uses_today, references, uses_today};
pub use parse::parse;
pub use types::FormulaType;
pub use value::{SortKey, Value};

/// The longest formula, in characters.
pub const MAX_CHARS: usize = 1000;
/// The deepest nesting of parentheses, calls and `-`/`not`.
pub const MAX_DEPTH: usize = 32;

/// Where something is inside a formula's text: character columns, 0-based,
/// `end` exclusive (characters, not bytes, so a caller adds the column the
/// text starts at).
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub(crate) fn new(start: usize, end: usize) -> Span {
        Span { start, end }
    }

    /// From the start of `self` to the end of `other`.
    pub(crate) fn to(self, other: Span) -> Span {
        Span::new(self.start, other.end.max(self.start))
    }
}

/// One problem in a formula.
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    pub span: Span,
    pub message: String,
}

impl Problem {
    pub(crate) fn new(span: Span, message: impl Into<String>) -> Problem {
        Problem {
            span,
            message: message.into(),
        }
    }

    /// The column the problem starts at.
    pub fn at(&self) -> usize {
        self.span.start
    }
}
