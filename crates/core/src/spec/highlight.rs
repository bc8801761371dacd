//! Syntax colouring for the spec editor: each line split into kinds of
//! token. Tolerant of anything half-typed; it never fails. Pure, so the UI
//! only maps kinds to theme colours.

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tok {
    Plain,
    Comment,
    Str,
    Number,
    /// A field name before `:`.
    Key,
    /// A capitalised name: `List`, `Text`, `Daily`.
    Kind,
    /// `true`, `false`.
    Literal,
    Punct,
}

/// Block comments nest, so the state carried between lines is a depth.
pub type State = u32;

/// Tokens of one line as (start, end, kind) in character columns, and the
/// state the next line starts in.
pub fn line(text: &str, state: State) -> (Vec<(usize, usize, Tok)>, State) {
    let chars: Vec<char> = text.chars().collect();
    let mut out = Vec::new();
    let mut depth = state;
    let mut i = 0;
    let n = chars.len();
    while i < n {
        let start = i;
        if depth > 0 {
            while i < n && depth > 0 {
                if chars[i] == '*' && chars.get(i + 1) == Some(&'/') {
                    depth -= 1;
                    i += 2;
                } else if chars[i] == '/' && chars.get(i + 1) == Some(&'*') {
                    depth += 1;
                    i += 2;
                } else {
                    i += 1;
                }
            }
            out.push((start, i, Tok::Comment));
            continue;
        }
        let c = chars[i];
        let tok = if c == '/' && chars.get(i + 1) == Some(&'/') {
            i = n;
            Tok::Comment
        } else if c == '/' && chars.get(i + 1) == Some(&'*') {
            depth = 1;
            i += 2;
            out.push((start, i, Tok::Comment));
            continue;
        } else if c == '"' {
            i += 1;
            while i < n && chars[i] != '"' {
                i += if chars[i] == '\\' { 2 } else { 1 };
            }
            i = (i + 1).min(n);
            Tok::Str
        } else if c.is_ascii_digit() || (c == '-' && chars.get(i + 1).is_some_and(char::is_ascii_digit)) {
            i += 1;
            while i < n && (chars[i].is_ascii_alphanumeric() || chars[i] == '.' || chars[i] == '_') {
                i += 1;
            }
            Tok::Number
        } else if c.is_alphabetic() || c == '_' {
            while i < n && (chars[i].is_alphanumeric() || chars[i] == '_') {
                i += 1;
            }
            let word: String = chars[start..i].iter().collect();
            let next = chars[i..].iter().find(|c| !c.is_whitespace());
            if word == "true" || word == "false" {
                Tok::Literal
            } else if next == Some(&':') {
                Tok::Key
            } else if c.is_uppercase() {
                Tok::Kind
            } else {
                Tok::Plain
            }
        } else if c.is_whitespace() {
            while i < n && chars[i].is_whitespace() {
                i += 1;
            }
            Tok::Plain
        } else {
            i += 1;
            if "()[]{}:,".contains(c) {
                Tok::Punct
            } else {
                Tok::Plain
            }
        };
        out.push((start, i, tok));
    }
    (out, depth)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(String, Tok)> {
        let chars: Vec<char> = text.chars().collect();
        line(text, 0)
            .0
            .into_iter()
            .filter(|t| t.2 != Tok::Plain || !chars[t.0].is_whitespace())
            .map(|(a, b, t)| (chars[a..b].iter().collect(), t))
            .collect()
    }

    #[test]
    fn a_field_line() {
        use Tok::*;
        assert_eq!(
            kinds(r#"    "pages": Number(min: -1.5, required: true), // how many"#),
            vec![
                ("\"pages\"".into(), Str),
                (":".into(), Punct),
                ("Number".into(), Kind),
                ("(".into(), Punct),
                ("min".into(), Key),
                (":".into(), Punct),
                ("-1.5".into(), Number),
                (",".into(), Punct),
                ("required".into(), Key),
                (":".into(), Punct),
                ("true".into(), Literal),
                (")".into(), Punct),
                (",".into(), Punct),
                ("// how many".into(), Comment),
            ]
        );
    }

    #[test]
    fn block_comments_carry_over_lines_and_half_typed_strings_end_the_line() {
        let (toks, state) = line("x: 1, /* start", 0);
        assert_eq!(toks.last().unwrap().2, Tok::Comment);
        assert_eq!(state, 1);
        let (toks, state) = line("still */ name: \"unclosed", state);
        assert_eq!(toks[0], (0, 8, Tok::Comment));
        assert_eq!(state, 0);
        assert_eq!(toks.last().unwrap().2, Tok::Str);
    }
}
