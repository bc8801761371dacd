//! The sync worker: one thread that runs git jobs in order, so the loop
//! keeps drawing while git fetches or pushes; its news comes back through a
//! channel the loop drains. Every job ends with a fresh status.

use std::path::PathBuf;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::thread::JoinHandle;

use crate::app::sync::{Event, Job};
use crate::sync::git::Limits;

pub struct Worker {
    apps: PathBuf,
    jobs: Option<Sender<Job>>,
    events: Option<Receiver<Event>>,
    thread: Option<JoinHandle<()>>,
    /// Jobs sent whose closing status has not come back yet.
    in_flight: usize,
    /// From config.ron: sync when the TUI starts, and when it quits.
    pub on_start: bool,
    pub on_quit: bool,
    /// How long one git command may run (config.ron's sync settings).
    pub limits: Limits,
    /// What [`Worker::repo_changed`] last saw.
    seen: u64,
    /// The store, home and config a sync exchanges app data with.
    pub data: Option<DataSync>,
}

/// What the worker needs to carry app data (see `sync::data`).
#[derive(Clone)]
pub struct DataSync {
    pub store: std::sync::Arc<crate::store::Store>,
    pub home: crate::paths::Home,
    pub config: crate::config::Config,
}

impl DataSync {
    /// Runs `f` with the data side of a sync (None when config.ron keeps
    /// data on the machine); a secret that cannot be read is the sync's error.
    pub fn with<T>(
        this: Option<&DataSync>,
        f: impl FnOnce(Option<&crate::sync::data::Side>) -> Result<T, crate::sync::SyncError>,
    ) -> Result<T, crate::sync::SyncError> {
        let Some(d) = this else { return f(None) };
        let specs = || crate::sync::data::specs_in(&d.home);
        let side = crate::sync::data::side(&d.home, &d.config, &d.store, &specs)?;
        f(side.as_ref())
    }
}

impl Worker {
    pub fn new(apps: PathBuf) -> Worker {
        Worker {
            apps,
            jobs: None,
            events: None,
            thread: None,
            in_flight: 0,
            on_start: false,
            on_quit: false,
            limits: Limits::default(),
            seen: 0,
            data: None,
        }
    }

    /// Whether git's state changed since we last looked (a commit, a fetch,
    /// `nook sync` in another terminal): a stat of a few files, no git.
    pub fn repo_changed(&mut self) -> bool {
        use std::hash::{Hash, Hasher};
        let mut h = std::collections::hash_map::DefaultHasher::new();
        let git = self.apps.join(".git");
        for f in [
            "",
            "index",
            "HEAD",
            "config",
            "FETCH_HEAD",
            "nook-last-sync",
            "nook-conflicts",
        ] {
            let meta = std::fs::metadata(git.join(f)).ok();
            (
                meta.as_ref().map(|m| m.len()),
                meta.and_then(|m| m.modified().ok()),
            )
                .hash(&mut h);
        }
        let now = h.finish();
        let changed = now != self.seen;
        self.seen = now;
        changed
    }

    /// Whether the apps folder is a repository (a file check, no git).
    pub fn is_repo(&self) -> bool {
        self.apps.join(".git").exists()
    }

    pub fn busy(&self) -> bool {
        self.in_flight > 0
    }

    /// Queues a job; the thread starts with the first one.
    pub fn start(&mut self, job: Job) {
        if self.jobs.is_none() {
            let (job_tx, job_rx) = channel::<Job>();
            let (event_tx, event_rx) = channel::<Event>();
            let apps = self.apps.clone();
            let limits = self.limits;
            let data = self.data.clone();
            self.thread = Some(std::thread::spawn(move || {
                work(&apps, limits, data.as_ref(), &job_rx, &event_tx)
            }));
            self.jobs = Some(job_tx);
            self.events = Some(event_rx);
        }
        if let Some(tx) = &self.jobs
            && tx.send(job).is_ok()
        {
            self.in_flight += 1;
        }
    }

    /// The news so far, without waiting.
    pub fn poll(&mut self) -> Vec<Event> {
        let mut out = Vec::new();
        while let Some(e) = self.events.as_ref().and_then(|rx| rx.try_recv().ok()) {
            self.count(&e);
            out.push(e);
        }
        out
    }

    /// Waits for the next piece of news while a job runs.
    pub fn wait_next(&mut self) -> Option<Event> {
        if !self.busy() {
            return None;
        }
        let e = self.events.as_ref()?.recv().ok()?;
        self.count(&e);
        Some(e)
    }

    fn count(&mut self, e: &Event) {
        if matches!(e, Event::Status(_)) {
            self.in_flight = self.in_flight.saturating_sub(1);
        }
    }

    /// Lets the running job finish (never leave git half way; each git
    /// command is stopped at its limit), then stops.
    pub fn finish(&mut self) {
        self.jobs = None;
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn work(
    apps: &std::path::Path,
    limits: Limits,
    data: Option<&DataSync>,
    jobs: &Receiver<Job>,
    events: &Sender<Event>,
) {
    for job in jobs {
        let mut progress = |step: &str| {
            let _ = events.send(Event::Progress(step.to_string()));
        };
        let done = match job {
            Job::Status => None,
            Job::Sync => Some(DataSync::with(data, |side| {
                crate::sync::sync(apps, limits, side, &mut progress)
            })),
            Job::Resolve(app, choice) => Some(DataSync::with(data, |side| {
                crate::sync::resolve(apps, &app, choice, limits, side, &mut progress)
            })),
        };
        if let Some(d) = done {
            let _ = events.send(Event::Done(d.map_err(|e| e.to_string())));
        }
        let _ = events.send(Event::Status(crate::sync::status(apps, limits)));
    }
}
