//! A list's month grid: a row of weekday names, then a row per week with
//! each day's number and the titles of its items (as many as fit, then
//! "+N more"). Today is in the accent colour; the selected day is drawn as
//! the cursor is, and days of the months around it are dim.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{Styles, fit};
use crate::app::calendar::Month;
use crate::app::list::ListPanel;
use crate::model::days::date_of;

const WEEKDAYS: [&str; 7] = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

/// The status line's words: the month, its items, the selected day's.
pub fn status(p: &ListPanel) -> String {
    let day = p.selected_day();
    let month = Month::of(day);
    let days = p.month_items(&month);
    let in_month: usize = (0..days.len())
        .filter(|&i| month.holds(month.start + i as i32))
        .map(|i| days[i].len())
        .sum();
    let on_day = days.get((day - month.start) as usize).map_or(0, Vec::len);
    let count = |n: usize| crate::model::count::count(n as u64, "item");
    format!(
        "{} · {} · {}: {}",
        month.first.format("%B %Y"),
        count(in_month),
        date_of(day).format("%a %-d"),
        count(on_day)
    )
}

pub fn render(p: &ListPanel, st: &Styles, buf: &mut Buffer, area: Rect, focused: bool) {
    if area.width < 14 || area.height < 2 {
        return;
    }
    let day = p.selected_day();
    let month = Month::of(day);
    let days = p.month_items(&month);
    let cw = area.width / 7;
    let fields: Vec<&str> = p.list().fields.keys().map(String::as_str).collect();
    for (c, name) in WEEKDAYS.iter().enumerate() {
        let x = area.x + c as u16 * cw;
        let name = if cw >= 4 { *name } else { &name[..1] };
        Span::styled(fit(name, cw as usize), st.fg("dim")).render(Rect::new(x, area.y, cw, 1), buf);
    }
    // The rows share the height; the first ones take what does not divide.
    let rows = area.height - 1;
    let weeks = month.weeks as u16;
    let mut y = area.y + 1;
    for w in 0..month.weeks {
        let h = (rows / weeks + u16::from((w as u16) < rows % weeks)).max(1);
        if y >= area.bottom() {
            break;
        }
        let h = h.min(area.bottom() - y);
        let top = y;
        y += h;
        let y = top;
        for c in 0..7 {
            let at = w * 7 + c;
            let d = month.start + at as i32;
            let cell = Rect::new(area.x + c as u16 * cw, y, cw.saturating_sub(1).max(1), h);
            let mut head = if d == p.today {
                st.fg("accent")
            } else {
                st.fg("fg")
            };
            if !month.holds(d) {
                head = st.fg("dim");
            }
            if d == day {
                head = if focused {
                    st.selected()
                } else {
                    head.add_modifier(Modifier::REVERSED)
                };
            }
            let items = &days[at];
            let number = date_of(d).format("%-d").to_string();
            // One line a day: its number and how many items it has.
            let first = if h == 1 && !items.is_empty() {
                format!("{number} •{}", items.len())
            } else {
                number
            };
            Span::styled(fit(&first, cell.width as usize), head).render(Rect { height: 1, ..cell }, buf);
            let room = h.saturating_sub(1) as usize;
            let shown = if items.len() > room {
                room.saturating_sub(1)
            } else {
                items.len()
            };
            if shown == 0 && items.len() > 1 && room == 1 {
                // No title fits beside "+N more": say how many there are.
                let all = crate::model::count::count(items.len() as u64, "item");
                Span::styled(fit(&all, cell.width as usize), st.fg("dim"))
                    .render(Rect::new(cell.x, cell.y + 1, cell.width, 1), buf);
                continue;
            }
            for (r, &pos) in items.iter().take(shown).enumerate() {
                let item = &p.items[p.order[pos]];
                let style = if item.done {
                    st.fg("dim").add_modifier(Modifier::CROSSED_OUT)
                } else {
                    st.fg("fg")
                };
                let line = Line::from(Span::styled(
                    fit(&item.title(&fields), cell.width as usize),
                    style,
                ));
                line.render(Rect::new(cell.x, cell.y + 1 + r as u16, cell.width, 1), buf);
            }
            if items.len() > shown && room > 0 {
                let more = format!("+{} more", items.len() - shown);
                Span::styled(fit(&more, cell.width as usize), st.fg("dim"))
                    .render(Rect::new(cell.x, cell.y + 1 + shown as u16, cell.width, 1), buf);
            }
        }
    }
}
