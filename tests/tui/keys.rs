//! Where keys go: the switcher (apps, commands and verbs with arguments),
//! help on every screen (scrolling, only the keys that work there), and the
//! modals' keys read from the command table.

use crate::common::fixture;

use fixture::{Fixture, now, seeded};
use insta::assert_snapshot;
use nook::app::key::{Code, Key};
use nook::app::{Action, Overlay, Panel};

fn press(f: &mut Fixture, key: Key) {
    f.shell.dispatch(&mut f.app, Action::Key(key, now()));
}

fn sized(f: &mut Fixture, w: u16, h: u16) {
    f.shell.dispatch(&mut f.app, Action::Resize(w, h));
}

fn said(f: &Fixture) -> String {
    match &f.app.overlay {
        Some(Overlay::Switcher { said, .. }) => said.clone().unwrap_or_default(),
        other => panic!("the switcher closed: {other:?}"),
    }
}

#[test]
fn the_switcher_logs_adds_and_starts_a_timer_as_the_cli_does() {
    let mut f = seeded();
    let before: f64 = f.export("water").entries.iter().map(|e| e.value).sum();
    f.keys(":log water 2<Enter>");
    assert!(f.app.overlay.is_none(), "a verb that ran closes the switcher");
    let after: f64 = f.export("water").entries.iter().map(|e| e.value).sum();
    assert_eq!(after - before, 2.0);
    assert!(f.screen(120, 40).contains("Water: +2 glasses today"));

    f.keys(":add groceries rye bread<Enter>");
    assert!(f.export("groceries").items.iter().any(|i| i.text == "rye bread"));

    // C-p opens the same switcher.
    press(&mut f, Key::ctrl('p'));
    f.keys("timer tea start<Enter>");
    assert!(f.export("tea").timer.unwrap().since.is_some());
}

#[test]
fn the_switcher_says_when_nothing_matches_and_what_an_argument_should_be() {
    let mut f = seeded();
    f.keys(":zzqqxx<Enter>");
    assert!(said(&f).starts_with("Nothing matches “zzqqxx”"), "{}", said(&f));
    f.keys("<Esc>:log water lots<Enter>");
    assert!(said(&f).contains("a number of glasses"), "{}", said(&f));
    f.keys("<Esc>:log habits<Enter>");
    assert!(
        said(&f).contains("several series; name one: Read, Run, Meditate"),
        "{}",
        said(&f)
    );
    f.keys("<Esc>:timer tea lap<Enter>");
    assert_eq!(said(&f), "Tea has phases; laps are for a stopwatch");
    f.keys("<Esc>:add water milk<Enter>");
    assert_eq!(said(&f), "Water is a tracker, not a list");
    assert_snapshot!("switcher_bad_argument_80x24", f.screen(80, 24));
    // Nothing was written by any of them.
    assert!(f.export("groceries").items.iter().all(|i| i.text != "milk"));
}

#[test]
fn the_switcher_finds_apps_and_commands_together_from_any_screen() {
    let mut f = seeded();
    f.open("groceries");
    // An app's name opens it from inside another app.
    f.keys(":water<Enter>");
    let Some(Panel::Tracker(t)) = f.app.focused() else {
        panic!("water did not open")
    };
    assert_eq!(t.spec.id, "water");
    assert_eq!(f.app.panels.len(), 2, "groceries stays open");
    // A command of the screen runs.
    f.keys(":today<Enter>");
    assert!(f.app.overlay.is_none());
    // A verb chosen from the list waits for its arguments.
    f.keys(":lo");
    assert_snapshot!("switcher_verbs_120x40", f.screen(120, 40));
    f.keys("<Tab>");
    let Some(Overlay::Switcher { input, .. }) = &f.app.overlay else {
        panic!()
    };
    assert_eq!(input.text(), "log ");
}

#[test]
fn help_scrolls_at_80x24_and_only_its_keys_close_it() {
    let mut f = seeded();
    f.open("reading");
    sized(&mut f, 80, 24);
    f.keys("?");
    let top = f.screen(80, 24);
    assert!(
        top.contains("1-21 of ") && top.contains("j/k PgUp/PgDn Home/End scroll"),
        "{top}"
    );
    assert_snapshot!("help_board_80x24", top);
    // j scrolls instead of closing; End shows the last keys.
    f.keys("j");
    assert!(matches!(f.app.overlay, Some(Overlay::Help { scroll: 1, .. })));
    f.keys("<End>");
    let end = f.screen(80, 24);
    assert!(end.contains("Back one step"), "{end}");
    assert_snapshot!("help_board_end_80x24", end);
    f.keys("q");
    assert!(f.app.overlay.is_none());
    assert!(f.app.focused().is_some(), "q closed the help, not the app");
}

fn help_of(f: &mut Fixture) -> String {
    f.keys("?");
    let s = f.screen(120, 40);
    f.keys("<Esc>");
    s
}

#[test]
fn each_screens_help_lists_only_the_keys_that_work_there() {
    let mut f = seeded();
    sized(&mut f, 120, 40);
    f.open("tea");
    let tea = help_of(&mut f);
    assert!(!tea.contains("Record a lap"), "{tea}");
    assert!(tea.contains("Skip to the next phase"));
    assert_snapshot!("help_countdown_120x40", tea);
    f.keys("q");
    f.open("stopwatch");
    let sw = help_of(&mut f);
    assert!(
        sw.contains("Record a lap") && !sw.contains("Skip to the next phase"),
        "{sw}"
    );
    f.keys("q");
    f.open("water");
    let water = help_of(&mut f);
    assert!(
        !water.contains("Move up") && !water.contains("Mark the day done"),
        "{water}"
    );
    assert!(water.contains("Add one step to the day"));
    f.keys("q");
    f.open("habits");
    let habits = help_of(&mut f);
    assert!(
        habits.contains("Move up") && !habits.contains("Add one step"),
        "{habits}"
    );
}

#[test]
fn help_opens_with_f1_in_the_editor_and_in_a_form() {
    let mut f = seeded();
    sized(&mut f, 120, 40);
    f.open("reading");
    f.keys("a");
    press(&mut f, Key::plain(Code::F(1)));
    let form = f.screen(120, 40);
    assert!(
        form.contains("Save the item") && form.contains("Next field"),
        "{form}"
    );
    assert!(
        !form.contains("Tick off"),
        "the list's keys are not the form's: {form}"
    );
    assert_snapshot!("help_form_120x40", form);
    f.keys("<Esc>");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!()
    };
    assert!(l.form.is_some(), "Esc closed the help only");
    // `?` in the form is typed.
    f.keys("?");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!()
    };
    assert_eq!(l.form.as_ref().unwrap().fields[0].input.text(), "?");

    let mut f = seeded();
    sized(&mut f, 80, 24);
    f.keys("/water<Down>e");
    assert!(f.app.editor.is_some());
    press(&mut f, Key::plain(Code::F(1)));
    let editor = f.screen(80, 24);
    assert!(
        editor.contains("Save the spec") && editor.contains("Go to the next problem"),
        "{editor}"
    );
    assert_snapshot!("help_editor_80x24", editor);
    f.keys("<Esc>");
    assert!(f.app.editor.is_some() && f.app.overlay.is_none());
}
