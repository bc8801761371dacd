//! `nook remind`: every reminder whose time has come, sent as a desktop
//! notification once each (the store remembers which were sent), for cron
//! or a systemd user timer. Quiet when nothing is due.

use super::{CliResult, Ctx};
use crate::model::Now;
use crate::runtime::notify::Daemon;
use crate::usecase::due::{Reminder, mark_reminded, reminders};

/// Where reminders go.
enum Sender {
    Daemon(Daemon),
    /// No daemon to reach (no session bus): the printed line is all.
    Print,
    /// Debug builds, `NOOK_TEST_NOTIFY=FILE`: one line per notification
    /// appended to FILE, so a test can count what was sent.
    #[cfg(debug_assertions)]
    Log(std::path::PathBuf),
}

impl Sender {
    fn choose() -> Sender {
        #[cfg(debug_assertions)]
        if let Some(path) = std::env::var_os("NOOK_TEST_NOTIFY") {
            return Sender::Log(path.into());
        }
        if Daemon::available(|k| std::env::var(k).ok()) {
            Sender::Daemon(Daemon)
        } else {
            Sender::Print
        }
    }

    fn send(&self, head: &str, body: &str) -> Result<(), String> {
        match self {
            Sender::Daemon(d) => d.send_now(head, body),
            Sender::Print => Ok(()),
            #[cfg(debug_assertions)]
            Sender::Log(path) => {
                use crate::runtime::notify::plain;
                use std::io::Write;
                let line = format!("{}\t{}", plain(head), plain(body));
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .and_then(|mut f| writeln!(f, "{line}"))
                    .map_err(|e| e.to_string())
            }
        }
    }
}

fn words(r: &Reminder) -> String {
    crate::usecase::due::reminder_words(r)
}

pub fn run(ctx: &mut Ctx, json: bool) -> CliResult {
    let now = Now::system()?;
    let specs: Vec<_> = ctx
        .catalog
        .entries
        .iter()
        .filter_map(|e| e.spec.clone().ok())
        .collect();
    // A home with no database has nothing to remind of, but a habit
    // with a reminder that was never logged.
    let habit = specs
        .iter()
        .any(|s| matches!(&s.kind, crate::spec::Kind::Tracker(t) if t.remind.is_some()));
    if !ctx.home.has_database() && !habit {
        if json {
            crate::out::json("[]");
        }
        return Ok(());
    }
    let store = ctx.store()?;
    let due = reminders(store, &specs, now)?;
    let sender = Sender::choose();
    for r in &due {
        mark_reminded(store, r)?;
        if let Err(e) = sender.send(&r.app_name, &words(r)) {
            tell!(
                "nook: the desktop notification for {:?} was not sent: {e}",
                r.title
            );
        }
        if !json {
            say!("{}: {}", r.app_name, words(r));
        }
    }
    if json {
        crate::out::json(&serde_json::to_string_pretty(&due).unwrap_or_default());
    }
    Ok(())
}
