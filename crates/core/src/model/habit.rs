//! A tracker with `remind: At("08:00")`: whether today's part is done, and
//! when today's reminder is due on the local wall clock.

use chrono::{NaiveDateTime, NaiveTime};

use super::Now;
use crate::spec::{Period, TrackerSpec};

/// Whether a day holding `value` is done: a daily goal reached, otherwise
/// anything logged (a yes/no habit ticked, an amount or a limit's count).
pub fn day_done(t: &TrackerSpec, value: Option<f64>) -> bool {
    let v = value.unwrap_or(0.0);
    match t.goal {
        Some(g) if g.period == Period::Daily => v >= g.target,
        _ if t.limit.is_some() => value.is_some(),
        _ => v > 0.0,
    }
}

/// Today's reminder moment, if the tracker has `remind:`.
pub fn remind_today(t: &TrackerSpec, now: Now) -> Option<NaiveDateTime> {
    let m = u32::from(t.remind?);
    NaiveTime::from_hms_opt(m / 60, m % 60, 0).map(|time| now.today().and_time(time))
}

/// "08:00", as the spec writes it.
pub fn at_words(minutes: u16) -> String {
    format!("{:02}:{:02}", minutes / 60, minutes % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Kind, parse_str};

    fn tracker(keys: &str) -> TrackerSpec {
        match parse_str("apps/t.ron", &format!("Tracker(name: \"T\", {keys})"))
            .unwrap()
            .kind
        {
            Kind::Tracker(t) => t,
            _ => unreachable!(),
        }
    }

    #[test]
    fn a_day_is_done_by_the_daily_goal_or_anything_logged() {
        let yes_no = tracker("remind: At(\"08:00\")");
        assert!(!day_done(&yes_no, None));
        assert!(day_done(&yes_no, Some(1.0)));
        let water = tracker("unit: \"glasses\", goal: Daily(8)");
        assert!(!day_done(&water, Some(7.0)));
        assert!(day_done(&water, Some(8.0)));
        let weekly = tracker("goal: Weekly(3)");
        assert!(
            day_done(&weekly, Some(1.0)),
            "a weekly goal: today's tick is today's part"
        );
        let coffee = tracker("unit: \"cups\", limit: Daily(2)");
        assert!(day_done(&coffee, Some(0.0)), "a limit: logging 0 is done");
        assert!(!day_done(&coffee, None));
    }

    #[test]
    fn the_reminder_is_at_its_time_of_day_today() {
        let t = tracker("remind: At(\"21:30\")");
        let now = Now::fixed(
            chrono::NaiveDate::from_ymd_opt(2026, 12, 2)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        );
        assert_eq!(remind_today(&t, now).unwrap().to_string(), "2026-12-02 21:30:00");
        assert_eq!(at_words(t.remind.unwrap()), "21:30");
    }
}
