//! A list's calendar view (`view: Calendar(by: "due")`): a month grid with
//! each item on the day of the view's date field. `h`/`l` move a day,
//! `k`/`j` a week, `[`/`]` (or PageUp/PageDown) a month, `t` back to today;
//! Enter opens the day: its items as a table, where every list key works,
//! until Esc goes back to the month. `a` adds an item on the selected day.

use chrono::{Datelike, Months, NaiveDate};

use super::PanelEffect;
use super::command::Cmd;
use super::form::Form;
use super::list::{ListPanel, ViewMode};
use crate::model::days::{date_of, day_number};
use crate::model::{FieldValue, Item, Now};
use crate::spec::View;

/// The month a grid shows: its first day and the Monday that starts its
/// first row, and how many weeks (rows) it takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Month {
    pub first: NaiveDate,
    pub start: i32,
    pub weeks: usize,
}

impl Month {
    pub fn of(day: i32) -> Month {
        let d = date_of(day);
        let first = d.with_day(1).unwrap_or(d);
        let start = day_number(first) - first.weekday().num_days_from_monday() as i32;
        let last = day_number(first + Months::new(1)) - 1;
        let weeks = ((last - start) / 7 + 1) as usize;
        Month { first, start, weeks }
    }

    /// Whether `day` is in this month (the grid's first and last rows show
    /// days of the months around it).
    pub fn holds(&self, day: i32) -> bool {
        let d = date_of(day);
        d.year() == self.first.year() && d.month() == self.first.month()
    }
}

impl ListPanel {
    /// The Date or DateTime field the calendar puts items on.
    pub fn calendar_field(&self) -> Option<&str> {
        match &self.list().view {
            View::Calendar { by } => Some(by),
            _ => None,
        }
    }

    /// The day of `item` in the calendar: the date part of its field.
    pub fn day_of(&self, item: &Item) -> Option<i32> {
        let field = self.calendar_field()?;
        match item.values.get(field) {
            Some(FieldValue::Text(s)) => {
                let date = s.get(..10)?;
                NaiveDate::parse_from_str(date, "%Y-%m-%d").ok().map(day_number)
            }
            _ => None,
        }
    }

    /// The selected day, today until one is chosen.
    pub fn selected_day(&self) -> i32 {
        if self.day == 0 { self.today } else { self.day }
    }

    /// Whether `item` is shown while a day is open (every item when none is).
    pub(super) fn in_open_day(&self, item: &Item) -> bool {
        match self.day_open {
            Some(day) => self.day_of(item) == Some(day),
            None => true,
        }
    }

    /// The items shown (after the `/` filter) on each day of `month`'s grid,
    /// as positions in `order`, in the list's sort order.
    pub fn month_items(&self, month: &Month) -> Vec<Vec<usize>> {
        let days = month.weeks * 7;
        let mut out = vec![Vec::new(); days];
        for (pos, &i) in self.order.iter().enumerate() {
            if let Some(day) = self.day_of(&self.items[i]) {
                let at = day - month.start;
                if (0..days as i32).contains(&at) {
                    out[at as usize].push(pos);
                }
            }
        }
        out
    }

    /// A new item's date on the selected (or open) day, so `a` in the
    /// calendar adds onto the day in view.
    pub(super) fn prefill_day(&self, form: &mut Form) {
        let day = match (self.view, self.day_open) {
            (_, Some(day)) => day,
            (ViewMode::Calendar, None) => self.selected_day(),
            _ => return,
        };
        let Some(field) = self.calendar_field() else {
            return;
        };
        let date = date_of(day).format("%Y-%m-%d").to_string();
        if let Some(f) = form.fields.iter_mut().find(|f| f.name == field) {
            // A DateTime keeps the time it was given, or takes nine o'clock.
            let time = f
                .input
                .text()
                .get(10..)
                .map(str::to_string)
                .filter(|t| !t.is_empty());
            match &f.field.as_ref().map(|x| &x.ty) {
                Some(crate::spec::FieldType::DateTime) => f
                    .input
                    .set(format!("{date}{}", time.unwrap_or_else(|| " 09:00".into()))),
                _ => f.input.set(date),
            }
        }
    }

    /// Goes back from an open day to the month; whether a day was open.
    pub(super) fn close_day(&mut self) -> bool {
        let Some(day) = self.day_open.take() else {
            return false;
        };
        self.day = day;
        self.view = ViewMode::Calendar;
        self.reorder();
        true
    }

    /// The calendar's own commands; None for the ones the list handles
    /// the same in every view (add, undo, filter, view, sort).
    pub(super) fn calendar_command(&mut self, cmd: Cmd, now: Now) -> Option<Vec<PanelEffect>> {
        if self.view != ViewMode::Calendar {
            return None;
        }
        let day = self.selected_day();
        let moved = |d: NaiveDate, months: i32| {
            let m = Months::new(months.unsigned_abs());
            if months < 0 { d - m } else { d + m }
        };
        let to = match cmd {
            Cmd::MoveLeft => day - 1,
            Cmd::MoveRight => day + 1,
            Cmd::Up => day - 7,
            Cmd::Down => day + 7,
            Cmd::PageUp => day_number(moved(date_of(day), -1)),
            Cmd::PageDown => day_number(moved(date_of(day), 1)),
            Cmd::Today => now.today_number(),
            Cmd::OpenDay => {
                self.day_open = Some(day);
                self.view = ViewMode::Table;
                self.cursor = 0;
                self.reorder();
                let n = self.order.len();
                let what = crate::model::count::count(n as u64, "item");
                let name = date_of(day).format("%a %-d %b %Y");
                return Some(vec![PanelEffect::Message(format!(
                    "{name}: {what} (Esc back to the month)"
                ))]);
            }
            _ => return None,
        };
        // Day 1 is 0001-01-01; nothing before it, nor past chrono's last.
        self.day = to.clamp(1, day_number(NaiveDate::MAX) - 1);
        Some(Vec::new())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> i32 {
        day_number(NaiveDate::from_ymd_opt(y, m, d).unwrap())
    }

    #[test]
    fn a_month_starts_on_the_monday_before_its_first_day() {
        // December 2026 begins on a Tuesday and ends on a Thursday.
        let m = Month::of(day(2026, 12, 15));
        assert_eq!(date_of(m.start), NaiveDate::from_ymd_opt(2026, 11, 30).unwrap());
        assert_eq!(m.weeks, 5);
        assert!(m.holds(day(2026, 12, 31)) && !m.holds(day(2026, 11, 30)));
        // February 2027 starts on a Monday and fills four rows exactly.
        let f = Month::of(day(2027, 2, 1));
        assert_eq!(
            (date_of(f.start), f.weeks),
            (NaiveDate::from_ymd_opt(2027, 2, 1).unwrap(), 4)
        );
        // August 2027 starts on a Sunday: six rows.
        assert_eq!(Month::of(day(2027, 8, 10)).weeks, 6);
    }
}
