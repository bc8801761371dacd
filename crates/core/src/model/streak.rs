//! Streaks and completion rates for tracker series, and the small cache that
//! lets the launcher show them without reading a series' history.

use serde::{Deserialize, Serialize};

use super::days::period_of;
use crate::spec::{Goal, Period, TrackerSpec};

/// What counts as a successful period for one tracker.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Rule {
    pub period: Period,
    pub target: f64,
    /// A limit: success is staying at or under `target`, and a period with
    /// no entry is a success.
    pub limit: bool,
    /// Yes/no habits count days with an entry; amounts sum values.
    pub yes_no: bool,
}

impl Rule {
    pub fn of(spec: &TrackerSpec) -> Rule {
        let yes_no = spec.unit.is_none();
        let (goal, limit) = match (spec.goal, spec.limit) {
            (_, Some(l)) => (l, true),
            (Some(g), None) => (g, false),
            // No goal: any entry makes the day count.
            (None, None) => (
                Goal {
                    period: Period::Daily,
                    target: if yes_no { 1.0 } else { f64::MIN_POSITIVE },
                },
                false,
            ),
        };
        Rule {
            period: goal.period,
            target: goal.target,
            limit,
            yes_no,
        }
    }

    /// A short fingerprint stored beside a cache, so a cache made under an
    /// older spec is recognised and recomputed.
    pub fn key(&self) -> String {
        format!(
            "{:?}/{}/{}/{}",
            self.period,
            self.target,
            if self.limit { "limit" } else { "goal" },
            if self.yes_no { "days" } else { "sum" }
        )
    }

    fn met(&self, total: f64) -> bool {
        if self.limit {
            total <= self.target
        } else {
            total >= self.target
        }
    }
}

/// Everything the launcher needs about a series' streaks, computed when the
/// series is written.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct StreakCache {
    pub rule: String,
    /// First period with an entry; None for an empty series.
    pub first: Option<i64>,
    /// Goals: the last run of met periods (its last period and length).
    pub run_end: i64,
    pub run_len: u32,
    /// Limits: the last period over the limit.
    pub last_miss: Option<i64>,
    /// Longest run among the runs that are already over (and the last run).
    pub best: u32,
    /// Goals: periods met; limits: periods missed.
    pub counted: u32,
}

/// Streak figures as of one day.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize)]
pub struct Streaks {
    pub current: u32,
    pub best: u32,
    /// Share of periods met since the first entry, 0.0..=1.0, over the
    /// periods that are decided: the one in progress counts only once a goal
    /// is met in it or a limit is passed.
    pub rate: f64,
    /// How many periods the rate is over (0: none decided yet).
    #[serde(skip)]
    pub periods: u32,
    pub period: Option<Period>,
}

/// Builds the cache from a series' entries in day order.
pub fn compute(rule: &Rule, entries: impl IntoIterator<Item = (i32, f64)>) -> StreakCache {
    let mut cache = StreakCache {
        rule: rule.key(),
        ..Default::default()
    };
    for (p, t) in period_totals(rule, entries) {
        step(rule, &mut cache, p, t);
    }
    cache
}

/// Each period's total, in period order, from entries in day order. Entries
/// of 0 do not count, so a period with only those is left out.
pub fn period_totals(rule: &Rule, entries: impl IntoIterator<Item = (i32, f64)>) -> Vec<(i64, f64)> {
    let mut totals: Vec<(i64, f64)> = Vec::new();
    for (day, value) in entries {
        if value == 0.0 {
            continue;
        }
        let p = period_of(day, rule.period);
        let add = if rule.yes_no { 1.0 } else { value };
        match totals.last_mut() {
            Some((lp, t)) if *lp == p => *t += add,
            _ => totals.push((p, add)),
        }
    }
    totals
}

/// Folds one more period (later than every period folded so far) into the
/// cache: `compute` is this step over every period, so a cache of the
/// periods before the latest plus the latest's total gives the whole.
pub fn step(rule: &Rule, cache: &mut StreakCache, p: i64, total: f64) {
    let first = match cache.first {
        Some(f) => f,
        None => {
            cache.first = Some(p);
            if !rule.limit {
                cache.run_end = i64::MIN;
            }
            p
        }
    };
    if rule.limit {
        if !rule.met(total) {
            let prev_miss = cache.last_miss.unwrap_or(first - 1);
            cache.best = cache.best.max((p - prev_miss - 1) as u32);
            cache.counted += 1;
            cache.last_miss = Some(p);
        }
    } else if rule.met(total) {
        cache.counted += 1;
        cache.run_len = if cache.run_end == p - 1 {
            cache.run_len + 1
        } else {
            1
        };
        cache.run_end = p;
        cache.best = cache.best.max(cache.run_len);
    }
}

/// The figures as of `today` (a day number), from a cache.
pub fn as_of(rule: &Rule, cache: &StreakCache, today: i32) -> Streaks {
    let now = period_of(today, rule.period);
    let Some(first) = cache.first else {
        return Streaks {
            period: Some(rule.period),
            ..Default::default()
        };
    };
    // Periods over before this one, and this one when it is decided.
    let over = (now - first).max(0);
    if rule.limit {
        let decided = over + i64::from(cache.last_miss == Some(now));
        let periods = decided.max(1) as f64;
        let since = cache.last_miss.map_or(first, |m| m + 1);
        let current = if cache.last_miss == Some(now) {
            0
        } else {
            (now - since + 1).max(0) as u32
        };
        Streaks {
            current,
            best: cache.best.max(current),
            rate: ((periods - f64::from(cache.counted)) / periods).clamp(0.0, 1.0),
            periods: decided as u32,
            period: Some(rule.period),
        }
    } else {
        let decided = over + i64::from(cache.run_end == now);
        let periods = decided.max(1) as f64;
        // The period in progress does not break a streak until it is over.
        let current = if cache.run_end >= now - 1 {
            cache.run_len
        } else {
            0
        };
        Streaks {
            current,
            best: cache.best,
            rate: (f64::from(cache.counted) / periods).clamp(0.0, 1.0),
            periods: decided as u32,
            period: Some(rule.period),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn daily(target: f64, limit: bool, yes_no: bool) -> Rule {
        Rule {
            period: Period::Daily,
            target,
            limit,
            yes_no,
        }
    }

    #[test]
    fn daily_goal_streaks() {
        let r = daily(8.0, false, false);
        // Days 10..=14 met, 15 short, 16..=17 met.
        let entries = [
            (10, 8.0),
            (11, 9.0),
            (12, 8.0),
            (13, 10.0),
            (14, 8.0),
            (15, 3.0),
            (16, 8.0),
            (17, 8.0),
        ];
        let c = compute(&r, entries);
        assert_eq!(as_of(&r, &c, 17).current, 2);
        assert_eq!(
            as_of(&r, &c, 18).current,
            2,
            "today not yet done keeps the streak"
        );
        assert_eq!(as_of(&r, &c, 19).current, 0, "a missed day breaks it");
        assert_eq!(as_of(&r, &c, 17).best, 5);
        assert!((as_of(&r, &c, 17).rate - 7.0 / 8.0).abs() < 1e-9);
    }

    #[test]
    fn weekly_yes_no_counts_days() {
        let r = Rule {
            period: Period::Weekly,
            target: 3.0,
            limit: false,
            yes_no: true,
        };
        // Day 1 is a Monday: week 0 = days 1..=7.
        let c = compute(&r, [(1, 1.0), (3, 1.0), (5, 1.0), (8, 1.0), (9, 1.0), (10, 1.0)]);
        assert_eq!(as_of(&r, &c, 14).current, 2);
        assert_eq!(
            as_of(&r, &c, 21).current,
            2,
            "the week in progress doesn't break it"
        );
        assert_eq!(as_of(&r, &c, 22).current, 0);
    }

    #[test]
    fn limits_count_periods_under_the_ceiling() {
        let r = daily(2.0, true, false);
        let c = compute(&r, [(1, 1.0), (2, 3.0), (5, 2.0)]);
        // Day 2 was over; days 3..=6 are within (no entry counts as within).
        assert_eq!(as_of(&r, &c, 6).current, 4);
        assert_eq!(as_of(&r, &c, 6).best, 4);
        // Day 6, in progress and within, is not yet counted: 4 of 5 days.
        assert!((as_of(&r, &c, 6).rate - 4.0 / 5.0).abs() < 1e-9);
        let c = compute(&r, [(1, 1.0), (6, 5.0)]);
        assert_eq!(as_of(&r, &c, 6).current, 0);
        assert_eq!(as_of(&r, &c, 6).best, 5);
    }

    #[test]
    fn the_rate_leaves_out_the_period_still_in_progress() {
        let r = Rule {
            period: Period::Weekly,
            target: 3.0,
            limit: false,
            yes_no: true,
        };
        // Weeks 0 and 1 (days 1..=14) met; day 15 starts week 2, nothing yet.
        let c = compute(&r, [(1, 1.0), (2, 1.0), (3, 1.0), (8, 1.0), (9, 1.0), (10, 1.0)]);
        assert_eq!(as_of(&r, &c, 15).rate, 1.0, "two perfect weeks are 100%");
        assert_eq!(as_of(&r, &c, 15).periods, 2);
        // Once the week is met it counts; a week that ended unmet counts too.
        let c = compute(
            &r,
            [(1, 1.0), (2, 1.0), (3, 1.0), (15, 1.0), (16, 1.0), (17, 1.0)],
        );
        assert!((as_of(&r, &c, 17).rate - 2.0 / 3.0).abs() < 1e-9);
        // A limit's day in progress counts only once it is over.
        let l = daily(2.0, true, false);
        let c = compute(&l, [(1, 1.0), (2, 3.0)]);
        assert_eq!(as_of(&l, &c, 2).rate, 0.5);
        let c = compute(&l, [(1, 1.0), (2, 1.0)]);
        assert_eq!(as_of(&l, &c, 2).rate, 1.0);
        assert_eq!(as_of(&l, &c, 2).periods, 1);
    }

    #[test]
    fn empty_series_has_no_streak() {
        let r = daily(1.0, false, true);
        let c = compute(&r, []);
        assert_eq!(
            as_of(&r, &c, 100),
            Streaks {
                period: Some(Period::Daily),
                ..Default::default()
            }
        );
    }
}
