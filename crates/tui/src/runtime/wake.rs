//! The event loop's decisions, apart from the terminal: given what woke it
//! and the time, when to draw, tick, check the editor's text, look for other
//! processes' writes, and how long to sleep. Pure, so it is tested with a
//! fake clock; runtime/terminal.rs carries the answers out.

use std::time::Duration;

/// How often an idle nook checks whether another process wrote.
pub const WATCH: Duration = Duration::from_millis(500);
/// While git works, its news is looked for this often.
const SYNC_NEWS: Duration = Duration::from_millis(100);
/// Ticks closer together than this are one.
const TICK_GAP: Duration = Duration::from_millis(500);
/// A resize can slip past crossterm's queue only this soon after the start.
const SIZE_CHECKS: Duration = Duration::from_secs(3);

/// What woke the loop.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Event {
    /// The loop starts.
    Start,
    /// A key or a resize, already applied to the App.
    Input,
    /// An event that meant nothing (a key release, an unknown key).
    Ignored,
    /// The App changed without input: sync news, a reload, a tick, a
    /// flushed write, the user's editor closing.
    Changed,
    /// The sleep ran out.
    Timeout,
}

/// The time, twice: a monotonic clock for intervals (it never jumps), and
/// the wall clock for a timer's second boundary.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct At {
    /// Since the loop started.
    pub elapsed: Duration,
    /// Milliseconds since the epoch.
    pub wall_ms: i64,
}

/// What the App (and the sync worker) need from the loop right now.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Needs {
    pub quit: bool,
    /// Something on screen counts seconds (`App::needs_tick`).
    pub tick: bool,
    /// The editor's text is due a check in this many ms (`App::settle_in`).
    pub settle_in: Option<i64>,
    /// The sync worker is running git.
    pub sync_busy: bool,
    /// Wall-clock ms when a running timer's phase ends next
    /// (`App::next_ring`): the loop wakes then, to ring.
    pub ring_at: Option<i64>,
}

/// What to do now, then how long to sleep waiting for input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Wake {
    pub quit: bool,
    pub redraw: bool,
    /// Send `Action::Settle`: typing paused.
    pub settle: bool,
    /// Send `Action::Tick`.
    pub tick: bool,
    /// Look for other processes' writes: the database's last operation, the
    /// spec files, git's state.
    pub watch: bool,
    /// Compare the terminal's size with the App's.
    pub check_size: bool,
    /// When to wake at the latest (on the `At::elapsed` clock): the time
    /// spent drawing comes off the sleep, so a second's tick is not late.
    pub until: Duration,
}

impl Wake {
    /// How long to wait for input from `elapsed` on.
    pub fn sleep(&self, elapsed: Duration) -> Duration {
        self.until.saturating_sub(elapsed)
    }
}

/// The loop's memory between wake-ups.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Pacer {
    last_watch: Duration,
    last_tick: Duration,
}

impl Pacer {
    /// Decides what `event` at `at` calls for. Only a timeout does work:
    /// while keys arrive, nothing but drawing happens between them. When the
    /// work changed the App, the runtime comes back with `Event::Changed`
    /// and gets a sleep measured from the App as it is then.
    pub fn step(&mut self, event: Event, at: At, needs: Needs) -> Wake {
        let mut wake = Wake {
            quit: needs.quit,
            redraw: matches!(event, Event::Start | Event::Input | Event::Changed),
            settle: false,
            tick: false,
            watch: false,
            check_size: false,
            until: at.elapsed,
        };
        if needs.quit {
            return wake;
        }
        if event == Event::Timeout {
            wake.settle = needs.settle_in == Some(0);
            let ring_due = needs.ring_at.is_some_and(|end| end <= at.wall_ms);
            if ring_due || needs.tick && at.elapsed.saturating_sub(self.last_tick) >= TICK_GAP {
                self.last_tick = at.elapsed;
                wake.tick = true;
            }
            if at.elapsed.saturating_sub(self.last_watch) >= WATCH {
                self.last_watch = at.elapsed;
                wake.watch = true;
                wake.check_size = at.elapsed < SIZE_CHECKS;
            }
        }
        wake.until = at.elapsed + self.sleep(at, needs, wake.settle);
        wake
    }

    /// Until the next second while something counts, else until the next
    /// look for other processes' writes; sooner when the editor's check is
    /// due or git is working.
    fn sleep(&self, at: At, needs: Needs, settling: bool) -> Duration {
        let mut wait = if needs.tick {
            let ms = 1000 - at.wall_ms.rem_euclid(1000) as u64;
            Duration::from_millis(ms.clamp(5, 1000))
        } else {
            WATCH.saturating_sub(at.elapsed.saturating_sub(self.last_watch))
        };
        if let Some(end) = needs.ring_at {
            wait = wait.min(Duration::from_millis((end - at.wall_ms).max(1) as u64));
        }
        if let Some(ms) = needs.settle_in.filter(|_| !settling) {
            wait = wait.min(Duration::from_millis(ms.max(0) as u64));
        }
        if needs.sync_busy {
            wait = wait.min(SYNC_NEWS);
        }
        wait
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A fake clock: the loop sleeps exactly as long as it was told.
    struct Fake {
        pacer: Pacer,
        at: At,
    }

    impl Fake {
        /// The loop starts at `wall_ms` past a whole second.
        fn new(wall_ms: i64) -> Fake {
            Fake {
                pacer: Pacer::default(),
                at: At {
                    elapsed: Duration::ZERO,
                    wall_ms: 1_800_000_000_000 + wall_ms,
                },
            }
        }

        fn step(&mut self, event: Event, needs: Needs) -> Wake {
            self.pacer.step(event, self.at, needs)
        }

        fn pass(&mut self, d: Duration) {
            self.at.elapsed += d;
            self.at.wall_ms += d.as_millis() as i64;
        }

        /// How long `wake` sleeps from now.
        fn left(&self, wake: Wake) -> Duration {
            wake.sleep(self.at.elapsed)
        }

        /// Sleeps as `wake` says, and steps on the timeout.
        fn sleep(&mut self, wake: Wake, needs: Needs) -> Wake {
            self.pass(self.left(wake));
            self.step(Event::Timeout, needs)
        }
    }

    const IDLE: Needs = Needs {
        quit: false,
        tick: false,
        settle_in: None,
        sync_busy: false,
        ring_at: None,
    };
    const COUNTING: Needs = Needs { tick: true, ..IDLE };

    fn ms(n: u64) -> Duration {
        Duration::from_millis(n)
    }

    #[test]
    fn the_first_frame_is_drawn_at_once() {
        let mut f = Fake::new(0);
        let w = f.step(Event::Start, IDLE);
        assert!(w.redraw && !w.quit);
    }

    #[test]
    fn an_idle_app_sleeps_until_the_next_look_and_does_nothing_else() {
        let mut f = Fake::new(0);
        let w = f.step(Event::Start, IDLE);
        assert_eq!(f.left(w), WATCH);
        let w = f.sleep(w, IDLE);
        assert!(w.watch && !w.redraw && !w.tick && !w.settle);
        assert_eq!(f.left(w), WATCH, "the next look is a whole interval later");
        // Nothing changed: it goes on sleeping, never spinning.
        for _ in 0..10 {
            let w = f.step(Event::Timeout, IDLE);
            assert!(!w.redraw);
            assert!(f.left(w) > Duration::ZERO);
            f.pass(f.left(w));
        }
    }

    #[test]
    fn a_running_timer_wakes_the_loop_on_each_second_boundary() {
        let mut f = Fake::new(300);
        let w = f.step(Event::Changed, COUNTING);
        assert_eq!(f.left(w), ms(700), "the next whole second");
        let w = f.sleep(w, COUNTING);
        assert!(w.tick, "a second passed");
        // The tick changed the App: back with Changed, and the next sleep
        // ends on the following second.
        let w = f.step(Event::Changed, COUNTING);
        assert!(w.redraw && !w.tick);
        assert_eq!(f.left(w), ms(1000));
        let w = f.sleep(w, COUNTING);
        assert!(w.tick);
    }

    #[test]
    fn a_wake_just_before_a_second_does_not_spin_or_tick_twice() {
        let mut f = Fake::new(0);
        f.step(Event::Start, COUNTING);
        f.pass(ms(1998));
        let w = f.step(Event::Changed, COUNTING);
        assert_eq!(f.left(w), ms(5), "at least a few ms");
        let w = f.sleep(w, COUNTING);
        assert!(w.tick);
        // A key 100 ms later starts the editor's pause; its check 50 ms on
        // is too soon for another tick.
        f.pass(ms(100));
        let typing = Needs {
            settle_in: Some(50),
            ..COUNTING
        };
        let w = f.step(Event::Input, typing);
        assert_eq!(f.left(w), ms(50));
        let w = f.sleep(
            w,
            Needs {
                settle_in: Some(0),
                ..COUNTING
            },
        );
        assert!(w.settle);
        assert!(!w.tick, "ticks come at most every half second");
    }

    #[test]
    fn the_first_tick_waits_half_a_second_after_the_start() {
        // As the loop always did: the first frame already shows the time.
        let mut f = Fake::new(900);
        let w = f.step(Event::Start, COUNTING);
        assert_eq!(f.left(w), ms(100));
        let w = f.sleep(w, COUNTING);
        assert!(!w.tick);
        assert_eq!(f.left(w), ms(1000));
        assert!(f.sleep(w, COUNTING).tick);
    }

    #[test]
    fn a_key_redraws_at_once_and_a_meaningless_event_does_not() {
        let mut f = Fake::new(0);
        f.step(Event::Start, IDLE);
        f.pass(ms(120));
        let w = f.step(Event::Input, IDLE);
        assert!(w.redraw);
        assert!(!w.watch && !w.tick, "keys do no other work");
        assert_eq!(f.left(w), ms(380), "the next look stays where it was");
        let w = f.step(Event::Ignored, IDLE);
        assert!(!w.redraw);
    }

    #[test]
    fn a_write_by_another_process_is_looked_for_within_the_interval() {
        let mut f = Fake::new(0);
        f.step(Event::Start, IDLE);
        // Keys arrive at 200 and 450 ms; the look still comes at 500.
        f.pass(ms(200));
        f.step(Event::Input, IDLE);
        f.pass(ms(250));
        let w = f.step(Event::Input, IDLE);
        assert_eq!(f.left(w), ms(50));
        let w = f.sleep(w, IDLE);
        assert!(w.watch, "the database's last operation is read");
        // The runtime found another process's write and reloaded: it comes
        // back with Changed, which draws.
        let w = f.step(Event::Changed, IDLE);
        assert!(w.redraw && !w.watch);
    }

    #[test]
    fn typing_that_pauses_is_checked_when_due() {
        let mut f = Fake::new(0);
        let typing = Needs {
            settle_in: Some(150),
            ..IDLE
        };
        let w = f.step(Event::Input, typing);
        assert_eq!(f.left(w), ms(150), "sooner than the next look");
        let due = Needs {
            settle_in: Some(0),
            ..IDLE
        };
        let w = f.sleep(w, due);
        assert!(w.settle && !w.watch);
        assert_eq!(f.left(w), ms(350), "the check is done: next, the look");
        // Not yet due: no check.
        let w = f.step(
            Event::Timeout,
            Needs {
                settle_in: Some(40),
                ..IDLE
            },
        );
        assert!(!w.settle);
        assert_eq!(f.left(w), ms(40));
    }

    #[test]
    fn while_git_works_its_news_is_looked_for_often() {
        let mut f = Fake::new(0);
        let busy = Needs {
            sync_busy: true,
            ..IDLE
        };
        let w = f.step(Event::Start, busy);
        assert_eq!(f.left(w), SYNC_NEWS);
        let w = f.step(Event::Start, Needs { tick: true, ..busy });
        assert_eq!(f.left(w), SYNC_NEWS);
    }

    #[test]
    fn a_phase_end_wakes_the_loop_at_that_moment_and_ticks() {
        // Nothing counts on screen, yet a timer's phase ends 2.3 s on: the
        // loop sleeps until then, not a poll's interval at a time.
        let mut f = Fake::new(0);
        let end = f.at.wall_ms + 2_300;
        let ringing = Needs {
            ring_at: Some(end),
            ..IDLE
        };
        let w = f.step(Event::Start, ringing);
        assert_eq!(f.left(w), WATCH, "the look for other writes comes first");
        let w = f.sleep(w, ringing);
        let w = f.sleep(w, ringing);
        let w = f.sleep(w, ringing);
        let w = f.sleep(w, ringing);
        assert!(!w.tick);
        assert_eq!(f.left(w), ms(300), "until the end, exactly");
        let w = f.sleep(w, ringing);
        assert!(w.tick, "the end rings");
        assert_eq!(f.at.wall_ms, end);
    }

    #[test]
    fn a_phase_end_between_seconds_is_not_held_to_the_next_second() {
        // A timer counts on screen (ticks each second) and another ends
        // 250 ms past one: it rings at its end, even right after a tick.
        let mut f = Fake::new(0);
        let w = f.step(Event::Start, COUNTING);
        let w = f.sleep(w, COUNTING);
        let w = f.sleep(w, COUNTING);
        assert!(w.tick);
        let ringing = Needs {
            ring_at: Some(f.at.wall_ms + 250),
            ..COUNTING
        };
        let w = f.step(Event::Changed, ringing);
        assert_eq!(f.left(w), ms(250));
        let w = f.sleep(w, ringing);
        assert!(w.tick, "within half a second of the last tick, still");
    }

    #[test]
    fn the_size_is_checked_only_soon_after_the_start() {
        let mut f = Fake::new(0);
        let w = f.step(Event::Start, IDLE);
        assert!(f.sleep(w, IDLE).check_size);
        f.pass(SIZE_CHECKS);
        let w = f.step(Event::Timeout, IDLE);
        assert!(w.watch && !w.check_size);
    }

    #[test]
    fn quitting_stops_the_loop_before_anything_else() {
        let mut f = Fake::new(0);
        let quit = Needs {
            quit: true,
            tick: true,
            settle_in: Some(0),
            sync_busy: true,
            ring_at: Some(0),
        };
        f.pass(ms(600));
        let w = f.step(Event::Timeout, quit);
        assert!(w.quit);
        assert!(!w.tick && !w.settle && !w.watch, "{w:?}");
    }
}
