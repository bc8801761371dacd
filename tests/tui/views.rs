//! Views that tell the truth: sorts, numbers, the fields a row shows,
//! tracker periods and charts, drawn as a user sees them.

use crate::common::fixture;

use fixture::seeded;
use nook::app::Panel;

/// The titles of a list panel's rows, in the order drawn.
fn titles(f: &fixture::Fixture) -> Vec<String> {
    let Some(Panel::List(l)) = f.app.focused() else {
        panic!("not a list")
    };
    l.order
        .iter()
        .map(|&i| l.items[i].values["title"].display())
        .collect()
}

/// Presses `s` until the status line names `label`.
fn sort_by(f: &mut fixture::Fixture, label: &str) {
    for _ in 0..20 {
        if f.screen(100, 30)
            .lines()
            .nth(2)
            .is_some_and(|l| l.contains(label))
        {
            return;
        }
        f.keys("s");
    }
    panic!("no sort named {label:?}:\n{}", f.screen(100, 30));
}

#[test]
fn a_descending_sort_puts_empty_values_last_and_says_its_direction() {
    let mut f = seeded();
    f.open("reading");
    f.keys("v");
    sort_by(&mut f, "by rating, highest first");
    // Dune 5, The Dispossessed 4, then the two unrated books (by age).
    assert_eq!(
        titles(&f),
        ["Dune", "The Dispossessed", "Piranesi", "Middlemarch"]
    );
    sort_by(&mut f, "by pages, highest first");
    assert_eq!(
        titles(&f),
        ["Middlemarch", "Dune", "The Dispossessed", "Piranesi"]
    );
    sort_by(&mut f, "by title, A to Z");
    assert_eq!(titles(&f)[0], "Dune");
}

#[test]
fn the_spec_sort_label_names_its_keys_and_directions() {
    let mut f = seeded();
    f.open("reading");
    f.keys("v");
    let screen = f.screen(100, 30);
    assert!(
        screen.contains("as in spec: status, rating highest first"),
        "{screen}"
    );
}

#[test]
fn money_has_its_sign_before_the_symbol_and_groups_thousands() {
    let mut f = fixture::empty();
    f.open("expenses");
    f.keys("arent<Tab>1234.5<Enter>");
    f.keys("arefund<Tab>-5<Enter>");
    let screen = f.screen(100, 30);
    assert!(screen.contains("€1,234.50"), "{screen}");
    assert!(screen.contains("-€5.00"), "{screen}");
    assert!(!screen.contains("€-"), "{screen}");
    // The footer's sum too.
    assert!(screen.contains("€1,229.50"), "{screen}");
}
