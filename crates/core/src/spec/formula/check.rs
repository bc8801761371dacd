//! The type checker: a formula's type from its fields' types, before any
//! data is read. Every problem at once; one below an operator does not make
//! another at the operator.

use super::expr::{BinOp, Expr, Func, Node};
use super::{FormulaType, Problem, Span};
use crate::spec::suggest::closest;

use FormulaType as T;

/// The formula's type, or every problem: unknown fields (with "did you
/// mean" among `names`) and type errors, at the operator or argument.
/// `fields` gives a field's formula type (see [`FormulaType::of`]); another
/// formula field may be among them, and refusing cycles is the caller's (see
/// [`super::references`]).
pub fn check(
    expr: &Expr,
    fields: &dyn Fn(&str) -> Option<FormulaType>,
    names: &[&str],
) -> Result<FormulaType, Vec<Problem>> {
    let mut cx = Checker {
        fields,
        names,
        problems: Vec::new(),
    };
    match cx.ty(expr) {
        Some(t) if cx.problems.is_empty() => Ok(t),
        _ => Err(cx.problems),
    }
}

/// The type of `l op r` for arithmetic, if it has one: the one table
/// [`super::eval`] follows.
pub(crate) fn arithmetic(op: BinOp, l: T, r: T) -> Option<T> {
    Some(match (op, l, r) {
        (BinOp::Add | BinOp::Sub | BinOp::Mul | BinOp::Div, T::Number, T::Number) => T::Number,
        (BinOp::Add, T::Text, T::Text) => T::Text,
        (BinOp::Add, T::Date, T::Number) | (BinOp::Add, T::Number, T::Date) => T::Date,
        (BinOp::Sub, T::Date, T::Number) => T::Date,
        (BinOp::Sub, T::Date, T::Date) => T::Number,
        (BinOp::Add | BinOp::Sub, T::Duration, T::Duration) => T::Duration,
        (BinOp::Mul, T::Duration, T::Number) | (BinOp::Mul, T::Number, T::Duration) => T::Duration,
        (BinOp::Div, T::Duration, T::Number) => T::Duration,
        (BinOp::Div, T::Duration, T::Duration) => T::Number,
        _ => return None,
    })
}

struct Checker<'a> {
    fields: &'a dyn Fn(&str) -> Option<FormulaType>,
    names: &'a [&'a str],
    problems: Vec<Problem>,
}

impl Checker<'_> {
    fn problem(&mut self, span: Span, message: String) -> Option<T> {
        self.problems.push(Problem::new(span, message));
        None
    }

    fn ty(&mut self, expr: &Expr) -> Option<T> {
        match &expr.node {
            Node::Number(_) => Some(T::Number),
            Node::Duration(_) => Some(T::Duration),
            Node::Text(_) => Some(T::Text),
            Node::Bool(_) => Some(T::Bool),
            Node::Field(name) => match (self.fields)(name) {
                Some(t) => Some(t),
                None => {
                    let message = self.unknown(name);
                    self.problem(expr.span, message)
                }
            },
            Node::Neg(inner) => match self.ty(inner)? {
                t @ (T::Number | T::Duration) => Some(t),
                t => self.problem(expr.span, format!("cannot negate {t}")),
            },
            Node::Not(inner) => match self.ty(inner)? {
                T::Bool => Some(T::Bool),
                t => self.problem(inner.span, format!("`not` needs true or false, found {t}")),
            },
            Node::Binary { op, at, lhs, rhs } => self.binary(*op, *at, lhs, rhs),
            Node::Call { func, args } => self.call(*func, args),
        }
    }

    fn unknown(&self, name: &str) -> String {
        if let Some(c) = closest(name, self.names) {
            return format!("no field `{name}`; did you mean `{c}`?");
        }
        if Func::named(name).is_some() {
            return format!("no field `{name}`; to call the function, write `{name}()`");
        }
        if self.names.is_empty() {
            return format!("no field `{name}`; this app has no fields");
        }
        let mut listed: Vec<String> = self.names.iter().take(12).map(|n| format!("`{n}`")).collect();
        if self.names.len() > 12 {
            listed.push("…".into());
        }
        format!("no field `{name}`; the fields are {}", listed.join(", "))
    }

    fn binary(&mut self, op: BinOp, at: Span, lhs: &Expr, rhs: &Expr) -> Option<T> {
        let (l, r) = (self.ty(lhs), self.ty(rhs));
        if matches!(op, BinOp::And | BinOp::Or) {
            let word = op.symbol();
            for (t, side) in [(l, lhs), (r, rhs)] {
                if let Some(t) = t.filter(|t| *t != T::Bool) {
                    self.problem(
                        side.span,
                        format!("`{word}` needs true or false on each side, found {t}"),
                    );
                }
            }
            return (l? == T::Bool && r? == T::Bool).then_some(T::Bool);
        }
        let (l, r) = (l?, r?);
        if op.is_comparison() {
            let ordered = !matches!(op, BinOp::Eq | BinOp::Ne);
            return match (l, r) {
                (T::Tags, T::Tags) => {
                    self.problem(at, "Tags cannot be compared; use contains(tags, 'text')".into())
                }
                (T::Bool, T::Bool) if ordered => self.problem(
                    at,
                    format!(
                        "true and false have no order; compare them with == or !=, not {}",
                        op.symbol()
                    ),
                ),
                (l, r) if l == r => Some(T::Bool),
                (l, r) => self.problem(at, format!("cannot compare {l} with {r}")),
            };
        }
        if let Some(t) = arithmetic(op, l, r) {
            return Some(t);
        }
        let mut message = match op {
            BinOp::Add => format!("cannot add {l} and {r}"),
            BinOp::Sub => format!("cannot subtract {r} from {l}"),
            BinOp::Mul => format!("cannot multiply {l} by {r}"),
            _ => format!("cannot divide {l} by {r}"),
        };
        if matches!((l, r), (T::Date, T::Duration) | (T::Duration, T::Date)) {
            message.push_str("; add a Number of days to a Date");
        }
        self.problem(at, message)
    }

    /// Checks one argument against what the function accepts.
    fn arg(&mut self, func: Func, arg: &Expr, accepts: &[T], what: &str) -> Option<T> {
        let t = self.ty(arg)?;
        if accepts.contains(&t) {
            return Some(t);
        }
        self.problem(arg.span, format!("`{}` needs {what}, found {t}", func.name()))
    }

    fn call(&mut self, func: Func, args: &[Expr]) -> Option<T> {
        const DATE: &[T] = &[T::Date];
        match func {
            Func::Today => Some(T::Date),
            Func::If => {
                let cond = self.ty(&args[0]);
                if let Some(t) = cond.filter(|t| *t != T::Bool) {
                    self.problem(
                        args[0].span,
                        format!("the condition of `if` must be true or false, found {t}"),
                    );
                }
                let (a, b) = (self.ty(&args[1]), self.ty(&args[2]));
                let (a, b) = (a?, b?);
                if a != b {
                    return self.problem(
                        args[2].span,
                        format!("both branches of `if` must have one type: this one is {b}, the other {a}"),
                    );
                }
                (cond? == T::Bool).then_some(a)
            }
            Func::Days => {
                let a = self.arg(func, &args[0], DATE, "a Date");
                let b = self.arg(func, &args[1], DATE, "a Date");
                a.and(b).map(|_| T::Number)
            }
            Func::Year | Func::Month | Func::Week => {
                self.arg(func, &args[0], DATE, "a Date").map(|_| T::Number)
            }
            Func::Mod => {
                let a = self.arg(func, &args[0], &[T::Number], "a Number");
                let b = self.arg(func, &args[1], &[T::Number], "a Number");
                a.and(b).map(|_| T::Number)
            }
            Func::Round => {
                let x = self.arg(func, &args[0], &[T::Number], "a Number");
                let n = match args.get(1) {
                    Some(n) => self
                        .arg(func, n, &[T::Number], "a Number of decimals")
                        .map(|_| ()),
                    None => Some(()),
                };
                x.and(n).map(|_| T::Number)
            }
            Func::Min | Func::Max => {
                let what = "Numbers, Dates or Durations";
                let first = self.arg(func, &args[0], &[T::Number, T::Date, T::Duration], what);
                let mut ok = first.is_some();
                for a in &args[1..] {
                    match (self.ty(a), first) {
                        (Some(t), Some(f)) if t != f => {
                            self.problem(
                                a.span,
                                format!(
                                    "`{}` compares values of one type: the first is {f}, this one {t}",
                                    func.name()
                                ),
                            );
                            ok = false;
                        }
                        (Some(_), _) => {}
                        (None, _) => ok = false,
                    }
                }
                if ok { first } else { None }
            }
            Func::Len => self
                .arg(func, &args[0], &[T::Text, T::Tags], "Text or Tags")
                .map(|_| T::Number),
            Func::Contains => {
                let hay = self.arg(func, &args[0], &[T::Text, T::Tags], "Text or Tags to look in");
                let needle = self.arg(func, &args[1], &[T::Text], "Text to look for");
                hay.and(needle).map(|_| T::Bool)
            }
        }
    }
}
