//! The UI's state and its one mutator, [`App::update`]. Pure: no terminal, no
//! files, no clock (every action carries `now`). The runtime turns keys into
//! actions, carries out the [`Effect`]s that `update` returns, and feeds
//! their results back as actions.

pub mod agenda;
pub mod archive;
pub mod calendar;
pub mod clocks;
pub mod command;
pub mod editor;
pub mod form;
pub mod fuzzy;
pub mod gallery;
pub mod help;
pub mod key;
pub mod launcher;
pub mod layout;
pub mod line;
pub mod list;
pub mod mouse;
pub mod picker;
pub mod switch;
pub mod sync;
pub mod text;
pub mod timer;
pub mod tracker;

use crate::model::item_id::ItemId;
use std::collections::HashMap;

use command::{Cmd, Context};
use key::Key;

use crate::model::Now;
use crate::model::timer::{Action as TimerAction, Session, TimerState};
use crate::model::{FieldValue, Item};
use crate::overview::Overview;
use crate::spec::{Kind, Spec};
use crate::theme::Theme;

/// One app of the apps folder as the launcher lists it.
#[derive(Clone, Debug, PartialEq)]
pub struct AppEntry {
    pub file: String,
    pub spec: Result<Spec, String>,
}

impl AppEntry {
    pub fn id(&self) -> Option<&str> {
        self.spec.as_ref().ok().map(|s| s.id.as_str())
    }
}

/// What the runtime loaded for a panel.
#[derive(Clone, Debug, PartialEq)]
pub enum PanelData {
    List {
        items: Vec<Item>,
        /// The view last chosen with `v` for this app ("table"), if any.
        view: Option<String>,
        /// What its links and rollups show of other apps.
        linked: Box<crate::model::link::Linked>,
        /// Set when `items` are only the first rows of the opening order.
        partial: Option<list::Partial>,
    },
    Timer {
        state: TimerState,
        /// Sessions that ended today.
        today: Vec<Session>,
        /// Finished focus phases per day, oldest first, ending today (14 days).
        days: Vec<(i32, u32)>,
    },
    Tracker {
        /// (series, day) -> value, for the loaded days.
        values: HashMap<(String, i32), f64>,
        from: i32,
        to: i32,
        streaks: Vec<crate::model::streak::Streaks>,
    },
}

#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    Key(Key, Now),
    /// Text the terminal says was pasted (bracketed paste): typed into the
    /// input that has focus, never run as keys.
    Paste(String, Now),
    Cmd(Cmd, Now),
    /// Open this entry of the catalog (`nook --open`), pointing the
    /// launcher at it first.
    Open(usize, Now),
    /// A click or a turn of the wheel (when the mouse is on).
    Mouse(mouse::Mouse, Now),
    /// A second passed while a timer runs, or a running timer's phase
    /// ended (the loop wakes at each phase end).
    Tick(Now),
    /// The stored state of every timer app (id, state), read with the
    /// launcher's summaries.
    Timers(Vec<(String, TimerState)>),
    Resize(u16, u16),
    /// The apps folder was read (at start, or after a change).
    Catalog(Vec<AppEntry>),
    Overviews(HashMap<String, Overview>),
    Loaded(String, PanelData),
    /// Items of a list app that were written (put) or deleted, so a long
    /// list changes in place instead of loading again.
    Patched(String, Vec<Item>, Vec<ItemId>),
    /// A write or load failed, or something worth saying happened.
    Message(String, Level),
    /// The layout remembered from the last run.
    Restore(Vec<String>),
    /// A spec file's text, to edit (`created`: just made from a template).
    EditorOpen {
        file: String,
        text: String,
        created: bool,
        held: editor::HeldData,
    },
    /// A spec made from a sentence, to show in the editor before it is
    /// written; `said` is what was understood (and ignored).
    EditorDraft {
        file: String,
        text: String,
        said: String,
        held: editor::HeldData,
    },
    /// The edited spec was written with this text.
    Saved(String),
    /// The edited spec changed on disk since it was opened; its text now.
    ChangedOnDisk(String),
    /// The edited app's stored data, for the editor's preview.
    PreviewLoaded(PanelData),
    /// Typing paused: check what the editor holds.
    Settle(Now),
    /// News from the sync worker (see app/sync.rs).
    Sync(sync::Event),
    /// The archive view's rows.
    ArchiveRows(Vec<archive::ArchiveRow>),
    /// The agenda's rows, read through the date index.
    Agenda(agenda::AgendaData),
    /// Reminders whose time came (app name, what), already remembered as
    /// said, and when the next one comes due (unix ms).
    Reminders {
        said: Vec<(String, String)>,
        next: Option<i64>,
    },
    /// An app's spec was moved to the archive: (file, name).
    AppArchived(String, String),
    /// Other apps link to the app about to be archived: ask first, saying
    /// what would show "(deleted)".
    AskArchive {
        file: String,
        warnings: Vec<String>,
    },
    /// What a list shows of other apps, read again after one of them was
    /// written (its items stay as they are).
    Linked(String, Box<crate::model::link::Linked>),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

/// A change to app data, carried out by the runtime through the store.
#[derive(Clone, Debug, PartialEq)]
pub enum Write {
    AddItem {
        text: String,
        values: std::collections::BTreeMap<String, FieldValue>,
    },
    /// An edit: the item as the panel loaded it and as the user left it;
    /// only what differs between the two is written.
    EditItem {
        loaded: Item,
        typed: Item,
    },
    SetDone {
        id: ItemId,
        done: bool,
    },
    DeleteItem(ItemId),
    /// The agenda's `z`: the item's due date a day later.
    Snooze(ItemId),
    /// A change to a tracker day, applied to what is stored.
    Entry {
        series: String,
        day: i32,
        amount: crate::model::amount::Amount,
    },
    Timer(TimerAction),
    Undo,
    Redo,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Effect {
    /// Load (or reload) an open app's data.
    Load(String),
    /// Refresh the launcher's summaries.
    Overviews,
    Write(String, Write),
    Bell,
    /// A timer's phase ended: the bell and a desktop notification, as
    /// config.ron's `notify` says (the banner is the App's message).
    Ring {
        title: String,
        body: String,
    },
    /// Remember which apps are open.
    SaveLayout(Vec<String>),
    /// Remember the chosen theme.
    SaveTheme(String),
    /// Count an app as opened (for "last opened" in the launcher).
    Opened(String),
    /// Read a spec file (from the apps folder) into the editor.
    ReadSpec(String),
    /// Write an edited spec file whole, if it still holds `expected`.
    SaveSpec {
        file: String,
        text: String,
        expected: Option<String>,
    },
    /// Make a new app from a template and open it in the editor.
    CreateApp {
        template: String,
        name: String,
    },
    /// Make a spec from a sentence and open it in the editor, unwritten.
    Describe(String),
    /// Hand a spec file to the user's own editor, then reload.
    EditExternal(String),
    /// Read the edited app's data for the preview.
    LoadPreview,
    /// Hand work to the sync worker thread.
    Sync(sync::Job),
    /// Move a spec file (by name) of the apps folder to the archive.
    Archive(String),
    /// Count what links to app `id` (file `file`) first: archive it when
    /// nothing does, else answer with `Action::AskArchive`.
    ArchiveLinked {
        file: String,
        id: String,
    },
    /// Move an archived spec file (by name) back.
    Restore(String),
    /// Delete an id's data for good, and its archived spec file if any.
    Purge {
        id: String,
        file: Option<String>,
    },
    /// List the archive view's rows.
    LoadArchive,
    /// Read the agenda's rows.
    LoadAgenda,
    /// Say the reminders whose time came (due items, habits), once each.
    Remind,
    /// Remember the launcher's order.
    SaveLauncherSort(String),
    /// Remember the view chosen for a list app (`ui.view.<id>`).
    SaveView {
        id: String,
        view: String,
    },
    Quit,
}

impl Effect {
    /// Whether carrying it out writes, moves or removes a file in the apps folder.
    pub fn writes_apps_folder(&self) -> bool {
        matches!(
            self,
            Effect::SaveSpec { .. }
                | Effect::CreateApp { .. }
                | Effect::EditExternal(_)
                | Effect::Archive(_)
                | Effect::Restore(_)
                | Effect::Purge { file: Some(_), .. }
        )
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Panel {
    /// Boxed: a list's panel (its spec, items and form) is the largest by far.
    List(Box<list::ListPanel>),
    Timer(timer::TimerPanel),
    Tracker(tracker::TrackerPanel),
}

impl Panel {
    pub fn new(spec: Spec, today: i32) -> Panel {
        match &spec.kind {
            Kind::List(_) => Panel::List(Box::new(list::ListPanel::new(spec))),
            Kind::Timer(_) => Panel::Timer(timer::TimerPanel::new(spec)),
            Kind::Tracker(_) => Panel::Tracker(tracker::TrackerPanel::new(spec, today)),
        }
    }

    pub fn spec(&self) -> &Spec {
        match self {
            Panel::List(p) => &p.spec,
            Panel::Timer(p) => &p.spec,
            Panel::Tracker(p) => &p.spec,
        }
    }

    pub fn context(&self) -> Context {
        match self {
            Panel::List(p) if p.view == list::ViewMode::Board => Context::Board,
            Panel::List(p) if p.view == list::ViewMode::Calendar => Context::Calendar,
            Panel::List(_) => Context::List,
            Panel::Timer(_) => Context::Timer,
            Panel::Tracker(_) => Context::Tracker,
        }
    }

    /// A list holding only its first rows (see `list::Partial`).
    pub fn partial(&self) -> bool {
        matches!(self, Panel::List(l) if l.partial.is_some())
    }

    pub fn loaded(&self) -> bool {
        match self {
            Panel::List(p) => p.loaded,
            Panel::Timer(p) => p.loaded,
            Panel::Tracker(p) => p.loaded,
        }
    }

    /// Takes loaded data of its own kind; data of another kind is dropped.
    fn load(&mut self, data: PanelData, now: Now) {
        match (self, data) {
            (
                Panel::List(l),
                PanelData::List {
                    items,
                    view,
                    linked,
                    partial,
                },
            ) => {
                l.linked = linked;
                // Only on the first load: a reload must not undo a `v` just pressed.
                if !l.loaded
                    && let Some(v) = view
                {
                    l.restore_view(&v);
                }
                l.today = now.today_number();
                l.load(items, partial)
            }
            (Panel::Timer(t), d @ PanelData::Timer { .. }) => t.load(d, now),
            (Panel::Tracker(t), d @ PanelData::Tracker { .. }) => t.load(d),
            _ => {}
        }
    }

    /// Clears a kept filter; whether there was one (Esc takes it first).
    fn clear_filter(&mut self) -> bool {
        match self {
            Panel::List(p) => p.clear_filter(),
            _ => false,
        }
    }

    /// Whether the panel is typing into a field (keys go to the input).
    fn input_active(&self) -> bool {
        match self {
            Panel::List(p) => p.form.is_some() || p.filtering,
            _ => false,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub enum Overlay {
    /// The keys of the screen it was opened on, scrolled to `scroll`.
    Help {
        ctx: Context,
        scroll: usize,
    },
    /// "Delete this data for good?" before a purge.
    ConfirmPurge(archive::ArchiveRow),
    /// "Archive it? Other apps link to it" before an archive.
    ConfirmArchive {
        file: String,
        warnings: Vec<String>,
    },
    /// `:` or C-p: apps, commands and verbs with arguments (app/switch.rs).
    Switcher {
        input: line::LineInput,
        selected: usize,
        /// Why the last Enter did nothing (no match, a bad argument).
        said: Option<String>,
    },
    /// Apps both sides changed, each waiting for a choice.
    Conflicts {
        selected: usize,
    },
    Gallery(gallery::Gallery),
}

/// What the App holds. Everyone may read it (`App` derefs to it), but only
/// `App::update` changes it: no code outside app/ gets a `&mut State`.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub entries: Vec<AppEntry>,
    pub overviews: HashMap<String, Overview>,
    pub launcher: launcher::Launcher,
    /// Open apps, side by side.
    pub panels: Vec<Panel>,
    /// Which panel has focus; None: the launcher is shown.
    pub focus: Option<usize>,
    /// The open apps are drawn side by side (`o`); false: the focused one
    /// alone (`Enter`), the others waiting in the tab bar.
    pub beside: bool,
    pub overlay: Option<Overlay>,
    /// The spec editor, shown over everything else while open.
    pub editor: Option<editor::Editor>,
    pub themes: Vec<Theme>,
    pub theme: usize,
    pub message: Option<(String, Level)>,
    pub now: Now,
    pub size: (u16, u16),
    /// Shown in the header: where the apps live.
    pub home_label: String,
    /// NO_COLOR: draw with emphasis only.
    pub no_color: bool,
    pub quit: bool,
    pub sync: sync::SyncUi,
    /// Every timer app's state, open or not: what rings and the header.
    pub clocks: clocks::Clocks,
    /// When the next reminder comes due (unix ms): the loop wakes then.
    pub reminder_at: Option<i64>,
    /// The focused app was opened from the command line (`nook open APP`)
    /// and the launcher has not been shown since: `q` leaves nook, as it
    /// came from the shell.
    pub direct: bool,
}

/// The TUI's state behind its one mutator, [`App::update`]. The state is a
/// private field: the runtime, the drawing code and tests read it through
/// `Deref`, and the compiler refuses any assignment to it from outside app/:
///
/// ```compile_fail,E0594
/// fn resize(app: &mut nook::app::App) {
///     app.size = (120, 40); // runtime/ says Action::Resize instead
/// }
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct App {
    s: State,
}

impl std::ops::Deref for App {
    type Target = State;

    fn deref(&self) -> &State {
        &self.s
    }
}

/// What the runtime knows before the first frame.
#[derive(Clone, Debug)]
pub struct Setup {
    pub themes: Vec<Theme>,
    /// Index into `themes` of the one to draw with.
    pub theme: usize,
    pub now: Now,
    /// Shown in the header: where the apps live.
    pub home_label: String,
    /// NO_COLOR is set: draw with emphasis only.
    pub no_color: bool,
    /// The launcher's order, as remembered from the last run.
    pub sort: launcher::Sort,
}

impl App {
    /// The terminal's size as last told (0 x 0 before the first resize).
    pub fn size(&self) -> (u16, u16) {
        self.s.size
    }

    pub fn new(setup: Setup) -> App {
        let Setup {
            themes,
            theme,
            now,
            home_label,
            no_color,
            sort,
        } = setup;
        App {
            s: State {
                entries: Vec::new(),
                overviews: HashMap::new(),
                launcher: launcher::Launcher {
                    sort,
                    ..Default::default()
                },
                panels: Vec::new(),
                focus: None,
                beside: true,
                overlay: None,
                editor: None,
                themes: if themes.is_empty() {
                    vec![Theme::default()]
                } else {
                    themes
                },
                theme,
                message: None,
                now,
                size: (80, 24),
                home_label,
                no_color,
                quit: false,
                sync: sync::SyncUi::default(),
                clocks: clocks::Clocks::default(),
                reminder_at: None,
                direct: false,
            },
        }
    }

    pub fn theme(&self) -> &Theme {
        &self.s.themes[self.s.theme.min(self.s.themes.len() - 1)]
    }

    pub fn context(&self) -> Context {
        if self.s.editor.is_some() {
            return Context::Editor;
        }
        if let Some(Overlay::Conflicts { .. }) = self.s.overlay {
            return Context::Conflicts;
        }
        match self.s.focus.and_then(|i| self.s.panels.get(i)) {
            Some(p) => p.context(),
            None if self.s.launcher.archive.is_some() => Context::Archive,
            None if self.s.launcher.agenda.is_some() => Context::Agenda,
            None => Context::Launcher,
        }
    }

    pub fn focused(&self) -> Option<&Panel> {
        self.s.focus.and_then(|i| self.s.panels.get(i))
    }

    /// When a running timer's phase ends next (unix ms): the loop wakes then.
    /// When a running timer's phase ends or a reminder comes due next
    /// (unix ms): the loop wakes then.
    pub fn next_ring(&self) -> Option<i64> {
        match (self.s.clocks.next_end(), self.s.reminder_at) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        }
    }

    /// The terminal's title: the nearest running timer, or "nook".
    pub fn title(&self) -> String {
        self.s.clocks.title(self.s.now.ms)
    }

    /// The bell, the banner and a notification for each phase that ended,
    /// and a look that logs it.
    fn rung(&mut self, rings: Vec<clocks::Ring>) -> Vec<Effect> {
        let mut fx = Vec::new();
        for r in rings {
            self.s.message = Some((format!("{}: {}", r.title, r.body), Level::Info));
            fx.push(Effect::Ring {
                title: r.title,
                body: r.body,
            });
            fx.push(Effect::Write(r.id, Write::Timer(TimerAction::Observe)));
        }
        fx
    }

    /// Whether anything on screen counts seconds: a running timer, which
    /// the header shows on every screen.
    pub fn needs_tick(&self) -> bool {
        if self.s.clocks.any_running() {
            return true;
        }
        let panel_running = self.s.focus.is_some()
            && self
                .panels
                .iter()
                .any(|p| matches!(p, Panel::Timer(t) if t.state.since.is_some()));
        let launcher_running = self.s.focus.is_none()
            && self
                .overviews
                .values()
                .any(|o| o.timer == Some(crate::model::timer::Status::Running));
        panel_running || launcher_running
    }

    fn open_ids(&self) -> Vec<String> {
        self.s.panels.iter().map(|p| p.spec().id.clone()).collect()
    }

    /// The one mutator.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Key(key, now) => {
                self.s.now = now;
                let fx = self.key(key);
                let fx = self.hold_while_syncing(fx);
                self.load_focused(fx)
            }
            Action::Paste(text, now) => {
                self.s.now = now;
                self.s.message = None;
                self.paste(&text)
            }
            Action::Cmd(cmd, now) => {
                self.s.now = now;
                let fx = self.command(cmd);
                let fx = self.hold_while_syncing(fx);
                self.load_focused(fx)
            }
            Action::Mouse(m, now) => {
                self.s.now = now;
                self.s.message = None;
                let fx = mouse::event(self, m);
                let fx = self.hold_while_syncing(fx);
                self.load_focused(fx)
            }
            Action::Open(index, now) => {
                let row = self.visible_entries().iter().position(|&i| i == index);
                self.s.launcher.selected = row.unwrap_or(0);
                let fx = self.update(Action::Cmd(Cmd::Open, now));
                self.s.direct = self.s.focus.is_some();
                fx
            }
            Action::Tick(now) => {
                self.s.now = now;
                let mut fx = Vec::new();
                for p in &mut self.s.panels {
                    if let Panel::Timer(t) = p {
                        t.tick(now);
                    }
                }
                let rings = self.s.clocks.tick(now.ms);
                fx.extend(self.rung(rings));
                if self.s.reminder_at.is_some_and(|at| at <= now.ms) {
                    self.s.reminder_at = None;
                    fx.push(Effect::Remind);
                }
                if self.s.focus.is_none() {
                    fx.push(Effect::Overviews);
                }
                fx
            }
            Action::Timers(states) => {
                let now = self.s.now;
                let specs: Vec<&Spec> = self
                    .s
                    .entries
                    .iter()
                    .filter_map(|e| e.spec.as_ref().ok())
                    .collect();
                let (rings, notices) = self.s.clocks.load(&specs, states, now.ms);
                let mut fx = Vec::new();
                if !notices.is_empty() {
                    let words: Vec<&str> = notices.iter().map(|(_, n)| n.as_str()).collect();
                    self.s.message = Some((words.join("; "), Level::Info));
                    // Logged now, so the next start does not say it again.
                    for (id, _) in notices {
                        fx.push(Effect::Write(id, Write::Timer(TimerAction::Observe)));
                    }
                }
                fx.extend(self.rung(rings));
                fx
            }
            Action::Resize(w, h) => {
                self.s.size = (w, h);
                Vec::new()
            }
            Action::Catalog(entries) => self.set_catalog(entries),
            Action::Overviews(o) => {
                self.s.overviews = o;
                Vec::new()
            }
            Action::Loaded(id, data) => {
                let now = self.s.now;
                // Every panel showing the app gets it (a dashboard may show an
                // app twice); the last one takes the data, the others a copy.
                // A list's first rows only go where they were read for: a
                // panel not loaded yet or holding first rows too, never one
                // that holds every item (under its own sort or filter).
                let first_rows = matches!(data, PanelData::List { partial: Some(_), .. });
                let mut panels: Vec<&mut Panel> = self
                    .s
                    .panels
                    .iter_mut()
                    .filter(|p| p.spec().id == id && (!first_rows || !p.loaded() || p.partial()))
                    .collect();
                if let Some(last) = panels.pop() {
                    for p in panels {
                        p.load(data.clone(), now);
                    }
                    last.load(data, now);
                }
                Vec::new()
            }
            Action::Patched(id, put, deleted) => {
                for p in self.s.panels.iter_mut().filter(|p| p.spec().id == id) {
                    if let Panel::List(l) = p {
                        l.patch(&put, &deleted);
                    }
                }
                Vec::new()
            }
            Action::Message(text, level) => {
                self.s.message = Some((text, level));
                Vec::new()
            }
            Action::EditorOpen {
                file,
                text,
                created,
                held,
            } => {
                self.s.overlay = None;
                // The launcher points at the app being edited, for when the editor closes.
                self.s.launcher.filter.clear();
                if let Some(row) = self
                    .visible_entries()
                    .iter()
                    .position(|&i| self.s.entries[i].file == file)
                {
                    self.s.launcher.selected = row;
                }
                let editor = editor::Editor::new(file, &text, self.s.now, created, held);
                let existing = editor.original_id.is_some() && !created;
                self.s.editor = Some(editor);
                if existing {
                    vec![Effect::LoadPreview]
                } else {
                    Vec::new()
                }
            }
            Action::EditorDraft {
                file,
                text,
                said,
                held,
            } => {
                self.s.overlay = None;
                self.s.launcher.filter.clear();
                self.s.editor = Some(editor::Editor::draft(file, &text, self.s.now, held));
                self.s.message = Some((format!("{said} · Ctrl-s saves, Esc drops it"), Level::Info));
                Vec::new()
            }
            Action::Saved(text) => {
                let Some(e) = &mut self.s.editor else {
                    return Vec::new();
                };
                e.saved(text);
                self.s.message = Some((format!("Saved apps/{}", e.file), Level::Info));
                if e.close_after_save {
                    self.s.editor = None;
                    return vec![Effect::Overviews];
                }
                Vec::new()
            }
            Action::ChangedOnDisk(disk) => {
                if let Some(e) = &mut self.s.editor {
                    e.changed_on_disk(disk);
                }
                Vec::new()
            }
            Action::PreviewLoaded(data) => {
                let now = self.s.now;
                if let Some(e) = &mut self.s.editor {
                    e.set_data(data, now);
                }
                Vec::new()
            }
            Action::Settle(now) => {
                self.s.now = now;
                if let Some(e) = &mut self.s.editor
                    && e.due(now) == Some(0)
                {
                    e.validate(now);
                }
                Vec::new()
            }
            Action::Reminders { said, next } => {
                self.s.reminder_at = next;
                let mut fx = Vec::new();
                for (title, body) in said {
                    self.s.message = Some((format!("⏰ {title}: {body}"), Level::Info));
                    fx.push(Effect::Ring { title, body });
                }
                fx
            }
            Action::Agenda(data) => {
                agenda::set(self, data);
                Vec::new()
            }
            Action::ArchiveRows(rows) => {
                archive::set_rows(self, rows);
                Vec::new()
            }
            Action::AppArchived(file, name) => {
                archive::archived(self, file, name);
                Vec::new()
            }
            Action::Linked(id, linked) => {
                for p in self.s.panels.iter_mut().filter(|p| p.spec().id == id) {
                    if let Panel::List(l) = p {
                        l.set_linked(linked.clone());
                    }
                }
                Vec::new()
            }
            Action::AskArchive { file, warnings } => {
                self.s.overlay = Some(Overlay::ConfirmArchive { file, warnings });
                Vec::new()
            }
            Action::Restore(ids) => {
                // Panels come back unloaded: the launcher shows first, and a
                // panel reads its data when it is focused.
                for id in ids {
                    if self.s.panels.len() >= layout::MAX_OPEN {
                        break;
                    }
                    if let Some(spec) = self.spec_by_id(&id) {
                        self.s.panels.push(Panel::new(spec, self.s.now.today_number()));
                    }
                }
                Vec::new()
            }
            Action::Sync(event) => self.sync_event(event),
        }
    }

    /// Drops changes to the apps folder while git works on it: a file
    /// written mid-rebase would be reset by the rebase, or stop it.
    fn hold_while_syncing(&mut self, fx: Vec<Effect>) -> Vec<Effect> {
        if !self.s.sync.busy {
            return fx;
        }
        let (held, go): (Vec<Effect>, Vec<Effect>) = fx.into_iter().partition(Effect::writes_apps_folder);
        if !held.is_empty() {
            self.s.message = Some((
                "A sync is running; try again when it is done (nothing was changed)".into(),
                Level::Error,
            ));
            if let Some(e) = &mut self.s.editor {
                e.close_after_save = false;
            }
        }
        go
    }

    /// Adds a load for the focused panel if it has no data yet.
    fn load_focused(&self, mut fx: Vec<Effect>) -> Vec<Effect> {
        if let Some(p) = self.focused()
            && !p.loaded()
        {
            let id = p.spec().id.clone();
            if !fx.contains(&Effect::Load(id.clone())) {
                fx.push(Effect::Load(id));
            }
        }
        fx
    }

    fn spec_by_id(&self, id: &str) -> Option<Spec> {
        self.s
            .entries
            .iter()
            .find_map(|e| e.spec.as_ref().ok().filter(|s| s.id == id).cloned())
    }

    /// A new catalog: keep open panels whose spec is still valid (taking the
    /// new spec), keep the last good version of one that broke.
    fn set_catalog(&mut self, entries: Vec<AppEntry>) -> Vec<Effect> {
        self.s.entries = entries;
        let mut fx = vec![Effect::Overviews];
        let today = self.s.now.today_number();
        for i in 0..self.s.panels.len() {
            let id = self.s.panels[i].spec().id.clone();
            if let Some(spec) = self.spec_by_id(&id)
                && &spec != self.s.panels[i].spec()
            {
                self.s.panels[i] = Panel::new(spec, today);
                fx.push(Effect::Load(id));
            }
        }
        self.s.launcher.clamp(self.visible_entries().len());
        fx
    }

    /// The apps whose lines the launcher's first screen shows, with the
    /// open panels' apps: a hundred apps' lines need not all be read before
    /// the first frame. None when the screen needs every app's (sorted by
    /// last use, the order is the overviews'; a size not told yet).
    pub fn first_screen_apps(&self) -> Option<std::collections::HashSet<String>> {
        let height = self.body().height as usize;
        if height == 0 || self.s.launcher.sort != launcher::Sort::Name {
            return None;
        }
        let rows = self.visible_entries();
        let lines = self.s.launcher.lines(&self.s.entries, &rows);
        let selected = self.s.launcher.selected.min(rows.len().saturating_sub(1));
        let at = layout::selected_line(&lines, selected);
        // The body's height is more than the list's: its borders and tabs.
        let offset = layout::launcher_offset(lines.len(), at, height);
        let mut out: std::collections::HashSet<String> = lines
            .iter()
            .skip(offset)
            .take(height)
            .filter_map(|l| match *l {
                launcher::LauncherLine::App(r) => self.s.entries[rows[r]].id().map(str::to_string),
                launcher::LauncherLine::Head(_) => None,
            })
            .collect();
        out.extend(self.open_ids());
        Some(out)
    }

    /// Launcher rows after the filter, best match first.
    pub fn visible_entries(&self) -> Vec<usize> {
        self.s.launcher.rows(&self.s.entries, &self.s.overviews)
    }

    /// The screen between the header and the footer.
    pub fn body(&self) -> ratatui::layout::Rect {
        let (w, h) = self.s.size;
        layout::rows(ratatui::layout::Rect::new(0, 0, w, h))[1]
    }

    /// Where open app `i` is drawn (the whole body when it is not shown).
    fn panel_rect(&self, i: usize) -> ratatui::layout::Rect {
        let body = self.body();
        layout::workspace(body, self.s.panels.len(), i, self.s.beside)
            .panels
            .into_iter()
            .find(|(p, _)| *p == i)
            .map_or(body, |(_, r)| r)
    }

    /// Lines of text the editor shows: the screen less header, footer,
    /// borders and the two status lines.
    pub fn editor_page(&self) -> usize {
        (self.s.size.1 as usize).saturating_sub(6).max(1)
    }

    /// How long until the editor's text is due a check, if it waits on one.
    pub fn settle_in(&self, now: Now) -> Option<i64> {
        self.s.editor.as_ref().and_then(|e| e.due(now))
    }

    fn editor_key(&mut self, ctx: Context, key: Key) -> Vec<Effect> {
        let (now, page) = (self.s.now, self.editor_page());
        let cmd = command::lookup(ctx, key);
        let Some(e) = &mut self.s.editor else {
            return Vec::new();
        };
        let mut fx = Vec::new();
        for out in e.key(key, cmd, now, page) {
            match out {
                editor::EditorOut::Save { file, text, expected } => {
                    fx.push(Effect::SaveSpec { file, text, expected })
                }
                editor::EditorOut::Say(text, level) => self.s.message = Some((text, level)),
                editor::EditorOut::Close => {
                    // A draft saved from "Describe it…" was not listed when it opened:
                    // the launcher points at it now.
                    if let Some(e) = self.s.editor.take()
                        && e.draft.is_none()
                        && let Some(row) = self
                            .visible_entries()
                            .iter()
                            .position(|&i| self.s.entries[i].file == e.file)
                    {
                        self.s.launcher.selected = row;
                    }
                    fx.push(Effect::Overviews);
                    break;
                }
            }
        }
        fx
    }

    /// The context a key goes to now: the innermost layer of the ladder
    /// (help, the editor or its question, an overlay, a form or its
    /// question), else the screen's.
    pub fn key_context(&self) -> Context {
        if let Some(Overlay::Help { .. }) = self.s.overlay {
            return Context::Help;
        }
        if let Some(e) = &self.s.editor {
            return e.context();
        }
        match &self.s.overlay {
            Some(Overlay::ConfirmPurge(_)) => return Context::Purge,
            Some(Overlay::ConfirmArchive { .. }) => return Context::ArchiveAsk,
            Some(Overlay::Switcher { .. }) => return Context::Switcher,
            Some(Overlay::Gallery(g)) if g.naming.is_some() => return Context::Naming,
            Some(Overlay::Gallery(_)) => return Context::Gallery,
            _ => {}
        }
        if let Some(Panel::List(l)) = self.focused()
            && let Some(form) = &l.form
        {
            return if form.asking {
                Context::FormAsk
            } else if form.picker.is_some() {
                Context::Picker
            } else {
                Context::Form
            };
        }
        self.context()
    }

    fn open_help(&mut self) {
        self.s.overlay = Some(Overlay::Help {
            ctx: self.key_context(),
            scroll: 0,
        });
    }

    fn help_key(&mut self, ctx: Context, at: usize, key: Key) -> Vec<Effect> {
        let rows = help::rows(&self.s, ctx).len();
        let room = help::room(self.s.size.1, rows);
        self.s.overlay = help::scroll(command::lookup(Context::Help, key), at, rows, room)
            .map(|scroll| Overlay::Help { ctx, scroll });
        Vec::new()
    }

    /// What `key` does as a command of the focused panel; None when it
    /// goes elsewhere (help, the editor, an overlay) or is typed into one
    /// of the panel's inputs (a form, the filter).
    pub fn panel_command(&self, key: Key) -> Option<Cmd> {
        if self.s.overlay.is_some() || self.s.editor.is_some() {
            return None;
        }
        let panel = self.s.panels.get(self.s.focus?)?;
        if panel.input_active() {
            return None;
        }
        command::lookup(self.key_context(), key)
    }

    fn key(&mut self, key: Key) -> Vec<Effect> {
        self.s.message = None;
        if let Some(Overlay::Help { ctx, scroll }) = self.s.overlay {
            return self.help_key(ctx, scroll, key);
        }
        // Help where letters type (the editor, a form) is F1; elsewhere `?` too.
        let ctx = self.key_context();
        if command::lookup(ctx, key) == Some(Cmd::Help) {
            self.open_help();
            return Vec::new();
        }
        if self.s.editor.is_some() {
            return self.editor_key(ctx, key);
        }
        if let Some(overlay) = self.s.overlay.clone() {
            return self.overlay_key(overlay, key);
        }
        // C-c quits, except in a form, where it closes the form (what was
        // typed would be lost with nook).
        let in_form = matches!(self.focused(), Some(Panel::List(l)) if l.form.is_some());
        if key == Key::ctrl('c') && !in_form {
            return self.command(Cmd::Quit);
        }
        if self.s.focus.is_none() && self.s.launcher.filtering {
            if self.s.launcher.filter_key(key) == launcher::FilterOut::Open {
                if self.visible_entries().is_empty() {
                    self.s.launcher.filtering = true;
                    let q = self.s.launcher.filter.text();
                    self.s.message = Some((format!("No app matches “{q}”"), Level::Error));
                    return Vec::new();
                }
                // The search is done, as in fzf or a palette: the launcher
                // shows every app again when the user comes back to it.
                let fx = self.command(Cmd::Open);
                self.clear_launcher_filter();
                return fx;
            }
            return Vec::new();
        }
        if let Some(i) = self.s.focus
            && self.s.panels.get(i).is_some_and(Panel::input_active)
        {
            let now = self.s.now;
            if let Panel::List(l) = &mut self.s.panels[i] {
                return l.input_key(key, now);
            }
        }
        let ctx = self.context();
        match command::lookup(ctx, key) {
            // Back from an app opened from the shell is the shell.
            Some(Cmd::Back) if self.s.direct && key == Key::ch('q') => self.command(Cmd::Quit),
            Some(cmd) => self.command(cmd),
            None => {
                self.s.message = Some((command::elsewhere(ctx, key), Level::Info));
                Vec::new()
            }
        }
    }

    /// Where a paste goes: the same input a typed character would reach.
    fn paste(&mut self, text: &str) -> Vec<Effect> {
        let (now, page) = (self.s.now, self.editor_page());
        if let Some(e) = &mut self.s.editor {
            e.paste(text, now, page);
            return Vec::new();
        }
        match &mut self.s.overlay {
            Some(Overlay::Switcher {
                input,
                selected,
                said,
            }) => {
                input.insert(text);
                *selected = 0;
                *said = None;
                return Vec::new();
            }
            Some(Overlay::Gallery(gallery::Gallery {
                naming: Some(name), ..
            })) => {
                name.insert(text);
                return Vec::new();
            }
            Some(_) => return Vec::new(),
            None => {}
        }
        if self.s.focus.is_none() && self.s.launcher.filtering {
            self.s.launcher.filter.insert(text);
            self.s.launcher.selected = 0;
            return Vec::new();
        }
        if let Some(i) = self.s.focus
            && let Some(Panel::List(l)) = self.s.panels.get_mut(i)
            && let Some((fx, said)) = l.paste(text, now)
        {
            if let Some(m) = said {
                self.s.message = Some((m, Level::Info));
            }
            return fx;
        }
        self.s.message = Some((
            "Nothing here takes a paste: open a form or a filter first".into(),
            Level::Info,
        ));
        Vec::new()
    }

    fn overlay_key(&mut self, overlay: Overlay, key: Key) -> Vec<Effect> {
        let ctx = self.key_context();
        match overlay {
            Overlay::ConfirmPurge(row) => archive::confirm_key(self, row, command::lookup(ctx, key)),
            Overlay::ConfirmArchive { file, .. } => {
                archive::confirm_archive(self, file, command::lookup(ctx, key))
            }
            Overlay::Help { ctx, scroll } => self.help_key(ctx, scroll, key),
            Overlay::Gallery(mut g) => match g.key(key) {
                gallery::GalleryOut::Stay => {
                    self.s.overlay = Some(Overlay::Gallery(g));
                    Vec::new()
                }
                gallery::GalleryOut::Close => {
                    self.s.overlay = None;
                    Vec::new()
                }
                gallery::GalleryOut::Create { template, name } => {
                    // The gallery stays up until the app exists, to show a refusal.
                    self.s.overlay = Some(Overlay::Gallery(g));
                    vec![Effect::CreateApp { template, name }]
                }
                gallery::GalleryOut::Describe { sentence } => {
                    // Up until the spec is made: a sentence it cannot read is said there.
                    self.s.overlay = Some(Overlay::Gallery(g));
                    vec![Effect::Describe(sentence)]
                }
            },
            Overlay::Conflicts { selected } => self.conflicts_key(key, selected),
            Overlay::Switcher {
                mut input,
                mut selected,
                mut said,
            } => {
                match input.key(&key) {
                    line::LineEdit::Edited => {
                        selected = 0;
                        said = None;
                    }
                    line::LineEdit::Moved => {}
                    line::LineEdit::Ignored => return self.switcher_key(input, selected, key),
                }
                self.s.overlay = Some(Overlay::Switcher {
                    input,
                    selected,
                    said,
                });
                Vec::new()
            }
        }
    }

    /// A key of the switcher that is not typing, as its table says.
    fn switcher_key(&mut self, mut input: line::LineInput, mut selected: usize, key: Key) -> Vec<Effect> {
        let choices = self.switcher_choices(input.text());
        let mut said = None;
        match command::lookup(Context::Switcher, key) {
            Some(Cmd::Back) => {
                self.s.overlay = None;
                return Vec::new();
            }
            Some(Cmd::Submit) => match self.switcher_intent(input.text(), choices.get(selected).copied()) {
                Ok(intent) => {
                    self.s.overlay = None;
                    return self.perform(intent);
                }
                // A verb chosen from the list: its arguments come next.
                Err(None) => {
                    if let Some(&c) = choices.get(selected) {
                        input.set(switch::complete(&self.s, input.text(), c));
                        selected = 0;
                    }
                }
                Err(Some(why)) => said = Some(why),
            },
            Some(Cmd::Complete) => {
                if let Some(&c) = choices.get(selected) {
                    input.set(switch::complete(&self.s, input.text(), c));
                    selected = 0;
                }
            }
            Some(Cmd::Down) => selected = (selected + 1).min(choices.len().saturating_sub(1)),
            Some(Cmd::Up) => selected = selected.saturating_sub(1),
            _ => {}
        }
        self.s.overlay = Some(Overlay::Switcher {
            input,
            selected,
            said,
        });
        Vec::new()
    }

    /// The switcher's list for `line`, on the screen under it.
    pub fn switcher_choices(&self, line: &str) -> Vec<switch::Choice> {
        switch::choices(&self.s, self.context(), line)
    }

    /// What Enter on the switcher's line means; Err(None): a verb was
    /// chosen and waits for its arguments; Err(Some): why nothing can run.
    fn switcher_intent(
        &self,
        line: &str,
        chosen: Option<switch::Choice>,
    ) -> Result<switch::Intent, Option<String>> {
        if let Some(parsed) = switch::parse(&self.s, line, self.s.now) {
            return parsed.map_err(Some);
        }
        match chosen {
            Some(switch::Choice::App(i)) => Ok(switch::Intent::Open(i)),
            Some(switch::Choice::Command(b)) => Ok(switch::Intent::Run(b.cmd)),
            Some(switch::Choice::Verb(_)) => Err(None),
            None => Err(Some(format!(
                "Nothing matches “{}”: type an app, a command, or log/add/timer APP …",
                line.trim()
            ))),
        }
    }

    /// Carries out what the switcher read.
    fn perform(&mut self, intent: switch::Intent) -> Vec<Effect> {
        match intent {
            switch::Intent::Run(cmd) => self.command(cmd),
            switch::Intent::Open(index) => {
                // From any screen: the launcher's own open, pointed at the app.
                self.s.focus = None;
                self.s.launcher.archive = None;
                self.s.launcher.agenda = None;
                self.s.launcher.filtering = false;
                self.s.launcher.filter.clear();
                let row = self.visible_entries().iter().position(|&i| i == index);
                self.s.launcher.selected = row.unwrap_or(0);
                self.command(Cmd::Open)
            }
            switch::Intent::Write { id, write, said } => {
                self.s.message = Some((said, Level::Info));
                vec![Effect::Write(id, *write)]
            }
        }
    }

    /// Empties the launcher's filter, keeping the selected app selected.
    fn clear_launcher_filter(&mut self) {
        let visible = self.visible_entries();
        let chosen = visible.get(self.s.launcher.selected).copied();
        self.s.launcher.filter.clear();
        let rows = self.visible_entries();
        self.s.launcher.selected = chosen
            .and_then(|c| rows.iter().position(|&i| i == c))
            .unwrap_or(0);
    }

    fn command(&mut self, cmd: Cmd) -> Vec<Effect> {
        let today = self.s.now.today_number();
        match cmd {
            Cmd::Quit => {
                self.s.quit = true;
                return vec![Effect::SaveLayout(self.open_ids()), Effect::Quit];
            }
            Cmd::Help => {
                self.open_help();
                return Vec::new();
            }
            Cmd::Palette => {
                self.s.overlay = Some(Overlay::Switcher {
                    input: line::LineInput::new(),
                    selected: 0,
                    said: None,
                });
                return Vec::new();
            }
            Cmd::CycleTheme => {
                self.s.theme = (self.s.theme + 1) % self.s.themes.len();
                self.s.message = Some((format!("Theme: {}", self.theme().name), Level::Info));
                return vec![Effect::SaveTheme(self.theme().name.clone())];
            }
            // From a panel too: the data it shows may have changed elsewhere.
            Cmd::Sync => return self.start_sync(),
            _ => {}
        }
        let Some(i) = self.s.focus else {
            return self.launcher_command(cmd, today);
        };
        match cmd {
            Cmd::Peel if self.s.panels[i].clear_filter() => return Vec::new(),
            Cmd::Back | Cmd::Peel => {
                self.s.focus = None;
                self.s.direct = false;
                return vec![Effect::Overviews, Effect::SaveLayout(self.open_ids())];
            }
            Cmd::NextPanel if !self.s.panels.is_empty() => {
                self.s.focus = Some((i + 1) % self.s.panels.len());
                return Vec::new();
            }
            Cmd::PrevPanel if !self.s.panels.is_empty() => {
                self.s.focus = Some((i + self.s.panels.len() - 1) % self.s.panels.len());
                return Vec::new();
            }
            Cmd::Zoom => {
                self.s.beside = !self.s.beside;
                return Vec::new();
            }
            Cmd::ClosePanel => {
                self.s.panels.remove(i);
                self.s.focus = if self.s.panels.is_empty() {
                    None
                } else {
                    Some(i.min(self.s.panels.len() - 1))
                };
                return vec![Effect::Overviews, Effect::SaveLayout(self.open_ids())];
            }
            _ => {}
        }
        let now = self.s.now;
        let id = self.s.panels[i].spec().id.clone();
        // A page is what fits between the panel's borders, status and footer.
        let page = (self.panel_rect(i).height as usize).saturating_sub(6).max(1);
        let writes = match &mut self.s.panels[i] {
            Panel::List(p) => {
                p.page = page;
                p.command(cmd, now)
            }
            Panel::Timer(p) => {
                let fx = p.command(cmd, now);
                self.s.clocks.set(&id, p.state.clone());
                fx
            }
            Panel::Tracker(p) => p.command(cmd, today),
        };
        let mut fx = Vec::new();
        for w in writes {
            match w {
                PanelEffect::Write(w) => fx.push(Effect::Write(id.clone(), w)),
                PanelEffect::Bell => fx.push(Effect::Bell),
                PanelEffect::Message(m) => self.s.message = Some((m, Level::Info)),
                PanelEffect::SaveView(view) => fx.push(Effect::SaveView { id: id.clone(), view }),
            }
        }
        fx
    }

    fn launcher_command(&mut self, cmd: Cmd, today: i32) -> Vec<Effect> {
        if self.s.launcher.agenda.is_some() {
            return agenda::command(self, cmd);
        }
        if cmd == Cmd::Agenda {
            return agenda::open(self);
        }
        if let Some(fx) = archive::command(self, cmd) {
            return fx;
        }
        let visible = self.visible_entries();
        let n = visible.len();
        let list = layout::launcher(self.body(), self.s.panels.len()).1;
        let page = list.height.saturating_sub(6).max(1) as usize;
        let l = &mut self.s.launcher;
        match cmd {
            Cmd::Up => l.selected = l.selected.saturating_sub(1),
            Cmd::Down => l.selected = (l.selected + 1).min(n.saturating_sub(1)),
            Cmd::PageUp => l.selected = l.selected.saturating_sub(page),
            Cmd::PageDown => l.selected = (l.selected + page).min(n.saturating_sub(1)),
            Cmd::Top => l.selected = 0,
            Cmd::Bottom => l.selected = n.saturating_sub(1),
            // Again on a kept filter: edit it, from its end.
            Cmd::Filter => l.filtering = true,
            Cmd::Peel if !l.filter.is_empty() => {
                l.filter.clear();
                l.selected = 0;
            }
            Cmd::Launcher if !self.s.panels.is_empty() => self.s.focus = Some(0),
            Cmd::NewApp => self.s.overlay = Some(Overlay::Gallery(gallery::Gallery::default())),
            Cmd::EditSpec | Cmd::EditExternal => {
                let Some(entry) = visible.get(self.s.launcher.selected).map(|&i| &self.s.entries[i]) else {
                    return Vec::new();
                };
                let file = entry.file.clone();
                return vec![if cmd == Cmd::EditSpec {
                    Effect::ReadSpec(file)
                } else {
                    Effect::EditExternal(file)
                }];
            }
            Cmd::Open | Cmd::OpenBeside => {
                let Some(entry) = visible.get(self.s.launcher.selected).map(|&i| &self.s.entries[i]) else {
                    return Vec::new();
                };
                let spec = match &entry.spec {
                    Ok(s) => s.clone(),
                    Err(e) => {
                        self.s.message = Some((format!("Cannot open: {e}"), Level::Error));
                        return Vec::new();
                    }
                };
                let id = spec.id.clone();
                // Enter shows the app alone, `o` beside the others; either way
                // the other open apps stay open.
                let beside = cmd == Cmd::OpenBeside;
                if let Some(pos) = self.s.panels.iter().position(|p| p.spec().id == id) {
                    self.s.focus = Some(pos);
                    self.s.beside = beside;
                    return vec![Effect::Load(id)];
                }
                if self.s.panels.len() >= layout::MAX_OPEN {
                    self.s.message = Some((
                        format!(
                            "{} apps open: close one with x first (Tab goes to them)",
                            layout::MAX_OPEN
                        ),
                        Level::Error,
                    ));
                    return Vec::new();
                }
                self.s.panels.push(Panel::new(spec, today));
                self.s.focus = Some(self.s.panels.len() - 1);
                self.s.beside = beside;
                return vec![
                    Effect::Load(id.clone()),
                    Effect::Opened(id),
                    Effect::SaveLayout(self.open_ids()),
                ];
            }
            _ => {}
        }
        Vec::new()
    }
}

/// What a panel asks of the App after a command.
#[derive(Clone, Debug, PartialEq)]
pub enum PanelEffect {
    Write(Write),
    Bell,
    Message(String),
    /// Remember this view for the app ("table").
    SaveView(String),
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now() -> Now {
        let t = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        Now::fixed(t)
    }

    fn item(id: u128, text: &str) -> Item {
        Item {
            id: ItemId(id),
            text: text.into(),
            done: false,
            created: 0,
            updated: 0,
            values: Default::default(),
        }
    }

    fn texts(p: &Panel) -> Vec<String> {
        match p {
            Panel::List(l) => l.order.iter().map(|&i| l.items[i].text.clone()).collect(),
            _ => panic!("not a list"),
        }
    }

    #[test]
    fn every_panel_of_an_app_gets_its_loaded_and_patched_data() {
        let mut app = App::new(Setup {
            themes: Vec::new(),
            theme: 0,
            now: now(),
            home_label: String::new(),
            no_color: true,
            sort: launcher::Sort::Name,
        });
        let spec = crate::spec::parse_str("todo.ron", "List(name: \"Todo\")\n").unwrap();
        app.update(Action::Catalog(vec![AppEntry {
            file: "todo.ron".into(),
            spec: Ok(spec),
        }]));
        // A layout showing the same app twice, as a dashboard may.
        app.update(Action::Restore(vec!["todo".into(), "todo".into()]));
        assert_eq!(app.panels.len(), 2);

        app.update(Action::Loaded(
            "todo".into(),
            PanelData::List {
                items: vec![item(1, "milk"), item(2, "eggs")],
                view: None,
                linked: Default::default(),
                partial: None,
            },
        ));
        for p in &app.panels {
            assert!(p.loaded());
            let mut got = texts(p);
            got.sort();
            assert_eq!(got, ["eggs", "milk"]);
        }

        app.update(Action::Patched(
            "todo".into(),
            vec![item(3, "bread")],
            vec![ItemId(1)],
        ));
        for p in &app.panels {
            let mut got = texts(p);
            got.sort();
            assert_eq!(got, ["bread", "eggs"]);
        }
    }

    fn app_with(files: &[(&str, &str)]) -> App {
        let mut app = App::new(Setup {
            themes: Vec::new(),
            theme: 0,
            now: now(),
            home_label: String::new(),
            no_color: true,
            sort: launcher::Sort::Name,
        });
        let entries = files
            .iter()
            .map(|(file, text)| AppEntry {
                file: file.to_string(),
                spec: Ok(crate::spec::parse_str(file, text).unwrap()),
            })
            .collect();
        app.update(Action::Catalog(entries));
        app
    }

    /// Back to the launcher, then open catalog entry `i` there. Esc, not
    /// `q`: `Action::Open` is `nook open APP`, after which `q` leaves nook.
    fn open(app: &mut App, i: usize) {
        // Esc, not q: an app opened by Action::Open counts as opened from
        // the shell, where q quits.
        if app.focus.is_some() {
            app.update(Action::Key(Key::plain(key::Code::Esc), now()));
        }
        app.update(Action::Open(i, now()));
    }

    fn five_apps() -> App {
        app_with(&[
            ("a.ron", "List(name: \"A\")\n"),
            ("b.ron", "List(name: \"B\")\n"),
            ("c.ron", "List(name: \"C\")\n"),
            ("d.ron", "List(name: \"D\")\n"),
            ("e.ron", "List(name: \"E\")\n"),
        ])
    }

    #[test]
    fn open_adds_to_the_workspace_and_focuses_an_app_already_open() {
        let mut app = five_apps();
        open(&mut app, 0);
        open(&mut app, 1);
        assert_eq!(app.open_ids(), ["a", "b"]);
        assert!(!app.beside, "Enter shows the app alone");
        open(&mut app, 0);
        assert_eq!(app.open_ids(), ["a", "b"]);
        assert_eq!(app.focus, Some(0));
        // z puts them side by side and back.
        app.update(Action::Key(Key::ch('z'), now()));
        assert!(app.beside);
    }

    #[test]
    fn past_the_limit_nothing_closes_and_the_message_says_what_to_do() {
        let mut app = five_apps();
        for i in 0..5 {
            open(&mut app, i);
        }
        assert_eq!(app.open_ids(), ["a", "b", "c", "d"]);
        assert_eq!(app.focus, None, "the refused app leaves the launcher up");
        let (msg, level) = app.message.clone().unwrap();
        assert_eq!(level, Level::Error);
        assert!(msg.starts_with("4 apps open: close one with x"), "{msg}");
    }
}
