//! What is due when: an item's due date read through the list's due field,
//! whether it is overdue, due today or upcoming (by the local calendar day
//! `today` the caller passes), and the date a tick of a recurring item moves
//! it to.

use chrono::NaiveDate;

use super::recur::{self, Rule};
use super::{FieldValue, Item};
use crate::spec::{FieldType, ListSpec};

/// An open item's due date against today.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum When {
    /// Days past the due date (at least 1).
    Overdue(i64),
    Today,
    /// Days until the due date (at least 1).
    Upcoming(i64),
}

impl When {
    pub fn of(due: NaiveDate, today: NaiveDate) -> When {
        let days = (due - today).num_days();
        match days {
            0 => When::Today,
            d if d < 0 => When::Overdue(-d),
            d => When::Upcoming(d),
        }
    }

    /// The word a row shows beside the date, there without colour too.
    pub fn word(self) -> String {
        match self {
            When::Overdue(1) => "overdue 1d".into(),
            When::Overdue(d) => format!("overdue {d}d"),
            When::Today => "today".into(),
            When::Upcoming(1) => "tomorrow".into(),
            When::Upcoming(d) => format!("in {d}d"),
        }
    }

    /// The theme role a row's due date is drawn in.
    pub fn role(self) -> &'static str {
        match self {
            When::Overdue(_) => "bad",
            When::Today => "warn",
            When::Upcoming(_) => "accent",
        }
    }

    /// "overdue", "today" or "upcoming", for scripts.
    pub fn state(self) -> &'static str {
        match self {
            When::Overdue(_) => "overdue",
            When::Today => "today",
            When::Upcoming(_) => "upcoming",
        }
    }
}

/// The stored value of the list's due field, under its earlier name too.
fn due_value<'a>(list: &ListSpec, item: &'a Item) -> Option<&'a FieldValue> {
    let due = list.due.as_ref()?;
    item.values.get(&due.field).or_else(|| {
        let was = list.fields.get(&due.field)?.was.as_ref()?;
        item.values.get(was)
    })
}

/// The calendar day of a Date ("2026-12-02") or DateTime ("2026-12-02 09:00") value.
pub fn day_of(v: &FieldValue) -> Option<NaiveDate> {
    let FieldValue::Text(s) = v else { return None };
    NaiveDate::parse_from_str(s.get(..10)?, "%Y-%m-%d").ok()
}

/// The item's due day, done or not.
pub fn due_date(list: &ListSpec, item: &Item) -> Option<NaiveDate> {
    day_of(due_value(list, item)?)
}

/// Where an open item stands; None when it is done or has no due date.
pub fn when(list: &ListSpec, item: &Item, today: NaiveDate) -> Option<When> {
    if item.done {
        return None;
    }
    Some(When::of(due_date(list, item)?, today))
}

/// The item's recurrence rule, with a per-item interval read from its field
/// (a Duration in seconds, a Number in days). None: it does not repeat.
pub fn rule(list: &ListSpec, item: &Item) -> Option<Rule> {
    use crate::spec::due::Repeat;
    let repeat = list.due.as_ref()?.repeat.as_ref()?;
    let every = match repeat {
        Repeat::Field(f) => match (list.fields.get(f).map(|x| &x.ty), item.values.get(f)) {
            (Some(FieldType::Duration), Some(FieldValue::Number(secs))) => Some(secs / 86_400.0),
            (Some(FieldType::Choice { .. }), Some(FieldValue::Text(word))) => {
                return Rule::of(&Repeat::from_word(word)??, None);
            }
            (Some(_), Some(FieldValue::Number(days))) => Some(*days),
            _ => None,
        },
        _ => None,
    };
    Rule::of(repeat, every)
}

/// The due field's next value when a recurring item is ticked on `today`:
/// the same kind of value (a DateTime keeps its time of day). None: the
/// item does not repeat (no rule, or no due date to move), so a tick
/// marks it done.
pub fn next_value(list: &ListSpec, item: &Item, today: NaiveDate) -> Option<(String, FieldValue)> {
    let due = list.due.as_ref()?;
    let rule = rule(list, item)?;
    let FieldValue::Text(old) = due_value(list, item)? else {
        return None;
    };
    let day = day_of(&FieldValue::Text(old.clone()))?;
    let next = recur::next_due(rule, due.from, day, today)?;
    let rest = old.get(10..).unwrap_or_default();
    Some((
        due.field.clone(),
        FieldValue::Text(format!("{}{rest}", next.format("%Y-%m-%d"))),
    ))
}

/// The due moment on the local wall clock: a DateTime's time, a Date's
/// start of day.
pub fn due_moment(list: &ListSpec, item: &Item) -> Option<chrono::NaiveDateTime> {
    let FieldValue::Text(s) = due_value(list, item)? else {
        return None;
    };
    chrono::NaiveDateTime::parse_from_str(s.trim(), "%Y-%m-%d %H:%M")
        .ok()
        .or_else(|| due_date(list, item)?.and_hms_opt(0, 0, 0))
}

/// When an open item's reminder is due on the local wall clock, if the
/// list's due field has `remind:`; None for a done item.
pub fn remind_at(list: &ListSpec, item: &Item) -> Option<chrono::NaiveDateTime> {
    let secs = list.due.as_ref()?.remind?;
    if item.done {
        return None;
    }
    due_moment(list, item)?.checked_sub_signed(chrono::Duration::seconds(i64::try_from(secs).ok()?))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::spec::{Kind, parse_str};

    fn list(extra: &str) -> ListSpec {
        let text = format!(
            "List(name: \"C\", fields: {{ \"task\": Text, \"when\": Date(due: true), \"every\": Number(unit: \"days\") }}, {extra})"
        );
        match parse_str("apps/c.ron", &text).unwrap().kind {
            Kind::List(l) => l,
            _ => unreachable!(),
        }
    }

    fn item(when: &str, every: Option<f64>) -> Item {
        let mut values = std::collections::BTreeMap::new();
        values.insert("when".to_string(), FieldValue::Text(when.into()));
        if let Some(e) = every {
            values.insert("every".to_string(), FieldValue::Number(e));
        }
        Item {
            id: crate::model::item_id::ItemId(1),
            text: String::new(),
            done: false,
            created: 0,
            updated: 0,
            values,
        }
    }

    fn d(s: &str) -> NaiveDate {
        NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap()
    }

    #[test]
    fn an_open_item_is_overdue_today_or_upcoming_and_a_done_one_is_none() {
        let l = list("");
        let today = d("2026-12-02");
        assert_eq!(when(&l, &item("2026-11-30", None), today), Some(When::Overdue(2)));
        assert_eq!(when(&l, &item("2026-12-02", None), today), Some(When::Today));
        assert_eq!(
            when(&l, &item("2026-12-05", None), today).map(When::word),
            Some("in 3d".into())
        );
        let mut done = item("2026-11-01", None);
        done.done = true;
        assert_eq!(when(&l, &done, today), None);
    }

    #[test]
    fn a_tick_moves_a_weekly_item_and_a_date_time_keeps_its_time() {
        let l = list("repeat: Weekly");
        let next = next_value(&l, &item("2026-12-02 08:30", None), d("2026-12-02"));
        assert_eq!(
            next,
            Some(("when".into(), FieldValue::Text("2026-12-09 08:30".into())))
        );
        assert_eq!(
            next_value(&list(""), &item("2026-12-02", None), d("2026-12-02")),
            None
        );
    }

    #[test]
    fn a_choice_of_schedules_gives_each_item_its_own() {
        let text = "List(name: \"C\", fields: { \"when\": Date(due: true), \"how\": Choice(options: [\"weekly\", \"Fortnightly\", \"Never\"]) }, repeat: Field(\"how\"))";
        let Kind::List(l) = parse_str("apps/c.ron", text).unwrap().kind else {
            unreachable!()
        };
        let with = |how: &str| {
            let mut i = item("2026-12-02", None);
            i.values.insert("how".into(), FieldValue::Text(how.into()));
            next_value(&l, &i, d("2026-12-02")).map(|(_, v)| v.display())
        };
        assert_eq!(with("weekly"), Some("2026-12-09".into()));
        assert_eq!(with("Fortnightly"), Some("2026-12-16".into()));
        assert_eq!(with("Never"), None);
    }

    #[test]
    fn a_reminder_is_due_before_the_start_of_a_dates_day_or_a_date_times_time() {
        let text = "List(name: \"C\", fields: { \"task\": Text, \"when\": DateTime(due: true, remind: Before(\"1h30m\")) })";
        let Kind::List(l) = parse_str("apps/c.ron", text).unwrap().kind else {
            unreachable!()
        };
        let at = remind_at(&l, &item("2026-12-03 09:00", None)).unwrap();
        assert_eq!(at.to_string(), "2026-12-03 07:30:00");
        let l = list("");
        assert_eq!(
            remind_at(&l, &item("2026-12-03", None)),
            None,
            "no remind: no reminder"
        );
        let text = "List(name: \"C\", fields: { \"when\": Date(due: true, remind: Before(\"1d\")) })";
        let Kind::List(l) = parse_str("apps/c.ron", text).unwrap().kind else {
            unreachable!()
        };
        let at = remind_at(&l, &item("2026-12-03", None)).unwrap();
        assert_eq!(at.to_string(), "2026-12-02 00:00:00");
    }

    #[test]
    fn a_per_item_schedule_reads_the_items_own_interval() {
        let l = list("repeat: Field(\"every\"), repeat_from: Done");
        let next = next_value(&l, &item("2026-11-01", Some(4.0)), d("2026-12-02"));
        assert_eq!(next, Some(("when".into(), FieldValue::Text("2026-12-06".into()))));
        // No interval: the item does not repeat.
        assert_eq!(next_value(&l, &item("2026-11-01", None), d("2026-12-02")), None);
    }
}
