//! How full a tracker day is, in a few levels: what a heatmap cell and its
//! legend say. Against the daily goal or limit when there is one; a yes/no
//! habit is done or not; an amount with a weekly or monthly target is scaled
//! by the fullest day shown.

use crate::model::value::format_number;
use crate::spec::{Period, TrackerSpec};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Empty,
    Low,
    Mid,
    Full,
    /// Over a limit: a bad day, not a full one.
    Over,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Heat {
    /// The value a Full day reaches (a goal, a limit, or the fullest day).
    pub target: f64,
    pub limit: bool,
    pub yes_no: bool,
    /// No daily target: levels are shares of the fullest day shown.
    pub relative: bool,
}

impl Heat {
    /// The scale for `t`, `fullest` being the largest value shown.
    pub fn of(t: &TrackerSpec, fullest: f64) -> Heat {
        let daily = |g: Option<crate::spec::Goal>| g.filter(|g| g.period == Period::Daily);
        let yes_no = t.unit.is_none();
        let (target, limit, relative) = match (daily(t.goal), daily(t.limit)) {
            _ if yes_no => (1.0, false, false),
            (Some(g), _) => (g.target, false, false),
            (None, Some(l)) => (l.target, true, false),
            (None, None) => (fullest.max(f64::MIN_POSITIVE), false, true),
        };
        Heat {
            target,
            limit,
            yes_no,
            relative,
        }
    }

    pub fn level(&self, v: f64) -> Level {
        if v <= 0.0 {
            Level::Empty
        } else if self.yes_no {
            Level::Full
        } else if self.limit {
            if v > self.target {
                Level::Over
            } else if v < self.target {
                Level::Low
            } else {
                Level::Full
            }
        } else if self.relative {
            match v / self.target {
                r if r < 1.0 / 3.0 => Level::Low,
                r if r < 2.0 / 3.0 => Level::Mid,
                _ => Level::Full,
            }
        } else if v < self.target / 2.0 {
            Level::Low
        } else if v < self.target {
            Level::Mid
        } else {
            Level::Full
        }
    }

    /// What each level means, in the order a legend gives them; an empty
    /// word means "between its neighbours".
    pub fn legend(&self, unit: &str) -> Vec<(Level, String)> {
        let n = format_number(self.target);
        let half = format_number(self.target / 2.0);
        if self.yes_no {
            return vec![(Level::Empty, "not done".into()), (Level::Full, "done".into())];
        }
        if self.limit {
            return vec![
                (Level::Empty, "0".into()),
                (Level::Low, format!("under {n}")),
                (Level::Full, n.clone()),
                (Level::Over, format!("over {n}")),
            ];
        }
        if self.relative {
            let most = format!("up to {n} {unit}").trim_end().to_string();
            return vec![
                (Level::Empty, "0".into()),
                (Level::Low, String::new()),
                (Level::Mid, String::new()),
                (Level::Full, most),
            ];
        }
        vec![
            (Level::Empty, "0".into()),
            (Level::Low, format!("under {half}")),
            (Level::Mid, format!("under {n}")),
            (Level::Full, format!("{n}+")),
        ]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Goal;

    fn tracker(unit: Option<&str>, goal: Option<Goal>, limit: Option<Goal>) -> TrackerSpec {
        TrackerSpec {
            unit: unit.map(String::from),
            goal,
            limit,
            series: Vec::new(),
            step: 1.0,
            remind: None,
        }
    }

    fn daily(target: f64) -> Option<Goal> {
        Some(Goal {
            period: Period::Daily,
            target,
        })
    }

    #[test]
    fn a_daily_goal_is_full_when_met() {
        let h = Heat::of(&tracker(Some("glasses"), daily(8.0), None), 10.0);
        let levels: Vec<Level> = [0.0, 3.0, 4.0, 7.0, 8.0, 12.0].map(|v| h.level(v)).to_vec();
        use Level::*;
        assert_eq!(levels, [Empty, Low, Mid, Mid, Full, Full]);
        assert_eq!(h.legend("glasses")[3], (Full, "8+".to_string()));
    }

    #[test]
    fn a_limit_marks_the_days_over_it() {
        let h = Heat::of(&tracker(Some("cups"), None, daily(2.0)), 4.0);
        use Level::*;
        assert_eq!([1.0, 2.0, 3.0].map(|v| h.level(v)), [Low, Full, Over]);
        assert_eq!(h.legend("cups")[3], (Over, "over 2".to_string()));
    }

    #[test]
    fn a_yes_no_habit_is_done_or_not() {
        let weekly = Some(Goal {
            period: Period::Weekly,
            target: 4.0,
        });
        let h = Heat::of(&tracker(None, weekly, None), 1.0);
        assert_eq!(h.level(1.0), Level::Full);
        assert_eq!(h.legend("").len(), 2);
    }

    #[test]
    fn a_monthly_target_scales_by_the_fullest_day() {
        let monthly = Some(Goal {
            period: Period::Monthly,
            target: 80.0,
        });
        let h = Heat::of(&tracker(Some("km"), monthly, None), 12.0);
        use Level::*;
        assert_eq!([2.0, 6.0, 12.0].map(|v| h.level(v)), [Low, Mid, Full]);
        assert_eq!(h.legend("km")[3].1, "up to 12 km");
    }
}
