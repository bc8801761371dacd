//! The kinds of app, as a tag the compiler checks: every place that names a
//! kind (stored summaries, exports, templates, messages) uses these instead
//! of a string.

use std::fmt;

use serde::{Deserialize, Serialize};

/// Which kind an app is, without its settings (those are [`super::Kind`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum KindTag {
    List,
    Timer,
    Tracker,
}

impl KindTag {
    /// In the order specs, help and the gallery name them.
    pub const ALL: [KindTag; 3] = [KindTag::List, KindTag::Timer, KindTag::Tracker];

    /// The word people read and files store: "list", "timer", "tracker".
    pub fn word(self) -> &'static str {
        match self {
            KindTag::List => "list",
            KindTag::Timer => "timer",
            KindTag::Tracker => "tracker",
        }
    }

    /// The name a spec file starts with: `List(`, `Timer(`, `Tracker(`.
    pub fn spec_name(self) -> &'static str {
        match self {
            KindTag::List => "List",
            KindTag::Timer => "Timer",
            KindTag::Tracker => "Tracker",
        }
    }

    /// The kind a spec file's leading name says, if it is one.
    pub fn from_spec_name(name: &str) -> Option<KindTag> {
        KindTag::ALL.into_iter().find(|k| k.spec_name() == name)
    }

    /// "a list", "a timer", "a tracker".
    pub fn article(self) -> &'static str {
        if self.word().starts_with(['a', 'e', 'i', 'o', 'u']) {
            "an"
        } else {
            "a"
        }
    }
}

impl fmt::Display for KindTag {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.word())
    }
}

/// The kind recorded with data from outside this process (a stored summary,
/// an export file): one this nook knows, or the word a newer nook wrote. The
/// word is kept as read, so it is written back unchanged and a spec of every
/// known kind is refused its data, as before the tag existed; reading it never fails.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(from = "String", into = "String")]
pub enum StoredKind {
    Known(KindTag),
    Unknown(String),
}

impl StoredKind {
    /// Whether this is the data of a `kind` app.
    pub fn is(&self, kind: KindTag) -> bool {
        *self == StoredKind::Known(kind)
    }
}

impl From<KindTag> for StoredKind {
    fn from(k: KindTag) -> Self {
        StoredKind::Known(k)
    }
}

impl From<String> for StoredKind {
    fn from(word: String) -> Self {
        match KindTag::ALL.into_iter().find(|k| k.word() == word) {
            Some(k) => StoredKind::Known(k),
            None => StoredKind::Unknown(word),
        }
    }
}

impl From<StoredKind> for String {
    fn from(k: StoredKind) -> Self {
        k.to_string()
    }
}

impl fmt::Display for StoredKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            StoredKind::Known(k) => f.write_str(k.word()),
            StoredKind::Unknown(w) => f.write_str(w),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_tag_is_stored_as_the_word_nook_stored_before() {
        for (k, w) in [
            (KindTag::List, "list"),
            (KindTag::Timer, "timer"),
            (KindTag::Tracker, "tracker"),
        ] {
            assert_eq!(serde_json::to_string(&k).unwrap(), format!("\"{w}\""));
            assert_eq!(serde_json::from_str::<KindTag>(&format!("\"{w}\"")).unwrap(), k);
            let stored: StoredKind = serde_json::from_str(&format!("\"{w}\"")).unwrap();
            assert!(stored.is(k));
            assert_eq!(serde_json::to_string(&stored).unwrap(), format!("\"{w}\""));
        }
    }

    #[test]
    fn a_kind_from_a_newer_nook_reads_and_is_written_back_unchanged() {
        let stored: StoredKind = serde_json::from_str("\"garden\"").unwrap();
        assert_eq!(stored, StoredKind::Unknown("garden".into()));
        assert!(KindTag::ALL.iter().all(|&k| !stored.is(k)));
        assert_eq!(serde_json::to_string(&stored).unwrap(), "\"garden\"");
        assert_eq!(stored.to_string(), "garden");
    }

    #[test]
    fn spec_names_read_back() {
        for k in KindTag::ALL {
            assert_eq!(KindTag::from_spec_name(k.spec_name()), Some(k));
        }
        assert_eq!(KindTag::from_spec_name("list"), None);
    }
}
