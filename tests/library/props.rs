//! Property tests (proptest): no input makes nook panic, hang or overflow
//! the stack. Over the spec parser and validator, stored-record decoding,
//! the command line's value parsing (through the real binary), and import
//! files. Case counts are modest so `cargo test` stays quick; set
//! PROPTEST_CASES to run more (scripts/crash-soak.sh does).

use crate::common;
use crate::common::fixture;

use common::cases;

use nook::model::Now;
use nook::spec::{Kind, Spec};
use nook::store::Store;
use nook::store::codec::decode;
use nook::store::export::{self, Export};
use proptest::prelude::*;
use serde_json::Value;

/// For the slower properties: PROPTEST_CASES divided by `div`, at least `n`.
fn scaled(n: u32, div: u32) -> ProptestConfig {
    let mut c = cases(n);
    if std::env::var_os("PROPTEST_CASES").is_some() {
        c.cases = (c.cases / div).max(n);
    }
    c
}

fn bundled(id: &str) -> Spec {
    let (file, text) = nook::bundled::APPS
        .iter()
        .find(|(f, _)| f.trim_end_matches(".ron") == id)
        .unwrap_or_else(|| panic!("no bundled app {id}"));
    nook::spec::parse_str(file, text).unwrap()
}

/// Pieces of RON, spec keys and awkward values, glued at random.
fn ron_token() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("List(".to_string()),
        Just("Timer(".to_string()),
        Just("Tracker(".to_string()),
        Just(")".to_string()),
        Just("(".to_string()),
        Just("[".to_string()),
        Just("]".to_string()),
        Just("{".to_string()),
        Just("}".to_string()),
        Just(":".to_string()),
        Just(",".to_string()),
        Just(" ".to_string()),
        Just("\n".to_string()),
        Just("//".to_string()),
        Just("/*".to_string()),
        Just("*/".to_string()),
        Just("r#\"".to_string()),
        Just("\"#".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("\\".to_string()),
        prop::sample::select(vec![
            "name", "id", "icon", "fields", "view", "sort", "summary", "goal", "unit", "step", "phases",
            "series", "Text", "Number", "Money", "Bool", "Choice", "Tags", "Date", "DateTime", "Duration",
            "Rating", "options", "min", "max", "default", "required", "Daily", "Weekly", "Board", "by",
            "Some", "None", "true", "false", "Count", "Sum", "Avg", "limit", "kind", "decimals",
        ])
        .prop_map(String::from),
        prop::sample::select(vec![
            "\"x\"",
            "\"../..\"",
            "\"a/b\"",
            "\"..\"",
            "\"\"",
            "\"\\u{0}\"",
            "\"\\u{10FFFF}\"",
            "1e999",
            "-1e999",
            "NaN",
            "inf",
            "-0",
            "0x7fffffffffffffff",
            "18446744073709551616",
            "-9223372036854775809",
            "1.5e-400",
            "\"25m\"",
            "\"99999999999h\"",
            "\"1x\"",
            "🦀",
            "\u{202e}",
            "\u{feff}",
        ])
        .prop_map(String::from),
        "[a-z]{1,8}",
        any::<i64>().prop_map(|n| n.to_string()),
        any::<f64>().prop_map(|n| n.to_string()),
        "\\PC{0,8}".prop_map(|s| format!("{s:?}")),
    ]
}

fn ron_soup() -> impl Strategy<Value = String> {
    prop::collection::vec(ron_token(), 0..120).prop_map(|t| t.concat())
}

/// Any JSON value, a few levels deep.
fn json() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        any::<f64>().prop_map(|f| serde_json::Number::from_f64(f).map_or(Value::Null, Value::Number)),
        "\\PC{0,12}".prop_map(Value::from),
        Just(Value::from("2026-02-30")),
        Just(Value::from("2026-11-25")),
        Just(Value::from("25m")),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            prop::collection::btree_map("[a-z_]{0,8}", inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(cases(512))]

    #[test]
    fn spec_parser_survives_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048)) {
        let _ = nook::spec::load("app", &bytes);
    }

    #[test]
    fn spec_parser_survives_ron_soup(text in ron_soup()) {
        if let Ok(spec) = nook::spec::parse_str("soup.ron", &text) {
            // Whatever it accepts has an id that cannot name another path.
            prop_assert!(nook::spec::slug::check(&spec.id).is_ok(), "{:?}", spec.id);
        }
    }

    #[test]
    fn spec_parser_survives_deep_mixed_nesting(open in prop::collection::vec(prop::sample::select(vec!["(", "[", "{", "Some(", "List(", "a:("]), 0..400), close in any::<bool>()) {
        let mut text = open.concat();
        if close {
            text.push_str(&")".repeat(open.len()));
        }
        let _ = nook::spec::parse_str("deep.ron", &text);
    }

    #[test]
    fn config_parser_survives_ron_soup(text in ron_soup()) {
        let _ = nook::config::parse("config.ron", &text);
    }

    #[test]
    fn durations_parse_or_refuse(text in prop_oneof!["\\PC{0,16}", "[0-9]{1,25}[hms ]{0,3}[0-9]{0,25}[hms]?"]) {
        let _ = nook::spec::duration::parse(&text);
    }
}

proptest! {
    #![proptest_config(cases(256))]

    #[test]
    fn records_decode_or_report(bytes in prop::collection::vec(any::<u8>(), 0..512)) {
        let _ = decode::<nook::model::Item>("item", &bytes);
        let _ = decode::<nook::store::AppSummary>("summary", &bytes);
        let _ = decode::<nook::store::LogEntry>("op", &bytes);
        let _ = decode::<nook::model::timer::TimerState>("timer", &bytes);
        let _ = decode::<nook::model::timer::Session>("session", &bytes);
    }

    #[test]
    fn json_records_decode_or_report(v in json()) {
        let mut bytes = vec![1u8];
        bytes.extend(serde_json::to_vec(&v).unwrap());
        let _ = decode::<nook::model::Item>("item", &bytes);
        let _ = decode::<nook::store::AppSummary>("summary", &bytes);
        let _ = decode::<nook::store::LogEntry>("op", &bytes);
        let _ = decode::<nook::model::timer::TimerState>("timer", &bytes);
    }

    #[test]
    fn field_values_parse_or_refuse(raw in prop_oneof!["\\PC{0,24}", "-?[0-9]{0,30}(\\.[0-9]{0,30})?(e-?[0-9]{1,4})?", "[0-9]{4}-[0-9]{2}-[0-9]{2}( [0-9]{2}:[0-9]{2})?"]) {
        let reading = bundled("reading");
        let expenses = bundled("expenses");
        let today = Some(chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap());
        for spec in [&reading, &expenses] {
            let Kind::List(list) = &spec.kind else { panic!() };
            for field in list.fields.values() {
                if let Ok(v) = nook::model::input::parse_value(&field.ty, &raw, today, Default::default()) {
                    // What parsing accepts, checking accepts.
                    prop_assert!(nook::model::input::check_value(&field.ty, v).is_ok(), "{raw:?}");
                }
            }
        }
    }

    #[test]
    fn field_args_parse_or_refuse(args in prop::collection::vec(prop_oneof!["\\PC{0,12}", "(title|pages|rating|status|finished|owned|x)=\\PC{0,12}"], 0..6)) {
        let Kind::List(list) = &bundled("reading").kind else { panic!() };
        let now = chrono::NaiveDate::from_ymd_opt(2026, 11, 25).unwrap().and_hms_opt(12, 0, 0).unwrap();
        let _ = nook::model::input::values_from_args(list, &args, now);
    }

    #[test]
    fn command_lines_parse_or_refuse(args in prop::collection::vec(prop_oneof![
        "\\PC{0,10}",
        prop::sample::select(vec!["add", "log", "timer", "export", "import", "new", "check", "ls", "open", "doctor",
            "--date", "--set", "--series", "--format", "--kind", "--json", "--home", "--", "-1", "start", "csv"]).prop_map(String::from),
    ], 0..6)) {
        use clap::Parser as _;
        let _ = nook::cli::Cli::try_parse_from(std::iter::once("nook".to_string()).chain(args));
    }
}

/// An export document shaped like the real one, with awkward values.
fn export_doc() -> impl Strategy<Value = Value> {
    let scalar = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        (-1e12f64..1e12).prop_map(Value::from),
        "\\PC{0,10}".prop_map(Value::from),
        Just(Value::from("2026-11-25")),
        Just(Value::from("0000-01-01")),
        Just(Value::from("to read")),
    ];
    let item = (
        prop_oneof![any::<u64>().prop_map(Value::from), (0u64..20).prop_map(Value::from), scalar.clone()],
        scalar.clone(),
        any::<bool>(),
        any::<i64>(),
        prop::collection::btree_map(
            prop::sample::select(vec!["title", "author", "status", "pages", "rating", "finished", "owned", "x"]),
            prop_oneof![scalar.clone(), prop::collection::vec(scalar.clone(), 0..3).prop_map(Value::Array)],
            0..7,
        ),
    )
        .prop_map(|(id, text, done, ts, values)| {
            serde_json::json!({"id": id, "text": text, "done": done, "created": ts, "updated": ts,
                "values": values.into_iter().map(|(k, v)| (k.to_string(), v)).collect::<serde_json::Map<_, _>>()})
        });
    let entry = (
        prop::sample::select(vec!["", "Run", "x"]),
        prop_oneof![Just(Value::from("2026-11-25")), Just(Value::from("1900-01-01")), Just(Value::from("9999-12-31")), scalar.clone()],
        prop_oneof![(-1e9f64..1e9).prop_map(Value::from), scalar.clone()],
        any::<i64>(),
    )
        .prop_map(|(series, date, value, updated)| serde_json::json!({"series": series, "date": date, "value": value, "updated": updated}));
    (
        prop::sample::select(vec!["reading", "water", "x"]),
        prop::sample::select(vec!["list", "tracker", "timer"]),
        prop::collection::vec(item, 0..6),
        prop::collection::vec(entry, 0..6),
        prop_oneof![Just(1u32), any::<u32>()],
    )
        .prop_map(|(id, kind, items, entries, format)| {
            serde_json::json!({"nook_export": format, "app": {"id": id, "name": id, "kind": kind},
                "items": items, "entries": entries})
        })
}

proptest! {
    #![proptest_config(scaled(64, 4))]

    /// An import file is refused with a message, or imported; either way
    /// the database still reads, and its summary agrees with its rows.
    #[test]
    fn import_files_import_or_refuse(doc in prop_oneof![4 => export_doc(), 1 => json()]) {
        let dir = tempfile::tempdir().unwrap();
        let store = Store::open(&dir.path().join("nook.redb")).unwrap();
        let text = serde_json::to_string(&doc).unwrap();
        for id in ["reading", "water"] {
            let spec = bundled(id);
            let Ok(parsed) = serde_json::from_str::<Export>(&text) else { continue };
            // As given, or (when refused) with every option.
            let opts = [
                export::Options::default(),
                export::Options { replace: true, from_other_app: true, renumber: true },
            ]
            .into_iter()
            .find(|o| export::check(&parsed, &spec, *o).is_ok());
            let Some(opts) = opts else { continue };
            let now = Now::system().unwrap();
            let _ = store.write(&spec, now, |tx| export::import(tx, &parsed, opts));
            let (summary, items) = store
                .read(|r| Ok((r.summary(&spec.id)?, r.items(&spec.id, nook::model::item_id::ItemId(0), usize::MAX)?)))
                .expect("the database reads after an import");
            prop_assert_eq!(summary.items, items.len() as u64);
            store.read(|r| export::export(r, &spec)).expect("exports after an import");
        }
    }
}

/// The import command end to end on hostile files: a clear message and
/// exit 1, or success; never a panic.
#[test]
fn import_command_refuses_hostile_files_clearly() {
    let home = common::Home::installed();
    let cases: Vec<(&str, Vec<u8>)> = vec![
        ("empty", vec![]),
        ("bytes", (0..4096u32).map(|i| (i * 7919 % 251) as u8).collect()),
        (
            "invalid utf-8",
            b"{\"nook_export\": 1, \"app\": \xff\xfe}".to_vec(),
        ),
        (
            "deep",
            format!("{}{}", "[".repeat(100_000), "]".repeat(100_000)).into_bytes(),
        ),
        (
            "huge string",
            format!("{{\"nook_export\": 1, \"x\": \"{}\"}}", "a".repeat(5 << 20)).into_bytes(),
        ),
        (
            "other app",
            br#"{"nook_export":1,"app":{"id":"water","name":"Water","kind":"tracker"}}"#.to_vec(),
        ),
        (
            "newer",
            br#"{"nook_export":99,"app":{"id":"reading","name":"R","kind":"list"}}"#.to_vec(),
        ),
    ];
    for (what, bytes) in cases {
        let file = home.path().join("in.json");
        std::fs::write(&file, &bytes).unwrap();
        let out = home.nook(["import", "reading"]).arg(&file).output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!err.contains("panicked"), "{what}: {err}");
        assert_eq!(out.status.code(), Some(1), "{what}: {err}");
        assert!(
            err.contains("in.json"),
            "{what}: the message names the file: {err}"
        );
    }
    assert!(home.items("reading").is_empty());
}

/// Arbitrary values through the real binary: `nook add` on a typed list,
/// `nook log` with any amount and date. Exit 0 or 1 with a message.
#[test]
fn cli_values_through_the_binary_succeed_or_refuse() {
    let home = common::Home::installed();
    let value = || {
        prop_oneof![
            "\\PC{0,12}",
            "-?[0-9]{0,25}(\\.[0-9]{0,20})?(e[0-9]{1,4})?",
            "[0-9]{1,6}-[0-9]{1,3}-[0-9]{1,3}"
        ]
    };
    let strategy = (
        prop::collection::vec(
            (
                prop::sample::select(vec![
                    "title", "pages", "rating", "status", "finished", "owned", "nope",
                ]),
                value(),
            ),
            1..4,
        ),
        value(),
        value(),
    );
    let mut runner = proptest::test_runner::TestRunner::new(scaled(24, 10));
    runner
        .run(&strategy, |(pairs, amount, date)| {
            let mut args = vec!["add".to_string(), "reading".to_string()];
            args.extend(pairs.iter().map(|(k, v)| format!("{k}={v}")));
            for args in [
                args,
                vec!["log".into(), "water".into(), "--".into(), amount.clone()],
                vec![
                    "log".into(),
                    "water".into(),
                    "1".into(),
                    "--date".into(),
                    date.clone(),
                ],
            ] {
                let out = home.nook(&args).output().unwrap();
                let err = String::from_utf8_lossy(&out.stderr);
                prop_assert!(!err.contains("panicked"), "{args:?}: {err}");
                let code = out.status.code();
                prop_assert!(matches!(code, Some(0..=2)), "{args:?}: {code:?} {err}");
                if code != Some(0) {
                    prop_assert!(
                        err.starts_with("nook: ") || err.starts_with("error:"),
                        "{args:?}: {err}"
                    );
                }
            }
            Ok(())
        })
        .unwrap();
    // The database is still whole.
    assert!(home.ok(["doctor"]).contains(": ok"));
}

// ------------------------------------------------ every accepted spec draws

/// Text for a name, unit, phase, series, option or field name: plain words,
/// and the awkward ones (65,536 characters, escape sequences, wide and
/// combining characters, right-to-left marks).
fn spec_text() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-zA-Z][a-zA-Z ]{0,11}",
        1 => Just("A".repeat(65_536)),
        1 => Just("\u{1b}]52;c;aGk=\u{7}\u{1b}]0;title\u{7}\u{1b}[2J".to_string()),
        1 => Just("界".repeat(40)),
        1 => Just("e\u{301}\u{301}\u{301}x".to_string()),
        1 => Just("\u{202e}lrt\u{200b}".to_string()),
        1 => Just("tab\there\r\nline".to_string()),
        1 => "\\PC{1,16}",
    ]
}

/// A number as a spec writes it, with the edges: zero, negative zero, a
/// literal that rounds to zero, the smallest subnormal, the largest double.
fn spec_number() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(vec![
            "0", "-0", "1e-400", "5e-324", "1e-300", "1e308", "1.7976931348623157e308", "0.5", "8", "-1",
            "1_000", "2.5",
        ])
        .prop_map(String::from),
        1 => (0u32..200).prop_map(|n| n.to_string()),
    ]
}

/// A RON string literal holding `s` exactly.
fn ron_string(s: &str) -> String {
    let mut out = String::from("\"");
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn field_type(opts: (String, String), n: (String, String), pick: u8) -> String {
    let (a, b) = (ron_string(&opts.0), ron_string(&opts.1));
    let (lo, hi) = n;
    match pick % 16 {
        0 => "Text".into(),
        1 => "Text(required: true)".into(),
        2 => format!("Number(min: {lo}, decimals: 6, unit: {a})"),
        3 => format!("Number(max: {hi}, default: {hi})"),
        4 => format!("Money(currency: {a})"),
        5 => "Money(currency: \"EUR\")".into(),
        6 => "Bool(default: true)".into(),
        7 => format!("Choice(options: [{a}, {b}], default: {a})"),
        8 => format!("Tags(options: [{a}, {b}])"),
        9 => "Tags()".into(),
        10 => "Date(default: Today)".into(),
        11 => "DateTime(default: Now)".into(),
        12 => "Duration(default: \"366d\")".into(),
        13 => "Rating(max: 10, default: 10)".into(),
        14 => "Url()".into(),
        _ => format!("Choice(options: [{a}])"),
    }
}

fn list_spec() -> impl Strategy<Value = String> {
    (
        spec_text(),
        prop::collection::vec(
            (
                spec_text(),
                (spec_text(), spec_text()),
                (spec_number(), spec_number()),
                any::<u8>(),
            ),
            0..5,
        ),
        any::<u8>(),
        any::<u8>(),
    )
        .prop_map(|(name, fields, view, summary)| {
            let mut fs = Vec::new();
            for (field, opts, n, pick) in fields {
                fs.push((field, field_type(opts, n, pick)));
            }
            let body: Vec<String> = fs
                .iter()
                .map(|(f, t)| format!("{}: {t}", ron_string(f)))
                .collect();
            let names: Vec<String> = fs.iter().map(|(f, _)| ron_string(f)).collect();
            let choice = fs
                .iter()
                .find(|(_, t)| t.starts_with("Choice"))
                .map(|(f, _)| ron_string(f));
            let number = fs
                .iter()
                .find(|(_, t)| {
                    ["Number", "Money", "Rating", "Duration"]
                        .iter()
                        .any(|k| t.starts_with(k))
                })
                .map(|(f, _)| ron_string(f));
            let view = match (view % 3, &choice) {
                (1, _) if !names.is_empty() => format!("Table(columns: [{}])", names.join(", ")),
                (2, Some(c)) => format!("Board(by: {c})"),
                _ => "Checklist".into(),
            };
            let summary = match (summary % 3, &number) {
                (1, Some(n)) => format!("[Count, Sum({n}), Avg({n}), Min({n}), Max({n})]"),
                (2, _) => "[Done]".into(),
                _ => "[Count]".into(),
            };
            let sort = names.first().map_or(String::new(), |n| format!("sort: [{n}],"));
            format!(
                "List(name: {}, icon: {}, fields: {{ {} }}, view: {view}, summary: {summary}, {sort})",
                ron_string(&name),
                ron_string(&name),
                body.join(", ")
            )
        })
}

fn tracker_spec() -> impl Strategy<Value = String> {
    (
        spec_text(),
        prop::option::of(spec_text()),
        (any::<u8>(), any::<u8>(), spec_number()),
        prop::collection::vec(spec_text(), 0..4),
        prop::sample::select(vec!["1", "0.5", "1e-300", "1e308"]),
    )
        .prop_map(|(name, unit, (which, period, n), series, step)| {
            let period = ["Daily", "Daily", "Weekly", "Monthly"][period as usize % 4];
            let target = match which % 3 {
                0 => format!("goal: {period}({n}),"),
                1 => format!("limit: {period}({n}),"),
                _ => String::new(),
            };
            let unit = unit.map_or(String::new(), |u| {
                format!("unit: {}, step: {step},", ron_string(&u))
            });
            let series: Vec<String> = series.iter().map(|s| ron_string(s)).collect();
            format!(
                "Tracker(name: {}, {unit} {target} series: [{}])",
                ron_string(&name),
                series.join(", ")
            )
        })
}

fn timer_spec() -> impl Strategy<Value = String> {
    (
        spec_text(),
        prop::collection::vec(
            (
                prop::option::of(spec_text()),
                prop::sample::select(vec!["1s", "90s", "25m", "366d", "1h 5m"]),
            ),
            0..4,
        ),
        prop::sample::select(vec![1u32, 2, 4, 100]),
        prop::option::of(prop::sample::select(vec!["1s", "15m", "366d"])),
        prop::option::of(spec_number()),
    )
        .prop_map(|(name, phases, rounds, long_break, goal)| {
            let ph: Vec<String> = phases
                .iter()
                .map(|(n, len)| match n {
                    Some(n) => format!("(name: {}, length: \"{len}\")", ron_string(n)),
                    None => format!("(length: \"{len}\")"),
                })
                .collect();
            let mut s = format!("Timer(name: {}, phases: [{}],", ron_string(&name), ph.join(", "));
            if !phases.is_empty() {
                s.push_str(&format!(" rounds: {rounds},"));
            }
            if let Some(lb) = long_break.filter(|_| phases.len() >= 2) {
                s.push_str(&format!(" long_break: \"{lb}\","));
            }
            if let Some(g) = goal {
                s.push_str(&format!(" goal: Daily({g}),"));
            }
            s.push(')');
            s
        })
}

/// Draws everything an app shows, if the checker accepts `text`: the
/// launcher, the app's panel in each of its views, its add form and help,
/// a day back and a step logged, the editor with its preview, at sizes from
/// 1x1 up, with some data stored. Returns whether the spec was accepted.
fn draws_everything(text: &str, amount: &str) -> bool {
    let Ok(spec) = nook::spec::parse_str("app.ron", text) else {
        return false;
    };
    let dir = tempfile::tempdir().unwrap();
    let home = nook::paths::Home {
        root: dir.path().to_path_buf(),
    };
    std::fs::create_dir_all(home.apps()).unwrap();
    std::fs::write(home.apps().join("app.ron"), text).unwrap();
    let store = Store::open(&home.database().unwrap()).unwrap();
    let now = fixture::now();
    let amount: f64 = amount.replace('_', "").parse().unwrap_or(1.0);
    match &spec.kind {
        Kind::List(l) if l.fields.is_empty() => {
            store
                .write(&spec, now, |tx| {
                    tx.add_item("item".repeat(30), Default::default())
                })
                .unwrap();
        }
        Kind::List(_) => {}
        Kind::Tracker(t) => {
            let series = t.series.first().cloned().unwrap_or_default();
            let today = now.today_number();
            // Today stays empty until `+`: an empty day is drawn too.
            store
                .write(&spec, now, |tx| tx.set_entry(&series, today - 1, amount.abs()))
                .unwrap();
        }
        Kind::Timer(_) => {
            store
                .write(&spec, now, |tx| {
                    tx.timer(nook::model::timer::Action::Start).map(|_| ())
                })
                .unwrap();
        }
    }
    let (mut shell, mut app) = nook::runtime::terminal::start(home, store, now);
    let sizes = [(1, 1), (8, 3), (24, 6), (80, 24), (160, 48)];
    let draw = |app: &nook::app::App| {
        for (w, h) in sizes {
            fixture::render(app, w, h);
        }
    };
    let key = |shell: &mut nook::runtime::Shell, app: &mut nook::app::App, c: nook::app::key::Key| {
        shell.dispatch(app, nook::app::Action::Key(c, now));
    };
    use nook::app::key::{Code, Key};
    draw(&app);
    key(&mut shell, &mut app, Key::plain(Code::Enter));
    assert!(app.focused().is_some(), "the app did not open: {text}");
    draw(&app);
    let steps: &[&[Key]] = &[
        &[Key::ch('v')],
        &[Key::ch('v')],
        &[Key::ch('v')],
        &[Key::ch('a')],
        &[Key::plain(Code::Esc), Key::ch('?')],
        &[Key::plain(Code::Esc), Key::ch('h')],
        &[Key::ch('+')],
        &[Key::ch(' ')],
        &[Key::ch('n')],
    ];
    for keys in steps {
        for k in *keys {
            key(&mut shell, &mut app, *k);
        }
        draw(&app);
    }
    key(&mut shell, &mut app, Key::plain(Code::Esc));
    key(&mut shell, &mut app, Key::plain(Code::Esc));
    key(&mut shell, &mut app, Key::ch('e'));
    draw(&app);
    true
}

/// Every spec the checker accepts draws, whatever its strings and numbers.
/// Run through a `TestRunner` of its own: the `proptest!` macro lets
/// PROPTEST_CASES override the config, so `scaled` would not scale it.
#[test]
fn every_accepted_spec_draws_at_every_size() {
    let mut runner = proptest::test_runner::TestRunner::new(scaled(32, 16));
    let specs = (
        prop_oneof![list_spec(), tracker_spec(), timer_spec()],
        spec_number(),
    );
    let result = runner.run(&specs, |(text, amount)| {
        draws_everything(&text, &amount);
        Ok(())
    });
    if let Err(e) = result {
        panic!("{e}");
    }
}

/// The specs from the report: each is accepted, and each draws.
#[test]
fn specs_that_crashed_the_panels_draw() {
    let long = format!("List(name: \"{}\")", "A".repeat(65_536));
    for text in [
        long.as_str(),
        "Tracker(name: \"Salt\", unit: \"g\", limit: Daily(0))",
        "Tracker(name: \"Salt\", unit: \"g\", limit: Daily(-0))",
        "Tracker(name: \"Salt\", unit: \"g\", limit: Daily(1e-400))",
        "Tracker(name: \"Salt\", unit: \"g\", limit: Weekly(0), series: [\"a\", \"b\"])",
        "Timer(name: \"Tea\", phases: [(name: \"Steep\", length: \"1s\")], rounds: 100)",
    ] {
        assert!(draws_everything(text, "0"), "not accepted: {text}");
    }
}
