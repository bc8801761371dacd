//! The language as a user meets it: parse, check and eval together.

use proptest::prelude::*;

use super::*;

/// An app's fields as formulas see them.
fn field_type(name: &str) -> Option<FormulaType> {
    Some(match name {
        "hours" | "rate" | "amount" => FormulaType::Number,
        "title" | "status" => FormulaType::Text,
        "done" | "paid" => FormulaType::Bool,
        "due" | "start" => FormulaType::Date,
        "time" | "prep time" => FormulaType::Duration,
        "tags" => FormulaType::Tags,
        _ => return None,
    })
}

const NAMES: &[&str] = &[
    "hours",
    "rate",
    "amount",
    "title",
    "status",
    "done",
    "paid",
    "due",
    "start",
    "time",
    "prep time",
    "tags",
];

/// 2026-11-23, a Monday.
fn day(y: i32, m: u32, d: u32) -> i32 {
    crate::spec::calendar::day_number(chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap())
}

fn today() -> i32 {
    day(2026, 11, 23)
}

/// One item: every field set.
fn item(name: &str) -> Value {
    match name {
        "hours" => Value::Number(7.5),
        "rate" => Value::Number(40.0),
        "amount" => Value::Number(120.0),
        "title" => Value::Text("Fix the roof".into()),
        "status" => Value::Text("to read".into()),
        "done" => Value::Bool(false),
        "paid" => Value::Bool(true),
        "due" => Value::Date(day(2026, 11, 20)),
        "start" => Value::Date(day(2026, 1, 1)),
        "time" => Value::Duration(5400.0),
        "prep time" => Value::Duration(900.0),
        "tags" => Value::Tags(vec!["home".into(), "Urgent".into()]),
        _ => Value::Empty,
    }
}

/// Problems as (column, message).
fn problems(p: Vec<Problem>) -> Vec<(usize, String)> {
    p.into_iter().map(|p| (p.at(), p.message)).collect()
}

fn parse_err(src: &str) -> Vec<(usize, String)> {
    problems(parse(src).expect_err(src))
}

fn type_of(src: &str) -> Result<FormulaType, Vec<(usize, String)>> {
    let e = parse(src).unwrap_or_else(|p| panic!("{src}: {p:?}"));
    check(&e, &field_type, NAMES).map_err(problems)
}

fn type_err(src: &str) -> Vec<(usize, String)> {
    type_of(src).expect_err(src)
}

/// Checks, then evaluates against `values`.
fn run_with(src: &str, values: &dyn Fn(&str) -> Value) -> Value {
    type_of(src).unwrap_or_else(|p| panic!("{src}: {p:?}"));
    eval(&parse(src).unwrap(), values, today())
}

fn run(src: &str) -> Value {
    run_with(src, &item)
}

/// Every field empty.
fn run_empty(src: &str) -> Value {
    run_with(src, &|_| Value::Empty)
}

fn num(src: &str) -> f64 {
    match run(src) {
        Value::Number(n) => n,
        other => panic!("{src} gave {other:?}"),
    }
}

// Parsing

#[test]
fn the_issues_examples_parse_check_and_compute() {
    assert_eq!(run("hours * rate"), Value::Number(300.0));
    assert_eq!(run("due < today() and not done"), Value::Bool(true));
    assert_eq!(type_of("{prep time} + time"), Ok(FormulaType::Duration));
    assert_eq!(run("{prep time} + time").display(), "1h45m");
}

#[test]
fn precedence_is_the_usual_one() {
    assert_eq!(num("1 + 2 * 3"), 7.0);
    assert_eq!(num("(1 + 2) * 3"), 9.0);
    assert_eq!(num("10 - 4 - 3"), 3.0);
    assert_eq!(num("12 / 2 / 3"), 2.0);
    assert_eq!(num("-2 * -3"), 6.0);
    assert_eq!(num("2.5 * 2"), 5.0);
    assert_eq!(run("not 1 > 2"), Value::Bool(true));
    assert_eq!(run("done == not paid"), Value::Bool(true));
    assert_eq!(
        type_err("1 + not done"),
        vec![(2, "cannot add Number and Bool".into())]
    );
    assert_eq!(run("true or false and false"), Value::Bool(true));
    assert_eq!(run("1 + 1 == 2 and 'a' != 'b'"), Value::Bool(true));
}

#[test]
fn a_syntax_error_is_named_at_its_column() {
    assert_eq!(
        parse_err("hours * * rate"),
        vec![(8, "expected a value, found `*`".into())]
    );
    assert_eq!(
        parse_err("hours *"),
        vec![(7, "expected a value after `*`".into())]
    );
    assert_eq!(
        parse_err("hours rate"),
        vec![(6, "expected an operator or the end, found `rate`".into())]
    );
    assert_eq!(
        parse_err("(hours + rate"),
        vec![(0, "this `(` has no closing `)`".into())]
    );
    assert_eq!(parse_err("hours)"), vec![(5, "this `)` has no `(`".into())]);
    assert_eq!(
        parse_err("if(done, 1 2)"),
        vec![(11, "expected `,` or `)` after an argument, found a number".into())]
    );
    assert_eq!(parse_err("   "), vec![(0, "the formula is empty".into())]);
    assert_eq!(
        parse_err("1 < hours < 3"),
        vec![(10, "comparisons don't chain: write `a < b and b < c`".into())]
    );
}

#[test]
fn every_syntax_error_at_once() {
    assert_eq!(
        parse_err("hours && rate = 2 or (done"),
        vec![
            (6, "write `and` instead of `&&`".into()),
            (14, "write `==` to compare".into()),
            (21, "this `(` has no closing `)`".into()),
        ]
    );
    assert_eq!(
        parse_err("rond(hours) + * 2 + 'x"),
        vec![
            (0, "no function `rond`; did you mean `round`?".into()),
            (14, "expected a value, found `*`".into()),
            (20, "this text has no closing '".into()),
        ]
    );
}

#[test]
fn functions_are_known_by_name_and_argument_count() {
    assert_eq!(
        parse_err("sum(hours)"),
        vec![(0, "no function `sum`; the functions are if, today, days, round, min, max, len, contains, year, month, week, mod".into())]
    );
    assert_eq!(
        parse_err("if(done, 1)"),
        vec![(
            0,
            "`if` takes 3 arguments, found 2: if(condition, then, else)".into()
        )]
    );
    assert_eq!(
        parse_err("round(hours, 2, 3)"),
        vec![(
            16,
            "`round` takes 1 or 2 arguments, found 3: round(number) or round(number, decimals)".into()
        )]
    );
    assert_eq!(
        parse_err("today(1)"),
        vec![(6, "`today` takes no arguments, found 1: today()".into())]
    );
    assert_eq!(
        parse_err("min(hours)"),
        vec![(
            0,
            "`min` takes at least 2 arguments, found 1: min(a, b, ...)".into()
        )]
    );
    assert_eq!(
        parse_err("len()"),
        vec![(0, "`len` takes 1 argument, found 0: len(text or tags)".into())]
    );
}

#[test]
fn columns_are_characters_inside_the_formula() {
    // "é" is two bytes and one column.
    assert_eq!(
        parse_err("'é' + + x"),
        vec![(6, "expected a value, found `+`".into())]
    );
    let e = parse("{prep time} * 2").unwrap();
    assert_eq!(e.span(), Span::new(0, 15));
}

#[test]
fn a_formula_is_bounded_in_length_and_nesting() {
    let long = format!("1{}", "+1".repeat(499));
    assert_eq!(long.chars().count(), 999);
    assert_eq!(num(&long), 500.0);
    let too_long = format!("{long}+1");
    assert_eq!(
        parse_err(&too_long),
        vec![(
            1000,
            "a formula may be at most 1000 characters; this one has 1001".into()
        )]
    );

    let nested = |n: usize| format!("{}1{}", "(".repeat(n), ")".repeat(n));
    assert_eq!(num(&nested(MAX_DEPTH)), 1.0);
    assert_eq!(
        parse_err(&nested(MAX_DEPTH + 1)),
        vec![(32, "the formula nests deeper than 32 levels here".into())]
    );
    assert_eq!(parse_err(&format!("{}1", "-".repeat(33)))[0].0, 32);
    assert_eq!(parse_err(&format!("{}true", "not ".repeat(33)))[0].0, 128);
    let calls = format!("{}1{}", "len(".repeat(40), ")".repeat(40));
    assert_eq!(
        parse_err(&calls),
        vec![(131, "the formula nests deeper than 32 levels here".into())]
    );
}

// Checking

#[test]
fn an_unknown_field_gets_did_you_mean() {
    assert_eq!(
        type_err("hors * rate"),
        vec![(0, "no field `hors`; did you mean `hours`?".into())]
    );
    assert_eq!(
        type_err("{prep tim} + time"),
        vec![(0, "no field `prep tim`; did you mean `prep time`?".into())]
    );
    assert_eq!(
        type_err("1 + today"),
        vec![(
            4,
            "no field `today`; to call the function, write `today()`".into()
        )]
    );
    assert_eq!(
        type_err("zzz"),
        vec![(0, "no field `zzz`; the fields are `hours`, `rate`, `amount`, `title`, `status`, `done`, `paid`, `due`, `start`, `time`, `prep time`, `tags`".into())]
    );
    let e = parse("x").unwrap();
    assert_eq!(
        problems(check(&e, &|_| None, &[]).unwrap_err()),
        vec![(0, "no field `x`; this app has no fields".into())]
    );
}

#[test]
fn every_type_error_at_once_at_its_operator_or_argument() {
    assert_eq!(
        type_err("title + hours"),
        vec![(6, "cannot add Text and Number".into())]
    );
    assert_eq!(
        type_err("title + hours or hors"),
        vec![
            (6, "cannot add Text and Number".into()),
            (17, "no field `hors`; did you mean `hours`?".into())
        ]
    );
    // One error below does not make another above it.
    assert_eq!(
        type_err("(title + 1) * 2 > 3"),
        vec![(7, "cannot add Text and Number".into())]
    );
}

#[test]
fn each_operator_says_which_types_it_cannot_take() {
    let cases: &[(&str, (usize, &str))] = &[
        ("hours - due", (6, "cannot subtract Date from Number")),
        ("title * 2", (6, "cannot multiply Text by Number")),
        ("2 / time", (2, "cannot divide Number by Duration")),
        ("due * 2", (4, "cannot multiply Date by Number")),
        (
            "due + time",
            (4, "cannot add Date and Duration; add a Number of days to a Date"),
        ),
        ("time + 60", (5, "cannot add Duration and Number")),
        ("tags + 'x'", (5, "cannot add Tags and Text")),
        ("-title", (0, "cannot negate Text")),
        ("-due", (0, "cannot negate Date")),
        ("not hours", (4, "`not` needs true or false, found Number")),
        (
            "done and hours",
            (9, "`and` needs true or false on each side, found Number"),
        ),
        (
            "title or done",
            (0, "`or` needs true or false on each side, found Text"),
        ),
        ("hours == title", (6, "cannot compare Number with Text")),
        ("due < 3", (4, "cannot compare Date with Number")),
        (
            "done < paid",
            (
                5,
                "true and false have no order; compare them with == or !=, not <",
            ),
        ),
        (
            "tags == tags",
            (5, "Tags cannot be compared; use contains(tags, 'text')"),
        ),
    ];
    for (src, (at, message)) in cases {
        assert_eq!(type_err(src), vec![(*at, message.to_string())], "{src}");
    }
}

#[test]
fn each_function_says_what_it_needs() {
    let cases: &[(&str, (usize, &str))] = &[
        (
            "if(hours, 1, 2)",
            (3, "the condition of `if` must be true or false, found Number"),
        ),
        (
            "if(done, 1, 'x')",
            (
                12,
                "both branches of `if` must have one type: this one is Text, the other Number",
            ),
        ),
        ("days(due, 3)", (10, "`days` needs a Date, found Number")),
        ("year(title)", (5, "`year` needs a Date, found Text")),
        ("month(hours)", (6, "`month` needs a Date, found Number")),
        ("week(time)", (5, "`week` needs a Date, found Duration")),
        ("round(title)", (6, "`round` needs a Number, found Text")),
        (
            "round(hours, 'x')",
            (13, "`round` needs a Number of decimals, found Text"),
        ),
        (
            "min(title, 'x')",
            (4, "`min` needs Numbers, Dates or Durations, found Text"),
        ),
        (
            "max(hours, due, 2)",
            (
                11,
                "`max` compares values of one type: the first is Number, this one Date",
            ),
        ),
        ("len(hours)", (4, "`len` needs Text or Tags, found Number")),
        (
            "contains(hours, 'x')",
            (9, "`contains` needs Text or Tags to look in, found Number"),
        ),
        (
            "contains(tags, 3)",
            (15, "`contains` needs Text to look for, found Number"),
        ),
    ];
    for (src, (at, message)) in cases {
        assert_eq!(type_err(src), vec![(*at, message.to_string())], "{src}");
    }
}

#[test]
fn types_follow_the_arithmetic_table() {
    use FormulaType::*;
    let cases: &[(&str, FormulaType)] = &[
        ("hours + rate", Number),
        ("title + ' ' + status", Text),
        ("due + 7", Date),
        ("7 + due", Date),
        ("due - 7", Date),
        ("due - start", Number),
        ("time + {prep time}", Duration),
        ("time - {prep time}", Duration),
        ("time * 2", Duration),
        ("2 * time", Duration),
        ("time / 2", Duration),
        ("time / {prep time}", Number),
        ("-time", Duration),
        ("due < today()", Bool),
        ("if(done, due, today())", Date),
        ("min(due, start, today())", Date),
        ("max(time, {prep time})", Duration),
        ("days(start, due)", Number),
        ("len(tags) + len(title)", Number),
        ("contains(title, 'roof')", Bool),
    ];
    for (src, ty) in cases {
        assert_eq!(type_of(src), Ok(*ty), "{src}");
    }
}

#[test]
fn references_name_each_field_once_in_order() {
    let e = parse("if(done, hours * rate, hours + {prep time})").unwrap();
    assert_eq!(references(&e), vec!["done", "hours", "rate", "prep time"]);
    assert!(references(&parse("today() + 1").unwrap()).is_empty());
}

#[test]
fn a_formula_field_is_checked_by_the_type_the_caller_gives() {
    let fields = |n: &str| match n {
        "total" => Some(FormulaType::Number),
        other => field_type(other),
    };
    let e = parse("total * 2").unwrap();
    assert_eq!(check(&e, &fields, &["total"]), Ok(FormulaType::Number));
}

// Evaluating

#[test]
fn each_function_computes() {
    assert_eq!(run("today()"), Value::Date(today()));
    assert_eq!(run("today()").display(), "2026-11-23");
    assert_eq!(num("days(due, today())"), 3.0);
    assert_eq!(num("days(today(), due)"), -3.0);
    assert_eq!(num("round(10 / 3, 2)"), 3.33);
    assert_eq!(num("round(hours)"), 8.0);
    assert_eq!(num("round(1234, -2)"), 1200.0);
    assert_eq!(num("round(2.675, 2)"), 2.68);
    // Turns through the weeks: never negative for a positive divisor.
    assert_eq!(num("mod(7, 3)"), 1.0);
    assert_eq!(num("mod(-1, 3)"), 2.0);
    assert_eq!(num("mod(week(today()) - week(today()) + 4, 2)"), 0.0);
    assert_eq!(num("round(1.26, 1.9)"), 1.3);
    assert_eq!(num("min(hours, rate, 3)"), 3.0);
    assert_eq!(num("max(hours, rate, 3)"), 40.0);
    assert_eq!(run("max(due, start)"), Value::Date(day(2026, 11, 20)));
    assert_eq!(run("min(time, {prep time})"), Value::Duration(900.0));
    assert_eq!(num("len(title)"), 12.0);
    assert_eq!(num("len('héllo')"), 5.0);
    assert_eq!(num("len(tags)"), 2.0);
    assert_eq!(run("contains(title, 'ROOF')"), Value::Bool(true));
    assert_eq!(run("contains(title, 'wall')"), Value::Bool(false));
    assert_eq!(run("contains(tags, 'urgent')"), Value::Bool(true));
    assert_eq!(run("contains(tags, 'urg')"), Value::Bool(false));
    assert_eq!(num("year(due)"), 2026.0);
    assert_eq!(num("month(due)"), 11.0);
    assert_eq!(num("week(due)"), 47.0);
    assert_eq!(run("days(start, due) == due - start"), Value::Bool(true));
    // 2027-01-01 is a Friday: ISO week 53 of 2026.
    assert_eq!(num("week(due + 42)"), 53.0);
    assert_eq!(run("if(paid, 'paid', 'owed')"), Value::Text("paid".into()));
    assert_eq!(run("if(done, 'done', 'open')"), Value::Text("open".into()));
}

#[test]
fn arithmetic_on_dates_durations_and_text() {
    assert_eq!(run("due + 14").display(), "2026-12-04");
    assert_eq!(run("due - 20").display(), "2026-10-31");
    assert_eq!(run("due + 1.9").display(), "2026-11-21");
    assert_eq!(num("due - start"), 323.0);
    assert_eq!(run("time * 1.5").display(), "2h15m");
    assert_eq!(run("time / 4").display(), "22m30s");
    assert_eq!(num("time / {prep time}"), 6.0);
    assert_eq!(run("{prep time} - time").display(), "-1h15m");
    assert_eq!(run("time - time").display(), "0s");
    // Duration literals, written as a Duration field's values are.
    assert_eq!(num("time / 1h"), 1.5);
    assert_eq!(num("time / 1h * rate"), 60.0);
    assert_eq!(run("time > 1h"), Value::Bool(true));
    assert_eq!(run("time + 1h30m").display(), "3h");
    assert_eq!(
        type_err("time + 2"),
        vec![(5, "cannot add Duration and Number".into())]
    );
    assert_eq!(run("title + '!'"), Value::Text("Fix the roof!".into()));
    assert_eq!(run("0.1 + 0.2").display(), "0.3");
    assert_eq!(run("due == due + 0"), Value::Bool(true));
    assert_eq!(run("status == 'to read'"), Value::Bool(true));
    assert_eq!(run("status == 'To read'"), Value::Bool(false));
    assert_eq!(run("'apple' < 'banana'"), Value::Bool(true));
    assert_eq!(run("time >= {prep time}"), Value::Bool(true));
}

#[test]
fn empties_work_like_a_spreadsheets_blank() {
    assert_eq!(run_empty("hours * rate"), Value::Empty);
    assert_eq!(run_empty("-hours"), Value::Empty);
    assert_eq!(run_empty("due + 1"), Value::Empty);
    assert_eq!(run_empty("days(due, today())"), Value::Empty);
    assert_eq!(run_empty("round(hours, 2)"), Value::Empty);
    assert_eq!(run_empty("year(due)"), Value::Empty);
    // Comparisons with an empty are false, both ways.
    assert_eq!(run_empty("hours == 3"), Value::Bool(false));
    assert_eq!(run_empty("hours != 3"), Value::Bool(false));
    assert_eq!(run_empty("due < today()"), Value::Bool(false));
    assert_eq!(run_empty("not done"), Value::Bool(true));
    assert_eq!(run_empty("done or paid"), Value::Bool(false));
    assert_eq!(run_empty("not done and not paid"), Value::Bool(true));
    assert_eq!(run_empty("if(done, 1, 2)"), Value::Number(2.0));
    // Joining text reads an empty as no text.
    assert_eq!(run_empty("'Dr ' + title"), Value::Text("Dr ".into()));
    assert_eq!(run_empty("title + status"), Value::Empty);
    // min and max leave empties out; len of nothing is 0.
    assert_eq!(run_empty("min(hours, 3)"), Value::Number(3.0));
    assert_eq!(run_empty("max(hours, rate)"), Value::Empty);
    assert_eq!(run_empty("len(tags)"), Value::Number(0.0));
    assert_eq!(run_empty("contains(tags, 'x')"), Value::Bool(false));
}

#[test]
fn no_nan_or_infinity_escapes() {
    assert_eq!(run("hours / 0"), Value::Empty);
    assert_eq!(run("0 / 0"), Value::Empty);
    assert_eq!(run("time / 0"), Value::Empty);
    assert_eq!(run("time / (time - time)"), Value::Empty);
    let big = format!("{}1", "9".repeat(300));
    assert_eq!(run(&format!("{big} * {big}")), Value::Empty);
    assert_eq!(run(&format!("-{big} * {big}")), Value::Empty);
    assert_eq!(run(&format!("round({big} * {big}, 2)")), Value::Empty);
    // A date past the calendar's end is empty too.
    assert_eq!(run("due + 100000000"), Value::Empty);
    assert_eq!(run("due + 10000000"), Value::Empty);
    assert_eq!(run("due - 1000000"), Value::Empty);
    let last = i64::from(day(9999, 12, 31));
    assert_eq!(Value::date(last).display(), "9999-12-31");
    assert_eq!(Value::date(last + 1), Value::Empty);
    assert_eq!(Value::date(day(1, 1, 1).into()).display(), "0001-01-01");
    assert_eq!(Value::date(0), Value::Empty);
}

#[test]
fn an_unchecked_formula_still_evaluates_to_something() {
    // eval is total even without check: a mistyped operation is empty.
    let e = parse("title * 2 + year(hours) + len(due)").unwrap();
    assert_eq!(eval(&e, &item, today()), Value::Empty);
    let e = parse("if(hours, 1, 2) + min(title, 3)").unwrap();
    assert_eq!(eval(&e, &item, today()), Value::Empty);
}

// Values

#[test]
fn values_show_and_sort_for_list_views() {
    assert_eq!(Value::Number(3.0).display(), "3");
    assert_eq!(Value::Bool(true).display(), "yes");
    assert_eq!(Value::Tags(vec!["a".into(), "b".into()]).display(), "a, b");
    assert_eq!(Value::Empty.display(), "");
    assert_eq!(Value::Duration(90.0).as_number(), Some(90.0));
    assert_eq!(Value::Text("x".into()).as_text(), Some("x"));
    assert_eq!(Value::Number(1.0).as_text(), None);
    assert!(Value::Empty.is_empty());
    let mut keys: Vec<SortKey> = [
        Value::Text("banana".into()),
        Value::Number(10.0),
        Value::Text("Apple".into()),
        Value::Number(-1.0),
    ]
    .iter()
    .filter_map(Value::sort_key)
    .collect();
    keys.sort();
    assert_eq!(
        keys,
        vec![
            SortKey::Number(-1.0),
            SortKey::Number(10.0),
            SortKey::Text("apple".into()),
            SortKey::Text("banana".into()),
        ]
    );
    assert_eq!(Value::Empty.sort_key(), None);
}

#[test]
fn stored_values_read_by_their_field_type() {
    use crate::spec::FieldType as T;
    use crate::spec::value::FieldValue as F;
    let number = T::Number {
        min: None,
        max: None,
        decimals: None,
        unit: None,
    };
    assert_eq!(
        Value::from_field(&number, Some(&F::Number(2.0))),
        Value::Number(2.0)
    );
    assert_eq!(
        Value::from_field(&T::Money { currency: None }, Some(&F::Number(2.5))),
        Value::Number(2.5)
    );
    assert_eq!(
        Value::from_field(&T::Rating { max: 5 }, Some(&F::Number(4.0))),
        Value::Number(4.0)
    );
    assert_eq!(
        Value::from_field(&T::Duration, Some(&F::Number(1500.0))),
        Value::Duration(1500.0)
    );
    assert_eq!(
        Value::from_field(&T::Url, Some(&F::Text("x".into()))),
        Value::Text("x".into())
    );
    assert_eq!(
        Value::from_field(&T::Choice { options: vec![] }, Some(&F::Text("a".into()))),
        Value::Text("a".into())
    );
    assert_eq!(
        Value::from_field(&T::Bool, Some(&F::Bool(true))),
        Value::Bool(true)
    );
    assert_eq!(
        Value::from_field(&T::Tags { options: vec![] }, Some(&F::List(vec!["a".into()]))),
        Value::Tags(vec!["a".into()])
    );
    assert_eq!(
        Value::from_field(&T::Date, Some(&F::Text("2026-11-20".into()))),
        Value::Date(day(2026, 11, 20))
    );
    assert_eq!(
        Value::from_field(&T::DateTime, Some(&F::Text("2026-11-20 18:30".into()))),
        Value::Date(day(2026, 11, 20))
    );
    assert_eq!(FormulaType::of(&T::DateTime), FormulaType::Date);
    // Missing, or of another shape (kept from before a retype): empty.
    assert_eq!(Value::from_field(&T::Date, None), Value::Empty);
    assert_eq!(
        Value::from_field(&T::Date, Some(&F::Text("soon".into()))),
        Value::Empty
    );
    assert_eq!(
        Value::from_field(&number, Some(&F::Text("2".into()))),
        Value::Empty
    );
    assert_eq!(Value::from_field(&T::Bool, Some(&F::Number(1.0))), Value::Empty);
}

// The user's reference

/// The rows of the table in `section` of docs/formulas.md: (formula, second cell).
fn reference_rows(section: &str) -> Vec<(String, String)> {
    const DOC: &str = include_str!("../../../../../docs/formulas.md");
    let start = DOC.find(&format!("## {section}\n")).expect(section);
    let body = &DOC[start + 4..];
    let body = &body[..body.find("\n## ").unwrap_or(body.len())];
    body.lines()
        .filter_map(|l| l.strip_prefix("| `"))
        .filter_map(|l| {
            let (formula, rest) = l.split_once("` | ")?;
            Some((formula.to_string(), rest.trim_end_matches(" |").to_string()))
        })
        .collect()
}

#[test]
fn the_references_examples_give_what_it_says() {
    let rows = reference_rows("Examples");
    assert!(rows.len() > 20);
    let values = |name: &str| {
        if name == "amount" {
            Value::Empty
        } else {
            item(name)
        }
    };
    for (src, want) in rows {
        let got = match run_with(&src, &values) {
            Value::Empty => "(empty)".to_string(),
            v => format!("`{}`", v.display()),
        };
        assert_eq!(got, want, "{src}");
    }
}

#[test]
fn the_references_mistakes_say_what_it_says() {
    let rows = reference_rows("Mistakes");
    assert!(rows.len() > 10);
    for (src, want) in rows {
        let found = match parse(&src) {
            Err(p) => p,
            Ok(e) => check(&e, &field_type, NAMES).expect_err(&src),
        };
        let messages: Vec<String> = found.into_iter().map(|p| p.message).collect();
        assert_eq!(messages, vec![want], "{src}");
    }
}

// Never a panic

/// Sources made of the language's own pieces, so many parse.
fn source() -> impl Strategy<Value = String> {
    let piece = prop::sample::select(vec![
        "hours",
        "rate",
        "title",
        "done",
        "due",
        "time",
        "tags",
        "{prep time}",
        "zz",
        "1",
        "0",
        "2.5",
        "99999999999999999999",
        "90m",
        "1h30m",
        "0s",
        "'a'",
        "\"b\"",
        "true",
        "false",
        "+",
        "-",
        "*",
        "/",
        "==",
        "!=",
        "<",
        "<=",
        ">",
        ">=",
        "and",
        "or",
        "not",
        "(",
        ")",
        ",",
        "if(",
        "today()",
        "days(",
        "round(",
        "min(",
        "max(",
        "len(",
        "contains(",
        "year(",
        "month(",
        "week(",
        "{",
        "}",
        "'",
        " ",
        "=",
        "!",
        "&&",
        "é",
    ]);
    prop::collection::vec(piece, 0..60).prop_map(|v| v.join(" "))
}

/// Well-formed formulas (most not well-typed), so eval runs on every shape.
fn formula() -> impl Strategy<Value = String> {
    let leaf = prop::sample::select(vec![
        "hours",
        "rate",
        "title",
        "done",
        "due",
        "time",
        "tags",
        "{prep time}",
        "zz",
        "1",
        "0",
        "-0.5",
        "99999999999999999999",
        "1h",
        "'a'",
        "\"\"",
        "true",
        "false",
        "today()",
    ])
    .prop_map(str::to_string);
    leaf.prop_recursive(6, 64, 4, |inner| {
        let op = prop::sample::select(vec![
            "+", "-", "*", "/", "==", "!=", "<", "<=", ">", ">=", "and", "or",
        ]);
        let one = prop::sample::select(vec!["len", "year", "month", "week", "round", "-", "not "]);
        let two = prop::sample::select(vec!["days", "round", "min", "max", "contains"]);
        prop_oneof![
            (inner.clone(), op, inner.clone()).prop_map(|(a, op, b)| format!("({a} {op} {b})")),
            (one, inner.clone()).prop_map(|(f, a)| match f {
                "-" | "not " => format!("{f}({a})"),
                f => format!("{f}({a})"),
            }),
            (two, inner.clone(), inner.clone()).prop_map(|(f, a, b)| format!("{f}({a}, {b})")),
            (inner.clone(), inner.clone(), inner).prop_map(|(c, a, b)| format!("if({c}, {a}, {b})")),
        ]
    })
}

fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Empty),
        any::<f64>().prop_map(Value::number),
        any::<f64>().prop_map(Value::duration),
        any::<i32>().prop_map(|d| Value::date(i64::from(d))),
        any::<bool>().prop_map(Value::Bool),
        ".{0,8}".prop_map(Value::Text),
        prop::collection::vec(".{0,4}", 0..3).prop_map(Value::Tags),
    ]
}

proptest! {
    #[test]
    fn eval_never_panics_on_random_sources(
        src in prop_oneof![source(), "\\PC{0,80}", formula()],
        values in prop::collection::vec(any_value(), 8),
        today in any::<i32>(),
    ) {
        let field = |name: &str| values[name.len() % values.len()].clone();
        match parse(&src) {
            Ok(e) => {
                let _ = check(&e, &field_type, NAMES);
                let _ = references(&e);
                let v = eval(&e, &field, today);
                let _ = (v.display(), v.sort_key());
                if let Value::Number(n) | Value::Duration(n) = v {
                    prop_assert!(n.is_finite());
                }
            }
            Err(ps) => {
                prop_assert!(!ps.is_empty());
                for p in ps {
                    prop_assert!(p.span.start <= src.chars().count());
                }
            }
        }
    }
}

proptest! {
    #[test]
    fn well_formed_formulas_parse_and_evaluate(
        src in formula(),
        values in prop::collection::vec(any_value(), 8),
    ) {
        prop_assume!(src.chars().count() <= MAX_CHARS);
        let e = parse(&src).map_err(|p| TestCaseError::fail(format!("{src}: {p:?}")))?;
        let field = |name: &str| values[name.len() % values.len()].clone();
        let v = eval(&e, &field, 739_000);
        if let Value::Number(n) | Value::Duration(n) = v {
            prop_assert!(n.is_finite());
        }
    }
}
