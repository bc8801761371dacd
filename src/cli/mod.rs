//! The command line: one file per group of subcommands.
//!
//! Exit codes: 0 success, 1 a user error (bad value, invalid spec, unknown
//! app), 2 a usage error (clap).

mod change;
mod check;
mod complete;
mod csv;
mod data;
mod doctor;
mod due;
mod items;
mod lifecycle;
mod ls;
mod new;
mod remind;
mod report;
mod sync;
mod timer;
mod transfer;

use std::path::PathBuf;

use clap::{Parser, Subcommand, ValueEnum};
use clap_complete::engine::{ArgValueCandidates, ArgValueCompleter};

use crate::paths::Home;
use crate::spec::{Catalog, Spec};
use crate::store::Store;

#[derive(Parser, Debug)]
#[command(
    name = "nook",
    version,
    about = "A terminal workspace of personal micro apps",
    long_about = "A terminal workspace of personal micro apps.\n\n\
        Apps are RON specs in the apps folder; their data lives in one database.\n\
        Files live in the platform config dir (~/.config/nook on Linux), or in\n\
        NOOK_HOME or --home when set."
)]
pub struct Cli {
    /// Use DIR for apps, themes, config and data instead of the config dir.
    #[arg(long, global = true, value_name = "DIR")]
    pub home: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Open one app in the TUI.
    Open {
        /// The app's id or name.
        #[arg(add = ArgValueCandidates::new(complete::app_ids))]
        app: String,
    },
    /// Check specs for problems (default: every spec in the apps folder).
    Check {
        /// Spec files or folders to check.
        paths: Vec<PathBuf>,
        /// Print every problem as JSON (file, line, column, message,
        /// suggestion), for editors; the exit code is the same.
        #[arg(long)]
        json: bool,
    },
    /// List every app with a live one-line summary.
    Ls {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// List what is overdue, due today and due soon in every list with a due field.
    Due {
        /// Print JSON instead of text.
        #[arg(long)]
        json: bool,
        /// How far ahead to look: 7d, 2w or a number of days (0: today only).
        #[arg(long, value_name = "DAYS", default_value = "7d", value_parser = due::parse_within)]
        within: u32,
    },
    /// Send the reminders whose time has come as desktop notifications, once
    /// each (for cron or a systemd timer; quiet when none is due).
    Remind {
        /// Print what was sent as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Print every summary of a list with its groups and periods as numbers.
    Report {
        /// The list's id or name.
        #[arg(add = ArgValueCandidates::new(complete::app_ids))]
        app: String,
        /// Print JSON (exact numbers) instead of text.
        #[arg(long)]
        json: bool,
    },
    /// Add an item to a list: TEXT for a plain list, field=value for a typed one.
    Add {
        /// The app's id or name.
        #[arg(add = ArgValueCandidates::new(complete::app_ids))]
        app: String,
        /// The item: words of text, or field=value pairs (after `--` for text that starts with `-`).
        #[arg(required = true, num_args = 1.., allow_negative_numbers = true)]
        #[arg(add = ArgValueCompleter::new(complete::field_names))]
        values: Vec<String>,
    },
    /// List a list's items with their ids (and done state and fields).
    Items {
        /// The app's id or name.
        #[arg(add = ArgValueCandidates::new(complete::app_ids))]
        app: String,
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
        /// Only the rows of this named view (the spec's `views:`), in its order.
        #[arg(long, value_name = "NAME")]
        view: Option<String>,
    },
    /// Change the named fields of one item (the text, for a plain list); the others keep what is stored.
    Edit {
        /// The app's id or name.
        #[arg(add = ArgValueCandidates::new(complete::app_ids))]
        app: String,
        /// The item's id, or any unique start of it (`nook items` lists them).
        id: String,
        /// field=value pairs, checked as `nook add` checks them (words of text for a plain list).
        #[arg(required = true, num_args = 1.., allow_negative_numbers = true)]
        #[arg(add = ArgValueCompleter::new(complete::field_names))]
        values: Vec<String>,
    },
    /// Tick an item (with --undo: untick it).
    Done {
        /// The app's id or name.
        #[arg(add = ArgValueCandidates::new(complete::app_ids))]
        app: String,
        /// The item's id, or any unique start of it.
        id: String,
        /// Untick instead.
        #[arg(long)]
        undo: bool,
    },
    /// Delete an item (`nook undo` brings it back).
    Rm {
        /// The app's id or name.
        #[arg(add = ArgValueCandidates::new(complete::app_ids))]
        app: String,
        /// The item's id, or any unique start of it.
        id: String,
    },
    /// Undo the latest action on this device (of APP, or of any app) and say what it was.
    Undo {
        /// The app's id or name; default: the app changed last.
        #[arg(add = ArgValueCandidates::new(complete::app_ids))]
        app: Option<String>,
    },
    /// Redo the latest undone action (of APP, or of any app).
    Redo {
        /// The app's id or name; default: the app undone last.
        #[arg(add = ArgValueCandidates::new(complete::app_ids))]
        app: Option<String>,
    },
    /// Log a tracker entry for today or any past day.
    Log {
        /// The app's id or name.
        #[arg(add = ArgValueCandidates::new(complete::app_ids))]
        app: String,
        /// An amount to add (default: the tracker's step; negative to take away), or yes/no for a habit.
        #[arg(allow_negative_numbers = true)]
        value: Option<String>,
        /// The day, YYYY-MM-DD (or "yesterday"); default today.
        #[arg(long, value_name = "YYYY-MM-DD")]
        date: Option<String>,
        /// Which series, for a tracker with several.
        #[arg(long, value_name = "NAME")]
        series: Option<String>,
        /// Set the day's amount instead of adding to it.
        #[arg(long)]
        set: bool,
    },
    /// Start, pause, stop or show a timer; it keeps running with nook closed.
    Timer {
        /// The app's id or name.
        #[arg(add = ArgValueCandidates::new(complete::app_ids))]
        app: String,
        #[arg(value_enum, default_value = "status")]
        action: TimerCommand,
        /// Print JSON (status).
        #[arg(long)]
        json: bool,
    },
    /// Write an app's data to stdout.
    Export {
        /// The app's id or name.
        #[arg(add = ArgValueCandidates::new(complete::app_ids))]
        app: String,
        #[arg(long, value_enum, default_value = "json")]
        format: Format,
    },
    /// Add data exported with `nook export` to an app: records not stored
    /// are added, ones stored as in the file are skipped, and ones that
    /// differ are kept as stored unless --replace is given. Says how many of
    /// each.
    Import {
        /// The app's id or name.
        #[arg(add = ArgValueCandidates::new(complete::app_ids))]
        app: String,
        /// A JSON file from `nook export`.
        file: PathBuf,
        /// Overwrite stored items, entries or a timer that differ from the file's.
        #[arg(long)]
        replace: bool,
        /// Take an export of another app (of the same kind); its items get new ids.
        #[arg(long)]
        from_other_app: bool,
        /// Give every item a new id after the ones stored, whatever its id in
        /// the file; needed when the file has an id above 2^52 (4503599627370496),
        /// which would leave the app too few ids to go on from.
        #[arg(long, conflicts_with = "replace")]
        renumber: bool,
    },
    /// Write a new app spec with a fresh id.
    New {
        /// The app's name, e.g. "Book club" (with --describe: optional, it names the app).
        #[arg(required_unless_present = "describe")]
        name: Option<String>,
        #[arg(long, value_enum, default_value = "list", conflicts_with = "template")]
        kind: NewKind,
        /// Start from a template: a bundled app (water, books, ...) or list, tracker, timer.
        #[arg(long, value_name = "ID", conflicts_with = "describe")]
        template: Option<String>,
        /// Make the app from a sentence: "yoga 3 times a week" (see docs/describe.md).
        #[arg(long, value_name = "SENTENCE", conflicts_with = "kind")]
        describe: Option<String>,
        /// With --describe: print the spec instead of writing it.
        #[arg(long, requires = "describe")]
        dry_run: bool,
    },
    /// Change an app by saying what to change: "add a rating out of 5",
    /// "rename status to stage", "make the goal 10 glasses" (see
    /// docs/describe.md). Prints the diff of its spec file and what was
    /// understood, and writes nothing unless --yes is given (so no
    /// --dry-run is needed).
    Change {
        /// The app's id, file name or name.
        #[arg(add = ArgValueCandidates::new(complete::app_ids))]
        app: String,
        /// What to change, in words.
        sentence: String,
        /// Write the changed spec.
        #[arg(long)]
        yes: bool,
    },
    /// Move an app's spec to apps/.archive; its data is kept.
    Archive {
        /// The app's id, file name or name.
        #[arg(add = ArgValueCandidates::new(complete::app_ids))]
        app: String,
        /// Archive it even though other apps link to its items.
        #[arg(long)]
        yes: bool,
    },
    /// Move an archived app's spec back into the apps folder.
    Restore {
        /// The archived app's id, file name or name.
        app: String,
    },
    /// Delete, for good, the data of an archived app (and its spec) or of an id without a spec.
    Purge {
        /// The archived app, or an id from `nook orphans`.
        app: String,
        /// Do not ask for confirmation.
        #[arg(long)]
        yes: bool,
    },
    /// List stored data whose app has no spec, active or archived.
    Orphans {
        /// Print JSON instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Print a completion script: bash, zsh or fish (app ids and field names complete too).
    Completions { shell: complete::Shell },
    /// Print the man page (roff): `nook man | man -l -`.
    Man,
    /// Check the database; with --recover or --fresh, move a damaged one aside.
    Doctor {
        /// Move a damaged database aside and copy what can be read into a new one.
        #[arg(long, conflicts_with = "fresh")]
        recover: bool,
        /// Move a damaged database aside and start an empty one.
        #[arg(long)]
        fresh: bool,
    },
    /// Sync the apps folder with git: commit changes, pull, push (needs `git`).
    Sync {
        /// Make the apps folder a git repository; with REMOTE, connect it
        /// (joining a remote that already holds apps adopts them).
        #[arg(long, conflicts_with_all = ["resolve", "status"])]
        init: bool,
        /// A git remote (URL or path), with --init.
        #[arg(requires = "init", value_name = "REMOTE")]
        remote: Option<String>,
        /// Settle a conflict on APP with --mine, --theirs or --both, then sync.
        #[arg(long, value_name = "APP", requires = "choice", conflicts_with = "status")]
        resolve: Option<String>,
        /// With --resolve: keep this machine's version.
        #[arg(long, group = "choice", requires = "resolve")]
        mine: bool,
        /// With --resolve: take the remote's version.
        #[arg(long, group = "choice", requires = "resolve")]
        theirs: bool,
        /// With --resolve: keep yours, and theirs beside it as a new app.
        #[arg(long, group = "choice", requires = "resolve")]
        both: bool,
        /// Print the folder's sync state (as the launcher's header shows it).
        #[arg(long)]
        status: bool,
    },
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum TimerCommand {
    Start,
    Pause,
    /// Start if stopped or paused, pause if running.
    Toggle,
    /// Stop and reset (`r` in the TUI); a stopwatch logs its run.
    #[value(alias = "stop")]
    Reset,
    /// Skip to the next phase.
    Skip,
    /// Record a lap (stopwatch).
    Lap,
    Status,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    Json,
    Csv,
}

#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum NewKind {
    List,
    Timer,
    Tracker,
}

impl NewKind {
    /// The kind, whose word names its blank template.
    fn tag(self) -> crate::spec::KindTag {
        match self {
            NewKind::List => crate::spec::KindTag::List,
            NewKind::Timer => crate::spec::KindTag::Timer,
            NewKind::Tracker => crate::spec::KindTag::Tracker,
        }
    }
}

/// A failure to report: the message goes to stderr, the code is the exit code.
#[derive(Debug)]
pub struct CliError {
    pub message: String,
    pub code: i32,
}

impl CliError {
    pub fn user(message: impl Into<String>) -> Self {
        CliError {
            message: message.into(),
            code: 1,
        }
    }
}

impl From<crate::store::StoreError> for CliError {
    fn from(e: crate::store::StoreError) -> Self {
        CliError::user(e.to_string())
    }
}

impl From<crate::sync::SyncError> for CliError {
    fn from(e: crate::sync::SyncError) -> Self {
        CliError::user(e.to_string())
    }
}

impl From<crate::model::ClockError> for CliError {
    fn from(e: crate::model::ClockError) -> Self {
        CliError::user(e.to_string())
    }
}

pub type CliResult = Result<(), CliError>;

/// The home, its specs and (opened on demand) its database.
pub struct Ctx {
    pub home: Home,
    pub catalog: Catalog,
    /// Whether `catalog` holds the whole apps folder yet.
    scanned: bool,
    store: Option<Store>,
    /// Set by the commands that only read: their store is opened read-only
    /// (nothing written or synced to disk).
    reading: bool,
}

impl Ctx {
    pub fn load(flag: Option<&std::path::Path>) -> Result<Ctx, CliError> {
        let mut ctx = Ctx::load_specs(flag)?;
        ctx.mark_kinds()?;
        Ok(ctx)
    }

    /// Like [`Ctx::load`] for a command that only reads (`nook ls`): the
    /// store it opens to compare kinds is read-only.
    pub fn load_reading(flag: Option<&std::path::Path>) -> Result<Ctx, CliError> {
        let mut ctx = Ctx::load_specs(flag)?;
        ctx.reading = true;
        ctx.mark_kinds()?;
        Ok(ctx)
    }

    /// The home and every spec, not yet compared with the stored data (which
    /// needs the database: `nook check` works without it).
    fn load_specs(flag: Option<&std::path::Path>) -> Result<Ctx, CliError> {
        let mut ctx = Ctx::load_home(flag)?;
        ctx.catalog = scan(&ctx.home)?;
        ctx.scanned = true;
        Ok(ctx)
    }

    /// Finds the home and installs the examples on first run.
    fn load_home(flag: Option<&std::path::Path>) -> Result<Ctx, CliError> {
        let home = Home::locate(flag).map_err(CliError::user)?;
        crate::runtime::terminal::set_panic_log(home.log());
        crate::runtime::terminal::test_panic_cli();
        for dir in [home.apps(), home.themes()] {
            if dir.is_symlink() && !dir.exists() {
                let to = std::fs::read_link(&dir).map_or_else(|_| "?".into(), |t| t.display().to_string());
                return Err(CliError::user(format!(
                    "{}: a link to {to}, which does not exist; make that folder or remove the link",
                    dir.display()
                )));
            }
        }
        let installed = crate::bundled::install_if_missing(&home).map_err(|e| {
            CliError::user(format!(
                "{}: cannot set up nook's folder: {e}",
                home.root.display()
            ))
        })?;
        if installed.apps > 0 {
            tell!(
                "nook: installed {} example apps in {}",
                installed.apps,
                home.apps().display()
            );
        }
        Ok(Ctx {
            home,
            catalog: Catalog::default(),
            scanned: false,
            store: None,
            reading: false,
        })
    }

    /// Like [`Ctx::load`] for a command about one app: the apps folder is
    /// read only if the app's own file (`apps/APP.ron` with that id) is not
    /// enough, so `nook add` does not parse every spec.
    pub fn load_lazy(flag: Option<&std::path::Path>) -> Result<Ctx, CliError> {
        Ctx::load_home(flag)
    }

    /// This command only reads: its store, when it opens one, is read-only.
    pub fn only_reading(&mut self) {
        self.reading = true;
    }

    pub fn store(&mut self) -> Result<&Store, CliError> {
        if self.store.is_none() {
            let path = self.home.database().map_err(CliError::user)?;
            self.store = Some(match self.reading {
                true => Store::open_read(&path)?,
                false => Store::open(&path)?,
            });
        }
        Ok(self.store.as_ref().expect("just opened"))
    }

    pub fn app(&mut self, query: &str) -> Result<Spec, CliError> {
        if !self.scanned {
            let file = self.home.apps().join(format!("{query}.ron"));
            if crate::spec::slug::check(query).is_ok()
                && let Ok(spec) = crate::spec::catalog::read_entry(&file, &self.home.bounds()).spec
                && spec.id == query
                // Links are checked against the other specs: the scan does it.
                && !crate::usecase::link::names_others(&spec)
                // Refused here, another file may keep the id: the scan decides.
                && let Ok(spec) = self.fit_kind(spec)
            {
                return Ok(spec);
            }
            self.catalog = scan(&self.home)?;
            self.scanned = true;
            self.mark_kinds()?;
        }
        self.catalog.find(query).cloned().map_err(CliError::user)
    }

    /// Every valid spec of the apps folder (read now if it was not yet):
    /// what links and rollups name.
    pub fn all_specs(&mut self) -> Result<Vec<Spec>, CliError> {
        if !self.scanned {
            self.catalog = scan(&self.home)?;
            self.scanned = true;
            self.mark_kinds()?;
        }
        Ok(self.catalog.specs().cloned().collect())
    }
}

fn scan(home: &Home) -> Result<Catalog, CliError> {
    Catalog::of_home(home).map_err(|e| {
        CliError::user(format!(
            "{}: cannot read the apps folder: {e}",
            home.apps().display()
        ))
    })
}

/// Runs the command line; returns the exit code.
pub fn main() -> i32 {
    crate::runtime::terminal::install_panic_hook();
    complete::answer_if_asked();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = e.exit_code();
            let _ = e.print();
            return code;
        }
    };
    match run(cli) {
        Ok(()) => 0,
        Err(e) => {
            tell!("nook: {}", e.message);
            e.code
        }
    }
}

pub fn run(cli: Cli) -> CliResult {
    let home = cli.home.as_deref();
    match cli.command {
        None => tui(home, None),
        Some(Command::Open { app }) => tui(home, Some(app)),
        Some(Command::Check { paths, json }) => check::run(home, &paths, json),
        Some(Command::Completions { shell }) => complete::script(shell),
        Some(Command::Man) => complete::man(),
        Some(Command::Ls { json }) => ls::run(&mut Ctx::load_reading(home)?, json),
        // Only reads: the database opens read-only.
        Some(Command::Due { json, within }) => due::run(&mut Ctx::load_reading(home)?, json, within),
        Some(Command::Remind { json }) => remind::run(&mut Ctx::load(home)?, json),
        Some(Command::Report { app, json }) => report::run(&mut Ctx::load_lazy(home)?, &app, json),
        Some(Command::Add { app, values }) => data::add(&mut Ctx::load_lazy(home)?, &app, &values),
        Some(Command::Items { app, json, view }) => {
            items::items(&mut Ctx::load_lazy(home)?, &app, json, view.as_deref())
        }
        Some(Command::Edit { app, id, values }) => {
            items::edit(&mut Ctx::load_lazy(home)?, &app, &id, &values)
        }
        Some(Command::Done { app, id, undo }) => items::done(&mut Ctx::load_lazy(home)?, &app, &id, undo),
        Some(Command::Rm { app, id }) => items::rm(&mut Ctx::load_lazy(home)?, &app, &id),
        Some(Command::Undo { app }) => items::history(&mut Ctx::load(home)?, app.as_deref(), false),
        Some(Command::Redo { app }) => items::history(&mut Ctx::load(home)?, app.as_deref(), true),
        Some(Command::Log {
            app,
            value,
            date,
            series,
            set,
        }) => data::log(
            &mut Ctx::load_lazy(home)?,
            &app,
            value.as_deref(),
            date.as_deref(),
            series.as_deref(),
            set,
        ),
        Some(Command::Timer { app, action, json }) => {
            timer::run(&mut Ctx::load_lazy(home)?, &app, action, json)
        }
        Some(Command::Export { app, format }) => transfer::export(&mut Ctx::load_lazy(home)?, &app, format),
        Some(Command::Import {
            app,
            file,
            replace,
            from_other_app,
            renumber,
        }) => transfer::import(
            &mut Ctx::load_lazy(home)?,
            &app,
            &file,
            crate::store::export::Options {
                replace,
                from_other_app,
                renumber,
            },
        ),
        Some(Command::New {
            name,
            kind,
            template,
            describe: Some(sentence),
            dry_run,
        }) => {
            let _ = (kind, template);
            new::describe(&mut Ctx::load(home)?, &sentence, name.as_deref(), dry_run)
        }
        Some(Command::New {
            name, kind, template, ..
        }) => new::run(
            &mut Ctx::load(home)?,
            name.as_deref().unwrap_or_default(),
            template.as_deref().unwrap_or(kind.tag().word()),
        ),
        Some(Command::Sync {
            init,
            remote,
            resolve,
            mine,
            theirs,
            both: _,
            status,
        }) => {
            let ask = match (init, resolve, status) {
                (true, ..) => sync::Ask::Init(remote),
                (_, Some(app), _) => sync::Ask::Resolve(
                    app,
                    match (mine, theirs) {
                        (true, _) => crate::sync::Choice::Mine,
                        (_, true) => crate::sync::Choice::Theirs,
                        _ => crate::sync::Choice::Both,
                    },
                ),
                (_, _, true) => sync::Ask::Status,
                _ => sync::Ask::Sync,
            };
            sync::run(&mut Ctx::load_lazy(home)?, ask)
        }
        Some(Command::Change { app, sentence, yes }) => {
            change::run(&mut Ctx::load(home)?, &app, &sentence, yes)
        }
        Some(Command::Archive { app, yes }) => lifecycle::archive(&mut Ctx::load(home)?, &app, yes),
        Some(Command::Restore { app }) => lifecycle::restore(&mut Ctx::load(home)?, &app),
        Some(Command::Purge { app, yes }) => lifecycle::purge(&mut Ctx::load(home)?, &app, yes),
        Some(Command::Orphans { json }) => lifecycle::orphans(&mut Ctx::load(home)?, json),
        Some(Command::Doctor { recover, fresh }) => doctor::run(
            home,
            match (recover, fresh) {
                (true, _) => doctor::Fix::Recover,
                (_, true) => doctor::Fix::Fresh,
                _ => doctor::Fix::None,
            },
        ),
    }
}

/// The TUI; without a terminal (a pipe, a script) the app list instead.
fn tui(home: Option<&std::path::Path>, open: Option<String>) -> CliResult {
    if !crate::out::at_terminal() {
        if open.is_some() {
            return Err(CliError::user("`nook open` needs a terminal"));
        }
        return ls::run(&mut Ctx::load(home)?, false);
    }
    // The TUI opens the database itself and compares kinds there: opening
    // it here too would cost a second open and close before the first frame.
    let ctx = Ctx::load_specs(home)?;
    let Ctx { home, catalog, .. } = ctx;
    crate::runtime::terminal::run(home, open, Some(catalog)).map_err(CliError::user)
}
