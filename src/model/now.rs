//! The moment an action happens, passed in so the core never reads a clock.

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeZone};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Now {
    /// Unix milliseconds.
    pub ms: i64,
    /// The same moment on the user's wall clock (days and "today" come from here).
    pub local: NaiveDateTime,
}

impl Now {
    pub fn system() -> Now {
        Now::from_local(Local::now())
    }

    pub fn from_local<Tz: TimeZone>(t: DateTime<Tz>) -> Now {
        Now {
            ms: t.timestamp_millis(),
            local: t.naive_local(),
        }
    }

    /// A fixed moment for tests: the wall clock is taken as UTC.
    pub fn fixed(local: NaiveDateTime) -> Now {
        Now {
            ms: local.and_utc().timestamp_millis(),
            local,
        }
    }

    pub fn today(&self) -> NaiveDate {
        self.local.date()
    }

    pub fn today_number(&self) -> i32 {
        super::days::day_number(self.today())
    }

    /// The local day of a unix-ms timestamp, as a day number, assuming the
    /// same UTC offset as now (good enough for "today" and charts).
    pub fn day_of_ms(&self, ms: i64) -> i32 {
        let offset = self.local.and_utc().timestamp_millis() - self.ms;
        let local = DateTime::from_timestamp_millis(ms + offset).map(|d| d.naive_utc().date());
        local.map_or(0, super::days::day_number)
    }
}

/// How long ago `ms` milliseconds is, in words: "just now", "5 min ago", "3 h ago", "2 days ago".
pub fn ago(ms: i64) -> String {
    let min = ms / 60_000;
    match min {
        i64::MIN..=0 => "just now".into(),
        1..=59 => format!("{min} min ago"),
        60..=1439 => format!("{} h ago", min / 60),
        _ => format!("{} days ago", min / 1440),
    }
}
