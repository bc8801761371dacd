//! The agenda (`a` from the launcher): what is overdue, due today and due in
//! the next 7 days in every list with a due field, the habits with a
//! reminder not done today, and the running timers, in one list. Actions
//! work in place: Space ticks (a recurring item moves on), `z`/`s` snoozes a
//! day, Enter opens the app at the item. The runtime reads the rows through
//! the date index (`usecase::due`); the timers are the clocks the App has.

use chrono::{Datelike, NaiveDate};

use super::command::Cmd;
use super::{App, Effect, Level, Write};
use crate::model::amount::Amount;
use crate::model::due::When;
use crate::usecase::due::{DueItem, Habit};

/// The days after today the agenda shows.
pub const DAYS: u32 = 7;

/// What the runtime read for the agenda.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgendaData {
    pub due: Vec<DueItem>,
    pub habits: Vec<Habit>,
}

#[derive(Clone, Debug, Default, PartialEq)]
pub struct AgendaView {
    pub data: AgendaData,
    /// Index into the entries of `rows` (headers are not selectable).
    pub selected: usize,
    /// False until the runtime has read it.
    pub loaded: bool,
}

/// One thing the agenda lists.
#[derive(Clone, Debug, PartialEq)]
pub enum Entry<'a> {
    Due(&'a DueItem),
    Habit(&'a Habit),
    /// A running timer: its app id, icon, name and clock.
    Timer {
        id: String,
        icon: String,
        name: String,
        clock: String,
    },
}

impl Entry<'_> {
    pub fn app(&self) -> &str {
        match self {
            Entry::Due(d) => &d.app,
            Entry::Habit(h) => &h.app,
            Entry::Timer { id, .. } => id,
        }
    }
}

/// A line of the agenda: a section's header or an entry.
#[derive(Clone, Debug, PartialEq)]
pub enum Row<'a> {
    Head(String),
    Entry(Entry<'a>),
}

/// "Thu 3 Dec".
pub fn day_words(d: NaiveDate) -> String {
    format!("{} {} {}", d.format("%a"), d.day(), d.format("%b"))
}

impl AgendaView {
    /// The rows in order: running timers, Overdue, Today (items, then
    /// habits), then each of the next days that has anything.
    pub fn rows<'a>(&'a self, app: &App) -> Vec<Row<'a>> {
        let today = app.now.today();
        let mut rows = Vec::new();
        let timers = app.clocks.running(app.now.ms);
        if !timers.is_empty() {
            rows.push(Row::Head("Running".into()));
            for (id, b) in timers {
                rows.push(Row::Entry(Entry::Timer {
                    id,
                    icon: b.icon,
                    name: b.name,
                    clock: b.clock,
                }));
            }
        }
        let overdue: Vec<_> = self
            .data
            .due
            .iter()
            .filter(|d| matches!(d.when, When::Overdue(_)))
            .collect();
        if !overdue.is_empty() {
            rows.push(Row::Head("Overdue".into()));
            rows.extend(overdue.into_iter().map(|d| Row::Entry(Entry::Due(d))));
        }
        let now: Vec<_> = self.data.due.iter().filter(|d| d.when == When::Today).collect();
        if !now.is_empty() || !self.data.habits.is_empty() {
            rows.push(Row::Head(format!("Today · {}", day_words(today))));
            rows.extend(now.into_iter().map(|d| Row::Entry(Entry::Due(d))));
            rows.extend(self.data.habits.iter().map(|h| Row::Entry(Entry::Habit(h))));
        }
        for n in 1..=i64::from(DAYS) {
            let on: Vec<_> = self
                .data
                .due
                .iter()
                .filter(|d| d.when == When::Upcoming(n))
                .collect();
            if on.is_empty() {
                continue;
            }
            let day = today + chrono::Duration::days(n);
            rows.push(Row::Head(day_words(day)));
            rows.extend(on.into_iter().map(|d| Row::Entry(Entry::Due(d))));
        }
        rows
    }

    /// The selected entry.
    pub fn current<'a>(&'a self, app: &App) -> Option<Entry<'a>> {
        self.rows(app)
            .into_iter()
            .filter_map(|r| match r {
                Row::Entry(e) => Some(e),
                Row::Head(_) => None,
            })
            .nth(self.selected)
    }

    fn entries(&self, app: &App) -> usize {
        self.rows(app)
            .iter()
            .filter(|r| matches!(r, Row::Entry(_)))
            .count()
    }
}

/// Opens the agenda (from the launcher); the runtime reads its rows.
pub(super) fn open(app: &mut App) -> Vec<Effect> {
    app.s.launcher.agenda = Some(AgendaView::default());
    vec![Effect::LoadAgenda]
}

/// The agenda's rows, read by the runtime; the selection stays in range.
pub(super) fn set(app: &mut App, data: AgendaData) {
    let Some(mut view) = app.s.launcher.agenda.take() else {
        return;
    };
    view.data = data;
    view.loaded = true;
    let n = view.entries(app);
    view.selected = view.selected.min(n.saturating_sub(1));
    app.s.launcher.agenda = Some(view);
}

/// A command while the agenda is shown.
pub(super) fn command(app: &mut App, cmd: Cmd) -> Vec<Effect> {
    let Some(view) = app.s.launcher.agenda.clone() else {
        return Vec::new();
    };
    let n = view.entries(app);
    let current = view.current(app).map(owned);
    let select = |app: &mut App, i: usize| {
        if let Some(v) = app.s.launcher.agenda.as_mut() {
            v.selected = i;
        }
    };
    match cmd {
        Cmd::Up => select(app, view.selected.saturating_sub(1)),
        Cmd::Down => select(app, (view.selected + 1).min(n.saturating_sub(1))),
        Cmd::Top => select(app, 0),
        Cmd::Bottom => select(app, n.saturating_sub(1)),
        Cmd::Back | Cmd::Peel | Cmd::Agenda => app.s.launcher.agenda = None,
        Cmd::ToggleDone => match current {
            Some(Owned::Due { app: id, item, title }) => {
                app.s.message = Some((format!("Ticked {title}"), Level::Info));
                return vec![Effect::Write(id, Write::SetDone { id: item, done: true })];
            }
            Some(Owned::Habit { app: id, series }) => {
                let Some(spec) = app.spec_by_id(&id) else {
                    return Vec::new();
                };
                let crate::spec::Kind::Tracker(t) = &spec.kind else {
                    return Vec::new();
                };
                // A yes/no habit is ticked; an amount gets its step.
                let amount = if t.unit.is_none() {
                    Amount::Set(1.0)
                } else {
                    Amount::Add(t.step)
                };
                app.s.message = Some((format!("Logged {}", spec.name), Level::Info));
                let day = app.now.today_number();
                return vec![Effect::Write(id, Write::Entry { series, day, amount })];
            }
            Some(Owned::Timer { .. }) => {
                app.s.message = Some(("A timer: Enter opens it".into(), Level::Info));
            }
            None => {}
        },
        Cmd::Snooze => match current {
            Some(Owned::Due { app: id, item, title }) => {
                app.s.message = Some((
                    format!("Snoozed {title} a day — u in the list undoes it"),
                    Level::Info,
                ));
                return vec![Effect::Write(id, Write::Snooze(item))];
            }
            Some(_) => {
                app.s.message = Some(("Only an item with a due date snoozes".into(), Level::Info));
            }
            None => {}
        },
        Cmd::Open => {
            let Some(cur) = current else { return Vec::new() };
            let (id, item) = match cur {
                Owned::Due { app, item, .. } => (app, Some(item)),
                Owned::Habit { app, .. } | Owned::Timer { app } => (app, None),
            };
            let Some(index) = app.s.entries.iter().position(|e| e.id() == Some(id.as_str())) else {
                return Vec::new();
            };
            app.s.launcher.agenda = None;
            let fx = app.perform(super::switch::Intent::Open(index));
            if let (Some(item), Some(super::Panel::List(l))) =
                (item, app.s.focus.and_then(|i| app.s.panels.get_mut(i)))
            {
                l.select_on_load(item);
            }
            return fx;
        }
        _ => {}
    }
    Vec::new()
}

/// What an action needs of the selected entry, without the borrow.
enum Owned {
    Due {
        app: String,
        item: crate::model::item_id::ItemId,
        title: String,
    },
    Habit {
        app: String,
        series: String,
    },
    Timer {
        app: String,
    },
}

fn owned(e: Entry) -> Owned {
    match e {
        Entry::Due(d) => Owned::Due {
            app: d.app.clone(),
            item: d.item,
            title: d.title.clone(),
        },
        Entry::Habit(h) => Owned::Habit {
            app: h.app.clone(),
            series: h.series.clone(),
        },
        Entry::Timer { id, .. } => Owned::Timer { app: id },
    }
}
