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
fn a_name_whose_file_is_there_already_takes_the_next_number() {
    // The bundled reading.ron holds another name than the one the
    // sentence makes, so only the file is in the way.
    let h = Home::installed();
    let before = specs(&h);
    let out = h.ok([
        "new",
        "--describe",
        "track my reading: title, author, rating out of 5",
    ]);
    let after = specs(&h);
    let new: Vec<&String> = after.iter().filter(|n| !before.contains(n)).collect();
    assert_eq!(new, vec!["reading-2.ron"], "{out}");
    let text = std::fs::read_to_string(h.apps().join("reading-2.ron")).unwrap();
    assert!(text.contains("name: \"Reading 2\""), "{text}");
    h.ok(["check"]);
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

/// A fake model: a shell script that saves each prompt (prompt1, prompt2,
/// ...) and answers with `answers[n]` (the last one again after them).
#[cfg(unix)]
struct FakeModel {
    dir: tempfile::TempDir,
}

#[cfg(unix)]
impl FakeModel {
    fn new(h: &Home, answers: &[&str], timeout_secs: u64) -> FakeModel {
        let dir = tempfile::tempdir().unwrap();
        let d = dir.path().display().to_string();
        let mut script = format!(
            "n=$(cat '{d}/n' 2>/dev/null || echo 0); n=$((n+1)); echo $n > '{d}/n'\ncat > '{d}/prompt'$n\n"
        );
        for (i, a) in answers.iter().enumerate() {
            std::fs::write(dir.path().join(format!("answer{}", i + 1)), a).unwrap();
        }
        let last = answers.len();
        script.push_str(&format!(
            "if [ $n -gt {last} ]; then n={last}; fi\ncase \"$(cat '{d}/answer'$n)\" in SLEEP) sleep 30;; esac\ncat '{d}/answer'$n\n"
        ));
        std::fs::write(dir.path().join("model.sh"), script).unwrap();
        let config = format!(
            "Config(describe: (command: [\"sh\", \"{d}/model.sh\"], timeout_secs: {timeout_secs}))\n"
        );
        std::fs::write(h.path().join("config.ron"), config).unwrap();
        FakeModel { dir }
    }

    fn calls(&self) -> usize {
        std::fs::read_to_string(self.dir.path().join("n"))
            .map(|s| s.trim().parse().unwrap())
            .unwrap_or(0)
    }

    fn prompt(&self, n: usize) -> String {
        std::fs::read_to_string(self.dir.path().join(format!("prompt{n}"))).unwrap()
    }
}

#[cfg(unix)]
const GOOD: &str = "Here you go:\n```ron\nTracker(name: \"Yoga\", icon: \"🧘\", goal: Weekly(3))\n```\n";

#[cfg(unix)]
#[test]
fn a_model_that_answers_well_makes_the_app() {
    let h = Home::installed();
    let m = FakeModel::new(&h, &[GOOD], 10);
    let out = h.ok(["new", "--describe", "yoga three times every week"]);
    assert_eq!(m.calls(), 1);
    assert!(out.contains("made by the model `sh "), "{out}");
    let prompt = m.prompt(1);
    assert!(
        prompt.contains("yoga three times every week"),
        "the sentence is sent"
    );
    assert!(prompt.contains("## Tracker"), "with the spec reference");
    let text = std::fs::read_to_string(h.apps().join("yoga.ron")).unwrap();
    assert!(
        text.contains("goal: Weekly(3)") && text.contains("id: \"yoga\""),
        "{text}"
    );
    assert!(
        text.starts_with("// Made by `nook new --describe` (a local model)"),
        "{text}"
    );
    h.ok(["check"]);
}

#[cfg(unix)]
#[test]
fn a_model_that_answers_badly_then_well_is_sent_its_problems() {
    let h = Home::installed();
    let bad = "```ron\nTracker(name: \"Yoga\", goal: Weekli(3))\n```";
    let m = FakeModel::new(&h, &[bad, GOOD], 10);
    let out = h.ok(["new", "--describe", "yoga 3 times a week"]);
    assert_eq!(m.calls(), 2);
    assert!(out.contains("made by the model"), "{out}");
    let repair = m.prompt(2);
    assert!(
        repair.contains("Weekli") && repair.contains("Weekly"),
        "the problem goes back: {repair}"
    );
    h.ok(["check"]);
}

#[cfg(unix)]
#[test]
fn a_model_that_never_answers_gives_way_to_the_interpreter() {
    let h = Home::installed();
    let m = FakeModel::new(&h, &["SLEEP"], 1);
    let out = h.ok(["new", "--describe", "yoga 3 times a week"]);
    assert_eq!(m.calls(), 1, "no answer is not retried");
    assert!(out.contains("made by the built-in interpreter"), "{out}");
    assert!(out.contains("gave no answer within 1s"), "{out}");
    assert!(out.contains("tracker Yoga: yes/no, goal 3 days a week"), "{out}");
    h.ok(["check"]);
}

#[cfg(unix)]
#[test]
fn a_model_that_answers_garbage_is_asked_twice_more_then_left() {
    let h = Home::installed();
    let m = FakeModel::new(
        &h,
        &[
            "I like turtles \u{1b}[2J",
            "List(",
            "Timer(name: \"\", rounds: 0)",
        ],
        10,
    );
    let before = specs(&h);
    let out = h.ok(["new", "--describe", "a countdown of 7 minutes for eggs"]);
    assert_eq!(m.calls(), 3, "the first try and two repairs");
    assert!(
        out.contains("made by the built-in interpreter") && out.contains("after 2 repairs"),
        "{out}"
    );
    assert!(
        !out.contains('\u{1b}'),
        "nothing of the reply reaches the terminal raw"
    );
    let after = specs(&h);
    assert_eq!(after.len(), before.len() + 1);
    h.ok(["check"]);
}

#[cfg(unix)]
#[test]
fn a_model_cannot_take_an_id_or_a_file_that_exists() {
    let h = Home::installed();
    let water = std::fs::read_to_string(h.apps().join("water.ron")).unwrap();
    let m = FakeModel::new(
        &h,
        &["```ron\nTracker(name: \"Water\", id: \"water\", unit: \"l\")\n```"],
        10,
    );
    let out = h.ok(["new", "--describe", "water in litres"]);
    assert_eq!(m.calls(), 1);
    assert!(out.contains("water-2"), "{out}");
    assert_eq!(
        std::fs::read_to_string(h.apps().join("water.ron")).unwrap(),
        water
    );
    h.ok(["check"]);
}

#[cfg(unix)]
#[test]
fn a_model_command_that_does_not_start_gives_way_to_the_interpreter() {
    let h = Home::installed();
    std::fs::write(
        h.path().join("config.ron"),
        "Config(describe: (command: [\"/nonexistent/model\"]))\n",
    )
    .unwrap();
    let out = h.ok(["new", "--describe", "yoga 3 times a week", "--dry-run"]);
    assert!(out.starts_with("// Made by `nook new --describe` from:"), "{out}");
    let err = String::from_utf8(
        h.nook(["new", "--describe", "yoga 3 times a week", "--dry-run"])
            .output()
            .unwrap()
            .stderr,
    )
    .unwrap();
    assert!(err.contains("could not start"), "{err}");
}
