//! The built-in spec editor: a text, checked as the user types (once typing
//! pauses), with the panel the last valid text makes shown beside it.
//! Pure: saving is an effect the runtime carries out.

use super::command::{Cmd, Context};
use super::key::Key;
use super::text::TextBuffer;
use super::{Panel, PanelData};
use crate::model::Now;
use crate::model::held::{Held, conflict};
use crate::spec::{Diagnostic, Kind, Spec};

/// What is stored under each id that holds data: a spec of another kind
/// cannot use it, so the editor says so before the save.
pub type HeldData = std::collections::HashMap<String, Held>;

/// How long typing must pause before the text is checked again.
pub const SETTLE_MS: i64 = 150;

#[derive(Clone, Debug, PartialEq)]
pub enum Check {
    Valid(Box<Spec>),
    Invalid(Vec<Diagnostic>),
}

/// A question the editor is waiting on.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Confirm {
    /// Leaving with unsaved changes.
    Leave,
    /// Saving a text with problems (the launcher will show the error).
    SaveInvalid,
    /// The file changed on disk since it was opened (another editor, a
    /// `git pull`): overwrite it, or take the disk's text.
    Overwrite,
}

/// What the editor asks of the App.
#[derive(Clone, Debug, PartialEq)]
pub enum EditorOut {
    /// `expected`: the text the file must still hold, or None to overwrite.
    Save {
        file: String,
        text: String,
        expected: Option<String>,
    },
    Close,
    /// A line for the status bar: what "Change it…" did, or why it did not.
    Say(String, super::Level),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Editor {
    /// The spec's file name in the apps folder.
    pub file: String,
    pub buffer: TextBuffer,
    /// The text as on disk (when opened or last saved).
    pub saved: String,
    pub check: Check,
    /// When the text changed without being checked since (unix ms).
    pub pending: Option<i64>,
    pub confirm: Option<Confirm>,
    /// The id the file had when opened: data is stored under it.
    pub original_id: Option<String>,
    /// The panel the last valid text makes, with the app's stored data.
    pub preview: Option<Panel>,
    /// The app's stored data, read once when the editor opened.
    pub data: Option<PanelData>,
    /// Whether the file was made just now from a template.
    pub created: bool,
    /// The file's text on disk when a save found it changed.
    pub disk: Option<String>,
    /// The user chose to overwrite a file changed on disk; kept across the
    /// question about problems that may follow.
    overwrite: bool,
    /// Close once the save is done ("save and close"); a save refused or
    /// failed keeps the editor, and the text, open.
    pub close_after_save: bool,
    pub held: HeldData,
    /// A described app not on disk yet: the text it was made with. Leaving
    /// it untouched drops it without a question; nothing was written.
    pub draft: Option<String>,
    /// "Change it…": the sentence being typed.
    pub changing: Option<super::line::LineInput>,
}

impl Editor {
    /// A spec made from a sentence, shown before anything is written: the
    /// file does not exist, so the text counts as unsaved until Ctrl-s.
    pub fn draft(file: String, text: &str, now: Now, held: HeldData) -> Editor {
        let mut e = Editor::new(file, text, now, true, held);
        e.saved = String::new();
        e.original_id = None;
        e.draft = Some(text.to_string());
        e
    }
    pub fn new(file: String, text: &str, now: Now, created: bool, held: HeldData) -> Editor {
        let mut e = Editor {
            file,
            buffer: TextBuffer::new(text),
            saved: text.to_string(),
            check: Check::Invalid(Vec::new()),
            pending: None,
            confirm: None,
            original_id: None,
            preview: None,
            data: None,
            created,
            disk: None,
            overwrite: false,
            close_after_save: false,
            held,
            draft: None,
            changing: None,
        };
        e.validate(now);
        if let Check::Valid(spec) = &e.check {
            e.original_id = Some(spec.id.clone());
        }
        // Start at the first problem, if any.
        if let Check::Invalid(d) = &e.check
            && let Some(first) = d.first()
        {
            e.buffer.go_to(first.pos.line as usize, first.pos.col as usize);
        }
        e
    }

    /// The problem on the cursor's line (the one at or before the cursor
    /// when there are several), with its place in the file's order (from 0).
    pub fn problem_here(&self) -> Option<(usize, &Diagnostic)> {
        let Check::Invalid(d) = &self.check else {
            return None;
        };
        let (line, col) = (self.buffer.row as u32 + 1, self.buffer.col as u32 + 1);
        let on_line = || d.iter().filter(|p| p.pos.line == line);
        let here = on_line()
            .filter(|p| p.pos.col <= col)
            .max_by_key(|p| p.pos.col)
            .or_else(|| on_line().next())?;
        let place = |p: &Diagnostic| (p.pos.line, p.pos.col);
        let rank = d.iter().filter(|p| place(p) < place(here)).count();
        Some((rank, here))
    }

    /// Moves to the next problem after the cursor (`forward`) or the one
    /// before it, wrapping around the file.
    fn step_problem(&mut self, forward: bool) {
        let Check::Invalid(d) = &self.check else {
            return;
        };
        let mut places: Vec<(u32, u32)> = d.iter().map(|p| (p.pos.line, p.pos.col)).collect();
        places.sort();
        places.dedup();
        let cursor = (self.buffer.row as u32 + 1, self.buffer.col as u32 + 1);
        // Back from the problem shown as under the cursor, not from the
        // cursor a few columns into it.
        let here = match self.problem_here() {
            Some((_, p)) if !forward => (p.pos.line, p.pos.col).min(cursor),
            _ => cursor,
        };
        let to = if forward {
            places.iter().find(|&&p| p > here).or(places.first())
        } else {
            places.iter().rev().find(|&&p| p < here).or(places.last())
        };
        if let Some(&(line, col)) = to {
            self.buffer.go_to(line as usize, col as usize);
        }
    }

    /// Which table its keys are read with: the question's, if one is asked.
    pub fn context(&self) -> Context {
        if self.changing.is_some() {
            return Context::EditorChange;
        }
        match self.confirm {
            Some(Confirm::Leave) => Context::EditorLeave,
            Some(Confirm::SaveInvalid) => Context::EditorInvalid,
            Some(Confirm::Overwrite) => Context::EditorOverwrite,
            None => Context::Editor,
        }
    }

    pub fn dirty(&self) -> bool {
        self.buffer.text() != self.saved
    }

    pub fn stem(&self) -> &str {
        self.file.strip_suffix(".ron").unwrap_or(&self.file)
    }

    /// Checks the text now and rebuilds the preview from it when valid.
    pub fn validate(&mut self, now: Now) {
        self.pending = None;
        let text = self.buffer.text();
        self.check = match crate::spec::load(self.stem(), text.as_bytes()) {
            Ok(spec) => match conflict(&spec, self.held.get(&spec.id)) {
                // Valid RON, but the stored data is of another kind.
                Some(message) => Check::Invalid(vec![Diagnostic::new(
                    crate::spec::catalog::kind_pos_in(&text),
                    message,
                )]),
                None => {
                    self.preview = Some(self.preview_of(&spec, now));
                    Check::Valid(Box::new(spec))
                }
            },
            Err(d) => Check::Invalid(d),
        };
    }

    fn preview_of(&self, spec: &Spec, now: Now) -> Panel {
        let today = now.today_number();
        let mut panel = Panel::new(spec.clone(), today);
        let data = match (&spec.kind, &self.data) {
            (Kind::List(_), Some(d @ PanelData::List { .. }))
            | (Kind::Timer(_), Some(d @ PanelData::Timer { .. }))
            | (Kind::Tracker(_), Some(d @ PanelData::Tracker { .. })) => d.clone(),
            (Kind::List(_), _) => PanelData::List {
                items: Vec::new(),
                view: None,
                linked: Default::default(),
                partial: None,
            },
            (Kind::Timer(_), _) => PanelData::Timer {
                state: Default::default(),
                today: Vec::new(),
                days: (0..14).map(|i| (today - 13 + i, 0)).collect(),
            },
            (Kind::Tracker(t), _) => PanelData::Tracker {
                values: Default::default(),
                from: today,
                to: today,
                streaks: vec![Default::default(); t.series.len().max(1)],
            },
        };
        match &mut panel {
            Panel::List(l) => {
                if let PanelData::List { items, .. } = data {
                    l.today = now.today_number();
                    l.load(items, None);
                }
            }
            Panel::Timer(t) => t.load(data, now),
            Panel::Tracker(t) => t.load(data),
        }
        panel
    }

    /// The app's stored data arrived: show it in the preview.
    pub fn set_data(&mut self, data: PanelData, now: Now) {
        self.data = Some(data);
        if let Check::Valid(spec) = &self.check {
            let spec = spec.as_ref().clone();
            self.preview = Some(self.preview_of(&spec, now));
        }
    }

    /// Whether a check is due at `now` (typing has paused).
    pub fn due(&self, now: Now) -> Option<i64> {
        self.pending.map(|t| (t + SETTLE_MS - now.ms).max(0))
    }

    /// Ctrl-s: save, asking first when the text has problems.
    fn save(&mut self, now: Now) -> Vec<EditorOut> {
        if self.pending.is_some() {
            self.validate(now);
        }
        if matches!(self.check, Check::Invalid(_)) && self.confirm != Some(Confirm::SaveInvalid) {
            self.confirm = Some(Confirm::SaveInvalid);
            return Vec::new();
        }
        let overwrite = std::mem::take(&mut self.overwrite);
        self.confirm = None;
        vec![EditorOut::Save {
            file: self.file.clone(),
            text: self.buffer.text(),
            expected: (!overwrite).then(|| self.saved.clone()),
        }]
    }

    fn leave(&mut self) -> Vec<EditorOut> {
        let untouched_draft = self.draft.as_deref().is_some_and(|d| d == self.buffer.text());
        if self.dirty() && !untouched_draft {
            self.confirm = Some(Confirm::Leave);
            Vec::new()
        } else {
            vec![EditorOut::Close]
        }
    }

    /// A key, with the command the table gives it on this screen (if any);
    /// `page` is how many lines of text are shown.
    /// Pasted text goes into the buffer as text (never as keys), checked
    /// when typing pauses like anything typed. A question being asked
    /// takes no paste.
    pub fn paste(&mut self, text: &str, now: Now, page: usize) {
        if self.confirm.is_some() {
            return;
        }
        if let Some(line) = &mut self.changing {
            // One line: a pasted sentence's line breaks are spaces.
            let one = format!(
                "{} {}",
                line.text(),
                text.split_whitespace().collect::<Vec<_>>().join(" ")
            );
            line.set(one.trim_start());
            return;
        }
        self.buffer.paste(text);
        self.pending = Some(now.ms);
        self.buffer.scroll_to_cursor(page);
    }

    pub fn key(&mut self, key: Key, cmd: Option<Cmd>, now: Now, page: usize) -> Vec<EditorOut> {
        if let Some(confirm) = self.confirm {
            return self.confirm_key(confirm, cmd, now);
        }
        if self.changing.is_some() {
            return self.change_key(key, cmd, now, page);
        }
        let changed = match cmd {
            Some(Cmd::SaveSpec) => return self.save(now),
            Some(Cmd::ChangeIt) => {
                // A sentence says an app's change in a few dozen words.
                self.changing = Some(super::line::LineInput::with_limit(300));
                return Vec::new();
            }
            // Ctrl-c leaves the editor, asking first, rather than losing edits.
            Some(Cmd::Back | Cmd::Quit) => return self.leave(),
            Some(Cmd::Undo) => self.buffer.undo(),
            Some(Cmd::Redo) => self.buffer.redo(),
            Some(Cmd::FirstProblem) => {
                if let Check::Invalid(d) = &self.check
                    && let Some(first) = d.first()
                {
                    self.buffer.go_to(first.pos.line as usize, first.pos.col as usize);
                }
                false
            }
            Some(Cmd::NextProblem) => {
                self.step_problem(true);
                false
            }
            Some(Cmd::PrevProblem) => {
                self.step_problem(false);
                false
            }
            _ => self.buffer.key(key, page),
        };
        if changed {
            self.pending = Some(now.ms);
        }
        self.buffer.scroll_to_cursor(page);
        Vec::new()
    }

    /// A key on the "Change it…" line: its input takes the keys it edits
    /// with, Enter changes the text, Esc goes back.
    fn change_key(&mut self, key: Key, cmd: Option<Cmd>, now: Now, page: usize) -> Vec<EditorOut> {
        let Some(line) = &mut self.changing else {
            return Vec::new();
        };
        if line.key(&key).taken() {
            return Vec::new();
        }
        match cmd {
            Some(Cmd::Back) => self.changing = None,
            Some(Cmd::Submit) if !line.text().trim().is_empty() => {
                let sentence = line.text().trim().to_string();
                self.changing = None;
                return vec![self.change_text(&sentence, now, page)];
            }
            _ => {}
        }
        Vec::new()
    }

    /// The text changed as `sentence` says, as one unsaved edit (Ctrl-z
    /// undoes it); what was understood, or why nothing changed.
    fn change_text(&mut self, sentence: &str, now: Now, page: usize) -> EditorOut {
        use super::Level;
        if self.pending.is_some() {
            self.validate(now);
        }
        let Check::Valid(spec) = &self.check else {
            return EditorOut::Say(
                "Change it… reads a spec that checks: fix its problems first".into(),
                Level::Error,
            );
        };
        let text = self.buffer.text();
        let changed = match crate::describe::change::change(&text, spec, sentence, now.today()) {
            Ok(c) => c,
            Err(why) => return EditorOut::Say(format!("Nothing changed: {why}"), Level::Error),
        };
        let mut said = changed.summary.clone();
        if !changed.ignored.is_empty() {
            let quoted: Vec<String> = changed.ignored.iter().map(|w| format!("'{w}'")).collect();
            said.push_str(&format!(" · ignored: {}", quoted.join(", ")));
        }
        if let Some(PanelData::List { items, .. }) = &self.data {
            for field in &changed.removed_fields {
                let n = items.iter().filter(|i| i.values.contains_key(field)).count();
                if n > 0 {
                    said.push_str(&format!(" · {n} with a value of '{field}': kept, hidden"));
                }
            }
        }
        self.buffer.replace_all(&changed.text);
        self.validate(now);
        self.buffer.scroll_to_cursor(page);
        EditorOut::Say(format!("{said} · Ctrl-z undoes, Ctrl-s saves"), Level::Info)
    }

    /// A key while a question is asked: `cmd` is what its table (the
    /// context of this question) says the key means.
    fn confirm_key(&mut self, confirm: Confirm, cmd: Option<Cmd>, now: Now) -> Vec<EditorOut> {
        match (confirm, cmd) {
            (Confirm::Leave, Some(Cmd::Yes)) => {
                self.confirm = None;
                // Closes when the save is done, not before: a refused save keeps the text.
                self.close_after_save = true;
                self.save(now)
            }
            (Confirm::Leave, Some(Cmd::No)) => {
                self.confirm = None;
                vec![EditorOut::Close]
            }
            (Confirm::SaveInvalid, Some(Cmd::Yes)) => self.save(now),
            (Confirm::Overwrite, Some(Cmd::Overwrite)) => {
                self.confirm = None;
                self.overwrite = true;
                self.save(now)
            }
            (Confirm::Overwrite, Some(Cmd::Reload)) => {
                self.confirm = None;
                let disk = self.disk.take().unwrap_or_else(|| self.saved.clone());
                self.buffer = TextBuffer::new(&disk);
                self.saved = disk;
                self.validate(now);
                Vec::new()
            }
            _ => {
                self.confirm = None;
                self.overwrite = false;
                self.close_after_save = false;
                Vec::new()
            }
        }
    }

    /// A save found the file changed on disk: ask what to do.
    pub fn changed_on_disk(&mut self, disk: String) {
        self.disk = Some(disk);
        self.close_after_save = false;
        self.confirm = Some(Confirm::Overwrite);
    }

    /// The file was saved with `text`.
    pub fn saved(&mut self, text: String) {
        self.saved = text;
        self.draft = None;
        self.disk = None;
        self.created = false;
        if let Check::Valid(spec) = &self.check {
            self.original_id = Some(spec.id.clone());
        }
    }

    /// A note about the id when the text changes it: the data stays with the old one.
    pub fn id_note(&self) -> Option<String> {
        let (Check::Valid(spec), Some(old)) = (&self.check, &self.original_id) else {
            return None;
        };
        (spec.id != *old).then(|| {
            format!(
                "id changed from {old:?} to {:?}: stored data stays under {old:?} until the id is put back",
                spec.id
            )
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn now(ms: i64) -> Now {
        let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
            .unwrap()
            .and_hms_opt(9, 0, 0)
            .unwrap();
        Now::fixed(start + chrono::Duration::milliseconds(ms))
    }

    fn typed(e: &mut Editor, s: &str, at: i64) {
        for c in s.chars() {
            press(e, Key::ch(c), at);
        }
    }

    use crate::app::command::{self};
    use crate::app::key::Code;

    fn press(e: &mut Editor, key: Key, at: i64) -> Vec<EditorOut> {
        e.key(key, command::lookup(e.context(), key), now(at), 20)
    }

    const WATER: &str = "Tracker(\n    name: \"Water\",\n    unit: \"glasses\",\n)\n";

    #[test]
    fn checks_once_typing_pauses() {
        let mut e = Editor::new("water.ron".into(), WATER, now(0), false, HeldData::new());
        assert!(matches!(e.check, Check::Valid(_)));
        // Break it: an unknown key on line 2.
        press(&mut e, Key::plain(Code::Down), 0);
        press(&mut e, Key::plain(Code::Home), 0);
        typed(&mut e, "feilds: 1, ", 1_000);
        assert!(matches!(e.check, Check::Valid(_)), "not checked while typing");
        assert_eq!(e.due(now(1_100)), Some(50));
        assert_eq!(e.due(now(1_200)), Some(0));
        e.validate(now(1_200));
        let Check::Invalid(d) = &e.check else {
            panic!("invalid")
        };
        assert_eq!((d[0].pos.line, d[0].pos.col), (2, 5));
        assert!(d[0].message.contains("unknown key 'feilds'"), "{}", d[0].message);
        // The preview keeps the last valid version.
        assert!(matches!(&e.preview, Some(Panel::Tracker(t)) if t.spec.name == "Water"));
    }

    #[test]
    fn leaving_with_changes_asks_and_saving_problems_asks() {
        let mut e = Editor::new("water.ron".into(), WATER, now(0), false, HeldData::new());
        assert_eq!(press(&mut e, Key::plain(Code::Esc), 0), vec![EditorOut::Close]);
        typed(&mut e, "x", 0);
        assert!(press(&mut e, Key::plain(Code::Esc), 0).is_empty());
        assert_eq!(e.confirm, Some(Confirm::Leave));
        // Esc again: keep editing.
        assert!(press(&mut e, Key::plain(Code::Esc), 0).is_empty());
        assert_eq!(e.confirm, None);
        // Ctrl-s on a broken text asks; a second Ctrl-s saves anyway.
        assert!(press(&mut e, Key::ctrl('s'), 0).is_empty());
        assert_eq!(e.confirm, Some(Confirm::SaveInvalid));
        let out = press(&mut e, Key::ctrl('s'), 0);
        assert!(matches!(&out[..], [EditorOut::Save { text, .. }] if text.starts_with("xTracker")));
        // Leave, discarding.
        press(&mut e, Key::plain(Code::Esc), 0);
        assert_eq!(press(&mut e, Key::ch('d'), 0), vec![EditorOut::Close]);
    }

    #[test]
    fn a_changed_id_is_pointed_out() {
        let mut e = Editor::new("water.ron".into(), WATER, now(0), false, HeldData::new());
        press(&mut e, Key::plain(Code::Down), 0);
        press(&mut e, Key::plain(Code::Home), 0);
        typed(&mut e, "id: \"h2o\", ", 0);
        e.validate(now(500));
        assert!(e.id_note().unwrap().contains("stays under \"water\""));
    }

    const TWO_PROBLEMS: &str =
        "List(\n    name: \"Todo\",\n    colour: 1,\n    fields: {},\n    sise: 2,\n)\n";

    fn at(e: &Editor) -> (usize, usize) {
        (e.buffer.row + 1, e.buffer.col + 1)
    }

    #[test]
    fn the_problem_under_the_cursor_is_the_one_the_status_names() {
        let mut e = Editor::new("todo.ron".into(), TWO_PROBLEMS, now(0), false, HeldData::new());
        let Check::Invalid(d) = &e.check else {
            panic!("valid")
        };
        assert_eq!(d.len(), 2, "{d:?}");
        let (first, second) = (d[0].clone(), d[1].clone());
        // The editor opens at the first problem, and names it.
        assert_eq!(
            e.problem_here().map(|(i, d)| (i, d.message.clone())),
            Some((0, first.message))
        );
        // Anywhere on the second problem's line, that one is named.
        e.buffer.go_to(second.pos.line as usize, 1);
        assert_eq!(
            e.problem_here().map(|(i, d)| (i, d.message.clone())),
            Some((1, second.message))
        );
        // On a line without a problem, none is "here".
        e.buffer.go_to(2, 1);
        assert_eq!(e.problem_here(), None);
    }

    #[test]
    fn next_and_previous_problem_keys_walk_the_problems_and_wrap() {
        let mut e = Editor::new("todo.ron".into(), TWO_PROBLEMS, now(0), false, HeldData::new());
        let Check::Invalid(d) = e.check.clone() else {
            panic!("valid")
        };
        let place = |d: &Diagnostic| (d.pos.line as usize, d.pos.col as usize);
        let next = command::BINDINGS
            .iter()
            .find(|b| b.cmd == Cmd::NextProblem)
            .unwrap()
            .keys[0];
        let prev = command::BINDINGS
            .iter()
            .find(|b| b.cmd == Cmd::PrevProblem)
            .unwrap()
            .keys[0];
        assert_eq!(at(&e), place(&d[0]));
        press(&mut e, next, 0);
        assert_eq!(at(&e), place(&d[1]));
        press(&mut e, next, 0);
        assert_eq!(at(&e), place(&d[0]), "next wraps to the first");
        press(&mut e, prev, 0);
        assert_eq!(at(&e), place(&d[1]), "previous wraps to the last");
        press(&mut e, prev, 0);
        assert_eq!(at(&e), place(&d[0]));
        // From a line between them, next goes to the one below.
        e.buffer.go_to(4, 1);
        press(&mut e, next, 0);
        assert_eq!(at(&e), place(&d[1]));
        assert_eq!(e.buffer.text(), TWO_PROBLEMS, "the keys only move");
    }
}
