//! A timer app: the clock, its phases, and today's history.

use super::command::Cmd;
use super::{PanelData, PanelEffect, Write};
use crate::model::Now;
use crate::model::timer::{self, Action, Session, Status, TimerState};
use crate::spec::{Kind, Spec, TimerSpec};

#[derive(Clone, Debug, PartialEq)]
pub struct TimerPanel {
    pub spec: Spec,
    pub state: TimerState,
    pub today: Vec<Session>,
    pub days: Vec<(i32, u32)>,
    pub loaded: bool,
    /// The (round, phase) last shown while running: when it changes, a phase ended.
    pub shown_slot: Option<(u32, u32, Status)>,
    /// Shown big for a while after a phase ends.
    pub flash: Option<String>,
}

impl TimerPanel {
    pub fn new(spec: Spec) -> TimerPanel {
        TimerPanel {
            spec,
            state: TimerState::default(),
            today: Vec::new(),
            days: Vec::new(),
            loaded: false,
            shown_slot: None,
            flash: None,
        }
    }

    pub fn timer(&self) -> &TimerSpec {
        match &self.spec.kind {
            Kind::Timer(t) => t,
            _ => unreachable!("a timer panel is made only for a timer spec"),
        }
    }

    pub fn view(&self, now: Now) -> timer::View {
        timer::view(self.timer(), &self.state, now.ms)
    }

    pub fn load(&mut self, data: PanelData, now: Now) {
        if let PanelData::Timer { state, today, days } = data {
            self.state = state;
            self.today = today;
            self.days = days;
            self.loaded = true;
            let v = self.view(now);
            self.shown_slot = Some((v.round, v.phase_index, v.status));
        }
    }

    /// Once a second while running: notice a phase that ended and show it
    /// big (the bell, the banner and the log are the App's, for every timer).
    pub fn tick(&mut self, now: Now) {
        if self.timer().phases.is_empty() || !self.loaded {
            return;
        }
        let v = self.view(now);
        let slot = (v.round, v.phase_index, v.status);
        let before = self.shown_slot.replace(slot);
        match before {
            Some(b) if b != slot && b.2 == Status::Running => {
                let ended = self.finished_name(b);
                self.flash = Some(match (&v.phase, v.status) {
                    (_, Status::Done) => format!("{ended} finished: all done"),
                    (Some(next), _) => format!("{ended} finished: {next} now"),
                    _ => format!("{ended} finished"),
                });
            }
            _ => {}
        }
    }

    fn finished_name(&self, (round, phase, _): (u32, u32, Status)) -> String {
        timer::schedule(self.timer())
            .into_iter()
            .find(|s| s.round == round && s.phase_index == phase)
            .map_or_else(|| "Phase".to_string(), |s| s.name)
    }

    pub fn command(&mut self, cmd: Cmd, now: Now) -> Vec<PanelEffect> {
        let is_stopwatch = self.timer().phases.is_empty();
        let action = match cmd {
            Cmd::StartPause => Action::Toggle,
            Cmd::Reset => Action::Stop,
            Cmd::SkipPhase if !is_stopwatch => Action::Skip,
            Cmd::Lap if is_stopwatch => Action::Lap,
            Cmd::Undo => return vec![PanelEffect::Write(Write::Undo)],
            Cmd::Redo => return vec![PanelEffect::Write(Write::Redo)],
            Cmd::SkipPhase => return vec![PanelEffect::Message("A stopwatch has no phases to skip".into())],
            Cmd::Lap => return vec![PanelEffect::Message("Laps are for a stopwatch".into())],
            _ => return Vec::new(),
        };
        if let Some(why) = timer::moot(self.timer(), &self.state, action, now.ms) {
            return vec![PanelEffect::Message(why.words(&self.spec.name))];
        }
        // Show the result at once; the store's answer replaces it on reload.
        let (next, _) = timer::step(self.timer(), &self.state, action, now.ms);
        self.state = next;
        self.flash = None;
        let v = self.view(now);
        self.shown_slot = Some((v.round, v.phase_index, v.status));
        vec![PanelEffect::Write(Write::Timer(action))]
    }
}
