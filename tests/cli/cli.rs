//! The `nook` command line, run as a separate process against a temporary home.

use crate::common;

use common::{Home, isolate, today};
use predicates::prelude::*;
use serde_json::Value;

const SUBCOMMANDS: &[&str] = &[
    "open", "check", "ls", "add", "log", "timer", "export", "import", "new", "archive", "restore", "purge",
    "orphans",
];

/// A typo'd spec: `feilds` on line 3, column 5.
const TYPO_SPEC: &str = "List(\n    name: \"Bad\",\n    feilds: {},\n)\n";

// ---------------------------------------------------------------- basics

#[test]
fn help_for_every_subcommand_exits_0() {
    let h = Home::empty();
    for sub in SUBCOMMANDS {
        h.nook([sub, &"--help"])
            .assert()
            .success()
            .stdout(predicate::str::contains("Usage: nook"));
        h.nook(["help", sub]).assert().success();
    }
    let top = h.ok(["--help"]);
    for sub in SUBCOMMANDS {
        assert!(top.contains(sub), "top-level help lists {sub}:\n{top}");
    }
    h.nook(["--version"]).assert().success();
    // Asking for help sets nothing up.
    assert!(!h.apps().exists());
}

#[test]
fn usage_errors_exit_2() {
    let h = Home::installed();
    let cases: &[&[&str]] = &[
        &["bogus"],
        &["--no-such-flag"],
        &["add"],
        &["add", "groceries"],
        &["log"],
        &["timer"],
        &["timer", "pomodoro", "explode"],
        &["export"],
        &["export", "water", "--format", "xml"],
        &["import", "reading"],
        &["new"],
        &["new", "Thing", "--kind", "spreadsheet"],
        &["ls", "--jsn"],
        &["log", "water", "--date"],
    ];
    for args in cases {
        h.nook(*args)
            .assert()
            .code(2)
            .stderr(predicate::str::starts_with("error:").and(predicate::str::contains("--help")));
    }
    // Flags are flags wherever they stand, not words of an item or a value.
    h.fails(2, ["add", "groceries", "milk", "--json"]);
    h.fails(2, ["add", "groceries", "-x"]);
    h.fails(2, ["log", "water", "--bogus"]);
    h.nook(["add", "groceries", "milk", "--help"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Usage: nook add"));
    // Nothing was written by any of them.
    assert!(h.items("groceries").is_empty());
    assert!(h.export("water")["entries"] == serde_json::json!([]));
}

#[test]
fn first_run_installs_the_bundled_apps() {
    let h = Home::empty();
    h.nook(["ls"])
        .assert()
        .success()
        .stderr(predicate::str::contains(format!(
            "installed {} example apps",
            nook::bundled::APPS.len()
        )));
    for (name, text) in nook::bundled::APPS {
        let got = std::fs::read_to_string(h.apps().join(name)).unwrap();
        assert_eq!(&got, text, "{name} installed as bundled");
    }
    for (name, _) in nook::bundled::THEMES {
        assert!(h.path().join("themes").join(name).exists(), "theme {name}");
    }
    assert!(h.path().join("config.ron").exists());
    // Every bundled spec is valid.
    h.nook(["check"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "{} specs ok",
            nook::bundled::APPS.len()
        )));
    // The second run installs nothing and never writes over a file.
    h.spec(
        "groceries.ron",
        "List(name: \"My groceries\", id: \"groceries\")\n",
    );
    std::fs::remove_file(h.apps().join("tea.ron")).unwrap();
    h.nook(["ls"])
        .assert()
        .success()
        .stderr(predicate::str::contains("installed").not())
        .stdout(predicate::str::contains("My groceries"));
    assert!(!h.apps().join("tea.ron").exists(), "a removed app stays removed");
}

#[test]
fn first_run_into_a_folder_that_does_not_exist_yet() {
    let h = Home::empty();
    let deep = h.path().join("a/b/nook");
    let mut c = assert_cmd::Command::new(env!("CARGO_BIN_EXE_nook"));
    isolate(&mut c, h.path());
    c.env("NOOK_HOME", &deep).args(["add", "groceries", "milk"]);
    c.assert().success();
    assert!(deep.join("apps/groceries.ron").exists());
    assert!(deep.join("nook.redb").exists());
}

#[cfg(unix)]
#[test]
fn the_database_is_private() {
    use std::os::unix::fs::PermissionsExt;
    let h = Home::empty();
    h.ok(["add", "groceries", "milk"]);
    let mode = std::fs::metadata(h.db()).unwrap().permissions().mode();
    assert_eq!(mode & 0o777, 0o600, "nook.redb mode {:o}", mode & 0o777);
}

#[test]
fn home_flag_works_like_nook_home() {
    let h = Home::empty();
    let other = tempfile::tempdir().unwrap();
    // --home alone, with NOOK_HOME unset.
    let mut c = assert_cmd::Command::new(env!("CARGO_BIN_EXE_nook"));
    isolate(&mut c, h.path());
    c.args(["--home"])
        .arg(h.path())
        .args(["add", "groceries", "oat", "milk"]);
    c.assert().success();
    // The global flag also works after the subcommand.
    let mut c = assert_cmd::Command::new(env!("CARGO_BIN_EXE_nook"));
    isolate(&mut c, h.path());
    c.args(["add", "groceries", "bread", "--home"]).arg(h.path());
    c.assert().success();
    // NOOK_HOME sees what --home wrote.
    let items = h.items("groceries");
    let texts: Vec<&str> = items.iter().map(|i| i["text"].as_str().unwrap()).collect();
    assert_eq!(texts, ["oat milk", "bread"]);
    // --home wins over NOOK_HOME.
    let mut c = assert_cmd::Command::new(env!("CARGO_BIN_EXE_nook"));
    isolate(&mut c, h.path());
    c.env("NOOK_HOME", other.path())
        .arg("--home")
        .arg(h.path())
        .args(["add", "groceries", "eggs"]);
    c.assert().success();
    assert_eq!(h.items("groceries").len(), 3);
    assert!(!other.path().join("nook.redb").exists());
    // Nothing went to the fake user home.
    assert!(!h.path().join(".fake-user-home").exists());
}

#[test]
fn no_subcommand_lists_the_apps() {
    let h = Home::installed();
    h.nook(Vec::<&str>::new())
        .assert()
        .success()
        .stdout(predicate::str::contains("groceries").and(predicate::str::contains("SUMMARY")));
    // Opening one app needs a terminal; a pipe gets an error, not a hang.
    h.nook(["open", "groceries"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("terminal"));
}

// ---------------------------------------------------------------- check

#[test]
fn check_passes_on_valid_specs() {
    let h = Home::installed();
    h.nook(["check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("specs ok"));
    h.nook(["check"])
        .arg(h.apps().join("water.ron"))
        .assert()
        .success()
        .stdout(predicate::str::contains("1 spec ok"));
    // A folder.
    h.nook(["check"]).arg(h.apps()).assert().success();
}

#[test]
fn check_reports_a_typo_with_file_line_col_and_exits_1() {
    let h = Home::installed();
    let bad = h.spec("bad.ron", TYPO_SPEC);
    let want = format!("{}:3:5:", bad.display());
    h.nook(["check"])
        .arg(&bad)
        .assert()
        .code(1)
        .stderr(predicate::str::contains(want.as_str()).and(predicate::str::contains("fields")));
    // The whole folder is invalid when one spec is.
    h.nook(["check"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(":3:5:").and(predicate::str::contains("1 of")));
    // One good and one bad path: still 1.
    h.nook(["check"])
        .arg(h.apps().join("water.ron"))
        .arg(&bad)
        .assert()
        .code(1);
    // A path that does not exist.
    h.nook(["check", "no/such/spec.ron"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no/such/spec.ron"));
}

#[test]
fn check_reports_every_problem_of_a_file() {
    let h = Home::installed();
    let bad = h.spec(
        "water2.ron",
        "Tracker(\n    name: \"Water\",\n    unit: 3,\n    goal: Daily(\"eight\"),\n)\n",
    );
    let err = h.fails(1, ["check".as_ref(), bad.as_os_str()]);
    let lines: Vec<&str> = err.lines().filter(|l| l.contains("water2.ron:")).collect();
    assert!(lines.len() >= 2, "every problem reported:\n{err}");
    assert!(err.contains(":3:"), "{err}");
    assert!(err.contains(":4:"), "{err}");
}

// ---------------------------------------------------------------- ls

#[test]
fn ls_lists_every_app_with_a_live_summary() {
    let h = Home::installed();
    let out = h.ok(["ls"]);
    for id in ["groceries", "water", "pomodoro", "reading", "habits"] {
        assert!(out.contains(id), "{id} in ls:\n{out}");
    }
    assert!(out.contains("list") && out.contains("tracker") && out.contains("timer"));
    h.ok(["add", "groceries", "milk"]);
    h.ok(["add", "groceries", "bread"]);
    h.ok(["log", "water", "3"]);
    let out = h.ok(["ls"]);
    let line = |id: &str| {
        out.lines()
            .find(|l| l.starts_with(&format!("{id} ")))
            .unwrap_or_else(|| panic!("{id} line in:\n{out}"))
            .to_string()
    };
    assert!(line("groceries").contains("0/2 done"), "{}", line("groceries"));
    assert!(line("water").contains("3/8 glasses today"), "{}", line("water"));
}

#[test]
fn ls_json_parses_with_the_expected_fields() {
    let h = Home::installed();
    h.ok(["add", "groceries", "milk"]);
    h.ok(["log", "water", "2"]);
    h.ok(["timer", "stopwatch", "start"]);
    let rows: Value = serde_json::from_str(&h.ok(["ls", "--json"])).expect("ls --json is JSON");
    let rows = rows.as_array().expect("an array");
    assert_eq!(rows.len(), nook::bundled::APPS.len());
    for r in rows {
        for key in ["id", "name", "kind", "summary", "file"] {
            assert!(r[key].is_string(), "{key} in {r}");
        }
        assert!(["list", "tracker", "timer"].contains(&r["kind"].as_str().unwrap()));
        assert!(r.get("error").is_none(), "no error in {r}");
    }
    let by_id = |id: &str| rows.iter().find(|r| r["id"] == id).unwrap().clone();
    let g = by_id("groceries");
    assert_eq!(g["name"], "Groceries");
    assert_eq!(g["kind"], "list");
    assert_eq!(g["figures"]["items"], 1);
    assert_eq!(by_id("water")["figures"]["today"], 2.0);
    assert_eq!(by_id("stopwatch")["figures"]["timer"], "running");
    assert_eq!(by_id("reading")["summary"], "empty");
}

#[test]
fn ls_lists_a_broken_spec_with_its_error_and_still_lists_the_rest() {
    let h = Home::installed();
    h.spec("bad.ron", TYPO_SPEC);
    h.ok(["add", "groceries", "milk"]);
    let out = h.ok(["ls"]);
    let bad = out
        .lines()
        .find(|l| l.contains("bad.ron"))
        .expect("bad.ron listed");
    assert!(
        bad.contains("invalid") && bad.contains(":3:5:") && bad.contains("feilds"),
        "{bad}"
    );
    for id in ["groceries", "water", "tea"] {
        assert!(
            out.lines().any(|l| l.starts_with(&format!("{id} "))),
            "{id} still listed"
        );
    }
    let rows: Value = serde_json::from_str(&h.ok(["ls", "--json"])).unwrap();
    let rows = rows.as_array().unwrap();
    assert_eq!(rows.len(), nook::bundled::APPS.len() + 1);
    let bad = rows.iter().find(|r| r["file"] == "bad.ron").unwrap();
    assert!(bad["error"].as_str().unwrap().contains(":3:5:"));
    assert!(bad["id"].is_null());
    let g = rows.iter().find(|r| r["id"] == "groceries").unwrap();
    assert_eq!(g["figures"]["items"], 1);
    // The broken app cannot be used, and says why.
    h.nook(["add", "bad", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("invalid spec").and(predicate::str::contains(":3:5:")));
}

#[test]
fn ls_with_no_apps_says_how_to_make_one() {
    let h = Home::empty();
    std::fs::create_dir_all(h.apps()).unwrap();
    h.nook(["ls"])
        .assert()
        .success()
        .stdout(predicate::str::contains("nook new"));
    assert_eq!(h.ok(["ls", "--json"]).trim(), "[]");
}

// ---------------------------------------------------------------- add

#[test]
fn add_to_a_plain_list() {
    let h = Home::installed();
    let out = h.ok(["add", "groceries", "oat", "milk"]);
    let id = common::added_id(&out).unwrap();
    assert_eq!(out, format!("Added #{id} to Groceries: oat milk\n"));
    // By name, any case, and words that start with a dash.
    h.ok(["add", "GROCERIES", "-", "bread"]);
    h.ok(["add", "groceries", "--", "-x", "--y"]);
    h.ok(["add", "groceries", "-2", "eggs"]);
    // A global flag after the words is a flag.
    let elsewhere = tempfile::tempdir().unwrap();
    h.nook(["add", "groceries", "jam", "--home"])
        .arg(elsewhere.path())
        .assert()
        .success();
    let items = h.items("groceries");
    assert_eq!(items.len(), 4);
    assert_eq!(items[2]["text"], "-x --y");
    assert_eq!(items[3]["text"], "-2 eggs");
    assert_eq!(items[0]["text"], "oat milk");
    // The id printed is the start of the one stored, short as `nook items` shows it.
    let full = common::id_of(&items[0]);
    assert!(
        id.len() >= 8 && full.replace('-', "").starts_with(&id),
        "{id} {full}"
    );
    assert_eq!(items[0]["done"], false);
    assert_eq!(items[1]["text"], "- bread");
    let ids: std::collections::BTreeSet<String> = items.iter().map(common::id_of).collect();
    assert_eq!(ids.len(), 4, "each its own id");
}

#[test]
fn add_an_empty_item_is_refused() {
    let h = Home::installed();
    h.fails(1, ["add", "groceries", "  "]);
    assert!(h.items("groceries").is_empty());
}

#[test]
fn unknown_app_says_did_you_mean() {
    let h = Home::installed();
    for args in [
        &["add", "grocerys", "milk"][..],
        &["log", "watr"],
        &["timer", "pomodor", "start"],
        &["export", "grocerys"],
    ] {
        let err = h.fails(1, args);
        assert!(err.contains("did you mean"), "{args:?}: {err}");
        assert!(
            err.to_lowercase().contains("groceries")
                || err.to_lowercase().contains("water")
                || err.to_lowercase().contains("pomodoro"),
            "{err}"
        );
    }
    let err = h.fails(1, ["add", "zzzzzzzzzz", "milk"]);
    assert!(err.contains("no app called \"zzzzzzzzzz\""), "{err}");
    assert!(err.contains("nook ls"), "{err}");
}

#[test]
fn wrong_kind_is_refused_with_a_hint() {
    let h = Home::installed();
    h.nook(["add", "water", "3"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("tracker").and(predicate::str::contains("nook log water")));
    h.nook(["add", "pomodoro", "x"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("timer pomodoro start"));
    h.nook(["log", "groceries"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("nook add groceries"));
    h.nook(["timer", "water", "start"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("not a timer"));
    h.nook(["timer", "groceries", "status"]).assert().code(1);
    assert!(h.export("water")["entries"] == serde_json::json!([]));
}

#[test]
fn add_typed_values_checked_against_the_spec() {
    let h = Home::installed();
    h.nook([
        "add",
        "reading",
        "title=Dune",
        "author=Frank Herbert",
        "pages=412",
        "rating=4",
    ])
    .assert()
    .success()
    .stdout(predicate::str::is_match("^Added #[0-9a-f]{8,} to Reading list: Dune\n$").unwrap());
    // By name; a loose word fills the first Text field; a choice in any case.
    h.ok(["add", "Reading list", "Piranesi", "status=READING", "owned=yes"]);
    let items = h.items("reading");
    assert_eq!(items.len(), 2);
    let v = &items[0]["values"];
    assert_eq!(v["title"], "Dune");
    assert_eq!(v["author"], "Frank Herbert");
    assert_eq!(v["pages"], 412.0);
    assert_eq!(v["rating"], 4.0);
    assert_eq!(v["status"], "to read", "the default");
    let v = &items[1]["values"];
    assert_eq!(v["title"], "Piranesi");
    assert_eq!(v["status"], "reading");
    assert_eq!(v["owned"], true);
    // Defaults of Date(default: Today).
    h.ok(["add", "expenses", "what=Lunch", "amount=12.50"]);
    let e = &h.items("expenses")[0]["values"];
    assert_eq!(e["on"], today().to_string());
    assert_eq!(e["amount"], 12.5);
    assert_eq!(e["category"], "other");
}

/// Every rejected add names the field and stores nothing.
#[test]
fn bad_typed_values_name_the_field_and_store_nothing() {
    let h = Home::installed();
    let cases: &[(&[&str], &str, &str)] = &[
        (&["title=Dune", "pages=many"], "\"pages\"", "expects a number"),
        (
            &["title=Dune", "status=readin"],
            "\"status\"",
            "did you mean \"reading\"",
        ),
        (
            &["title=Dune", "status=abandoned"],
            "\"status\"",
            "expects one of",
        ),
        (&["author=Frank"], "\"title\"", "required"),
        (&["title="], "\"title\"", "required"),
        (&["title=Dune", "pgaes=3"], "\"pgaes\"", "did you mean \"pages\""),
        (&["title=Dune", "rating=9"], "\"rating\"", "0 to 5"),
        (&["title=Dune", "pages=0"], "\"pages\"", "at least 1"),
        (
            &["title=Dune", "finished=yesterday-ish"],
            "\"finished\"",
            "YYYY-MM-DD",
        ),
        (&["title=Dune", "owned=perhaps"], "\"owned\"", "yes or no"),
    ];
    for (args, field, message) in cases {
        let mut all = vec!["add", "reading"];
        all.extend_from_slice(args);
        let err = h.fails(1, &all);
        assert!(err.contains(field), "{args:?} names {field}: {err}");
        assert!(err.contains(message), "{args:?} says {message}: {err}");
        assert!(err.contains("nothing was added"), "{err}");
    }
    // A non-number for a Money field, a missing required field of another list.
    let err = h.fails(1, ["add", "expenses", "what=Lunch", "amount=lots"]);
    assert!(
        err.contains("\"amount\"") && err.contains("expects a number"),
        "{err}"
    );
    let err = h.fails(1, ["add", "expenses", "what=Lunch"]);
    assert!(err.contains("\"amount\"") && err.contains("required"), "{err}");
    // Several problems at once: all reported.
    let err = h.fails(1, ["add", "reading", "pages=x", "status=nope"]);
    assert!(
        err.contains("\"pages\"") && err.contains("\"status\"") && err.contains("\"title\""),
        "{err}"
    );
    // Nothing was stored for any of them.
    assert!(h.items("reading").is_empty());
    assert!(h.items("expenses").is_empty());
    let rows: Value = serde_json::from_str(&h.ok(["ls", "--json"])).unwrap();
    let reading = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "reading")
        .unwrap();
    assert_eq!(reading["figures"]["items"], 0);
    // And the next good item is stored alone.
    h.ok(["add", "reading", "title=Dune"]);
    assert_eq!(h.items("reading").len(), 1);
}

// ---------------------------------------------------------------- log

fn entries(h: &Home, app: &str) -> Vec<Value> {
    h.export(app)["entries"].as_array().cloned().unwrap_or_default()
}

#[test]
fn log_today_and_past_days() {
    let h = Home::installed();
    let today = today();
    h.nook(["log", "water"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Water: 1/8 glasses today"));
    h.ok(["log", "water", "2"]);
    h.ok(["log", "water", "--date", "2024-02-29", "5"]);
    h.nook(["log", "water", "1.5", "--date", "2024-02-29"])
        .assert()
        .success()
        .stdout(predicate::str::contains("6.5/8 glasses 2024-02-29"));
    h.ok(["log", "water", "4", "--date", "2024-03-01", "--set"]);
    h.ok(["log", "water", "--date", "yesterday"]);
    let e = entries(&h, "water");
    let day = |d: String| e.iter().find(|x| x["date"] == d.as_str()).unwrap()["value"].clone();
    assert_eq!(day(today.to_string()), 3.0);
    assert_eq!(day("2024-02-29".into()), 6.5);
    assert_eq!(day("2024-03-01".into()), 4.0);
    assert_eq!(day(today.pred_opt().unwrap().to_string()), 1.0);
    // Entries come in date order.
    let dates: Vec<&str> = e.iter().map(|x| x["date"].as_str().unwrap()).collect();
    let mut sorted = dates.clone();
    sorted.sort();
    assert_eq!(dates, sorted);
    // A negative amount takes away, never below zero.
    h.nook(["log", "water", "-1", "--date", "2024-03-01"])
        .assert()
        .success()
        .stdout(predicate::str::contains("3/8 glasses 2024-03-01"));
    h.ok(["log", "water", "-10", "--date", "2024-03-01"]);
    assert!(!entries(&h, "water").iter().any(|x| x["date"] == "2024-03-01"));
    // A running tracker's step.
    h.nook(["log", "running"])
        .assert()
        .success()
        .stdout(predicate::str::contains("0.5 km"));
}

#[test]
fn log_a_yes_no_habit() {
    let h = Home::installed();
    h.nook(["log", "stretch"])
        .assert()
        .success()
        .stdout(predicate::str::contains("done today"));
    h.ok(["log", "stretch", "yes", "--date", "2024-01-01"]);
    h.ok(["log", "stretch", "no", "--date", "2024-01-01"]);
    let e = entries(&h, "stretch");
    assert_eq!(e.len(), 1, "saying no removes the day: {e:?}");
    assert_eq!(e[0]["date"], today().to_string());
    assert_eq!(e[0]["value"], 1.0);
    // Several series: one at a time, any case.
    h.ok(["log", "habits", "--series", "run"]);
    h.ok(["log", "habits", "--series", "Read", "--date", "2024-05-05"]);
    let e = entries(&h, "habits");
    assert_eq!(e.len(), 2);
    assert!(
        e.iter()
            .any(|x| x["series"] == "Run" && x["date"] == today().to_string())
    );
    assert!(
        e.iter()
            .any(|x| x["series"] == "Read" && x["date"] == "2024-05-05")
    );
}

#[test]
fn log_errors_exit_1_and_store_nothing() {
    let h = Home::installed();
    let tomorrow = today().succ_opt().unwrap().to_string();
    let cases: &[(&[&str], &str)] = &[
        (&["log", "water", "--date", &tomorrow], "in the future"),
        (&["log", "water", "--date", "2999-01-01"], "in the future"),
        (&["log", "water", "--date", "2024-13-01"], "YYYY-MM-DD"),
        (&["log", "water", "--date", "last tuesday"], "YYYY-MM-DD"),
        (&["log", "water", "--date", "01/02/2024"], "YYYY-MM-DD"),
        (&["log", "water", "lots"], "expects a number"),
        (&["log", "water", "NaN"], "expects a number"),
        (&["log", "water", "--series", "Tap"], "no series"),
        (&["log", "habits"], "several series"),
        (&["log", "habits", "--series", "Swim"], "not a series"),
        (&["log", "stretch", "3"], "yes/no"),
        (&["log", "habits", "2", "--series", "Run"], "yes/no"),
    ];
    for (args, message) in cases {
        let err = h.fails(1, *args);
        assert!(err.contains(message), "{args:?} says {message:?}: {err}");
    }
    let err = h.fails(1, ["log", "habits"]);
    assert!(err.contains("Read, Run, Meditate"), "lists the series: {err}");
    let err = h.fails(1, ["log", "habits", "--series", "Swim"]);
    assert!(err.contains("Read, Run, Meditate"), "lists the series: {err}");
    for app in ["water", "habits", "stretch"] {
        assert!(entries(&h, app).is_empty(), "{app} has no entries");
    }
}

// ---------------------------------------------------------------- timer

fn status(h: &Home, app: &str) -> Value {
    serde_json::from_str(&h.ok(["timer", app, "status", "--json"])).expect("status --json is JSON")
}

/// Wednesday 25 November 2026, 10:00 UTC: the clock the timer tests set, so
/// time passes between two commands without a sleep.
const T0: i64 = 1_795_600_800_000;

#[test]
fn a_timer_keeps_running_across_processes() {
    let h = Home::installed();
    h.set_clock(T0);
    let s = status(&h, "pomodoro");
    assert_eq!(s["status"], "idle");
    assert_eq!(s["phase"], "Focus");
    h.nook(["timer", "pomodoro", "start"])
        .assert()
        .success()
        .stdout(predicate::str::contains("running"));
    // Another process, later: still running, time has passed.
    h.advance(1100);
    let s = status(&h, "pomodoro");
    assert_eq!(s["status"], "running");
    assert_eq!(s["elapsed_ms"], 1100, "{s}");
    assert_eq!(s["round"], 1);
    assert_eq!(s["rounds"], 4);
    assert_eq!(s["phase_len_ms"], 25 * 60 * 1000);
    assert_eq!(s["remaining_ms"], 25 * 60 * 1000 - 1100);
    h.nook(["timer", "pomodoro"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Pomodoro: Focus").and(predicate::str::contains("running")));
    // ls sees it too.
    let rows: Value = serde_json::from_str(&h.ok(["ls", "--json"])).unwrap();
    let p = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "pomodoro")
        .unwrap()
        .clone();
    assert_eq!(p["figures"]["timer"], "running");
    // Pause banks the time: it no longer moves.
    h.nook(["timer", "pomodoro", "pause"])
        .assert()
        .success()
        .stdout(predicate::str::contains("paused"));
    let a = status(&h, "pomodoro");
    h.advance(50_000);
    let b = status(&h, "pomodoro");
    assert_eq!(a["status"], "paused");
    assert_eq!(a["elapsed_ms"], b["elapsed_ms"]);
    assert_eq!(a["elapsed_ms"], 1100);
    // Start again continues; stop resets.
    h.ok(["timer", "pomodoro", "start"]);
    assert_eq!(status(&h, "pomodoro")["status"], "running");
    h.ok(["timer", "pomodoro", "toggle"]);
    assert_eq!(status(&h, "pomodoro")["status"], "paused");
    h.ok(["timer", "pomodoro", "skip"]);
    assert_eq!(status(&h, "pomodoro")["phase"], "Break");
    h.nook(["timer", "pomodoro", "stop"])
        .assert()
        .success()
        .stdout(predicate::str::contains("ready"));
    let s = status(&h, "pomodoro");
    assert_eq!(s["status"], "idle");
    assert_eq!(s["elapsed_ms"], 0);
    // A countdown that was stopped early logs nothing.
    assert!(h.export("pomodoro")["sessions"] == serde_json::json!([]));
}

#[test]
fn a_stopwatch_with_laps_logs_a_session() {
    let h = Home::installed();
    h.set_clock(T0);
    h.ok(["timer", "stopwatch", "start"]);
    h.advance(300);
    h.ok(["timer", "stopwatch", "lap"]);
    h.advance(800);
    h.nook(["timer", "stopwatch", "lap"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2 laps"));
    let s = status(&h, "stopwatch");
    assert_eq!(s["status"], "running");
    assert!(s["phase"].is_null());
    let laps = s["laps"].as_array().unwrap();
    assert_eq!(laps.len(), 2);
    assert_eq!((&laps[0], &laps[1]), (&300.into(), &1100.into()), "{s}");
    h.nook(["timer", "stopwatch", "stop"])
        .assert()
        .success()
        .stdout(predicate::str::contains("Logged Run"));
    assert_eq!(status(&h, "stopwatch")["status"], "idle");
    let doc = h.export("stopwatch");
    let sessions = doc["sessions"].as_array().unwrap();
    assert_eq!(sessions.len(), 1);
    assert_eq!(sessions[0]["phase"], "Run");
    assert_eq!(sessions[0]["secs"], 1);
    assert_eq!(sessions[0]["laps"].as_array().unwrap().len(), 2);
    assert!(doc["timer"].is_null(), "a stopped timer has no state to export");
}

#[test]
fn timer_actions_that_do_not_fit_are_refused() {
    let h = Home::installed();
    h.nook(["timer", "pomodoro", "lap"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("laps are for a stopwatch"));
    h.nook(["timer", "stopwatch", "skip"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no phases to skip"));
    // Pausing or stopping a timer that is not running changes nothing, and
    // says so (tests/cli/timer_verbs.rs).
    h.fails(1, ["timer", "tea", "pause"]);
    h.fails(1, ["timer", "tea", "stop"]);
    assert_eq!(status(&h, "tea")["status"], "idle");
    assert!(h.export("tea")["timer"].is_null());
}

// ---------------------------------------------------------------- export / import

/// Fills a list with typed values, a tracker over several (backfilled) days,
/// and a timer with a finished stopwatch run and a running countdown.
fn fill(h: &Home) {
    h.ok([
        "add",
        "reading",
        "title=Dune",
        "author=Frank Herbert",
        "pages=412",
        "rating=4",
    ]);
    h.ok([
        "add",
        "reading",
        "title=Piranesi, a novel",
        "status=reading",
        "owned=yes",
        "finished=2024-01-02",
    ]);
    h.ok(["add", "reading", "title=\"Quoted\" title", "pages=99.5"]);
    h.ok(["add", "groceries", "oat milk"]);
    h.ok(["log", "water", "3"]);
    h.ok(["log", "water", "8", "--date", "2024-02-28"]);
    h.ok(["log", "water", "2.5", "--date", "2024-02-29"]);
    h.ok(["log", "water", "1", "--date", "2023-12-31"]);
    h.ok(["log", "habits", "--series", "Read", "--date", "2024-06-01"]);
    h.ok(["log", "habits", "--series", "Meditate", "--date", "2024-06-02"]);
    h.ok(["log", "habits", "--series", "Run"]);
    // The timers run on a set clock from here (now, so another home reads
    // them on its own clock): a second passes without a sleep.
    h.set_clock(common::now_ms());
    h.ok(["timer", "stopwatch", "start"]);
    h.advance(1100);
    h.ok(["timer", "stopwatch", "lap"]);
    h.ok(["timer", "stopwatch", "stop"]);
    h.ok(["timer", "stopwatch", "start"]);
    h.ok(["timer", "pomodoro", "start"]);
    h.advance(1000);
    h.ok(["timer", "pomodoro", "pause"]);
}

const FILLED: &[&str] = &["reading", "groceries", "water", "habits", "stopwatch", "pomodoro"];

#[test]
fn export_import_into_a_fresh_home_and_export_again_is_byte_identical() {
    let a = Home::installed();
    fill(&a);
    let files = tempfile::tempdir().unwrap();
    let b = Home::empty();
    for app in FILLED {
        let first = a.ok(["export", app]);
        let doc: Value = serde_json::from_str(&first).unwrap();
        assert_eq!(doc["nook_export"], 1);
        assert_eq!(doc["app"]["id"], *app);
        let path = files.path().join(format!("{app}.json"));
        std::fs::write(&path, &first).unwrap();
        b.nook(["import".as_ref(), app.as_ref(), path.as_os_str()])
            .assert()
            .success()
            .stdout(predicate::str::contains("Imported"));
        let second = b.ok(["export", app]);
        assert_eq!(first, second, "{app}: export, import, export is byte-identical");
        // The same file again changes nothing: no session is counted twice.
        b.nook(["import".as_ref(), app.as_ref(), path.as_os_str()])
            .assert()
            .success();
        assert_eq!(
            first,
            b.ok(["export", app]),
            "{app}: a second import doubles nothing"
        );
    }
    // What was filled is really there (ids and timestamps kept).
    let reading = a.export("reading");
    assert_eq!(reading["items"].as_array().unwrap().len(), 3);
    assert_eq!(a.export("water")["entries"].as_array().unwrap().len(), 4);
    assert_eq!(a.export("habits")["entries"].as_array().unwrap().len(), 3);
    let sw = a.export("stopwatch");
    assert_eq!(sw["sessions"].as_array().unwrap().len(), 1);
    assert!(
        sw["timer"]["since"].is_i64(),
        "a running stopwatch exports its start: {sw}"
    );
    assert!(a.export("pomodoro")["timer"]["banked"].is_i64());
    // The imported home's summaries were brought up to date too.
    let rows: Value = serde_json::from_str(&b.ok(["ls", "--json"])).unwrap();
    let r = rows
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["id"] == "reading")
        .unwrap()
        .clone();
    assert_eq!(r["figures"]["items"], 3);
    assert_eq!(status(&b, "stopwatch")["status"], "running");
    assert_eq!(status(&b, "pomodoro")["status"], "paused");
    // New items after an import do not reuse imported ids, and come after them.
    b.ok(["add", "reading", "title=Next"]);
    let items = b.items("reading");
    assert_eq!(items[3]["values"]["title"], "Next");
    let ids: Vec<String> = items.iter().map(common::id_of).collect();
    assert!(ids.windows(2).all(|w| w[0] < w[1]), "{ids:?}");
}

/// A minimal RFC 4180 reader: rows of fields.
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut field = String::new();
    let mut quoted = false;
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                field.push('"');
            }
            (true, '"') => quoted = false,
            (true, c) => field.push(c),
            (false, '"') if field.is_empty() => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut field)),
            (false, '\n') => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => field.push(c),
        }
    }
    assert!(!quoted, "unterminated quote in:\n{text}");
    assert!(field.is_empty() && row.is_empty(), "CSV ends with a newline");
    rows
}

#[test]
fn csv_export_has_a_header_and_one_quoted_row_per_item() {
    let h = Home::installed();
    h.ok(["add", "groceries", "oat, \"barista\" milk"]);
    h.ok(["add", "groceries", "plain bread"]);
    h.ok(["add", "groceries", "line one\nline two"]);
    let text = h.ok(["export", "groceries", "--format", "csv"]);
    assert!(text.contains("\"oat, \"\"barista\"\" milk\""), "quoted:\n{text}");
    assert!(text.contains(",plain bread,"), "unquoted:\n{text}");
    let rows = parse_csv(&text);
    assert_eq!(rows[0], ["id", "done", "text", "created", "updated"]);
    assert_eq!(rows.len(), 4, "header and one row per item:\n{text}");
    assert_eq!(rows[1][2], "oat, \"barista\" milk");
    assert_eq!(rows[3][2], "line one\nline two");
    assert!(rows.iter().all(|r| r.len() == rows[0].len()));
    // The full id, as JSON export has it.
    assert_eq!(rows[1][0], common::id_of(&h.items("groceries")[0]));
    assert_eq!(rows[1][1], "false");

    h.ok([
        "add",
        "reading",
        "title=Piranesi, a novel",
        "pages=272",
        "rating=5",
    ]);
    h.ok(["add", "reading", "title=\"Dune\"", "author=Herbert, Frank"]);
    let text = h.ok(["export", "reading", "--format", "csv"]);
    let rows = parse_csv(&text);
    assert_eq!(
        rows[0],
        [
            "id", "done", "title", "author", "status", "pages", "rating", "finished", "owned", "created",
            "updated"
        ]
    );
    assert_eq!(rows.len(), 3, "{text}");
    assert!(rows.iter().all(|r| r.len() == rows[0].len()), "{text}");
    assert_eq!(rows[1][2], "Piranesi, a novel");
    assert_eq!(rows[1][5], "272");
    assert_eq!(rows[1][6], "5");
    assert_eq!(rows[2][2], "\"Dune\"");
    assert_eq!(rows[2][3], "Herbert, Frank");
    assert_eq!(rows[2][4], "to read");

    // Trackers and timers have their own columns.
    h.ok(["log", "water", "2", "--date", "2024-01-05"]);
    let rows = parse_csv(&h.ok(["export", "water", "--format", "csv"]));
    assert_eq!(
        rows,
        [vec!["date", "series", "value"], vec!["2024-01-05", "", "2"]]
    );
    let rows = parse_csv(&h.ok(["export", "tea", "--format", "csv"]));
    assert_eq!(rows, [vec!["start", "end", "phase", "round", "length"]]);
}

#[test]
fn import_of_malformed_json_names_file_line_col_and_stores_nothing() {
    let h = Home::installed();
    let dir = tempfile::tempdir().unwrap();
    let bad = dir.path().join("reading.json");
    std::fs::write(
        &bad,
        "{\n  \"nook_export\": 1,\n  \"app\": {\"id\": \"reading\", \"name\": \"R\", \"kind\": \"list\"},\n  \
         \"items\": [\n    {\"id\": 1, \"created\": 1, \"updated\": 1, \"values\": {\"title\": \"A\"}},\n    \
         {\"id\": 2,, }\n  ]\n}\n",
    )
    .unwrap();
    let err = h.fails(1, ["import".as_ref(), "reading".as_ref(), bad.as_os_str()]);
    let want = format!("{}:6:14: not a nook export: key must be a string", bad.display());
    assert!(err.contains(&want), "{want} in: {err}");
    assert!(!err.contains("at line"), "the position is said once: {err}");
    assert!(h.items("reading").is_empty(), "nothing stored");
    // Valid JSON that is not an export.
    let other = dir.path().join("other.json");
    std::fs::write(&other, "{\"hello\": \"world\"}\n").unwrap();
    let err = h.fails(1, ["import".as_ref(), "reading".as_ref(), other.as_os_str()]);
    assert!(err.contains(&format!("{}:1:", other.display())), "{err}");
    assert!(err.contains("not a nook export"), "{err}");
    // Empty file, missing file.
    let empty = dir.path().join("empty.json");
    std::fs::write(&empty, "").unwrap();
    h.fails(1, ["import".as_ref(), "reading".as_ref(), empty.as_os_str()]);
    let err = h.fails(1, ["import", "reading", "no-such-file.json"]);
    assert!(err.contains("no-such-file.json"), "{err}");
    assert!(h.items("reading").is_empty());
    let rows: Value = serde_json::from_str(&h.ok(["ls", "--json"])).unwrap();
    assert!(
        rows.as_array()
            .unwrap()
            .iter()
            .all(|r| r["figures"]["items"] == 0)
    );
}

#[test]
fn import_of_another_kind_is_refused() {
    let h = Home::installed();
    h.ok(["log", "water", "2", "--date", "2024-01-05"]);
    h.ok(["add", "groceries", "milk"]);
    let dir = tempfile::tempdir().unwrap();
    let water = dir.path().join("water.json");
    std::fs::write(&water, h.ok(["export", "water"])).unwrap();
    let err = h.fails(1, ["import".as_ref(), "groceries".as_ref(), water.as_os_str()]);
    assert!(err.contains("tracker") && err.contains("list"), "{err}");
    assert!(err.contains("nothing was imported"), "{err}");
    let items = h.items("groceries");
    assert_eq!(items.len(), 1);
    assert!(h.export("groceries")["entries"] == serde_json::json!([]));
    // A list export into a timer, too.
    let groceries = dir.path().join("groceries.json");
    std::fs::write(&groceries, h.ok(["export", "groceries"])).unwrap();
    h.fails(1, ["import".as_ref(), "tea".as_ref(), groceries.as_os_str()]);
    assert!(h.export("tea")["items"] == serde_json::json!([]));
    // A file that claims to be a list but holds tracker entries.
    let forged = dir.path().join("forged.json");
    std::fs::write(
        &forged,
        r#"{"nook_export": 1, "app": {"id": "x", "name": "X", "kind": "list"},
            "entries": [{"date": "2024-01-01", "value": 1.0, "updated": 0}]}"#,
    )
    .unwrap();
    h.fails(1, ["import".as_ref(), "groceries".as_ref(), forged.as_os_str()]);
    assert_eq!(h.items("groceries").len(), 1);
    // A newer export format.
    let newer = dir.path().join("newer.json");
    std::fs::write(
        &newer,
        r#"{"nook_export": 99, "app": {"id": "groceries", "name": "G", "kind": "list"}}"#,
    )
    .unwrap();
    let err = h.fails(1, ["import".as_ref(), "groceries".as_ref(), newer.as_os_str()]);
    assert!(err.contains("99"), "{err}");
}

// ---------------------------------------------------------------- new

#[test]
fn new_writes_a_valid_spec_for_each_kind() {
    let h = Home::installed();
    for (name, kind, file) in [
        ("Book club", "list", "book-club.ron"),
        ("Focus", "timer", "focus.ron"),
        ("Floss", "tracker", "floss.ron"),
    ] {
        h.nook(["new", name, "--kind", kind])
            .assert()
            .success()
            .stdout(predicate::str::contains(file));
        let path = h.apps().join(file);
        h.nook(["check".as_ref(), path.as_os_str()]).assert().success();
    }
    // The default kind is a list.
    h.ok(["new", "Ideas"]);
    // All of them are listed and usable.
    let rows: Value = serde_json::from_str(&h.ok(["ls", "--json"])).unwrap();
    let kind = |name: &str| {
        rows.as_array()
            .unwrap()
            .iter()
            .find(|r| r["name"] == name)
            .unwrap_or_else(|| panic!("{name} listed"))["kind"]
            .clone()
    };
    assert_eq!(kind("Book club"), "list");
    assert_eq!(kind("Focus"), "timer");
    assert_eq!(kind("Floss"), "tracker");
    assert_eq!(kind("Ideas"), "list");
    h.ok(["add", "Book club", "Dune"]);
    h.ok(["log", "floss"]);
    h.ok(["timer", "focus", "start"]);
    h.nook(["check"]).assert().success();
}

#[test]
fn new_refuses_to_overwrite() {
    let h = Home::installed();
    h.ok(["new", "Book club"]);
    let path = h.apps().join("book-club.ron");
    std::fs::write(&path, "List(name: \"Mine\", id: \"mine\")\n").unwrap();
    let err = h.fails(1, ["new", "Book club", "--kind", "timer"]);
    assert!(
        err.contains("already exists") && err.contains("nothing was written"),
        "{err}"
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        "List(name: \"Mine\", id: \"mine\")\n"
    );
    // A bundled one, and a name that only differs in case or punctuation.
    h.fails(1, ["new", "Groceries"]);
    assert_eq!(
        std::fs::read_to_string(h.apps().join("groceries.ron")).unwrap(),
        nook::bundled::APPS
            .iter()
            .find(|(n, _)| *n == "groceries.ron")
            .unwrap()
            .1
    );
    h.fails(1, ["new", "BOOK CLUB!"]);
}

#[test]
fn new_refuses_an_empty_name() {
    let h = Home::installed();
    h.fails(1, ["new", ""]);
    h.fails(1, ["new", "   "]);
    h.fails(1, ["new", "!!!"]);
}

fn ids(h: &Home) -> Vec<String> {
    let rows: Value = serde_json::from_str(&h.ok(["ls", "--json"])).unwrap();
    rows.as_array()
        .unwrap()
        .iter()
        .filter_map(|r| r["id"].as_str().map(String::from))
        .collect()
}

#[test]
fn new_ids_are_unique() {
    let h = Home::installed();
    // Another file already holds the id the name would give.
    h.spec("club.ron", "List(name: \"Club\", id: \"book-club\")\n");
    h.ok(["new", "Book club"]);
    h.ok(["new", "Alpha", "--kind", "tracker"]);
    h.ok(["new", "Beta", "--kind", "timer"]);
    let ids = ids(&h);
    let mut unique = ids.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(ids.len(), unique.len(), "ids are unique: {ids:?}");
    assert_eq!(ids.len(), nook::bundled::APPS.len() + 4);
    h.nook(["check"]).assert().success();
    // The two book clubs keep their data apart.
    h.ok(["add", "club", "one"]);
    h.ok(["add", "Book club", "two"]);
    assert_eq!(h.items("club").len(), 1);
    assert_eq!(h.items("Book club").len(), 1);
}

#[test]
fn new_id_is_fresh_even_when_an_old_app_left_data_behind() {
    let h = Home::installed();
    h.ok(["new", "Book club"]);
    h.ok(["add", "book-club", "old item"]);
    std::fs::remove_file(h.apps().join("book-club.ron")).unwrap();
    h.ok(["new", "Book club"]);
    // The new app starts empty: its id is not the one the old data is kept under.
    assert!(h.items("Book club").is_empty(), "a new app starts empty");
    let text = std::fs::read_to_string(h.apps().join("book-club.ron")).unwrap();
    assert!(!text.contains("id: \"book-club\""), "{text}");
}

#[test]
fn commands_that_only_read_leave_the_database_file_as_it_was() {
    let h = Home::installed();
    h.add("groceries", ["oat milk"]);
    h.ok(["log", "water", "2"]);
    let before = std::fs::read(h.db()).unwrap();
    for args in [
        &["ls"][..],
        &["ls", "--json"],
        &["items", "groceries"],
        &["items", "groceries", "--json"],
        &["export", "groceries"],
        &["report", "expenses"],
    ] {
        h.ok(args.iter().copied());
        assert!(
            std::fs::read(h.db()).unwrap() == before,
            "`nook {}` wrote to the database",
            args.join(" ")
        );
    }
    // A write after them is read back as ever.
    h.add("groceries", ["bread"]);
    assert!(h.ok(["ls"]).contains("0/2 done"));
}
