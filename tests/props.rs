//! Property tests (proptest): no input makes nook panic, hang or overflow
//! the stack. Over the spec parser and validator, stored-record decoding,
//! the command line's value parsing (through the real binary), and import
//! files. Case counts are modest so `cargo test` stays quick; set
//! PROPTEST_CASES to run more (scripts/crash-soak.sh does).

mod common;

use nook::model::Now;
use nook::spec::{Kind, Spec};
use nook::store::Store;
use nook::store::codec::decode;
use nook::store::export::{self, Export};
use proptest::prelude::*;
use serde_json::Value;

fn cases(n: u32) -> ProptestConfig {
    let n = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(n);
    ProptestConfig {
        cases: n,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

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
                export::Options { replace: true, from_other_app: true },
            ]
            .into_iter()
            .find(|o| export::check(&parsed, &spec, *o).is_ok());
            let Some(opts) = opts else { continue };
            let now = Now::system();
            let _ = store.write(&spec, now, |tx| export::import(tx, &parsed, opts));
            let (summary, items) = store
                .read(|r| Ok((r.summary(&spec.id)?, r.items(&spec.id, 0, usize::MAX)?)))
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
