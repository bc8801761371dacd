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

mod never_panics {
    use super::*;
    use proptest::prelude::*;

    /// Words the rules look at, so random sentences reach them.
    const WORDS: &[&str] = &[
        "a",
        "with",
        ":",
        ",",
        "(",
        ")",
        "and",
        "until",
        "for",
        "in",
        "on",
        "at",
        "most",
        "no",
        "more",
        "than",
        "times",
        "a",
        "day",
        "week",
        "month",
        "year",
        "every",
        "daily",
        "3",
        "0",
        "100000",
        "1.5",
        "20",
        "km",
        "minutes",
        "seconds",
        "rounds",
        "x8",
        "8x",
        "half",
        "an",
        "hour",
        "timer",
        "countdown",
        "pomodoro",
        "50/10",
        "habits",
        "chores",
        "list",
        "board",
        "table",
        "status",
        "rating",
        "out",
        "of",
        "10",
        "price",
        "€",
        "$",
        "yes/no",
        "?",
        "date",
        "time",
        "tags",
        "link",
        "march",
        "may",
        "15th",
        "2027-02-30",
        "monday",
        "friday",
        "weekdays",
        "called",
        "\"",
        "how",
        "many",
        "of",
        "water",
        "glasses",
        "quit",
        "long",
        "break",
        "end",
        "the",
        "next",
        "christmas",
        "two",
        "weeks",
        "/",
        "a/b/c",
        "💧",
        "\u{0}",
        "\n",
    ];

    proptest! {
        #![proptest_config(ProptestConfig { cases: 400, ..ProptestConfig::default() })]
        #[test]
        fn any_sentence_gives_a_spec_that_parses_or_a_refusal(picks in proptest::collection::vec(0..WORDS.len(), 0..16), noise in ".{0,12}") {
            let mut sentence: Vec<&str> = picks.iter().map(|&i| WORDS[i]).collect();
            sentence.push(&noise);
            let sentence = sentence.join(" ");
            if let Ok(d) = describe(&sentence, today(), &[]) {
                prop_assert!(crate::spec::parse_str("x.ron", &d.text).is_ok(), "{sentence:?}\n{}", d.text);
            }
        }
    }
}
