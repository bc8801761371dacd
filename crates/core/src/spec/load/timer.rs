//! A Timer's own keys: its phases, rounds, long break and goal.

use super::*;

pub(super) const TIMER_KEYS: &[&str] = &["phases", "rounds", "long_break", "goal"];

impl Cx {
    pub(super) fn timer_spec(&mut self, k: &Keys) -> Option<TimerSpec> {
        let before = self.diags.len();
        let mut phases = Vec::new();
        let mut phases_ok = true;
        if let Some((_, n)) = k.get("phases") {
            match self.list("phases", n) {
                None => phases_ok = false,
                Some(items) => {
                    for (i, item) in items.iter().enumerate() {
                        let fields: &[(Ident, Node)] = match &item.kind {
                            NodeKind::Call {
                                name: None,
                                args: Args::Named(f),
                            } => f,
                            NodeKind::Call {
                                name: Some(name),
                                args: Args::Named(f),
                            } if name.name == "Phase" => f,
                            _ => {
                                self.err(
                                    item.span.start,
                                    format!(
                                        "a phase is written (name: \"Focus\", length: \"25m\"), found {}",
                                        item.describe()
                                    ),
                                );
                                phases_ok = false;
                                continue;
                            }
                        };
                        let before_keys = self.diags.len();
                        let pk = self.keys("a phase", fields, &["name", "length"], &[]);
                        let name = match pk.get("name") {
                            Some((_, n)) => self.nonempty_text("name", n),
                            None => Some(format!("Phase {}", i + 1)),
                        };
                        let length = match pk.get("length") {
                            Some((_, n)) => self.duration("length", n),
                            // `lenght: ...` was reported just now.
                            None if self.diags.len() > before_keys => None,
                            None => {
                                self.err(item.span.start, "a phase needs a length, e.g. length: \"25m\"");
                                None
                            }
                        };
                        match (name, length) {
                            (Some(name), Some(length)) => phases.push(Phase { name, length }),
                            _ => phases_ok = false,
                        }
                    }
                }
            }
        }
        let rounds = k
            .get("rounds")
            .and_then(|(_, n)| self.integer("rounds", n, 1, 100))
            .unwrap_or(1) as u32;
        let long_break = k.get("long_break").and_then(|(key, n)| {
            let secs = self.duration("long_break", n)?;
            if phases_ok && phases.len() < 2 {
                self.err(
                    key.span.start,
                    "'long_break' replaces the last break, so it needs at least two phases",
                );
                return None;
            }
            Some(secs)
        });
        if let Some((key, _)) = k.get("rounds")
            && phases_ok
            && phases.is_empty()
        {
            self.err(
                key.span.start,
                "'rounds' needs phases; a timer without phases is a stopwatch",
            );
        }
        let goal = k.get("goal").and_then(|(_, n)| self.goal("goal", n, false));
        if self.diags.len() > before {
            return None;
        }
        Some(TimerSpec {
            phases,
            rounds,
            long_break,
            goal,
        })
    }
}
