//! A Tracker's own keys: its series, unit, step, goal, limit and remind.

use super::*;

pub(super) const TRACKER_KEYS: &[&str] = &["unit", "goal", "limit", "series", "step", "remind"];

impl Cx {
    pub(super) fn tracker_spec(&mut self, k: &Keys) -> Option<TrackerSpec> {
        let before = self.diags.len();
        let unit = k.get("unit").and_then(|(_, n)| self.nonempty_text("unit", n));
        // While `unit` has a problem, don't guess whether this is a yes/no habit.
        let yes_no = !k.contains_key("unit");
        let goal = k.get("goal").and_then(|(_, n)| self.goal("goal", n, yes_no));
        let limit = k.get("limit").and_then(|(_, n)| self.goal("limit", n, yes_no));
        if let (Some(_), Some((key, _))) = (k.get("goal"), k.get("limit")) {
            self.err(
                key.span.start,
                "a tracker has a goal (at least) or a limit (at most), not both",
            );
        }
        let series = k
            .get("series")
            .and_then(|(_, n)| self.texts("series", n))
            .unwrap_or_default();
        let step = match k.get("step") {
            Some((key, n)) => {
                let s = self.number("step", n);
                if yes_no {
                    self.err(
                        key.span.start,
                        "'step' is for amounts; add unit: \"...\" to track an amount",
                    );
                }
                match s {
                    Some(s) if s > 0.0 => s,
                    Some(s) => {
                        self.err(
                            n.span.start,
                            format!("'step' must be above 0, found {}", format_number(s)),
                        );
                        1.0
                    }
                    None => 1.0,
                }
            }
            None => 1.0,
        };
        let remind = k.get("remind").and_then(|(_, n)| self.remind_at(n));
        if self.diags.len() > before {
            return None;
        }
        Some(TrackerSpec {
            unit,
            goal,
            limit,
            series,
            step,
            remind,
        })
    }

    /// `At("08:00")`: the time of day a habit not done yet is reminded of,
    /// in minutes after midnight.
    fn remind_at(&mut self, n: &Node) -> Option<u16> {
        let expected = "'remind' on a tracker expects At(\"08:00\") (a time of day, 24-hour)";
        let NodeKind::Call {
            name: Some(name),
            args: Args::Positional(p),
        } = &n.kind
        else {
            self.err(n.span.start, format!("{expected}, found {}", n.describe()));
            return None;
        };
        if name.name != "At" || p.len() != 1 {
            self.err(n.span.start, format!("{expected}, found {}", n.describe()));
            return None;
        }
        let arg = &p[0];
        let NodeKind::Str(text) = &arg.kind else {
            self.err(arg.span.start, format!("{expected}, found {}", arg.describe()));
            return None;
        };
        match chrono::NaiveTime::parse_from_str(text.trim(), "%H:%M") {
            Ok(t) => Some((chrono::Timelike::hour(&t) * 60 + chrono::Timelike::minute(&t)) as u16),
            Err(_) => {
                self.err(
                    arg.span.start,
                    format!(
                        "'remind' at {text:?} is not a time of day; write it like \"08:00\" or \"21:30\""
                    ),
                );
                None
            }
        }
    }
}
