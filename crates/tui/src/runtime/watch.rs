//! Noticing changes made outside this nook: spec files changed by another
//! editor or a `git pull`, the database written by another nook, the apps
//! folder's git state changed by a commit or `nook sync` in another
//! terminal. The OS tells us (inotify and the like, through `notify`), so an
//! idle nook reads and stats nothing; where a watch is not possible (no
//! inotify watches left, an odd file system, no repository yet) that source
//! falls back to being checked every half second.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{Receiver, channel};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

use crate::paths::Home;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Source {
    Apps,
    Database,
    Git,
}

pub struct Watch {
    watcher: Option<RecommendedWatcher>,
    events: Option<Receiver<Source>>,
    git: PathBuf,
    /// Which sources are watched; the others are always "maybe changed".
    apps_watched: bool,
    db_watched: bool,
    git_watched: bool,
    /// The repository exists but cannot be watched: check it every time.
    git_poll: bool,
    /// Events seen and not yet asked about, by source.
    seen: [bool; 3],
}

fn source_of(path: &Path, git: &Path, db: &Path) -> Source {
    if path.starts_with(git) {
        Source::Git
    } else if path == db {
        Source::Database
    } else {
        Source::Apps
    }
}

/// Whether an event can mean a change: an open, a read or a close without
/// a write is none. Listing the apps folder opens it, so taking those for
/// changes listed it again every half second while nook sat idle.
fn changes(kind: &notify::EventKind) -> bool {
    use notify::event::{AccessKind, AccessMode, EventKind};
    match kind {
        EventKind::Access(AccessKind::Close(AccessMode::Write)) => true,
        EventKind::Access(_) => false,
        _ => true,
    }
}

impl Watch {
    pub fn new(home: &Home) -> Watch {
        let (tx, rx) = channel();
        let apps = home.apps();
        let git = apps.join(".git");
        let db = home.database().unwrap_or_default();
        let (git_c, db_c) = (git.clone(), db.clone());
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if let Ok(event) = event
                && changes(&event.kind)
            {
                for p in &event.paths {
                    let _ = tx.send(source_of(p, &git_c, &db_c));
                }
            }
        });
        let mut w = Watch {
            watcher: watcher.ok(),
            events: Some(rx),
            git,
            apps_watched: false,
            db_watched: false,
            git_watched: false,
            git_poll: false,
            // Set up after the first frame: whatever changed between the
            // scan it compares with and now is looked at once.
            seen: [true; 3],
        };
        if let Some(watcher) = &mut w.watcher {
            w.apps_watched = watcher.watch(&apps, RecursiveMode::NonRecursive).is_ok();
            w.db_watched = watcher.watch(&db, RecursiveMode::NonRecursive).is_ok();
        }
        w.watch_git();
        w
    }

    /// Starts watching the repository once there is one (it appears as a
    /// change in the apps folder, so this runs only then).
    fn watch_git(&mut self) {
        if self.git_watched || !self.git.is_dir() {
            return;
        }
        let watched = self
            .watcher
            .as_mut()
            .is_some_and(|w| w.watch(&self.git, RecursiveMode::NonRecursive).is_ok());
        if watched {
            self.git_watched = true;
            // Its state is news: it did not exist before.
            self.seen[Source::Git as usize] = true;
        } else {
            self.git_poll = true;
        }
    }

    fn drain(&mut self) {
        if let Some(rx) = &self.events {
            for s in rx.try_iter() {
                self.seen[s as usize] = true;
            }
        }
    }

    fn take(&mut self, s: Source, watched: bool) -> bool {
        self.drain();
        std::mem::take(&mut self.seen[s as usize]) || !watched
    }

    /// Whether spec files may have changed since the last call; the caller
    /// compares names, sizes and times to be sure.
    pub fn apps_maybe_changed(&mut self) -> bool {
        let changed = self.take(Source::Apps, self.apps_watched);
        if changed {
            // `nook sync --init` elsewhere may have made the repository.
            self.watch_git();
        }
        changed
    }

    /// Whether the database may have been written since the last call.
    pub fn db_maybe_changed(&mut self) -> bool {
        self.take(Source::Database, self.db_watched)
    }

    /// Whether the apps folder's git state may have changed. Without a
    /// repository nothing can, until one appears in the apps folder.
    pub fn git_maybe_changed(&mut self) -> bool {
        let rely_on_events = self.watcher.is_some() && self.apps_watched && !self.git_poll;
        self.take(Source::Git, rely_on_events)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Events arrive on the watcher's thread: wait a little for them.
    fn settle() {
        std::thread::sleep(std::time::Duration::from_millis(150));
    }

    #[test]
    fn listing_the_apps_folder_is_no_change_and_a_written_spec_is_one() {
        let dir = tempfile::tempdir().unwrap();
        let home = Home {
            root: dir.path().to_path_buf(),
        };
        std::fs::create_dir_all(home.apps()).unwrap();
        std::fs::write(home.apps().join("a.ron"), "List(name: \"A\")\n").unwrap();
        let mut w = Watch::new(&home);
        if !w.apps_watched {
            return; // No inotify here: the folder is checked every half second by design.
        }
        assert!(w.apps_maybe_changed(), "looked at once after it is set up");
        for _ in 0..3 {
            // What nook itself does when it looks: list and read the specs.
            for e in std::fs::read_dir(home.apps()).unwrap() {
                let _ = std::fs::read(e.unwrap().path());
            }
            settle();
            assert!(!w.apps_maybe_changed(), "its own look is no change");
        }
        std::fs::write(home.apps().join("a.ron"), "List(name: \"B\")\n").unwrap();
        settle();
        assert!(w.apps_maybe_changed(), "a written spec is a change");
        std::fs::write(home.apps().join("b.ron"), "List(name: \"C\")\n").unwrap();
        settle();
        assert!(w.apps_maybe_changed(), "a new spec is a change");
    }
}
