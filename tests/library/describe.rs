//! The describe interpreter measured against tests/library/describe_cases.txt:
//! sentences as people write them, each with the app it must make. Every
//! output must parse; the share of cases right must stay above THRESHOLD.

use nook::describe::{Described, describe};
use nook::spec::due::Repeat;
use nook::spec::{FieldType, Kind, Spec, View};

/// The share of cases that must come out right (they all parse, always).
const THRESHOLD: f64 = 0.95;

struct Case {
    line: usize,
    sentence: String,
    expect: Vec<(String, String)>,
}

fn cases() -> Vec<Case> {
    let text = include_str!("describe_cases.txt");
    let mut out: Vec<Case> = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim_end();
        if line.trim().is_empty() || line.trim_start().starts_with('#') {
            continue;
        }
        if let Some(s) = line.strip_prefix("> ") {
            out.push(Case {
                line: n + 1,
                sentence: s.to_string(),
                expect: Vec::new(),
            });
        } else {
            let (k, v) = line
                .trim()
                .split_once(':')
                .unwrap_or_else(|| panic!("line {}: no `key: value`", n + 1));
            let case = out
                .last_mut()
                .unwrap_or_else(|| panic!("line {}: a fact before any sentence", n + 1));
            case.expect.push((k.trim().to_string(), v.trim().to_string()));
        }
    }
    out
}

fn field_word(ty: &FieldType) -> String {
    match ty {
        FieldType::Number { unit: Some(u), .. } => format!("Number({u})"),
        FieldType::Money { currency: Some(c) } => format!("Money({c})"),
        FieldType::Rating { max } => format!("Rating({max})"),
        FieldType::Choice { options } => format!("Choice({})", options.join("/")),
        FieldType::Tags { options } if !options.is_empty() => format!("Tags({})", options.join("/")),
        other => other.word().to_string(),
    }
}

/// The facts of a spec a case can name.
fn fact(spec: &Spec, key: &str) -> String {
    let none = || "none".to_string();
    match (key, &spec.kind) {
        ("kind", k) => k.tag().spec_name().to_string(),
        ("name", _) => spec.name.clone(),
        ("id", _) => spec.id.clone(),
        ("icon", _) => spec.icon.clone().unwrap_or_else(none),
        ("expires", _) => spec.expires.map(|d| d.to_string()).unwrap_or_else(none),
        ("unit", Kind::Tracker(t)) => t.unit.clone().unwrap_or_else(none),
        ("goal", Kind::Tracker(t)) => t.goal.map(|g| g.to_string()).unwrap_or_else(none),
        ("limit", Kind::Tracker(t)) => t.limit.map(|g| g.to_string()).unwrap_or_else(none),
        ("series", Kind::Tracker(t)) => t.series.join(", "),
        ("goal", Kind::Timer(t)) => t.goal.map(|g| g.to_string()).unwrap_or_else(none),
        ("phases", Kind::Timer(t)) => t
            .phases
            .iter()
            .map(|p| format!("{} {}", p.name, nook::spec::duration::format(p.length)))
            .collect::<Vec<_>>()
            .join(", "),
        ("rounds", Kind::Timer(t)) => t.rounds.to_string(),
        ("long_break", Kind::Timer(t)) => t
            .long_break
            .map(nook::spec::duration::format)
            .unwrap_or_else(none),
        ("fields", Kind::List(l)) => l
            .fields
            .iter()
            .map(|(n, f)| format!("{n} {}", field_word(&f.ty)))
            .collect::<Vec<_>>()
            .join(", "),
        ("view", Kind::List(l)) => match &l.view {
            View::Checklist => "Checklist".into(),
            View::Table { .. } => "Table".into(),
            View::Board { by } => format!("Board({by})"),
            View::Calendar { by } => format!("Calendar({by})"),
        },
        ("due", Kind::List(l)) => l.due.as_ref().map(|d| d.field.clone()).unwrap_or_else(none),
        ("repeat", Kind::List(l)) => match l.due.as_ref().and_then(|d| d.repeat.as_ref()) {
            None => none(),
            Some(Repeat::Every { n, unit }) => format!("Every({n}, {unit:?})"),
            Some(Repeat::Monthly { day: None }) => "Monthly".into(),
            Some(r) => format!("{r:?}"),
        },
        (key, k) => format!("<no {key} in a {}>", k.word()),
    }
}

fn today() -> chrono::NaiveDate {
    chrono::NaiveDate::from_ymd_opt(2026, 12, 2).unwrap()
}

fn run(case: &Case) -> Result<(Described, Spec), String> {
    let d = describe(&case.sentence, today(), &[])?;
    let spec =
        nook::spec::parse_str("apps/described.ron", &d.text).map_err(|e| format!("does not parse: {e:?}"))?;
    Ok((d, spec))
}

#[test]
fn every_case_parses_and_most_are_right() {
    let cases = cases();
    assert!(
        cases.len() >= 80,
        "the test set has {} cases; it needs at least 80",
        cases.len()
    );
    let mut right = 0;
    let mut misses = Vec::new();
    // Printed, never asserted: the time per sentence for docs/describe.md.
    let started = std::time::Instant::now();
    for case in &cases {
        let (d, spec) = match run(case) {
            Ok(x) => x,
            Err(e) => panic!("line {}: {:?}: {e}", case.line, case.sentence),
        };
        assert!(
            d.simplified.is_none(),
            "line {}: simplified: {:?}",
            case.line,
            d.simplified
        );
        let wrong: Vec<String> = case
            .expect
            .iter()
            .filter_map(|(k, v)| {
                let got = fact(&spec, k);
                (got != *v).then(|| format!("{k}: want {v:?}, got {got:?}"))
            })
            .collect();
        if wrong.is_empty() {
            right += 1;
        } else {
            misses.push(format!(
                "line {}: {:?}\n    {}\n    {}",
                case.line,
                case.sentence,
                wrong.join("\n    "),
                d.summary
            ));
        }
    }
    let share = right as f64 / cases.len() as f64;
    let each = started.elapsed() / cases.len() as u32;
    println!(
        "describe: {right} of {} right ({:.1}%), {each:?} a sentence with its check",
        cases.len(),
        share * 100.0
    );
    for m in &misses {
        println!("{m}");
    }
    assert!(
        share >= THRESHOLD,
        "{right}/{} right, below {THRESHOLD}:\n{}",
        cases.len(),
        misses.join("\n")
    );
}

#[test]
fn nonsense_makes_nothing() {
    for s in ["", "   ", "asdf qwerty", "???", "xyzzy plugh"] {
        assert!(describe(s, today(), &[]).is_err(), "{s:?} made an app");
    }
}

#[test]
fn the_summary_says_what_was_understood_and_what_was_not() {
    let d = describe("yoga 3 times a week in green", today(), &[]).unwrap();
    assert_eq!(d.summary, "tracker Yoga: yes/no, goal 3 days a week");
    assert_eq!(d.ignored, vec!["in green"]);
}
