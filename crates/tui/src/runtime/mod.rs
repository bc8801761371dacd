//! The loop: terminal events become actions, `App::update` returns effects,
//! effects run against the store and come back as actions, and the screen is
//! drawn only when something changed. No busy loop: while nothing counts
//! down, nook sleeps until a key arrives or another process writes.

mod lifecycle;
pub mod load;
mod mouse;
pub mod notify;
pub mod spec_file;
pub mod sync;
pub mod terminal;
pub mod wake;
pub mod watch;

use crate::model::item_id::ItemId;

use crate::app::command::Cmd;
use crate::app::{Action, App, Effect, Level, Panel, PanelData, Write};
use crate::paths::Home;
use crate::spec::Catalog;
use crate::store::Store;
use crate::theme::Theme;

/// Everything the loop needs besides the App: the store and where things are.
/// What `usecase::lifecycle::describe` gives: the app and which made it.
type Described = Result<(crate::describe::Described, Option<String>), String>;

pub struct Shell {
    pub home: Home,
    /// Shared with the sync worker, which imports and exports app data.
    pub store: std::sync::Arc<Store>,
    /// The last operation id seen: another process's write changes it.
    seen_op: u64,
    /// Set by the Bell effect; the terminal runtime rings it.
    pub bell: bool,
    /// Timer phases that ended (app name, what ended), for the terminal
    /// runtime to ring and notify as `notify` says.
    pub rings: Vec<(String, String)>,
    /// config.ron's `notify`.
    pub notify: crate::config::Notify,
    /// The theme config.ron names.
    pub config_theme: String,
    /// The spec files' names and stamps when last read
    /// ([`crate::spec::catalog::Listing::fingerprint`]).
    apps_seen: u64,
    /// Hold writes until the screen shows the change: a key answers before
    /// the disk sync (the terminal loop sets this; tests leave it off).
    pub defer_writes: bool,
    deferred: Vec<Effect>,
    /// The lists' derived data is to be checked once the screen is drawn:
    /// figures counted under another spec, view indexes placed under
    /// another spec or day (`usecase::figures`).
    upkeep_due: bool,
    /// Reminders are to be looked for once the screen is drawn.
    remind_due: bool,
    /// Lists opened by their first rows whose other items are read once
    /// the screen is drawn.
    rest: Vec<String>,
    /// No frame is out yet: the launcher's lines are read for its first
    /// screen's apps only ([`App::first_screen_apps`]), the others' once
    /// it is drawn (`overviews_rest`).
    first_frame: bool,
    overviews_rest: bool,
    /// A spec file to hand to the user's editor; the terminal loop does it.
    pub external: Option<String>,
    /// The TUI takes the mouse (config.ron's `mouse`, on by default).
    pub mouse: bool,
    /// Runs git for sync off the loop's thread.
    pub sync: sync::Worker,
    /// A local model writing a described app, off the loop's thread: the
    /// screen keeps drawing while it answers.
    describing: Option<std::sync::mpsc::Receiver<Described>>,
    /// The undo groups this TUI wrote: its `u` undoes these first.
    ours: std::collections::BTreeSet<u64>,
    /// The log's last operation id when this TUI started: earlier actions
    /// on this device are undoable too, later ones of other processes not.
    started: u64,
    /// Actions whose undo (or redo) was found moot (their items deleted
    /// since): `u` goes on past them.
    passed: std::collections::BTreeSet<u64>,
}

impl Shell {
    pub fn new(home: Home, mut store: Store) -> Shell {
        // Its own session, so another process's action never clears its redo.
        store.set_session(Store::new_session_id());
        let seen_op = store.last_op().unwrap_or(0);
        let sync = sync::Worker::new(home.apps());
        Shell {
            home,
            store: std::sync::Arc::new(store),
            seen_op,
            bell: false,
            rings: Vec::new(),
            notify: Default::default(),
            config_theme: String::new(),
            apps_seen: 0,
            defer_writes: false,
            deferred: Vec::new(),
            upkeep_due: false,
            remind_due: false,
            rest: Vec::new(),
            first_frame: true,
            overviews_rest: false,
            external: None,
            mouse: true,
            sync,
            describing: None,
            ours: Default::default(),
            started: seen_op,
            passed: Default::default(),
        }
    }

    /// Reads the apps folder again (through the parsed-spec cache): the
    /// launcher's entries, and what the watcher compares with next.
    pub fn scan(&mut self) -> Action {
        let catalog = Catalog::of_home(&self.home).unwrap_or_default();
        self.adopt(catalog)
    }

    /// The launcher's entries from `catalog`, whose files are now the ones
    /// last read.
    fn adopt(&mut self, catalog: Catalog) -> Action {
        self.apps_seen = catalog.seen();
        self.catalog_action(catalog)
    }

    /// The launcher's entries from a catalog already read (taken, not
    /// copied: a hundred specs are worth not cloning before a first frame).
    pub fn catalog_action(&self, mut catalog: Catalog) -> Action {
        let root = format!("{}/", self.home.root.display());
        // A spec whose kind differs from its stored data shows as invalid.
        let _ = self.store.read(|r| crate::spec::catalog::mark(r, &mut catalog));
        let mut entries = load::entries(catalog);
        for e in &mut entries {
            if let Err(msg) = &mut e.spec {
                *msg = msg.replace(&root, "");
            }
        }
        Action::Catalog(entries)
    }

    /// Applies `action` and every action its effects lead to.
    pub fn dispatch(&mut self, app: &mut App, action: Action) {
        self.ready(app, &action);
        let mut queue = std::collections::VecDeque::from([action]);
        while let Some(a) = queue.pop_front() {
            for effect in app.update(a) {
                if self.defer_writes && matches!(effect, Effect::Write(..)) {
                    self.deferred.push(effect);
                    continue;
                }
                queue.extend(self.run(app, effect));
            }
        }
    }

    /// What waits for the screen: the writes held back while it was drawn
    /// (made durable first), then the rest of lists opened by their first
    /// rows, the reminders' look and the derived data's upkeep. Whether any
    /// of it may change what is shown.
    pub fn flush(&mut self, app: &mut App) -> bool {
        self.first_frame = false;
        // The launcher's other lines first: the next frame shows them.
        let mut any = std::mem::take(&mut self.overviews_rest);
        if any {
            for a in self.run(app, Effect::Overviews) {
                self.dispatch(app, a);
            }
        }
        let pending = std::mem::take(&mut self.deferred);
        any |= !pending.is_empty();
        for effect in pending {
            for next in self.run(app, effect) {
                self.dispatch(app, next);
            }
        }
        let rest = std::mem::take(&mut self.rest);
        any |= !rest.is_empty();
        for id in rest {
            let actions = match app.panels.iter().find(|p| p.spec().id == id && p.partial()) {
                Some(panel) => self.list_data(app, panel, None),
                None => Vec::new(),
            };
            for a in actions {
                self.dispatch(app, a);
            }
        }
        if std::mem::take(&mut self.remind_due) {
            for a in self.run(app, Effect::Remind) {
                self.dispatch(app, a);
            }
            any = true;
        }
        if std::mem::take(&mut self.upkeep_due) {
            let specs: Vec<&crate::spec::Spec> =
                app.entries.iter().filter_map(|e| e.spec.as_ref().ok()).collect();
            let recounted = crate::usecase::figures::restore_stale(&self.store, &specs, app.now);
            self.restore_orders(app);
            // Figures a read counted from the items are the store's now.
            if recounted.is_ok_and(|r| !r.is_empty()) {
                for a in self.run(app, Effect::Overviews) {
                    self.dispatch(app, a);
                }
                any = true;
            }
        }
        // A write made above (a reminder's mark, a timer's ring) waits for
        // the next frame, as writes do.
        any |= !self.deferred.is_empty();
        any
    }

    /// Before nook stops without a screen (a wrong `nook open`, a terminal
    /// that cannot be set up): the held-back writes are made, and a reminder
    /// is not looked for, so it is not marked as said where nobody saw it.
    pub fn flush_without_screen(&mut self, app: &mut App) {
        self.remind_due = false;
        self.rest.clear();
        self.overviews_rest = false;
        self.flush(app);
        let pending = std::mem::take(&mut self.deferred);
        for effect in pending {
            for next in self.run(app, effect) {
                self.dispatch(app, next);
            }
        }
    }

    /// A panel's data; a list's first rows only when `first` says how many
    /// and the view index has them, the rest then read after the frame
    /// unless the panel may stay so (`ListPanel::stays_partial`).
    fn list_data(&mut self, app: &App, panel: &Panel, first: Option<usize>) -> Vec<Action> {
        let id = panel.spec().id.clone();
        match load::panel_data(&self.store, panel, app.now, &all_specs(app), first) {
            Ok(data) => {
                if let PanelData::List { partial: Some(p), .. } = &data
                    && !p.keep
                {
                    self.rest.push(id.clone());
                }
                vec![Action::Loaded(id, data)]
            }
            Err(e) => vec![Action::Message(e.to_string(), Level::Error)],
        }
    }

    /// Before `action` reaches a list holding only its first rows: moving
    /// up, or down within them, needs nothing; moving down near their end
    /// reads twice as many; anything else (a filter, a sort, a view, a
    /// write, a click, a paste) reads every item first, so it acts on the
    /// whole list.
    fn ready(&mut self, app: &mut App, action: &Action) {
        let Some(Panel::List(l)) = app.focused() else {
            return;
        };
        if l.partial.is_none() {
            return;
        }
        // A page as the panel last knew it, or the terminal's height if
        // it grew since.
        let page = l.page.max(app.size().1 as usize).max(1);
        let needed = match action {
            // A taller terminal shows more rows: read them before it draws.
            Action::Resize(_, h) => Some(l.cursor + *h as usize + 1),
            Action::Key(..) | Action::Cmd(..) | Action::Mouse(..) | Action::Paste(..) => {
                let cmd = match action {
                    Action::Key(k, _) => app.panel_command(*k),
                    Action::Cmd(c, _) => Some(*c),
                    // The wheel moves as j and k do; a click reads everything.
                    Action::Mouse(m, _) => match m.kind {
                        crate::app::mouse::MouseKind::ScrollUp => Some(Cmd::Up),
                        crate::app::mouse::MouseKind::ScrollDown => Some(Cmd::Down),
                        crate::app::mouse::MouseKind::Click => None,
                    },
                    _ => None,
                };
                match cmd {
                    Some(Cmd::Up | Cmd::PageUp | Cmd::Top | Cmd::Back | Cmd::Quit | Cmd::Help) => return,
                    Some(Cmd::Down) => Some(l.cursor + 1 + page),
                    Some(Cmd::PageDown) => Some(l.cursor + 2 * page + 1),
                    _ => None,
                }
            }
            _ => return,
        };
        if needed.is_some_and(|n| n < l.items.len()) {
            return;
        }
        let first = needed.map(|n| (2 * n).max(2 * l.items.len()));
        let actions = match app.focused() {
            Some(panel) => self.list_data(app, panel, first),
            None => Vec::new(),
        };
        for a in actions {
            self.dispatch(app, a);
        }
    }

    /// Places again the items of lists whose view index a spec or the day
    /// made stale: derived data, so a failure only leaves them sorted on open.
    fn restore_orders(&self, app: &App) {
        let specs: Vec<&crate::spec::Spec> =
            app.entries.iter().filter_map(|e| e.spec.as_ref().ok()).collect();
        let _ = crate::usecase::figures::restore_orders(&self.store, &specs, app.now);
    }

    fn run(&mut self, app: &App, effect: Effect) -> Vec<Action> {
        let now = app.now;
        match effect {
            Effect::Load(id) => {
                let Some(panel) = app.panels.iter().find(|p| p.spec().id == id) else {
                    return Vec::new();
                };
                // While the screen is drawn before the next step, a list
                // opens by its first screen's rows; the rest is read once
                // they are on screen (before the next key is handled).
                let first = self.defer_writes.then(|| {
                    let rows = match app.size().1 {
                        // Before the terminal's size is known: a tall one's rows.
                        0 => 200,
                        h => h as usize,
                    };
                    // A reload keeps the rows already read, and the cursor on them.
                    match panel {
                        Panel::List(l) if l.partial.is_some() => rows.max(l.items.len()),
                        _ => rows,
                    }
                });
                let mut out = Vec::new();
                // Opened before the launcher's other lines are read (`nook
                // open` of an app below its first screen): its footer's line.
                if self.overviews_rest && !app.overviews.contains_key(&id) {
                    let only = std::collections::HashSet::from([id.clone()]);
                    if let Ok((mut lines, _)) = load::overviews(&self.store, &app.entries, now, Some(&only)) {
                        lines.extend(app.overviews.iter().map(|(k, o)| (k.clone(), o.clone())));
                        out.push(Action::Overviews(lines));
                    }
                }
                out.extend(self.list_data(app, panel, first));
                out
            }
            Effect::Overviews => {
                // After a spec changed a list's figures: recount them once
                // (until then a read counts them from the items), once the
                // screen is drawn.
                if self.defer_writes {
                    self.upkeep_due = true;
                } else {
                    let specs: Vec<&crate::spec::Spec> =
                        app.entries.iter().filter_map(|e| e.spec.as_ref().ok()).collect();
                    let _ = crate::usecase::figures::restore_stale(&self.store, &specs, now);
                    self.restore_orders(app);
                }
                // Before the first frame of the terminal loop (tests draw
                // no frames), the lines its first screen shows.
                let only = (self.first_frame && self.defer_writes)
                    .then(|| app.first_screen_apps())
                    .flatten();
                self.overviews_rest |= only.is_some();
                let mut out = match load::overviews(&self.store, &app.entries, now, only.as_ref()) {
                    Ok((o, None)) => vec![Action::Overviews(o)],
                    Ok((o, Some(failed))) => {
                        vec![Action::Overviews(o), Action::Message(failed, Level::Error)]
                    }
                    Err(e) => vec![Action::Message(e.to_string(), Level::Error)],
                };
                // Every timer's state with them: the App rings from these.
                if let Ok(states) = load::timers(&self.store, &app.entries) {
                    out.push(Action::Timers(states));
                }
                // An agenda on screen follows every write, as the launcher does.
                if app.launcher.agenda.is_some() {
                    out.extend(self.run(app, Effect::LoadAgenda));
                }
                // A write may bring a reminder due, or move the next one:
                // looked for once the screen is drawn (it reads every open
                // overdue item of the lists that remind).
                if self.defer_writes {
                    self.remind_due = true;
                } else {
                    out.extend(self.run(app, Effect::Remind));
                }
                out
            }
            Effect::Remind => self.remind(app, now),
            Effect::LoadAgenda => vec![match load::agenda(&self.store, &app.entries, now) {
                Ok(data) => Action::Agenda(data),
                Err(e) => Action::Message(e.to_string(), Level::Error),
            }],
            Effect::Write(id, write) => {
                // An open panel's spec, or (a timer ringing with its panel
                // closed) the catalog's.
                let open = app.panels.iter().map(|p| p.spec()).find(|s| s.id == id);
                let listed = || {
                    app.entries
                        .iter()
                        .filter_map(|e| e.spec.as_ref().ok())
                        .find(|s| s.id == id)
                };
                let Some(spec) = open.or_else(listed).cloned() else {
                    return Vec::new();
                };
                let mut out = self.write(app, &spec, now, write);
                out.extend(self.reload_linked(app, &id));
                out
            }
            Effect::Bell => {
                self.bell = true;
                Vec::new()
            }
            Effect::Ring { title, body } => {
                self.rings.push((title, body));
                Vec::new()
            }
            Effect::SaveLayout(ids) => {
                // None saved reads as no app open: quitting the launcher
                // with none open writes nothing (set_meta skips the rest).
                let layout = ids.join("\n");
                let saved = self.store.get_meta("layout").ok().flatten();
                if saved.as_deref().unwrap_or_default() != layout {
                    let _ = self.store.set_meta("layout", layout.as_bytes());
                }
                Vec::new()
            }
            Effect::SaveTheme(name) => {
                // Remembered with the config's theme at the time, so a later
                // edit of config.ron wins over the old choice.
                let _ = self
                    .store
                    .set_meta("theme", format!("{}\t{name}", self.config_theme).as_bytes());
                Vec::new()
            }
            Effect::Opened(id) => {
                let _ = self.store.note_created(&id, now.ms);
                let key = format!("opened.{id}");
                let count = self
                    .store
                    .get_meta(&key)
                    .ok()
                    .flatten()
                    .and_then(|v| v.split_once(' ').and_then(|(c, _)| c.parse::<u64>().ok()))
                    .unwrap_or(0);
                let _ = self
                    .store
                    .set_meta(&key, format!("{} {}", count + 1, now.ms).as_bytes());
                Vec::new()
            }
            Effect::ReadSpec(file) => match spec_file::read(&self.home, &file) {
                Ok(text) => vec![Action::EditorOpen {
                    file,
                    text,
                    created: false,
                    held: self.held_data(),
                }],
                Err(e) => vec![Action::Message(e, Level::Error)],
            },
            Effect::SaveSpec { file, text, expected } => {
                match spec_file::save(&self.home, &file, &text, expected.as_deref()) {
                    Err(spec_file::SaveError::Changed(disk)) => vec![Action::ChangedOnDisk(disk)],
                    Err(spec_file::SaveError::Failed(e)) => vec![Action::Message(e, Level::Error)],
                    Ok(()) => vec![Action::Saved(text), self.scan()],
                }
            }
            Effect::CreateApp { template, name } => {
                match crate::usecase::lifecycle::new_app(&self.home, Some(&self.store), now, &template, &name)
                {
                    Ok(made) => {
                        let file = made
                            .path
                            .file_name()
                            .map(|f| f.to_string_lossy().into_owned())
                            .unwrap_or_default();
                        let text = match spec_file::read(&self.home, &file) {
                            Ok(t) => t,
                            Err(e) => return vec![self.scan(), Action::Message(e, Level::Error)],
                        };
                        let message =
                            format!("Made apps/{file} from the {template} template; Ctrl-s saves changes");
                        vec![
                            self.scan(),
                            Action::EditorOpen {
                                file,
                                text,
                                created: true,
                                held: self.held_data(),
                            },
                            Action::Message(message, Level::Info),
                        ]
                    }
                    Err(e) => vec![Action::Message(spec_file::shorten(&self.home, e), Level::Error)],
                }
            }
            Effect::Describe(sentence) => {
                let (config, _) = crate::config::load(&self.home);
                if config.describe.command.is_empty() {
                    return vec![self.described(crate::usecase::lifecycle::describe(
                        &self.home,
                        Some(&self.store),
                        now,
                        &sentence,
                    ))];
                }
                // The model may take its time limit, three times over.
                let (tx, rx) = std::sync::mpsc::channel();
                let (home, store) = (self.home.clone(), self.store.clone());
                std::thread::spawn(move || {
                    let _ = tx.send(crate::usecase::lifecycle::describe(
                        &home,
                        Some(&store),
                        now,
                        &sentence,
                    ));
                });
                self.describing = Some(rx);
                let shown = crate::model_command::shown(&config.describe.command);
                vec![Action::Message(
                    format!("Asking the model `{shown}`…"),
                    Level::Info,
                )]
            }
            Effect::EditExternal(file) => {
                self.external = Some(file);
                Vec::new()
            }
            Effect::LoadPreview => {
                let Some(panel) = app.editor.as_ref().and_then(|e| e.preview.as_ref()) else {
                    return Vec::new();
                };
                match load::panel_data(&self.store, panel, now, &all_specs(app), None) {
                    Ok(data) => vec![Action::PreviewLoaded(data)],
                    Err(e) => vec![Action::Message(e.to_string(), Level::Error)],
                }
            }
            Effect::Sync(job) => {
                self.sync.start(job);
                Vec::new()
            }
            Effect::Quit => Vec::new(),
            Effect::SaveView { id, view } => {
                // A preference: losing it costs a key press, so a failed write is not reported.
                let _ = self.store.set_meta(&format!("view.{id}"), view.as_bytes());
                Vec::new()
            }
            e @ (Effect::Archive(_)
            | Effect::ArchiveLinked { .. }
            | Effect::Restore(_)
            | Effect::Purge { .. }
            | Effect::LoadArchive
            | Effect::SaveLauncherSort(_)) => self.lifecycle(app, e),
        }
    }

    /// What every open panel other than `written`'s shows of `written`'s
    /// items (link titles, rollups), read again: a rollup changes with an
    /// invoice. Only that is read, not the panel's own items.
    fn reload_linked(&self, app: &App, written: &str) -> Vec<Action> {
        let specs = all_specs(app);
        app.panels
            .iter()
            .filter(|p| p.spec().id != written && crate::usecase::link::reads(p.spec(), written))
            .filter_map(|p| {
                self.store
                    .read(|r| crate::usecase::link::linked(r, p.spec(), &specs))
                    .ok()
                    .map(|l| Action::Linked(p.spec().id.clone(), Box::new(l)))
            })
            .collect()
    }

    /// Carries out a panel's write through the use-case layer: a list
    /// answers with the written items, anything else with a reload.
    fn write(
        &mut self,
        app: &App,
        spec: &crate::spec::Spec,
        now: crate::model::Now,
        write: Write,
    ) -> Vec<Action> {
        use crate::usecase::{self, history::Scope};
        let store = &self.store;
        let scope = Scope::Session {
            ours: &self.ours,
            started: self.started,
            passed: &self.passed,
        };
        // What changed: items to patch in place, or a message and a reload.
        enum Shown {
            Patch(Vec<crate::model::Item>, Vec<ItemId>),
            Reload(Option<String>),
        }
        let mut moot = None;
        let result = match write {
            Write::AddItem { text, mut values } => {
                // The switcher's `add invoices client=Acme` names a client by
                // its title; the form's picker gives its id, which stays.
                let linked = match (&spec.kind, usecase::link::names_others(spec)) {
                    (crate::spec::Kind::List(list), true) => {
                        usecase::link::resolve(store, list, &all_specs(app), &mut values)
                            .map_err(|e| crate::store::StoreError::Invalid(e.join("; ")))
                    }
                    _ => Ok(()),
                };
                linked.and_then(|()| {
                    usecase::list::add(store, spec, now, text, values)
                        .map(|d| (Shown::Patch(vec![d.outcome.item], vec![]), d.receipt))
                })
            }
            Write::EditItem { loaded, typed } => {
                let edit = usecase::list::Edit::between(&loaded, &typed);
                usecase::list::edit(store, spec, now, loaded.id, &edit)
                    .map(|d| (Shown::Patch(vec![d.outcome.item], vec![]), d.receipt))
            }
            Write::SetDone { id, done } => usecase::list::set_done(store, spec, now, id, done)
                .map(|d| (Shown::Patch(vec![d.outcome.item], vec![]), d.receipt)),
            Write::Snooze(item) => usecase::due::snooze(store, spec, now, item)
                .map(|d| (Shown::Patch(vec![d.outcome.item], vec![]), d.receipt)),
            Write::DeleteItem(item) => usecase::list::delete(store, spec, now, item)
                .map(|d| (Shown::Patch(vec![], vec![d.outcome.item.id]), d.receipt)),
            Write::Entry { series, day, amount } => {
                usecase::tracker::log(store, spec, now, &series, day, amount)
                    .map(|d| (Shown::Reload(None), d.receipt))
            }
            Write::Timer(action) => {
                usecase::timer::act(store, spec, now, action).map(|d| (Shown::Reload(None), d.receipt))
            }
            Write::Undo | Write::Redo => {
                let spec_of = |id: &str| usecase::history::spec_in(&self.home, id);
                let redo = matches!(write, Write::Redo);
                let done = usecase::history::revert(store, spec, &spec_of, now, scope, redo);
                done.map(|d| {
                    if d.outcome.wrote_nothing() {
                        moot = d.outcome.group;
                    }
                    (Shown::Reload(Some(d.outcome.to_string())), d.receipt)
                })
            }
        };
        let id = spec.id.clone();
        let mut out = match result {
            Ok((shown, receipt)) => {
                // What this TUI did, for its own `u`.
                self.ours.extend(receipt.group());
                self.passed.extend(moot);
                // Our own write is seen; another process's write before it
                // is not, so the next watch still reloads it.
                if receipt.base == self.seen_op {
                    self.seen_op = receipt.last;
                }
                match shown {
                    // A panel holding only its first rows cannot place a
                    // written item among rows it has not read: read them again.
                    Shown::Patch(..) if app.panels.iter().any(|p| p.spec().id == id && p.partial()) => {
                        self.run(app, Effect::Load(id.clone()))
                    }
                    Shown::Patch(put, deleted) => vec![Action::Patched(id, put, deleted)],
                    Shown::Reload(msg) => {
                        let mut out = self.run(app, Effect::Load(id.clone()));
                        out.extend(msg.map(|m| Action::Message(m, Level::Info)));
                        out
                    }
                }
            }
            Err(e) => return vec![Action::Message(format!("Not saved: {e}"), Level::Error)],
        };
        // Summaries come from the store's per-app figures, kept by the write itself.
        out.extend(self.run(app, Effect::Overviews));
        out
    }

    /// The reminders whose time came, remembered as said before they are
    /// rung (the memory `nook remind` keeps too, so neither says one the
    /// other said), and when the next comes due.
    fn remind(&mut self, app: &App, now: crate::model::Now) -> Vec<Action> {
        use crate::usecase::due;
        let specs: Vec<crate::spec::Spec> = app.entries.iter().filter_map(|e| e.spec.clone().ok()).collect();
        let mut said = Vec::new();
        let look = due::look(&self.store, &specs, now);
        let (found, next) = match look {
            Ok(l) => (l.due, Some(l.next)),
            Err(_) => (Vec::new(), None),
        };
        for r in found {
            if due::mark_reminded(&self.store, &r).is_ok() {
                said.push((r.app_name.clone(), due::reminder_words(&r)));
            }
        }
        // On the wall clock as now is: a DST change in between wakes the
        // loop early (a look that finds nothing) or an hour late at worst.
        let next = next.map(|at| now.ms + (at - now.local).num_milliseconds());
        vec![Action::Reminders { said, next }]
    }

    /// What each id with data holds, for the editor's kind check. An error
    /// reading it only loses that check; the launcher still marks a conflict.
    fn held_data(&self) -> crate::app::editor::HeldData {
        self.store
            .read(|r| {
                let mut out = crate::app::editor::HeldData::new();
                for id in r.apps_with_data()? {
                    if let Some(h) = r.held(&id)? {
                        out.insert(id, h);
                    }
                }
                Ok(out)
            })
            .unwrap_or_default()
    }

    /// After the user's own editor closed on `file`: read the folder again
    /// and say whether the spec is valid.
    pub fn edited_externally(&mut self, app: &mut App, file: &str) {
        let catalog = self.scan();
        self.dispatch(app, catalog);
        let message = match app.entries.iter().find(|e| e.file == file) {
            Some(e) => match &e.spec {
                Ok(spec) => (format!("Reloaded {} from apps/{file}", spec.name), Level::Info),
                Err(err) => (err.clone(), Level::Error),
            },
            None => (format!("apps/{file} is gone"), Level::Error),
        };
        self.dispatch(app, Action::Message(message.0, message.1));
    }

    /// Reloads everything shown, after another process wrote.
    pub fn reload(&mut self, app: &mut App) {
        let ids: Vec<String> = app.panels.iter().map(|p| p.spec().id.clone()).collect();
        let mut actions: Vec<Action> = Vec::new();
        for id in ids {
            actions.extend(self.run(app, Effect::Load(id)));
        }
        actions.extend(self.run(app, Effect::Overviews));
        for a in actions {
            self.dispatch(app, a);
        }
    }

    /// Whether a spec file was added, changed or removed since we last
    /// looked (another editor, a `git pull`): a stat of each file, no reads.
    pub fn apps_changed(&mut self) -> bool {
        self.apps_listing().is_some()
    }

    /// The apps folder's files when one was added, changed or removed since
    /// they were last read; [`Shell::scan_listed`] reads them without a
    /// second stat each.
    pub fn apps_listing(&mut self) -> Option<crate::spec::catalog::Listing> {
        let listing =
            crate::spec::catalog::Listing::of(&self.home.apps(), &self.home.bounds()).unwrap_or_default();
        let now = listing.fingerprint();
        let changed = now != self.apps_seen;
        self.apps_seen = now;
        changed.then_some(listing)
    }

    /// [`Shell::scan`] of files [`Shell::apps_listing`] listed.
    pub fn scan_listed(&mut self, listing: &crate::spec::catalog::Listing) -> Action {
        let catalog = Catalog::of_listing(&self.home, listing);
        self.adopt(catalog)
    }

    /// What a sentence made, for the App: the draft to open, or why not.
    fn described(&self, made: Described) -> Action {
        match made {
            Ok((d, by)) => {
                let mut said = d.summary.clone();
                if let Some(by) = by {
                    said.push_str(&format!(" · {by}"));
                }
                if !d.ignored.is_empty() {
                    let quoted: Vec<String> = d.ignored.iter().map(|w| format!("'{w}'")).collect();
                    said.push_str(&format!(" · ignored: {}", quoted.join(", ")));
                }
                Action::EditorDraft {
                    file: crate::usecase::lifecycle::draft_file(&self.home, &d),
                    text: d.text,
                    said,
                    held: self.held_data(),
                }
            }
            Err(e) => Action::Message(e, Level::Error),
        }
    }

    /// Whether a model is writing a described app.
    pub fn describing(&self) -> bool {
        self.describing.is_some()
    }

    /// Applies a model's described app once it is there; whether it was.
    fn describe_news(&mut self, app: &mut App, wait: bool) -> bool {
        let Some(rx) = &self.describing else {
            return false;
        };
        let made = if wait {
            rx.recv().ok()
        } else {
            match rx.try_recv() {
                Err(std::sync::mpsc::TryRecvError::Empty) => return false,
                got => got.ok(),
            }
        };
        self.describing = None;
        let action = match made {
            Some(made) => self.described(made),
            None => Action::Message("the model's thread stopped".into(), Level::Error),
        };
        self.dispatch(app, action);
        true
    }

    /// Waits for the model's described app, if one is being written (tests).
    pub fn wait_describe(&mut self, app: &mut App) {
        self.describe_news(app, true);
    }

    /// Applies what the sync worker (and a model writing an app) reported;
    /// whether there was anything.
    pub fn sync_news(&mut self, app: &mut App) -> bool {
        let described = self.describe_news(app, false);
        let news = self.sync.poll();
        let any = described || !news.is_empty();
        for e in news {
            self.dispatch(app, Action::Sync(e));
        }
        any
    }

    /// Waits until the sync worker is idle, applying its news (tests, quit).
    pub fn wait_sync(&mut self, app: &mut App) {
        while let Some(e) = self.sync.wait_next() {
            self.dispatch(app, Action::Sync(e));
        }
    }

    /// Whether another process wrote since we last looked.
    pub fn changed_elsewhere(&mut self) -> bool {
        match self.store.last_op() {
            Ok(op) if op != self.seen_op => {
                self.seen_op = op;
                true
            }
            _ => false,
        }
    }
}

/// Every theme by file stem: the built-in ones, then the user's files (a
/// user file with a built-in's stem replaces it); and the problems found.
pub fn themes(home: &Home) -> (Vec<(String, Theme)>, Vec<String>) {
    let mut out: Vec<(String, Theme)> = Vec::new();
    let mut problems = Vec::new();
    for (file, text) in crate::bundled::THEMES {
        if let Ok(t) = crate::theme::parse(file, text, &Theme::default()) {
            out.push((file.trim_end_matches(".ron").to_string(), t));
        }
    }
    let bounds = home.bounds();
    if let Ok(dir) = std::fs::read_dir(home.themes()) {
        let mut paths: Vec<_> = dir.filter_map(|e| e.ok().map(|e| e.path())).collect();
        paths.sort();
        for p in paths.iter().filter(|p| p.extension().is_some_and(|e| e == "ron")) {
            let stem = p
                .file_stem()
                .map(|s| s.to_string_lossy().into_owned())
                .unwrap_or_default();
            let shown = format!(
                "themes/{}",
                p.file_name().map(|f| f.to_string_lossy()).unwrap_or_default()
            );
            // A theme that is a link leading out of the home is not read.
            match bounds
                .resolve(p)
                .map_err(|r| format!("{shown}: {}", r.why))
                .and_then(|real| std::fs::read_to_string(real).map_err(|e| format!("{shown}: {e}")))
                .and_then(|text| {
                    crate::theme::parse(&shown, &text, &Theme::default()).map_err(|e| e.first_line())
                }) {
                Ok(t) => match out.iter_mut().find(|(s, _)| *s == stem) {
                    Some(slot) => slot.1 = t,
                    None => out.push((stem, t)),
                },
                Err(e) => problems.push(e),
            }
        }
    }
    (out, problems)
}

/// Every valid spec the launcher lists.
fn all_specs(app: &App) -> Vec<&crate::spec::Spec> {
    app.entries.iter().filter_map(|e| e.spec.as_ref().ok()).collect()
}
