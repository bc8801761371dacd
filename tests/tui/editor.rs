//! Making and editing apps from the keyboard: the gallery, the spec editor
//! (checked as you type, saved whole), and what a save does to open panels.

use crate::common::fixture;

use fixture::{Fixture, at, now, seeded};
use nook::app::Action;
use nook::app::editor::Check;
use nook::model::days::day_number;

fn settle(f: &mut Fixture) {
    let later = at(1);
    f.shell.dispatch(&mut f.app, Action::Settle(later));
}

/// Puts the editor's cursor on `line`, `col` (from 1) with keys, as a user would.
fn go_to(f: &mut Fixture, line: usize, col: usize) {
    let start = nook::app::key::Key {
        code: nook::app::key::Code::Home,
        ctrl: true,
        alt: false,
    };
    f.shell.dispatch(&mut f.app, Action::Key(start, now()));
    f.keys(&"<Down>".repeat(line - 1));
    f.keys(&"<Right>".repeat(col - 1));
}

/// A sync starts, as far as the App knows (no git runs here), or ends.
fn sync_running(f: &mut Fixture, running: bool) {
    use nook::app::sync::Event;
    if running {
        let repo = nook::sync::Status {
            repo: true,
            ..Default::default()
        };
        f.app.update(Action::Sync(Event::Status(repo)));
        f.app.update(Action::Cmd(nook::app::command::Cmd::Sync, now()));
    } else {
        f.app.update(Action::Sync(Event::Done(Err("stopped".into()))));
    }
    assert_eq!(f.app.sync.busy, running);
}

fn check(f: &Fixture) -> &Check {
    &f.app.editor.as_ref().expect("the editor is open").check
}

fn apps_files(f: &Fixture) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(f.home().apps())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_new_tracker_from_the_gallery_is_made_edited_and_used() {
    let mut f = seeded();
    // n, past "Describe it…", the second template (a blank tracker), a name.
    f.keys("njj<Enter>Floss<Enter>");
    let path = f.home().apps().join("floss.ron");
    let text = std::fs::read_to_string(&path).expect("the spec is written at once");
    assert!(
        text.contains("id: \"floss\"") && text.contains("name: \"Floss\""),
        "{text}"
    );
    assert!(
        text.starts_with("// A yes/no habit."),
        "the template's comments stay: {text}"
    );
    let editor = f.app.editor.as_ref().expect("the new spec opens in the editor");
    assert_eq!(editor.file, "floss.ron");
    assert!(matches!(check(&f), Check::Valid(_)));
    assert!(
        f.app.entries.iter().any(|e| e.id() == Some("floss")),
        "listed already"
    );

    // Add a unit and a goal under the id line, then save.
    f.keys("<Down><Down><Down><End><Enter>unit: \"times\",<Enter>goal: Daily(2),");
    settle(&mut f);
    assert!(
        matches!(check(&f), Check::Valid(s) if s.id == "floss"),
        "{:?}",
        check(&f)
    );
    f.keys("<C-s>");
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(
        saved.contains("    id: \"floss\",\n    unit: \"times\",\n    goal: Daily(2),\n"),
        "{saved}"
    );
    assert!(saved.starts_with("// A yes/no habit."), "comments stay");
    assert!(!f.app.editor.as_ref().unwrap().dirty());
    assert!(
        !apps_files(&f).iter().any(|n| n.starts_with('.')),
        "no temporary file left"
    );

    // Close the editor and use the app.
    f.keys("<Esc>");
    assert!(f.app.editor.is_none());
    f.open("floss");
    f.keys("+");
    let today = day_number(now().today());
    let e = f
        .shell
        .store
        .read(|r| r.entry("floss", "", today))
        .unwrap()
        .unwrap();
    assert_eq!(e.value, 1.0);
    assert!(
        f.screen(100, 30).contains("1/2 times today"),
        "{}",
        f.screen(100, 30)
    );
}

#[test]
fn typing_is_checked_when_it_pauses_and_problems_are_marked() {
    let mut f = seeded();
    f.keys("/water<Down>e");
    assert_eq!(f.app.editor.as_ref().unwrap().file, "water.ron");
    let before = std::fs::read_to_string(f.home().apps().join("water.ron")).unwrap();
    // Break the goal.
    f.keys("<C-g>");
    let text = f.app.editor.as_ref().unwrap().buffer.text();
    let goal = text.find("Daily").expect("water has a daily goal");
    let line = text[..goal].matches('\n').count();
    let col = text[..goal].rsplit('\n').next().unwrap().chars().count();
    go_to(&mut f, line + 1, col + 1);
    f.keys("<Del><Del><Del><Del><Del>Daly");
    assert!(matches!(check(&f), Check::Valid(_)), "not checked while typing");
    settle(&mut f);
    let Check::Invalid(d) = check(&f) else {
        panic!("the typo is found")
    };
    assert!(d[0].message.contains("did you mean"), "{}", d[0].message);
    assert_eq!(d[0].pos.line as usize, line + 1);
    let screen = f.screen(120, 30);
    assert!(screen.contains("▶"), "the line is marked:\n{screen}");
    assert!(
        screen.contains("(last valid)"),
        "the preview keeps the last good version:\n{screen}"
    );
    assert!(screen.contains(&format!("✗ {}:", line + 1)), "{screen}");

    // Ctrl-s asks first; Esc keeps editing; leaving asks; d discards.
    f.keys("<C-s>");
    assert!(f.screen(120, 30).contains("The spec has problems"));
    f.keys("<Esc><Esc>");
    assert!(f.screen(120, 30).contains("Unsaved changes"));
    f.keys("d");
    assert!(f.app.editor.is_none());
    let after = std::fs::read_to_string(f.home().apps().join("water.ron")).unwrap();
    assert_eq!(before, after, "nothing was written");
}

#[test]
fn saving_updates_an_open_panel_and_undo_restores_the_text() {
    let mut f = seeded();
    f.open("water");
    f.keys("q/water<Down>e");
    let original = f.app.editor.as_ref().unwrap().buffer.text();
    let name_at = original.find("\"Water\"").unwrap();
    let line = original[..name_at].matches('\n').count();
    let col = original[..name_at].rsplit('\n').next().unwrap().chars().count();
    go_to(&mut f, line + 1, col + 2);
    f.keys("Still ");
    assert!(
        f.app
            .editor
            .as_ref()
            .unwrap()
            .buffer
            .text()
            .contains("\"Still Water\"")
    );
    // Undo takes the typed word back at once; redo puts it back.
    f.keys("<C-z>");
    assert_eq!(f.app.editor.as_ref().unwrap().buffer.text(), original);
    f.keys("<C-y><C-s>");
    assert_eq!(f.app.message.as_ref().unwrap().0, "Saved apps/water.ron");
    assert_eq!(
        f.app.panels[0].spec().name,
        "Still Water",
        "the open panel took the new spec"
    );
    // Leaving without changes asks nothing.
    f.keys("<Esc>");
    assert!(f.app.editor.is_none());
}

#[test]
fn the_gallery_refuses_a_name_that_is_taken_and_writes_nothing() {
    let mut f = seeded();
    let before = std::fs::read_to_string(f.home().apps().join("water.ron")).unwrap();
    f.keys("nj<Enter>Water<Enter>");
    assert!(f.app.editor.is_none());
    let (msg, _) = f.app.message.clone().expect("a refusal");
    assert!(msg.contains("apps/water.ron already exists"), "{msg}");
    assert!(
        f.screen(100, 30).contains("already exists"),
        "shown in the gallery"
    );
    assert_eq!(
        std::fs::read_to_string(f.home().apps().join("water.ron")).unwrap(),
        before
    );
    // Another name works; its id is fresh.
    f.keys("<Bksp><Bksp><Bksp><Bksp><Bksp>Water 2<Enter>");
    assert_eq!(f.app.editor.as_ref().unwrap().file, "water-2.ron");
}

#[test]
fn ctrl_c_in_the_editor_asks_instead_of_quitting() {
    let mut f = seeded();
    f.keys("e");
    f.keys("x<C-c>");
    assert!(!f.app.quit);
    assert!(f.screen(100, 30).contains("Unsaved changes"));
    f.keys("<Esc><C-z><C-c>");
    assert!(f.app.editor.is_none(), "no changes: it just closes");
    assert!(!f.app.quit);
}

#[test]
fn a_file_changed_on_disk_meanwhile_is_never_overwritten_unasked() {
    let mut f = seeded();
    f.keys("/water<Down>e");
    let path = f.home().apps().join("water.ron");
    // A git pull rewrites the file while the editor has it open.
    let pulled = "// pulled\nTracker(name: \"Water\", unit: \"ml\", goal: Daily(2000))\n";
    std::fs::write(&path, pulled).unwrap();
    f.keys("// mine<Enter><C-s>");
    assert!(
        f.screen(100, 30).contains("Changed on disk"),
        "{}",
        f.screen(100, 30)
    );
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        pulled,
        "nothing written yet"
    );
    // r takes the disk's text.
    f.keys("r");
    assert_eq!(f.app.editor.as_ref().unwrap().buffer.text(), pulled);
    assert!(!f.app.editor.as_ref().unwrap().dirty());
    // Changed again; this time o overwrites with the editor's text.
    std::fs::write(&path, "Tracker(name: \"Water\")\n").unwrap();
    f.keys("// mine<Enter><C-s>o");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        format!("// mine\n{pulled}")
    );
}

#[test]
fn save_and_close_keeps_the_editor_open_when_the_file_changed_meanwhile() {
    let mut f = seeded();
    f.keys("/water<Down>e");
    let path = f.home().apps().join("water.ron");
    std::fs::write(&path, "Tracker(name: \"Water\", unit: \"ml\")\n").unwrap();
    // Leave, and choose "save and close": the save is refused, the text stays.
    f.keys("// mine<Enter><Esc>s");
    let e = f.app.editor.as_ref().expect("still open with the edits");
    assert!(e.buffer.text().starts_with("// mine\n"));
    assert!(f.screen(100, 30).contains("Changed on disk"));
    // Overwrite, even with a problem in the text: asked once each, then saved.
    f.keys("<Esc>oops<C-s>s");
    assert!(
        f.screen(100, 30).contains("Changed on disk"),
        "{}",
        f.screen(100, 30)
    );
    f.keys("o");
    assert!(
        f.screen(100, 30).contains("The spec has problems"),
        "{}",
        f.screen(100, 30)
    );
    f.keys("s");
    let text = std::fs::read_to_string(&path).unwrap();
    assert!(text.starts_with("// mine\noops"), "{text}");
}

#[test]
fn a_kind_that_cannot_read_the_stored_data_is_a_problem_before_saving() {
    let mut f = seeded();
    f.keys("/groceries<Down>e");
    let text = f.app.editor.as_ref().unwrap().buffer.text();
    let line = text
        .lines()
        .position(|l| l.starts_with("List("))
        .expect("a List( line")
        + 1;
    go_to(&mut f, line, 1);
    f.keys("<Del><Del><Del><Del>Tracker");
    settle(&mut f);
    let Check::Invalid(d) = check(&f) else {
        panic!("the kind change is refused: {:?}", check(&f))
    };
    assert!(
        d[0].message.contains("holds list data (3 items)"),
        "{}",
        d[0].message
    );
    assert_eq!(d[0].pos.line as usize, line);
}

#[test]
fn nothing_in_the_apps_folder_changes_while_a_sync_runs() {
    let mut f = seeded();
    f.keys("/water<Down>e// mine<Enter>");
    sync_running(&mut f, true);
    let before = std::fs::read_to_string(f.home().apps().join("water.ron")).unwrap();
    f.keys("<C-s>");
    assert!(
        f.screen(100, 30).contains("A sync is running"),
        "{}",
        f.screen(100, 30)
    );
    assert_eq!(
        std::fs::read_to_string(f.home().apps().join("water.ron")).unwrap(),
        before
    );
    assert!(
        f.app.editor.as_ref().unwrap().dirty(),
        "the edits are still there"
    );
    // Once it is done, the save goes through.
    sync_running(&mut f, false);
    f.keys("<C-s>");
    assert!(
        std::fs::read_to_string(f.home().apps().join("water.ron"))
            .unwrap()
            .starts_with("// mine")
    );
}

#[test]
fn after_editing_the_launcher_points_at_that_app_in_any_order() {
    let mut f = seeded();
    // Sorted by last use, the launcher's rows are not in file order.
    f.open("water");
    f.keys("qs");
    f.keys("nj<Enter>Aaa<Enter><Esc>");
    let row = f.app.visible_entries()[f.app.launcher.selected];
    assert_eq!(f.app.entries[row].file, "aaa.ron");
}

#[test]
fn describe_it_opens_an_unsaved_spec_with_its_preview_and_ctrl_s_writes_it() {
    let mut f = seeded();
    let before = apps_files(&f);
    f.keys("n<Enter>yoga 3 times a week<Enter>");
    let editor = f.app.editor.as_ref().expect("the spec opens in the editor");
    assert_eq!(editor.file, "yoga.ron");
    assert!(editor.dirty(), "the text is not on disk yet");
    assert!(
        matches!(check(&f), Check::Valid(s) if s.name == "Yoga"),
        "{:?}",
        check(&f)
    );
    assert_eq!(apps_files(&f), before, "nothing is written before Ctrl-s");
    assert!(editor.buffer.text().contains("goal: Weekly(3)"));
    let screen = f.screen(100, 30);
    assert!(screen.contains("Preview: 🧘 Yoga"), "{screen}");
    assert!(
        screen.contains("tracker Yoga: yes/no, goal 3 days a week"),
        "{screen}"
    );
    f.keys("<C-s>");
    let text = std::fs::read_to_string(f.home().apps().join("yoga.ron")).expect("Ctrl-s writes it");
    nook::spec::parse_str("apps/yoga.ron", &text).expect("it checks");
    assert!(!f.app.editor.as_ref().unwrap().dirty());
    f.keys("<Esc>");
    assert!(f.app.entries.iter().any(|e| e.id() == Some("yoga")), "listed");
    let row = f.app.visible_entries()[f.app.launcher.selected];
    assert_eq!(f.app.entries[row].file, "yoga.ron", "the launcher points at it");
}

#[test]
fn describe_it_then_esc_writes_nothing() {
    let mut f = seeded();
    let before = apps_files(&f);
    f.keys("n<Enter>a countdown of 7 minutes for eggs<Enter>");
    assert!(f.app.editor.is_some());
    // Untouched, Esc drops it without a question.
    f.keys("<Esc>");
    assert!(f.app.editor.is_none());
    assert_eq!(apps_files(&f), before);
    // Changed, Esc asks first; n drops it.
    f.keys("n<Enter>a countdown of 7 minutes for eggs<Enter>x<Esc>");
    assert!(
        f.screen(100, 30).contains("Unsaved changes"),
        "{}",
        f.screen(100, 30)
    );
    f.keys("d");
    assert!(f.app.editor.is_none());
    assert_eq!(apps_files(&f), before);
}

#[test]
fn describe_it_with_nonsense_says_so_in_the_gallery() {
    let mut f = seeded();
    f.keys("n<Enter>asdf qwerty<Enter>");
    assert!(f.app.editor.is_none());
    assert!(
        f.screen(100, 30).contains("could not make an app"),
        "{}",
        f.screen(100, 30)
    );
}

#[cfg(unix)]
#[test]
fn describe_it_with_a_model_waits_for_it_off_the_loop_then_opens_its_draft() {
    let mut f = seeded();
    let dir = tempfile::tempdir().unwrap();
    let script = dir.path().join("model.sh");
    std::fs::write(
        &script,
        "cat > /dev/null\nprintf '```ron\\nTracker(name: \"Yoga\", goal: Weekly(3))\\n```\\n'\n",
    )
    .unwrap();
    std::fs::write(
        f.home().config(),
        format!(
            "Config(describe: (command: [\"sh\", \"{}\"]))\n",
            script.display()
        ),
    )
    .unwrap();
    f.keys("n<Enter>yoga three times weekly<Enter>");
    // The model runs on a thread; the App goes on, saying it asked.
    assert!(f.shell.describing());
    assert!(f.app.editor.is_none());
    assert!(
        f.screen(100, 30).contains("Asking the model `sh "),
        "{}",
        f.screen(100, 30)
    );
    f.shell.wait_describe(&mut f.app);
    let editor = f.app.editor.as_ref().expect("the model's draft opens");
    assert!(editor.buffer.text().contains("goal: Weekly(3)"));
    assert!(
        editor
            .buffer
            .text()
            .starts_with("// Made by `nook new --describe` (a local model)")
    );
    assert!(
        f.screen(100, 30).contains("made by the model"),
        "{}",
        f.screen(100, 30)
    );
    assert!(
        !f.home().apps().join("yoga.ron").exists(),
        "nothing written before Ctrl-s"
    );
}

#[test]
fn change_it_edits_the_text_unsaved_and_ctrl_z_undoes_it() {
    let mut f = seeded();
    let path = f.home().apps().join("reading.ron");
    let on_disk = std::fs::read_to_string(&path).unwrap();
    f.keys("/reading<Down>e");
    let original = f.app.editor.as_ref().unwrap().buffer.text();
    f.keys("<C-t>add a price in euros");
    insta::assert_snapshot!("change_it_typing_80x24", f.screen(80, 24));
    f.keys("<Enter>");
    let e = f.app.editor.as_ref().unwrap();
    let text = e.buffer.text();
    assert!(
        text.contains("\"owned\":    Bool,\n        \"price\":    Money(currency: \"EUR\"),\n    },"),
        "{text}"
    );
    assert!(text.starts_with("// Books as a board"), "comments stay: {text}");
    assert!(matches!(check(&f), Check::Valid(_)), "the preview shows it");
    assert!(e.dirty(), "unsaved until Ctrl-s");
    assert_eq!(
        std::fs::read_to_string(&path).unwrap(),
        on_disk,
        "nothing written"
    );
    let said = &f.app.message.as_ref().expect("the status says what it did").0;
    assert!(said.contains("added field \"price\" (money in EUR)"), "{said}");
    insta::assert_snapshot!("change_it_done_80x24", f.screen(80, 24));
    f.keys("<C-z>");
    assert_eq!(f.app.editor.as_ref().unwrap().buffer.text(), original);
    // Removing a field with data says it stays, hidden; Ctrl-s writes it.
    f.keys("<C-t>remove the author field<Enter>");
    let said = &f.app.message.as_ref().unwrap().0;
    assert!(
        said.contains("4 with a value of 'author': kept, hidden"),
        "{said}"
    );
    f.keys("<C-s>");
    let saved = std::fs::read_to_string(&path).unwrap();
    assert!(!saved.contains("\"author\""), "{saved}");
    assert!(
        saved.contains("\"title\":    Text(required: true),\n        \"status\":"),
        "{saved}"
    );
}

#[test]
fn change_it_with_nonsense_changes_nothing_and_says_so() {
    let mut f = seeded();
    f.keys("/reading<Down>e");
    let original = f.app.editor.as_ref().unwrap().buffer.text();
    f.keys("<C-t>asdf qwerty<Enter>");
    assert_eq!(f.app.editor.as_ref().unwrap().buffer.text(), original);
    assert!(!f.app.editor.as_ref().unwrap().dirty());
    let said = &f.app.message.as_ref().unwrap().0;
    assert!(
        said.starts_with("Nothing changed: could not tell what to change"),
        "{said}"
    );
    // Esc on the line goes back to the text, unchanged.
    f.keys("<C-t>add x<Esc>");
    assert!(f.app.editor.as_ref().unwrap().changing.is_none());
    assert_eq!(f.app.editor.as_ref().unwrap().buffer.text(), original);
}
