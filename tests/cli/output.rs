//! What the command line puts on a terminal: spec text never carries an
//! escape sequence or another control character through (JSON output stays
//! exact), long names print, a clock before 1970 is a message, and the panic
//! hook itself never fails.

use crate::common;

use common::Home;
use serde_json::Value;

/// A clipboard write (OSC 52), a window title (OSC 0), a screen clear (CSI 2 J),
/// a carriage return, and a C1 CSI: everything a synced spec could try.
const EVIL: &str = "\u{1b}]52;c;aGVsbG8=\u{7}\u{1b}]0;pwned\u{7}\u{1b}[2J\r\u{9b}2J";

/// `EVIL` as RON escapes, for writing it into a spec.
fn evil_ron() -> String {
    EVIL.chars()
        .map(|c| {
            if c.is_control() {
                format!("\\u{{{:x}}}", c as u32)
            } else {
                c.to_string()
            }
        })
        .collect()
}

/// Fails when `bytes` hold any C0 or C1 control character but a newline.
fn assert_clean(what: &str, bytes: &[u8]) {
    assert!(
        !bytes.contains(&0x1b) && !bytes.contains(&0x07),
        "{what}: ESC or BEL reached the terminal: {:?}",
        String::from_utf8_lossy(bytes)
    );
    let text = String::from_utf8_lossy(bytes);
    let bad: Vec<char> = text.chars().filter(|c| c.is_control() && *c != '\n').collect();
    assert!(bad.is_empty(), "{what}: control characters {bad:?} in {text:?}");
}

/// Runs `nook ARGS` and checks both of its streams; returns stdout and the exit code.
fn run_clean(home: &Home, args: &[&str]) -> (String, Option<i32>) {
    let out = home.nook(args).output().unwrap();
    let what = args.join(" ");
    assert_clean(&format!("stdout of `nook {what}`"), &out.stdout);
    assert_clean(&format!("stderr of `nook {what}`"), &out.stderr);
    assert!(
        !String::from_utf8_lossy(&out.stderr).contains("internal error"),
        "`nook {what}` panicked: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    (
        String::from_utf8_lossy(&out.stdout).into_owned(),
        out.status.code(),
    )
}

fn evil_home() -> Home {
    let home = Home::installed();
    let e = evil_ron();
    home.spec(
        "evil-list.ron",
        &format!("List(name: \"List{e}\", icon: \"{e}\")"),
    );
    home.spec(
        "evil-typed.ron",
        &format!(
            "List(name: \"Typed{e}\", fields: {{ \"title{e}\": Text(required: true), \
             \"state{e}\": Choice(options: [\"a{e}\", \"b\"]) }})"
        ),
    );
    home.spec(
        "evil-tracker.ron",
        &format!("Tracker(name: \"Tracker{e}\", unit: \"g{e}\", goal: Daily(8), series: [\"s{e}\", \"t\"])"),
    );
    home.spec(
        "evil-timer.ron",
        &format!(
            "Timer(name: \"Timer{e}\", phases: [(name: \"Phase{e}\", length: \"1s\"), (length: \"1m\")])"
        ),
    );
    home.spec(
        "evil-broken.ron",
        &format!(
            "List(name: \"Broken{e}\", fields: {{ \"f\": Choice(options: [\"x\"], default: \"{e}\") }})"
        ),
    );
    home
}

#[test]
fn spec_text_reaches_the_terminal_without_control_characters() {
    let home = evil_home();
    let (ls, code) = run_clean(&home, &["ls"]);
    assert_eq!(code, Some(0), "{ls}");
    assert!(
        ls.contains("evil-list") && ls.contains("]52;c;"),
        "the name is shown, defanged:\n{ls}"
    );
    // The item's own text is echoed back clean too.
    let item = format!("milk{EVIL}");
    let (added, code) = run_clean(&home, &["add", "evil-list", &item]);
    assert_eq!(code, Some(0));
    assert!(
        added.starts_with("Added #") && added.contains(" to List"),
        "{added}"
    );
    run_clean(&home, &["add", "evil-typed", "nope=1"]);
    run_clean(&home, &["add", "evil-typed", "state=c"]);
    run_clean(&home, &["add", "evil-typed", &format!("title{EVIL}=x")]);
    run_clean(&home, &["log", "evil-tracker"]);
    let (logged, code) = run_clean(&home, &["log", "evil-tracker", "--series", "t", "2"]);
    assert_eq!(code, Some(0));
    assert!(logged.contains("2/8 g"), "{logged}");
    run_clean(&home, &["log", "evil-tracker", "--series", "u"]);
    run_clean(&home, &["log", "evil-list"]);
    let (started, code) = run_clean(&home, &["timer", "evil-timer", "start"]);
    assert_eq!(code, Some(0));
    assert!(
        started.contains("Phase]52;c;aGVsbG8=]0;pwned[2J2J 00:01 left"),
        "{started}"
    );
    run_clean(&home, &["timer", "evil-timer", "lap"]);
    run_clean(&home, &["timer", "evil-list"]);
    run_clean(&home, &["check"]);
    run_clean(&home, &["open", "evil-broken"]);
    run_clean(&home, &["new", &format!("New{EVIL}")]);
    run_clean(
        &home,
        &["import", "evil-list", &format!("/nonexistent/{EVIL}.json")],
    );
    run_clean(&home, &["archive", "evil-timer"]);
    run_clean(&home, &["restore", "evil-timer"]);
    run_clean(&home, &["orphans"]);
    run_clean(&home, &["sync", "--status"]);
}

#[test]
fn json_output_keeps_spec_text_exact() {
    let home = evil_home();
    let rows: Value = serde_json::from_str(&home.ok(["ls", "--json"])).expect("ls --json is JSON");
    let names: Vec<&str> = rows
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    assert!(names.contains(&format!("List{EVIL}").as_str()), "{names:?}");
    let status: Value =
        serde_json::from_str(&home.ok(["timer", "evil-timer", "status", "--json"])).expect("JSON");
    assert_eq!(status["phase"], format!("Phase{EVIL}"), "{status}");
}

#[test]
fn ls_prints_an_app_whose_name_is_65536_characters() {
    let home = Home::installed();
    home.spec("long.ron", &format!("List(name: \"{}\")", "A".repeat(65_536)));
    home.spec("wide.ron", "List(name: \"界界界界\")");
    let (out, code) = run_clean(&home, &["ls"]);
    assert_eq!(code, Some(0), "{out}");
    assert!(out.lines().any(|l| l.starts_with("long ")), "{out}");
    let (added, code) = run_clean(&home, &["add", "long", "x"]);
    assert_eq!(code, Some(0), "{added}");
    // Columns line up by width on screen, so the wide name's row is as wide
    // as the others before its summary.
    let col = |id: &str| {
        let line = out.lines().find(|l| l.starts_with(&format!("{id} "))).unwrap();
        let kind = line.find(" list ").unwrap();
        unicode_width::UnicodeWidthStr::width(&line[..kind])
    };
    assert_eq!(col("wide"), col("groceries"), "{out}");
}

// ------------------------------------------------------- the clock

/// Midday on 31 December 1969, in unix milliseconds.
const BEFORE_1970: &str = "-43200000";

#[test]
fn a_clock_before_1970_is_a_message_not_an_abort() {
    // The clock is set through a hook compiled only into debug builds.
    if !cfg!(debug_assertions) {
        eprintln!("skipped: NOOK_TEST_NOW is honoured only by debug builds");
        return;
    }
    let home = Home::installed();
    for args in [
        vec!["ls"],
        vec!["add", "groceries", "milk"],
        vec!["log", "water"],
        vec!["timer", "tea", "start"],
        vec!["sync", "--status"],
    ] {
        let out = home
            .nook(&args)
            .env("NOOK_TEST_NOW", BEFORE_1970)
            .output()
            .unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "nook {args:?}: {err}");
        assert!(
            err.contains("clock") && err.contains("1969-12-31") && err.contains("1970"),
            "nook {args:?} says what is wrong: {err}"
        );
        assert!(
            !err.contains("internal error") && !err.contains("panicked"),
            "{err}"
        );
    }
    // Nothing was written on the way.
    assert!(home.items("groceries").is_empty());
    // What needs no clock still works.
    home.nook(["check"])
        .env("NOOK_TEST_NOW", BEFORE_1970)
        .assert()
        .success();
    home.nook(["export", "water"])
        .env("NOOK_TEST_NOW", BEFORE_1970)
        .assert()
        .success();
}

#[test]
fn the_panic_hook_reports_a_panic_with_a_clock_before_1970() {
    if !cfg!(debug_assertions) {
        eprintln!("skipped: NOOK_TEST_PANIC and NOOK_TEST_NOW are honoured only by debug builds");
        return;
    }
    let home = Home::installed();
    for now in [None, Some(BEFORE_1970)] {
        let mut cmd = home.nook(["ls"]);
        cmd.env("NOOK_TEST_PANIC", "cli");
        if let Some(now) = now {
            cmd.env("NOOK_TEST_NOW", now);
        }
        let out = cmd.output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        // 101 is a reported panic; a panic inside the hook aborts (a signal, no code).
        assert_eq!(out.status.code(), Some(101), "clock {now:?}: {err}");
        assert!(
            err.contains("nook stopped on an internal error") && err.contains("nook.log"),
            "{err}"
        );
        assert!(!err.contains("panicked while processing panic"), "{err}");
        assert_clean("the panic message", &out.stderr);
    }
    let log = std::fs::read_to_string(home.path().join("nook.log")).unwrap();
    assert_eq!(log.matches("NOOK_TEST_PANIC").count(), 2, "{log}");
    assert!(log.contains("1969-12-31"), "the record says when: {log}");
}
