//! What a list's due field and `repeat:` say, as read by `load/due.rs`. The
//! date arithmetic is `model/recur.rs`'s; what is due when, `model/due.rs`'s.

use serde::{Deserialize, Serialize};

/// `"when": Date(due: true)`, with the list's `repeat:` and `repeat_from:`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Due {
    /// The Date or DateTime field marked `due: true`.
    pub field: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub repeat: Option<Repeat>,
    pub from: RepeatFrom,
    /// `remind: Before("1d")` on the due field: seconds before the due
    /// moment (a Date's is the start of its day) that `nook remind` says it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub remind: Option<u64>,
}

/// How a recurring item's next due date follows the last.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Repeat {
    Daily,
    Weekly,
    /// Monday to Friday.
    Weekdays,
    /// The same day of the month; `day:` fixes it (clamped to the month's last day).
    Monthly {
        day: Option<u8>,
    },
    Yearly,
    Every {
        n: u32,
        unit: RepeatUnit,
    },
    /// The item's own schedule: every so many days from a Duration or
    /// Number(unit: "days") field, or a schedule word from a Choice field
    /// (`Repeat::WORDS`); an item without a value does not repeat.
    Field(String),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum RepeatUnit {
    Days,
    Weeks,
    Months,
}

/// Where the next occurrence is counted from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum RepeatFrom {
    /// The due date (a rota, a bill): the schedule stays put.
    #[default]
    Due,
    /// The day it was ticked (watering a plant).
    Done,
}

impl Repeat {
    /// The options a Choice read by `Field(..)` may have, each item's own schedule.
    pub const WORDS: &[&str] = &[
        "Daily",
        "Weekly",
        "Weekdays",
        "Fortnightly",
        "Monthly",
        "Yearly",
        "Never",
    ];

    /// A Choice option as a schedule (any case); `Some(None)` for "Never".
    pub fn from_word(word: &str) -> Option<Option<Repeat>> {
        Some(Some(match word.trim().to_lowercase().as_str() {
            "daily" => Repeat::Daily,
            "weekly" => Repeat::Weekly,
            "weekdays" => Repeat::Weekdays,
            "fortnightly" => Repeat::Every {
                n: 2,
                unit: RepeatUnit::Weeks,
            },
            "monthly" => Repeat::Monthly { day: None },
            "yearly" => Repeat::Yearly,
            "never" => return Some(None),
            _ => return None,
        }))
    }

    /// As a spec writes it.
    pub fn written(&self) -> String {
        match self {
            Repeat::Daily => "Daily".into(),
            Repeat::Weekly => "Weekly".into(),
            Repeat::Weekdays => "Weekdays".into(),
            Repeat::Monthly { day: None } => "Monthly".into(),
            Repeat::Monthly { day: Some(d) } => format!("Monthly(day: {d})"),
            Repeat::Yearly => "Yearly".into(),
            Repeat::Every { n, unit } => format!("Every({n}, {unit:?})"),
            Repeat::Field(f) => format!("Field({f:?})"),
        }
    }
}
