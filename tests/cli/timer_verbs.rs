//! `nook timer APP VERB`: the verbs are the TUI's (`reset` as `r` says),
//! and a verb that would change nothing says why and exits 1, so a script
//! can tell "done" from "there was nothing to do".

use crate::common::Home;
use predicates::prelude::*;
use serde_json::Value;

/// Wednesday 25 November 2026, 10:00 UTC.
const T0: i64 = 1_795_600_800_000;

fn status(h: &Home, app: &str) -> Value {
    serde_json::from_str(&h.ok(["timer", app, "status", "--json"])).expect("status --json is JSON")
}

fn refused(h: &Home, args: &[&str], why: &str) {
    h.nook(args)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(why));
}

#[test]
fn reset_stops_and_resets_as_the_tui_does() {
    let h = Home::installed();
    h.set_clock(T0);
    h.ok(["timer", "tea", "start"]);
    h.advance(60_000);
    h.nook(["timer", "tea", "reset"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Tea: ready: Steep 04:00"));
    assert_eq!(status(&h, "tea")["status"], "idle");
    // `stop` is still understood, for scripts written before.
    h.ok(["timer", "tea", "start"]);
    h.ok(["timer", "tea", "stop"]);
    assert_eq!(status(&h, "tea")["status"], "idle");
    let help = h.ok(["timer", "--help"]);
    assert!(help.contains("reset"), "{help}");
}

#[test]
fn verbs_that_would_change_nothing_say_so_and_exit_1() {
    let h = Home::installed();
    h.set_clock(T0);
    // An idle countdown: nothing to pause, reset or skip.
    refused(&h, &["timer", "tea", "pause"], "Tea is not running");
    refused(&h, &["timer", "tea", "reset"], "Tea is already reset");
    refused(&h, &["timer", "tea", "skip"], "Tea has not started");
    assert_eq!(status(&h, "tea")["status"], "idle", "the refusals wrote nothing");
    // Running: starting again does nothing.
    h.ok(["timer", "tea", "start"]);
    refused(&h, &["timer", "tea", "start"], "Tea is already running");
    // Paused: pausing again does nothing.
    h.advance(1_000);
    h.ok(["timer", "tea", "pause"]);
    refused(&h, &["timer", "tea", "pause"], "Tea is already paused");
    // A stopped stopwatch takes no lap.
    refused(&h, &["timer", "stopwatch", "lap"], "Stopwatch is not running");
    h.ok(["timer", "stopwatch", "start"]);
    h.advance(2_000);
    h.ok(["timer", "stopwatch", "lap"]);
    h.ok(["timer", "stopwatch", "pause"]);
    refused(&h, &["timer", "stopwatch", "lap"], "Stopwatch is not running");
    assert_eq!(status(&h, "stopwatch")["laps"].as_array().unwrap().len(), 1);
}

#[test]
fn a_finished_countdown_skips_nothing() {
    let h = Home::installed();
    h.set_clock(T0);
    h.ok(["timer", "tea", "start"]);
    h.advance(5 * 60_000);
    refused(&h, &["timer", "tea", "skip"], "Tea is finished");
    refused(&h, &["timer", "tea", "pause"], "Tea is finished");
    // Starting a finished timer starts it over.
    h.ok(["timer", "tea", "start"]);
    assert_eq!(status(&h, "tea")["status"], "running");
}
