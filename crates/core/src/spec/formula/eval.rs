//! Evaluation: total, never a panic, and as long as the (bounded) formula.

use std::cmp::Ordering;

use super::Value;
use super::expr::{BinOp, Expr, Func, Node};
use super::number;
use super::value::parts;

/// The formula's value for one item: `field` gives each field's value
/// (see [`Value::from_field`]), `today` is today's day number. Empties
/// propagate as the module documentation says; a value of a type the
/// formula did not expect (it was not [`super::check`]ed) gives empty.
pub fn eval(expr: &Expr, field: &dyn Fn(&str) -> Value, today: i32) -> Value {
    Eval { field, today }.value(expr)
}

struct Eval<'a> {
    field: &'a dyn Fn(&str) -> Value,
    today: i32,
}

impl Eval<'_> {
    fn value(&self, expr: &Expr) -> Value {
        match &expr.node {
            Node::Number(n) => Value::number(*n),
            Node::Duration(s) => Value::duration(*s),
            Node::Text(s) => Value::Text(s.clone()),
            Node::Bool(b) => Value::Bool(*b),
            Node::Field(name) => (self.field)(name),
            Node::Neg(e) => match self.value(e) {
                Value::Number(n) => Value::number(-n),
                Value::Duration(s) => Value::duration(-s),
                _ => Value::Empty,
            },
            Node::Not(e) => Value::Bool(!self.truth(e)),
            Node::Binary {
                op: BinOp::And,
                lhs,
                rhs,
                ..
            } => Value::Bool(self.truth(lhs) && self.truth(rhs)),
            Node::Binary {
                op: BinOp::Or,
                lhs,
                rhs,
                ..
            } => Value::Bool(self.truth(lhs) || self.truth(rhs)),
            Node::Binary { op, lhs, rhs, .. } if op.is_comparison() => {
                Value::Bool(compare(*op, &self.value(lhs), &self.value(rhs)))
            }
            Node::Binary { op, lhs, rhs, .. } => arithmetic(*op, self.value(lhs), self.value(rhs)),
            Node::Call { func, args } => self.call(*func, args),
        }
    }

    /// A condition: only `true` is true; empty is false.
    fn truth(&self, expr: &Expr) -> bool {
        self.value(expr) == Value::Bool(true)
    }

    fn call(&self, func: Func, args: &[Expr]) -> Value {
        let arg = |i: usize| args.get(i).map_or(Value::Empty, |a| self.value(a));
        match func {
            Func::Today => Value::date(self.today.into()),
            Func::If => {
                if args.first().is_some_and(|c| self.truth(c)) {
                    arg(1)
                } else {
                    arg(2)
                }
            }
            Func::Days => match (arg(0), arg(1)) {
                (Value::Date(a), Value::Date(b)) => Value::number(f64::from(b) - f64::from(a)),
                _ => Value::Empty,
            },
            Func::Year | Func::Month | Func::Week => match arg(0).as_date() {
                Some(d) => {
                    let (y, m, w) = parts(d);
                    Value::Number(match func {
                        Func::Year => f64::from(y),
                        Func::Month => f64::from(m),
                        _ => f64::from(w),
                    })
                }
                None => Value::Empty,
            },
            // The remainder that is never negative for a positive `by`, so
            // `mod(week(today()) + turn, 3)` takes turns through the weeks.
            Func::Mod => match (arg(0), arg(1)) {
                (Value::Number(a), Value::Number(b)) if b != 0.0 => Value::number(a.rem_euclid(b)),
                _ => Value::Empty,
            },
            Func::Round => {
                let decimals = match args.get(1).map(|a| self.value(a)) {
                    None => 0,
                    // Past 15 places either way there is nothing to round.
                    Some(Value::Number(n)) => n.trunc().clamp(-15.0, 15.0) as i32,
                    Some(_) => return Value::Empty,
                };
                match arg(0) {
                    Value::Number(x) => Value::number(number::round(x, decimals)),
                    _ => Value::Empty,
                }
            }
            Func::Min | Func::Max => {
                // Empties are left out, as a spreadsheet's MIN leaves out blanks.
                let want = if func == Func::Min {
                    Ordering::Less
                } else {
                    Ordering::Greater
                };
                let mut best = Value::Empty;
                for a in args {
                    let v = self.value(a);
                    if v.is_empty() {
                        continue;
                    }
                    if best.is_empty() {
                        best = v;
                        continue;
                    }
                    match order(&v, &best) {
                        Some(o) if o == want => best = v,
                        Some(_) => {}
                        None => return Value::Empty,
                    }
                }
                best
            }
            Func::Len => match arg(0) {
                Value::Text(s) => Value::Number(s.chars().count() as f64),
                Value::Tags(t) => Value::Number(t.len() as f64),
                Value::Empty => Value::Number(0.0),
                _ => Value::Empty,
            },
            Func::Contains => {
                let needle = match arg(1) {
                    Value::Text(n) => n.to_lowercase(),
                    _ => return Value::Bool(false),
                };
                Value::Bool(match arg(0) {
                    Value::Text(s) => s.to_lowercase().contains(&needle),
                    Value::Tags(t) => t.iter().any(|t| t.to_lowercase() == needle),
                    _ => false,
                })
            }
        }
    }
}

/// The order of two values of one type; `None` for empties, mixed types,
/// Bools and Tags.
fn order(a: &Value, b: &Value) -> Option<Ordering> {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) | (Value::Duration(x), Value::Duration(y)) => x.partial_cmp(y),
        (Value::Date(x), Value::Date(y)) => Some(x.cmp(y)),
        (Value::Text(x), Value::Text(y)) => Some(x.cmp(y)),
        _ => None,
    }
}

fn compare(op: BinOp, a: &Value, b: &Value) -> bool {
    if let (Value::Bool(x), Value::Bool(y)) = (a, b) {
        return match op {
            BinOp::Eq => x == y,
            BinOp::Ne => x != y,
            _ => false,
        };
    }
    let Some(o) = order(a, b) else {
        return false;
    };
    match op {
        BinOp::Eq => o == Ordering::Equal,
        BinOp::Ne => o != Ordering::Equal,
        BinOp::Lt => o == Ordering::Less,
        BinOp::Le => o != Ordering::Greater,
        BinOp::Gt => o == Ordering::Greater,
        _ => o != Ordering::Less,
    }
}

fn arithmetic(op: BinOp, a: Value, b: Value) -> Value {
    use Value::{Date, Duration, Empty, Number, Text};
    match (op, a, b) {
        // Joining text reads an empty as no text; everything else with an
        // empty is empty.
        (BinOp::Add, Text(x), Text(y)) => Text(x + &y),
        (BinOp::Add, Text(x), Empty) | (BinOp::Add, Empty, Text(x)) => Text(x),
        (BinOp::Add, Number(x), Number(y)) => Value::number(x + y),
        (BinOp::Sub, Number(x), Number(y)) => Value::number(x - y),
        (BinOp::Mul, Number(x), Number(y)) => Value::number(x * y),
        (BinOp::Div, Number(x), Number(y)) => divide(x, y, Value::number),
        (BinOp::Add, Date(d), Number(n)) | (BinOp::Add, Number(n), Date(d)) => shift(d, n),
        (BinOp::Sub, Date(d), Number(n)) => shift(d, -n),
        (BinOp::Sub, Date(x), Date(y)) => Value::Number(f64::from(x) - f64::from(y)),
        (BinOp::Add, Duration(x), Duration(y)) => Value::duration(x + y),
        (BinOp::Sub, Duration(x), Duration(y)) => Value::duration(x - y),
        (BinOp::Mul, Duration(s), Number(n)) | (BinOp::Mul, Number(n), Duration(s)) => Value::duration(s * n),
        (BinOp::Div, Duration(s), Number(n)) => divide(s, n, Value::duration),
        (BinOp::Div, Duration(x), Duration(y)) => divide(x, y, Value::number),
        _ => Empty,
    }
}

fn divide(x: f64, y: f64, make: fn(f64) -> Value) -> Value {
    if y == 0.0 { Value::Empty } else { make(x / y) }
}

/// A date moved by whole days (a fraction of a day is dropped).
fn shift(day: i32, days: f64) -> Value {
    // Saturating: any shift past i64 is far past the year 9999 anyway.
    Value::date(i64::from(day).saturating_add(days.trunc() as i64))
}
