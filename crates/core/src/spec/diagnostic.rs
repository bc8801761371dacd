//! One problem in one spec file, at a line and column.

use std::fmt;

use super::syntax::Pos;

#[derive(Clone, Debug, PartialEq)]
pub struct Diagnostic {
    pub pos: Pos,
    pub message: String,
    /// The word a "did you mean" in the message offers, if it offers one.
    pub suggestion: Option<String>,
}

impl Diagnostic {
    pub fn new(pos: Pos, message: impl Into<String>) -> Self {
        Diagnostic {
            pos,
            message: message.into(),
            suggestion: None,
        }
    }
}

/// Every problem of one file, printed as `PATH:LINE:COL: message` lines.
#[derive(Clone, Debug, PartialEq)]
pub struct SpecError {
    pub path: String,
    pub diagnostics: Vec<Diagnostic>,
}

impl SpecError {
    /// The first problem, for one-line displays such as the launcher.
    pub fn first_line(&self) -> String {
        match self.diagnostics.first() {
            Some(d) => format!("{}:{}: {}", self.path, d.pos, d.message),
            None => format!("{}: invalid spec", self.path),
        }
    }
}

impl fmt::Display for SpecError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, d) in self.diagnostics.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{}:{}: {}", self.path, d.pos, d.message)?;
        }
        Ok(())
    }
}

impl std::error::Error for SpecError {}
