//! A RON reader that keeps the source position of every value.
//!
//! nook specs are plain RON, but serde values forget where they came from, and
//! a serde-driven parse stops at the first problem. This reader builds a small
//! tree with spans so that validation can report every problem of a file at
//! once, each at the line and column of the key it is about. It is iterative
//! where depth is unbounded by design and refuses nesting deeper than
//! [`MAX_DEPTH`], so hostile input can never overflow the stack.

use std::fmt;

/// Deepest nesting accepted; real specs use four or five levels.
pub const MAX_DEPTH: usize = 48;

/// A 1-based line and column (columns count characters, not bytes).
#[derive(
    Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default, serde::Serialize, serde::Deserialize,
)]
pub struct Pos {
    pub line: u32,
    pub col: u32,
}

impl fmt::Display for Pos {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Span {
    pub start: Pos,
    pub end: Pos,
}

/// An identifier with its position (a key, a kind, a variant name).
#[derive(Clone, Debug, PartialEq)]
pub struct Ident {
    pub name: String,
    pub span: Span,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    pub span: Span,
    pub kind: NodeKind,
}

#[derive(Clone, Debug, PartialEq)]
pub enum NodeKind {
    Str(String),
    Num(f64),
    Bool(bool),
    /// A bare identifier: a unit variant such as `Bool`, `Count`, `Today`.
    Ident(String),
    /// `Name(...)` or an unnamed `(...)`.
    Call {
        name: Option<Ident>,
        args: Args,
    },
    List(Vec<Node>),
    Map(Vec<(Node, Node)>),
}

#[derive(Clone, Debug, PartialEq)]
pub enum Args {
    /// `(key: value, ...)`; also the empty `()`.
    Named(Vec<(Ident, Node)>),
    /// `(value, ...)`.
    Positional(Vec<Node>),
}

impl Node {
    /// What the value is, in words, for "expected X, found Y" messages.
    pub fn describe(&self) -> String {
        match &self.kind {
            NodeKind::Str(s) => format!("the text {}", quote(s)),
            NodeKind::Num(n) => format!("the number {n}"),
            NodeKind::Bool(b) => format!("`{b}`"),
            NodeKind::Ident(i) => format!("`{i}`"),
            NodeKind::Call { name: Some(n), .. } => format!("`{}(...)`", n.name),
            NodeKind::Call { name: None, .. } => "a `(...)` group".into(),
            NodeKind::List(_) => "a list `[...]`".into(),
            NodeKind::Map(_) => "a map `{...}`".into(),
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct SyntaxError {
    pub pos: Pos,
    pub message: String,
}

#[derive(Clone, Debug, PartialEq)]
enum Tok {
    Open(char),
    Close(char),
    Colon,
    Comma,
    Str(String),
    Num(f64),
    Ident(String),
    Eof,
}

/// `s` in double quotes for a message, cut short when it is long.
pub fn quote(s: &str) -> String {
    const MAX: usize = 40;
    if s.chars().count() > MAX {
        let head: String = s.chars().take(MAX).collect();
        format!("{:?}", head + "…")
    } else {
        format!("{s:?}")
    }
}

/// The extensions RON's `#![enable(...)]` knows.
const EXTENSIONS: [&str; 4] = [
    "unwrap_newtypes",
    "implicit_some",
    "unwrap_variant_newtypes",
    "explicit_struct_names",
];

/// Words RON reads as floating-point numbers no spec can use.
const NOT_NUMBERS: [&str; 6] = ["inf", "inff32", "inff64", "NaN", "NaNf32", "NaNf64"];

/// RON's whitespace (Unicode's Pattern_White_Space), and nothing more: a
/// no-break space is a character to RON, so it is one to nook.
fn is_ron_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t'
            | '\n'
            | '\r'
            | '\x0B'
            | '\x0C'
            | '\u{85}'
            | '\u{200E}'
            | '\u{200F}'
            | '\u{2028}'
            | '\u{2029}'
    )
}

fn is_ident_start(c: char) -> bool {
    c == '_' || unicode_ident::is_xid_start(c)
}

/// Whether a token can start a value or a key (so a ',' before it may be missing).
fn starts_value(t: &Tok) -> bool {
    matches!(t, Tok::Open(_) | Tok::Str(_) | Tok::Num(_) | Tok::Ident(_))
}

fn tok_text(t: &Tok) -> String {
    match t {
        Tok::Open(c) | Tok::Close(c) => format!("'{c}'"),
        Tok::Colon => "':'".into(),
        Tok::Comma => "','".into(),
        Tok::Str(s) => format!("the text {}", quote(s)),
        Tok::Num(n) => format!("the number {n}"),
        Tok::Ident(i) => format!("`{i}`"),
        Tok::Eof => "the end of the file".into(),
    }
}

struct Lexer<'a> {
    chars: std::iter::Peekable<std::str::Chars<'a>>,
    pos: Pos,
}

impl<'a> Lexer<'a> {
    fn new(src: &'a str) -> Self {
        // A byte order mark is no character an editor shows: it takes no column.
        let src = src.strip_prefix('\u{feff}').unwrap_or(src);
        Lexer {
            chars: src.chars().peekable(),
            pos: Pos { line: 1, col: 1 },
        }
    }

    fn bump(&mut self) -> Option<char> {
        let c = self.chars.next()?;
        if c == '\n' {
            self.pos.line += 1;
            self.pos.col = 1;
        } else {
            self.pos.col += 1;
        }
        Some(c)
    }

    fn err<T>(&self, pos: Pos, message: impl Into<String>) -> Result<T, SyntaxError> {
        Err(SyntaxError {
            pos,
            message: message.into(),
        })
    }

    /// Skips RON's whitespace and `//` and (nested) `/* */` comments.
    fn skip_trivia(&mut self) -> Result<(), SyntaxError> {
        loop {
            match self.chars.peek() {
                Some(c) if is_ron_space(*c) => {
                    self.bump();
                }
                Some('/') => {
                    let start = self.pos;
                    self.bump();
                    match self.chars.peek() {
                        Some('/') => {
                            while let Some(c) = self.bump() {
                                if c == '\n' {
                                    break;
                                }
                            }
                        }
                        Some('*') => {
                            self.bump();
                            let mut depth = 1usize;
                            while depth > 0 {
                                match self.bump() {
                                    None => {
                                        return self
                                            .err(start, "unterminated comment: a closing */ is missing");
                                    }
                                    Some('*') if self.chars.peek() == Some(&'/') => {
                                        self.bump();
                                        depth -= 1;
                                    }
                                    Some('/') if self.chars.peek() == Some(&'*') => {
                                        self.bump();
                                        depth += 1;
                                    }
                                    _ => {}
                                }
                            }
                        }
                        _ => return self.err(start, "unexpected '/'; comments start with //"),
                    }
                }
                _ => return Ok(()),
            }
        }
    }

    /// Reads the `#![...]` attributes RON allows at the start of a file:
    /// `#![enable(extension, ...)]` with extensions RON knows, and
    /// `#![type = "..."]` or `#![schema = "..."]`. nook reads specs the same
    /// with or without them.
    fn attributes(&mut self) -> Result<(), SyntaxError> {
        const FORM: &str = "an attribute is written #![enable(implicit_some)], at the start of the file";
        const UNCLOSED: &str = "unterminated #![...] attribute";
        loop {
            self.skip_trivia()?;
            if self.chars.peek() != Some(&'#') {
                return Ok(());
            }
            let start = self.pos;
            for c in ['#', '!', '['] {
                if self.chars.peek() != Some(&c) {
                    let at_end = self.chars.peek().is_none();
                    return self.err(start, if at_end { UNCLOSED } else { FORM });
                }
                self.bump();
                self.skip_trivia()?;
            }
            let word = self.word();
            self.skip_trivia()?;
            match word.as_str() {
                "enable" => {
                    if self.bump() != Some('(') {
                        return self.err(start, FORM);
                    }
                    loop {
                        self.skip_trivia()?;
                        let at = self.pos;
                        let name = self.word();
                        if name.is_empty() {
                            return self.err(at, FORM);
                        }
                        if !EXTENSIONS.contains(&name.as_str()) {
                            return self.err(
                                at,
                                format!(
                                    "unknown RON extension `{name}`; RON knows {}",
                                    EXTENSIONS.join(", ")
                                ),
                            );
                        }
                        self.skip_trivia()?;
                        match self.bump() {
                            Some(',') => {
                                self.skip_trivia()?;
                                if self.chars.peek() == Some(&')') {
                                    self.bump();
                                    break;
                                }
                            }
                            Some(')') => break,
                            _ => return self.err(start, FORM),
                        }
                    }
                }
                "type" | "schema" => {
                    if self.bump() != Some('=') {
                        return self.err(start, FORM);
                    }
                    self.skip_trivia()?;
                    let at = self.pos;
                    match self.chars.peek().copied() {
                        Some('"') => self.string(at)?,
                        Some('r') if self.raw_string_ahead() => self.raw_string(at)?,
                        _ => return self.err(at, FORM),
                    };
                }
                _ => return self.err(start, FORM),
            }
            self.skip_trivia()?;
            if self.bump() != Some(']') {
                return self.err(start, UNCLOSED);
            }
        }
    }

    /// An identifier's characters (RON's: Unicode XID), or "" when none start here.
    fn word(&mut self) -> String {
        let mut s = String::new();
        if let Some(&c) = self.chars.peek()
            && is_ident_start(c)
        {
            while let Some(&c) = self.chars.peek() {
                if !unicode_ident::is_xid_continue(c) {
                    break;
                }
                s.push(c);
                self.bump();
            }
        }
        s
    }

    fn next(&mut self) -> Result<(Tok, Span), SyntaxError> {
        self.skip_trivia()?;
        let start = self.pos;
        let Some(&c) = self.chars.peek() else {
            return Ok((Tok::Eof, Span { start, end: start }));
        };
        let tok = match c {
            '(' | '[' | '{' => {
                self.bump();
                Tok::Open(c)
            }
            ')' | ']' | '}' => {
                self.bump();
                Tok::Close(c)
            }
            ':' => {
                self.bump();
                Tok::Colon
            }
            ',' => {
                self.bump();
                Tok::Comma
            }
            '"' => Tok::Str(self.string(start)?),
            'r' if self.raw_string_ahead() => Tok::Str(self.raw_string(start)?),
            'r' if self.chars.clone().nth(1) == Some('#') => return Err(self.raw_ident(start)),
            'b' if matches!(self.chars.clone().nth(1), Some('"' | '\''))
                || self.ahead_is("br\"")
                || self.ahead_is("br#") =>
            {
                return self.err(
                    start,
                    "a byte string (b\"...\") or byte (b'.'); a spec holds text: write it \"like this\"",
                );
            }
            c if c.is_ascii_digit() || c == '-' || c == '+' || c == '.' => self.number(start)?,
            c if is_ident_start(c) => Tok::Ident(self.word()),
            '#' => {
                let message = if self.ahead_is("#!") {
                    "a #![...] attribute goes at the start of the file, before the spec"
                } else {
                    "`#[...]` is no RON attribute; RON's are written #![enable(...)], at the start of the file"
                };
                return self.err(start, message);
            }
            '\u{feff}' => {
                return self.err(
                    start,
                    "a byte order mark (U+FEFF) in the middle of the file: delete it",
                );
            }
            '\u{a0}' => {
                return self.err(
                    start,
                    "a no-break space (U+00A0), which RON does not read as space: type a plain space",
                );
            }
            c if c.is_whitespace() => {
                return self.err(
                    start,
                    format!(
                        "U+{:04X}, a space RON does not read as space: type a plain space",
                        c as u32
                    ),
                );
            }
            '\'' => {
                // Quote back what was meant, when the closing ' is on this line.
                let inner: String = self
                    .chars
                    .clone()
                    .skip(1)
                    .take_while(|c| *c != '\'' && *c != '\n')
                    .collect();
                let closed = self.chars.clone().nth(1 + inner.chars().count()) == Some('\'');
                let example = if closed {
                    quote(&inner)
                } else {
                    "\"like this\"".into()
                };
                return self.err(start, format!("text is written in double quotes: {example}"));
            }
            '<' | '=' | '>' if start.col == 1 && self.chars.clone().take(7).all(|d| d == c) => {
                return self.err(
                    start,
                    "a git conflict marker: two versions of this spec are mixed here; \
                     keep one (`nook sync --resolve APP --mine|--theirs|--both`) or edit the file",
                );
            }
            c => return self.err(start, format!("unexpected character {c:?}")),
        };
        Ok((tok, Span { start, end: self.pos }))
    }

    fn ahead_is(&self, s: &str) -> bool {
        let mut it = self.chars.clone();
        s.chars().all(|c| it.next() == Some(c))
    }

    /// `r#name`: RON's raw identifier, which no spec needs.
    #[cold]
    fn raw_ident(&self, start: Pos) -> SyntaxError {
        let name: String = self
            .chars
            .clone()
            .skip(2)
            .take_while(|c| matches!(c, '.' | '+' | '-') || unicode_ident::is_xid_continue(*c))
            .collect();
        SyntaxError {
            pos: start,
            message: format!("`r#{name}` is a raw identifier, which specs do not use: write `{name}`"),
        }
    }

    fn raw_string_ahead(&self) -> bool {
        let mut it = self.chars.clone();
        it.next();
        loop {
            match it.next() {
                Some('#') => continue,
                Some('"') => return true,
                _ => return false,
            }
        }
    }

    fn raw_string(&mut self, start: Pos) -> Result<String, SyntaxError> {
        self.bump(); // r
        let mut hashes = 0;
        while self.chars.peek() == Some(&'#') {
            self.bump();
            hashes += 1;
        }
        self.bump(); // "
        let mut s = String::new();
        loop {
            match self.bump() {
                None => return self.err(start, "unterminated raw string"),
                Some('"') => {
                    let mut it = self.chars.clone();
                    if (0..hashes).all(|_| it.next() == Some('#')) {
                        for _ in 0..hashes {
                            self.bump();
                        }
                        return Ok(s);
                    }
                    s.push('"');
                }
                Some(c) => s.push(c),
            }
        }
    }

    fn string(&mut self, start: Pos) -> Result<String, SyntaxError> {
        self.bump(); // opening quote
        let mut s = String::new();
        loop {
            let here = self.pos;
            match self.bump() {
                None => return self.err(start, "unterminated text: a closing \" is missing"),
                Some('"') => return Ok(s),
                Some('\\') => match self.bump() {
                    None => return self.err(start, "unterminated text: a closing \" is missing"),
                    Some('n') => s.push('\n'),
                    Some('t') => s.push('\t'),
                    Some('r') => s.push('\r'),
                    Some('0') => s.push('\0'),
                    Some('\\') => s.push('\\'),
                    Some('"') => s.push('"'),
                    Some('\'') => s.push('\''),
                    Some('u') => {
                        if self.bump() != Some('{') {
                            return self.err(here, "a \\u escape is written \\u{1F600}");
                        }
                        let mut hex = String::new();
                        loop {
                            match self.bump() {
                                Some('}') => break,
                                Some(c) if c.is_ascii_hexdigit() && hex.len() < 6 => hex.push(c),
                                _ => return self.err(here, "a \\u escape is written \\u{1F600}"),
                            }
                        }
                        if hex.is_empty() {
                            return self.err(here, "a \\u escape is written \\u{1F600}");
                        }
                        match u32::from_str_radix(&hex, 16).ok().and_then(char::from_u32) {
                            Some(c) => s.push(c),
                            None => return self.err(here, format!("\\u{{{hex}}} is no character")),
                        }
                    }
                    Some('x') => s.push(self.byte_escapes(here)?),
                    // A line break after `\` continues the text on the next
                    // line, without the break and the next line's indent.
                    Some('\n') => self.skip_continuation(),
                    Some('\r') if self.chars.peek() == Some(&'\n') => {
                        self.bump();
                        self.skip_continuation();
                    }
                    _ => {
                        return self.err(here, "unknown escape; use \\n, \\t, \\\", \\\\ or \\u{...}");
                    }
                },
                Some(c) => s.push(c),
            }
        }
    }

    fn skip_continuation(&mut self) {
        while matches!(self.chars.peek(), Some(' ' | '\t' | '\n' | '\r')) {
            self.bump();
        }
    }

    /// After `\x`: two hex digits, a character of its own below 0x80, or
    /// the first byte of a character's UTF-8, whose other bytes follow as
    /// more `\x` escapes.
    fn byte_escapes(&mut self, here: Pos) -> Result<char, SyntaxError> {
        let mut bytes = Vec::new();
        loop {
            let mut hex = String::new();
            while hex.len() < 2
                && let Some(c) = self.chars.next_if(char::is_ascii_hexdigit)
            {
                self.pos.col += 1;
                hex.push(c);
            }
            let Ok(b) = u8::from_str_radix(&hex, 16) else {
                return self.err(here, "a \\x escape is two hex digits: \\x41");
            };
            if hex.len() < 2 {
                return self.err(here, "a \\x escape is two hex digits: \\x41");
            }
            bytes.push(b);
            match std::str::from_utf8(&bytes) {
                Ok(text) => return Ok(text.chars().next().expect("one character")),
                Err(e) if e.error_len().is_none() && bytes.len() < 4 && self.ahead_is("\\x") => {
                    self.bump();
                    self.bump();
                }
                Err(_) => {
                    let written: String = bytes.iter().map(|b| format!("\\x{b:02X}")).collect();
                    return self.err(
                        here,
                        format!("{written} is no character: \\x escapes above \\x7F spell one in UTF-8 (\\xC3\\xA9 is é)"),
                    );
                }
            }
        }
    }

    fn number(&mut self, start: Pos) -> Result<Tok, SyntaxError> {
        // Take the whole run of number-like characters, so that a message can
        // quote all of `--5` or `25m`, not just its first part.
        let mut s = String::new();
        while let Some(&c) = self.chars.peek() {
            if c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '+') {
                s.push(c);
                self.bump();
            } else {
                break;
            }
        }
        match read_number(&s) {
            Ok(n) => Ok(Tok::Num(n)),
            Err(message) => self.err(start, message),
        }
    }
}

/// Reads a RON number as RON does: an optional sign, then an integer in
/// `0x`, `0o` or `0b` notation, or a decimal integer or fraction with an
/// optional exponent. `_` separates digits, but never starts them or follows
/// the decimal point. Integers are exact to 64 bits (decimal ones beyond
/// that are read as fractions, as RON does).
fn read_number(s: &str) -> Result<f64, String> {
    let not_a_number = || {
        let duration_like = s.starts_with(|c: char| c.is_ascii_digit())
            && s.chars().any(|c| c.is_ascii_alphabetic())
            && s.chars()
                .all(|c| c.is_ascii_digit() || matches!(c, 'h' | 'm' | 's' | 'd'));
        if duration_like {
            format!("`{s}` is not a number; a duration is text in quotes: \"{s}\"")
        } else {
            format!("`{s}` is not a number")
        }
    };
    let too_large = || format!("`{s}` is too large a number");
    let (neg, body) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let radix = match body.get(..2) {
        Some("0x") => Some(16),
        Some("0o") => Some(8),
        Some("0b") => Some(2),
        _ => None,
    };
    if let Some(r) = radix {
        let digits = &body[2..];
        if digits.is_empty() || digits.starts_with('_') || !digits.chars().all(|c| c == '_' || c.is_digit(r))
        {
            return Err(not_a_number());
        }
        let clean: String = digits.chars().filter(|c| *c != '_').collect();
        let n = u64::from_str_radix(&clean, r).map_err(|_| too_large())?;
        // As RON: a negative integer is an i64.
        if neg && n > 1 << 63 {
            return Err(too_large());
        }
        return Ok(if neg { -(n as f64) } else { n as f64 });
    }
    let mut clean = String::with_capacity(body.len());
    let mut after_digit = false;
    for c in body.chars() {
        match c {
            '_' if after_digit => continue,
            '0'..='9' | 'e' | 'E' => after_digit = true,
            '.' | '+' | '-' => after_digit = false,
            _ => return Err(not_a_number()),
        }
        clean.push(c);
    }
    if !clean.starts_with(|c: char| c.is_ascii_digit() || c == '.') || clean.contains("..") {
        return Err(not_a_number());
    }
    match clean.parse::<f64>() {
        Ok(n) if n.is_finite() => Ok(if neg { -n } else { n }),
        Ok(_) => Err(too_large()),
        Err(_) => Err(not_a_number()),
    }
}

struct Parser<'a> {
    lex: Lexer<'a>,
    ahead: std::collections::VecDeque<(Tok, Span)>,
    /// The brackets open around the current position, innermost last.
    open: Vec<(char, Pos)>,
}

impl Parser<'_> {
    fn peek_nth(&mut self, n: usize) -> Result<&(Tok, Span), SyntaxError> {
        while self.ahead.len() <= n {
            let t = self.lex.next()?;
            self.ahead.push_back(t);
        }
        Ok(&self.ahead[n])
    }

    fn peek(&mut self) -> Result<&(Tok, Span), SyntaxError> {
        self.peek_nth(0)
    }

    fn take(&mut self) -> Result<(Tok, Span), SyntaxError> {
        match self.ahead.pop_front() {
            Some(t) => Ok(t),
            None => self.lex.next(),
        }
    }

    /// An unexpected token. The end of the file inside brackets is reported
    /// at the innermost bracket left open: that is where the fix goes.
    #[cold]
    #[inline(never)]
    fn unexpected(&self, tok: &Tok, span: Span, message: impl FnOnce() -> String) -> SyntaxError {
        match (tok, self.open.last()) {
            (Tok::Eof, Some(&(c, pos))) => SyntaxError {
                pos,
                message: format!("this '{c}' is never closed"),
            },
            _ => SyntaxError {
                pos: span.start,
                message: message(),
            },
        }
    }

    #[cold]
    #[inline(never)]
    fn not_a_value(&self, tok: &Tok, span: Span) -> SyntaxError {
        let message = match tok {
            Tok::Close(c) if self.open.last().is_some_and(|o| closer(o.0) == *c) => {
                format!("expected a value before '{c}'")
            }
            Tok::Close(c) => format!("unexpected '{c}': no bracket is open here for it to close"),
            _ => format!("expected a value, found {}", tok_text(tok)),
        };
        self.unexpected(tok, span, || message)
    }

    #[cold]
    #[inline(never)]
    fn not_an_option(span: Span, message: &str) -> SyntaxError {
        SyntaxError {
            pos: span.start,
            message: message.into(),
        }
    }

    #[cold]
    #[inline(never)]
    fn too_deep(span: Span) -> SyntaxError {
        SyntaxError {
            pos: span.start,
            message: format!("values are nested more than {MAX_DEPTH} levels deep"),
        }
    }

    // The functions below recurse once per level of nesting. They keep their
    // frames small (messages are built in the cold functions above), since
    // unoptimized builds give every local its own stack slot.

    fn value(&mut self, depth: usize) -> Result<Node, SyntaxError> {
        let (tok, span) = self.take()?;
        if depth > MAX_DEPTH {
            return Err(Self::too_deep(span));
        }
        let (kind, end) = match tok {
            Tok::Str(s) => (NodeKind::Str(s), span.end),
            Tok::Num(n) => (NodeKind::Num(n), span.end),
            Tok::Ident(i) if i == "true" || i == "false" => (NodeKind::Bool(i == "true"), span.end),
            Tok::Ident(i) if NOT_NUMBERS.contains(&i.as_str()) => {
                return Err(SyntaxError {
                    pos: span.start,
                    message: format!("`{i}` is no number a spec can hold"),
                });
            }
            Tok::Ident(i) if i == "None" && matches!(self.peek()?.0, Tok::Open('(')) => {
                return Err(Self::not_an_option(
                    span,
                    "`None` holds no value; write None, or Some(...)",
                ));
            }
            Tok::Ident(i) if i == "Some" => {
                let (Tok::Open('('), open) = self.peek()? else {
                    return Err(Self::not_an_option(span, "`Some` holds one value: Some(...)"));
                };
                let open = open.start;
                self.take()?;
                let (args, end) = self.args(depth, open)?;
                if !matches!(&args, Args::Positional(items) if items.len() == 1) {
                    return Err(Self::not_an_option(span, "`Some` holds one value: Some(...)"));
                }
                let name = Some(Ident { name: i, span });
                (NodeKind::Call { name, args }, end)
            }
            Tok::Ident(i) => {
                if let (Tok::Open('('), open) = self.peek()? {
                    let open = open.start;
                    self.take()?;
                    let (args, end) = self.args(depth, open)?;
                    let name = Some(Ident { name: i, span });
                    (NodeKind::Call { name, args }, end)
                } else {
                    (NodeKind::Ident(i), span.end)
                }
            }
            Tok::Open('(') => {
                let (args, end) = self.args(depth, span.start)?;
                (NodeKind::Call { name: None, args }, end)
            }
            Tok::Open('[') => {
                let mut items = Vec::new();
                let end = self.seq(('[', span.start), depth, &mut |p, d| {
                    items.push(p.value(d)?);
                    Ok(())
                })?;
                (NodeKind::List(items), end)
            }
            Tok::Open('{') => {
                let mut entries = Vec::new();
                let end = self.seq(('{', span.start), depth, &mut |p, d| {
                    let k = p.value(d)?;
                    p.expect_colon(None)?;
                    let v = p.value(d)?;
                    entries.push((k, v));
                    Ok(())
                })?;
                (NodeKind::Map(entries), end)
            }
            other => return Err(self.not_a_value(&other, span)),
        };
        Ok(Node {
            span: Span {
                start: span.start,
                end,
            },
            kind,
        })
    }

    /// Takes a ':' after a map key (`key` None) or after a named key.
    fn expect_colon(&mut self, key: Option<&str>) -> Result<(), SyntaxError> {
        let (tok, span) = self.take()?;
        if tok == Tok::Colon {
            return Ok(());
        }
        Err(self.unexpected(&tok, span, || match key {
            Some(key) => format!("expected ':' after the key `{key}`, found {}", tok_text(&tok)),
            None => format!("expected ':' after a map key, found {}", tok_text(&tok)),
        }))
    }

    /// Reads comma-separated elements up to the closer of `open`; returns the
    /// position after it.
    fn seq(
        &mut self,
        open: (char, Pos),
        depth: usize,
        element: &mut dyn FnMut(&mut Self, usize) -> Result<(), SyntaxError>,
    ) -> Result<Pos, SyntaxError> {
        let close = closer(open.0);
        self.open.push(open);
        loop {
            if let (Tok::Close(c), span) = self.peek()?
                && *c == close
            {
                let end = span.end;
                self.take()?;
                self.open.pop();
                return Ok(end);
            }
            element(self, depth + 1)?;
            let (tok, span) = self.take()?;
            match tok {
                Tok::Comma => continue,
                Tok::Close(c) if c == close => {
                    self.open.pop();
                    return Ok(span.end);
                }
                other => return Err(self.no_separator(&other, span, close)),
            }
        }
    }

    #[cold]
    #[inline(never)]
    fn no_separator(&self, tok: &Tok, span: Span, close: char) -> SyntaxError {
        self.unexpected(tok, span, || {
            if starts_value(tok) {
                format!("a ',' is missing before {}", tok_text(tok))
            } else {
                format!("expected ',' or '{close}', found {}", tok_text(tok))
            }
        })
    }

    fn args(&mut self, depth: usize, open: Pos) -> Result<(Args, Pos), SyntaxError> {
        // Named when the first element is `ident :`.
        let first_is_key = matches!(&self.peek_nth(0)?.0, Tok::Ident(i) if i != "true" && i != "false");
        let named = first_is_key && matches!(self.peek_nth(1)?.0, Tok::Colon);
        if first_is_key && !named {
            self.check_missing_colon()?;
        }
        if named {
            let mut fields = Vec::new();
            let end = self.seq(('(', open), depth, &mut |p, _| {
                let (tok, span) = p.take()?;
                let Tok::Ident(name) = tok else {
                    return Err(p.not_a_key(&tok, span));
                };
                p.expect_colon(Some(&name))?;
                let v = p.value(depth + 1)?;
                fields.push((Ident { name, span }, v));
                Ok(())
            })?;
            Ok((Args::Named(fields), end))
        } else {
            let mut items = Vec::new();
            let end = self.seq(('(', open), depth, &mut |p, d| {
                items.push(p.value(d)?);
                Ok(())
            })?;
            if items.is_empty() {
                Ok((Args::Named(Vec::new()), end))
            } else {
                Ok((Args::Positional(items), end))
            }
        }
    }

    /// `(name "x")`: a key in lower case followed by a value lacks its ':'.
    #[cold]
    #[inline(never)]
    fn check_missing_colon(&mut self) -> Result<(), SyntaxError> {
        let key = match &self.peek_nth(0)?.0 {
            Tok::Ident(i) if i.starts_with(|c: char| c.is_lowercase()) => i.clone(),
            _ => return Ok(()),
        };
        let (second, span) = self.peek_nth(1)?;
        if matches!(second, Tok::Str(_) | Tok::Num(_)) {
            return Err(SyntaxError {
                pos: span.start,
                message: format!("expected ':' after the key `{key}`, found {}", tok_text(second)),
            });
        }
        Ok(())
    }

    #[cold]
    #[inline(never)]
    fn not_a_key(&self, tok: &Tok, span: Span) -> SyntaxError {
        self.unexpected(tok, span, || {
            format!("expected a key such as `name:`, found {}", tok_text(tok))
        })
    }
}

fn closer(open: char) -> char {
    match open {
        '(' => ')',
        '[' => ']',
        _ => '}',
    }
}

/// Whether `src` holds nothing but whitespace, comments and attributes.
pub fn is_blank(src: &str) -> bool {
    let mut lex = Lexer::new(src);
    lex.attributes().is_ok() && lex.chars.peek().is_none()
}

/// Parses one RON value that must fill the whole text.
pub fn parse(src: &str) -> Result<Node, SyntaxError> {
    let mut p = Parser {
        lex: Lexer::new(src),
        ahead: Default::default(),
        open: Vec::new(),
    };
    p.lex.attributes()?;
    if matches!(p.peek()?.0, Tok::Eof) {
        return Err(SyntaxError {
            pos: Pos { line: 1, col: 1 },
            message: if src.trim_start_matches('\u{feff}').trim().is_empty() {
                "the file is empty".into()
            } else {
                "the file holds only comments".into()
            },
        });
    }
    let node = p.value(0)?;
    let (tok, span) = p.take()?;
    if tok != Tok::Eof {
        return Err(SyntaxError {
            pos: span.start,
            message: match tok {
                Tok::Close(c) => format!("unexpected '{c}': no bracket is open here for it to close"),
                _ => format!(
                    "expected the end of the file after the spec, found {}",
                    tok_text(&tok)
                ),
            },
        });
    }
    Ok(node)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(src: &str) -> Node {
        parse(src).unwrap_or_else(|e| panic!("{src}: {e:?}"))
    }

    #[test]
    fn reads_the_design_forms() {
        let n = ok(r#"List(name: "Groceries")"#);
        let NodeKind::Call {
            name: Some(k),
            args: Args::Named(f),
        } = n.kind
        else {
            panic!()
        };
        assert_eq!(k.name, "List");
        assert_eq!(f[0].0.name, "name");
        assert_eq!(f[0].1.span.start, Pos { line: 1, col: 12 });
        ok(r#"Timer(name: "Tea", phases: [(name: "Steep", length: "4m")])"#);
        ok("Tracker(name: \"W\", goal: Daily(8), // c\n /* x /* y */ */ series: [\"a\",],)");
        ok(
            r#"List(fields: { "t": Text(required: true), "o": Bool }, view: Board(by: "s"), summary: [Count, Sum("p")])"#,
        );
        ok("#![enable(implicit_some)]\nList(name: r#\"a \"q\"\"#)");
        ok("List(n: -1.5e3, m: 1_000, e: ())");
    }

    #[test]
    fn positions_count_characters() {
        let n = ok("List(\n  icon: \"📚\", name: \"x\")");
        let NodeKind::Call {
            args: Args::Named(f), ..
        } = n.kind
        else {
            panic!()
        };
        assert_eq!(f[1].0.span.start, Pos { line: 2, col: 14 });
    }

    #[test]
    fn errors_have_positions() {
        let e = parse("List(name: \"x\" icon: \"y\")").unwrap_err();
        assert_eq!(e.pos, Pos { line: 1, col: 16 });
        assert_eq!(e.message, "a ',' is missing before `icon`");
        let e = parse("List(name: \"x\"]").unwrap_err();
        assert_eq!(
            (e.pos, e.message.as_str()),
            (Pos { line: 1, col: 15 }, "expected ',' or ')', found ']'")
        );
        let e = parse("List(\n  name: \"x\",\n  view: Board(by: \"s\"").unwrap_err();
        assert_eq!(
            (e.pos, e.message.as_str()),
            (Pos { line: 3, col: 14 }, "this '(' is never closed")
        );
        let e = parse("List(name \"x\")").unwrap_err();
        assert_eq!(
            e.message,
            "expected ':' after the key `name`, found the text \"x\""
        );
        assert!(
            parse("List(name: \"x")
                .unwrap_err()
                .message
                .contains("unterminated")
        );
        assert!(parse("").unwrap_err().message.contains("empty"));
        assert!(parse("// c").unwrap_err().message.contains("only comments"));
        assert!(
            parse("List() List()")
                .unwrap_err()
                .message
                .contains("end of the file")
        );
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_crash() {
        let deep = "[".repeat(100_000);
        assert!(parse(&deep).unwrap_err().message.contains("nested"));
        let deep = "A(".repeat(100_000);
        assert!(parse(&deep).unwrap_err().message.contains("nested"));
        let deep = "{".repeat(100_000);
        assert!(parse(&deep).unwrap_err().message.contains("nested"));
    }

    #[test]
    fn numbers() {
        assert_eq!(read_number("1_000"), Ok(1000.0));
        assert_eq!(read_number("-1.5e3"), Ok(-1500.0));
        assert_eq!(read_number(".5"), Ok(0.5));
        assert_eq!(read_number("0x10"), Ok(16.0));
        assert_eq!(read_number("-0b101"), Ok(-5.0));
        assert_eq!(read_number("1e999").unwrap_err(), "`1e999` is too large a number");
        assert_eq!(read_number("--5").unwrap_err(), "`--5` is not a number");
        assert_eq!(
            read_number("25m").unwrap_err(),
            "`25m` is not a number; a duration is text in quotes: \"25m\""
        );
        assert!(read_number("0xZZ").is_err());
        assert!(read_number("inf").is_err());
    }

    #[test]
    fn a_leading_byte_order_mark_takes_no_column() {
        let n = ok("\u{feff}List(name: \"x\")");
        assert_eq!(n.span.start, Pos { line: 1, col: 1 });
        assert!(is_blank("\u{feff} // c\n /* d */"));
        assert!(!is_blank("/* open"));
    }
}
