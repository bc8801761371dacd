//! Timers everywhere: a running timer rings wherever the user is, the
//! header and the terminal's title carry it, and `nook open APP` leaves
//! nook with `q`. The App is driven in process at fixed moments (the
//! fixture's clock), and the real binary in a pty with `NOOK_TEST_NOW`.

use crate::common::fixture;
use crate::pty;

use fixture::{at, empty, now};
use nook::app::Action;
use nook::model::Now;
use nook::model::timer::Action as TimerAction;
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
    assert!(
        f.screen(100, 30)
            .contains("Tea has not started: there is no phase to skip")
    );
    f.keys("r");
    assert!(f.screen(100, 30).contains("Tea is already reset"));
    assert!(f.export("tea").timer.is_none(), "nothing was written");
    // Started, then skipped past its one phase: finished, nothing to skip.
    f.keys(" nn");
    assert!(
        f.screen(100, 30).contains("Tea is finished"),
        "{}",
        f.screen(100, 30)
    );
}

/// Starts a timer as another process would (`nook timer ID start`), `mins`
/// minutes from the fixture's moment, and lets the TUI see the write.
fn started_elsewhere(f: &mut fixture::Fixture, id: &str, mins: i64) {
    let home = f.home();
    let spec = nook::spec::Catalog::scan(&home.apps(), &home.bounds())
        .unwrap()
        .find(id)
        .unwrap()
        .clone();
    nook::usecase::timer::act(&f.shell.store, &spec, at(mins), TimerAction::Start).unwrap();
    assert!(f.shell.changed_elsewhere());
    f.shell.reload(&mut f.app);
}

fn tick(f: &mut fixture::Fixture, when: Now) {
    f.shell.dispatch(&mut f.app, Action::Tick(when));
}

/// `minutes` and `secs` after the fixture's moment.
fn at_s(minutes: i64, secs: i64) -> Now {
    Now::fixed(at(minutes).local + chrono::Duration::seconds(secs))
}

#[test]
fn a_timer_started_from_the_cli_rings_on_the_launcher() {
    let mut f = empty();
    started_elsewhere(&mut f, "tea", 0);
    tick(&mut f, at_s(0, 14));
    let top = f.screen(100, 30).lines().next().unwrap().to_string();
    assert!(top.contains("🍵 03:46"), "the header shows it: {top}");
    assert!(f.shell.rings.is_empty());
    tick(&mut f, at_s(4, 0));
    assert_eq!(f.shell.rings, [("Tea".to_string(), "Steep finished".to_string())]);
    let screen = f.screen(100, 30);
    assert!(screen.contains("Tea: Steep finished"), "a banner:\n{screen}");
    assert!(
        !screen.lines().next().unwrap().contains("🍵"),
        "no longer running:\n{screen}"
    );
    // It rang once, and the finished phase is logged.
    f.shell.rings.clear();
    tick(&mut f, at_s(4, 1));
    assert!(f.shell.rings.is_empty());
    assert_eq!(f.export("tea").sessions.len(), 1);
}

#[test]
fn a_timer_rings_in_another_panel_and_in_the_editor() {
    let mut f = empty();
    f.open("groceries");
    started_elsewhere(&mut f, "pomodoro", 0);
    tick(&mut f, at(1));
    assert!(f.screen(100, 30).lines().next().unwrap().contains("🍅 24:00"));
    tick(&mut f, at(25));
    assert_eq!(f.shell.rings.len(), 1);
    assert!(f.screen(100, 30).contains("Pomodoro: Focus finished, Break now"));
    // The spec editor (over everything) hears the break end too.
    f.keys("<Esc>");
    f.keys("/groceries<Down>e");
    assert!(f.app.editor.is_some(), "{}", f.screen(100, 30));
    tick(&mut f, at(30));
    assert_eq!(f.shell.rings.len(), 2);
    let screen = f.screen(100, 30);
    assert!(screen.contains("Pomodoro: Break finished, Focus now"), "{screen}");
    assert!(screen.lines().next().unwrap().contains("🍅 25:00"), "{screen}");
}

#[test]
fn a_timer_whose_panel_is_open_rings_once() {
    let mut f = empty();
    f.open("tea");
    f.keys(" ");
    f.shell.rings.clear();
    assert!(f.app.needs_tick());
    assert_eq!(f.app.next_ring(), Some(at(4).ms));
    tick(&mut f, at(4));
    assert_eq!(f.shell.rings.len(), 1, "{:?}", f.shell.rings);
    assert!(!f.shell.bell, "the ring is not rung twice");
}

#[test]
fn the_title_carries_the_nearest_timer() {
    let mut f = empty();
    assert_eq!(f.app.title(), "nook");
    started_elsewhere(&mut f, "pomodoro", 0);
    started_elsewhere(&mut f, "tea", 1);
    tick(&mut f, at(2));
    assert_eq!(f.app.title(), "🍵 03:00 Tea · nook");
    tick(&mut f, at(6));
    assert_eq!(f.app.title(), "🍅 19:00 Pomodoro · nook");
}

#[test]
fn a_timer_that_ended_while_nook_was_closed_says_so_when_it_opens() {
    let f = empty();
    let home = f.home();
    let spec = nook::spec::Catalog::scan(&home.apps(), &home.bounds())
        .unwrap()
        .find("tea")
        .unwrap()
        .clone();
    nook::usecase::timer::act(&f.shell.store, &spec, at(-16), TimerAction::Start).unwrap();
    let fixture::Fixture { dir, shell, .. } = f;
    drop(shell);
    let store = nook::store::Store::open(&home.database().unwrap()).unwrap();
    let (shell, app) = nook::runtime::terminal::start(home.clone(), store, now());
    let f = fixture::Fixture { dir, shell, app };
    let screen = f.screen(100, 30);
    assert!(screen.contains("Tea finished 12 min ago"), "{screen}");
    assert!(f.shell.rings.is_empty(), "no bell for the past");
    // Said once: logged, so the next start is quiet.
    assert_eq!(f.export("tea").sessions.len(), 1);
    let fixture::Fixture { dir, shell, .. } = f;
    drop(shell);
    let store = nook::store::Store::open(&home.database().unwrap()).unwrap();
    let (shell, app) = nook::runtime::terminal::start(home, store, at(1));
    let f = fixture::Fixture { dir, shell, app };
    assert!(!f.screen(100, 30).contains("finished"));
}

/// The real binary: a timer started from the shell with no panel open
/// rings (the bell), says so in a banner and names itself in the title.
#[test]
fn the_binary_rings_a_timer_started_from_the_shell() {
    let home = crate::common::Home::empty();
    home.spec(
        "egg.ron",
        "Timer(name: \"Egg\", icon: \"🥚\", phases: [(name: \"Boil\", length: \"3s\")])\n",
    );
    home.ok(["timer", "egg", "start"]);
    let mut tui = Tui::spawn(home.path(), Vec::<&str>::new()).unwrap();
    tui.wait_for("q quit", TIMEOUT).unwrap();
    tui.wait_for("Egg: Boil finished", TIMEOUT).unwrap();
    tui.send("q");
    assert!(tui.wait_exit(TIMEOUT).unwrap().success());
    assert!(tui.bells() >= 1, "{}", tui.describe());
    let titles = tui.titles();
    assert!(
        titles
            .iter()
            .any(|t| t.starts_with("🥚 ") && t.ends_with(" Egg · nook")),
        "{titles:?}"
    );
}

/// With the clock set (`NOOK_TEST_NOW`), a timer that ended while nook was
/// closed is named when it opens.
#[test]
fn the_binary_says_what_ended_while_it_was_closed() {
    let home = crate::common::Home::empty();
    home.set_clock(T0);
    home.ok(["timer", "tea", "start"]);
    let mut tui = Tui::builder(home.path())
        .env("NOOK_TEST_NOW", (T0 + 16 * 60_000).to_string())
        .start()
        .unwrap();
    tui.wait_for("Tea finished 12 min ago", TIMEOUT).unwrap();
    assert_eq!(tui.bells(), 0);
    tui.send("q");
    assert!(tui.wait_exit(TIMEOUT).unwrap().success());
}

/// Wednesday 25 November 2026, 10:00 UTC.
const T0: i64 = 1_795_600_800_000;
