//! Tokens to an [`Expr`]: recursive descent that records a problem and
//! carries on, so one pass names every syntax error it can.
//!
//! Precedence, loosest first: `or`, `and`, `not`, comparisons (which do not
//! chain), `+ -`, `* /`, unary `-`, then values, names, calls and `( )`.

use super::expr::{BinOp, Expr, Func, Node};
use super::lex::{Tok, Token, lex};
use super::{MAX_CHARS, MAX_DEPTH, Problem, Span};
use crate::spec::suggest::closest;

/// Parses a formula, or gives every problem found, each at its column.
pub fn parse(src: &str) -> Result<Expr, Vec<Problem>> {
    let n = src.chars().count();
    if n > MAX_CHARS {
        return Err(vec![Problem::new(
            Span::new(MAX_CHARS, n),
            format!("a formula may be at most {MAX_CHARS} characters; this one has {n}"),
        )]);
    }
    let (tokens, lexed) = lex(src);
    if tokens.len() == 1 {
        return Err(vec![Problem::new(Span::new(0, n), "the formula is empty")]);
    }
    let mut p = Parser {
        tokens,
        pos: 0,
        depth: 0,
        too_deep: false,
        problems: lexed,
    };
    let expr = p.expr();
    while p.peek() != &Tok::End && !p.too_deep {
        let before = p.pos;
        if p.peek() == &Tok::RParen {
            p.problem(p.span(), "this `)` has no `(`");
            p.bump();
            continue;
        }
        let found = p.peek().describe();
        p.problem(
            p.span(),
            format!("expected an operator or the end, found {found}"),
        );
        p.expr();
        if p.pos == before {
            p.bump();
        }
    }
    let mut problems = p.problems;
    if problems.is_empty() {
        return Ok(expr);
    }
    problems.sort_by_key(|p| p.span.start);
    problems.dedup_by_key(|p| p.span.start);
    Err(problems)
}

struct Parser {
    tokens: Vec<Token>,
    pos: usize,
    depth: usize,
    too_deep: bool,
    problems: Vec<Problem>,
}

impl Parser {
    fn peek(&self) -> &Tok {
        &self.tokens[self.pos].tok
    }

    fn span(&self) -> Span {
        self.tokens[self.pos].span
    }

    fn bump(&mut self) -> Token {
        let t = self.tokens[self.pos].clone();
        if self.pos + 1 < self.tokens.len() {
            self.pos += 1;
        }
        t
    }

    fn problem(&mut self, span: Span, message: impl Into<String>) {
        self.problems.push(Problem::new(span, message));
    }

    /// A stand-in where a problem was recorded: never returned from [`parse`].
    fn placeholder(span: Span) -> Expr {
        Expr {
            node: Node::Bool(false),
            span,
        }
    }

    /// Enters one level of nesting; false (and the rest skipped) past the bound.
    fn enter(&mut self) -> bool {
        self.depth += 1;
        if self.depth <= MAX_DEPTH {
            return true;
        }
        if !self.too_deep {
            self.too_deep = true;
            let span = self.span();
            self.problem(
                span,
                format!("the formula nests deeper than {MAX_DEPTH} levels here"),
            );
        }
        self.pos = self.tokens.len() - 1;
        false
    }

    fn leave(&mut self) {
        self.depth -= 1;
    }

    fn expr(&mut self) -> Expr {
        self.or()
    }

    fn binary(op: BinOp, at: Span, lhs: Expr, rhs: Expr) -> Expr {
        Expr {
            span: lhs.span.to(rhs.span),
            node: Node::Binary {
                op,
                at,
                lhs: Box::new(lhs),
                rhs: Box::new(rhs),
            },
        }
    }

    fn or(&mut self) -> Expr {
        let mut lhs = self.and();
        while self.peek() == &Tok::Or {
            let at = self.bump().span;
            let rhs = self.and();
            lhs = Self::binary(BinOp::Or, at, lhs, rhs);
        }
        lhs
    }

    fn and(&mut self) -> Expr {
        let mut lhs = self.not();
        while self.peek() == &Tok::And {
            let at = self.bump().span;
            let rhs = self.not();
            lhs = Self::binary(BinOp::And, at, lhs, rhs);
        }
        lhs
    }

    fn not(&mut self) -> Expr {
        if self.peek() != &Tok::Not {
            return self.comparison();
        }
        let at = self.span();
        if !self.enter() {
            return Self::placeholder(at);
        }
        self.bump();
        let inner = self.not();
        self.leave();
        Expr {
            span: at.to(inner.span),
            node: Node::Not(Box::new(inner)),
        }
    }

    fn comparison_op(tok: &Tok) -> Option<BinOp> {
        Some(match tok {
            Tok::Eq => BinOp::Eq,
            Tok::Ne => BinOp::Ne,
            Tok::Lt => BinOp::Lt,
            Tok::Le => BinOp::Le,
            Tok::Gt => BinOp::Gt,
            Tok::Ge => BinOp::Ge,
            _ => return None,
        })
    }

    fn comparison(&mut self) -> Expr {
        let mut lhs = self.additive();
        let mut compared = false;
        while let Some(op) = Self::comparison_op(self.peek()) {
            let at = self.bump().span;
            if compared {
                self.problem(
                    at,
                    format!("comparisons don't chain: write `a < b and b {} c`", op.symbol()),
                );
            }
            compared = true;
            let rhs = self.additive();
            lhs = Self::binary(op, at, lhs, rhs);
        }
        lhs
    }

    fn additive(&mut self) -> Expr {
        let mut lhs = self.multiplicative();
        loop {
            let op = match self.peek() {
                Tok::Plus => BinOp::Add,
                Tok::Minus => BinOp::Sub,
                _ => return lhs,
            };
            let at = self.bump().span;
            let rhs = self.multiplicative();
            lhs = Self::binary(op, at, lhs, rhs);
        }
    }

    fn multiplicative(&mut self) -> Expr {
        let mut lhs = self.unary();
        loop {
            let op = match self.peek() {
                Tok::Star => BinOp::Mul,
                Tok::Slash => BinOp::Div,
                _ => return lhs,
            };
            let at = self.bump().span;
            let rhs = self.unary();
            lhs = Self::binary(op, at, lhs, rhs);
        }
    }

    fn unary(&mut self) -> Expr {
        if self.peek() != &Tok::Minus {
            return self.primary();
        }
        let at = self.span();
        if !self.enter() {
            return Self::placeholder(at);
        }
        self.bump();
        let inner = self.unary();
        self.leave();
        Expr {
            span: at.to(inner.span),
            node: Node::Neg(Box::new(inner)),
        }
    }

    fn primary(&mut self) -> Expr {
        let span = self.span();
        let node = match self.peek().clone() {
            Tok::Num(n) => Node::Number(n),
            Tok::Dur(s) => Node::Duration(s),
            Tok::Text(s) => Node::Text(s),
            Tok::True => Node::Bool(true),
            Tok::False => Node::Bool(false),
            Tok::Braced(name) => Node::Field(name),
            Tok::Name(name) => {
                self.bump();
                if self.peek() == &Tok::LParen {
                    return self.call(name, span);
                }
                return Expr {
                    node: Node::Field(name),
                    span,
                };
            }
            Tok::LParen => return self.group(),
            // `1 + not done` reads as `1 + (not done)`: a type error to
            // report, rather than a confusing syntax error.
            Tok::Not => return self.not(),
            other => {
                let message = match (&other, self.pos.checked_sub(1)) {
                    (Tok::End, Some(prev)) => {
                        format!("expected a value after {}", self.tokens[prev].tok.describe())
                    }
                    _ => format!("expected a value, found {}", other.describe()),
                };
                // Not consumed: an operator or closer is for the caller.
                self.problem(span, message);
                return Self::placeholder(span);
            }
        };
        self.bump();
        Expr { node, span }
    }

    fn group(&mut self) -> Expr {
        let open = self.span();
        if !self.enter() {
            return Self::placeholder(open);
        }
        self.bump();
        let inner = self.expr();
        self.leave();
        match self.peek() {
            Tok::RParen => {
                let close = self.bump().span;
                Expr {
                    span: open.to(close),
                    ..inner
                }
            }
            _ => {
                self.unclosed(open);
                inner
            }
        }
    }

    fn unclosed(&mut self, open: Span) {
        if self.too_deep {
            return;
        }
        if self.peek() == &Tok::End {
            self.problem(open, "this `(` has no closing `)`");
        } else {
            let found = self.peek().describe();
            let span = self.span();
            self.problem(span, format!("expected `)`, found {found}"));
        }
    }

    fn call(&mut self, name: String, name_span: Span) -> Expr {
        let open = self.span();
        if !self.enter() {
            return Self::placeholder(name_span);
        }
        self.bump();
        let mut args = Vec::new();
        let mut end = open;
        if self.peek() == &Tok::RParen {
            end = self.bump().span;
        } else {
            loop {
                let before = self.pos;
                args.push(self.expr());
                match self.peek() {
                    Tok::Comma => {
                        self.bump();
                    }
                    Tok::RParen => {
                        end = self.bump().span;
                        break;
                    }
                    Tok::End => {
                        self.unclosed(open);
                        break;
                    }
                    other => {
                        let found = other.describe();
                        let span = self.span();
                        self.problem(
                            span,
                            format!("expected `,` or `)` after an argument, found {found}"),
                        );
                        if self.pos == before {
                            self.bump();
                        }
                    }
                }
                if self.too_deep {
                    break;
                }
            }
        }
        self.leave();
        let span = name_span.to(end);
        let Some(func) = Func::named(&name) else {
            let known: Vec<&str> = Func::ALL.iter().map(|f| f.name()).collect();
            let message = match closest(&name, &known) {
                Some(c) => format!("no function `{name}`; did you mean `{c}`?"),
                None => format!("no function `{name}`; the functions are {}", known.join(", ")),
            };
            self.problem(name_span, message);
            return Self::placeholder(span);
        };
        let (min, max) = func.arity();
        let found = args.len();
        if found < min || max.is_some_and(|m| found > m) {
            let takes = match (min, max) {
                (0, Some(0)) => "no arguments".to_string(),
                (1, Some(1)) => "1 argument".to_string(),
                (a, Some(b)) if a == b => format!("{a} arguments"),
                (a, Some(b)) => format!("{a} or {b} arguments"),
                (a, None) => format!("at least {a} arguments"),
            };
            let at = match max {
                Some(m) if found > m => args[m].span.to(args[found - 1].span),
                _ => span,
            };
            self.problem(
                at,
                format!("`{}` takes {takes}, found {found}: {}", func.name(), func.usage()),
            );
        }
        Expr {
            node: Node::Call { func, args },
            span,
        }
    }
}
