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
    /// The TUI takes the mouse (click, wheel); `mouse: false` leaves it to
    /// the terminal, for selecting text.
    pub mouse: bool,
    /// What a timer's phase end does besides the banner.
    pub notify: Notify,
    /// A local model for `nook new --describe`, when the user has one.
    pub describe: DescribeConfig,
}

/// `describe: (command: ["ollama", "run", "qwen2.5:3b"], timeout_secs: 30)`:
/// a program that reads a prompt on stdin and writes a reply on stdout.
/// With no command, the built-in interpreter makes every spec.
#[derive(Clone, Debug, PartialEq)]
pub struct DescribeConfig {
    pub command: Vec<String>,
    /// One run of the command is stopped after this many seconds.
    pub timeout_secs: u64,
}

impl Default for DescribeConfig {
    fn default() -> Self {
        DescribeConfig {
            command: Vec::new(),
            timeout_secs: 30,
        }
    }
}

/// `notify: Desktop` (the default): the bell and a desktop notification,
/// through the terminal (OSC 9 or 777, where it is known to take one) and
/// the desktop's notification daemon where one runs; `Bell`: the bell
/// only; `Off`: the banner alone.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Notify {
    #[default]
    Desktop,
    Bell,
    Off,
}

/// `sync: (on_start: true, on_quit: true, git_timeout_secs: 60)`: sync the
/// apps folder with git when the TUI starts and when it quits (when the
/// folder is a repository), and how long one git command may run.
#[derive(Clone, Debug, PartialEq)]
pub struct SyncConfig {
    pub on_start: bool,
    pub on_quit: bool,
    /// App data syncs with the specs; `data: false` keeps it on the machine.
    pub data: bool,
    /// The file holding the secret app data is sealed with (relative paths
    /// from nook's home); `NOOK_SYNC_SECRET` wins over it.
    pub secret_file: Option<String>,
    /// A fetch or push is stopped after this many seconds.
    pub git_timeout_secs: u64,
    /// Any other git command (status, commit, with its hooks) after this many.
    pub git_local_timeout_secs: u64,
}

impl Default for SyncConfig {
    fn default() -> Self {
        let limits = crate::sync::git::Limits::default();
        SyncConfig {
            on_start: false,
            on_quit: false,
            data: true,
            secret_file: None,
            git_timeout_secs: limits.network.as_secs(),
            git_local_timeout_secs: limits.local.as_secs(),
        }
    }
}

impl SyncConfig {
    pub fn limits(&self) -> crate::sync::git::Limits {
        crate::sync::git::Limits {
            network: std::time::Duration::from_secs(self.git_timeout_secs),
            local: std::time::Duration::from_secs(self.git_local_timeout_secs),
        }
    }
}

/// The longest limit a git command can be given: a day.
const MAX_SECS: u64 = 86_400;

/// The home's config.ron, or the defaults when there is none; a bad file
/// gives the defaults and its first problem, to report.
pub fn load(home: &crate::paths::Home) -> (Config, Option<String>) {
    // config.ron is read only where it stays in the home, like every file.
    let text = match home.config_checked() {
        Ok(real) => std::fs::read_to_string(real).unwrap_or_default(),
        Err(refused) => return (Config::default(), Some(refused.to_string())),
    };
    if text.is_empty() {
        return (Config::default(), None);
    }
    match parse("config.ron", &text) {
        Ok(c) => (c, None),
        Err(e) => (Config::default(), Some(e.first_line())),
    }
}

impl Default for Config {
    fn default() -> Self {
        Config {
            theme: "dark".into(),
            sync: SyncConfig::default(),
            mouse: true,
            notify: Notify::default(),
            describe: DescribeConfig::default(),
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
            ("notify", NodeKind::Ident(w)) if w == "Desktop" => config.notify = Notify::Desktop,
            ("notify", NodeKind::Ident(w)) if w == "Bell" => config.notify = Notify::Bell,
            ("notify", NodeKind::Ident(w)) if w == "Off" => config.notify = Notify::Off,
            ("notify", _) => {
                return Err(fail(
                    value.span.start,
                    format!("'notify' is Desktop, Bell or Off, found {}", value.describe()),
                ));
            }
            ("mouse", _) => config.mouse = flag("mouse", value).map_err(|(pos, m)| fail(pos, m))?,
            ("describe", _) => config.describe = parse_describe(value).map_err(|(pos, m)| fail(pos, m))?,
            (other, _) => {
                let msg = match closest(other, &["theme", "sync", "mouse", "notify", "describe"]) {
                    Some(k) => format!("unknown key '{other}' in Config, did you mean '{k}'?"),
                    None => format!(
                        "unknown key '{other}' in Config; it takes theme, sync, mouse, notify, describe"
                    ),
                };
                return Err(fail(key.span.start, msg));
            }
        }
    }
    Ok(config)
}

fn flag(key: &str, value: &syntax::Node) -> Result<bool, (syntax::Pos, String)> {
    match value.kind {
        NodeKind::Bool(b) => Ok(b),
        _ => Err((
            value.span.start,
            format!("'{key}' expects true or false, found {}", value.describe()),
        )),
    }
}

fn seconds(key: &str, value: &syntax::Node) -> Result<u64, (syntax::Pos, String)> {
    match value.kind {
        NodeKind::Num(n) if n.fract() == 0.0 && (1.0..=MAX_SECS as f64).contains(&n) => Ok(n as u64),
        _ => Err((
            value.span.start,
            format!(
                "'{key}' expects a whole number of seconds from 1 to {MAX_SECS}, found {}",
                value.describe()
            ),
        )),
    }
}

fn file(key: &str, value: &syntax::Node) -> Result<String, (syntax::Pos, String)> {
    match &value.kind {
        NodeKind::Str(s) if !s.trim().is_empty() => Ok(s.clone()),
        _ => Err((
            value.span.start,
            format!(
                "'{key}' expects the path of a file such as \"sync-secret\", found {}",
                value.describe()
            ),
        )),
    }
}

fn parse_describe(node: &syntax::Node) -> Result<DescribeConfig, (syntax::Pos, String)> {
    const EXAMPLE: &str = "(command: [\"ollama\", \"run\", \"qwen2.5:3b\"])";
    let NodeKind::Call {
        args: Args::Named(fields),
        ..
    } = &node.kind
    else {
        return Err((
            node.span.start,
            format!("'describe' is written {EXAMPLE}, found {}", node.describe()),
        ));
    };
    let mut out = DescribeConfig::default();
    for (key, value) in fields {
        match key.name.as_str() {
            "command" => {
                let words = match &value.kind {
                    NodeKind::List(items) => items
                        .iter()
                        .map(|i| match &i.kind {
                            NodeKind::Str(s) => Ok(s.clone()),
                            _ => Err((
                                i.span.start,
                                format!("'command' holds text, found {}", i.describe()),
                            )),
                        })
                        .collect::<Result<Vec<_>, _>>()?,
                    _ => {
                        return Err((
                            value.span.start,
                            format!(
                                "'command' is a list of words such as {EXAMPLE}, found {}",
                                value.describe()
                            ),
                        ));
                    }
                };
                if words.first().is_none_or(|w| w.trim().is_empty()) {
                    return Err((
                        value.span.start,
                        "'command' needs the program first, e.g. [\"ollama\", \"run\", \"qwen2.5:3b\"]"
                            .into(),
                    ));
                }
                out.command = words;
            }
            "timeout_secs" => out.timeout_secs = seconds("timeout_secs", value)?,
            other => {
                let msg = match closest(other, &["command", "timeout_secs"]) {
                    Some(k) => format!("unknown key '{other}' in describe, did you mean '{k}'?"),
                    None => format!("unknown key '{other}' in describe; it takes command, timeout_secs"),
                };
                return Err((key.span.start, msg));
            }
        }
    }
    Ok(out)
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
    const KEYS: &[&str] = &[
        "on_start",
        "on_quit",
        "data",
        "secret_file",
        "git_timeout_secs",
        "git_local_timeout_secs",
    ];
    let mut sync = SyncConfig::default();
    for (key, value) in fields {
        let name = key.name.as_str();
        match name {
            "on_start" => sync.on_start = flag(name, value)?,
            "on_quit" => sync.on_quit = flag(name, value)?,
            "data" => sync.data = flag(name, value)?,
            "secret_file" => sync.secret_file = Some(file(name, value)?),
            "git_timeout_secs" => sync.git_timeout_secs = seconds(name, value)?,
            "git_local_timeout_secs" => sync.git_local_timeout_secs = seconds(name, value)?,
            other => {
                let msg = match closest(other, KEYS) {
                    Some(k) => format!("unknown key '{other}' in sync, did you mean '{k}'?"),
                    None => format!("unknown key '{other}' in sync; it takes {}", KEYS.join(", ")),
                };
                return Err((key.span.start, msg));
            }
        }
    }
    Ok(sync)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_describe_model_is_a_command_and_a_time_limit() {
        let c = parse(
            "c.ron",
            "Config(describe: (command: [\"ollama\", \"run\", \"qwen2.5:3b\"], timeout_secs: 5))",
        )
        .unwrap();
        assert_eq!(c.describe.command, ["ollama", "run", "qwen2.5:3b"]);
        assert_eq!(c.describe.timeout_secs, 5);
        assert!(parse("c.ron", "Config()").unwrap().describe.command.is_empty());
        let e = parse("c.ron", "Config(describe: (command: \"ollama run\"))").unwrap_err();
        assert!(e.to_string().contains("'command' is a list of words"), "{e}");
        let e = parse("c.ron", "Config(describe: (comand: []))").unwrap_err();
        assert!(e.to_string().contains("did you mean 'command'"), "{e}");
    }

    #[test]
    fn the_mouse_is_on_unless_config_says_false() {
        assert!(parse("c.ron", crate::bundled::DEFAULT_CONFIG).unwrap().mouse);
        assert!(!parse("c.ron", "Config(mouse: false)").unwrap().mouse);
        let e = parse("c.ron", "Config(mouse: \"no\")").unwrap_err();
        assert!(e.to_string().contains("'mouse' expects true or false"), "{e}");
    }

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
    fn reads_notify() {
        assert_eq!(
            parse("c.ron", "Config()").unwrap().notify,
            Notify::Desktop,
            "on by default"
        );
        for (word, want) in [
            ("Desktop", Notify::Desktop),
            ("Bell", Notify::Bell),
            ("Off", Notify::Off),
        ] {
            let c = parse("c.ron", &format!("Config(notify: {word})")).unwrap();
            assert_eq!(c.notify, want);
        }
        let e = parse("c.ron", "Config(notify: true)").unwrap_err();
        assert!(
            e.to_string()
                .contains("c.ron:1:16: 'notify' is Desktop, Bell or Off, found"),
            "{e}"
        );
        let e = parse("c.ron", "Config(notfy: Bell)").unwrap_err();
        assert!(e.to_string().contains("did you mean 'notify'?"), "{e}");
    }

    #[test]
    fn reads_sync() {
        let c = parse("c.ron", "Config(sync: (on_start: true, on_quit: false))").unwrap();
        assert_eq!(
            c.sync,
            SyncConfig {
                on_start: true,
                on_quit: false,
                ..SyncConfig::default()
            }
        );
        let c = parse(
            "c.ron",
            "Config(sync: (git_timeout_secs: 5, git_local_timeout_secs: 30))",
        )
        .unwrap();
        assert_eq!(c.sync.limits().network.as_secs(), 5);
        assert_eq!(c.sync.limits().local.as_secs(), 30);
        for bad in ["0", "1.5", "-3", "\"60\"", "100000"] {
            let e = parse("c.ron", &format!("Config(sync: (git_timeout_secs: {bad}))")).unwrap_err();
            assert!(
                e.to_string().contains(
                    "c.ron:1:33: 'git_timeout_secs' expects a whole number of seconds from 1 to 86400"
                ),
                "{bad}: {e}"
            );
        }
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
        // The examples of docs/sync.md.
        let doc = include_str!("../../../docs/sync.md");
        let blocks: Vec<&str> = doc
            .split("```ron\n")
            .skip(1)
            .map(|b| b.split("```").next().unwrap())
            .collect();
        assert!(parse("config.ron", blocks[0]).unwrap().sync.on_quit);
        let sealed = blocks.iter().find(|b| b.contains("secret_file")).unwrap();
        let c = parse("config.ron", sealed).unwrap();
        assert_eq!(c.sync.secret_file.as_deref(), Some("sync-secret"));
        let e = parse("c.ron", "Config(sync: true)").unwrap_err();
        assert!(e.to_string().contains("c.ron:1:14: 'sync' is written"), "{e}");
    }

    #[test]
    fn reads_data_and_the_secret_file() {
        let c = parse("c.ron", "Config(sync: (on_quit: true))").unwrap();
        assert!(c.sync.data, "data syncs unless the user says not");
        assert_eq!(c.sync.secret_file, None);
        let c = parse("c.ron", "Config(sync: (data: false, secret_file: \"keys/nook\"))").unwrap();
        assert!(!c.sync.data);
        assert_eq!(c.sync.secret_file.as_deref(), Some("keys/nook"));
        let e = parse("c.ron", "Config(\n  sync: (data: \"no\"),\n)").unwrap_err();
        assert!(
            e.to_string()
                .contains("c.ron:2:16: 'data' expects true or false, found the text \"no\""),
            "{e}"
        );
        for bad in ["\"\"", "\"  \"", "1", "true", "[\"a\"]"] {
            let e = parse("c.ron", &format!("Config(sync: (secret_file: {bad}))")).unwrap_err();
            assert!(
                e.to_string()
                    .contains("c.ron:1:28: 'secret_file' expects the path of a file"),
                "{bad}: {e}"
            );
        }
        let e = parse("c.ron", "Config(sync: (secret_fil: \"k\"))").unwrap_err();
        assert!(
            e.to_string()
                .contains("c.ron:1:15: unknown key 'secret_fil' in sync, did you mean 'secret_file'?"),
            "{e}"
        );
        let e = parse("c.ron", "Config(sync: (dta: false))").unwrap_err();
        assert!(
            e.to_string()
                .contains("c.ron:1:15: unknown key 'dta' in sync, did you mean 'data'?"),
            "{e}"
        );
    }
}
