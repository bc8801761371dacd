//! The real terminal: crossterm events in, ratatui frames out, and the
//! terminal restored on every way out (ratatui's panic hook covers panics).

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    self as ct_event, Event as CtEvent, KeyCode, KeyEvent, KeyEventKind, KeyModifiers,
};

use super::wake::{At, Event, Needs, Pacer, Wake};
use super::{Shell, themes};
use crate::app::key::{Code, Key};
use crate::app::sync::{Event as SyncEvent, Job as SyncJob};
use crate::app::{Action, App, Level, Setup};
use crate::model::Now;
use crate::paths::Home;
use crate::spec::Catalog;
use crate::store::Store;
use crate::theme::Theme;

pub fn key_of(k: KeyEvent) -> Option<Key> {
    let code = match k.code {
        KeyCode::Char(c) => Code::Char(c),
        KeyCode::Enter => Code::Enter,
        KeyCode::Esc => Code::Esc,
        KeyCode::Tab => Code::Tab,
        KeyCode::BackTab => Code::BackTab,
        KeyCode::Backspace => Code::Backspace,
        KeyCode::Delete => Code::Delete,
        KeyCode::Up => Code::Up,
        KeyCode::Down => Code::Down,
        KeyCode::Left => Code::Left,
        KeyCode::Right => Code::Right,
        KeyCode::PageUp => Code::PageUp,
        KeyCode::PageDown => Code::PageDown,
        KeyCode::Home => Code::Home,
        KeyCode::End => Code::End,
        KeyCode::F(n) => Code::F(n),
        _ => return None,
    };
    Some(Key {
        code,
        ctrl: k.modifiers.contains(KeyModifiers::CONTROL),
        alt: k.modifiers.contains(KeyModifiers::ALT),
    })
}

/// Builds the App for `home`: catalog, summaries, theme, remembered layout.
pub fn start(home: Home, store: Store, now: Now) -> (Shell, App) {
    start_with(home, store, now, None, false)
}

/// Like [`start`], with the apps folder already read (the command line has
/// read it once; reading it again would cost as much again). `deferred`:
/// as the terminal loop runs, writes and the work that can wait (the rest
/// of a long list, reminders, view indexes) wait for the first frame.
pub fn start_with(
    home: Home,
    store: Store,
    now: Now,
    catalog: Option<Catalog>,
    deferred: bool,
) -> (Shell, App) {
    let (themes, theme_problems) = themes(&home);
    let (config, config_problem) = crate::config::load(&home);
    // The theme chosen with T, unless config.ron changed since.
    let chosen = store.get_meta("theme").ok().flatten().and_then(|v| {
        let (config_then, name) = v.split_once('\t')?;
        (config_then == config.theme).then(|| name.to_string())
    });
    let by_stem = |stem: &str| {
        themes
            .iter()
            .position(|(s, t)| s == stem || t.name.eq_ignore_ascii_case(stem))
    };
    let theme = chosen
        .as_deref()
        .and_then(|n| themes.iter().position(|(_, t)| t.name == n))
        .or_else(|| by_stem(&config.theme))
        .unwrap_or(0);
    let themes: Vec<Theme> = themes.into_iter().map(|(_, t)| t).collect();
    let label = home.root.display().to_string();
    let layout = store.get_meta("layout").ok().flatten().unwrap_or_default();
    let mut shell = Shell::new(home, store);
    shell.defer_writes = deferred;
    shell.config_theme = config.theme.clone();
    shell.mouse = config.mouse;
    shell.notify = config.notify;
    shell.sync.on_start = config.sync.on_start;
    shell.sync.on_quit = config.sync.on_quit;
    shell.sync.limits = config.sync.limits();
    shell.sync.data = Some(super::sync::DataSync {
        store: std::sync::Arc::clone(&shell.store),
        home: shell.home.clone(),
        config: config.clone(),
    });
    let sort = match shell.store.get_meta("launcher_sort") {
        Ok(Some(word)) => crate::app::launcher::Sort::from_word(&word),
        _ => Default::default(),
    };
    let mut app = App::new(Setup {
        themes,
        theme,
        now,
        home_label: label,
        no_color: std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty()),
        sort,
    });
    // The screen's size before the catalog: the first frame reads the
    // lines of the apps it shows (`App::first_screen_apps`).
    if deferred && let Ok((w, h)) = ratatui::crossterm::terminal::size() {
        shell.dispatch(&mut app, Action::Resize(w, h));
    }
    // Apps past their `expires` day move to the archive before the first frame.
    let apps = shell.home.apps();
    let bounds = shell.home.bounds();
    let mut catalog = catalog.unwrap_or_else(|| Catalog::of_home(&shell.home).unwrap_or_default());
    let expired = crate::spec::archive::expire(&apps, &bounds, &catalog, now.today());
    if !expired.is_empty() {
        catalog = Catalog::of_home(&shell.home).unwrap_or_default();
    }
    // The watcher compares with this catalog's stats: none is made again.
    let catalog = shell.adopt(catalog);
    shell.dispatch(&mut app, catalog);
    let ids: Vec<String> = layout
        .lines()
        .filter(|l| !l.is_empty())
        .map(String::from)
        .collect();
    if !ids.is_empty() {
        shell.dispatch(&mut app, Action::Restore(ids));
    }
    // Without a repository the state is known at once; with one, git
    // answers in the background and the first frame does not wait for it.
    shell.sync.repo_changed();
    if shell.sync.is_repo() {
        shell.sync.start(SyncJob::Status);
    } else {
        shell.dispatch(&mut app, Action::Sync(SyncEvent::Status(Default::default())));
    }
    if !expired.is_empty() {
        let notices: Vec<String> = expired.iter().map(|e| e.notice()).collect();
        shell.dispatch(&mut app, Action::Message(notices.join("; "), Level::Info));
    }
    let set_aside = shell.home.database().into_iter().flat_map(|db| {
        crate::store::doctor::set_aside(&db)
            .into_iter()
            .map(|aside| crate::store::doctor::set_aside_short(&aside))
    });
    let problems: Vec<String> = set_aside.chain(config_problem).chain(theme_problems).collect();
    if let Some(first) = problems.first() {
        let more = match problems.len() {
            1 => String::new(),
            n => format!(" (and {} more)", n - 1),
        };
        shell.dispatch(&mut app, Action::Message(format!("{first}{more}"), Level::Error));
    }
    (shell, app)
}

/// Runs the TUI until the user quits. `open` focuses one app first.
pub fn run(home: Home, open: Option<String>, catalog: Option<Catalog>) -> Result<(), String> {
    // Opened to read: the first frame writes nothing, so it waits for no
    // sync; the first write opens it to write.
    let store = Store::open_lazy(&home.database()?).map_err(|e| e.to_string())?;
    let now = Now::system().map_err(|e| e.to_string())?;
    let (mut shell, mut app) = start_with(home, store, now, catalog, true);
    if let Some(query) = open {
        use crate::spec::catalog::{AppName, no_app, position_of};
        let named: Vec<AppName> = app
            .entries
            .iter()
            .map(|e| AppName {
                id: e.id(),
                stem: e.file.strip_suffix(".ron").unwrap_or(&e.file),
                name: e.spec.as_ref().ok().map(|s| s.name.as_str()),
            })
            .collect();
        let Some(index) = position_of(&query, &named) else {
            let mut names: Vec<&str> = named.iter().filter_map(|n| n.id).collect();
            names.extend(named.iter().filter_map(|n| n.name));
            let message = no_app(&query, &names);
            // What start-up held back (a timer's ring) is still written.
            shell.flush_without_screen(&mut app);
            return Err(message);
        };
        if let Err(e) = &app.entries[index].spec {
            let e = e.clone();
            shell.flush_without_screen(&mut app);
            return Err(format!("the app {query:?} has an invalid spec: {e}"));
        }
        // The list's first screen now, the rest once it is drawn.
        if let Ok((w, h)) = ratatui::crossterm::terminal::size() {
            shell.dispatch(&mut app, Action::Resize(w, h));
        }
        shell.dispatch(&mut app, Action::Open(index, now));
    }
    // The hook init_screen installs restores the terminal, then calls
    // the one before it (install_panic_hook's), so the note about the log
    // lands on the normal screen.
    set_panic_log(home_log(&shell));
    let mut terminal = match init_screen() {
        Ok(t) => t,
        Err(e) => {
            shell.flush_without_screen(&mut app);
            return Err(format!("cannot set up the terminal: {e}"));
        }
    };
    paste_mode(true);
    // The title is set while timers run; the user's comes back on the way out.
    write_out(super::notify::TITLE_PUSH);
    skip_caught_panics();
    if shell.mouse {
        super::mouse::capture(true);
        super::mouse::release_on_panic();
    }
    // crossterm starts listening for resizes on its first poll; poll once now
    // so a resize during the first frame is not lost.
    let _ = ct_event::poll(Duration::ZERO);
    if shell.sync.on_start && shell.sync.is_repo() {
        shell.dispatch(&mut app, Action::Cmd(crate::app::command::Cmd::Sync, clock()));
    }
    let result = event_loop(&mut terminal, &mut shell, &mut app);
    if shell.mouse {
        super::mouse::capture(false);
    }
    paste_mode(false);
    ratatui::restore();
    write_out(super::notify::TITLE_POP);
    finish_sync(&mut shell, &mut app);
    result
}

/// On the way out: let a running sync finish (git is never cut off half
/// way, and each command is stopped at its limit), then sync if config.ron
/// asks for it, reporting on stderr. The terminal is back to normal by now,
/// so Ctrl-C stops git and nook.
fn finish_sync(shell: &mut Shell, app: &mut App) {
    if shell.sync.busy() {
        tell!("nook: waiting for the sync to finish… (Ctrl-C stops it)");
    }
    shell.wait_sync(app);
    shell.sync.finish();
    if !(shell.sync.on_quit && shell.sync.is_repo()) {
        return;
    }
    let mut progress = |step: &str| tell!("nook sync: {step}…");
    let apps = shell.home.apps();
    let limits = shell.sync.limits;
    let done = super::sync::DataSync::with(shell.sync.data.as_ref(), |side| {
        crate::sync::sync(&apps, limits, side, &mut progress)
    });
    match done {
        Ok(crate::sync::Outcome::Done(what)) => tell!("nook: {what}"),
        Ok(crate::sync::Outcome::Conflicts(names)) => {
            tell!("nook: {}", crate::sync::run::conflict_advice(&names))
        }
        Err(e) => tell!("nook: sync failed: {e}"),
    }
}

/// Where a crash is written: `nook.log` in nook's home.
fn home_log(shell: &Shell) -> PathBuf {
    shell.home.log()
}

static PANIC_LOG: std::sync::Mutex<Option<PathBuf>> = std::sync::Mutex::new(None);

/// Names the file a panic's details are written to (`nook.log` in the home).
pub fn set_panic_log(log: PathBuf) {
    *PANIC_LOG.lock().unwrap_or_else(|e| e.into_inner()) = Some(log);
}

/// Replaces the default panic message with a short one: the details
/// (message, place, backtrace) go to the log file when one is set, and
/// stderr gets a note naming it. A panic that the store turns into an error
/// (redb on a damaged page) is not reported here at all.
pub fn install_panic_hook() {
    std::panic::set_hook(Box::new(|info| {
        if crate::store::panic_is_caught() {
            return;
        }
        let what = info
            .payload()
            .downcast_ref::<&str>()
            .map(|s| s.to_string())
            .or_else(|| info.payload().downcast_ref::<String>().cloned())
            .unwrap_or_else(|| "unknown panic".into());
        let place = info
            .location()
            .map(|l| format!("{}:{}", l.file(), l.line()))
            .unwrap_or_default();
        let log = PANIC_LOG.lock().ok().and_then(|l| l.clone());
        let written = log.as_ref().is_some_and(|log| {
            let trace = std::backtrace::Backtrace::force_capture();
            let when = crate::model::now::stamp();
            let record = format!(
                "{when} nook {} panicked at {place}: {what}\n{trace}\n",
                env!("CARGO_PKG_VERSION")
            );
            append_private(log, record.as_bytes()).is_ok()
        });
        // Through out::tell: the message may quote spec text, and a failed
        // write is ignored (a panic inside this hook would abort).
        tell!("nook stopped on an internal error: {what} ({place})");
        match (&log, written) {
            (Some(log), true) => tell!(
                "Details are in {}. Saved data is safe: every change is saved whole or not at all.",
                log.display()
            ),
            (Some(log), false) => tell!("(the details could not be written to {})", log.display()),
            (None, _) => {}
        }
    }));
}

/// Bracketed paste on or off: while on, the terminal marks pasted text, so
/// it arrives as one `Event::Paste` to type into an input instead of as
/// keys that would run commands. Turned off on every way out (quit, error,
/// panic, handing the terminal to the user's editor).
fn paste_mode(on: bool) {
    use ratatui::crossterm::event::{DisableBracketedPaste, EnableBracketedPaste};
    let mut out = screen();
    let _ = if on {
        ratatui::crossterm::execute!(out, EnableBracketedPaste)
    } else {
        ratatui::crossterm::execute!(out, DisableBracketedPaste)
    };
}

/// Puts a hook in front of ratatui's (which restores the terminal) that
/// leaves the terminal alone for a panic the store catches.
fn skip_caught_panics() {
    let ratatui_hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        if !crate::store::panic_is_caught() {
            paste_mode(false);
            ratatui_hook(info);
        }
    }));
}

fn append_private(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let mut opts = std::fs::OpenOptions::new();
    opts.append(true).create(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut opts, 0o600);
    opts.open(path)?.write_all(bytes)
}

/// The clock while the TUI runs. It was read at the start (`run` refuses a
/// clock before 1970); should it jump back past 1970 later, time stands at
/// the last moment read rather than stopping nook.
fn clock() -> Now {
    static LAST: std::sync::Mutex<Option<Now>> = std::sync::Mutex::new(None);
    let mut last = LAST.lock().unwrap_or_else(|e| e.into_inner());
    match (Now::system(), *last) {
        (Ok(now), _) => {
            *last = Some(now);
            now
        }
        (Err(_), Some(then)) => then,
        (Err(_), None) => Now::fixed(chrono::NaiveDateTime::default()),
    }
}

/// Test builds only: `NOOK_TEST_PANIC=C` makes the key C panic, so the
/// end-to-end tests can check what a crash leaves behind.
fn test_panic(k: KeyEvent) {
    #[cfg(debug_assertions)]
    if let (KeyCode::Char(c), Some(v)) = (k.code, std::env::var_os("NOOK_TEST_PANIC"))
        && v.to_str().and_then(|v| v.chars().next()) == Some(c)
    {
        panic!("test panic requested with NOOK_TEST_PANIC");
    }
    let _ = k;
}

/// Test builds only: `NOOK_TEST_PANIC=cli` makes a command panic once it has
/// found nook's home, so tests can check the panic hook outside the TUI.
pub fn test_panic_cli() {
    #[cfg(debug_assertions)]
    if std::env::var_os("NOOK_TEST_PANIC").is_some_and(|v| v == "cli") {
        panic!("test panic requested with NOOK_TEST_PANIC");
    }
}

/// Bytes straight to the terminal, between frames.
fn write_out(s: &str) {
    let mut out = screen();
    let _ = out.write_all(s.as_bytes());
    let _ = out.flush();
}

fn event_loop(terminal: &mut Screen, shell: &mut Shell, app: &mut App) -> Result<(), String> {
    shell.defer_writes = true;
    let started = Instant::now();
    let at = || At {
        elapsed: started.elapsed(),
        wall_ms: clock().ms,
    };
    let mut pacer = Pacer::default();
    let env = |k: &str| std::env::var(k).ok();
    let osc = super::notify::terminal(env);
    let desktop = (shell.notify == crate::config::Notify::Desktop && super::notify::Daemon::available(env))
        .then_some(super::notify::Daemon);
    let mut title: Option<String> = None;
    // Set up once the first frame is out: it costs a thread and a watch
    // per folder, and the scan just made is what it compares with.
    let mut watch: Option<super::watch::Watch> = None;
    if let Ok(size) = terminal.size() {
        shell.dispatch(app, Action::Resize(size.width, size.height));
    }
    let mut event = Event::Start;
    loop {
        // Sync news redraws; it never takes a timeout's place, whose tick,
        // settle and look at other processes' writes are due now.
        let news = shell.sync_news(app);
        if news && event != Event::Timeout {
            event = Event::Changed;
        }
        let needs = Needs {
            quit: app.quit,
            tick: app.needs_tick(),
            settle_in: app.settle_in(clock()),
            sync_busy: shell.sync.busy() || shell.describing(),
            ring_at: app.next_ring(),
        };
        let mut wake = pacer.step(event, at(), needs);
        wake.redraw |= news;
        if wake.quit {
            return Ok(());
        }
        // What the step asked for changes the App: ask again, for a
        // redraw and a sleep measured from the App as it is now.
        if carry_out(&wake, terminal, shell, app, &mut watch) {
            event = Event::Changed;
            continue;
        }
        if wake.redraw {
            terminal
                .draw(|f| crate::ui::render(app, f))
                .map_err(|e| format!("cannot draw: {e}"))?;
            let now = app.title();
            if title.as_ref() != Some(&now) {
                write_out(&super::notify::title(&now));
                title = Some(now);
            }
            if watch.is_none() {
                watch = Some(super::watch::Watch::new(&shell.home));
            }
        }
        // The change is on screen; now make it durable.
        if shell.flush(app) {
            event = Event::Changed;
            continue;
        }
        if let Some(file) = shell.external.take() {
            // The user's editor gets the mouse while it runs.
            if shell.mouse {
                super::mouse::capture(false);
            }
            let message = edit_externally(terminal, &shell.home, &file);
            if shell.mouse {
                super::mouse::capture(true);
            }
            shell.edited_externally(app, &file);
            if let Some(m) = message {
                shell.dispatch(app, Action::Message(m, Level::Error));
            }
            event = Event::Changed;
            continue;
        }
        if shell.bell {
            shell.bell = false;
            write_out("\x07");
        }
        for (head, body) in std::mem::take(&mut shell.rings) {
            write_out(&super::notify::ring_bytes(shell.notify, osc, &head, &body));
            if let Some(d) = &desktop {
                use super::notify::Desktop as _;
                d.send(&head, &body);
            }
        }
        event = if ct_event::poll(wake.sleep(started.elapsed())).map_err(|e| e.to_string())? {
            match ct_event::read().map_err(|e| e.to_string())? {
                CtEvent::Key(k) if k.kind != KeyEventKind::Release => {
                    test_panic(k);
                    match key_of(k) {
                        Some(key) => {
                            shell.dispatch(app, Action::Key(key, clock()));
                            Event::Input
                        }
                        None => Event::Ignored,
                    }
                }
                CtEvent::Paste(text) => {
                    shell.dispatch(app, Action::Paste(text, clock()));
                    Event::Input
                }
                CtEvent::Resize(w, h) => {
                    shell.dispatch(app, Action::Resize(w, h));
                    Event::Input
                }
                CtEvent::Mouse(m) => match super::mouse::of(m) {
                    Some(m) => {
                        shell.dispatch(app, Action::Mouse(m, clock()));
                        Event::Input
                    }
                    None => Event::Ignored,
                },
                _ => Event::Ignored,
            }
        } else {
            Event::Timeout
        };
    }
}

/// Does the work a wake-up asked for; whether the App changed.
fn carry_out(
    wake: &Wake,
    terminal: &mut Screen,
    shell: &mut Shell,
    app: &mut App,
    watch: &mut Option<super::watch::Watch>,
) -> bool {
    let mut changed = false;
    if wake.settle {
        shell.dispatch(app, Action::Settle(clock()));
        changed = true;
    }
    if wake.tick {
        shell.dispatch(app, Action::Tick(clock()));
        changed = true;
    }
    if wake.watch
        && let Some(watch) = watch.as_mut()
    {
        if watch.db_maybe_changed() && shell.changed_elsewhere() {
            shell.reload(app);
            changed = true;
        }
        if watch.apps_maybe_changed()
            && let Some(listing) = shell.apps_listing()
        {
            let catalog = shell.scan_listed(&listing);
            shell.dispatch(app, catalog);
            changed = true;
            if shell.sync.is_repo() && !shell.sync.busy() {
                shell.sync.start(SyncJob::Status);
            }
        } else if !shell.sync.busy() && watch.git_maybe_changed() && shell.sync.repo_changed() {
            // git's state changed: `nook sync` in another terminal, a
            // commit by hand.
            shell.sync.start(SyncJob::Status);
        }
    }
    // A resize that slipped past the event queue: crossterm listens for
    // resizes from its first poll on, so only the start can miss one.
    if wake.check_size
        && let Ok(size) = terminal.size()
        && (size.width, size.height) != app.size
    {
        shell.dispatch(app, Action::Resize(size.width, size.height));
        changed = true;
    }
    changed
}

/// The editor the user chose: `$VISUAL`, else `$EDITOR`.
pub fn user_editor() -> Option<String> {
    ["VISUAL", "EDITOR"]
        .iter()
        .filter_map(|v| std::env::var(v).ok())
        .find(|v| !v.trim().is_empty())
}

/// Leaves the TUI, runs the user's editor on a spec file, and comes back.
/// Returns a message when the editor could not run.
fn edit_externally(terminal: &mut Screen, home: &Home, file: &str) -> Option<String> {
    use ratatui::crossterm::{execute, terminal as ct};
    let Some(editor) = user_editor() else {
        return Some("Set $VISUAL or $EDITOR to edit specs in your own editor (e edits here)".into());
    };
    let path = match super::spec_file::path(home, file) {
        Ok(p) => p,
        Err(e) => return Some(e),
    };
    paste_mode(false);
    let _ = ct::disable_raw_mode();
    let _ = execute!(
        screen(),
        ct::LeaveAlternateScreen,
        ratatui::crossterm::cursor::Show
    );
    // Through the shell, so "code --wait" or "emacs -nw" work as the user wrote them.
    #[expect(
        clippy::disallowed_methods,
        reason = "the one place nook starts the user's editor"
    )]
    let status = std::process::Command::new("sh")
        .arg("-c")
        .arg(format!("{editor} \"$1\""))
        .arg("nook-editor")
        .arg(&path)
        .status();
    let _ = execute!(screen(), ct::EnterAlternateScreen);
    let _ = ct::enable_raw_mode();
    paste_mode(true);
    let _ = terminal.clear();
    match status {
        Ok(s) if s.success() => None,
        Ok(s) if s.code() == Some(127) => Some(format!("cannot run {editor}: command not found")),
        Ok(s) => Some(format!(
            "{editor} exited with {}; the spec was read again as it is on disk",
            s.code()
                .map_or_else(|| "a signal".to_string(), |c| format!("code {c}"))
        )),
        Err(e) => Some(format!("cannot run {editor}: {e}")),
    }
}

/// The terminal ratatui draws on. A frame goes out in one `write`: std's
/// stdout buffers only 1 KiB, so a full 120x40 frame (about 13 KB) used to
/// leave in 1 KiB writes, each one a chance for the terminal to show part of
/// a frame. ratatui flushes after every draw.
pub(crate) type Screen =
    ratatui::Terminal<ratatui::backend::CrosstermBackend<std::io::BufWriter<std::io::Stdout>>>;

/// Room for the largest frame a big terminal draws, so a draw is one write.
const FRAME_BUFFER: usize = 256 * 1024;

/// `ratatui::init` with a buffered backend: the same panic hook (restore the
/// terminal, then the hook before it), raw mode and the alternate screen.
fn init_screen() -> std::io::Result<Screen> {
    use ratatui::crossterm::{execute, terminal as ct};
    let hook = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        ratatui::restore();
        hook(info);
    }));
    ct::enable_raw_mode()?;
    let out = std::io::BufWriter::with_capacity(FRAME_BUFFER, screen());
    let made = execute!(screen(), ct::EnterAlternateScreen)
        .and_then(|()| ratatui::Terminal::new(ratatui::backend::CrosstermBackend::new(out)));
    // ratatui::init panicked here, and its hook put the terminal back; an
    // error must do the same, or the user's shell is left in raw mode.
    if made.is_err() {
        ratatui::restore();
    }
    made
}

/// The TUI's own screen: the terminal nook draws on (lines for people go
/// through out.rs instead).
#[expect(clippy::disallowed_methods, reason = "the TUI draws on stdout")]
pub(crate) fn screen() -> std::io::Stdout {
    std::io::stdout()
}
