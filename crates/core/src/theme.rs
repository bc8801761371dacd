//! Themes: colours by semantic role, a user file layered over built-in
//! defaults. Pure: the UI maps [`Color`] to the terminal's colours.

use crate::spec::diagnostic::{Diagnostic, SpecError};
use crate::spec::load::closest;
use crate::spec::syntax::{self, Args, NodeKind, Pos};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    /// The terminal's own foreground or background.
    Reset,
    /// One of the 16 terminal colours, 0..=15.
    Indexed(u8),
    Rgb(u8, u8, u8),
}

pub const ROLES: &[&str] = &[
    "fg",
    "bg",
    "dim",
    "accent",
    "title",
    "border",
    "selection_fg",
    "selection_bg",
    "good",
    "warn",
    "bad",
];

const NAMES: &[&str] = &[
    "black",
    "red",
    "green",
    "yellow",
    "blue",
    "magenta",
    "cyan",
    "gray",
    "dark-gray",
    "light-red",
    "light-green",
    "light-yellow",
    "light-blue",
    "light-magenta",
    "light-cyan",
    "white",
];

#[derive(Clone, Debug, PartialEq)]
pub struct Theme {
    pub name: String,
    /// One colour per entry of [`ROLES`], in that order.
    pub colors: [Color; 11],
}

impl Default for Theme {
    fn default() -> Self {
        use Color::*;
        Theme {
            name: "Default".into(),
            colors: [
                Reset,
                Reset,
                Indexed(8),
                Indexed(12),
                Indexed(13),
                Indexed(8),
                Indexed(0),
                Indexed(12),
                Indexed(10),
                Indexed(11),
                Indexed(9),
            ],
        }
    }
}

impl Theme {
    pub fn role(&self, role: &str) -> Color {
        ROLES
            .iter()
            .position(|r| *r == role)
            .map_or(Color::Reset, |i| self.colors[i])
    }
}

pub fn parse_color(s: &str) -> Result<Color, String> {
    let t = s.trim().to_lowercase().replace(['_', ' '], "-");
    if t == "reset" || t == "default" {
        return Ok(Color::Reset);
    }
    if let Some(hex) = t.strip_prefix('#')
        && hex.len() == 6
        && let Ok(v) = u32::from_str_radix(hex, 16)
    {
        return Ok(Color::Rgb((v >> 16) as u8, (v >> 8) as u8, v as u8));
    }
    let t = if t == "grey" {
        "gray".to_string()
    } else {
        t.replace("grey", "gray")
    };
    if let Some(i) = NAMES.iter().position(|n| *n == t) {
        return Ok(Color::Indexed(i as u8));
    }
    Err(match closest(&t, NAMES) {
        Some(n) => format!("unknown colour {s:?}, did you mean {n:?}?"),
        None => format!("unknown colour {s:?}; use a name such as \"light-blue\" or \"#rrggbb\""),
    })
}

/// Reads a theme file over `base`: roles it leaves out keep `base`'s colours.
pub fn parse(path: &str, text: &str, base: &Theme) -> Result<Theme, SpecError> {
    let fail = |diagnostics| SpecError {
        path: path.to_string(),
        diagnostics,
    };
    let node = syntax::parse(text).map_err(|e| fail(vec![Diagnostic::new(e.pos, e.message)]))?;
    let NodeKind::Call {
        name: Some(kind),
        args: Args::Named(fields),
    } = &node.kind
    else {
        return Err(fail(vec![Diagnostic::new(
            node.span.start,
            "a theme is written Theme(name: \"...\", accent: \"#7aa2f7\", ...)",
        )]));
    };
    let mut diags = Vec::new();
    if kind.name != "Theme" {
        diags.push(Diagnostic::new(
            kind.span.start,
            format!("expected Theme(...), found {}(...)", kind.name),
        ));
    }
    let mut theme = base.clone();
    let mut named = false;
    for (key, value) in fields {
        let text = match &value.kind {
            NodeKind::Str(s) => s.as_str(),
            _ => {
                diags.push(Diagnostic::new(
                    value.span.start,
                    format!(
                        "'{}' expects text in double quotes, found {}",
                        key.name,
                        value.describe()
                    ),
                ));
                continue;
            }
        };
        if key.name == "name" {
            theme.name = text.to_string();
            named = true;
        } else if let Some(i) = ROLES.iter().position(|r| *r == key.name) {
            match parse_color(text) {
                Ok(c) => theme.colors[i] = c,
                Err(e) => diags.push(Diagnostic::new(value.span.start, format!("'{}': {e}", key.name))),
            }
        } else {
            let mut known = vec!["name"];
            known.extend(ROLES);
            diags.push(Diagnostic::new(
                key.span.start,
                match closest(&key.name, &known) {
                    Some(k) => format!("unknown key '{}' in Theme, did you mean '{k}'?", key.name),
                    None => format!(
                        "unknown key '{}' in Theme; roles are {}",
                        key.name,
                        ROLES.join(", ")
                    ),
                },
            ));
        }
    }
    if !named && diags.is_empty() {
        diags.push(Diagnostic::new(
            Pos { line: 1, col: 1 },
            "a theme needs a name, e.g. name: \"Dusk\"",
        ));
    }
    if diags.is_empty() {
        Ok(theme)
    } else {
        Err(fail(diags))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn layers_over_the_base() {
        let t = parse(
            "t.ron",
            "Theme(name: \"X\", accent: \"#ff0000\")",
            &Theme::default(),
        )
        .unwrap();
        assert_eq!(t.role("accent"), Color::Rgb(255, 0, 0));
        assert_eq!(t.role("bad"), Theme::default().role("bad"));
        let e = parse(
            "t.ron",
            "Theme(name: \"X\", acent: \"red\", bad: \"redd\")",
            &Theme::default(),
        )
        .unwrap_err();
        let s = e.to_string();
        assert!(
            s.contains("t.ron:1:18: unknown key 'acent' in Theme, did you mean 'accent'?"),
            "{s}"
        );
        assert!(s.contains("did you mean \"red\"?"), "{s}");
    }
}
