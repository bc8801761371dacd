//! The moment an action happens, passed in so the core never reads a clock.

use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, Local, NaiveDate, NaiveDateTime, TimeZone};

#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Now {
    /// Unix milliseconds.
    pub ms: i64,
    /// The same moment on the user's wall clock (days and "today" come from here).
    pub local: NaiveDateTime,
}

impl Now {
    /// The system clock now; an error when it is before 1970, where nook
    /// would date every record wrongly (and chrono's clock panics).
    pub fn system() -> Result<Now, ClockError> {
        Now::at(system_time())
    }

    /// The moment `t` on the local wall clock.
    pub fn at(t: SystemTime) -> Result<Now, ClockError> {
        let ms = match t.duration_since(UNIX_EPOCH) {
            Ok(d) => i64::try_from(d.as_millis()).map_err(|_| ClockError::Unreadable)?,
            Err(e) => return Err(ClockError::Before1970(e.duration())),
        };
        let utc = DateTime::from_timestamp_millis(ms).ok_or(ClockError::Unreadable)?;
        Ok(Now::from_local(utc.with_timezone(&Local)))
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

/// A system clock nook cannot date records by.
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
pub enum ClockError {
    #[error(
        "the system clock says {}; set the date and time, then try again",
        before_1970(*.0)
    )]
    Before1970(std::time::Duration),
    #[error("the system clock says a time past the year 262,000; set the date and time, then try again")]
    Unreadable,
}

/// The UTC time `before` ahead of 1970, as "1969-12-31 12:00:00 UTC,
/// before 1970", or "a time long before 1970" past what a date can hold.
fn before_1970(before: std::time::Duration) -> String {
    i64::try_from(before.as_millis())
        .ok()
        .and_then(|ms| DateTime::from_timestamp_millis(-ms))
        .map_or_else(
            || "a time long before 1970".into(),
            |t| t.format("%Y-%m-%d %H:%M:%S UTC, before 1970").to_string(),
        )
}

/// The system clock. Debug builds honour `NOOK_TEST_NOW` (unix milliseconds,
/// negative for before 1970) so tests can set the clock; release builds
/// have no such override.
#[expect(
    clippy::disallowed_methods,
    reason = "the one clock the core reads: the seam every `Now` starts from"
)]
pub fn system_time() -> SystemTime {
    #[cfg(debug_assertions)]
    if let Some(ms) = std::env::var("NOOK_TEST_NOW")
        .ok()
        .and_then(|v| v.trim().parse::<i64>().ok())
    {
        let d = std::time::Duration::from_millis(ms.unsigned_abs());
        let t = if ms >= 0 {
            UNIX_EPOCH.checked_add(d)
        } else {
            UNIX_EPOCH.checked_sub(d)
        };
        if let Some(t) = t {
            return t;
        }
    }
    SystemTime::now()
}

/// The wall-clock time now for a log record, "YYYY-MM-DD HH:MM:SS", or a
/// note that the clock is unreadable: a panic report must never fail.
pub fn stamp() -> String {
    match Now::system() {
        Ok(now) => now.local.format("%Y-%m-%d %H:%M:%S").to_string(),
        Err(e) => format!("(no time: {e})"),
    }
}

/// How long ago `ms` milliseconds is, in words: "just now", "5 min ago", "3 h ago", "yesterday", "2 days ago".
pub fn ago(ms: i64) -> String {
    let min = ms / 60_000;
    match min {
        i64::MIN..=0 => "just now".into(),
        1..=59 => format!("{min} min ago"),
        60..=1439 => format!("{} h ago", min / 60),
        _ => super::count::days_ago(min / 1440),
    }
}

#[cfg(test)]
mod tests {
    use std::time::{Duration, UNIX_EPOCH};

    use super::{ClockError, Now, ago};

    #[test]
    fn one_day_ago_is_said_in_the_singular() {
        let day = 86_400_000;
        assert_eq!(ago(day), "yesterday");
        assert_eq!(ago(2 * day - 1), "yesterday");
        assert_eq!(ago(2 * day), "2 days ago");
        assert_eq!(ago(60_000), "1 min ago");
        assert_eq!(ago(3_600_000), "1 h ago");
    }

    #[test]
    fn a_time_before_1970_is_an_error_that_names_it() {
        let t = UNIX_EPOCH - Duration::from_secs(12 * 3600);
        let err = Now::at(t).unwrap_err();
        assert_eq!(err, ClockError::Before1970(Duration::from_secs(12 * 3600)));
        let text = err.to_string();
        assert!(
            text.contains("1969-12-31 12:00:00 UTC") && text.contains("before 1970"),
            "{text}"
        );
        if let Some(far) = UNIX_EPOCH.checked_sub(Duration::from_secs(1 << 62)) {
            let text = Now::at(far).unwrap_err().to_string();
            assert_eq!(text.matches("before 1970").count(), 1, "said once: {text}");
        }
    }

    #[test]
    fn a_time_after_1970_reads() {
        let now = Now::at(UNIX_EPOCH + Duration::from_secs(86_400 * 365)).unwrap();
        assert_eq!(now.ms, 86_400_000 * 365);
        assert!(Now::at(UNIX_EPOCH).is_ok());
    }
}
