//! The picker over a form's Link field: the search line, then the other
//! app's items that match, the chosen one marked.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::{Styles, fit, pad};
use crate::app::form::Form;
use crate::app::picker::ROWS;

/// Where the picker sits: over the form, below the field it picks for, or
/// above it when there is no room below; as tall as its candidates.
pub fn rect(form: &Form, form_rect: Rect, field_y: u16, area: Rect) -> Rect {
    let n = form
        .picker
        .as_ref()
        .and_then(|p| form.choices.get(&form.fields[p.field].name))
        .map_or(0, Vec::len);
    let h = (n.clamp(1, ROWS) as u16 + 3).min(area.height);
    let y = if field_y + 1 + h <= area.bottom() {
        field_y + 1
    } else if field_y >= area.y + h {
        field_y - h
    } else {
        area.bottom().saturating_sub(h)
    };
    Rect {
        x: form_rect.x + 2,
        y,
        width: form_rect.width.saturating_sub(4).max(10).min(area.width),
        height: h,
    }
}

pub fn render(form: &Form, st: &Styles, buf: &mut Buffer, at: Rect) {
    let Some(p) = &form.picker else { return };
    let field = &form.fields[p.field];
    let none = Vec::new();
    let choices = form.choices.get(&field.name).unwrap_or(&none);
    let found = p.matches(choices);
    Clear.render(at, buf);
    let title = format!(" {} ({} of {}) ", field.name, found.len(), choices.len());
    let block = st.block(Span::styled(title, st.fg("title")), true);
    let inner = block.inner(at);
    block.render(at, buf);
    let w = inner.width as usize;
    let mut lines = vec![Line::from(vec![
        Span::styled("search ", st.fg("dim")),
        Span::styled(
            fit(&p.query.view(w.saturating_sub(7)).0, w.saturating_sub(7)),
            st.fg("fg"),
        ),
    ])];
    let first = p.cursor.saturating_sub(ROWS.saturating_sub(1));
    for (i, (id, t)) in found.iter().enumerate().skip(first).take(ROWS) {
        let mark = match (p.many, field.link.contains(id)) {
            (true, true) => "[x] ",
            (true, false) => "[ ] ",
            (false, true) => "• ",
            (false, false) => "  ",
        };
        let text = pad(&fit(&format!("{mark}{}", super::list::one_line_text(t)), w), w);
        let style = if i == p.cursor { st.selected() } else { st.fg("fg") };
        lines.push(Line::from(Span::styled(text, style)));
    }
    if found.is_empty() {
        let why = if choices.is_empty() {
            "nothing to link to yet"
        } else {
            "nothing matches"
        };
        lines.push(Line::from(Span::styled(why, st.fg("dim"))));
    }
    Paragraph::new(lines).render(inner, buf);
}

/// The terminal's cursor: at the end of the search.
pub fn cursor(form: &Form, at: Rect) -> Option<Position> {
    let p = form.picker.as_ref()?;
    let inner = ratatui::widgets::Block::bordered().inner(at);
    let (_, col) = p.query.view((inner.width as usize).saturating_sub(7));
    Some(Position {
        x: (inner.x + 7 + col as u16).min(inner.right().saturating_sub(1)),
        y: inner.y,
    })
}
