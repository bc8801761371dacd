//! Formula text to tokens, with every lexical problem at once.

use super::{Problem, Span};

#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Tok {
    Num(f64),
    /// `90m`, `1h30m`: seconds.
    Dur(f64),
    Text(String),
    /// A bare name: a field, a function (before `(`) or a keyword's look-alike.
    Name(String),
    /// `{prep time}`: always a field.
    Braced(String),
    LParen,
    RParen,
    Comma,
    Plus,
    Minus,
    Star,
    Slash,
    Eq,
    Ne,
    Lt,
    Le,
    Gt,
    Ge,
    And,
    Or,
    Not,
    True,
    False,
    End,
}

impl Tok {
    /// How a message names the token.
    pub(crate) fn describe(&self) -> String {
        let s = match self {
            Tok::Num(_) => "a number",
            Tok::Dur(_) => "a duration",
            Tok::Text(_) => "a text",
            Tok::Name(n) | Tok::Braced(n) => return format!("`{n}`"),
            Tok::LParen => "`(`",
            Tok::RParen => "`)`",
            Tok::Comma => "`,`",
            Tok::Plus => "`+`",
            Tok::Minus => "`-`",
            Tok::Star => "`*`",
            Tok::Slash => "`/`",
            Tok::Eq => "`==`",
            Tok::Ne => "`!=`",
            Tok::Lt => "`<`",
            Tok::Le => "`<=`",
            Tok::Gt => "`>`",
            Tok::Ge => "`>=`",
            Tok::And => "`and`",
            Tok::Or => "`or`",
            Tok::Not => "`not`",
            Tok::True => "`true`",
            Tok::False => "`false`",
            Tok::End => "the end",
        };
        s.to_string()
    }
}

#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Token {
    pub tok: Tok,
    pub span: Span,
}

/// The tokens of `src`, always ending with [`Tok::End`], and the problems.
pub(crate) fn lex(src: &str) -> (Vec<Token>, Vec<Problem>) {
    let chars: Vec<char> = src.chars().collect();
    let mut out = Vec::new();
    let mut problems = Vec::new();
    let mut i = 0;
    let at = |i: usize| chars.get(i).copied();
    while i < chars.len() {
        let c = chars[i];
        let start = i;
        let one = |tok| (tok, 1);
        let (tok, len) = match c {
            c if c.is_whitespace() => {
                i += 1;
                continue;
            }
            '(' => one(Tok::LParen),
            ')' => one(Tok::RParen),
            ',' => one(Tok::Comma),
            '+' => one(Tok::Plus),
            '-' => one(Tok::Minus),
            '*' => one(Tok::Star),
            '/' => one(Tok::Slash),
            '=' if at(i + 1) == Some('=') => (Tok::Eq, 2),
            '=' => {
                problems.push(Problem::new(Span::new(i, i + 1), "write `==` to compare"));
                one(Tok::Eq)
            }
            '!' if at(i + 1) == Some('=') => (Tok::Ne, 2),
            '!' => {
                problems.push(Problem::new(Span::new(i, i + 1), "write `not` instead of `!`"));
                one(Tok::Not)
            }
            '<' if at(i + 1) == Some('=') => (Tok::Le, 2),
            '<' if at(i + 1) == Some('>') => {
                problems.push(Problem::new(Span::new(i, i + 2), "write `!=` instead of `<>`"));
                (Tok::Ne, 2)
            }
            '<' => one(Tok::Lt),
            '>' if at(i + 1) == Some('=') => (Tok::Ge, 2),
            '>' => one(Tok::Gt),
            '&' | '|' => {
                let (word, tok) = if c == '&' {
                    ("and", Tok::And)
                } else {
                    ("or", Tok::Or)
                };
                let len = if at(i + 1) == Some(c) { 2 } else { 1 };
                let written: String = chars[i..i + len].iter().collect();
                problems.push(Problem::new(
                    Span::new(i, i + len),
                    format!("write `{word}` instead of `{written}`"),
                ));
                (tok, len)
            }
            '\'' | '"' => match chars[i + 1..].iter().position(|&q| q == c) {
                Some(n) => (Tok::Text(chars[i + 1..i + 1 + n].iter().collect()), n + 2),
                None => {
                    problems.push(Problem::new(
                        Span::new(i, chars.len()),
                        format!("this text has no closing {c}"),
                    ));
                    (Tok::Text(chars[i + 1..].iter().collect()), chars.len() - i)
                }
            },
            '{' => match chars[i + 1..].iter().position(|&q| q == '}') {
                Some(n) => {
                    let name: String = chars[i + 1..i + 1 + n].iter().collect();
                    let name = name.trim().to_string();
                    if name.is_empty() {
                        problems.push(Problem::new(
                            Span::new(i, i + n + 2),
                            "`{}` names no field; write the field's name inside, e.g. `{prep time}`",
                        ));
                    }
                    (Tok::Braced(name), n + 2)
                }
                None => {
                    problems.push(Problem::new(
                        Span::new(i, chars.len()),
                        "this `{` has no closing `}`",
                    ));
                    (
                        Tok::Braced(chars[i + 1..].iter().collect::<String>().trim().to_string()),
                        chars.len() - i,
                    )
                }
            },
            c if c.is_ascii_digit() && duration(&chars[i..]).is_some() => {
                let (secs, len) = duration(&chars[i..]).unwrap_or_default();
                if !secs.is_finite() {
                    problems.push(Problem::new(Span::new(i, i + len), "this duration is too long"));
                }
                (Tok::Dur(if secs.is_finite() { secs } else { 0.0 }), len)
            }
            c if c.is_ascii_digit() || (c == '.' && at(i + 1).is_some_and(|d| d.is_ascii_digit())) => {
                let mut n = i;
                while at(n).is_some_and(|d| d.is_ascii_digit()) {
                    n += 1;
                }
                if at(n) == Some('.') && at(n + 1).is_some_and(|d| d.is_ascii_digit()) {
                    n += 1;
                    while at(n).is_some_and(|d| d.is_ascii_digit()) {
                        n += 1;
                    }
                }
                let text: String = chars[i..n].iter().collect();
                let value = text.parse::<f64>().unwrap_or(f64::INFINITY);
                if c == '.' {
                    problems.push(Problem::new(Span::new(i, n), format!("write `0{text}`")));
                } else if !value.is_finite() {
                    problems.push(Problem::new(Span::new(i, n), "this number is too large"));
                }
                (Tok::Num(if value.is_finite() { value } else { 0.0 }), n - i)
            }
            c if c == '_' || unicode_ident::is_xid_start(c) => {
                let mut n = i + 1;
                while at(n).is_some_and(unicode_ident::is_xid_continue) {
                    n += 1;
                }
                let word: String = chars[i..n].iter().collect();
                let tok = match word.as_str() {
                    "and" => Tok::And,
                    "or" => Tok::Or,
                    "not" => Tok::Not,
                    "true" => Tok::True,
                    "false" => Tok::False,
                    _ => Tok::Name(word),
                };
                (tok, n - i)
            }
            other => {
                problems.push(Problem::new(
                    Span::new(i, i + 1),
                    format!("unexpected character `{}`", other.escape_debug()),
                ));
                i += 1;
                continue;
            }
        };
        i += len;
        out.push(Token {
            tok,
            span: Span::new(start, i),
        });
    }
    out.push(Token {
        tok: Tok::End,
        span: Span::new(chars.len(), chars.len()),
    });
    (out, problems)
}

/// A duration written as a Duration field's value is (`25m`, `1h30m`,
/// `2d`, whole numbers each with a unit, no spaces) at the start of `s`:
/// its seconds and its length, or `None` when the word is not one.
fn duration(s: &[char]) -> Option<(f64, usize)> {
    let len = s
        .iter()
        .take_while(|c| unicode_ident::is_xid_continue(**c))
        .count();
    let mut secs = 0.0;
    let mut digits = String::new();
    for &c in &s[..len] {
        let unit = match c {
            '0'..='9' => {
                digits.push(c);
                continue;
            }
            'd' => 86_400.0,
            'h' => 3600.0,
            'm' => 60.0,
            's' => 1.0,
            _ => return None,
        };
        let n: f64 = digits.parse().ok()?;
        secs += n * unit;
        digits.clear();
    }
    digits.is_empty().then_some((secs, len))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn toks(src: &str) -> Vec<Tok> {
        let (t, p) = lex(src);
        assert!(p.is_empty(), "{p:?}");
        t.into_iter().map(|t| t.tok).collect()
    }

    #[test]
    fn reads_every_token() {
        assert_eq!(
            toks("12 2.5 'a' \"b\" hours {prep time} ( ) , + - * / == != < <= > >= and or not true false"),
            vec![
                Tok::Num(12.0),
                Tok::Num(2.5),
                Tok::Text("a".into()),
                Tok::Text("b".into()),
                Tok::Name("hours".into()),
                Tok::Braced("prep time".into()),
                Tok::LParen,
                Tok::RParen,
                Tok::Comma,
                Tok::Plus,
                Tok::Minus,
                Tok::Star,
                Tok::Slash,
                Tok::Eq,
                Tok::Ne,
                Tok::Lt,
                Tok::Le,
                Tok::Gt,
                Tok::Ge,
                Tok::And,
                Tok::Or,
                Tok::Not,
                Tok::True,
                Tok::False,
                Tok::End,
            ]
        );
    }

    #[test]
    fn a_number_with_units_is_a_duration() {
        assert_eq!(
            toks("90m 1h30m 2d 45s"),
            vec![
                Tok::Dur(5400.0),
                Tok::Dur(5400.0),
                Tok::Dur(172_800.0),
                Tok::Dur(45.0),
                Tok::End
            ]
        );
        // Not a duration: a number, then a name (a syntax error for the parser).
        assert_eq!(toks("2x"), vec![Tok::Num(2.0), Tok::Name("x".into()), Tok::End]);
        assert_eq!(toks("1h3"), vec![Tok::Num(1.0), Tok::Name("h3".into()), Tok::End]);
        let (_, p) = lex(&format!("{}h", "9".repeat(400)));
        assert_eq!(p[0].message, "this duration is too long");
    }

    #[test]
    fn a_quote_of_the_other_kind_is_text() {
        assert_eq!(toks(r#""it's""#)[0], Tok::Text("it's".into()));
        assert_eq!(toks(r#"'say "hi"'"#)[0], Tok::Text("say \"hi\"".into()));
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let (t, _) = lex("'é' + x");
        assert_eq!(t[1].span, Span::new(4, 5));
        assert_eq!(t[2].span, Span::new(6, 7));
    }

    #[test]
    fn every_lexical_problem_at_once() {
        let (_, p) = lex("a && b = c ! d # {x");
        let got: Vec<(usize, &str)> = p.iter().map(|p| (p.at(), p.message.as_str())).collect();
        assert_eq!(
            got,
            vec![
                (2, "write `and` instead of `&&`"),
                (7, "write `==` to compare"),
                (11, "write `not` instead of `!`"),
                (15, "unexpected character `#`"),
                (17, "this `{` has no closing `}`"),
            ]
        );
    }

    #[test]
    fn unclosed_text_and_odd_numbers_are_named() {
        let (_, p) = lex("x + 'abc");
        assert_eq!(p[0].at(), 4);
        assert_eq!(p[0].message, "this text has no closing '");
        let (_, p) = lex(".5");
        assert_eq!(p[0].message, "write `0.5`");
        let (_, p) = lex(&"9".repeat(400));
        assert_eq!(p[0].message, "this number is too large");
        let (_, p) = lex("{ }");
        assert!(p[0].message.starts_with("`{}` names no field"));
    }
}
