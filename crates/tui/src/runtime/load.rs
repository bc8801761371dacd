//! Reading what a panel shows from the store: bounded reads only.

use crate::model::item_id::ItemId;
use std::collections::{HashMap, HashSet};

use crate::app::list::Partial;
use crate::app::{AppEntry, Panel, PanelData};
use crate::model::Now;
use crate::model::streak::Rule;
use crate::overview::{Overview, overview, series_streaks};
use crate::spec::Catalog;
use crate::store::{Store, StoreError};

/// Unix ms of the start of today on the wall clock.
pub fn start_of_today(now: Now) -> i64 {
    let since_midnight = now
        .local
        .time()
        .signed_duration_since(chrono::NaiveTime::MIN)
        .num_milliseconds();
    now.ms - since_midnight
}

/// `specs`: every app's, for what links and rollups show of the others.
/// `first`: for a list not yet loaded (or holding only its first rows),
/// read only this many rows of the order it opens in when the view index
/// has them (the rest is loaded by a call without it).
pub fn panel_data(
    store: &Store,
    panel: &Panel,
    now: Now,
    specs: &[&crate::spec::Spec],
    first: Option<usize>,
) -> Result<PanelData, StoreError> {
    let spec = panel.spec();
    let id = spec.id.as_str();
    // A panel not loaded yet, or still holding only its first rows, from
    // the view index: read apart, so that an index redb cannot read costs
    // only the index (every item is read instead).
    let window = match (panel, first) {
        (Panel::List(l), Some(rows)) if !l.loaded || l.partial.is_some() => {
            store.read(|r| first_rows(r, l, spec, now, rows)).ok().flatten()
        }
        _ => None,
    };
    store.read(|r| match panel {
        Panel::List(l) => {
            let view = r.meta_str(&format!("ui.view.{id}"))?;
            let linked = Box::new(crate::usecase::link::linked(r, spec, specs)?);
            // As the spec sees them now: renamed and retyped fields follow.
            let present = |items: Vec<crate::model::Item>| -> Vec<crate::model::Item> {
                items
                    .into_iter()
                    .map(|i| crate::model::migrate::present(l.list(), i))
                    .collect()
            };
            if let Some((items, partial)) = window {
                return Ok(PanelData::List {
                    linked,
                    view,
                    items: present(items),
                    partial,
                });
            }
            Ok(PanelData::List {
                linked,
                view,
                items: present(r.items(id, ItemId(0), usize::MAX)?),
                partial: None,
            })
        }
        Panel::Timer(t) => {
            let midnight = start_of_today(now);
            let today = r.sessions(id, midnight, i64::MAX)?;
            let from = midnight - 13 * 86_400_000;
            let mut days: Vec<(i32, u32)> = (0..14).map(|i| (now.today_number() - 13 + i, 0)).collect();
            let stopwatch = t.timer().phases.is_empty();
            for s in r.sessions(id, from, i64::MAX)? {
                let d = now.day_of_ms(s.end);
                if let Some(slot) = days.iter_mut().find(|(day, _)| *day == d)
                    && (stopwatch || s.phase_index == 0)
                {
                    slot.1 += 1;
                }
            }
            Ok(PanelData::Timer {
                state: r.timer(id)?,
                today,
                days,
            })
        }
        Panel::Tracker(t) => {
            let today = now.today_number();
            // Only the days the charts and the selected day's period show.
            let reads = crate::app::tracker::reads(today, t.day);
            let (from, to) = reads[0];
            let rule = Rule::of(t.tracker());
            let sum = r.summary(id)?;
            let mut values = HashMap::new();
            let mut streaks = Vec::new();
            for s in &t.series {
                for &(first, last) in &reads {
                    for (day, e) in r.entries(id, s, first, last)? {
                        values.insert((s.clone(), day), e.value);
                    }
                }
                streaks.push(series_streaks(r, id, s, &rule, &sum, today)?);
            }
            Ok(PanelData::Tracker {
                values,
                from,
                to,
                streaks,
            })
        }
    })
}

/// A list's first rows, and the counts the panel shows meanwhile (None:
/// they are every item).
type FirstRows = (Vec<crate::model::Item>, Option<Partial>);

/// The first `rows` items of the order `l` opens in (in the view last
/// chosen, when it is not loaded yet), and what the panel holds then: None
/// when they are every item. None at all when the view index cannot give
/// them (stale, or an order it does not keep).
fn first_rows(
    r: &crate::store::Reader,
    l: &crate::app::list::ListPanel,
    spec: &crate::spec::Spec,
    now: Now,
    rows: usize,
) -> Result<Option<FirstRows>, StoreError> {
    let id = spec.id.as_str();
    let mut opening = l.clone();
    opening.today = now.today_number();
    // A loaded panel keeps the view it shows, whatever another nook chose since.
    if !l.loaded
        && let Some(v) = r.meta_str(&format!("ui.view.{id}"))?
    {
        opening.restore_view(&v);
    }
    let Some((set, fp)) = opening.opening_order() else {
        return Ok(None);
    };
    let Some(w) = r.view_window(id, set, fp, rows)? else {
        return Ok(None);
    };
    let sum = r.summary(id)?;
    if w.items.len() as u64 >= sum.items {
        return Ok(Some((w.items, None)));
    }
    let Some(list) = spec.list() else {
        return Ok(None);
    };
    // Data the spec does not show plainly is reported over every item:
    // such a list reads the rest after its first frame.
    let plain_data = crate::overview::data_notes(r, spec, list, &sum)?.is_empty();
    let partial = Partial {
        shown: w.count,
        total: sum.items,
        keep: opening.stays_partial() && plain_data,
    };
    Ok(Some((w.items, Some(partial))))
}

/// The stored state of every timer app of the catalog: one row each.
pub fn timers(
    store: &Store,
    entries: &[AppEntry],
) -> Result<Vec<(String, crate::model::timer::TimerState)>, StoreError> {
    store.read(|r| {
        let mut out = Vec::new();
        for spec in entries.iter().filter_map(|e| e.spec.as_ref().ok()) {
            if matches!(spec.kind, crate::spec::Kind::Timer(_)) {
                out.push((spec.id.clone(), r.timer(&spec.id)?));
            }
        }
        Ok(out)
    })
}

/// Every valid app's summary line, or those of `only`. One app whose
/// stored figures cannot be read is left out (and named in the second
/// value) rather than costing the launcher every other line.
pub fn overviews(
    store: &Store,
    entries: &[AppEntry],
    now: Now,
    only: Option<&HashSet<String>>,
) -> Result<(HashMap<String, Overview>, Option<String>), StoreError> {
    store.read(|r| {
        let mut out = HashMap::new();
        let mut failed: Option<String> = None;
        for e in entries {
            if let Ok(spec) = &e.spec
                && only.is_none_or(|o| o.contains(&spec.id))
            {
                match overview(r, spec, now) {
                    Ok(o) => {
                        out.insert(spec.id.clone(), o);
                    }
                    Err(err) if failed.is_none() => {
                        failed = Some(format!("{}: {err}; `nook doctor` checks the database", spec.id));
                    }
                    Err(_) => {}
                }
            }
        }
        Ok((out, failed))
    })
}

pub fn entries(catalog: Catalog) -> Vec<AppEntry> {
    catalog
        .entries
        .into_iter()
        .map(|e| AppEntry {
            file: e
                .path
                .file_name()
                .map(|f| f.to_string_lossy().into_owned())
                .unwrap_or_default(),
            spec: e.spec.map_err(|err| err.first_line()),
        })
        .collect()
}

/// The agenda's rows: what is due up to `agenda::DAYS` after today, read
/// through the date index, and the habits with a reminder not done today.
pub fn agenda(
    store: &Store,
    entries: &[AppEntry],
    now: Now,
) -> Result<crate::app::agenda::AgendaData, StoreError> {
    let specs: Vec<crate::spec::Spec> = entries.iter().filter_map(|e| e.spec.clone().ok()).collect();
    Ok(crate::app::agenda::AgendaData {
        due: crate::usecase::due::agenda(store, &specs, now, crate::app::agenda::DAYS)?,
        habits: crate::usecase::due::habits(store, &specs, now)?,
    })
}
