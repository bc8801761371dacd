//! Drives the built `nook` binary in a pseudo-terminal, the way a person at a
//! terminal would: keys go in through the pty's master side, everything the
//! program prints comes back out and is fed to a [`vt100`] parser, so a test
//! (or a benchmark) can look at the screen as it would appear.
//!
//! ```ignore
//! let home = tempfile::tempdir().unwrap();
//! let mut tui = Tui::spawn(home.path(), ["open", "groceries"]).unwrap();
//! tui.wait_for("Press a to add", TIMEOUT).unwrap();
//! tui.send("a");
//! tui.send("oat milk");
//! tui.send_key(Key::Enter);
//! tui.wait_for("[ ] oat milk", TIMEOUT).unwrap();
//! tui.send("q");
//! tui.send("q");
//! assert!(tui.wait_exit(TIMEOUT).unwrap().success());
//! assert!(tui.term_state().restored());
//! // Check from the shell, with the same environment:
//! let out = pty::nook(home.path()).args(["export", "groceries"]).output().unwrap();
//! ```
//!
//! The child gets its own session with the pty as controlling terminal, so
//! both its stdio and `/dev/tty` reach the harness. Its environment is
//! cleared down to a few variables (see [`Spawn::start`]) and HOME and the
//! XDG dirs point into the given nook home, so a run never touches the real
//! one. Unix only (the harness is built on `rustix`'s pty and termios calls).
//!
//! Waiting never sleeps for a fixed time: [`Tui::wait_until`] and friends
//! wake up as soon as new output has been parsed, so the time they return is
//! close to the real latency (useful for timing the first frame or a key).
//! A frame reaches the pty in several writes, so a text can be on screen
//! before the rest of its frame: to look at a whole frame, wait for what is
//! drawn last (nook's footer) or use [`Tui::wait_quiet`]. Keys can be sent
//! at any time after the first frame; they queue in the pty in order.

#![allow(dead_code)]

use std::ffi::{OsStr, OsString};
use std::fs::File;
use std::io::{self, Read as _, Write as _};
use std::os::fd::{AsFd as _, BorrowedFd, OwnedFd};
use std::os::unix::process::CommandExt as _;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, ExitStatus, Stdio};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use rustix::pty::OpenptFlags;
use rustix::termios::{LocalModes, Winsize};

/// A generous default for every wait: CI machines are small and busy.
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// The default terminal size, columns by rows.
pub const SIZE: (u16, u16) = (100, 30);

/// Environment variables passed through from the test process when set;
/// everything else is cleared.
const PASS_THROUGH: &[&str] = &["PATH", "TZ", "LANG", "LC_ALL", "LC_CTYPE", "LLVM_PROFILE_FILE"];

/// A key that is not plain text, sent as the bytes an xterm sends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Key {
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Up,
    Down,
    Left,
    Right,
    Home,
    End,
    PageUp,
    PageDown,
    /// Ctrl and a letter, e.g. `Ctrl('c')`.
    Ctrl(char),
}

impl Key {
    /// The bytes a terminal sends for the key (xterm, normal cursor mode).
    pub fn bytes(self) -> Vec<u8> {
        match self {
            Key::Enter => b"\r".to_vec(),
            Key::Esc => b"\x1b".to_vec(),
            Key::Tab => b"\t".to_vec(),
            Key::BackTab => b"\x1b[Z".to_vec(),
            Key::Backspace => b"\x7f".to_vec(),
            Key::Delete => b"\x1b[3~".to_vec(),
            Key::Up => b"\x1b[A".to_vec(),
            Key::Down => b"\x1b[B".to_vec(),
            Key::Right => b"\x1b[C".to_vec(),
            Key::Left => b"\x1b[D".to_vec(),
            Key::Home => b"\x1b[H".to_vec(),
            Key::End => b"\x1b[F".to_vec(),
            Key::PageUp => b"\x1b[5~".to_vec(),
            Key::PageDown => b"\x1b[6~".to_vec(),
            Key::Ctrl(c) => {
                let c = c.to_ascii_lowercase();
                assert!(c.is_ascii_lowercase(), "Ctrl needs a letter, got {c:?}");
                vec![c as u8 - b'a' + 1]
            }
        }
    }
}

/// What the program left the terminal in, as far as the screen can tell.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TermState {
    /// Still on the alternate screen.
    pub alternate_screen: bool,
    /// The cursor is hidden.
    pub cursor_hidden: bool,
    /// Mouse reporting is on.
    pub mouse_reporting: bool,
    /// Bracketed paste is on.
    pub bracketed_paste: bool,
    /// The tty is in canonical mode with echo (i.e. not raw), read from the
    /// pty itself. `None` when it could not be read.
    pub cooked: Option<bool>,
}

impl TermState {
    /// Everything a TUI changes has been put back.
    pub fn restored(&self) -> bool {
        !self.alternate_screen && !self.cursor_hidden && !self.mouse_reporting && self.cooked != Some(false)
    }
}

/// How to start a [`Tui`]: built by [`Tui::builder`], started by [`Spawn::start`].
#[derive(Clone, Debug)]
pub struct Spawn {
    program: PathBuf,
    home: PathBuf,
    args: Vec<OsString>,
    env: Vec<(OsString, OsString)>,
    size: (u16, u16),
}

impl Spawn {
    /// Adds one argument.
    pub fn arg(mut self, arg: impl AsRef<OsStr>) -> Self {
        self.args.push(arg.as_ref().to_owned());
        self
    }

    /// Adds arguments.
    pub fn args<I, S>(mut self, args: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        self.args.extend(args.into_iter().map(|a| a.as_ref().to_owned()));
        self
    }

    /// Sets an environment variable (after the defaults, so it can override them).
    pub fn env(mut self, key: impl AsRef<OsStr>, value: impl AsRef<OsStr>) -> Self {
        self.env
            .push((key.as_ref().to_owned(), value.as_ref().to_owned()));
        self
    }

    /// The terminal size in columns and rows (default [`SIZE`]).
    pub fn size(mut self, cols: u16, rows: u16) -> Self {
        self.size = (cols, rows);
        self
    }

    /// Runs another program than `nook` (the harness is not tied to it).
    pub fn program(mut self, program: impl Into<PathBuf>) -> Self {
        self.program = program.into();
        self
    }

    /// Starts the program on a new pty. Its environment is cleared except for
    /// PATH, TZ, the locale and coverage variables; then TERM=xterm-256color,
    /// NOOK_HOME=home, HOME and XDG_CONFIG_HOME/XDG_DATA_HOME inside
    /// `home/.fake-user-home`, then whatever [`Spawn::env`] added.
    pub fn start(self) -> io::Result<Tui> {
        let (cols, rows) = self.size;
        let (master, slave) = open_pty(cols, rows)?;
        let mut cmd = Command::new(&self.program);
        cmd.args(&self.args);
        isolate(&mut cmd, &self.home);
        cmd.env("TERM", "xterm-256color");
        for (k, v) in &self.env {
            cmd.env(k, v);
        }
        cmd.stdin(Stdio::from(slave.try_clone()?))
            .stdout(Stdio::from(slave.try_clone()?))
            .stderr(Stdio::from(slave));
        // SAFETY: the closure only makes two system calls (setsid, ioctl),
        // both async-signal-safe, and allocates nothing.
        unsafe {
            cmd.pre_exec(|| {
                rustix::process::setsid()?;
                // SAFETY: fd 0 is the pty slave, set up by `Command` above.
                let stdin = BorrowedFd::borrow_raw(0);
                rustix::process::ioctl_tiocsctty(stdin)?;
                Ok(())
            });
        }
        let spawned = Instant::now();
        let child = cmd.spawn()?;
        // Our copies of the slave must go, or the master never sees the
        // child hang up.
        drop(cmd);

        let master = File::from(master);
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                parser: vt100::Parser::new_with_callbacks(nonzero(rows), nonzero(cols), 0, Events::default()),
                bytes: 0,
                reads: 0,
                first_output: None,
                last_output: None,
                eof: false,
            }),
            changed: Condvar::new(),
        });
        let reader = {
            let mut input = master.try_clone()?;
            let mut output = master.try_clone()?;
            let shared = Arc::clone(&shared);
            std::thread::Builder::new()
                .name("pty-reader".into())
                .spawn(move || read_loop(&mut input, &mut output, &shared))?
        };
        Ok(Tui {
            child,
            master,
            shared,
            reader: Some(reader),
            spawned,
            status: None,
        })
    }
}

/// A program running in a pseudo-terminal. Killed when dropped.
pub struct Tui {
    child: Child,
    master: File,
    shared: Arc<Shared>,
    reader: Option<JoinHandle<()>>,
    spawned: Instant,
    status: Option<ExitStatus>,
}

struct Shared {
    state: Mutex<State>,
    /// Notified after each chunk of output is parsed, and at end of output.
    changed: Condvar,
}

struct State {
    parser: vt100::Parser<Events>,
    bytes: u64,
    reads: u64,
    first_output: Option<Instant>,
    last_output: Option<Instant>,
    eof: bool,
}

/// Parser callbacks: answers the terminal queries a TUI library may make
/// (cursor position, device attributes) and counts bells.
#[derive(Default)]
struct Events {
    bells: u32,
    replies: Vec<u8>,
    /// Every window title set (OSC 0 or 2), in order.
    titles: Vec<String>,
}

impl vt100::Callbacks for Events {
    fn audible_bell(&mut self, _: &mut vt100::Screen) {
        self.bells += 1;
    }

    fn set_window_title(&mut self, _: &mut vt100::Screen, title: &[u8]) {
        self.titles.push(String::from_utf8_lossy(title).into_owned());
    }

    fn unhandled_csi(
        &mut self,
        screen: &mut vt100::Screen,
        i1: Option<u8>,
        _i2: Option<u8>,
        params: &[&[u16]],
        c: char,
    ) {
        let first = params.first().and_then(|p| p.first()).copied();
        match (i1, c, first) {
            // DSR: cursor position report.
            (None, 'n', Some(6)) => {
                let (row, col) = screen.cursor_position();
                self.replies
                    .extend(format!("\x1b[{};{}R", row + 1, col + 1).into_bytes());
            }
            // DSR: status report.
            (None, 'n', Some(5)) => self.replies.extend(b"\x1b[0n"),
            // DA1: a VT220-ish terminal.
            (None, 'c', None | Some(0)) => self.replies.extend(b"\x1b[?62;22c"),
            _ => {}
        }
    }
}

impl Tui {
    /// `nook ARGS` with NOOK_HOME=`home` on a [`SIZE`] terminal.
    pub fn spawn<I, S>(home: &Path, args: I) -> io::Result<Tui>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<OsStr>,
    {
        Tui::builder(home).args(args).start()
    }

    /// A [`Spawn`] for the built `nook` binary with NOOK_HOME=`home`, to add
    /// arguments, variables or a size to before [`Spawn::start`].
    pub fn builder(home: &Path) -> Spawn {
        Spawn {
            program: PathBuf::from(env!("CARGO_BIN_EXE_nook")),
            home: home.to_owned(),
            args: Vec::new(),
            env: Vec::new(),
            size: SIZE,
        }
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Types `text` (sent as UTF-8, all at once).
    pub fn send(&mut self, text: &str) {
        self.send_bytes(text.as_bytes());
    }

    /// Sends one special key.
    pub fn send_key(&mut self, key: Key) {
        self.send_bytes(&key.bytes());
    }

    /// Sends raw bytes. Panics if the pty is gone (the program has exited
    /// and the output was drained): a test sending keys to nothing is wrong.
    pub fn send_bytes(&mut self, bytes: &[u8]) {
        self.master
            .write_all(bytes)
            .and_then(|()| self.master.flush())
            .unwrap_or_else(|e| panic!("cannot write to the pty: {e}\n{}", self.describe()));
    }

    /// The screen's text, rows joined by newlines, trailing blanks trimmed.
    pub fn screen(&self) -> String {
        self.lock().parser.screen().contents()
    }

    /// One row of the screen (0-based), trailing blanks trimmed.
    pub fn row(&self, row: u16) -> String {
        let state = self.lock();
        let screen = state.parser.screen();
        let (_, cols) = screen.size();
        screen.rows(0, cols.get()).nth(row as usize).unwrap_or_default()
    }

    /// Runs `f` on the parsed screen (for colours, cursor, cells).
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.lock().parser.screen())
    }

    /// Waits until `text` is on the screen; returns how long that took. On
    /// timeout (or if the program ends first) the error shows the screen.
    pub fn wait_for(&self, text: &str, timeout: Duration) -> Result<Duration, String> {
        self.wait_until(&format!("{text:?} on screen"), timeout, |s| s.contains(text))
    }

    /// Waits until `text` is no longer on the screen.
    pub fn wait_gone(&self, text: &str, timeout: Duration) -> Result<Duration, String> {
        self.wait_until(&format!("{text:?} gone from the screen"), timeout, |s| {
            !s.contains(text)
        })
    }

    /// Waits until `pred` holds for the screen's text; `what` names the
    /// condition in the error. Re-checks whenever new output was parsed.
    pub fn wait_until(
        &self,
        what: &str,
        timeout: Duration,
        mut pred: impl FnMut(&str) -> bool,
    ) -> Result<Duration, String> {
        let start = Instant::now();
        let deadline = start + timeout;
        let mut state = self.lock();
        loop {
            let text = state.parser.screen().contents();
            if pred(&text) {
                return Ok(start.elapsed());
            }
            let now = Instant::now();
            if state.eof || now >= deadline {
                let why = if state.eof {
                    "the program's output ended"
                } else {
                    "timed out"
                };
                drop(state);
                return Err(format!(
                    "waiting for {what}: {why} after {:.1?}\n{}",
                    start.elapsed(),
                    self.describe()
                ));
            }
            state = self
                .shared
                .changed
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Waits until the program writes anything after this call (a key's
    /// effect, a tick); returns how long that took.
    pub fn wait_output(&self, timeout: Duration) -> Result<Duration, String> {
        let start = Instant::now();
        let mut state = self.lock();
        let seen = state.reads;
        while state.reads == seen {
            let now = Instant::now();
            if state.eof || now >= start + timeout {
                drop(state);
                return Err(format!("no output within {timeout:?}\n{}", self.describe()));
            }
            state = self
                .shared
                .changed
                .wait_timeout(state, start + timeout - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        Ok(start.elapsed())
    }

    /// Waits until the program has written nothing for `quiet` (a frame is
    /// complete, the program sits waiting for input); returns how long that
    /// took. Text on screen can appear before the rest of its frame is
    /// written, so use this where a whole frame must be out first.
    pub fn wait_quiet(&self, quiet: Duration, timeout: Duration) -> Result<Duration, String> {
        let start = Instant::now();
        let deadline = start + timeout;
        let mut state = self.lock();
        loop {
            let now = Instant::now();
            let since = state.last_output.map_or(start, |t| t.max(start));
            if now >= since + quiet {
                return Ok(start.elapsed());
            }
            if now >= deadline {
                drop(state);
                return Err(format!(
                    "the program never went quiet for {quiet:?} within {timeout:?}\n{}",
                    self.describe()
                ));
            }
            let until = (since + quiet).min(deadline);
            state = self
                .shared
                .changed
                .wait_timeout(state, until - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
    }

    /// Waits for the program to exit and for all its output to be parsed
    /// (so the screen shows what it left behind); returns its exit status.
    /// On timeout the program is left running (drop kills it).
    pub fn wait_exit(&mut self, timeout: Duration) -> Result<ExitStatus, String> {
        let deadline = Instant::now() + timeout;
        let status = loop {
            if let Some(s) = self.status {
                break s;
            }
            match self.child.try_wait() {
                Ok(Some(s)) => {
                    self.status = Some(s);
                    break s;
                }
                Ok(None) if Instant::now() < deadline => {
                    // Output may arrive meanwhile; waking on it is fine.
                    let state = self.lock();
                    let _ = self.shared.changed.wait_timeout(state, Duration::from_millis(10));
                }
                Ok(None) => {
                    return Err(format!(
                        "the program did not exit within {timeout:?}\n{}",
                        self.describe()
                    ));
                }
                Err(e) => return Err(format!("cannot wait for the program: {e}")),
            }
        };
        // The slave closes with the child; drain what is left.
        let mut state = self.lock();
        while !state.eof {
            let now = Instant::now();
            if now >= deadline {
                drop(state);
                return Err(format!(
                    "the program exited ({status}) but its terminal stayed open\n{}",
                    self.describe()
                ));
            }
            state = self
                .shared
                .changed
                .wait_timeout(state, deadline - now)
                .unwrap_or_else(|e| e.into_inner())
                .0;
        }
        drop(state);
        if let Some(reader) = self.reader.take() {
            let _ = reader.join();
        }
        Ok(status)
    }

    /// Whether the program is still running.
    pub fn running(&mut self) -> bool {
        if self.status.is_none() {
            self.status = self.child.try_wait().ok().flatten();
        }
        self.status.is_none()
    }

    /// Kills the program (SIGKILL) and reaps it.
    pub fn kill(&mut self) {
        if self.running() {
            let _ = self.child.kill();
            self.status = self.child.wait().ok();
        }
    }

    /// Resizes the terminal: the parser and the pty (which sends SIGWINCH
    /// to the program).
    pub fn resize(&mut self, cols: u16, rows: u16) -> io::Result<()> {
        self.lock().parser.set_size(nonzero(rows), nonzero(cols));
        rustix::termios::tcsetwinsize(self.master.as_fd(), winsize(cols, rows))?;
        Ok(())
    }

    /// The modes the program left the terminal in. Meaningful after
    /// [`Tui::wait_exit`]; while it runs, it shows the TUI's own modes.
    pub fn term_state(&self) -> TermState {
        let cooked = rustix::termios::tcgetattr(self.master.as_fd())
            .ok()
            .map(|t| t.local_modes.contains(LocalModes::ICANON | LocalModes::ECHO));
        let state = self.lock();
        let screen = state.parser.screen();
        TermState {
            alternate_screen: screen.alternate_screen(),
            cursor_hidden: screen.hide_cursor(),
            mouse_reporting: screen.mouse_protocol_mode() != vt100::MouseProtocolMode::None,
            bracketed_paste: screen.bracketed_paste(),
            cooked,
        }
    }

    /// When the program was started.
    pub fn spawned_at(&self) -> Instant {
        self.spawned
    }

    /// When its first output arrived, if any yet.
    pub fn first_output_at(&self) -> Option<Instant> {
        self.lock().first_output
    }

    /// When its latest output arrived, if any yet.
    pub fn last_output_at(&self) -> Option<Instant> {
        self.lock().last_output
    }

    /// Bytes of output so far.
    pub fn bytes_received(&self) -> u64 {
        self.lock().bytes
    }

    /// Bells (BEL) rung so far.
    pub fn titles(&self) -> Vec<String> {
        self.lock().parser.callbacks().titles.clone()
    }

    pub fn bells(&self) -> u32 {
        self.lock().parser.callbacks().bells
    }

    /// A readable account of the program's state and screen, for errors.
    pub fn describe(&self) -> String {
        let state = self.lock();
        let screen = state.parser.screen();
        let (rows, cols) = screen.size();
        let mut out = format!(
            "--- screen {}x{} ({} bytes of output{}) ---\n",
            cols,
            rows,
            state.bytes,
            if state.eof { ", ended" } else { "" }
        );
        for line in screen.rows(0, cols.get()) {
            out.push('|');
            out.push_str(&line);
            out.push('\n');
        }
        out.push_str("--- end of screen ---");
        out
    }

    fn lock(&self) -> MutexGuard<'_, State> {
        self.shared.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl Drop for Tui {
    fn drop(&mut self) {
        self.kill();
        // The reader ends by itself once the slave is closed; no join, so a
        // stray grandchild holding the pty cannot hang the test.
    }
}

/// Reads the master until the slave is closed by everyone (EIO on Linux),
/// feeding the parser and answering terminal queries.
fn read_loop(input: &mut File, output: &mut File, shared: &Shared) {
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = match input.read(&mut buf) {
            Ok(0) => break,
            Ok(n) => n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
            Err(_) => break,
        };
        let now = Instant::now();
        let replies = {
            let mut state = shared.state.lock().unwrap_or_else(|e| e.into_inner());
            state.parser.process(&buf[..n]);
            state.bytes += n as u64;
            state.reads += 1;
            state.first_output.get_or_insert(now);
            state.last_output = Some(now);
            std::mem::take(&mut state.parser.callbacks_mut().replies)
        };
        shared.changed.notify_all();
        if !replies.is_empty() {
            let _ = output.write_all(&replies);
        }
    }
    shared.state.lock().unwrap_or_else(|e| e.into_inner()).eof = true;
    shared.changed.notify_all();
}

/// A plain `nook` command (no pty) with the same environment as a [`Tui`]
/// on `home`, for checking from the shell what the TUI did.
pub fn nook(home: &Path) -> Command {
    isolated(env!("CARGO_BIN_EXE_nook"), home)
}

/// Another program with the environment of [`nook`] on `home`: a wrapper
/// that starts nook (strace), or a program nook is measured against.
pub fn isolated(program: impl AsRef<OsStr>, home: &Path) -> Command {
    let mut cmd = Command::new(program);
    isolate(&mut cmd, home);
    cmd
}

/// Clears the environment but for [`PASS_THROUGH`], sets NOOK_HOME=`home`
/// and points HOME and the XDG dirs into `home/.fake-user-home`.
fn isolate(cmd: &mut Command, home: &Path) {
    let fake = home.join(".fake-user-home");
    cmd.env_clear();
    for key in PASS_THROUGH {
        if let Some(v) = std::env::var_os(key) {
            cmd.env(key, v);
        }
    }
    cmd.env("NOOK_HOME", home)
        .env("HOME", &fake)
        .env("XDG_CONFIG_HOME", fake.join(".config"))
        .env("XDG_DATA_HOME", fake.join(".local/share"));
}

/// A new pty pair of the given size: (master, slave).
fn open_pty(cols: u16, rows: u16) -> io::Result<(OwnedFd, OwnedFd)> {
    let flags = OpenptFlags::RDWR | OpenptFlags::NOCTTY | OpenptFlags::CLOEXEC;
    let master = rustix::pty::openpt(flags)?;
    rustix::pty::grantpt(&master)?;
    rustix::pty::unlockpt(&master)?;
    rustix::termios::tcsetwinsize(&master, winsize(cols, rows))?;
    #[cfg(any(target_os = "linux", target_os = "android"))]
    let slave = rustix::pty::ioctl_tiocgptpeer(&master, flags)?;
    #[cfg(not(any(target_os = "linux", target_os = "android")))]
    let slave = {
        use std::os::unix::ffi::OsStrExt as _;
        let name = rustix::pty::ptsname(&master, Vec::new())?;
        let path = std::ffi::OsStr::from_bytes(name.as_bytes());
        OwnedFd::from(File::options().read(true).write(true).open(path)?)
    };
    Ok((master, slave))
}

fn winsize(cols: u16, rows: u16) -> Winsize {
    Winsize {
        ws_row: rows,
        ws_col: cols,
        ws_xpixel: 0,
        ws_ypixel: 0,
    }
}

fn nonzero(n: u16) -> std::num::NonZeroU16 {
    std::num::NonZeroU16::new(n).expect("a terminal size must not be zero")
}
