//! Every screen at a fixed size and a fixed clock, as text snapshots.
//! Snapshots are committed; CI refuses to write new ones (INSTA_UPDATE=no).

use crate::common::fixture;

use fixture::{Fixture, at, seeded};
use insta::assert_snapshot;

fn shot(f: &Fixture) -> String {
    f.screen(100, 30)
}

#[test]
fn launcher() {
    let f = seeded();
    assert_snapshot!("launcher", shot(&f));
    assert_snapshot!("launcher_80x24", f.screen(80, 24));
}

#[test]
fn launcher_filter_and_broken_spec() {
    let mut f = seeded();
    f.keys("/wa");
    assert_snapshot!("launcher_filter", shot(&f));
    let mut f = seeded();
    f.keys("/broken<Down>");
    assert_snapshot!("launcher_broken_selected", shot(&f));
}

#[test]
fn help_and_palette() {
    let mut f = seeded();
    f.keys("?");
    assert_snapshot!("launcher_help", shot(&f));
    let mut f = seeded();
    f.keys(":the");
    assert_snapshot!("launcher_palette", shot(&f));
}

#[test]
fn list_views() {
    let mut f = seeded();
    f.open("groceries");
    assert_snapshot!("list_checklist", shot(&f));
    let mut f = seeded();
    f.open("packing");
    assert_snapshot!("list_table", shot(&f));
    let mut f = seeded();
    f.open("reading");
    assert_snapshot!("list_board", shot(&f));
    f.keys("?");
    assert_snapshot!("list_board_help", shot(&f));
}

#[test]
fn add_form_with_inline_error() {
    let mut f = seeded();
    f.open("reading");
    f.keys("aNeuromancer<Tab><Tab><Tab>many");
    assert_snapshot!("list_form_error", shot(&f));
}

#[test]
fn timers() {
    let mut f = seeded();
    f.open("pomodoro");
    assert_snapshot!("timer_pomodoro_running", shot(&f));
    let mut f = seeded();
    f.open("stopwatch");
    assert_snapshot!("timer_stopwatch_laps", shot(&f));
    let mut f = seeded();
    f.open("tea");
    assert_snapshot!("timer_tea_ready_80x24", f.screen(80, 24));
}

#[test]
fn trackers() {
    let mut f = seeded();
    f.open("water");
    assert_snapshot!("tracker_water", shot(&f));
    f.keys("hh");
    assert_snapshot!("tracker_water_backfill", shot(&f));
    let mut f = seeded();
    f.open("habits");
    assert_snapshot!("tracker_habits_grid", shot(&f));
    let mut f = seeded();
    f.open("coffee");
    assert_snapshot!("tracker_coffee_limit_80x24", f.screen(80, 24));
}

#[test]
fn workspace_side_by_side() {
    let mut f = seeded();
    f.open("groceries");
    f.keys("q/water<Down>o");
    assert_snapshot!("workspace_two_panels", f.screen(120, 30));
}

#[test]
fn tiny_terminal_degrades_cleanly() {
    let mut f = seeded();
    assert_snapshot!("tiny_launcher", f.screen(30, 8));
    f.open("pomodoro");
    assert_snapshot!("tiny_timer", f.screen(24, 6));
}

#[test]
fn a_running_timer_counts_down_with_the_clock() {
    let mut f = seeded();
    f.open("pomodoro");
    f.shell.dispatch(&mut f.app, nook::app::Action::Tick(at(1)));
    let Some(nook::app::Panel::Timer(t)) = f.app.focused() else {
        panic!("not a timer")
    };
    // Started 7 minutes before the fixture's time; a minute later 17:00 are left.
    assert_eq!(t.view(at(1)).remaining_ms, 17 * 60_000);
    assert!(shot(&f).contains("round 1/4  running"), "{}", shot(&f));
}

#[test]
fn new_app_gallery() {
    let mut f = seeded();
    f.keys("n");
    assert_snapshot!("gallery", shot(&f));
    f.keys("jjj<Enter>Focus");
    assert_snapshot!("gallery_name", shot(&f));
}

#[test]
fn describe_it_in_the_gallery_then_the_draft_in_the_editor() {
    let mut f = seeded();
    f.keys("n<Enter>log my runs in km, 20 km a week");
    assert_snapshot!("gallery_describe", f.screen(80, 24));
    f.keys("<Enter>");
    assert_snapshot!("describe_draft", f.screen(80, 24));
}

#[test]
fn spec_editor_with_a_problem_and_the_preview() {
    let mut f = seeded();
    f.keys("/packing<Down>e");
    assert_snapshot!("editor_valid", f.screen(120, 30));
    f.keys("<Down><End>,  oops");
    f.shell
        .dispatch(&mut f.app, nook::app::Action::Settle(fixture::at(1)));
    assert_snapshot!("editor_problem", f.screen(120, 30));
    assert_snapshot!("editor_80x24", f.screen(80, 24));
}
