//! Shell completions and the man page.
//!
//! Completion uses clap_complete's dynamic engine rather than a static
//! script: `nook completions SHELL` prints a small script that, on Tab,
//! runs `NOOK_COMPLETE=SHELL nook -- WORDS`, and nook answers from the
//! same clap definitions as `--help`, plus what only the apps folder knows
//! (app ids, a list's field names). So a new app or field completes at
//! once, with no script to regenerate, and bash, zsh and fish share one
//! engine instead of three hand-written scripts calling a hook of ours.
//! Completing only reads the apps folder: it never installs the examples,
//! never opens the database.

use std::ffi::OsStr;
use std::path::PathBuf;

use clap::CommandFactory;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::{Bash, EnvCompleter, Fish, Zsh};

use super::{Cli, CliError, CliResult};
use crate::paths::Home;
use crate::spec::{Catalog, Kind, Spec};

/// The variable that turns a run of nook into a completion request.
pub const VAR: &str = "NOOK_COMPLETE";

#[derive(clap::ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Shell {
    Bash,
    Zsh,
    Fish,
}

/// Answers a completion request and exits, if this run is one.
pub fn answer_if_asked() {
    clap_complete::CompleteEnv::with_factory(Cli::command)
        .var(VAR)
        .complete();
}

/// `nook completions SHELL`: the script to source.
pub fn script(shell: Shell) -> CliResult {
    let completer: &dyn EnvCompleter = match shell {
        Shell::Bash => &Bash,
        Shell::Zsh => &Zsh,
        Shell::Fish => &Fish,
    };
    let mut buf = Vec::new();
    completer
        .write_registration(VAR, "nook", "nook", "nook", &mut buf)
        .map_err(|e| CliError::user(format!("cannot write the script: {e}")))?;
    write_out(&buf)
}

/// `nook man`: the man page, in roff.
pub fn man() -> CliResult {
    let mut buf = Vec::new();
    clap_mangen::Man::new(Cli::command())
        .render(&mut buf)
        .map_err(|e| CliError::user(format!("cannot write the man page: {e}")))?;
    write_out(&buf)
}

/// Exactly as written into a pipe or a file (`source <(...)`, `> nook.1`).
fn write_out(bytes: &[u8]) -> CliResult {
    match crate::out::data(&String::from_utf8_lossy(bytes)) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => Ok(()),
        Err(e) => Err(CliError::user(format!("cannot write: {e}"))),
    }
}

/// The words being completed: what follows `--` in `nook -- nook add ...`.
fn words() -> Vec<String> {
    let args: Vec<String> = std::env::args_os()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    match args.iter().position(|a| a == "--") {
        Some(i) => args[i + 1..].to_vec(),
        None => Vec::new(),
    }
}

/// The valid specs of the home the words name (`--home DIR`, else
/// NOOK_HOME or the config dir); none when it has no apps folder yet.
fn specs(words: &[String]) -> Vec<Spec> {
    let flag = words
        .iter()
        .position(|w| w == "--home")
        .and_then(|i| words.get(i + 1))
        .map(PathBuf::from)
        .or_else(|| {
            words
                .iter()
                .find_map(|w| w.strip_prefix("--home=").map(PathBuf::from))
        });
    let Ok(home) = Home::locate(flag.as_deref()) else {
        return Vec::new();
    };
    if !home.apps().is_dir() {
        return Vec::new();
    }
    Catalog::of_home(&home)
        .map(|c| c.entries.into_iter().filter_map(|e| e.spec.ok()).collect())
        .unwrap_or_default()
}

/// Every app's id, its name as the help.
pub fn app_ids() -> Vec<CompletionCandidate> {
    specs(&words())
        .into_iter()
        .map(|s| CompletionCandidate::new(s.id).help(Some(s.name.into())))
        .collect()
}

/// `field=` for each field of the list the words name (`nook add APP ...`,
/// `nook edit APP ID ...`), those starting with what is typed.
pub fn field_names(current: &OsStr) -> Vec<CompletionCandidate> {
    let words = words();
    let typed = current.to_string_lossy();
    let Some(app) = app_word(&words) else {
        return Vec::new();
    };
    let specs = specs(&words);
    let Some(spec) = specs.iter().find(|s| s.id == app) else {
        return Vec::new();
    };
    let Kind::List(list) = &spec.kind else {
        return Vec::new();
    };
    list.fields
        .keys()
        .map(|name| format!("{name}="))
        .filter(|w| w.starts_with(typed.as_ref()))
        .map(CompletionCandidate::new)
        .collect()
}

/// The app word of `nook [--home DIR] VERB APP ...`.
fn app_word(words: &[String]) -> Option<&str> {
    let mut positional = words.iter().skip(1).scan(false, |skip, w| {
        let this = if std::mem::take(skip) {
            None
        } else if w == "--home" {
            *skip = true;
            None
        } else if w.starts_with('-') {
            None
        } else {
            Some(w.as_str())
        };
        Some(this)
    });
    let _verb = positional.by_ref().flatten().next()?;
    positional.flatten().next()
}

#[cfg(test)]
mod tests {
    use super::app_word;

    fn words(s: &str) -> Vec<String> {
        s.split(' ').map(String::from).collect()
    }

    #[test]
    fn the_app_is_the_word_after_the_verb_whatever_flags_come_first() {
        assert_eq!(app_word(&words("nook add reading ti")), Some("reading"));
        assert_eq!(app_word(&words("nook --home /h add reading ti")), Some("reading"));
        assert_eq!(app_word(&words("nook add")), None);
    }
}
