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
}
