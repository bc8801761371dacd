//! `config.ron`: the user's settings. A bad file is reported and the
//! defaults are used; it never stops nook.

use crate::spec::diagnostic::{Diagnostic, SpecError};
use crate::spec::load::closest;
use crate::spec::syntax::{self, Args, NodeKind};

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The theme's file stem, e.g. "dark".
    pub theme: String,
}

impl Default for Config {
    fn default() -> Self {
        Config { theme: "dark".into() }
    }
}

pub fn parse(path: &str, text: &str) -> Result<Config, SpecError> {
    let fail = |pos, message: String| SpecError {
        path: path.to_string(),
        diagnostics: vec![Diagnostic::new(pos, message)],
    };
    let node = syntax::parse(text).map_err(|e| fail(e.pos, e.message))?;
    let NodeKind::Call {
        name: Some(kind),
        args: Args::Named(fields),
    } = &node.kind
    else {
        return Err(fail(
            node.span.start,
            "settings are written Config(theme: \"dark\")".into(),
        ));
    };
    if kind.name != "Config" {
        return Err(fail(
            kind.span.start,
            format!("expected Config(...), found {}(...)", kind.name),
        ));
    }
    let mut config = Config::default();
    for (key, value) in fields {
        match (key.name.as_str(), &value.kind) {
            ("theme", NodeKind::Str(s)) => config.theme = s.clone(),
            ("theme", _) => {
                return Err(fail(
                    value.span.start,
                    format!(
                        "'theme' expects text such as \"dark\", found {}",
                        value.describe()
                    ),
                ));
            }
            (other, _) => {
                let msg = match closest(other, &["theme"]) {
                    Some(k) => format!("unknown key '{other}' in Config, did you mean '{k}'?"),
                    None => format!("unknown key '{other}' in Config; it takes theme"),
                };
                return Err(fail(key.span.start, msg));
            }
        }
    }
    Ok(config)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_default_file() {
        assert_eq!(
            parse("c.ron", crate::bundled::DEFAULT_CONFIG).unwrap().theme,
            "dark"
        );
        let e = parse("c.ron", "Config(theme: \"x\", them: 1)").unwrap_err();
        assert!(
            e.to_string()
                .contains("c.ron:1:20: unknown key 'them' in Config, did you mean 'theme'?"),
            "{e}"
        );
    }
}
