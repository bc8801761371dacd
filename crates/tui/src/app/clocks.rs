//! Every timer app of the home, open or not: the stored states as last read
//! (the runtime reads them with the launcher's summaries), so a phase that
//! ends rings on any screen, the header shows each running timer and the
//! terminal's title the nearest. Pure: each call takes `now`.

use crate::model::timer::{self, Action, Status, TimerState};
use crate::spec::{Kind, Spec, TimerSpec, duration};

/// One timer app and its state.
#[derive(Clone, Debug, PartialEq)]
pub struct Clock {
    pub spec: Spec,
    pub state: TimerState,
    /// Phase ends up to this moment (unix ms) have been looked at: each end
    /// rings once, when a look first passes it.
    checked: i64,
}

/// A phase that ended: what the bell, the banner and a notification say.
#[derive(Clone, Debug, PartialEq)]
pub struct Ring {
    pub id: String,
    /// The app's name.
    pub title: String,
    /// "Focus finished, Break now".
    pub body: String,
}

/// A running timer as the header shows it: `🍅 14:46`.
#[derive(Clone, Debug, PartialEq)]
pub struct Badge {
    pub icon: String,
    pub name: String,
    /// Time left in the phase (a countdown) or run so far (a stopwatch).
    pub clock: String,
    /// Unix ms of the phase's end; None for a stopwatch.
    pub ends: Option<i64>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct Clocks {
    pub timers: Vec<Clock>,
    /// The first read is in: what ended while nook was closed was said.
    read: bool,
}

fn spec_of(spec: &Spec) -> Option<&TimerSpec> {
    match &spec.kind {
        Kind::Timer(t) => Some(t),
        _ => None,
    }
}

/// The wall-clock end of each phase of a running state, with its slot's
/// index: the ends still ahead of the time it has run.
fn ends(t: &TimerSpec, state: &TimerState) -> Vec<(usize, i64)> {
    let Some(since) = state.since else {
        return Vec::new();
    };
    timer::schedule(t)
        .iter()
        .enumerate()
        .map(|(i, s)| (i, s.start_ms + s.len_ms))
        .filter(|(_, end)| *end > state.banked)
        .map(|(i, end)| (i, since + end - state.banked))
        .collect()
}

/// "just now", "1 min ago", "12 min ago", "3 h ago", "2 days ago".
pub fn ago(ms: i64) -> String {
    let min = ms.max(0) / 60_000;
    match min {
        0 => "just now".into(),
        1..=59 => format!("{min} min ago"),
        60..=2879 => format!("{} h ago", min / 60),
        _ => format!("{} days ago", min / 1440),
    }
}

impl Clock {
    fn timer(&self) -> &TimerSpec {
        spec_of(&self.spec).expect("a clock is made only for a timer spec")
    }

    /// The last phase end in (checked, now], as a ring.
    fn ring(&self, now: i64) -> Option<Ring> {
        let t = self.timer();
        let (slot, _) = ends(t, &self.state)
            .into_iter()
            .rfind(|(_, end)| *end > self.checked && *end <= now)?;
        let slots = timer::schedule(t);
        let ended = &slots[slot].name;
        let body = match slots.get(slot + 1) {
            Some(next) => format!("{ended} finished, {} now", next.name),
            None if slots.len() == 1 => format!("{ended} finished"),
            None => format!("{ended} finished, all done"),
        };
        Some(Ring {
            id: self.spec.id.clone(),
            title: self.spec.name.clone(),
            body,
        })
    }

    /// What ended while nook was closed: "Tea finished 12 min ago".
    fn ended_while_closed(&self, now: i64) -> Option<String> {
        let t = self.timer();
        let (_, logged) = timer::step(t, &self.state, Action::Observe, now);
        let last = logged.last()?;
        let when = ago(now - last.end);
        let view = timer::view(t, &self.state, now);
        Some(
            match (t.phases.len() == 1 && t.rounds == 1, view.status, &view.phase) {
                (true, _, _) => format!("{} finished {when}", self.spec.name),
                (_, Status::Done, _) | (_, _, None) => {
                    format!("{}: {} finished {when}, all done", self.spec.name, last.phase)
                }
                (_, _, Some(now_in)) => {
                    format!("{}: {} finished {when}, {now_in} now", self.spec.name, last.phase)
                }
            },
        )
    }

    fn badge(&self, now: i64) -> Option<Badge> {
        self.state.since?;
        let t = self.timer();
        let v = timer::view(t, &self.state, now);
        if v.status != Status::Running {
            return None;
        }
        let secs = |ms: i64| (ms.max(0) as u64).div_ceil(1000);
        let (clock, ends) = if t.phases.is_empty() {
            (duration::clock(v.elapsed_ms.max(0) as u64 / 1000), None)
        } else {
            (duration::clock(secs(v.remaining_ms)), Some(now + v.remaining_ms))
        };
        Some(Badge {
            icon: self.spec.icon.clone().unwrap_or_else(|| "⏱".into()),
            name: self.spec.name.clone(),
            clock,
            ends,
        })
    }
}

impl Clocks {
    /// Takes the states just read, for the timer specs of `specs`. A phase
    /// that ended under the old state before `now` still rings (another
    /// process may have logged it first); what ended while nook was closed
    /// is said once, on the first read.
    pub fn load(
        &mut self,
        specs: &[&Spec],
        states: Vec<(String, TimerState)>,
        now: i64,
    ) -> (Vec<Ring>, Vec<(String, String)>) {
        let rings = self.tick(now);
        let mut notices = Vec::new();
        let mut next = Vec::new();
        for spec in specs.iter().filter(|s| spec_of(s).is_some()) {
            let state = states
                .iter()
                .find(|(id, _)| *id == spec.id)
                .map(|(_, s)| s.clone())
                .unwrap_or_default();
            let clock = Clock {
                spec: (*spec).clone(),
                state,
                checked: now,
            };
            if !self.read {
                notices.extend(clock.ended_while_closed(now).map(|n| (spec.id.clone(), n)));
            }
            next.push(clock);
        }
        self.timers = next;
        self.read = true;
        (rings, notices)
    }

    /// The state of one timer as this process just changed it.
    pub fn set(&mut self, id: &str, state: TimerState) {
        if let Some(c) = self.timers.iter_mut().find(|c| c.spec.id == id) {
            c.state = state;
        }
    }

    /// Phase ends since the last look.
    pub fn tick(&mut self, now: i64) -> Vec<Ring> {
        let mut out = Vec::new();
        for c in &mut self.timers {
            out.extend(c.ring(now));
            c.checked = c.checked.max(now);
        }
        out
    }

    /// When the next phase of any running timer ends (unix ms).
    pub fn next_end(&self) -> Option<i64> {
        self.timers
            .iter()
            .flat_map(|c| {
                ends(c.timer(), &c.state)
                    .into_iter()
                    .map(|(_, end)| end)
                    .filter(|end| *end > c.checked)
            })
            .min()
    }

    pub fn any_running(&self) -> bool {
        self.timers.iter().any(|c| c.state.since.is_some())
    }

    /// Every running timer, in the catalog's order.
    /// Each running timer's app id and badge, for the agenda.
    pub fn running(&self, now: i64) -> Vec<(String, Badge)> {
        self.timers
            .iter()
            .filter_map(|c| Some((c.spec.id.clone(), c.badge(now)?)))
            .collect()
    }

    pub fn badges(&self, now: i64) -> Vec<Badge> {
        self.timers.iter().filter_map(|c| c.badge(now)).collect()
    }

    /// The terminal's title: the running timer whose phase ends soonest (a
    /// stopwatch when none counts down), then "nook".
    pub fn title(&self, now: i64) -> String {
        let badges = self.badges(now);
        let nearest = badges
            .iter()
            .filter(|b| b.ends.is_some())
            .min_by_key(|b| b.ends)
            .or(badges.first());
        match nearest {
            Some(b) => format!("{} {} {} · nook", b.icon, b.clock, b.name),
            None => "nook".into(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const T0: i64 = 1_800_000_000_000;
    const MIN: i64 = 60_000;

    /// A spec whose id is `id` (the file's name).
    fn spec(id: &str, text: &str) -> Spec {
        crate::spec::parse_str(&format!("{id}.ron"), text).unwrap()
    }

    fn tea() -> Spec {
        spec(
            "tea",
            "Timer(name: \"Tea\", icon: \"🍵\", phases: [(name: \"Steep\", length: \"4m\")])",
        )
    }

    fn pomodoro() -> Spec {
        spec(
            "pomodoro",
            "Timer(name: \"Pomodoro\", icon: \"🍅\", phases: [(name: \"Focus\", length: \"25m\"), \
             (name: \"Break\", length: \"5m\")], rounds: 2)",
        )
    }

    fn started(spec: &Spec, at: i64) -> (String, TimerState) {
        let (s, _) = timer::step(spec_of(spec).unwrap(), &TimerState::default(), Action::Start, at);
        (spec.id.clone(), s)
    }

    #[test]
    fn a_phase_end_rings_once_whatever_is_on_screen() {
        let (tea, pomo) = (tea(), pomodoro());
        let mut c = Clocks::default();
        let (rings, notices) = c.load(&[&tea, &pomo], vec![started(&tea, T0), started(&pomo, T0)], T0);
        assert!(rings.is_empty() && notices.is_empty());
        assert_eq!(c.next_end(), Some(T0 + 4 * MIN), "the nearest end: the tea's");
        assert!(c.tick(T0 + 4 * MIN - 1).is_empty());
        let rings = c.tick(T0 + 4 * MIN + 300);
        assert_eq!(rings.len(), 1);
        assert_eq!(
            (rings[0].title.as_str(), rings[0].body.as_str()),
            ("Tea", "Steep finished")
        );
        assert!(c.tick(T0 + 5 * MIN).is_empty(), "it rang once");
        assert_eq!(c.next_end(), Some(T0 + 25 * MIN));
        let rings = c.tick(T0 + 25 * MIN);
        assert_eq!(rings[0].body, "Focus finished, Break now");
    }

    #[test]
    fn a_reset_or_a_skip_does_not_ring() {
        let tea = tea();
        let mut c = Clocks::default();
        c.load(&[&tea], vec![started(&tea, T0)], T0);
        // Another process resets it at 3 minutes; nook reads it at 3.
        c.load(&[&tea], vec![("tea".into(), TimerState::default())], T0 + 3 * MIN);
        assert!(c.tick(T0 + 10 * MIN).is_empty());
        assert_eq!(c.next_end(), None);
        let pomo = pomodoro();
        c.load(&[&pomo], vec![started(&pomo, T0)], T0);
        let t = spec_of(&pomo).unwrap();
        let (skipped, _) = timer::step(t, &c.timers[0].state, Action::Skip, T0 + MIN);
        c.set("pomodoro", skipped);
        assert!(c.tick(T0 + 2 * MIN).is_empty(), "skipping is not finishing");
        assert_eq!(
            c.next_end(),
            Some(T0 + 6 * MIN),
            "the break ends 5 min after the skip"
        );
    }

    #[test]
    fn an_end_logged_by_another_process_first_still_rings() {
        let tea = tea();
        let mut c = Clocks::default();
        c.load(&[&tea], vec![started(&tea, T0)], T0);
        // `nook timer tea status` at the end logged it: the state rests done.
        let (done, _) = timer::step(
            spec_of(&tea).unwrap(),
            &c.timers[0].state,
            Action::Observe,
            T0 + 4 * MIN,
        );
        let (rings, _) = c.load(&[&tea], vec![("tea".into(), done)], T0 + 4 * MIN + 200);
        assert_eq!(rings.len(), 1, "{rings:?}");
        assert!(c.tick(T0 + 5 * MIN).is_empty());
    }

    #[test]
    fn what_ended_while_nook_was_closed_is_said_on_the_first_read_only() {
        let (tea, pomo) = (tea(), pomodoro());
        let mut c = Clocks::default();
        let states = vec![started(&tea, T0), started(&pomo, T0)];
        let (rings, notices) = c.load(&[&tea, &pomo], states.clone(), T0 + 16 * MIN);
        assert!(rings.is_empty(), "no bell for the past");
        assert_eq!(
            notices,
            [("tea".to_string(), "Tea finished 12 min ago".to_string())]
        );
        let (_, again) = c.load(&[&tea, &pomo], states, T0 + 17 * MIN);
        assert!(again.is_empty());
        let mut c = Clocks::default();
        let (_, notices) = c.load(&[&pomo], vec![started(&pomo, T0)], T0 + 26 * MIN);
        assert_eq!(notices[0].1, "Pomodoro: Focus finished 1 min ago, Break now");
    }

    #[test]
    fn the_header_and_the_title_show_running_timers() {
        let (tea, pomo) = (tea(), pomodoro());
        let sw = spec("stopwatch", "Timer(name: \"Stopwatch\")");
        let mut c = Clocks::default();
        c.load(&[&sw], vec![started(&sw, T0)], T0);
        assert_eq!(c.title(T0 + 61_000), "⏱ 01:01 Stopwatch · nook");
        c.load(
            &[&pomo, &tea, &sw],
            vec![started(&pomo, T0), started(&tea, T0 + 2 * MIN), started(&sw, T0)],
            T0,
        );
        let at = T0 + 3 * MIN + 14_000;
        let shown: Vec<String> = c
            .badges(at)
            .iter()
            .map(|b| format!("{} {}", b.icon, b.clock))
            .collect();
        assert_eq!(shown, ["🍅 21:46", "🍵 02:46", "⏱ 03:14"]);
        assert_eq!(c.title(at), "🍵 02:46 Tea · nook", "the nearest end");
        c.load(&[&pomo], vec![("pomodoro".into(), TimerState::default())], at);
        assert_eq!(c.title(at), "nook");
        assert!(c.badges(at).is_empty());
    }

    #[test]
    fn ago_reads_as_words() {
        assert_eq!(ago(20_000), "just now");
        assert_eq!(ago(MIN), "1 min ago");
        assert_eq!(ago(12 * MIN + 59_000), "12 min ago");
        assert_eq!(ago(3 * 60 * MIN), "3 h ago");
        assert_eq!(ago(3 * 1440 * MIN), "3 days ago");
    }
}
