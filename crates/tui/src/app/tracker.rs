//! A tracker app: today against the goal, any past day, streaks and history.

use std::collections::HashMap;

use super::command::Cmd;
use super::{PanelData, PanelEffect, Write};
use crate::model::amount::Amount;
use crate::model::streak::Streaks;
use crate::spec::{Kind, Spec, TrackerSpec};

/// Days of history the charts can show, ending today: the heatmap's year
/// (52 weeks from a Monday) and the widest bar chart.
pub const HISTORY_DAYS: i32 = 371;

/// Days either side of the selected day that are read with it: its month
/// (for a monthly goal) and a habits grid around it.
pub const AROUND_SELECTED: i32 = 62;

/// The day ranges a panel reads, today being `today` and `day` selected:
/// the charts' history, and the selected day's neighbourhood when it is
/// older than that. Every read is bounded, however far back `day` is.
pub fn reads(today: i32, day: i32) -> Vec<(i32, i32)> {
    let history = (today - HISTORY_DAYS + 1, today);
    let around = (day - AROUND_SELECTED, (day + AROUND_SELECTED).min(today));
    if around.0 >= history.0 {
        vec![history]
    } else {
        vec![around, history]
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct TrackerPanel {
    pub spec: Spec,
    /// Series names; "" for a tracker with one unnamed series.
    pub series: Vec<String>,
    pub selected: usize,
    /// The day being looked at and changed (a day number).
    pub day: i32,
    pub values: HashMap<(String, i32), f64>,
    /// The range read around the selected day (the first of `reads`).
    pub from: i32,
    pub to: i32,
    pub streaks: Vec<Streaks>,
    pub loaded: bool,
}

impl TrackerPanel {
    pub fn new(spec: Spec, today: i32) -> TrackerPanel {
        let series = match &spec.kind {
            Kind::Tracker(t) => t.series_names(),
            _ => vec![String::new()],
        };
        TrackerPanel {
            spec,
            series,
            selected: 0,
            day: today,
            values: HashMap::new(),
            from: today,
            to: today,
            streaks: Vec::new(),
            loaded: false,
        }
    }

    pub fn tracker(&self) -> &TrackerSpec {
        match &self.spec.kind {
            Kind::Tracker(t) => t,
            _ => unreachable!("a tracker panel is made only for a tracker spec"),
        }
    }

    pub fn load(&mut self, data: PanelData) {
        if let PanelData::Tracker {
            values,
            from,
            to,
            streaks,
        } = data
        {
            self.values = values;
            self.from = from;
            self.to = to;
            self.streaks = streaks;
            self.loaded = true;
        }
    }

    /// Whether what was read holds the selected day's neighbourhood.
    fn covers(&self, today: i32) -> bool {
        let (from, to) = reads(today, self.day)[0];
        self.from <= from && to <= self.to
    }

    pub fn value(&self, series: usize, day: i32) -> f64 {
        self.series
            .get(series)
            .and_then(|s| self.values.get(&(s.clone(), day)))
            .copied()
            .unwrap_or(0.0)
    }

    /// Shows `value` at once and asks for `amount` to be applied to the
    /// stored day (which another process may have changed meanwhile).
    fn set(&mut self, value: f64, amount: Amount) -> Vec<PanelEffect> {
        let series = self.series[self.selected].clone();
        let value = value.max(0.0);
        if value > 0.0 {
            self.values.insert((series.clone(), self.day), value);
        } else {
            self.values.remove(&(series.clone(), self.day));
        }
        vec![PanelEffect::Write(Write::Entry {
            series,
            day: self.day,
            amount,
        })]
    }

    pub fn command(&mut self, cmd: Cmd, today: i32) -> Vec<PanelEffect> {
        let step = self.tracker().step;
        let yes_no = self.tracker().unit.is_none();
        let current = self.value(self.selected, self.day);
        match cmd {
            Cmd::Up => self.selected = self.selected.saturating_sub(1),
            Cmd::Down => self.selected = (self.selected + 1).min(self.series.len() - 1),
            Cmd::PrevDay => self.day -= 1,
            Cmd::NextDay if self.day < today => self.day += 1,
            Cmd::Today => self.day = today,
            Cmd::Increase if yes_no => return self.set(1.0, Amount::Set(1.0)),
            Cmd::Decrease if yes_no => return self.set(0.0, Amount::Set(0.0)),
            Cmd::Increase => return self.set(current + step, Amount::Add(step)),
            Cmd::Decrease => return self.set(current - step, Amount::Add(-step)),
            Cmd::ToggleDay if yes_no => {
                return self.set(if current > 0.0 { 0.0 } else { 1.0 }, Amount::Toggle);
            }
            Cmd::ToggleDay => {
                return vec![PanelEffect::Message(
                    "This tracker counts an amount: + and - change it".into(),
                )];
            }
            Cmd::Undo => return vec![PanelEffect::Write(Write::Undo)],
            Cmd::Redo => return vec![PanelEffect::Write(Write::Redo)],
            _ => {}
        }
        // Backfilling past what was read: read again (the app loads a panel
        // that is not loaded), rather than show the stored days as empty.
        if self.loaded && !self.covers(today) {
            self.loaded = false;
        }
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_are_the_history_and_a_far_selected_days_neighbourhood() {
        let today = 740_000;
        assert_eq!(reads(today, today), [(today - 370, today)]);
        assert_eq!(reads(today, today - 300), [(today - 370, today)]);
        // Far back: two bounded reads, not every day since.
        let far = today - 1000;
        assert_eq!(reads(today, far), [(far - 62, far + 62), (today - 370, today)]);
    }
}
