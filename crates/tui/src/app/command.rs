//! Every command of the UI, with its keys per screen. The keymap, the help
//! overlay, the footer and the switcher are all read from this table, so they
//! cannot disagree. The modals (help, the switcher, the gallery, a form and
//! every confirmation) are contexts of it too: each asks `lookup` what a key
//! means, so where a key goes has one answer.

use super::key::{Code, Key};
use super::{Panel, State};
use crate::spec::FieldType;

#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Cmd {
    Quit,
    Back,
    /// Esc: take off one layer (a kept filter, then the panel).
    Peel,
    Up,
    Down,
    PageUp,
    PageDown,
    Top,
    Bottom,
    Open,
    OpenBeside,
    Filter,
    Help,
    Palette,
    CycleTheme,
    NextPanel,
    PrevPanel,
    ClosePanel,
    Zoom,
    Launcher,
    NewApp,
    EditSpec,
    EditExternal,
    // The spec editor
    SaveSpec,
    /// "Change it…": a sentence says what to change in the spec.
    ChangeIt,
    FirstProblem,
    NextProblem,
    PrevProblem,
    // Lists
    Add,
    Edit,
    ToggleDone,
    Delete,
    Undo,
    Redo,
    CycleView,
    CycleSort,
    ToggleChart,
    MoveLeft,
    MoveRight,
    CardLeft,
    CardRight,
    // Timers
    StartPause,
    Reset,
    SkipPhase,
    Lap,
    // Trackers
    Increase,
    Decrease,
    ToggleDay,
    PrevDay,
    NextDay,
    Today,
    /// The calendar's Enter: the selected day's items.
    OpenDay,
    /// The agenda across every app (launcher `a`), and its snooze.
    Agenda,
    Snooze,
    // Sync
    Sync,
    KeepMine,
    TakeTheirs,
    KeepBoth,
    Dismiss,
    // Lifecycle (launcher and its archive view)
    ArchiveApp,
    UndoArchive,
    ArchiveView,
    SortApps,
    RestoreApp,
    PurgeApp,
    // Modals: the switcher, the gallery, forms, confirmations
    /// Enter: run the chosen entry, save the form, make the app.
    Submit,
    /// Tab in the switcher: complete the chosen entry.
    Complete,
    NextField,
    PrevField,
    /// ←/→ on a Choice or Rating field.
    PickPrev,
    PickNext,
    /// Space or ←/→ on a yes/no field.
    Flip,
    /// C-c in a form: cancel, asking first when something was typed.
    Cancel,
    /// A confirmation's yes (purge, discard, save anyway, save and close).
    Yes,
    /// The editor's "discard and close".
    No,
    /// The editor's "overwrite the file changed on disk".
    Overwrite,
    /// The editor's "take the disk's text".
    Reload,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Launcher,
    List,
    Board,
    /// A list's month grid (`view: Calendar(by: ...)`).
    Calendar,
    Timer,
    Tracker,
    /// The spec editor: printable keys type, so only control keys command.
    Editor,
    /// The list of apps in conflict after a sync.
    Conflicts,
    /// The launcher's view of archived apps and data without a spec.
    Archive,
    /// The agenda across every app.
    Agenda,
    /// The help overlay itself (it scrolls).
    Help,
    /// The switcher (`:` or C-p): apps, commands, and verbs with arguments.
    Switcher,
    /// The new-app gallery's templates, and its name input.
    Gallery,
    Naming,
    /// A list's add or edit form; `FormAsk`: "discard what was typed?".
    Form,
    FormAsk,
    /// The picker over a form's Link field: the other app's items.
    Picker,
    /// "Delete this data for good?"
    Purge,
    /// "Archive it? Other apps link to it."
    ArchiveAsk,
    /// The editor's questions: unsaved changes, problems, changed on disk.
    EditorLeave,
    EditorInvalid,
    EditorOverwrite,
    /// The editor's "Change it…" line: a sentence being typed.
    EditorChange,
}

/// Every context, for the checks below and the help of any screen.
pub const CONTEXTS: &[Context] = &[
    Launcher,
    List,
    Board,
    Calendar,
    Timer,
    Tracker,
    Editor,
    Conflicts,
    Archive,
    Agenda,
    Help,
    Switcher,
    Gallery,
    Naming,
    Form,
    FormAsk,
    Picker,
    Purge,
    ArchiveAsk,
    EditorLeave,
    EditorInvalid,
    EditorOverwrite,
    EditorChange,
];

pub struct Binding {
    pub cmd: Cmd,
    pub keys: &'static [Key],
    /// Name in the palette and help.
    pub name: &'static str,
    pub help: &'static str,
    pub contexts: &'static [Context],
    /// Shown in the footer.
    pub footer: bool,
    /// Whether it does something in this state (a lap needs a stopwatch):
    /// help, the footer and the switcher list only the bindings that do.
    pub when: fn(&State) -> bool,
}

fn any(_: &State) -> bool {
    true
}

fn timer_has_phases(s: &State) -> bool {
    matches!(focused(s), Some(Panel::Timer(t)) if !t.timer().phases.is_empty())
}

fn stopwatch(s: &State) -> bool {
    matches!(focused(s), Some(Panel::Timer(t)) if t.timer().phases.is_empty())
}

fn tracker_counts(s: &State) -> bool {
    matches!(focused(s), Some(Panel::Tracker(t)) if t.tracker().unit.is_some())
}

fn tracker_yes_no(s: &State) -> bool {
    matches!(focused(s), Some(Panel::Tracker(t)) if t.tracker().unit.is_none())
}

fn several_series(s: &State) -> bool {
    match focused(s) {
        Some(Panel::Tracker(t)) => t.series.len() > 1,
        _ => true,
    }
}

fn several_open(s: &State) -> bool {
    s.panels.len() > 1
}

fn any_open(s: &State) -> bool {
    !s.panels.is_empty()
}

fn list_has_chart(s: &State) -> bool {
    matches!(focused(s), Some(Panel::List(l)) if l.list().chart.is_some())
}

fn kept_filter(s: &State) -> bool {
    !s.launcher.filter.is_empty()
}

fn focused(s: &State) -> Option<&Panel> {
    s.focus.and_then(|i| s.panels.get(i))
}

/// The type of the form field being typed into, if a form is open.
fn form_field(s: &State) -> Option<&FieldType> {
    match focused(s) {
        Some(Panel::List(l)) => l
            .form
            .as_ref()?
            .fields
            .get(l.form.as_ref()?.focus)?
            .field
            .as_ref()
            .map(|f| &f.ty),
        _ => None,
    }
}

fn form_picks(s: &State) -> bool {
    matches!(
        form_field(s),
        Some(FieldType::Choice { .. } | FieldType::Rating { .. } | FieldType::Link { .. })
    )
}

fn form_flips(s: &State) -> bool {
    matches!(form_field(s), Some(FieldType::Bool))
}

fn form_has_fields(s: &State) -> bool {
    match focused(s) {
        Some(Panel::List(l)) => l.form.as_ref().is_some_and(|f| f.fields.len() > 1),
        _ => false,
    }
}

use Context::*;

const ALL: &[Context] = &[Launcher, List, Board, Calendar, Timer, Tracker, Archive, Agenda];
const PANELS: &[Context] = &[List, Board, Calendar, Timer, Tracker];
const LISTS: &[Context] = &[List, Board];

const fn k(c: char) -> Key {
    Key::ch(c)
}
const fn p(c: Code) -> Key {
    Key::plain(c)
}

pub const BINDINGS: &[Binding] = &[
    Binding {
        cmd: Cmd::Up,
        keys: &[k('k'), p(Code::Up)],
        name: "up",
        help: "Move up",
        contexts: &[Launcher, List, Board, Tracker, Archive, Agenda],
        footer: false,
        when: several_series,
    },
    Binding {
        cmd: Cmd::Down,
        keys: &[k('j'), p(Code::Down)],
        name: "down",
        help: "Move down",
        contexts: &[Launcher, List, Board, Tracker, Archive, Agenda],
        footer: false,
        when: several_series,
    },
    Binding {
        cmd: Cmd::PageUp,
        keys: &[p(Code::PageUp), Key::ctrl('u')],
        name: "page-up",
        help: "Page up",
        contexts: &[Launcher, List, Board],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::PageDown,
        keys: &[p(Code::PageDown), Key::ctrl('d')],
        name: "page-down",
        help: "Page down",
        contexts: &[Launcher, List, Board],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Top,
        keys: &[k('g'), p(Code::Home)],
        name: "top",
        help: "Go to the first",
        contexts: &[Launcher, List, Board, Agenda],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Bottom,
        keys: &[k('G'), p(Code::End)],
        name: "bottom",
        help: "Go to the last",
        contexts: &[Launcher, List, Board, Agenda],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Open,
        keys: &[p(Code::Enter)],
        name: "open",
        help: "Open the app",
        contexts: &[Launcher],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Agenda,
        keys: &[k('a')],
        name: "agenda",
        help: "The agenda: what is due in every app, this week",
        contexts: &[Launcher],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::ToggleDone,
        keys: &[k(' ')],
        name: "tick",
        help: "Tick off (a recurring item moves on); log a habit",
        contexts: &[Agenda],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Snooze,
        keys: &[k('z'), k('s')],
        name: "snooze",
        help: "Snooze a day: the due date one day later",
        contexts: &[Agenda],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Open,
        keys: &[p(Code::Enter)],
        name: "open",
        help: "Open the app at the item",
        contexts: &[Agenda],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Back,
        keys: &[k('q'), p(Code::Esc)],
        name: "back",
        help: "Back to the launcher",
        contexts: &[Agenda],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::OpenBeside,
        keys: &[k('o')],
        name: "open-beside",
        help: "Open beside the open apps (workspace)",
        contexts: &[Launcher],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Sync,
        keys: &[k('S')],
        name: "sync",
        help: "Sync the apps and their data with git",
        contexts: &[Launcher],
        footer: true,
        when: any,
    },
    // In a panel too, out of the footer (its keys are the panel's own).
    Binding {
        cmd: Cmd::Sync,
        keys: &[k('S')],
        name: "sync",
        help: "Sync the apps and their data with git",
        contexts: &[List, Board, Calendar, Timer, Tracker],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Filter,
        keys: &[k('/')],
        name: "filter",
        help: "Filter as you type",
        contexts: &[Launcher, List, Board, Calendar],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::NewApp,
        keys: &[k('n')],
        name: "new-app",
        help: "New app from a template",
        contexts: &[Launcher],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::EditSpec,
        keys: &[k('e')],
        name: "edit-spec",
        help: "Edit the app's spec here, checked as you type",
        contexts: &[Launcher],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::EditExternal,
        keys: &[k('E')],
        name: "edit-in-editor",
        help: "Edit the spec in $VISUAL or $EDITOR",
        contexts: &[Launcher],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::SaveSpec,
        keys: &[Key::ctrl('s')],
        name: "save",
        help: "Save the spec (write it whole, then reload the app)",
        contexts: &[Editor],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::ChangeIt,
        keys: &[Key::ctrl('t')],
        name: "change-it",
        help: "Change it…: say a change (\"add a rating out of 5\")",
        contexts: &[Editor],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Submit,
        keys: &[p(Code::Enter)],
        name: "change",
        help: "Change the text as the sentence says (unsaved until Ctrl-s)",
        contexts: &[EditorChange],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Back,
        keys: &[p(Code::Esc)],
        name: "cancel",
        help: "Back to the text, unchanged",
        contexts: &[EditorChange],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Undo,
        keys: &[Key::ctrl('z')],
        name: "undo",
        help: "Undo typing",
        contexts: &[Editor],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Redo,
        keys: &[Key::ctrl('y')],
        name: "redo",
        help: "Redo",
        contexts: &[Editor],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::FirstProblem,
        keys: &[Key::ctrl('g')],
        name: "first-problem",
        help: "Go to the first problem",
        contexts: &[Editor],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::NextProblem,
        keys: &[Key::ctrl('n')],
        name: "next-problem",
        help: "Go to the next problem",
        contexts: &[Editor],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::PrevProblem,
        keys: &[Key::ctrl('b')],
        name: "prev-problem",
        help: "Go back to the previous problem",
        contexts: &[Editor],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Back,
        keys: &[p(Code::Esc)],
        name: "close",
        help: "Close the editor (asks when there are unsaved changes)",
        contexts: &[Editor],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Add,
        keys: &[k('a')],
        name: "add",
        help: "Add an item",
        contexts: &[List, Board, Calendar],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Edit,
        keys: &[k('e')],
        name: "edit",
        help: "Edit the item",
        contexts: LISTS,
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::ToggleDone,
        keys: &[k(' ')],
        name: "toggle-done",
        help: "Tick off / untick",
        contexts: LISTS,
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Delete,
        keys: &[k('d')],
        name: "delete",
        help: "Delete the item",
        contexts: LISTS,
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Undo,
        keys: &[k('u')],
        name: "undo",
        help: "Undo (works across restarts)",
        contexts: PANELS,
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Redo,
        keys: &[Key::ctrl('r')],
        name: "redo",
        help: "Redo",
        contexts: PANELS,
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::CycleView,
        keys: &[k('v')],
        name: "view",
        help: "Cycle view: checklist/table/board/calendar/named",
        contexts: &[List, Board, Calendar],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::ToggleChart,
        keys: &[k('c')],
        name: "chart",
        help: "Show or hide the list's chart",
        contexts: LISTS,
        footer: false,
        when: list_has_chart,
    },
    Binding {
        cmd: Cmd::CycleSort,
        keys: &[k('s')],
        name: "sort",
        help: "Cycle sort",
        contexts: LISTS,
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::MoveLeft,
        keys: &[k('h'), p(Code::Left)],
        name: "move-left",
        help: "Previous column",
        contexts: &[Board],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::MoveRight,
        keys: &[k('l'), p(Code::Right)],
        name: "move-right",
        help: "Next column",
        contexts: &[Board],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::MoveLeft,
        keys: &[k('h'), p(Code::Left)],
        name: "previous-day",
        help: "Previous day",
        contexts: &[Calendar],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::MoveRight,
        keys: &[k('l'), p(Code::Right)],
        name: "next-day",
        help: "Next day",
        contexts: &[Calendar],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Up,
        keys: &[k('k'), p(Code::Up)],
        name: "previous-week",
        help: "A week back",
        contexts: &[Calendar],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Down,
        keys: &[k('j'), p(Code::Down)],
        name: "next-week",
        help: "A week on",
        contexts: &[Calendar],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::PageUp,
        keys: &[k('['), p(Code::PageUp)],
        name: "previous-month",
        help: "Previous month",
        contexts: &[Calendar],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::PageDown,
        keys: &[k(']'), p(Code::PageDown)],
        name: "next-month",
        help: "Next month",
        contexts: &[Calendar],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Today,
        keys: &[k('t')],
        name: "calendar-today",
        help: "Back to today",
        contexts: &[Calendar],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::OpenDay,
        keys: &[p(Code::Enter)],
        name: "open-day",
        help: "Open the day: its items (Esc back to the month)",
        contexts: &[Calendar],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::CardLeft,
        keys: &[k('H')],
        name: "card-left",
        help: "Move the card to the previous column",
        contexts: &[Board],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::CardRight,
        keys: &[k('L')],
        name: "card-right",
        help: "Move the card to the next column",
        contexts: &[Board],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::StartPause,
        keys: &[k(' ')],
        name: "start-pause",
        help: "Start / pause",
        contexts: &[Timer],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Reset,
        keys: &[k('r')],
        name: "reset",
        help: "Stop and reset",
        contexts: &[Timer],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::SkipPhase,
        keys: &[k('n')],
        name: "skip",
        help: "Skip to the next phase",
        contexts: &[Timer],
        footer: true,
        when: timer_has_phases,
    },
    Binding {
        cmd: Cmd::Lap,
        keys: &[k('l')],
        name: "lap",
        help: "Record a lap (stopwatch)",
        contexts: &[Timer],
        footer: true,
        when: stopwatch,
    },
    Binding {
        cmd: Cmd::Increase,
        keys: &[k('+'), k('=')],
        name: "increase",
        help: "Add one step to the day",
        contexts: &[Tracker],
        footer: true,
        when: tracker_counts,
    },
    Binding {
        cmd: Cmd::Decrease,
        keys: &[k('-')],
        name: "decrease",
        help: "Take one step off the day",
        contexts: &[Tracker],
        footer: true,
        when: tracker_counts,
    },
    Binding {
        cmd: Cmd::ToggleDay,
        keys: &[k(' ')],
        name: "toggle-day",
        help: "Mark the day done / not done",
        contexts: &[Tracker],
        footer: true,
        when: tracker_yes_no,
    },
    Binding {
        cmd: Cmd::PrevDay,
        keys: &[k('h'), p(Code::Left)],
        name: "prev-day",
        help: "Previous day (backfill)",
        contexts: &[Tracker],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::NextDay,
        keys: &[k('l'), p(Code::Right)],
        name: "next-day",
        help: "Next day",
        contexts: &[Tracker],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Today,
        keys: &[k('t')],
        name: "today",
        help: "Back to today",
        contexts: &[Tracker],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::NextPanel,
        keys: &[p(Code::Tab)],
        name: "next-panel",
        help: "Focus the next open app",
        contexts: PANELS,
        footer: false,
        when: several_open,
    },
    Binding {
        cmd: Cmd::PrevPanel,
        keys: &[p(Code::BackTab)],
        name: "prev-panel",
        help: "Focus the previous open app",
        contexts: PANELS,
        footer: false,
        when: several_open,
    },
    Binding {
        cmd: Cmd::ClosePanel,
        keys: &[k('x')],
        name: "close-panel",
        help: "Close this panel",
        contexts: PANELS,
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Zoom,
        keys: &[k('z')],
        name: "zoom",
        help: "This app alone / all open apps side by side",
        contexts: PANELS,
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Launcher,
        keys: &[p(Code::Tab)],
        name: "workspace",
        help: "Go to the open apps",
        contexts: &[Launcher],
        footer: false,
        when: any_open,
    },
    Binding {
        cmd: Cmd::ArchiveApp,
        keys: &[k('d')],
        name: "archive",
        help: "Archive the app (its data is kept)",
        contexts: &[Launcher],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::UndoArchive,
        keys: &[k('u')],
        name: "undo-archive",
        help: "Bring back the app archived last",
        contexts: &[Launcher],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::SortApps,
        keys: &[k('s')],
        name: "sort-apps",
        help: "Sort apps by name or last used",
        contexts: &[Launcher],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::ArchiveView,
        keys: &[k('A')],
        name: "archived",
        help: "Show archived apps and data without a spec",
        contexts: &[Launcher],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::RestoreApp,
        keys: &[p(Code::Enter), k('r')],
        name: "restore",
        help: "Restore the archived app",
        contexts: &[Archive],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::PurgeApp,
        keys: &[k('P')],
        name: "purge",
        help: "Delete its data for good (asks first)",
        contexts: &[Archive],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::ArchiveView,
        keys: &[k('A'), k('q'), p(Code::Esc)],
        name: "apps",
        help: "Back to the apps",
        contexts: &[Archive],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::CycleTheme,
        keys: &[k('T')],
        name: "theme",
        help: "Cycle the colour theme",
        contexts: ALL,
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Palette,
        keys: &[k(':'), Key::ctrl('p')],
        name: "switcher",
        help: "Find an app or a command (log, add, timer too)",
        contexts: ALL,
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Help,
        keys: &[k('?'), p(Code::F(1))],
        name: "help",
        help: "All keys of this screen",
        contexts: ALL,
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Back,
        keys: &[k('q')],
        name: "back",
        help: "Back to the launcher",
        contexts: PANELS,
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Peel,
        keys: &[p(Code::Esc)],
        name: "esc",
        help: "Back one step: clear the filter, then to the launcher",
        contexts: PANELS,
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Peel,
        keys: &[p(Code::Esc)],
        name: "clear-filter",
        help: "Clear the filter",
        contexts: &[Launcher],
        footer: false,
        when: kept_filter,
    },
    Binding {
        cmd: Cmd::Quit,
        keys: &[k('q'), Key::ctrl('c')],
        name: "quit",
        help: "Quit nook",
        contexts: &[Launcher],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Up,
        keys: &[k('k'), p(Code::Up)],
        name: "up",
        help: "Previous app",
        contexts: &[Conflicts],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Down,
        keys: &[k('j'), p(Code::Down)],
        name: "down",
        help: "Next app",
        contexts: &[Conflicts],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::KeepMine,
        keys: &[k('m')],
        name: "keep-mine",
        help: "Keep this machine's version",
        contexts: &[Conflicts],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::TakeTheirs,
        keys: &[k('t')],
        name: "take-theirs",
        help: "Take the remote's version",
        contexts: &[Conflicts],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::KeepBoth,
        keys: &[k('b')],
        name: "keep-both",
        help: "Keep mine, and theirs beside it as a new app",
        contexts: &[Conflicts],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Dismiss,
        keys: &[p(Code::Esc), k('q')],
        name: "later",
        help: "Close the list; choose later (S shows it again)",
        contexts: &[Conflicts],
        footer: true,
        when: any,
    },
    // The modals, one context each.
    Binding {
        cmd: Cmd::Help,
        keys: &[p(Code::F(1))],
        name: "help",
        help: "All keys of this screen",
        contexts: &[Editor, Form],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Up,
        keys: &[k('k'), p(Code::Up)],
        name: "up",
        help: "Scroll up",
        contexts: &[Help],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Down,
        keys: &[k('j'), p(Code::Down)],
        name: "down",
        help: "Scroll down",
        contexts: &[Help],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::PageUp,
        keys: &[p(Code::PageUp), Key::ctrl('u')],
        name: "page-up",
        help: "Scroll a page up",
        contexts: &[Help],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::PageDown,
        keys: &[p(Code::PageDown), Key::ctrl('d'), k(' ')],
        name: "page-down",
        help: "Scroll a page down",
        contexts: &[Help],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Top,
        keys: &[k('g'), p(Code::Home)],
        name: "top",
        help: "To the top",
        contexts: &[Help],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Bottom,
        keys: &[k('G'), p(Code::End)],
        name: "bottom",
        help: "To the end",
        contexts: &[Help],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Back,
        keys: &[p(Code::Esc), k('q'), k('?'), p(Code::F(1))],
        name: "close",
        help: "Close the help",
        contexts: &[Help],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Submit,
        keys: &[p(Code::Enter)],
        name: "run",
        help: "Open the app or run the command (with its arguments)",
        contexts: &[Switcher],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Complete,
        keys: &[p(Code::Tab)],
        name: "complete",
        help: "Complete the chosen entry",
        contexts: &[Switcher],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Up,
        keys: &[p(Code::Up), Key::ctrl('k')],
        name: "up",
        help: "Previous entry",
        contexts: &[Switcher],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Down,
        keys: &[p(Code::Down), Key::ctrl('j')],
        name: "down",
        help: "Next entry",
        contexts: &[Switcher],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Back,
        keys: &[p(Code::Esc)],
        name: "close",
        help: "Close the switcher",
        contexts: &[Switcher],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Down,
        keys: &[k('j'), p(Code::Down), p(Code::Tab)],
        name: "down",
        help: "Next template",
        contexts: &[Gallery],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Up,
        keys: &[k('k'), p(Code::Up), p(Code::BackTab)],
        name: "up",
        help: "Previous template",
        contexts: &[Gallery],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Top,
        keys: &[k('g'), p(Code::Home)],
        name: "top",
        help: "First template",
        contexts: &[Gallery],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Bottom,
        keys: &[k('G'), p(Code::End)],
        name: "bottom",
        help: "Last template",
        contexts: &[Gallery],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Submit,
        keys: &[p(Code::Enter)],
        name: "choose",
        help: "Choose the template, then name the app",
        contexts: &[Gallery],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Back,
        keys: &[p(Code::Esc), k('q')],
        name: "cancel",
        help: "Close the gallery",
        contexts: &[Gallery],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Submit,
        keys: &[p(Code::Enter)],
        name: "make",
        help: "Make the app and open it in the editor",
        contexts: &[Naming],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Back,
        keys: &[p(Code::Esc)],
        name: "back",
        help: "Back to the templates",
        contexts: &[Naming],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::NextField,
        keys: &[p(Code::Tab), p(Code::Down)],
        name: "next-field",
        help: "Next field",
        contexts: &[Form],
        footer: true,
        when: form_has_fields,
    },
    Binding {
        cmd: Cmd::PrevField,
        keys: &[p(Code::BackTab), p(Code::Up)],
        name: "prev-field",
        help: "Previous field",
        contexts: &[Form],
        footer: false,
        when: form_has_fields,
    },
    Binding {
        cmd: Cmd::PickPrev,
        keys: &[p(Code::Left)],
        name: "choose-prev",
        help: "Previous choice",
        contexts: &[Form],
        footer: false,
        when: form_picks,
    },
    Binding {
        cmd: Cmd::PickNext,
        keys: &[p(Code::Right)],
        name: "choose",
        help: "Next choice (←/→)",
        contexts: &[Form],
        footer: true,
        when: form_picks,
    },
    Binding {
        cmd: Cmd::Flip,
        keys: &[k(' ')],
        name: "yes-no",
        help: "Switch between yes and no (←/→ too)",
        contexts: &[Form],
        footer: true,
        when: form_flips,
    },
    Binding {
        cmd: Cmd::Submit,
        keys: &[p(Code::Enter)],
        name: "save",
        help: "Save the item",
        contexts: &[Form],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Back,
        keys: &[p(Code::Esc)],
        name: "cancel",
        help: "Cancel (nothing is saved)",
        contexts: &[Form],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Cancel,
        keys: &[Key::ctrl('c')],
        name: "cancel-ask",
        help: "Cancel, asking first when something was typed",
        contexts: &[Form],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Up,
        keys: &[p(Code::Up)],
        name: "up",
        help: "The item above",
        contexts: &[Picker],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Down,
        keys: &[p(Code::Down)],
        name: "down",
        help: "The item below",
        contexts: &[Picker],
        footer: false,
        when: any,
    },
    Binding {
        cmd: Cmd::Submit,
        keys: &[p(Code::Enter)],
        name: "link",
        help: "Link the chosen item (a field of several links: tick or untick it)",
        contexts: &[Picker],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Back,
        keys: &[p(Code::Esc)],
        name: "leave",
        help: "Leave the picker (the link stays as it is)",
        contexts: &[Picker],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Yes,
        keys: &[k('y')],
        name: "discard",
        help: "Discard what was typed",
        contexts: &[FormAsk],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Yes,
        keys: &[k('y'), k('Y')],
        name: "archive",
        help: "Archive it anyway (the links show (deleted) until it is restored)",
        contexts: &[ArchiveAsk],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Yes,
        keys: &[k('y'), k('Y')],
        name: "delete",
        help: "Delete its data for good",
        contexts: &[Purge],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Yes,
        keys: &[k('s'), k('y')],
        name: "save",
        help: "Save and close",
        contexts: &[EditorLeave],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::No,
        keys: &[k('d'), k('n')],
        name: "discard",
        help: "Discard the changes and close",
        contexts: &[EditorLeave],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Yes,
        keys: &[k('s'), k('y'), Key::ctrl('s')],
        name: "save",
        help: "Save anyway",
        contexts: &[EditorInvalid],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Overwrite,
        keys: &[k('o')],
        name: "overwrite",
        help: "Overwrite the file with yours",
        contexts: &[EditorOverwrite],
        footer: true,
        when: any,
    },
    Binding {
        cmd: Cmd::Reload,
        keys: &[k('r')],
        name: "reload",
        help: "Take the disk's text (yours are dropped)",
        contexts: &[EditorOverwrite],
        footer: true,
        when: any,
    },
];

/// What a confirmation does with any key it does not name.
pub fn otherwise(ctx: Context) -> Option<&'static str> {
    match ctx {
        FormAsk => Some("keep typing"),
        Purge | ArchiveAsk => Some("keep it"),
        EditorLeave | EditorInvalid | EditorOverwrite => Some("keep editing"),
        _ => None,
    }
}

/// The command a key means in a context, if any. C-c quits where nothing
/// else claims it.
pub fn lookup(ctx: Context, key: Key) -> Option<Cmd> {
    BINDINGS
        .iter()
        .find(|b| b.contexts.contains(&ctx) && b.keys.contains(&key))
        .map(|b| b.cmd)
        .or((key == Key::ctrl('c') && otherwise(ctx).is_none()).then_some(Cmd::Quit))
}

/// For a key that means nothing in `ctx`: what it does where it works, or
/// that it does nothing, so no key is silently dropped.
pub fn elsewhere(ctx: Context, key: Key) -> String {
    // The nearest screen first: the other views of a list.
    let order: &[Context] = match ctx {
        List => &[Board, Calendar, Tracker, Timer, Launcher, Archive],
        Board => &[List, Calendar, Tracker, Timer, Launcher, Archive],
        Calendar => &[List, Board, Tracker, Timer, Launcher, Archive],
        _ => &[List, Board, Calendar, Tracker, Timer, Launcher, Archive],
    };
    let found = order.iter().filter(|c| **c != ctx).find_map(|&c| {
        BINDINGS
            .iter()
            .find(|b| b.contexts.contains(&c) && b.keys.contains(&key))
            .map(|b| (c, b))
    });
    let label = key.label();
    let Some((c, b)) = found else {
        return format!("{label} does nothing here: ? lists this screen's keys");
    };
    let place = match c {
        Board => "on the board (v)",
        Calendar => "in the calendar view (v)",
        List => "in the checklist and table views (v)",
        Tracker => "in a tracker",
        Timer => "in a timer",
        Launcher => "in the launcher (q)",
        Archive => "among the archived apps (A in the launcher)",
        _ => "elsewhere",
    };
    let mut help = b.help.to_string();
    if let Some(first) = help.get(..1) {
        help.replace_range(..1, &first.to_lowercase());
    }
    format!("{label}: {help}, {place}")
}

pub fn bindings(ctx: Context) -> impl Iterator<Item = &'static Binding> {
    BINDINGS.iter().filter(move |b| b.contexts.contains(&ctx))
}

/// The bindings of `ctx` that do something in this state: what help, the
/// footer and the switcher list.
pub fn working<'a>(ctx: Context, state: &'a State) -> impl Iterator<Item = &'static Binding> + 'a {
    bindings(ctx).filter(move |b| (b.when)(state))
}

pub fn keys_label(b: &Binding) -> String {
    b.keys.iter().map(Key::label).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_means_two_things_on_one_screen() {
        for ctx in CONTEXTS {
            let mut seen: Vec<(Key, &str)> = Vec::new();
            for b in bindings(*ctx) {
                for key in b.keys {
                    if let Some((_, other)) = seen.iter().find(|(k, _)| k == key) {
                        panic!("{ctx:?}: {} is bound to {other} and {}", key.label(), b.name);
                    }
                    seen.push((*key, b.name));
                }
            }
        }
    }

    #[test]
    fn a_key_of_another_screen_says_where_it_works() {
        assert_eq!(
            elsewhere(List, k('H')),
            "H: move the card to the previous column, on the board (v)"
        );
        assert_eq!(
            elsewhere(Timer, k('+')),
            "+: add one step to the day, in a tracker"
        );
        assert_eq!(
            elsewhere(Launcher, Key::ctrl('x')),
            "C-x does nothing here: ? lists this screen's keys"
        );
    }
}
