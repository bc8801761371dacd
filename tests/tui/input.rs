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
    f.keys("<Esc>n<Enter>Tea log<Left><Left><Left>");
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
