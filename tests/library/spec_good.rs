//! Specs that must parse, with the values they must parse to. The first rows
//! are the examples of the design note (SPEC-LANGUAGE.md), exactly as written
//! there; every row is checked as written and with its `//` comments removed.

use nook::model::FieldValue;
use nook::spec::{
    Field, FieldDefault, FieldType, Goal, Kind, ListSpec, Period, Phase, SortKey, Spec, Summary, TimerSpec,
    TrackerSpec, View,
};

struct Good {
    /// The file the text is read as: its stem is the default id.
    path: &'static str,
    text: &'static str,
    check: fn(&Spec),
}

fn list(s: &Spec) -> &ListSpec {
    match &s.kind {
        Kind::List(l) => l,
        other => panic!("expected a list, got {other:?}"),
    }
}

fn timer(s: &Spec) -> &TimerSpec {
    match &s.kind {
        Kind::Timer(t) => t,
        other => panic!("expected a timer, got {other:?}"),
    }
}

fn tracker(s: &Spec) -> &TrackerSpec {
    match &s.kind {
        Kind::Tracker(t) => t,
        other => panic!("expected a tracker, got {other:?}"),
    }
}

fn field<'a>(s: &'a Spec, name: &str) -> &'a Field {
    list(s)
        .fields
        .get(name)
        .unwrap_or_else(|| panic!("no field {name:?}"))
}

fn goal(period: Period, target: f64) -> Option<Goal> {
    Some(Goal { period, target })
}

fn phase(name: &str, length: u64) -> Phase {
    Phase {
        name: name.into(),
        length,
    }
}

fn sort(field: &str, descending: bool) -> SortKey {
    SortKey {
        field: field.into(),
        descending,
    }
}

fn text(s: &str) -> Option<FieldDefault> {
    Some(FieldDefault::Value(FieldValue::Text(s.into())))
}

fn number(n: f64) -> Option<FieldDefault> {
    Some(FieldDefault::Value(FieldValue::Number(n)))
}

/// Removes `//` comments (outside of quoted text), keeping line breaks.
fn strip_line_comments(src: &str) -> String {
    src.lines()
        .map(|line| {
            let mut in_text = false;
            let mut prev = '\0';
            let mut cut = line.len();
            for (i, c) in line.char_indices() {
                if c == '"' && prev != '\\' {
                    in_text = !in_text;
                }
                if !in_text && c == '/' && prev == '/' {
                    cut = i - 1;
                    break;
                }
                prev = c;
            }
            line[..cut].trim_end()
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn parse(path: &str, text: &str) -> Spec {
    nook::spec::parse_str(path, text).unwrap_or_else(|e| panic!("{path} must parse:\n{text}\n---\n{e}"))
}

const GOOD: &[Good] = &[
    // ---- SPEC-LANGUAGE.md, List ----
    Good {
        path: "apps/groceries.ron",
        text: r#"List(name: "Groceries")"#,
        check: |s| {
            assert_eq!(s.name, "Groceries");
            assert_eq!(s.id, "groceries");
            assert_eq!(s.kind.word(), "list");
            let l = list(s);
            assert!(l.fields.is_empty());
            assert_eq!(l.view, View::Checklist);
            assert!(l.sort.is_empty() && l.summary.is_empty());
            assert_eq!((s.icon.as_deref(), s.expires, s.tags.len()), (None, None, 0));
        },
    },
    Good {
        path: "apps/reading.ron",
        text: r#"List(
    name: "Reading list",
    icon: "📚",
    fields: {
        "title":    Text(required: true),
        "author":   Text(),
        "status":   Choice(options: ["to read", "reading", "done"], default: "to read"),
        "pages":    Number(min: 1),
        "rating":   Rating(max: 5),
        "finished": Date(),
        "owned":    Bool,
    },
    view: Board(by: "status"),          // Checklist (default) | Table(columns: [...]) | Board(by: CHOICE_FIELD)
    sort: ["status", "-rating"],        // "-" sorts descending
    summary: [Count, Sum("pages"), Avg("rating")],
)"#,
        check: |s| {
            assert_eq!((s.id.as_str(), s.name.as_str()), ("reading", "Reading list"));
            assert_eq!(s.icon.as_deref(), Some("📚"));
            let l = list(s);
            let names: Vec<&str> = l.fields.keys().map(String::as_str).collect();
            assert_eq!(
                names,
                [
                    "title", "author", "status", "pages", "rating", "finished", "owned"
                ]
            );
            assert_eq!(field(s, "title").ty, FieldType::Text);
            assert!(field(s, "title").required);
            assert!(!field(s, "author").required);
            assert_eq!(
                field(s, "status").ty,
                FieldType::Choice {
                    options: vec!["to read".into(), "reading".into(), "done".into()]
                }
            );
            assert_eq!(field(s, "status").default, text("to read"));
            assert_eq!(
                field(s, "pages").ty,
                FieldType::Number {
                    min: Some(1.0),
                    max: None,
                    decimals: None,
                    unit: None
                }
            );
            assert_eq!(field(s, "rating").ty, FieldType::Rating { max: 5 });
            assert_eq!(field(s, "finished").ty, FieldType::Date);
            assert_eq!(field(s, "owned").ty, FieldType::Bool);
            assert_eq!(field(s, "owned").default, None);
            assert_eq!(l.view, View::Board { by: "status".into() });
            assert_eq!(l.sort, [sort("status", false), sort("rating", true)]);
            assert_eq!(
                l.summary,
                [
                    Summary::Count,
                    Summary::Sum("pages".into()),
                    Summary::Avg("rating".into())
                ]
            );
        },
    },
    // ---- SPEC-LANGUAGE.md, Timer: each line on its own ----
    Good {
        path: "apps/stopwatch.ron",
        text: r#"Timer(name: "Stopwatch")                                  // no phases: a stopwatch with laps"#,
        check: |s| {
            assert_eq!((s.id.as_str(), s.kind.word()), ("stopwatch", "timer"));
            let t = timer(s);
            assert!(t.phases.is_empty());
            assert_eq!((t.rounds, t.long_break, t.goal), (1, None, None));
        },
    },
    Good {
        path: "apps/tea.ron",
        text: r#"Timer(name: "Tea", phases: [(name: "Steep", length: "4m")]) // one phase: a countdown"#,
        check: |s| {
            assert_eq!(s.name, "Tea");
            assert_eq!(timer(s).phases, [phase("Steep", 240)]);
        },
    },
    Good {
        path: "apps/pomodoro.ron",
        text: r#"Timer(
    name: "Pomodoro",
    icon: "🍅",
    phases: [(name: "Focus", length: "25m"), (name: "Break", length: "5m")],
    rounds: 4,
    long_break: "15m",
    goal: Daily(8),                     // finished focus rounds a day
)"#,
        check: |s| {
            assert_eq!((s.id.as_str(), s.icon.as_deref()), ("pomodoro", Some("🍅")));
            let t = timer(s);
            assert_eq!(t.phases, [phase("Focus", 1500), phase("Break", 300)]);
            assert_eq!(t.rounds, 4);
            assert_eq!(t.long_break, Some(900));
            assert_eq!(t.goal, goal(Period::Daily, 8.0));
        },
    },
    // ---- SPEC-LANGUAGE.md, Tracker: each line on its own ----
    Good {
        path: "apps/stretch.ron",
        text: r#"Tracker(name: "Stretch", goal: Weekly(4))                           // yes/no per day"#,
        check: |s| {
            assert_eq!(s.kind.word(), "tracker");
            let t = tracker(s);
            assert_eq!(t.unit, None);
            assert_eq!(t.goal, goal(Period::Weekly, 4.0));
            assert_eq!((t.limit, t.step), (None, 1.0));
            assert!(t.series.is_empty());
        },
    },
    Good {
        path: "apps/water.ron",
        text: r#"Tracker(name: "Water", icon: "💧", unit: "glasses", goal: Daily(8))  // an amount per day"#,
        check: |s| {
            assert_eq!(s.icon.as_deref(), Some("💧"));
            let t = tracker(s);
            assert_eq!(t.unit.as_deref(), Some("glasses"));
            assert_eq!(t.goal, goal(Period::Daily, 8.0));
        },
    },
    Good {
        path: "apps/coffee.ron",
        text: r#"Tracker(name: "Coffee", unit: "cups", limit: Daily(2))              // a ceiling, not a target"#,
        check: |s| {
            let t = tracker(s);
            assert_eq!(t.unit.as_deref(), Some("cups"));
            assert_eq!((t.goal, t.limit), (None, goal(Period::Daily, 2.0)));
        },
    },
    Good {
        path: "apps/habits.ron",
        text: r#"Tracker(name: "Habits", series: ["Read", "Run", "Meditate"])         // several habits in one grid"#,
        check: |s| {
            assert_eq!(tracker(s).series, ["Read", "Run", "Meditate"]);
            assert_eq!(tracker(s).unit, None);
        },
    },
    // ---- ids ----
    Good {
        path: "apps/My Books.ron",
        text: r#"List(name: "Books")"#,
        check: |s| assert_eq!(s.id, "my-books"),
    },
    Good {
        path: "apps/renamed.ron",
        text: r#"List(name: "Books", id: "books-2026_v1.2")"#,
        check: |s| assert_eq!(s.id, "books-2026_v1.2"),
    },
    // ---- common keys ----
    Good {
        path: "apps/trip.ron",
        text: r#"List(
    name: "Trip",
    description: "Packing for Rome",
    tags: ["travel", "2026"],
    expires: "2026-12-31",
)"#,
        check: |s| {
            assert_eq!(s.description.as_deref(), Some("Packing for Rome"));
            assert_eq!(s.tags, ["travel", "2026"]);
            assert_eq!(s.expires.map(|d| d.to_string()).as_deref(), Some("2026-12-31"));
        },
    },
    // ---- RON forms: Some(...), None, trailing commas, comments, raw strings ----
    Good {
        path: "apps/some.ron",
        text: r#"Tracker(name: Some("Water"), icon: Some("💧"), unit: Some("glasses"), goal: Some(Daily(8)), limit: None)"#,
        check: |s| {
            assert_eq!((s.name.as_str(), s.icon.as_deref()), ("Water", Some("💧")));
            let t = tracker(s);
            assert_eq!(t.goal, goal(Period::Daily, 8.0));
            assert_eq!(t.limit, None);
        },
    },
    Good {
        path: "apps/commas.ron",
        text: "List(name: \"A\", tags: [\"x\", \"y\",], fields: { \"t\": Text(required: true,), },)",
        check: |s| {
            assert_eq!(s.tags, ["x", "y"]);
            assert!(field(s, "t").required);
        },
    },
    Good {
        path: "apps/comments.ron",
        text: "// a comment first\n/* a block /* nested */ comment */\nList( // after the paren\n    name: /* inline */ \"A\", // trailing\n)\n// and one last\n",
        check: |s| assert_eq!(s.name, "A"),
    },
    Good {
        path: "apps/raw.ron",
        text: r####"List(name: r#"He said "hi""#, description: r"C:\path\n", icon: r##"a "# b"##)"####,
        check: |s| {
            assert_eq!(s.name, r#"He said "hi""#);
            assert_eq!(s.description.as_deref(), Some(r"C:\path\n"));
            assert_eq!(s.icon.as_deref(), Some(r##"a "# b"##));
        },
    },
    Good {
        path: "apps/escapes.ron",
        text: r#"List(name: "Tab\tNew\nQuote\"Back\\Smile\u{1F600}")"#,
        check: |s| assert_eq!(s.name, "Tab\tNew\nQuote\"Back\\Smile😀"),
    },
    Good {
        path: "apps/multiline.ron",
        text: "List(name: \"two\nlines\")",
        check: |s| assert_eq!(s.name, "two\nlines"),
    },
    Good {
        path: "apps/attr.ron",
        text: "#![enable(implicit_some)]\nTracker(name: \"W\", unit: \"ml\", goal: Daily(2000))",
        check: |s| assert_eq!(tracker(s).goal, goal(Period::Daily, 2000.0)),
    },
    Good {
        path: "apps/bom.ron",
        text: "\u{feff}List(name: \"With a byte order mark\")",
        check: |s| assert_eq!(s.name, "With a byte order mark"),
    },
    Good {
        path: "apps/crlf.ron",
        text: "List(\r\n    name: \"Windows\",\r\n    tags: [\"a\"],\r\n)\r\n",
        check: |s| assert_eq!((s.name.as_str(), s.tags.len()), ("Windows", 1)),
    },
    Good {
        path: "apps/tabs.ron",
        text: "List(\n\tname:\t\"Tabs\",\n\tfields:\t{\t\"a\":\tBool\t},\n)",
        check: |s| assert_eq!(field(s, "a").ty, FieldType::Bool),
    },
    Good {
        path: "apps/order.ron",
        text: r#"List(summary: [Done], sort: "-created", fields: {}, name: "Keys in any order", view: Checklist)"#,
        check: |s| {
            let l = list(s);
            assert_eq!(l.summary, [Summary::Done]);
            assert_eq!(l.sort, [sort("created", true)]);
        },
    },
    // ---- every field type and its keys ----
    Good {
        path: "apps/types.ron",
        text: r#"List(
    name: "All types",
    fields: {
        "name":    Text(required: true, was: "title"),
        "qty":     Number(min: 0, max: 1_000, decimals: 2, unit: "kg", default: 1.5),
        "price":   Money(currency: "EUR", default: 0),
        "gift":    Bool(default: true),
        "status":  Choice(options: ["open", "closed"], default: "OPEN"),
        "labels":  Tags(options: ["a", "b"], default: ["b"]),
        "free":    Tags,
        "due":     Date(default: Today),
        "on":      Date(default: "2026-01-31"),
        "at":      DateTime(default: Now),
        "since":   DateTime(default: "2026-01-31 09:00"),
        "spent":   Duration(default: "1h30m"),
        "stars":   Rating(max: 10, default: 7),
        "link":    Url(default: "https://example.com"),
    },
    view: Table(columns: ["name", "qty", "status"]),
    summary: [Count, Done, Sum("qty"), Avg("stars"), Min("price"), Max("spent")],
)"#,
        check: |s| {
            assert_eq!(field(s, "name").was.as_deref(), Some("title"));
            assert_eq!(
                field(s, "qty").ty,
                FieldType::Number {
                    min: Some(0.0),
                    max: Some(1000.0),
                    decimals: Some(2),
                    unit: Some("kg".into())
                }
            );
            assert_eq!(field(s, "qty").default, number(1.5));
            assert_eq!(
                field(s, "price").ty,
                FieldType::Money {
                    currency: Some("EUR".into())
                }
            );
            assert_eq!(field(s, "price").default, number(0.0));
            assert_eq!(
                field(s, "gift").default,
                Some(FieldDefault::Value(FieldValue::Bool(true)))
            );
            // A Choice default is matched without regard to case, then stored as the option.
            assert_eq!(field(s, "status").default, text("open"));
            assert_eq!(
                field(s, "labels").default,
                Some(FieldDefault::Value(FieldValue::List(vec!["b".into()])))
            );
            assert_eq!(field(s, "free").ty, FieldType::Tags { options: vec![] });
            assert_eq!(field(s, "due").default, Some(FieldDefault::Today));
            assert_eq!(field(s, "on").default, text("2026-01-31"));
            assert_eq!(field(s, "at").default, Some(FieldDefault::Now));
            assert_eq!(field(s, "since").default, text("2026-01-31 09:00"));
            assert_eq!(field(s, "spent").ty, FieldType::Duration);
            assert_eq!(field(s, "spent").default, number(5400.0));
            assert_eq!(field(s, "stars").ty, FieldType::Rating { max: 10 });
            assert_eq!(field(s, "stars").default, number(7.0));
            assert_eq!(field(s, "link").default, text("https://example.com"));
            let l = list(s);
            assert_eq!(
                l.view,
                View::Table {
                    columns: vec!["name".into(), "qty".into(), "status".into()]
                }
            );
            assert_eq!(l.summary.len(), 6);
        },
    },
    Good {
        path: "apps/table.ron",
        text: r#"List(name: "T", fields: {"a": Text}, view: Table)"#,
        check: |s| assert_eq!(list(s).view, View::Table { columns: vec![] }),
    },
    Good {
        path: "apps/plain.ron",
        text: r#"List(name: "Plain", sort: ["done", "-created", "updated", "text"], summary: [Count, Done])"#,
        check: |s| assert_eq!(list(s).sort.len(), 4),
    },
    // ---- numbers as RON writes them ----
    Good {
        path: "apps/numbers.ron",
        text: r#"List(name: "N", fields: {
    "a": Number(min: -1.5e3, max: +2E2),
    "b": Number(min: .5, max: 5.),
    "c": Number(min: 0x10, max: 0b11111),
})"#,
        check: |s| {
            let range = |name| match &field(s, name).ty {
                FieldType::Number { min, max, .. } => (*min, *max),
                other => panic!("{other:?}"),
            };
            assert_eq!(range("a"), (Some(-1500.0), Some(200.0)));
            assert_eq!(range("b"), (Some(0.5), Some(5.0)));
            assert_eq!(range("c"), (Some(16.0), Some(31.0)));
        },
    },
    // ---- timers ----
    Good {
        path: "apps/durations.ron",
        text: r#"Timer(name: "D", phases: [
    (name: "Long", length: "1h30m"),
    (name: "Short", length: "90s"),
    (length: "1h 5m 3s"),
    Phase(name: "Named struct", length: "2h"),
], goal: Weekly(20))"#,
        check: |s| {
            let t = timer(s);
            assert_eq!(
                t.phases,
                [
                    phase("Long", 5400),
                    phase("Short", 90),
                    phase("Phase 3", 3903),
                    phase("Named struct", 7200)
                ]
            );
            assert_eq!(t.goal, goal(Period::Weekly, 20.0));
        },
    },
    Good {
        path: "apps/cycle.ron",
        text: r#"Timer(name: "C", phases: [(name: "On", length: "1m")], rounds: 100)"#,
        check: |s| assert_eq!(timer(s).rounds, 100),
    },
    // ---- RON's text forms ----
    Good {
        path: "apps/escapes.ron",
        text: "#![enable(implicit_some)]\nList(name: \"Caf\\xC3\\xA9 \\x41\", description: \"one, \\\n        two\")",
        check: |s| {
            assert_eq!(s.name, "Café A");
            assert_eq!(s.description.as_deref(), Some("one, two"));
        },
    },
    Good {
        path: "apps/bases.ron",
        text: "Tracker(name: \"B\", unit: \"u\", goal: Daily(0x1_F), step: 0b1)",
        check: |s| assert_eq!(tracker(s).goal, goal(Period::Daily, 31.0)),
    },
    // ---- trackers ----
    Good {
        path: "apps/run.ron",
        text: r#"Tracker(name: "Run", unit: "km", step: 0.5, goal: Monthly(100.5))"#,
        check: |s| {
            let t = tracker(s);
            assert_eq!(t.step, 0.5);
            assert_eq!(t.goal, goal(Period::Monthly, 100.5));
        },
    },
    Good {
        path: "apps/every-day.ron",
        text: r#"Tracker(name: "Every day", goal: Monthly(31))"#,
        check: |s| assert_eq!(tracker(s).goal, goal(Period::Monthly, 31.0)),
    },
    Good {
        path: "apps/sober.ron",
        text: r#"Tracker(name: "No sweets", unit: "sweets", limit: Weekly(0))"#,
        check: |s| assert_eq!(tracker(s).limit, goal(Period::Weekly, 0.0)),
    },
    Good {
        path: "apps/daily-habit.ron",
        text: r#"Tracker(name: "Floss", goal: Daily(1), series: ["Morning", "Evening"])"#,
        check: |s| assert_eq!(tracker(s).series_names(), ["Morning", "Evening"]),
    },
];

#[test]
fn good_specs_parse_to_the_expected_values() {
    for g in GOOD {
        (g.check)(&parse(g.path, g.text));
    }
}

#[test]
fn good_specs_parse_the_same_without_comments() {
    for g in GOOD {
        let stripped = strip_line_comments(g.text);
        let (with, without) = (parse(g.path, g.text), parse(g.path, &stripped));
        assert_eq!(with, without, "{}", g.path);
    }
}
