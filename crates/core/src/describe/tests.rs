use super::*;

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn spec(sentence: &str) -> (Described, crate::spec::Spec) {
    let d = describe(sentence, today(), &[]).unwrap_or_else(|e| panic!("{sentence}: {e}"));
    let s =
        crate::spec::parse_str("x.ron", &d.text).unwrap_or_else(|e| panic!("{sentence}: {e:?}\n{}", d.text));
    (d, s)
}

#[test]
fn the_issue_examples() {
    for s in [
        "log my runs in km, 20 km a week",
        "quit sugar: at most 1 dessert a day",
        "yoga 3 times a week",
        "habits: journal, walk, no phone after 10",
        "interval timer: 40 seconds work, 20 seconds rest, 8 rounds",
        "a countdown of 7 minutes for eggs",
        "a packing list for the trip in May",
        "books with title, author, status (to read, reading, done), rating out of 10, price in €",
    ] {
        let (d, _) = spec(s);
        assert!(d.ignored.is_empty(), "{s}: {:?}", d.ignored);
        assert!(d.simplified.is_none(), "{s}");
    }
}

#[test]
fn ignored_words_are_reported() {
    let (d, _) = spec("yoga 3 times a week in green");
    assert_eq!(d.ignored, vec!["in green".to_string()]);
    assert_eq!(d.summary, "tracker Yoga: yes/no, goal 3 days a week");
}

#[test]
fn nonsense_is_refused() {
    assert!(describe("asdf qwerty", today(), &[]).is_err());
    assert!(describe("   ", today(), &[]).is_err());
}

#[test]
fn ids_and_names_do_not_clash() {
    let existing = [Existing {
        id: "water".into(),
        name: "Water".into(),
    }];
    let d = describe("8 glasses of water a day", today(), &existing).unwrap();
    assert_eq!(d.name, "Water 2");
    assert_eq!(d.id, "water-2");
}

#[test]
fn hostile_text_stays_inside_its_quotes() {
    let (d, s) = spec("a list called \"x\\\"), Tracker(\" with title\n// evil");
    assert!(d.text.lines().next().unwrap().starts_with("// Made by"));
    assert!(!d.text.lines().any(|l| l.starts_with("// evil")), "{}", d.text);
    assert_eq!(s.kind.tag(), KindTag::List);
}
