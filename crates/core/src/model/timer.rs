//! The timer as a function of stored timestamps: a running timer is only the
//! moment it started, so it keeps running with no process alive, and its
//! position at any `now` is computed, never ticked.

use serde::{Deserialize, Serialize};

use crate::spec::TimerSpec;

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct TimerState {
    /// Unix ms when the timer last started running; None while stopped or paused.
    pub since: Option<i64>,
    /// Milliseconds run before `since` (the time banked by pauses).
    pub banked: i64,
    /// Phases of this run already logged as sessions (or skipped).
    pub logged: u32,
    /// Stopwatch laps, as elapsed milliseconds.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub laps: Vec<i64>,
}

/// One finished phase (or a stopped stopwatch run), kept as history.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Session {
    pub phase: String,
    /// Position of the phase in the spec; the first phase is the focus phase
    /// that a timer's goal counts.
    pub phase_index: u32,
    pub round: u32,
    pub secs: u64,
    pub start: i64,
    pub end: i64,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub laps: Vec<i64>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Action {
    Start,
    Pause,
    /// Start when stopped or paused, pause when running.
    Toggle,
    /// Stop and reset; a stopwatch logs its run.
    Stop,
    /// Skip to the next phase without logging the current one.
    Skip,
    Lap,
    /// Log phases that ended since the timer was last looked at.
    Observe,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Idle,
    Running,
    Paused,
    Done,
}

/// One phase of one round in the order a run goes through them.
#[derive(Clone, Debug, PartialEq)]
pub struct Slot {
    pub name: String,
    pub phase_index: u32,
    pub round: u32,
    pub start_ms: i64,
    pub len_ms: i64,
}

/// Every slot of a run; empty for a stopwatch.
pub fn schedule(spec: &TimerSpec) -> Vec<Slot> {
    let mut out = Vec::new();
    let mut at = 0i64;
    let last = spec.phases.len().saturating_sub(1);
    for round in 0..spec.rounds {
        for (i, p) in spec.phases.iter().enumerate() {
            let long = round + 1 == spec.rounds && i == last && spec.long_break.is_some();
            let (name, secs) = match (long, spec.long_break) {
                (true, Some(lb)) => ("Long break".to_string(), lb),
                _ => (p.name.clone(), p.length),
            };
            let len_ms = secs as i64 * 1000;
            out.push(Slot {
                name,
                phase_index: i as u32,
                round: round + 1,
                start_ms: at,
                len_ms,
            });
            at += len_ms;
        }
    }
    out
}

/// What a timer shows at one moment.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct View {
    pub status: Status,
    pub elapsed_ms: i64,
    /// For phased timers: the current phase and round, time left in it.
    pub phase: Option<String>,
    pub phase_index: u32,
    pub round: u32,
    pub rounds: u32,
    pub remaining_ms: i64,
    pub phase_len_ms: i64,
    pub laps: Vec<i64>,
}

impl TimerState {
    pub fn elapsed(&self, now: i64) -> i64 {
        self.banked + self.since.map_or(0, |s| (now - s).max(0))
    }
}

pub fn view(spec: &TimerSpec, state: &TimerState, now: i64) -> View {
    let elapsed = state.elapsed(now);
    let slots = schedule(spec);
    let total: i64 = slots.iter().map(|s| s.len_ms).sum();
    let mut status = match (state.since, elapsed) {
        (Some(_), _) => Status::Running,
        (None, 0) => Status::Idle,
        (None, _) => Status::Paused,
    };
    let mut v = View {
        status,
        elapsed_ms: elapsed,
        phase: None,
        phase_index: 0,
        round: 1,
        rounds: spec.rounds,
        remaining_ms: 0,
        phase_len_ms: 0,
        laps: state.laps.clone(),
    };
    if slots.is_empty() {
        return v;
    }
    if elapsed >= total {
        status = Status::Done;
    }
    let slot = slots
        .iter()
        .find(|s| elapsed < s.start_ms + s.len_ms)
        .unwrap_or(&slots[slots.len() - 1]);
    v.status = status;
    v.phase = Some(slot.name.clone());
    v.phase_index = slot.phase_index;
    v.round = slot.round;
    v.phase_len_ms = slot.len_ms;
    v.remaining_ms = (slot.start_ms + slot.len_ms - elapsed).max(0);
    v
}

/// Applies an action at `now`: the new state and the sessions to log.
pub fn step(spec: &TimerSpec, state: &TimerState, action: Action, now: i64) -> (TimerState, Vec<Session>) {
    let slots = schedule(spec);
    let total: i64 = slots.iter().map(|s| s.len_ms).sum();
    let mut s = state.clone();
    let mut log = finished(&slots, &mut s, now);
    let done = !slots.is_empty() && s.elapsed(now) >= total;
    if done {
        // A finished run rests at its end until started again.
        s.banked = total;
        s.since = None;
    }
    let running = s.since.is_some();
    let action = match action {
        Action::Toggle if running => Action::Pause,
        Action::Toggle => Action::Start,
        a => a,
    };
    match action {
        Action::Start if done => {
            s = TimerState {
                since: Some(now),
                ..Default::default()
            };
        }
        Action::Start if !running => s.since = Some(now),
        Action::Pause if running => {
            s.banked = s.elapsed(now);
            s.since = None;
        }
        Action::Stop => {
            let elapsed = s.elapsed(now);
            if slots.is_empty() && elapsed >= 1000 {
                log.push(Session {
                    phase: "Run".into(),
                    phase_index: 0,
                    round: 1,
                    secs: (elapsed / 1000) as u64,
                    start: now - elapsed,
                    end: now,
                    laps: s.laps.clone(),
                });
            }
            s = TimerState::default();
        }
        // An idle timer has no phase under way to skip.
        Action::Skip if !done && !slots.is_empty() && (running || s.banked > 0) => {
            let elapsed = s.elapsed(now);
            if let Some(i) = slots.iter().position(|sl| elapsed < sl.start_ms + sl.len_ms) {
                let next = slots[i].start_ms + slots[i].len_ms;
                s.banked = next;
                s.since = s.since.map(|_| now);
                s.logged = s.logged.max(i as u32 + 1);
                if next >= total {
                    s.since = None;
                }
            }
        }
        Action::Lap if running && slots.is_empty() => s.laps.push(s.elapsed(now)),
        _ => {}
    }
    (s, log)
}

/// Why an action would change nothing: the CLI says so and exits 1, the
/// TUI says so in its footer.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Moot {
    NotRunning,
    AlreadyRunning,
    AlreadyPaused,
    AlreadyReset,
    NotStarted,
    Finished,
}

impl Moot {
    /// The reason in words, about the timer called `name`.
    pub fn words(self, name: &str) -> String {
        match self {
            Moot::NotRunning => format!("{name} is not running"),
            Moot::AlreadyRunning => format!("{name} is already running"),
            Moot::AlreadyPaused => format!("{name} is already paused"),
            Moot::AlreadyReset => format!("{name} is already reset"),
            Moot::NotStarted => format!("{name} has not started: there is no phase to skip"),
            Moot::Finished => format!("{name} is finished: start begins it again"),
        }
    }
}

/// Whether `action` at `now` would leave the timer as it is (a look that
/// logs ended phases aside). Toggle and Observe always do something.
pub fn moot(spec: &TimerSpec, state: &TimerState, action: Action, now: i64) -> Option<Moot> {
    let status = view(spec, state, now).status;
    match (action, status) {
        (Action::Start, Status::Running) => Some(Moot::AlreadyRunning),
        (Action::Pause | Action::Lap, Status::Idle) => Some(Moot::NotRunning),
        (Action::Pause, Status::Paused) => Some(Moot::AlreadyPaused),
        (Action::Lap, Status::Paused) => Some(Moot::NotRunning),
        (Action::Pause | Action::Skip | Action::Lap, Status::Done) => Some(Moot::Finished),
        (Action::Stop, Status::Idle) => Some(Moot::AlreadyReset),
        (Action::Skip, Status::Idle) => Some(Moot::NotStarted),
        _ => None,
    }
}

/// Sessions for slots that ended since the last look; marks them logged.
fn finished(slots: &[Slot], s: &mut TimerState, now: i64) -> Vec<Session> {
    let elapsed = s.elapsed(now);
    let mut out = Vec::new();
    for (i, slot) in slots.iter().enumerate().skip(s.logged as usize) {
        let end_offset = slot.start_ms + slot.len_ms;
        if elapsed < end_offset {
            break;
        }
        // Wall-clock end: `now` minus the time run since the slot ended.
        let end = now - (elapsed - end_offset);
        out.push(Session {
            phase: slot.name.clone(),
            phase_index: slot.phase_index,
            round: slot.round,
            secs: (slot.len_ms / 1000) as u64,
            start: end - slot.len_ms,
            end,
            laps: Vec::new(),
        });
        s.logged = i as u32 + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::Phase;

    fn pomodoro() -> TimerSpec {
        TimerSpec {
            phases: vec![
                Phase {
                    name: "Focus".into(),
                    length: 25 * 60,
                },
                Phase {
                    name: "Break".into(),
                    length: 5 * 60,
                },
            ],
            rounds: 2,
            long_break: Some(15 * 60),
            goal: None,
        }
    }

    const MIN: i64 = 60_000;

    #[test]
    fn runs_through_phases_from_a_start_time() {
        let spec = pomodoro();
        let (s, log) = step(&spec, &TimerState::default(), Action::Start, 0);
        assert!(log.is_empty());
        let v = view(&spec, &s, 7 * MIN);
        assert_eq!(
            (v.status, v.phase.as_deref(), v.remaining_ms),
            (Status::Running, Some("Focus"), 18 * MIN)
        );
        let v = view(&spec, &s, 27 * MIN);
        assert_eq!((v.phase.as_deref(), v.round), (Some("Break"), 1));
        let v = view(&spec, &s, 56 * MIN);
        assert_eq!((v.phase.as_deref(), v.round), (Some("Long break"), 2));
        // Looking at it later logs every phase that ended, once.
        let (s2, log) = step(&spec, &s, Action::Observe, 31 * MIN);
        assert_eq!(log.len(), 2);
        assert_eq!(log[0].end, 25 * MIN);
        let (_, again) = step(&spec, &s2, Action::Observe, 32 * MIN);
        assert!(again.is_empty());
        let (done, log) = step(&spec, &s2, Action::Observe, 200 * MIN);
        assert_eq!(log.len(), 2);
        assert_eq!(view(&spec, &done, 300 * MIN).status, Status::Done);
    }

    #[test]
    fn pause_banks_time_and_skip_does_not_log() {
        let spec = pomodoro();
        let (s, _) = step(&spec, &TimerState::default(), Action::Start, 0);
        let (s, _) = step(&spec, &s, Action::Pause, 10 * MIN);
        assert_eq!(view(&spec, &s, 100 * MIN).remaining_ms, 15 * MIN);
        assert_eq!(view(&spec, &s, 100 * MIN).status, Status::Paused);
        let (s, log) = step(&spec, &s, Action::Skip, 100 * MIN);
        assert!(log.is_empty());
        assert_eq!(view(&spec, &s, 100 * MIN).phase.as_deref(), Some("Break"));
        let (s, log) = step(&spec, &s, Action::Toggle, 100 * MIN);
        assert!(log.is_empty());
        let (_, log) = step(&spec, &s, Action::Observe, 106 * MIN);
        assert_eq!(
            log.iter().map(|l| l.phase.as_str()).collect::<Vec<_>>(),
            ["Break"]
        );
    }

    #[test]
    fn an_action_that_changes_nothing_is_named_and_changes_nothing() {
        let spec = pomodoro();
        let idle = TimerState::default();
        for (action, why) in [
            (Action::Pause, Moot::NotRunning),
            (Action::Stop, Moot::AlreadyReset),
            (Action::Skip, Moot::NotStarted),
        ] {
            assert_eq!(moot(&spec, &idle, action, 0), Some(why));
            assert_eq!(
                step(&spec, &idle, action, 0).0,
                idle,
                "{action:?} on an idle timer"
            );
        }
        let (running, _) = step(&spec, &idle, Action::Start, 0);
        assert_eq!(
            moot(&spec, &running, Action::Start, MIN),
            Some(Moot::AlreadyRunning)
        );
        assert_eq!(moot(&spec, &running, Action::Skip, MIN), None);
        let (paused, _) = step(&spec, &running, Action::Pause, MIN);
        assert_eq!(
            moot(&spec, &paused, Action::Pause, 2 * MIN),
            Some(Moot::AlreadyPaused)
        );
        assert_eq!(moot(&spec, &paused, Action::Stop, 2 * MIN), None);
        assert_eq!(
            moot(&spec, &running, Action::Skip, 200 * MIN),
            Some(Moot::Finished)
        );
        assert_eq!(
            moot(&spec, &running, Action::Start, 200 * MIN),
            None,
            "a finished run starts over"
        );
        for a in [Action::Toggle, Action::Observe] {
            assert_eq!(moot(&spec, &idle, a, 0), None);
        }
    }

    #[test]
    fn stopwatch_logs_its_run_with_laps() {
        let spec = TimerSpec {
            phases: vec![],
            rounds: 1,
            long_break: None,
            goal: None,
        };
        let (s, _) = step(&spec, &TimerState::default(), Action::Start, 1_000);
        let (s, _) = step(&spec, &s, Action::Lap, 31_000);
        let (s, log) = step(&spec, &s, Action::Stop, 61_000);
        assert_eq!(s, TimerState::default());
        assert_eq!(log[0].secs, 60);
        assert_eq!(log[0].laps, vec![30_000]);
    }
}
