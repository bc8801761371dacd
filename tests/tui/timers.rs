//! Timers everywhere: a running timer rings wherever the user is, the
//! header and the terminal's title carry it, and `nook open APP` leaves
//! nook with `q`. The App is driven in process at fixed moments (the
//! fixture's clock), and the real binary in a pty with `NOOK_TEST_NOW`.

use crate::common::fixture;
use crate::pty;

use fixture::{empty, now};
use nook::app::Action;
use pty::{TIMEOUT, Tui};

/// The catalog index of `id`, as `nook open` finds it.
fn index_of(f: &fixture::Fixture, id: &str) -> usize {
    f.app
        .entries
        .iter()
        .position(|e| e.id() == Some(id))
        .unwrap_or_else(|| panic!("no app {id}"))
}

#[test]
fn q_in_an_app_opened_from_the_command_line_quits() {
    let mut f = empty();
    let i = index_of(&f, "tea");
    f.shell.dispatch(&mut f.app, Action::Open(i, now()));
    assert!(f.app.focused().is_some());
    assert!(f.screen(100, 30).contains("q quit"), "{}", f.screen(100, 30));
    f.keys("q");
    assert!(f.app.quit, "q leaves nook:\n{}", f.screen(100, 30));
}

#[test]
fn esc_in_an_app_opened_from_the_command_line_shows_the_launcher() {
    let mut f = empty();
    let i = index_of(&f, "tea");
    f.shell.dispatch(&mut f.app, Action::Open(i, now()));
    f.keys("<Esc>");
    assert!(!f.app.quit && f.app.focused().is_none());
    // From the launcher on, q in a panel goes back as always.
    f.keys("<Enter>");
    assert!(f.screen(100, 30).contains("q back"), "{}", f.screen(100, 30));
    f.keys("q");
    assert!(!f.app.quit && f.app.focused().is_none());
}

#[test]
fn nook_open_then_q_returns_to_the_shell() {
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn(home.path(), ["open", "tea"]).unwrap();
    tui.wait_for("q quit", TIMEOUT).unwrap();
    tui.send("q");
    let status = tui.wait_exit(TIMEOUT).unwrap();
    assert!(status.success(), "{}", tui.describe());
    assert!(tui.term_state().restored());
}

#[test]
fn timer_keys_that_would_change_nothing_say_so() {
    let mut f = empty();
    f.open("tea");
    f.keys("n");
    assert!(f.screen(100, 30).contains("Tea has not started: there is no phase to skip"));
    f.keys("r");
    assert!(f.screen(100, 30).contains("Tea is already reset"));
    assert!(f.export("tea").timer.is_none(), "nothing was written");
    // Started, then skipped past its one phase: finished, nothing to skip.
    f.keys(" nn");
    assert!(f.screen(100, 30).contains("Tea is finished"), "{}", f.screen(100, 30));
}
