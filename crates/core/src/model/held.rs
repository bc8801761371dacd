//! What the data stored under an id is, and why a spec cannot use it. A
//! list's items mean nothing to a tracker, so a spec whose kind differs from
//! its stored data is refused (reported as an invalid app) instead of being
//! shown empty or written into. Pure: the store says what is held.

use crate::spec::{Spec, StoredKind};

/// The data stored under one id.
#[derive(Clone, Debug, PartialEq)]
pub struct Held {
    /// The kind of app that wrote it.
    pub kind: StoredKind,
    /// "12 items", "30 days", "4 sessions".
    pub what: String,
    /// The counts `what` is said from, for `nook orphans --json`.
    pub items: u64,
    pub days: u64,
    pub sessions: u64,
}

/// Why `spec` cannot use the data stored under its id, if it cannot.
pub fn conflict(spec: &Spec, held: Option<&Held>) -> Option<String> {
    let held = held?;
    let kind = spec.kind.tag();
    if held.kind.is(kind) {
        return None;
    }
    Some(format!(
        "the app '{id}' holds {} data ({}); {} {kind} cannot read it: change the kind back, \
         or give this spec an id of its own",
        held.kind,
        held.what,
        kind.article(),
        id = spec.id
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::KindTag;

    fn spec(text: &str) -> Spec {
        crate::spec::load("x", text.as_bytes()).unwrap()
    }

    #[test]
    fn a_spec_of_the_held_kind_reads_it_and_another_is_told_why_not() {
        let held = Held {
            kind: KindTag::List.into(),
            what: "3 items".into(),
            items: 3,
            days: 0,
            sessions: 0,
        };
        assert_eq!(conflict(&spec("List(name: \"A\")"), Some(&held)), None);
        assert_eq!(conflict(&spec("Tracker(name: \"A\")"), None), None);
        assert_eq!(
            conflict(&spec("Tracker(name: \"A\")"), Some(&held)).unwrap(),
            "the app 'x' holds list data (3 items); a tracker cannot read it: change the kind back, \
             or give this spec an id of its own"
        );
    }

    #[test]
    fn data_of_a_kind_this_nook_does_not_know_is_refused_to_every_spec() {
        let held = Held {
            kind: StoredKind::from("garden".to_string()),
            what: "3 items".into(),
            items: 3,
            days: 0,
            sessions: 0,
        };
        for text in ["List(name: \"A\")", "Tracker(name: \"A\")", "Timer(name: \"A\")"] {
            let why = conflict(&spec(text), Some(&held)).unwrap();
            assert!(why.contains("holds garden data (3 items)"), "{why}");
        }
    }
}
