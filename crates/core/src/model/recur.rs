//! The next due date of a recurring item: calendar-day arithmetic on
//! `NaiveDate`, so a day is a day of the calendar whatever the clock's
//! offset did (a DST change or a flight moves no due date).

use chrono::{Datelike, Months, NaiveDate, Weekday};

use crate::spec::due::{Repeat, RepeatFrom, RepeatUnit};

/// A rule with its per-item interval resolved: what [`step`] walks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Rule {
    Days(u32),
    Weekdays,
    Months(u32),
    /// On this day of every month, or the month's last day when it is shorter.
    MonthDay(u8),
}

impl Rule {
    /// The rule of `repeat`; `every` is the item's own interval in days
    /// for `Field(..)` (None or under a day: the item does not repeat).
    pub fn of(repeat: &Repeat, every: Option<f64>) -> Option<Rule> {
        Some(match repeat {
            Repeat::Daily => Rule::Days(1),
            Repeat::Weekly => Rule::Days(7),
            Repeat::Weekdays => Rule::Weekdays,
            Repeat::Monthly { day: None } => Rule::Months(1),
            Repeat::Monthly { day: Some(d) } => Rule::MonthDay(*d),
            Repeat::Yearly => Rule::Months(12),
            Repeat::Every { n, unit } => match unit {
                RepeatUnit::Days => Rule::Days(*n),
                RepeatUnit::Weeks => Rule::Days(n.saturating_mul(7)),
                RepeatUnit::Months => Rule::Months(*n),
            },
            Repeat::Field(_) => {
                let days = every?.round();
                if !(1.0..=36_600.0).contains(&days) {
                    return None;
                }
                Rule::Days(days as u32)
            }
        })
    }
}

/// The first occurrence after `d` (never `d` itself); None past the calendar's end.
pub fn step(rule: Rule, d: NaiveDate) -> Option<NaiveDate> {
    match rule {
        Rule::Days(n) => d.checked_add_days(chrono::Days::new(u64::from(n.max(1)))),
        Rule::Weekdays => {
            let mut next = d.succ_opt()?;
            while matches!(next.weekday(), Weekday::Sat | Weekday::Sun) {
                next = next.succ_opt()?;
            }
            Some(next)
        }
        // chrono clamps: 31 January plus a month is the last day of February.
        Rule::Months(n) => d.checked_add_months(Months::new(n.max(1))),
        Rule::MonthDay(day) => {
            let this = on_day(d.year(), d.month(), day)?;
            if this > d {
                return Some(this);
            }
            let first =
                NaiveDate::from_ymd_opt(d.year(), d.month(), 1)?.checked_add_months(Months::new(1))?;
            on_day(first.year(), first.month(), day)
        }
    }
}

/// `day` of the month, or its last day when the month is shorter.
fn on_day(year: i32, month: u32, day: u8) -> Option<NaiveDate> {
    (1..=u32::from(day))
        .rev()
        .find_map(|d| NaiveDate::from_ymd_opt(year, month, d))
}

/// How far back a schedule is walked before it jumps: a daily item ten
/// years overdue takes 3,650 steps, far below this.
const MAX_STEPS: usize = 100_000;

/// The due date after a tick on `today` of an item due on `due`.
///
/// From the due date: the first occurrence of the schedule (which starts at
/// `due`) after both the due date and today, so an item ticked early moves
/// one step and one days overdue moves to the first occurrence after today,
/// not to another day in the past. From the day done: one step from today.
pub fn next_due(rule: Rule, from: RepeatFrom, due: NaiveDate, today: NaiveDate) -> Option<NaiveDate> {
    match from {
        RepeatFrom::Done => step(rule, today),
        RepeatFrom::Due => {
            let after = due.max(today);
            let mut d = due;
            for _ in 0..MAX_STEPS {
                d = step(rule, d)?;
                if d > after {
                    return Some(d);
                }
            }
            step(rule, after)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    fn next(rule: Rule, due: &str, today: &str) -> String {
        next_due(rule, RepeatFrom::Due, d(due), d(today))
            .unwrap()
            .to_string()
    }

    #[test]
    fn monthly_on_the_31st_lands_on_the_last_day_of_shorter_months() {
        let r = Rule::MonthDay(31);
        assert_eq!(next(r, "2026-01-31", "2026-01-31"), "2026-02-28");
        assert_eq!(next(r, "2026-02-28", "2026-02-28"), "2026-03-31");
        assert_eq!(next(r, "2026-03-31", "2026-03-31"), "2026-04-30");
        // A leap year's February has a 29th.
        assert_eq!(next(r, "2028-01-31", "2028-01-31"), "2028-02-29");
        let r = Rule::MonthDay(30);
        assert_eq!(next(r, "2027-01-30", "2027-01-30"), "2027-02-28");
        assert_eq!(next(r, "2027-02-28", "2027-02-28"), "2027-03-30");
    }

    #[test]
    fn monthly_without_a_day_keeps_the_due_dates_day_clamped() {
        assert_eq!(next(Rule::Months(1), "2026-01-31", "2026-01-31"), "2026-02-28");
        assert_eq!(next(Rule::Months(1), "2026-05-15", "2026-05-10"), "2026-06-15");
    }

    #[test]
    fn yearly_from_the_29th_of_february_falls_on_the_28th_in_other_years() {
        assert_eq!(next(Rule::Months(12), "2028-02-29", "2028-02-29"), "2029-02-28");
        assert_eq!(next(Rule::Months(12), "2026-12-02", "2026-12-02"), "2027-12-02");
    }

    #[test]
    fn weekdays_skip_the_weekend() {
        // 2026-12-04 is a Friday.
        assert_eq!(next(Rule::Weekdays, "2026-12-04", "2026-12-04"), "2026-12-07");
        assert_eq!(next(Rule::Weekdays, "2026-12-07", "2026-12-07"), "2026-12-08");
        // Due on a Saturday: the Monday after.
        assert_eq!(next(Rule::Weekdays, "2026-12-05", "2026-12-05"), "2026-12-07");
    }

    #[test]
    fn an_overdue_item_moves_to_the_first_occurrence_after_today_not_one_step() {
        // Weekly from Wednesday 2026-11-04, ticked on Wednesday 2026-12-02:
        // not 11-11 (still overdue) but the 9th, on the same weekday.
        assert_eq!(next(Rule::Days(7), "2026-11-04", "2026-12-02"), "2026-12-09");
        // Ticked on the Thursday: still the schedule's Wednesday.
        assert_eq!(next(Rule::Days(7), "2026-11-04", "2026-12-03"), "2026-12-09");
        assert_eq!(next(Rule::Days(3), "2026-11-30", "2026-12-02"), "2026-12-03");
    }

    #[test]
    fn an_item_ticked_early_moves_one_step_from_its_due_date() {
        assert_eq!(next(Rule::Days(7), "2026-12-10", "2026-12-02"), "2026-12-17");
        // And a second tick moves it one more.
        assert_eq!(next(Rule::Days(7), "2026-12-17", "2026-12-02"), "2026-12-24");
    }

    #[test]
    fn from_done_counts_from_today_so_a_second_tick_the_same_day_keeps_the_date() {
        let r = Rule::Days(4);
        let first = next_due(r, RepeatFrom::Done, d("2026-11-20"), d("2026-12-02")).unwrap();
        assert_eq!(first, d("2026-12-06"));
        let second = next_due(r, RepeatFrom::Done, first, d("2026-12-02")).unwrap();
        assert_eq!(second, first);
    }

    #[test]
    fn days_are_calendar_days_across_a_dst_change() {
        // Europe's clocks go back on 2026-10-25: the day is 25 hours long,
        // and a daily item due on the 24th is still due on the 25th.
        assert_eq!(next(Rule::Days(1), "2026-10-24", "2026-10-24"), "2026-10-25");
        assert_eq!(next(Rule::Days(7), "2026-03-26", "2026-03-26"), "2026-04-02");
    }

    #[test]
    fn a_per_item_interval_rounds_to_whole_days_and_none_or_zero_does_not_repeat() {
        let every = Repeat::Field("every".into());
        assert_eq!(Rule::of(&every, Some(4.0)), Some(Rule::Days(4)));
        assert_eq!(Rule::of(&every, Some(2.6)), Some(Rule::Days(3)));
        assert_eq!(Rule::of(&every, None), None);
        assert_eq!(Rule::of(&every, Some(0.0)), None);
        assert_eq!(Rule::of(&every, Some(-3.0)), None);
    }

    #[test]
    fn the_end_of_the_calendar_is_no_panic() {
        assert_eq!(step(Rule::Days(1), NaiveDate::MAX), None);
        assert_eq!(step(Rule::MonthDay(31), NaiveDate::MAX), None);
    }
}
