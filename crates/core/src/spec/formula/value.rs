//! A formula's value: what it computes for one item, never stored.

use std::cmp::Ordering;

use chrono::{Datelike, NaiveDate, NaiveDateTime};

use super::FormulaType;
use super::number;
use crate::spec::FieldType;
use crate::spec::calendar::{date_of, day_number};
use crate::spec::duration;
use crate::spec::value::FieldValue;

#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A field with no value, or what a computation with one gives.
    Empty,
    /// Always finite.
    Number(f64),
    Text(String),
    Bool(bool),
    /// A day number as [`crate::spec::calendar::day_number`] counts them, in
    /// the years 1 to 9999.
    Date(i32),
    /// Seconds, as a Duration field stores them; always finite.
    Duration(f64),
    Tags(Vec<String>),
}

impl Value {
    /// A number, or empty for NaN and the infinities.
    pub fn number(n: f64) -> Value {
        if n.is_finite() {
            Value::Number(n)
        } else {
            Value::Empty
        }
    }

    pub fn duration(secs: f64) -> Value {
        if secs.is_finite() {
            Value::Duration(secs)
        } else {
            Value::Empty
        }
    }

    /// A day, or empty outside the years 1 to 9999 (a date field's
    /// YYYY-MM-DD).
    pub fn date(day: i64) -> Value {
        // day_number(0001-01-01) and day_number(9999-12-31).
        const FIRST: i64 = 1;
        const LAST: i64 = 3_652_059;
        if (FIRST..=LAST).contains(&day) {
            Value::Date(day as i32)
        } else {
            Value::Empty
        }
    }

    /// A stored field's value as a formula reads it, by the field's type
    /// (see [`FormulaType::of`]). A value of another shape than the type's
    /// (kept from before a retype) reads as empty.
    pub fn from_field(ty: &FieldType, value: Option<&FieldValue>) -> Value {
        let Some(value) = value else {
            return Value::Empty;
        };
        match (FormulaType::of(ty), ty, value) {
            (FormulaType::Number, _, FieldValue::Number(n)) => Value::number(*n),
            (FormulaType::Duration, _, FieldValue::Number(n)) => Value::duration(*n),
            (FormulaType::Text, _, FieldValue::Text(s)) => Value::Text(s.clone()),
            (FormulaType::Bool, _, FieldValue::Bool(b)) => Value::Bool(*b),
            (FormulaType::Tags, _, FieldValue::List(v)) => Value::Tags(v.clone()),
            (FormulaType::Date, FieldType::DateTime, FieldValue::Text(s)) => [
                "%Y-%m-%d %H:%M",
                "%Y-%m-%dT%H:%M",
                "%Y-%m-%d %H:%M:%S",
                "%Y-%m-%dT%H:%M:%S",
            ]
            .iter()
            .find_map(|f| NaiveDateTime::parse_from_str(s, f).ok())
            .map_or(Value::Empty, |dt| Value::date(day_number(dt.date()).into())),
            (FormulaType::Date, _, FieldValue::Text(s)) => {
                crate::spec::calendar::iso_date(s).map_or(Value::Empty, |d| Value::date(day_number(d).into()))
            }
            _ => Value::Empty,
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == Value::Empty
    }

    /// The type of the value; `None` for empty.
    pub fn ty(&self) -> Option<FormulaType> {
        Some(match self {
            Value::Empty => return None,
            Value::Number(_) => FormulaType::Number,
            Value::Text(_) => FormulaType::Text,
            Value::Bool(_) => FormulaType::Bool,
            Value::Date(_) => FormulaType::Date,
            Value::Duration(_) => FormulaType::Duration,
            Value::Tags(_) => FormulaType::Tags,
        })
    }

    /// A Number, or a Duration's seconds: what a summary adds up.
    pub fn as_number(&self) -> Option<f64> {
        match self {
            Value::Number(n) | Value::Duration(n) => Some(*n),
            _ => None,
        }
    }

    /// A Text's text.
    pub fn as_text(&self) -> Option<&str> {
        match self {
            Value::Text(s) => Some(s),
            _ => None,
        }
    }

    /// One line for people: numbers with at most 10 decimals, yes/no,
    /// YYYY-MM-DD, durations as "1h30m", tags joined by ", ", empty as "".
    pub fn display(&self) -> String {
        match self {
            Value::Empty => String::new(),
            Value::Number(n) => number::show(*n),
            Value::Text(s) => s.clone(),
            Value::Bool(b) => if *b { "yes" } else { "no" }.to_string(),
            Value::Date(d) => date_of(*d).format("%Y-%m-%d").to_string(),
            Value::Duration(s) => {
                let whole = s.abs().round();
                let sign = if *s < 0.0 && whole >= 1.0 { "-" } else { "" };
                // Finite and rounded, so the cast only saturates past u64.
                format!("{sign}{}", duration::format(whole as u64))
            }
            Value::Tags(t) => t.join(", "),
        }
    }

    /// What a list view sorts by: numbers (and dates, durations, false
    /// before true) before text, text without case. `None` for empty: where
    /// empties go is the caller's.
    pub fn sort_key(&self) -> Option<SortKey> {
        Some(match self {
            Value::Empty => return None,
            Value::Number(n) | Value::Duration(n) => SortKey::Number(*n),
            Value::Bool(b) => SortKey::Number(f64::from(u8::from(*b))),
            Value::Date(d) => SortKey::Number(f64::from(*d)),
            Value::Text(s) => SortKey::Text(s.to_lowercase()),
            Value::Tags(t) => SortKey::Text(t.join(", ").to_lowercase()),
        })
    }

    /// The value's date, for year/month/week.
    pub(crate) fn as_date(&self) -> Option<NaiveDate> {
        match self {
            Value::Date(d) => NaiveDate::from_num_days_from_ce_opt(*d),
            _ => None,
        }
    }
}

/// An ordering of values: see [`Value::sort_key`].
#[derive(Clone, Debug, PartialEq)]
pub enum SortKey {
    Number(f64),
    Text(String),
}

impl Eq for SortKey {}

impl PartialOrd for SortKey {
    fn partial_cmp(&self, other: &Self) -> Option<Ordering> {
        Some(self.cmp(other))
    }
}

impl Ord for SortKey {
    fn cmp(&self, other: &Self) -> Ordering {
        match (self, other) {
            (SortKey::Number(a), SortKey::Number(b)) => a.total_cmp(b),
            (SortKey::Text(a), SortKey::Text(b)) => a.cmp(b),
            (SortKey::Number(_), SortKey::Text(_)) => Ordering::Less,
            (SortKey::Text(_), SortKey::Number(_)) => Ordering::Greater,
        }
    }
}

/// Year, month and ISO week of a day.
pub(crate) fn parts(d: NaiveDate) -> (i32, u32, u32) {
    (d.year(), d.month(), d.iso_week().week())
}
