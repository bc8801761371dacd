//! Syncing the apps folder from the TUI: `S` asks the runtime for a sync
//! (run in a worker thread, so the screen keeps drawing), progress and the
//! result come back as [`Event`]s, and a conflict opens a list where each
//! app gets a choice. Pure like the rest of the App: git runs elsewhere.

use super::command::{self, Cmd, Context};
use super::key::Key;
use super::{App, Effect, Level, Overlay};
use crate::sync::{Choice, Outcome, Status};

/// Work for the runtime's sync worker.
#[derive(Clone, Debug, PartialEq)]
pub enum Job {
    /// Read the folder's state for the header.
    Status,
    /// Commit, pull with rebase, push.
    Sync,
    /// Settle a conflict on an app (file stem), then sync.
    Resolve(String, Choice),
}

/// What the worker reports back.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    Status(Status),
    /// A step of a running sync ("fetching").
    Progress(String),
    Done(Result<Outcome, String>),
}

/// The launcher's view of sync.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SyncUi {
    /// None until first read (the first frame does not wait for git).
    pub status: Option<Status>,
    /// A sync or resolve is running.
    pub busy: bool,
}

impl App {
    /// `S`: sync, or show the conflicts still waiting for a choice.
    pub(super) fn start_sync(&mut self) -> Vec<Effect> {
        if self.s.sync.busy {
            self.s.message = Some(("A sync is already running".into(), Level::Info));
            return Vec::new();
        }
        match &self.s.sync.status {
            Some(s) if !s.repo => {
                self.s.message = Some((
                    "The apps folder is not synced yet: run `nook sync --init REMOTE` in a shell".into(),
                    Level::Info,
                ));
                return Vec::new();
            }
            Some(s) if !s.conflicts.is_empty() => {
                self.s.overlay = Some(Overlay::Conflicts { selected: 0 });
                return Vec::new();
            }
            _ => {}
        }
        self.s.sync.busy = true;
        self.s.message = Some(("Sync: starting…".into(), Level::Info));
        vec![Effect::Sync(Job::Sync)]
    }

    pub(super) fn sync_event(&mut self, event: Event) -> Vec<Effect> {
        match event {
            Event::Status(s) => self.s.sync.status = Some(s),
            Event::Progress(step) if self.s.sync.busy => {
                self.s.message = Some((format!("Sync: {step}…"), Level::Info));
            }
            Event::Progress(_) => {}
            Event::Done(result) => {
                self.s.sync.busy = false;
                self.s.message = Some(match result {
                    Ok(Outcome::Done(what)) => {
                        let mut chars = what.chars();
                        let first = chars
                            .next()
                            .map(|c| c.to_lowercase().to_string())
                            .unwrap_or_default();
                        (format!("Synced: {first}{}", chars.as_str()), Level::Info)
                    }
                    Ok(Outcome::Conflicts(apps)) => {
                        if let Some(s) = &mut self.s.sync.status {
                            s.conflicts = apps.clone();
                        }
                        self.s.overlay = Some(Overlay::Conflicts { selected: 0 });
                        (
                            format!("Sync stopped: both sides changed {}", apps.join(", ")),
                            Level::Error,
                        )
                    }
                    Err(e) => (format!("Sync failed: {e}"), Level::Error),
                });
            }
        }
        Vec::new()
    }

    /// Apps waiting for a choice.
    pub fn conflicts(&self) -> &[String] {
        self.s.sync.status.as_ref().map_or(&[], |s| &s.conflicts)
    }

    /// A key in the conflict list.
    pub(super) fn conflicts_key(&mut self, key: Key, selected: usize) -> Vec<Effect> {
        let n = self.conflicts().len();
        let choice = match command::lookup(Context::Conflicts, key) {
            Some(Cmd::Up) => {
                self.s.overlay = Some(Overlay::Conflicts {
                    selected: selected.saturating_sub(1),
                });
                return Vec::new();
            }
            Some(Cmd::Down) => {
                self.s.overlay = Some(Overlay::Conflicts {
                    selected: (selected + 1).min(n.saturating_sub(1)),
                });
                return Vec::new();
            }
            Some(Cmd::KeepMine) => Choice::Mine,
            Some(Cmd::TakeTheirs) => Choice::Theirs,
            Some(Cmd::KeepBoth) => Choice::Both,
            Some(Cmd::Dismiss) => {
                self.s.overlay = None;
                return Vec::new();
            }
            _ => return Vec::new(),
        };
        let Some(app) = self.conflicts().get(selected).cloned() else {
            self.s.overlay = None;
            return Vec::new();
        };
        self.s.overlay = None;
        if self.s.sync.busy {
            self.s.message = Some(("A sync is already running".into(), Level::Info));
            return Vec::new();
        }
        self.s.sync.busy = true;
        let what = match choice {
            Choice::Mine => format!("keeping your version of {app}"),
            Choice::Theirs => format!("taking the remote's version of {app}"),
            Choice::Both => format!("keeping both versions of {app}"),
        };
        self.s.message = Some((format!("Sync: {what}…"), Level::Info));
        vec![Effect::Sync(Job::Resolve(app, choice))]
    }
}
