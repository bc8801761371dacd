//! The user's local model for `nook new --describe`, named in config.ron
//! (`describe: (command: [...])`): a program that reads a prompt on stdin
//! and writes a reply on stdout, within a time limit. Its reply is only
//! ever read as a spec's text (nook-core's `describe::model::extract`);
//! nothing in it is run. config.ron is never synced, so only the user
//! names the program.

use std::process::{Command, Stdio};
use std::time::Duration;

use crate::sync::process;

/// The reference the prompt carries: docs/spec.md up to its themes and
/// errors, which a spec does not need.
pub fn reference() -> &'static str {
    let doc = include_str!("../../../docs/spec.md");
    doc.find("\n## Themes").map(|end| &doc[..end]).unwrap_or(doc)
}

/// How the command is shown: `ollama run qwen2.5:3b`.
pub fn shown(words: &[String]) -> String {
    words.join(" ")
}

#[expect(
    clippy::disallowed_methods,
    reason = "the one place nook starts the user's own model command, named in config.ron"
)]
fn command(words: &[String]) -> Command {
    let mut c = Command::new(&words[0]);
    c.args(&words[1..])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    // Its own group, so that stopping it stops what it started too.
    #[cfg(unix)]
    if process::grouped() {
        std::os::unix::process::CommandExt::process_group(&mut c, 0);
    }
    c
}

/// The most of a reply that is read: a spec is a few hundred bytes.
const MAX_REPLY: usize = 1 << 20;

/// Runs the command with `prompt` on its stdin: its stdout, or why there is none.
pub fn ask(words: &[String], prompt: &str, limit: Duration) -> Result<String, String> {
    if words.is_empty() {
        return Err("no command".into());
    }
    match process::run_with_input(command(words), limit, Some(prompt.as_bytes().to_vec())) {
        Err(e) => Err(format!("could not start: {e}")),
        Ok(None) => Err(format!("gave no answer within {}s", limit.as_secs())),
        Ok(Some(out)) if !out.status.success() => Err(format!("failed ({})", out.status)),
        Ok(Some(out)) => {
            let mut text = String::from_utf8_lossy(&out.stdout).into_owned();
            if text.len() > MAX_REPLY {
                let mut cut = MAX_REPLY;
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                text.truncate(cut);
            }
            Ok(text)
        }
    }
}
