//! `config.ron`: the user's settings. A bad file is reported and the
//! defaults are used; it never stops nook.

use crate::spec::diagnostic::{Diagnostic, SpecError};
use crate::spec::load::closest;
use crate::spec::syntax::{self, Args, NodeKind};

#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// The theme's file stem, e.g. "dark".
    pub theme: String,
    pub sync: SyncConfig,
}

/// `sync: (on_start: true, on_quit: true)`: sync the apps folder with git
/// when the TUI starts and when it quits (when the folder is a repository).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SyncConfig {
    pub on_start: bool,
    pub on_quit: bool,
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: "dark".into(),
            sync: SyncConfig::default(),
        }
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
            ("sync", _) => config.sync = parse_sync(value).map_err(|(pos, m)| fail(pos, m))?,
            (other, _) => {
                let msg = match closest(other, &["theme", "sync"]) {
                    Some(k) => format!("unknown key '{other}' in Config, did you mean '{k}'?"),
                    None => format!("unknown key '{other}' in Config; it takes theme, sync"),
                };
                return Err(fail(key.span.start, msg));
            }
        }
    }
    Ok(config)
}

fn parse_sync(node: &syntax::Node) -> Result<SyncConfig, (syntax::Pos, String)> {
    const EXAMPLE: &str = "(on_start: true, on_quit: true)";
    let NodeKind::Call {
        args: Args::Named(fields),
        ..
    } = &node.kind
    else {
        return Err((
            node.span.start,
            format!("'sync' is written {EXAMPLE}, found {}", node.describe()),
        ));
    };
    let mut sync = SyncConfig::default();
    for (key, value) in fields {
        let slot = match key.name.as_str() {
            "on_start" => &mut sync.on_start,
            "on_quit" => &mut sync.on_quit,
            other => {
                let msg = match closest(other, &["on_start", "on_quit"]) {
                    Some(k) => format!("unknown key '{other}' in sync, did you mean '{k}'?"),
                    None => format!("unknown key '{other}' in sync; it takes on_start, on_quit"),
                };
                return Err((key.span.start, msg));
            }
        };
        match value.kind {
            NodeKind::Bool(b) => *slot = b,
            _ => {
                return Err((
                    value.span.start,
                    format!("'{}' expects true or false, found {}", key.name, value.describe()),
                ));
            }
        }
    }
    Ok(sync)
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

    #[test]
    fn reads_sync() {
        let c = parse("c.ron", "Config(sync: (on_start: true, on_quit: false))").unwrap();
        assert_eq!(
            c.sync,
            SyncConfig {
                on_start: true,
                on_quit: false
            }
        );
        let e = parse("c.ron", "Config(\n  sync: (on_start: yes),\n)").unwrap_err();
        assert!(
            e.to_string()
                .contains("c.ron:2:20: 'on_start' expects true or false, found `yes`"),
            "{e}"
        );
        let e = parse("c.ron", "Config(sync: (on_stat: true))").unwrap_err();
        assert!(
            e.to_string()
                .contains("c.ron:1:15: unknown key 'on_stat' in sync, did you mean 'on_start'?"),
            "{e}"
        );
        // The example of docs/sync.md.
        let doc = include_str!("../docs/sync.md");
        let block = doc.split("```ron\n").nth(1).unwrap().split("```").next().unwrap();
        assert!(parse("config.ron", block).unwrap().sync.on_quit);
        let e = parse("c.ron", "Config(sync: true)").unwrap_err();
        assert!(e.to_string().contains("c.ron:1:14: 'sync' is written"), "{e}");
    }
}
