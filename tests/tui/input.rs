//! Text input and where keys go (#15): the cursor of every single-line
//! input, the Esc ladder, Ctrl-c in a form, and bracketed paste.

use crate::common::fixture;

use fixture::{empty, seeded};
use nook::app::Panel;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Position;

/// The screen as text, and where the terminal's cursor was put.
fn drawn(f: &fixture::Fixture, w: u16, h: u16) -> (String, Position) {
    let mut terminal = Terminal::new(TestBackend::new(w, h)).unwrap();
    terminal.draw(|fr| nook::ui::render(&f.app, fr)).unwrap();
    let at = terminal.get_cursor_position().unwrap();
    (fixture::render(&f.app, w, h), at)
}

/// The row the cursor is on, and the text before it (by columns).
fn around_cursor(f: &fixture::Fixture, w: u16, h: u16) -> String {
    let (screen, at) = drawn(f, w, h);
    let row = screen.lines().nth(at.y as usize).unwrap_or_default();
    let mut cols = 0;
    let mut before = String::new();
    for c in row.chars() {
        if cols >= at.x as usize {
            break;
        }
        cols += unicode_width::UnicodeWidthChar::width(c).unwrap_or(0);
        before.push(c);
    }
    before
}

fn texts(f: &fixture::Fixture, id: &str) -> Vec<String> {
    f.export(id).items.iter().map(|i| i.text.clone()).collect()
}

#[test]
fn typing_goes_in_where_the_cursor_is() {
    let mut f = empty();
    f.open("groceries");
    f.keys("amlk<Left><Left>i<End> 2<Home>oat <Enter>");
    assert_eq!(texts(&f, "groceries"), ["oat milk 2"]);
    // The readline keys: C-w takes a word, C-a/C-e go to the ends, C-k cuts the rest.
    f.keys("aeggs and ham<C-w><C-w><C-a>6 <C-e>x<Left><C-k><Enter>");
    assert_eq!(texts(&f, "groceries"), ["oat milk 2", "6 eggs"]);
}

#[test]
fn a_long_value_scrolls_so_the_cursor_stays_in_the_box() {
    let mut f = empty();
    f.open("groceries");
    let long = "a very long shopping note that goes on and on past the edge of the form";
    f.keys(&format!("a{long}"));
    for (w, h) in [(120, 40), (80, 24), (60, 20)] {
        let before = around_cursor(&f, w, h);
        assert!(
            before.ends_with("past the edge of the form"),
            "{w}x{h}: the end of what is typed is where the cursor is: {before:?}\n{}",
            f.screen(w, h)
        );
    }
    f.keys("<Home>");
    let before = around_cursor(&f, 80, 24);
    assert!(
        before.trim_end().ends_with("text"),
        "the start, after the label: {before:?}"
    );
    assert!(
        f.screen(80, 24).contains("a very long shopping"),
        "{}",
        f.screen(80, 24)
    );
}

#[test]
fn the_cursor_sits_in_every_single_line_input() {
    let mut f = seeded();
    // The launcher filter, in the box's title.
    f.keys("/rea");
    assert!(
        around_cursor(&f, 80, 24).ends_with("/rea"),
        "{:?}",
        around_cursor(&f, 80, 24)
    );
    f.keys("<Esc>:the");
    assert!(
        around_cursor(&f, 80, 24).ends_with(":the"),
        "{:?}",
        around_cursor(&f, 80, 24)
    );
    f.keys("<Esc>n<Enter>tea<Left>");
    assert!(
        around_cursor(&f, 80, 24).ends_with("Idea: te"),
        "{:?}",
        around_cursor(&f, 80, 24)
    );
    f.keys("<Esc><Esc>nj<Enter>Tea log<Left><Left><Left>");
    assert!(
        around_cursor(&f, 80, 24).ends_with("Name: Tea "),
        "{:?}",
        around_cursor(&f, 80, 24)
    );
    f.keys("<Esc><Esc>");
    f.open("reading");
    f.keys("/pir");
    assert!(
        around_cursor(&f, 80, 24).ends_with("/pir"),
        "{:?}",
        around_cursor(&f, 80, 24)
    );
}

#[test]
fn left_and_right_choose_only_on_choice_and_rating_fields() {
    let mut f = seeded();
    f.open("reading");
    f.keys("a");
    let footer = |f: &fixture::Fixture| f.screen(100, 30).lines().nth(29).unwrap_or_default().to_string();
    assert!(!footer(&f).contains("choose"), "title is text: {}", footer(&f));
    f.keys("Dune<Left>x");
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!()
    };
    assert_eq!(l.form.as_ref().unwrap().fields[0].input.text(), "Dunxe");
    f.keys("<Tab><Tab>");
    assert!(
        footer(&f).contains("←/→ choose"),
        "status is a choice: {}",
        footer(&f)
    );
}

fn list(f: &fixture::Fixture) -> &nook::app::list::ListPanel {
    match f.app.focused() {
        Some(Panel::List(l)) => l,
        other => panic!("not a list: {other:?}"),
    }
}

#[test]
fn esc_peels_one_layer_at_a_time() {
    let mut f = seeded();
    // Enter in the launcher filter opens the top match at once.
    f.keys("/groc<Enter>");
    assert_eq!(f.app.focused().map(|p| p.spec().id.as_str()), Some("groceries"));
    // A kept list filter, then the add form with something typed.
    f.keys("/mi<Enter>ax");
    assert!(list(&f).form.is_some());
    f.keys("<Esc>");
    assert!(list(&f).form.is_none(), "the form goes first");
    assert_eq!(list(&f).filter.text(), "mi", "the filter stays");
    f.keys("<Esc>");
    assert!(list(&f).filter.is_empty(), "then the filter");
    assert!(f.app.focused().is_some(), "the panel stays");
    assert_eq!(list(&f).order.len(), 3);
    f.keys("<Esc>");
    assert!(f.app.focused().is_none(), "then back to the launcher");
    // Opening ended the search: every app shows, the opened one selected.
    assert!(f.app.launcher.filter.is_empty());
    let selected = f.app.visible_entries()[f.app.launcher.selected];
    assert_eq!(f.app.entries[selected].id(), Some("groceries"));
    // A filter kept with ↓ is cleared by Esc (as the screen says).
    f.keys("/zzz<Down>");
    assert!(f.screen(80, 24).contains("Esc clears it"), "{}", f.screen(80, 24));
    f.keys("<Esc>");
    assert!(f.app.launcher.filter.is_empty(), "Esc clears the kept filter");
    assert!(f.screen(80, 24).contains("Reading list"), "{}", f.screen(80, 24));
    f.keys("<Esc>");
    assert!(!f.app.quit, "Esc never quits");
}

#[test]
fn an_overlay_goes_before_the_panel() {
    let mut f = seeded();
    f.open("groceries");
    f.keys(":und<Esc>");
    assert!(f.app.overlay.is_none());
    assert!(f.app.focused().is_some(), "Esc closed the palette only");
    f.keys("?<Esc>");
    assert!(f.app.overlay.is_none());
    assert!(f.app.focused().is_some(), "and the help only");
}

#[test]
fn slash_again_edits_the_query_it_kept() {
    let mut f = seeded();
    f.keys("/gro<Enter>");
    // In the list: keep "mi", then / edits it to "milk".
    f.keys("/mi<Enter>");
    assert!(!list(&f).filtering);
    f.keys("/lk");
    assert_eq!(list(&f).filter.text(), "milk");
    f.keys("<Enter><Esc><Esc>");
    // In the launcher: / carries on from a kept "gro".
    f.keys("/gro<Down>/c");
    assert_eq!(f.app.launcher.filter.text(), "groc");
    f.keys("<Enter>");
    assert_eq!(f.app.focused().map(|p| p.spec().id.as_str()), Some("groceries"));
}

#[test]
fn enter_with_nothing_matching_says_so() {
    let mut f = seeded();
    f.keys("/zzzz<Enter>");
    assert!(f.app.focused().is_none());
    assert!(
        f.screen(80, 24).contains("No app matches"),
        "{}",
        f.screen(80, 24)
    );
}

#[test]
fn ctrl_c_in_an_untouched_form_closes_the_form_not_nook() {
    let mut f = empty();
    f.open("groceries");
    f.keys("a<C-c>");
    assert!(!f.app.quit, "nook keeps running");
    assert!(list(&f).form.is_none(), "the form is closed");
    f.keys("q");
    f.open("reading");
    // Defaults alone are not typing.
    f.keys("a<C-c>");
    assert!(!f.app.quit);
    assert!(list(&f).form.is_none());
}

#[test]
fn ctrl_c_after_typing_asks_before_the_text_is_lost() {
    let mut f = empty();
    f.open("groceries");
    f.keys("aoat milk<C-c>");
    assert!(!f.app.quit);
    let screen = f.screen(80, 24);
    assert!(screen.contains("Discard what you typed?"), "{screen}");
    // Any other key keeps typing, with the text as it was.
    f.keys("n");
    assert_eq!(list(&f).form.as_ref().unwrap().fields[0].input.text(), "oat milk");
    assert!(!f.screen(80, 24).contains("Discard"));
    f.keys(" 2<C-c>y");
    assert!(list(&f).form.is_none(), "y discards it");
    assert!(!f.app.quit);
    assert!(texts(&f, "groceries").is_empty(), "nothing was added");
}

fn paste(f: &mut fixture::Fixture, text: &str) {
    let action = nook::app::Action::Paste(text.into(), fixture::now());
    f.shell.dispatch(&mut f.app, action);
}

#[test]
fn a_multi_line_paste_into_the_add_form_adds_one_item_per_line() {
    let mut f = seeded();
    f.open("groceries");
    f.keys("a");
    // The case: without bracketed paste, "d" deleted and "e" edited.
    paste(&mut f, "milk\ndone eggs\n\n  butter  \n");
    assert!(list(&f).form.is_none());
    let all = texts(&f, "groceries");
    for t in ["oat milk", "eggs", "bread", "milk", "done eggs", "butter"] {
        assert!(all.contains(&t.to_string()), "{t} in {all:?}");
    }
    assert_eq!(all.len(), 6, "nothing deleted or edited: {all:?}");
    assert!(f.screen(80, 24).contains("Added 3 items"), "{}", f.screen(80, 24));
}

#[test]
fn a_paste_is_text_in_whatever_input_has_focus() {
    let mut f = seeded();
    // The launcher filter.
    f.keys("/");
    paste(&mut f, "wat");
    assert_eq!(f.app.launcher.filter.text(), "wat");
    f.keys("<Enter>");
    assert_eq!(f.app.focused().map(|p| p.spec().id.as_str()), Some("water"));
    f.keys("q");
    // A form field of a list with several fields: one line, at the cursor,
    // with control characters left out.
    f.open("reading");
    f.keys("aDune<Left><Left><Left><Left>");
    paste(&mut f, "The \x1b[31mBook\x07 of\n");
    let form = list(&f).form.as_ref().unwrap();
    assert_eq!(form.fields[0].input.text(), "The [31mBook ofDune");
    // Outside any input a paste does nothing but say so: no key runs.
    f.keys("<Esc>");
    let before = f.export("reading").items.len();
    paste(&mut f, "dddd");
    assert_eq!(f.export("reading").items.len(), before);
    assert!(
        f.screen(80, 24).contains("Nothing here takes a paste"),
        "{}",
        f.screen(80, 24)
    );
}

#[test]
fn a_paste_through_the_terminal_is_text_and_the_mode_is_put_back() {
    use crate::pty::{TIMEOUT, Tui};
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::spawn(home.path(), ["open", "groceries"]).unwrap();
    tui.wait_for("Press a to add", TIMEOUT).unwrap();
    assert!(
        tui.term_state().bracketed_paste,
        "bracketed paste is on while nook runs"
    );
    tui.send("a");
    tui.wait_for("New item", TIMEOUT).unwrap();
    // What a terminal sends for a paste of two lines.
    tui.send_bytes(b"\x1b[200~milk\rdone eggs\r\x1b[201~");
    tui.wait_for("Added 2 items", TIMEOUT).unwrap();
    tui.wait_for("[ ] done eggs", TIMEOUT).unwrap();
    tui.wait_for("[ ] milk", TIMEOUT).unwrap();
    // Opened from the shell: q goes back to the shell.
    tui.send("q");
    assert!(tui.wait_exit(TIMEOUT).unwrap().success());
    let state = tui.term_state();
    assert!(state.restored() && !state.bracketed_paste, "{state:?}");
}

#[test]
fn a_panic_turns_bracketed_paste_off_too() {
    use crate::pty::{TIMEOUT, Tui};
    // The panic trigger exists only in debug builds of nook.
    if !cfg!(debug_assertions) {
        return;
    }
    let home = tempfile::tempdir().unwrap();
    let mut tui = Tui::builder(home.path())
        .args(["open", "groceries"])
        .env("NOOK_TEST_PANIC", "~")
        .start()
        .unwrap();
    tui.wait_for("q quit", TIMEOUT).unwrap();
    assert!(tui.term_state().bracketed_paste);
    tui.send("~");
    let status = tui.wait_exit(TIMEOUT).unwrap();
    assert!(!status.success());
    let state = tui.term_state();
    assert!(state.restored() && !state.bracketed_paste, "{state:?}");
}
