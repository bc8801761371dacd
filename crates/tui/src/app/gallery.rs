//! The new-app gallery: "Describe it…" (type a sentence), or pick a
//! template, then type a name.

use super::command::{self, Cmd, Context};
use super::key::Key;
use super::line::LineInput;
use crate::spec::template::{self, Template};

#[derive(Clone, Debug, PartialEq)]
pub struct Gallery {
    pub templates: Vec<Template>,
    /// The row: 0 is "Describe it…", then the templates.
    pub selected: usize,
    /// The name being typed once a template is chosen, or the sentence
    /// on the "Describe it…" row.
    pub naming: Option<LineInput>,
}

/// The gallery's first row.
pub const DESCRIBE: &str = "Describe it…";

/// What the first row says beside the list.
pub const DESCRIBE_ABOUT: &str = "Say what the app is for, in a sentence; nook makes the spec \
and opens it in the editor, unsaved: Ctrl-s saves it, Esc drops it. Nothing is sent anywhere.";

/// Sentences shown under it, as examples.
pub const DESCRIBE_EXAMPLES: [&str; 5] = [
    "yoga 3 times a week",
    "log my runs in km, 20 km a week",
    "interval timer: 40 seconds work, 20 seconds rest, 8 rounds",
    "books with title, author, status (to read, reading, done), rating out of 10",
    "packing list for the trip in May",
];

#[derive(Clone, Debug, PartialEq)]
pub enum GalleryOut {
    Stay,
    Close,
    Create {
        template: String,
        name: String,
    },
    /// Make a spec of this sentence and open it in the editor, unsaved.
    Describe {
        sentence: String,
    },
}

impl Default for Gallery {
    fn default() -> Self {
        Gallery {
            templates: template::gallery(),
            selected: 0,
            naming: None,
        }
    }
}

impl Gallery {
    /// Whether the "Describe it…" row is selected.
    pub fn describing(&self) -> bool {
        self.selected == 0
    }

    /// The template of the selected row (the first on "Describe it…").
    pub fn chosen(&self) -> &Template {
        &self.templates[self.selected.saturating_sub(1).min(self.templates.len() - 1)]
    }

    /// A key, as the table says: `Context::Naming` while the name is
    /// typed (its input takes the keys it edits with first), else
    /// `Context::Gallery`.
    pub fn key(&mut self, key: Key) -> GalleryOut {
        let chosen = self.chosen().key.clone();
        if let Some(name) = &mut self.naming {
            if name.key(&key).taken() {
                return GalleryOut::Stay;
            }
            match command::lookup(Context::Naming, key) {
                Some(Cmd::Back) => self.naming = None,
                Some(Cmd::Submit) if !name.text().trim().is_empty() && self.selected == 0 => {
                    return GalleryOut::Describe {
                        sentence: name.text().trim().to_string(),
                    };
                }
                Some(Cmd::Submit) if !name.text().trim().is_empty() => {
                    return GalleryOut::Create {
                        template: chosen,
                        name: name.text().trim().to_string(),
                    };
                }
                _ => {}
            }
            return GalleryOut::Stay;
        }
        let last = self.templates.len();
        match command::lookup(Context::Gallery, key) {
            Some(Cmd::Back) => return GalleryOut::Close,
            Some(Cmd::Down) => self.selected = (self.selected + 1).min(last),
            Some(Cmd::Up) => self.selected = self.selected.saturating_sub(1),
            Some(Cmd::Top) => self.selected = 0,
            Some(Cmd::Bottom) => self.selected = last,
            // A sentence says an app in a few dozen words.
            Some(Cmd::Submit) if self.describing() => self.naming = Some(LineInput::with_limit(300)),
            // A name is a file name and a title: 80 chars is plenty.
            Some(Cmd::Submit) => self.naming = Some(LineInput::with_limit(80)),
            _ => {}
        }
        GalleryOut::Stay
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::key::Code;

    #[test]
    fn choose_then_name() {
        let mut g = Gallery::default();
        assert!(g.describing());
        g.key(Key::ch('j'));
        assert_eq!(g.chosen().key, "list");
        g.key(Key::ch('j'));
        assert_eq!(g.chosen().key, "tracker");
        g.key(Key::plain(Code::Enter));
        // An empty name is not taken.
        assert_eq!(g.key(Key::plain(Code::Enter)), GalleryOut::Stay);
        for c in "Floss ".chars() {
            g.key(Key::ch(c));
        }
        assert_eq!(
            g.key(Key::plain(Code::Enter)),
            GalleryOut::Create {
                template: "tracker".into(),
                name: "Floss".into()
            }
        );
        // Esc goes back to the templates, then closes.
        g.key(Key::plain(Code::Esc));
        assert_eq!(g.naming, None);
        assert_eq!(g.key(Key::plain(Code::Esc)), GalleryOut::Close);
    }

    #[test]
    fn the_name_stops_at_80_chars_and_letters_like_q_are_typed() {
        let mut g = Gallery::default();
        g.key(Key::ch('j'));
        g.key(Key::plain(Code::Enter));
        // In the name, q and j are letters, not "close" and "down".
        for _ in 0..100 {
            assert_eq!(g.key(Key::ch('q')), GalleryOut::Stay);
        }
        assert_eq!(g.naming.as_ref().map(|n| n.text().chars().count()), Some(80));
        g.key(Key::ctrl('u'));
        assert_eq!(g.naming.as_ref().map(LineInput::is_empty), Some(true));
    }

    #[test]
    fn describe_it_is_first_and_takes_a_sentence() {
        let mut g = Gallery::default();
        g.key(Key::plain(Code::Enter));
        // An empty sentence is not taken.
        assert_eq!(g.key(Key::plain(Code::Enter)), GalleryOut::Stay);
        for c in "yoga 3 times a week".chars() {
            g.key(Key::ch(c));
        }
        assert_eq!(
            g.key(Key::plain(Code::Enter)),
            GalleryOut::Describe {
                sentence: "yoga 3 times a week".into()
            }
        );
    }
}
