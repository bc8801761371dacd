//! The command line's finish (issue #15): the add form's defaults as
//! `nook add` keeps them, JSON and CSV shapes for scripts and editors,
//! completions and the man page, undo messages and plurals.

use crate::common;

use common::Home;
use serde_json::Value;

/// A list whose fields have no defaults but the ones named.
const BOOKS: &str = r#"List(
    name: "Books",
    fields: {
        "title":    Text(required: true),
        "finished": Date,
        "owned":    Bool,
        "format":   Choice(options: ["paper", "ebook"]),
        "added":    Date(default: Today),
    },
)"#;

#[test]
fn add_leaves_fields_without_a_default_absent() {
    let h = Home::installed();
    h.spec("books.ron", BOOKS);
    h.add("books", ["title=Dune"]);
    let items = h.items("books");
    let values = items[0]["values"].as_object().unwrap();
    let mut names: Vec<&str> = values.keys().map(String::as_str).collect();
    names.sort();
    assert_eq!(names, ["added", "title"], "{values:?}");
    let err = h.fails(1, ["add", "books", "owned=yes"]);
    assert!(err.contains("\"title\"") && err.contains("required"), "{err}");
}

#[test]
fn check_json_gives_every_problem_with_its_place_and_suggestion() {
    let h = Home::installed();
    h.spec(
        "bad.ron",
        "List(\n    name: \"Bad\",\n    fields: { \"t\": Txt },\n    veiw: Checklist,\n)\n",
    );
    let out = h
        .nook(["check", "--json"])
        .assert()
        .code(1)
        .get_output()
        .stdout
        .clone();
    let doc: Value = serde_json::from_slice(&out).expect("check --json prints JSON");
    let problems = doc["problems"].as_array().expect("a problems array");
    assert_eq!(problems.len(), 2, "{doc:#}");
    let file = problems[0]["file"].as_str().unwrap();
    assert!(file.ends_with("bad.ron"), "{file}");
    let at: Vec<(u64, u64, &str)> = problems
        .iter()
        .map(|p| {
            (
                p["line"].as_u64().unwrap(),
                p["column"].as_u64().unwrap(),
                p["suggestion"].as_str().unwrap_or("-"),
            )
        })
        .collect();
    assert_eq!(at, [(3, 20, "Text"), (4, 5, "view")], "{doc:#}");
    assert!(
        problems[0]["message"]
            .as_str()
            .unwrap()
            .contains("unknown type 'Txt'")
    );
    assert!(
        doc["specs"].as_u64().unwrap() > 1,
        "every spec is counted: {doc:#}"
    );
    // A clean home: no problems, exit 0, the same shape.
    std::fs::remove_file(h.apps().join("bad.ron")).unwrap();
    let doc: Value = serde_json::from_str(&h.ok(["check", "--json"])).unwrap();
    assert_eq!(doc["problems"], serde_json::json!([]));
}

#[test]
fn timer_status_json_names_the_app() {
    let h = Home::installed();
    let doc: Value = serde_json::from_str(&h.ok(["timer", "tea", "status", "--json"])).unwrap();
    assert_eq!(doc["id"], "tea", "{doc:#}");
    assert_eq!(doc["name"], "Tea", "{doc:#}");
    assert_eq!(doc["status"], "idle", "the timer's own keys stay: {doc:#}");
}

#[test]
fn orphans_json_gives_numbers() {
    let h = Home::installed();
    h.set_clock(1_795_600_800_000);
    h.add("groceries", ["oat", "milk"]);
    h.add("groceries", ["eggs"]);
    h.ok(["log", "water"]);
    for app in ["groceries", "water"] {
        std::fs::remove_file(h.apps().join(format!("{app}.ron"))).unwrap();
    }
    let doc: Value = serde_json::from_str(&h.ok(["orphans", "--json"])).unwrap();
    let rows = doc.as_array().expect("an array");
    let row = |id: &str| rows.iter().find(|r| r["id"] == id).cloned().unwrap();
    let g = row("groceries");
    assert_eq!(
        (
            g["kind"].clone(),
            g["items"].clone(),
            g["days"].clone(),
            g["sessions"].clone()
        ),
        ("list".into(), 2.into(), 0.into(), 0.into()),
        "{doc:#}"
    );
    assert_eq!(row("water")["days"], 1, "{doc:#}");
    assert_eq!(
        g["last_write"], 1_795_600_800_000i64,
        "a timestamp is unix ms: {doc:#}"
    );
}

#[test]
fn an_export_has_every_key_whatever_the_kind() {
    let h = Home::installed();
    for app in ["groceries", "water", "tea"] {
        let doc = h.export(app);
        for key in ["nook_export", "app", "items", "entries", "timer", "sessions"] {
            assert!(doc.get(key).is_some(), "{app}'s export has no {key:?}: {doc:#}");
        }
        assert_eq!(doc["sessions"], serde_json::json!([]));
    }
    h.add("groceries", ["eggs"]);
    let item = &h.items("groceries")[0];
    for key in ["id", "text", "done", "created", "updated", "values", "hidden"] {
        assert!(item.get(key).is_some(), "an item has no {key:?}: {item:#}");
    }
}

/// Books, then the same list after a rename (`author` → `writer`) and
/// with `pages` gone.
const BOOKS_BEFORE: &str =
    r#"List(name: "Books", fields: { "title": Text(required: true), "author": Text, "pages": Number })"#;
const BOOKS_AFTER: &str =
    r#"List(name: "Books", fields: { "title": Text(required: true), "writer": Text(was: "author") })"#;

#[test]
fn json_export_reads_through_todays_spec_keeps_hidden_apart_and_round_trips() {
    let h = Home::installed();
    h.spec("books.ron", BOOKS_BEFORE);
    h.add("books", ["title=Dune", "author=Frank Herbert", "pages=412"]);
    h.spec("books.ron", BOOKS_AFTER);
    let first = h.ok(["export", "books"]);
    let doc: Value = serde_json::from_str(&first).unwrap();
    let item = &doc["items"][0];
    assert_eq!(
        item["values"],
        serde_json::json!({"title": "Dune", "writer": "Frank Herbert"}),
        "{doc:#}"
    );
    assert_eq!(item["hidden"], serde_json::json!({"pages": 412}), "{doc:#}");
    // Into a fresh home and out again: the same bytes.
    let file = h.path().join("books.json");
    std::fs::write(&file, &first).unwrap();
    let other = Home::installed();
    other.spec("books.ron", BOOKS_AFTER);
    let said = other.ok(["import", "books", file.to_str().unwrap()]);
    assert!(said.contains("1 added"), "{said}");
    assert_eq!(other.ok(["export", "books"]), first);
    // Into the home it came from: recognised as what is stored.
    let said = h.ok(["import", "books", file.to_str().unwrap()]);
    assert!(
        said.contains("0 added") && said.contains("1 skipped") && !said.contains("differ"),
        "{said}"
    );
    // The spec turned back finds the hidden value again.
    other.spec("books.ron", BOOKS_BEFORE);
    let back = &other.items("books")[0];
    assert_eq!(back["values"]["pages"], 412.0, "{back:#}");
}

#[test]
fn undo_names_what_it_undid_and_where() {
    let h = Home::installed();
    let id = h.add("groceries", ["milk"]);
    let undo = |app: &str| h.ok(["undo", app]);
    let said = undo("groceries");
    assert!(said.contains("Undid: add \"milk\" to Groceries"), "{said}");
    h.ok(["redo", "groceries"]);
    h.ok(["done", "groceries", &id]);
    let said = undo("groceries");
    assert!(said.contains("Undid: tick \"milk\" in Groceries"), "{said}");
    h.ok(["rm", "groceries", &id]);
    let said = undo("groceries");
    assert!(said.contains("Undid: delete \"milk\" from Groceries"), "{said}");
    h.ok(["timer", "tea", "start"]);
    let said = undo("tea");
    assert!(said.contains("Undid: start the Tea timer"), "{said}");
}

#[test]
fn counts_are_singular_for_one() {
    let h = Home::installed();
    h.spec("bad.ron", "List(name: \"Bad\", feilds: {})");
    let err = h.fails(1, ["check"]);
    let specs = nook::bundled::APPS.len() + 1;
    assert!(err.contains(&format!("1 of {specs} specs has problems")), "{err}");
}

/// What bash offers after `nook WORDS` (the last word is being typed), with
/// the script `nook completions bash` prints sourced, as a user's shell has it.
fn bash_offers(h: &Home, words: &str) -> Vec<String> {
    let bin = std::path::Path::new(env!("CARGO_BIN_EXE_nook")).parent().unwrap();
    let script = h.ok(["completions", "bash"]);
    let file = h.path().join("nook.bash");
    std::fs::write(&file, script).unwrap();
    let n = words.split(' ').count();
    let last = words.rsplit(' ').next().unwrap();
    let program = format!(
        "source {file:?}; COMP_WORDS=(nook {words}); COMP_CWORD={n}; COMP_TYPE=9; \
         _clap_complete_nook nook {last:?} x; printf '%s\\n' \"${{COMPREPLY[@]}}\""
    );
    let out = std::process::Command::new("bash")
        .args(["--norc", "-c", &program])
        .env(
            "PATH",
            format!("{}:{}", bin.display(), std::env::var("PATH").unwrap_or_default()),
        )
        .env("NOOK_HOME", h.path())
        .env("HOME", h.path())
        .output()
        .expect("bash runs");
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|l| l.trim().to_string())
        .filter(|l| !l.is_empty())
        .collect()
}

#[test]
fn bash_completes_app_ids_and_field_names() {
    let h = Home::installed();
    let offered = bash_offers(&h, "add r");
    assert_eq!(offered, ["reading", "running"], "{offered:?}");
    let offered = bash_offers(&h, "add reading ti");
    assert_eq!(offered, ["title="], "{offered:?}");
    let offered = bash_offers(&h, "timer t");
    assert_eq!(offered, ["tea"], "{offered:?}");
}

#[test]
fn completion_scripts_for_each_shell_and_completing_writes_nothing() {
    let h = Home::empty();
    for shell in ["bash", "zsh", "fish"] {
        let script = h.ok(["completions", shell]);
        assert!(script.contains("NOOK_COMPLETE"), "{shell}: {script}");
    }
    h.nook(["completions", "powershell"]).assert().code(2);
    // Asking for candidates in a home with no apps yet installs nothing.
    h.nook(["--", "nook", "add", ""])
        .env("NOOK_COMPLETE", "fish")
        .assert()
        .success();
    assert!(!h.apps().exists(), "completing installed the examples");
    assert!(!h.db().exists(), "completing made a database");
}

#[test]
fn man_page_describes_every_command() {
    let h = Home::empty();
    let page = h.ok(["man"]);
    assert!(page.contains(".TH nook 1"), "{page}");
    for verb in ["add", "export", "completions", "check"] {
        assert!(page.contains(verb), "the man page names {verb}");
    }
}

#[test]
fn csv_durations_say_their_unit() {
    let h = Home::installed();
    h.spec(
        "runs.ron",
        r#"List(name: "Runs", fields: { "route": Text, "time": Duration })"#,
    );
    h.add("runs", ["route=park", "time=1h30m"]);
    let csv = h.ok(["export", "runs", "--format", "csv"]);
    assert!(csv.contains(",park,1h30m,"), "{csv}");
}
