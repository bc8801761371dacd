//! Formulas: parse + check of one formula, and eval per item.
//! `cargo bench -p nook-core --bench formula`

use std::hint::black_box;

use nook_core::formula::{FormulaType, Value, check, eval, parse};

fn main() {
    divan::main();
}

const SIMPLE: &str = "hours * rate";
const TYPICAL: &str = "if(due < today() and not done, round(hours * rate * 1.2, 2), 0)";

fn field_type(name: &str) -> Option<FormulaType> {
    Some(match name {
        "hours" | "rate" => FormulaType::Number,
        "done" => FormulaType::Bool,
        "due" => FormulaType::Date,
        _ => return None,
    })
}

fn field(name: &str) -> Value {
    match name {
        "hours" => Value::Number(7.5),
        "rate" => Value::Number(40.0),
        "done" => Value::Bool(false),
        "due" => Value::Date(739_500),
        _ => Value::Empty,
    }
}

/// The longest formula allowed: 1,000 characters.
fn longest() -> String {
    format!("hours{}", " + hours".repeat(124))
}

#[divan::bench(args = [SIMPLE, TYPICAL])]
fn parse_and_check(src: &str) {
    let e = parse(black_box(src)).unwrap();
    black_box(check(&e, &field_type, &["hours", "rate", "done", "due"]).unwrap());
}

#[divan::bench(args = [SIMPLE, TYPICAL])]
fn eval_one_item(bencher: divan::Bencher, src: &str) {
    let e = parse(src).unwrap();
    bencher.bench(|| eval(black_box(&e), &field, 739_503));
}

#[divan::bench]
fn eval_the_longest(bencher: divan::Bencher) {
    let src = longest();
    assert!(src.chars().count() <= 1000);
    let e = parse(&src).unwrap();
    bencher.bench(|| eval(black_box(&e), &field, 739_503));
}
