//! Noticing spec files changed by another editor or a `git pull`. The OS
//! tells us (inotify and the like, through `notify`), so an idle nook does not
//! stat the apps folder; where watching is not possible (no inotify watches
//! left, an odd file system) it falls back to a stat of each file every half
//! second.

use std::path::Path;
use std::sync::mpsc::{Receiver, channel};

use notify::{RecommendedWatcher, RecursiveMode, Watcher};

pub struct AppsWatch {
    /// Kept alive: dropping it stops the watching.
    _watcher: Option<RecommendedWatcher>,
    events: Option<Receiver<()>>,
}

impl AppsWatch {
    pub fn new(apps: &Path) -> AppsWatch {
        let (tx, rx) = channel();
        let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
            if event.is_ok() {
                let _ = tx.send(());
            }
        })
        .and_then(|mut w| w.watch(apps, RecursiveMode::NonRecursive).map(|()| w));
        match watcher {
            Ok(w) => AppsWatch {
                _watcher: Some(w),
                events: Some(rx),
            },
            Err(_) => AppsWatch {
                _watcher: None,
                events: None,
            },
        }
    }

    /// Whether the folder may have changed since the last call: an event
    /// arrived, or (without a watcher) always, so the caller compares stats.
    pub fn maybe_changed(&self) -> bool {
        match &self.events {
            Some(rx) => rx.try_iter().count() > 0,
            None => true,
        }
    }
}
