//! `nook new --describe SENTENCE`: one new spec that `nook check` passes,
//! with the kind, unit and goal the sentence asks for; `--dry-run` writes
//! nothing; a sentence nook can make nothing of exits 1 and writes nothing.

use crate::common::Home;

fn specs(h: &Home) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(h.apps())
        .map(|d| {
            d.filter_map(|e| e.ok())
                .map(|e| e.file_name().to_string_lossy().into_owned())
                .filter(|n| n.ends_with(".ron"))
                .collect()
        })
        .unwrap_or_default();
    names.sort();
    names
}

#[test]
fn a_sentence_writes_one_app_that_checks() {
    let h = Home::installed();
    let before = specs(&h);
    let out = h.ok(["new", "--describe", "log my runs in km, 20 km a week"]);
    let after = specs(&h);
    let new: Vec<&String> = after.iter().filter(|n| !before.contains(n)).collect();
    assert_eq!(new, vec!["runs.ron"], "{out}");
    assert!(out.contains("Wrote") && out.contains("runs.ron"), "{out}");
    assert!(out.contains("tracker Runs: km, goal 20 km a week"), "{out}");
    let text = std::fs::read_to_string(h.apps().join("runs.ron")).unwrap();
    assert!(
        text.contains("unit: \"km\"") && text.contains("goal: Weekly(20)"),
        "{text}"
    );
    h.ok(["check"]);
    // The new app works at once.
    h.ok(["log", "runs", "5"]);
}

#[test]
fn ignored_words_are_said() {
    let h = Home::installed();
    let out = h.ok(["new", "--describe", "yoga 3 times a week in green"]);
    assert!(out.contains("ignored: 'in green'"), "{out}");
}

#[test]
fn the_same_sentence_twice_makes_two_apps_with_their_own_ids() {
    let h = Home::installed();
    h.ok(["new", "--describe", "a countdown of 7 minutes for eggs"]);
    let out = h.ok(["new", "--describe", "a countdown of 7 minutes for eggs"]);
    assert!(out.contains("eggs-2"), "{out}");
    h.ok(["check"]);
    let ls = h.ok(["ls"]);
    assert!(ls.contains("Eggs 2"), "{ls}");
}

#[test]
fn dry_run_prints_the_spec_and_writes_nothing() {
    let h = Home::installed();
    let before = specs(&h);
    let out = h.ok([
        "new",
        "--describe",
        "books with title, author, status (to read, reading, done), rating out of 10",
        "--dry-run",
    ]);
    assert_eq!(specs(&h), before);
    assert!(out.starts_with("// Made by `nook new --describe`"), "{out}");
    assert!(out.contains("view: Board(by: \"status\")"), "{out}");
    nook::spec::parse_str("apps/books.ron", &out).expect("the printed spec parses");
}

#[test]
fn a_name_given_names_the_app() {
    let h = Home::installed();
    let out = h.ok(["new", "Morning yoga", "--describe", "yoga 3 times a week"]);
    assert!(
        out.contains("morning-yoga.ron") && out.contains("tracker Morning yoga:"),
        "{out}"
    );
}

#[test]
fn nonsense_exits_1_and_writes_nothing() {
    let h = Home::installed();
    let before = specs(&h);
    let err = h.fails(1, ["new", "--describe", "asdf qwerty"]);
    assert!(err.contains("could not make an app"), "{err}");
    h.fails(1, ["new", "--describe", "   "]);
    assert_eq!(specs(&h), before);
}

#[test]
fn describe_takes_no_template() {
    let h = Home::installed();
    h.fails(
        2,
        [
            "new",
            "--describe",
            "water 8 glasses a day",
            "--template",
            "water",
        ],
    );
    h.fails(2, ["new", "x", "--dry-run"]);
}
