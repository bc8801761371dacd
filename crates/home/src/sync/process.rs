//! git as a child process with a time limit. On Unix it runs in a process
//! group of its own, so that stopping it also stops what it started (ssh, an
//! http helper, a hook); a signal that ends nook (Ctrl-C, SIGTERM, a closed
//! terminal) stops every such group first, since the terminal's Ctrl-C no
//! longer reaches them.

use std::io::Read;
use std::process::{Child, Command, ExitStatus};
use std::sync::mpsc::{RecvTimeoutError, Sender, channel};
use std::time::{Duration, Instant};

/// What a process that ran to its end said.
#[derive(Debug)]
pub struct Output {
    pub status: ExitStatus,
    pub stdout: Vec<u8>,
    pub stderr: Vec<u8>,
}

/// How long a stopped git gets to remove its lock files (it does so on
/// SIGTERM) before it and its helpers are killed outright.
const GRACE: Duration = Duration::from_secs(2);
/// How often git's exit is looked at while its pipes stay open.
const POLL: Duration = Duration::from_millis(50);
/// How long a pipe may stay silent after git exited before it is left.
const DRAIN: Duration = Duration::from_millis(250);

enum Piece {
    Out(Vec<u8>),
    Err(Vec<u8>),
    Closed,
}

/// Whether git runs in a process group of its own (where signals that end
/// nook can be passed on to it): the caller then sets that on its command.
pub fn grouped() -> bool {
    group::watch_signals()
}

/// Runs `c` (stdout and stderr piped; in a group of its own when
/// [`grouped`]) for at most `limit`: its output, or None when it was
/// stopped for taking longer.
pub fn run(c: Command, limit: Duration) -> std::io::Result<Option<Output>> {
    run_with_input(c, limit, None)
}

/// [`run`], with `input` written to the process's stdin (which the caller
/// pipes) from a thread of its own, then closed.
pub fn run_with_input(
    mut c: Command,
    limit: Duration,
    input: Option<Vec<u8>>,
) -> std::io::Result<Option<Output>> {
    let grouped = grouped();
    let deadline = Instant::now() + limit;
    let mut child = c.spawn()?;
    if let (Some(input), Some(mut stdin)) = (input, child.stdin.take()) {
        std::thread::spawn(move || {
            use std::io::Write;
            // A process that reads none of it closes the pipe: that is its answer.
            let _ = stdin.write_all(&input);
        });
    }
    let registered = grouped.then(|| group::Registered::new(child.id()));
    let (tx, rx) = channel();
    let mut open = 0;
    if let Some(out) = child.stdout.take() {
        read_into(out, tx.clone(), Piece::Out);
        open += 1;
    }
    if let Some(err) = child.stderr.take() {
        read_into(err, tx, Piece::Err);
        open += 1;
    }
    let (mut stdout, mut stderr) = (Vec::new(), Vec::new());
    // The pipes close when git and everything it started are done; a helper
    // that left the group may hold one open after git exited, so git's own
    // exit is what counts: it is looked at between pieces of output.
    let mut exited = false;
    while open > 0 {
        let left = deadline.saturating_duration_since(Instant::now());
        // After git's exit, what it wrote is still read in full: only a
        // pipe silent for DRAIN is taken as held by a helper.
        let wait = left.min(if exited { DRAIN } else { POLL });
        match rx.recv_timeout(wait) {
            Ok(Piece::Out(b)) => stdout.extend(b),
            Ok(Piece::Err(b)) => stderr.extend(b),
            Ok(Piece::Closed) => open -= 1,
            Err(RecvTimeoutError::Timeout) if exited => break,
            Err(RecvTimeoutError::Timeout) if left > POLL => exited = child.try_wait()?.is_some(),
            Err(RecvTimeoutError::Timeout | RecvTimeoutError::Disconnected) => break,
        }
    }
    loop {
        if let Some(status) = child.try_wait()? {
            drop(registered);
            if group::stopping() {
                // A signal is ending nook: git's end is no answer to act on
                // (a half-done step to undo, a message to print); the
                // signal's thread ends the process in a moment.
                loop {
                    std::thread::park();
                }
            }
            return Ok(Some(Output {
                status,
                stdout,
                stderr,
            }));
        }
        if Instant::now() >= deadline {
            stop(&mut child, grouped);
            return Ok(None);
        }
        std::thread::sleep(Duration::from_millis(2));
    }
}

fn read_into(mut from: impl Read + Send + 'static, to: Sender<Piece>, wrap: fn(Vec<u8>) -> Piece) {
    std::thread::spawn(move || {
        let mut buf = [0u8; 8192];
        while let Ok(n) = from.read(&mut buf) {
            if n == 0 || to.send(wrap(buf[..n].to_vec())).is_err() {
                break;
            }
        }
        let _ = to.send(Piece::Closed);
    });
}

/// Asks git to stop (it cleans up on SIGTERM), then kills what is left.
fn stop(child: &mut Child, grouped: bool) {
    if grouped {
        group::signal(child.id(), group::Sig::Term);
        let until = Instant::now() + GRACE;
        while Instant::now() < until && matches!(child.try_wait(), Ok(None)) {
            std::thread::sleep(Duration::from_millis(10));
        }
        // Helpers that ignored SIGTERM, and git itself if it did.
        group::signal(child.id(), group::Sig::Kill);
    } else {
        let _ = child.kill();
    }
    let _ = child.wait();
}

#[cfg(unix)]
mod group {
    use std::sync::atomic::{AtomicBool, Ordering};
    use std::sync::{Mutex, OnceLock};
    use std::time::{Duration, Instant};

    use rustix::process::{Pid, Signal, kill_process_group};

    /// Process groups of the git commands running now.
    static RUNNING: Mutex<Vec<u32>> = Mutex::new(Vec::new());
    /// Set once a signal is ending nook: a git started after that is
    /// stopped as soon as it is registered.
    static STOPPING: AtomicBool = AtomicBool::new(false);

    pub enum Sig {
        Term,
        Kill,
    }

    pub fn signal(group: u32, sig: Sig) {
        let sig = match sig {
            Sig::Term => Signal::TERM,
            Sig::Kill => Signal::KILL,
        };
        if let Some(pid) = i32::try_from(group).ok().and_then(Pid::from_raw) {
            // Gone already is fine.
            let _ = kill_process_group(pid, sig);
        }
    }

    /// A running group, known to the signal watcher until dropped.
    pub struct Registered(u32);

    impl Registered {
        pub fn new(group: u32) -> Registered {
            let mut running = lock();
            if STOPPING.load(Ordering::SeqCst) {
                signal(group, Sig::Kill);
            }
            running.push(group);
            Registered(group)
        }
    }

    impl Drop for Registered {
        fn drop(&mut self) {
            lock().retain(|g| *g != self.0);
        }
    }

    /// Whether a signal is ending nook.
    pub fn stopping() -> bool {
        STOPPING.load(Ordering::SeqCst)
    }

    fn lock() -> std::sync::MutexGuard<'static, Vec<u32>> {
        RUNNING.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Starts (once) a thread that, when a signal would end nook, stops
    /// every running git group and then lets the signal end nook as it
    /// would have. False when that cannot be set up: git then stays in
    /// nook's group, where the terminal's signals reach it directly.
    pub fn watch_signals() -> bool {
        static WATCHING: OnceLock<bool> = OnceLock::new();
        *WATCHING.get_or_init(|| {
            use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
            let Ok(mut signals) = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP]) else {
                return false;
            };
            std::thread::Builder::new()
                .name("nook-signals".into())
                .spawn(move || {
                    if let Some(sig) = signals.forever().next() {
                        stop_all();
                        let _ = signal_hook::low_level::emulate_default_handler(sig);
                    }
                })
                .is_ok()
        })
    }

    fn stop_all() {
        let groups = {
            let running = lock();
            STOPPING.store(true, Ordering::SeqCst);
            running.clone()
        };
        for g in &groups {
            signal(*g, Sig::Term);
        }
        // The git calls end and drop their registration as they are reaped.
        let until = Instant::now() + super::GRACE;
        while Instant::now() < until && !lock().is_empty() {
            std::thread::sleep(Duration::from_millis(10));
        }
        for g in &groups {
            signal(*g, Sig::Kill);
        }
    }
}

#[cfg(not(unix))]
mod group {
    pub enum Sig {
        Term,
        Kill,
    }
    pub fn signal(_group: u32, _sig: Sig) {}
    pub struct Registered;
    impl Registered {
        pub fn new(_group: u32) -> Registered {
            Registered
        }
    }
    pub fn watch_signals() -> bool {
        false
    }
    pub fn stopping() -> bool {
        false
    }
}
