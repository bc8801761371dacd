//! Which kind of app an id's data belongs to, read from its summary; the
//! pure rule of which spec may use it is [`crate::model::held`].

use super::error::StoreError;
use super::read::Reader;
use super::summary::AppSummary;
use crate::model::count::count;
use crate::model::held::{Held, conflict};
use crate::model::timer::TimerState;
use crate::spec::{KindTag, Spec, StoredKind};

/// What `sum` (and whether a timer state is stored) says is held; None when
/// nothing is, so any kind may start afresh.
pub fn held(sum: &AppSummary, timer_set: bool) -> Option<Held> {
    let days: u64 = sum.series.values().map(|s| u64::from(s.days)).sum();
    let has = sum.items > 0 || days > 0 || sum.sessions_total > 0 || timer_set;
    if !has {
        return None;
    }
    // What the counts hold: the kind of a summary written before the kind
    // was recorded, and what a newer nook's kind is described by.
    let counted = if sum.items > 0 {
        KindTag::List
    } else if days > 0 {
        KindTag::Tracker
    } else {
        KindTag::Timer
    };
    let kind = sum.kind.clone().unwrap_or(counted.into());
    let what = match (&kind, counted) {
        (StoredKind::Known(KindTag::List), _) | (StoredKind::Unknown(_), KindTag::List) => {
            count(sum.items, "item")
        }
        (StoredKind::Known(KindTag::Tracker), _) | (StoredKind::Unknown(_), KindTag::Tracker) => {
            count(days, "day")
        }
        _ if sum.sessions_total > 0 => count(sum.sessions_total, "session"),
        _ => "a timer's state".into(),
    };
    Some(Held {
        kind,
        what,
        items: sum.items,
        days,
        sessions: sum.sessions_total,
    })
}

impl Reader {
    /// A summary with only what [`held`] reads filled in; one that does not
    /// decode so is read whole (and counted again, if need be).
    fn held_parts(&self, app: &str) -> Result<AppSummary, StoreError> {
        let Some(t) = self.summaries()? else {
            return self.summary(app);
        };
        let Some(v) = t.get(app)? else {
            return Ok(AppSummary::default());
        };
        // The launcher asks for every app's at start: the record's counts
        // part skips each summary's figures, streaks and per-day counts.
        match super::summary_record::counts(v.value()) {
            Ok(p) => Ok(AppSummary {
                items: p.items,
                series: p
                    .series
                    .into_iter()
                    .map(|(name, d)| {
                        let s = crate::summary::SeriesSummary {
                            days: d.days,
                            ..Default::default()
                        };
                        (name, s)
                    })
                    .collect(),
                sessions_total: p.sessions_total,
                kind: p.kind,
                ..AppSummary::default()
            }),
            Err(_) => self.summary(app),
        }
    }

    /// What is stored under `app`, if anything.
    pub fn held(&self, app: &str) -> Result<Option<Held>, StoreError> {
        let sum = self.held_parts(app)?;
        let timer_set = sum.items == 0 && sum.series.is_empty() && self.timer(app)? != TimerState::default();
        Ok(held(&sum, timer_set))
    }

    /// Why `spec` cannot use its id's data, if it cannot.
    pub fn kind_conflict(&self, spec: &Spec) -> Result<Option<String>, StoreError> {
        Ok(conflict(spec, self.held(&spec.id)?.as_ref()))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stored(json: &str) -> AppSummary {
        serde_json::from_str(json).unwrap()
    }

    #[test]
    fn the_kinds_stored_as_words_read_as_before() {
        for (word, tag) in [
            ("list", KindTag::List),
            ("tracker", KindTag::Tracker),
            ("timer", KindTag::Timer),
        ] {
            let sum = stored(&format!(
                r#"{{"items":0,"done":0,"updated":0,"sessions_total":2,"kind":"{word}"}}"#
            ));
            assert_eq!(sum.kind, Some(StoredKind::Known(tag)));
            assert!(
                serde_json::to_string(&sum)
                    .unwrap()
                    .contains(&format!(r#""kind":"{word}""#))
            );
        }
        // Before the kind was recorded: what the counts hold.
        let old = held(&stored(r#"{"items":2,"done":0,"updated":0}"#), false).unwrap();
        assert_eq!((old.kind, old.what.as_str()), (KindTag::List.into(), "2 items"));
    }

    #[test]
    fn a_summary_of_a_newer_nooks_kind_reads_keeps_its_word_and_says_what_it_holds() {
        let sum = stored(r#"{"items":3,"done":0,"updated":0,"kind":"garden"}"#);
        let h = held(&sum, false).unwrap();
        assert_eq!(h.kind, StoredKind::Unknown("garden".into()));
        assert_eq!(h.what, "3 items");
        assert!(
            serde_json::to_string(&sum)
                .unwrap()
                .contains(r#""kind":"garden""#)
        );
    }
}
