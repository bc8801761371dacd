//! Every command of the UI, with its keys per screen. The keymap, the help
//! overlay, the footer and the command palette are all read from this table,
//! so they cannot disagree.

use super::key::{Code, Key};

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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    Launcher,
    List,
    Board,
    Timer,
    Tracker,
    /// The spec editor: printable keys type, so only control keys command.
    Editor,
    /// The list of apps in conflict after a sync.
    Conflicts,
    /// The launcher's view of archived apps and data without a spec.
    Archive,
}

pub struct Binding {
    pub cmd: Cmd,
    pub keys: &'static [Key],
    /// Name in the palette and help.
    pub name: &'static str,
    pub help: &'static str,
    pub contexts: &'static [Context],
    /// Shown in the footer.
    pub footer: bool,
}

use Context::*;

const ALL: &[Context] = &[Launcher, List, Board, Timer, Tracker, Archive];
const PANELS: &[Context] = &[List, Board, Timer, Tracker];
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
        contexts: &[Launcher, List, Board, Tracker, Archive],
        footer: false,
    },
    Binding {
        cmd: Cmd::Down,
        keys: &[k('j'), p(Code::Down)],
        name: "down",
        help: "Move down",
        contexts: &[Launcher, List, Board, Tracker, Archive],
        footer: false,
    },
    Binding {
        cmd: Cmd::PageUp,
        keys: &[p(Code::PageUp), Key::ctrl('u')],
        name: "page-up",
        help: "Page up",
        contexts: &[Launcher, List, Board],
        footer: false,
    },
    Binding {
        cmd: Cmd::PageDown,
        keys: &[p(Code::PageDown), Key::ctrl('d')],
        name: "page-down",
        help: "Page down",
        contexts: &[Launcher, List, Board],
        footer: false,
    },
    Binding {
        cmd: Cmd::Top,
        keys: &[k('g'), p(Code::Home)],
        name: "top",
        help: "Go to the first",
        contexts: &[Launcher, List, Board],
        footer: false,
    },
    Binding {
        cmd: Cmd::Bottom,
        keys: &[k('G'), p(Code::End)],
        name: "bottom",
        help: "Go to the last",
        contexts: &[Launcher, List, Board],
        footer: false,
    },
    Binding {
        cmd: Cmd::Open,
        keys: &[p(Code::Enter)],
        name: "open",
        help: "Open the app",
        contexts: &[Launcher],
        footer: true,
    },
    Binding {
        cmd: Cmd::OpenBeside,
        keys: &[k('o')],
        name: "open-beside",
        help: "Open beside the open apps (workspace)",
        contexts: &[Launcher],
        footer: false,
    },
    Binding {
        cmd: Cmd::Sync,
        keys: &[k('S')],
        name: "sync",
        help: "Sync the apps and their data with git",
        contexts: &[Launcher],
        footer: true,
    },
    // In a panel too, out of the footer (its keys are the panel's own).
    Binding {
        cmd: Cmd::Sync,
        keys: &[k('S')],
        name: "sync",
        help: "Sync the apps and their data with git",
        contexts: &[List, Board, Timer, Tracker],
        footer: false,
    },
    Binding {
        cmd: Cmd::Filter,
        keys: &[k('/')],
        name: "filter",
        help: "Filter as you type",
        contexts: &[Launcher, List, Board],
        footer: true,
    },
    Binding {
        cmd: Cmd::NewApp,
        keys: &[k('n')],
        name: "new-app",
        help: "New app from a template",
        contexts: &[Launcher],
        footer: true,
    },
    Binding {
        cmd: Cmd::EditSpec,
        keys: &[k('e')],
        name: "edit-spec",
        help: "Edit the app's spec here, checked as you type",
        contexts: &[Launcher],
        footer: true,
    },
    Binding {
        cmd: Cmd::EditExternal,
        keys: &[k('E')],
        name: "edit-in-editor",
        help: "Edit the spec in $VISUAL or $EDITOR",
        contexts: &[Launcher],
        footer: false,
    },
    Binding {
        cmd: Cmd::SaveSpec,
        keys: &[Key::ctrl('s')],
        name: "save",
        help: "Save the spec (write it whole, then reload the app)",
        contexts: &[Editor],
        footer: true,
    },
    Binding {
        cmd: Cmd::Undo,
        keys: &[Key::ctrl('z')],
        name: "undo",
        help: "Undo typing",
        contexts: &[Editor],
        footer: true,
    },
    Binding {
        cmd: Cmd::Redo,
        keys: &[Key::ctrl('y')],
        name: "redo",
        help: "Redo",
        contexts: &[Editor],
        footer: true,
    },
    Binding {
        cmd: Cmd::FirstProblem,
        keys: &[Key::ctrl('g')],
        name: "first-problem",
        help: "Go to the first problem",
        contexts: &[Editor],
        footer: true,
    },
    Binding {
        cmd: Cmd::NextProblem,
        keys: &[Key::ctrl('n')],
        name: "next-problem",
        help: "Go to the next problem",
        contexts: &[Editor],
        footer: true,
    },
    Binding {
        cmd: Cmd::PrevProblem,
        keys: &[Key::ctrl('b')],
        name: "prev-problem",
        help: "Go back to the previous problem",
        contexts: &[Editor],
        footer: false,
    },
    Binding {
        cmd: Cmd::Back,
        keys: &[p(Code::Esc)],
        name: "close",
        help: "Close the editor (asks when there are unsaved changes)",
        contexts: &[Editor],
        footer: true,
    },
    Binding {
        cmd: Cmd::Add,
        keys: &[k('a')],
        name: "add",
        help: "Add an item",
        contexts: LISTS,
        footer: true,
    },
    Binding {
        cmd: Cmd::Edit,
        keys: &[k('e')],
        name: "edit",
        help: "Edit the item",
        contexts: LISTS,
        footer: true,
    },
    Binding {
        cmd: Cmd::ToggleDone,
        keys: &[k(' ')],
        name: "toggle-done",
        help: "Tick off / untick",
        contexts: LISTS,
        footer: true,
    },
    Binding {
        cmd: Cmd::Delete,
        keys: &[k('d')],
        name: "delete",
        help: "Delete the item",
        contexts: LISTS,
        footer: true,
    },
    Binding {
        cmd: Cmd::Undo,
        keys: &[k('u')],
        name: "undo",
        help: "Undo (works across restarts)",
        contexts: PANELS,
        footer: true,
    },
    Binding {
        cmd: Cmd::Redo,
        keys: &[Key::ctrl('r')],
        name: "redo",
        help: "Redo",
        contexts: PANELS,
        footer: false,
    },
    Binding {
        cmd: Cmd::CycleView,
        keys: &[k('v')],
        name: "view",
        help: "Cycle view: checklist, table, board",
        contexts: LISTS,
        footer: true,
    },
    Binding {
        cmd: Cmd::CycleSort,
        keys: &[k('s')],
        name: "sort",
        help: "Cycle sort",
        contexts: LISTS,
        footer: false,
    },
    Binding {
        cmd: Cmd::MoveLeft,
        keys: &[k('h'), p(Code::Left)],
        name: "move-left",
        help: "Previous column",
        contexts: &[Board],
        footer: false,
    },
    Binding {
        cmd: Cmd::MoveRight,
        keys: &[k('l'), p(Code::Right)],
        name: "move-right",
        help: "Next column",
        contexts: &[Board],
        footer: false,
    },
    Binding {
        cmd: Cmd::CardLeft,
        keys: &[k('H')],
        name: "card-left",
        help: "Move the card to the previous column",
        contexts: &[Board],
        footer: true,
    },
    Binding {
        cmd: Cmd::CardRight,
        keys: &[k('L')],
        name: "card-right",
        help: "Move the card to the next column",
        contexts: &[Board],
        footer: true,
    },
    Binding {
        cmd: Cmd::StartPause,
        keys: &[k(' ')],
        name: "start-pause",
        help: "Start / pause",
        contexts: &[Timer],
        footer: true,
    },
    Binding {
        cmd: Cmd::Reset,
        keys: &[k('r')],
        name: "reset",
        help: "Stop and reset",
        contexts: &[Timer],
        footer: true,
    },
    Binding {
        cmd: Cmd::SkipPhase,
        keys: &[k('n')],
        name: "skip",
        help: "Skip to the next phase",
        contexts: &[Timer],
        footer: true,
    },
    Binding {
        cmd: Cmd::Lap,
        keys: &[k('l')],
        name: "lap",
        help: "Record a lap (stopwatch)",
        contexts: &[Timer],
        footer: true,
    },
    Binding {
        cmd: Cmd::Increase,
        keys: &[k('+'), k('=')],
        name: "increase",
        help: "Add one step to the day",
        contexts: &[Tracker],
        footer: true,
    },
    Binding {
        cmd: Cmd::Decrease,
        keys: &[k('-')],
        name: "decrease",
        help: "Take one step off the day",
        contexts: &[Tracker],
        footer: true,
    },
    Binding {
        cmd: Cmd::ToggleDay,
        keys: &[k(' ')],
        name: "toggle-day",
        help: "Mark the day done / not done",
        contexts: &[Tracker],
        footer: true,
    },
    Binding {
        cmd: Cmd::PrevDay,
        keys: &[k('h'), p(Code::Left)],
        name: "prev-day",
        help: "Previous day (backfill)",
        contexts: &[Tracker],
        footer: true,
    },
    Binding {
        cmd: Cmd::NextDay,
        keys: &[k('l'), p(Code::Right)],
        name: "next-day",
        help: "Next day",
        contexts: &[Tracker],
        footer: true,
    },
    Binding {
        cmd: Cmd::Today,
        keys: &[k('t')],
        name: "today",
        help: "Back to today",
        contexts: &[Tracker],
        footer: false,
    },
    Binding {
        cmd: Cmd::NextPanel,
        keys: &[p(Code::Tab)],
        name: "next-panel",
        help: "Focus the next open app",
        contexts: PANELS,
        footer: false,
    },
    Binding {
        cmd: Cmd::PrevPanel,
        keys: &[p(Code::BackTab)],
        name: "prev-panel",
        help: "Focus the previous open app",
        contexts: PANELS,
        footer: false,
    },
    Binding {
        cmd: Cmd::ClosePanel,
        keys: &[k('x')],
        name: "close-panel",
        help: "Close this panel",
        contexts: PANELS,
        footer: false,
    },
    Binding {
        cmd: Cmd::Zoom,
        keys: &[k('z')],
        name: "zoom",
        help: "This app alone / all open apps side by side",
        contexts: PANELS,
        footer: false,
    },
    Binding {
        cmd: Cmd::Launcher,
        keys: &[p(Code::Tab)],
        name: "workspace",
        help: "Go to the open apps",
        contexts: &[Launcher],
        footer: false,
    },
    Binding {
        cmd: Cmd::ArchiveApp,
        keys: &[k('d')],
        name: "archive",
        help: "Archive the app (its data is kept)",
        contexts: &[Launcher],
        footer: false,
    },
    Binding {
        cmd: Cmd::UndoArchive,
        keys: &[k('u')],
        name: "undo-archive",
        help: "Bring back the app archived last",
        contexts: &[Launcher],
        footer: false,
    },
    Binding {
        cmd: Cmd::SortApps,
        keys: &[k('s')],
        name: "sort-apps",
        help: "Sort apps by name or last used",
        contexts: &[Launcher],
        footer: false,
    },
    Binding {
        cmd: Cmd::ArchiveView,
        keys: &[k('A')],
        name: "archived",
        help: "Show archived apps and data without a spec",
        contexts: &[Launcher],
        footer: false,
    },
    Binding {
        cmd: Cmd::RestoreApp,
        keys: &[p(Code::Enter), k('r')],
        name: "restore",
        help: "Restore the archived app",
        contexts: &[Archive],
        footer: true,
    },
    Binding {
        cmd: Cmd::PurgeApp,
        keys: &[k('P')],
        name: "purge",
        help: "Delete its data for good (asks first)",
        contexts: &[Archive],
        footer: true,
    },
    Binding {
        cmd: Cmd::ArchiveView,
        keys: &[k('A'), k('q'), p(Code::Esc)],
        name: "apps",
        help: "Back to the apps",
        contexts: &[Archive],
        footer: true,
    },
    Binding {
        cmd: Cmd::CycleTheme,
        keys: &[k('T')],
        name: "theme",
        help: "Cycle the colour theme",
        contexts: ALL,
        footer: false,
    },
    Binding {
        cmd: Cmd::Palette,
        keys: &[k(':')],
        name: "palette",
        help: "Command palette",
        contexts: ALL,
        footer: true,
    },
    Binding {
        cmd: Cmd::Help,
        keys: &[k('?')],
        name: "help",
        help: "All keys of this screen",
        contexts: ALL,
        footer: true,
    },
    Binding {
        cmd: Cmd::Back,
        keys: &[k('q')],
        name: "back",
        help: "Back to the launcher",
        contexts: PANELS,
        footer: true,
    },
    Binding {
        cmd: Cmd::Peel,
        keys: &[p(Code::Esc)],
        name: "esc",
        help: "Back one step: clear the filter, then to the launcher",
        contexts: PANELS,
        footer: false,
    },
    Binding {
        cmd: Cmd::Peel,
        keys: &[p(Code::Esc)],
        name: "clear-filter",
        help: "Clear the filter",
        contexts: &[Launcher],
        footer: false,
    },
    Binding {
        cmd: Cmd::Quit,
        keys: &[k('q'), Key::ctrl('c')],
        name: "quit",
        help: "Quit nook",
        contexts: &[Launcher],
        footer: true,
    },
    Binding {
        cmd: Cmd::Up,
        keys: &[k('k'), p(Code::Up)],
        name: "up",
        help: "Previous app",
        contexts: &[Conflicts],
        footer: false,
    },
    Binding {
        cmd: Cmd::Down,
        keys: &[k('j'), p(Code::Down)],
        name: "down",
        help: "Next app",
        contexts: &[Conflicts],
        footer: false,
    },
    Binding {
        cmd: Cmd::KeepMine,
        keys: &[k('m')],
        name: "keep-mine",
        help: "Keep this machine's version",
        contexts: &[Conflicts],
        footer: true,
    },
    Binding {
        cmd: Cmd::TakeTheirs,
        keys: &[k('t')],
        name: "take-theirs",
        help: "Take the remote's version",
        contexts: &[Conflicts],
        footer: true,
    },
    Binding {
        cmd: Cmd::KeepBoth,
        keys: &[k('b')],
        name: "keep-both",
        help: "Keep mine, and theirs beside it as a new app",
        contexts: &[Conflicts],
        footer: true,
    },
    Binding {
        cmd: Cmd::Dismiss,
        keys: &[p(Code::Esc), k('q')],
        name: "later",
        help: "Close the list; choose later (S shows it again)",
        contexts: &[Conflicts],
        footer: true,
    },
];

/// The command a key means in a context, if any.
pub fn lookup(ctx: Context, key: Key) -> Option<Cmd> {
    if key == Key::ctrl('c') {
        return Some(Cmd::Quit);
    }
    BINDINGS
        .iter()
        .find(|b| b.contexts.contains(&ctx) && b.keys.contains(&key))
        .map(|b| b.cmd)
}

/// For a key that means nothing in `ctx`: what it does where it works, or
/// that it does nothing, so no key is silently dropped.
pub fn elsewhere(ctx: Context, key: Key) -> String {
    // The nearest screen first: the other views of a list.
    let order: &[Context] = match ctx {
        List => &[Board, Tracker, Timer, Launcher, Archive],
        Board => &[List, Tracker, Timer, Launcher, Archive],
        _ => &[List, Board, Tracker, Timer, Launcher, Archive],
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
        List => "in the checklist and table views (v)",
        Tracker => "in a tracker",
        Timer => "in a timer",
        Launcher => "in the launcher (q)",
        Archive => "among the archived apps (A in the launcher)",
        Editor | Conflicts => "elsewhere",
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

pub fn keys_label(b: &Binding) -> String {
    b.keys.iter().map(Key::label).collect::<Vec<_>>().join("/")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_key_means_two_things_on_one_screen() {
        for ctx in ALL.iter().chain([&Editor, &Conflicts]) {
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
