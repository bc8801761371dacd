//! The types a formula's values have, and how nook's field types map to them.

use std::fmt;

use crate::spec::FieldType;

#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum FormulaType {
    Number,
    Text,
    Bool,
    /// A day: what Date fields hold, and a DateTime field's date.
    Date,
    /// Seconds, as a Duration field stores them.
    Duration,
    /// A list of text.
    Tags,
}

impl FormulaType {
    /// What a field of this type reads as in a formula. A DateTime reads as
    /// its date (the time of day is dropped), so `days(start, end)` and
    /// `due < today()` work on both; formulas have no time of day.
    pub fn of(ty: &FieldType) -> FormulaType {
        match ty {
            FieldType::Number { .. }
            | FieldType::Money { .. }
            | FieldType::Rating { .. }
            | FieldType::Percent => FormulaType::Number,
            // A Time reads as its text "08:30", which compares in time order.
            FieldType::Text
            | FieldType::Choice { .. }
            | FieldType::Url
            | FieldType::Email
            | FieldType::Phone
            | FieldType::Time => FormulaType::Text,
            FieldType::Bool => FormulaType::Bool,
            FieldType::Date | FieldType::DateTime => FormulaType::Date,
            FieldType::Duration => FormulaType::Duration,
            FieldType::Tags { .. } => FormulaType::Tags,
            FieldType::Formula { ty, .. } => *ty,
            // The linked item's id.
            FieldType::Link { many: false, .. } => FormulaType::Text,
            FieldType::Link { many: true, .. } => FormulaType::Tags,
            FieldType::Rollup(_) => FormulaType::Number,
        }
    }

    pub fn word(self) -> &'static str {
        match self {
            FormulaType::Number => "Number",
            FormulaType::Text => "Text",
            FormulaType::Bool => "Bool",
            FormulaType::Date => "Date",
            FormulaType::Duration => "Duration",
            FormulaType::Tags => "Tags",
        }
    }
}

impl fmt::Display for FormulaType {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}
