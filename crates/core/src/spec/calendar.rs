//! Days and periods as plain integers, so tracker keys sort by date: the
//! calendar the spec's periods and the formula language count in.

use chrono::{Datelike, NaiveDate};

use crate::spec::Period;

/// Days since 0001-01-01 (day 1): a stable, sortable day number.
pub fn day_number(d: NaiveDate) -> i32 {
    d.num_days_from_ce()
}

pub fn date_of(day: i32) -> NaiveDate {
    NaiveDate::from_num_days_from_ce_opt(day).unwrap_or_default()
}

/// A `YYYY-MM-DD` date, as nook stores them, read without chrono's
/// format parser (a figure or a formula reads one per item); any other
/// form goes through chrono as `%Y-%m-%d`.
pub fn iso_date(s: &str) -> Option<NaiveDate> {
    exact_iso_date(s).or_else(|| NaiveDate::parse_from_str(s, "%Y-%m-%d").ok())
}

/// A day written exactly as nook writes one, `YYYY-MM-DD`: None for any
/// other form, without asking chrono.
pub fn exact_iso_date(s: &str) -> Option<NaiveDate> {
    let b = s.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    NaiveDate::from_ymd_opt(digits(&b[..4])? as i32, digits(&b[5..7])?, digits(&b[8..10])?)
}

/// A moment written exactly as nook writes one, `YYYY-MM-DD HH:MM`.
pub fn exact_iso_date_time(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() == 16
        && b[10] == b' '
        && b[13] == b':'
        && s.get(..10).and_then(exact_iso_date).is_some()
        && digits(&b[11..13]).is_some_and(|h| h < 24)
        && digits(&b[14..16]).is_some_and(|m| m < 60)
}

/// ASCII digits read as a number.
fn digits(b: &[u8]) -> Option<u32> {
    b.iter().try_fold(0u32, |n, c| {
        c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
    })
}

/// The index of the period that holds `day`: the day itself, its ISO week
/// (weeks start on Monday), its month or its year.
pub fn period_of(day: i32, period: Period) -> i64 {
    match period {
        Period::Daily => i64::from(day),
        // 0001-01-01 was a Monday, so day 1 starts week 0.
        Period::Weekly => (i64::from(day) - 1).div_euclid(7),
        Period::Monthly => {
            let d = date_of(day);
            i64::from(d.year()) * 12 + i64::from(d.month0())
        }
        Period::Yearly => i64::from(date_of(day).year()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weeks_start_on_monday() {
        let mon = NaiveDate::from_ymd_opt(2026, 11, 23).unwrap();
        let sun = NaiveDate::from_ymd_opt(2026, 11, 29).unwrap();
        let next_mon = NaiveDate::from_ymd_opt(2026, 11, 30).unwrap();
        let w = |d| period_of(day_number(d), Period::Weekly);
        assert_eq!(w(mon), w(sun));
        assert_eq!(w(mon) + 1, w(next_mon));
        assert_eq!(date_of(day_number(mon)), mon);
    }

    #[test]
    fn an_iso_date_reads_as_chrono_reads_it() {
        for s in ["2026-12-02", "2024-02-29", "2026-1-5", "0001-01-01"] {
            assert_eq!(iso_date(s), NaiveDate::parse_from_str(s, "%Y-%m-%d").ok(), "{s}");
        }
        for bad in ["2026-02-30", "2026-13-01", "20x6-01-01", "2026/01/01", ""] {
            assert_eq!(iso_date(bad), None, "{bad}");
        }
    }
}
