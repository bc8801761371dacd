//! A Tracker's own keys: its series, unit, step, goal and limit.

use super::*;

pub(super) const TRACKER_KEYS: &[&str] = &["unit", "goal", "limit", "series", "step"];

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
        if self.diags.len() > before {
            return None;
        }
        Some(TrackerSpec {
            unit,
            goal,
            limit,
            series,
            step,
        })
    }
}
