//! A list app: checklist, table or board, the add/edit form, a summary footer.
//! Only the rows that fit are drawn, so a list of any length draws as fast.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Position, Rect};
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Clear, Paragraph, Widget};

use super::rows::{self, Row};
use super::{Styles, fit, pad};
use crate::app::form::{Form, FormField};
use crate::app::list::{ListPanel, TableLine, ViewMode};
use crate::model::{FieldValue, Item};
use crate::overview::{Overview, format_stored_number};
use crate::spec::{FieldType, View};

/// `overview`: the app's figures from the store, for the summary line.
pub fn render(
    p: &ListPanel,
    overview: Option<&Overview>,
    st: &Styles,
    buf: &mut Buffer,
    area: Rect,
    focused: bool,
) {
    let [top, body, foot] = areas(area);
    let chart_h = p.chart_lines(body.height as usize) as u16;
    let [body, chart] = Layout::vertical([Constraint::Min(1), Constraint::Length(chart_h)]).areas(body);
    // Status line: count, sort, filter.
    let counts = match p.view {
        ViewMode::Calendar => super::calendar::status(p),
        _ => status_counts(p),
    };
    let mut spans = vec![Span::styled(counts.clone(), st.fg("dim"))];
    if p.filtering || !p.filter.is_empty() {
        let (shown, _) = p.filter.view(filter_room(&counts, top));
        spans.push(Span::styled(format!("  /{shown}"), st.fg("accent")));
    }
    // Data the spec does not show plainly: hidden fields, values of another type.
    for note in p.report.lines() {
        spans.push(Span::styled(format!(" · {note}"), st.fg("warn")));
    }
    Line::from(spans).render(top, buf);

    if !p.loaded {
        Paragraph::new("Loading…").style(st.fg("dim")).render(body, buf);
    } else if p.view == ViewMode::Calendar {
        // The month is drawn empty too: it is where `a` adds on a day.
        super::calendar::render(p, st, buf, body, focused);
    } else if p.counts().1 == 0 {
        Paragraph::new("Empty. Press a to add the first item.")
            .style(st.fg("dim"))
            .render(body, buf);
    } else {
        match p.view {
            ViewMode::Checklist => checklist(p, st, buf, body, focused),
            ViewMode::Table => table(p, st, buf, body, focused),
            ViewMode::Board => board(p, st, buf, body, focused),
            ViewMode::Calendar => {}
        }
    }
    if chart.height > 0 && p.loaded && p.counts().1 > 0 {
        super::list_chart::render(p, st, buf, chart);
    }
    // The spec's summary, from the store's per-app figures (no pass over the
    // items per frame); while a filter is on, over the items shown (counted
    // when the filter changed).
    let summary = match &p.shown.line {
        Some(line) => line.as_str(),
        None => overview.map(|o| o.line.as_str()).unwrap_or_default(),
    };
    Line::from(Span::styled(summary, st.fg("dim"))).render(foot, buf);
    if p.form.is_some() && focused {
        form(p, st, buf, area);
    }
}

/// The panel's status line, rows and summary line: the drawing and the
/// cursor place things in the same rows.
fn areas(area: Rect) -> [Rect; 3] {
    Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area)
}

/// "3 of 5 · by rating, highest first": what is shown and how it is sorted
/// (and the day a calendar opened).
fn status_counts(p: &ListPanel) -> String {
    if let Some(day) = p.day_open {
        let name = crate::model::days::date_of(day).format("%a %-d %b %Y");
        return format!("{} on {name} · Esc back to the month", p.order.len());
    }
    let sort = p
        .sort_options()
        .get(p.sort)
        .map(|o| o.0.clone())
        .unwrap_or_default();
    let (shown, all) = p.counts();
    format!("{shown} of {all} · {sort}")
}

/// Columns the filter has on the status line, after the counts and "  /".
fn filter_room(counts: &str, top: Rect) -> usize {
    use unicode_width::UnicodeWidthStr;
    (top.width as usize).saturating_sub(counts.width() + 3).max(1)
}

/// Where the terminal's cursor goes while the form or the filter is typed
/// into: the same layout the drawing uses, so it sits where typing goes.
pub fn cursor(p: &ListPanel, area: Rect) -> Option<Position> {
    use unicode_width::UnicodeWidthStr;
    if let Some(form) = &p.form {
        let layout = FormLayout::of(form, area);
        let field = form.fields.get(form.focus)?;
        let row: u16 = form.fields[..form.focus]
            .iter()
            .map(|x| if x.error.is_some() { 2 } else { 1 })
            .sum();
        let (_, col) = field.input.view(layout.input_w(field));
        let y = layout.inner.y + row;
        if form.picker.is_some() {
            return super::picker::cursor(form, super::picker::rect(form, layout.rect, y, area));
        }
        return (y < layout.inner.bottom()).then(|| Position {
            x: (layout.inner.x + (layout.label_w + col) as u16).min(layout.inner.right().saturating_sub(1)),
            y,
        });
    }
    if p.filtering {
        let [top, _, _] = areas(area);
        let counts = status_counts(p);
        let (_, col) = p.filter.view(filter_room(&counts, top));
        let x = top.x as usize + counts.width() + 3 + col;
        return Some(Position {
            x: (x as u16).min(top.right().saturating_sub(1)),
            y: top.y,
        });
    }
    None
}

/// The first row to draw so that the cursor stays on screen.
fn offset(cursor: usize, height: usize) -> usize {
    cursor.saturating_sub(height.saturating_sub(1))
}

/// Where an open item's due date stands today, for its word and colour.
fn due_when(p: &ListPanel, item: &Item) -> Option<crate::model::due::When> {
    crate::model::due::when(p.list(), item, crate::model::days::date_of(p.today))
}

/// A due field's cell: the date, and a word ("overdue 2d", "today", "in
/// 3d") that says it without colour too.
fn field_text(p: &ListPanel, name: &str, item: &Item) -> String {
    let text = value_text(p, name, item);
    match due_when(p, item) {
        Some(w) if p.list().due.as_ref().is_some_and(|d| d.field == name) && !text.is_empty() => {
            format!("{text} {}", w.word())
        }
        _ => text,
    }
}

fn value_text(p: &ListPanel, name: &str, item: &Item) -> String {
    if let Some(v) = crate::model::computed::formula_value(p.list(), name, item, p.today) {
        return match v {
            // As a stored Bool shows.
            nook_core::formula::Value::Bool(b) => if b { "✓" } else { "✗" }.into(),
            v => one_line(&v.display()),
        };
    }
    let ty = p.list().fields.get(name).map(|f| &f.ty);
    match (ty, item.values.get(name)) {
        (Some(FieldType::Rollup(r)), _) => p
            .linked
            .rollup(r, name, item.id)
            .map(|n| rollup_number(r, p.linked.rollup_types.get(name), n))
            .unwrap_or_default(),
        (_, None) => String::new(),
        (Some(FieldType::Link { app, .. }), Some(v)) => one_line(&p.linked.shown(app, v)),
        (Some(FieldType::Rating { max }), Some(FieldValue::Number(n))) => {
            let n = (*n as usize).min(*max as usize);
            format!("{}{}", "★".repeat(n), "☆".repeat(*max as usize - n))
        }
        // Not "·": that is the separator between a row's values.
        (Some(FieldType::Bool), Some(FieldValue::Bool(b))) => if *b { "✓" } else { "✗" }.into(),
        (ty, Some(FieldValue::Number(n))) => format_stored_number(ty, *n),
        (_, Some(v)) => one_line(&v.display()),
    }
}

/// A rollup's number, written as the field it adds up is (money with its
/// cents); a count as a whole number.
fn rollup_number(r: &crate::spec::Rollup, of: Option<&FieldType>, n: f64) -> String {
    match r.agg {
        crate::spec::Agg::Count => format_stored_number(None, n),
        _ => format_stored_number(of, n),
    }
}

/// [`one_line`], for the picker.
pub(super) fn one_line_text(s: &str) -> String {
    one_line(s)
}

/// Text on one row: each line break is drawn as a visible mark.
fn one_line(s: &str) -> String {
    if !s.contains(['\n', '\r']) {
        return s.to_string();
    }
    s.replace("\r\n", "\n")
        .replace('\r', "\n")
        .split('\n')
        .map(str::trim)
        .collect::<Vec<_>>()
        .join(" ↵ ")
}

/// The field an item's title comes from (as `Item::title` picks it).
fn title_field<'a>(fields: &[&'a str], item: &Item) -> Option<&'a str> {
    if !item.text.is_empty() {
        return None;
    }
    fields
        .iter()
        .find(|f| matches!(item.values.get(**f), Some(FieldValue::Text(s)) if !s.is_empty()))
        .copied()
}

/// What a checklist row or a board card shows after its title: the fields
/// of the spec's `show` in its order, else the first few others with a
/// value; never the title's own field or, on a board, the column's. A true
/// Bool says its name, a false one shows nothing.
fn details(p: &ListPanel, item: &Item, column: Option<&str>) -> Vec<String> {
    let fields: Vec<&str> = crate::model::link::title_fields(p.list());
    let title = title_field(&fields, item);
    let (names, most): (Vec<&str>, usize) = match &p.list().show {
        Some(show) => (show.iter().map(String::as_str).collect(), usize::MAX),
        None => (fields.clone(), if column.is_some() { 1 } else { 3 }),
    };
    names
        .into_iter()
        .filter(|n| Some(*n) != title && Some(*n) != column)
        .map(
            |n| match crate::model::computed::field_value(p.list(), n, item, p.today).as_deref() {
                Some(FieldValue::Bool(true)) => n.to_string(),
                Some(FieldValue::Bool(false)) => String::new(),
                _ => field_text(p, n, item),
            },
        )
        .filter(|s| !s.trim().is_empty())
        .take(most)
        .collect()
}

/// A title and its details in `width` cells: the title first, the details
/// (dimmer) in what is left, which the row's padding takes the style of.
fn title_and_details<'a>(
    title: &str,
    details: &[String],
    width: usize,
    title_style: ratatui::style::Style,
    detail_style: ratatui::style::Style,
) -> Vec<Span<'a>> {
    use unicode_width::UnicodeWidthStr;
    let title = fit(&one_line(title), width);
    let rest = width.saturating_sub(title.width());
    let mut spans = vec![Span::styled(title, title_style)];
    if !details.is_empty() {
        spans.push(Span::styled(
            fit(&format!(" · {}", details.join(" · ")), rest),
            detail_style,
        ));
    }
    spans
}

fn checklist(p: &ListPanel, st: &Styles, buf: &mut Buffer, area: Rect, focused: bool) {
    let h = area.height as usize;
    let off = offset(p.cursor, h);
    let fields: Vec<&str> = crate::model::link::title_fields(p.list());
    let w = area.width as usize;
    let mut lines: Vec<Row> = Vec::new();
    for (row, &i) in p.order.iter().enumerate().skip(off).take(h) {
        let item = &p.items[i];
        let mark = if item.done { "[x] " } else { "[ ] " };
        let selected = row == p.cursor && focused;
        let style = if selected {
            st.selected()
        } else if item.done {
            st.fg("dim").add_modifier(Modifier::CROSSED_OUT)
        } else {
            st.fg("fg")
        };
        let detail_style = if selected || item.done {
            style
        } else {
            st.fg("dim")
        };
        // An open item's box takes its due date's colour (overdue, today).
        let mark_style = if selected {
            style
        } else if item.done {
            st.fg("good")
        } else if let Some(w) = due_when(p, item) {
            st.fg(w.role())
        } else {
            st.fg("dim")
        };
        let mut spans = vec![Span::styled(mark, mark_style)];
        spans.extend(title_and_details(
            &item.title(&fields),
            &details(p, item, None),
            w.saturating_sub(4),
            style,
            detail_style,
        ));
        lines.push(Row {
            line: Line::from(spans),
            rest: Some(detail_style),
        });
    }
    rows::draw(buf, area, lines);
}

fn columns(p: &ListPanel) -> Vec<String> {
    match &p.list().view {
        View::Table { columns } if !columns.is_empty() => columns.clone(),
        _ if p.list().fields.is_empty() => vec!["text".into()],
        _ => p.list().fields.keys().cloned().collect(),
    }
}

fn table(p: &ListPanel, st: &Styles, buf: &mut Buffer, area: Rect, focused: bool) {
    let cols = columns(p);
    let w = area.width as usize;
    let avail = w.saturating_sub(4 + cols.len());
    let col_w = (avail / cols.len().max(1)).max(4);
    let mut lines: Vec<Row> = Vec::new();
    let mut head = vec![Span::styled("    ", st.fg("dim"))];
    for c in &cols {
        head.push(Span::styled(
            pad(c, col_w) + " ",
            st.fg("title").add_modifier(Modifier::BOLD),
        ));
    }
    lines.push(Line::from(head).into());
    let h = (area.height as usize).saturating_sub(1);
    for line in p.table_lines(h) {
        let row = match line {
            TableLine::Row(r) => r,
            TableLine::Head(g) => {
                let head = &p.shown.heads[g];
                let name = crate::figures::line::group_name(&head.key);
                lines.push(
                    Line::from(vec![
                        Span::styled(format!("▸ {name}"), st.fg("title").add_modifier(Modifier::BOLD)),
                        Span::styled(format!("  {}", head.line), st.fg("dim")),
                    ])
                    .into(),
                );
                continue;
            }
        };
        let i = p.order[row];
        let item = &p.items[i];
        let selected = row == p.cursor && focused;
        let base = if selected {
            st.selected()
        } else if item.done {
            st.fg("dim")
        } else {
            st.fg("fg")
        };
        let mut spans = vec![Span::styled(if item.done { "[x] " } else { "[ ] " }, base)];
        let due = p.list().due.as_ref().map(|d| d.field.as_str());
        for c in &cols {
            let v = if c == "text" {
                one_line(&item.text)
            } else {
                field_text(p, c, item)
            };
            let style = match due_when(p, item) {
                Some(w) if !selected && due == Some(c.as_str()) => st.fg(w.role()),
                _ => base,
            };
            spans.push(Span::styled(pad(&v, col_w) + " ", style));
        }
        lines.push(Line::from(spans).into());
    }
    rows::draw(buf, area, lines);
}

fn board(p: &ListPanel, st: &Styles, buf: &mut Buffer, area: Rect, focused: bool) {
    let cols = p.board_columns();
    if cols.is_empty() {
        return;
    }
    let areas = Layout::horizontal(vec![Constraint::Ratio(1, cols.len() as u32); cols.len()]).split(area);
    let fields: Vec<&str> = crate::model::link::title_fields(p.list());
    let column = p.board_field().map(|(f, _)| f);
    for (c, ((name, rows), rect)) in cols.iter().zip(areas.iter()).enumerate() {
        let active = c == p.board_col;
        let block = st.block(
            Span::styled(format!(" {name} ({}) ", rows.len()), st.fg("title")),
            active && focused,
        );
        let inner = block.inner(*rect);
        block.render(*rect, buf);
        let h = inner.height as usize;
        let sel = if active { p.board_row } else { usize::MAX };
        let off = if active { offset(p.board_row, h) } else { 0 };
        let w = inner.width as usize;
        let lines: Vec<Row> = rows
            .iter()
            .enumerate()
            .skip(off)
            .take(h)
            .map(|(r, &i)| {
                let item = &p.items[i];
                let style = if r == sel && focused {
                    st.selected()
                } else if item.done {
                    st.fg("dim")
                } else {
                    st.fg("fg")
                };
                let detail_style = if r == sel && focused || item.done {
                    style
                } else {
                    st.fg("dim")
                };
                Row {
                    line: Line::from(title_and_details(
                        &item.title(&fields),
                        &details(p, item, column.as_deref()),
                        w,
                        style,
                        detail_style,
                    )),
                    rest: Some(detail_style),
                }
            })
            .collect();
        rows::draw(buf, inner, lines);
    }
}

/// Where the form sits in a panel, and how wide its columns are.
struct FormLayout {
    rect: Rect,
    inner: Rect,
    label_w: usize,
}

impl FormLayout {
    fn of(form: &Form, area: Rect) -> FormLayout {
        let rows: u16 = form
            .fields
            .iter()
            .map(|x| if x.error.is_some() { 2 } else { 1 })
            .sum();
        let h = (rows + 3).min(area.height);
        let w = area.width.saturating_sub(4).min(70);
        let rect = Rect {
            x: area.x + (area.width - w) / 2,
            y: area.y + (area.height.saturating_sub(h)) / 2,
            width: w,
            height: h,
        };
        let inner = ratatui::widgets::Block::bordered().inner(rect);
        let label_w = form
            .fields
            .iter()
            .map(|x| x.name.chars().count())
            .max()
            .unwrap_or(4)
            .min(14)
            + 2;
        FormLayout { rect, inner, label_w }
    }

    fn input_w(&self, fld: &FormField) -> usize {
        (self.inner.width as usize).saturating_sub(self.label_w + hint(fld).chars().count() + 1)
    }
}

/// What a field's type takes, shown after its input.
fn hint(fld: &FormField) -> &'static str {
    match fld.field.as_ref().map(|x| &x.ty) {
        Some(FieldType::Choice { .. }) => " ←/→",
        Some(FieldType::Bool) => " space",
        Some(FieldType::Rating { .. }) => " ←/→",
        Some(FieldType::Date) => " YYYY-MM-DD",
        Some(FieldType::Duration) => " e.g. 1h30m",
        Some(FieldType::Time) => " e.g. 08:30",
        Some(FieldType::Percent) => " %",
        Some(FieldType::Tags { .. }) => " a, b",
        Some(FieldType::Link { .. }) => " → pick",
        _ => "",
    }
}

fn form(p: &ListPanel, st: &Styles, buf: &mut Buffer, area: Rect) {
    let Some(form) = &p.form else { return };
    let layout = FormLayout::of(form, area);
    let (rect, inner, label_w) = (layout.rect, layout.inner, layout.label_w);
    Clear.render(rect, buf);
    let title = if form.editing.is_some() {
        " Edit item "
    } else {
        " New item "
    };
    let block = st.block(Span::styled(title, st.fg("title")), true);
    block.render(rect, buf);
    let mut lines = Vec::new();
    for (i, fld) in form.fields.iter().enumerate() {
        let focused = i == form.focus;
        let req = fld.field.as_ref().is_some_and(|x| x.required);
        let label = format!("{}{}", fld.name, if req { "*" } else { "" });
        let input_w = layout.input_w(fld);
        // The focused field scrolls to keep the cursor in view; the others
        // show their start.
        let value = if focused {
            fld.input.view(input_w).0
        } else {
            fit(&fld.input.view(usize::MAX).0, input_w)
        };
        lines.push(Line::from(vec![
            Span::styled(
                pad(&label, label_w),
                if focused { st.fg("accent") } else { st.fg("dim") },
            ),
            Span::styled(
                pad(&value, input_w),
                if focused {
                    st.fg("fg").add_modifier(Modifier::UNDERLINED)
                } else {
                    st.fg("fg")
                },
            ),
            Span::styled(hint(fld), st.fg("dim")),
        ]));
        if let Some(e) = &fld.error {
            lines.push(Line::from(Span::styled(
                format!("{}{e}", " ".repeat(label_w)),
                st.fg("bad"),
            )));
        }
    }
    lines.push(if form.asking {
        Line::from(vec![
            Span::styled("Discard what you typed? ", st.fg("bad")),
            Span::styled("y discard · any other key keeps it", st.fg("dim")),
        ])
    } else {
        Line::from(Span::styled(
            "Enter saves · Esc cancels · Tab moves",
            st.fg("dim"),
        ))
    });
    Paragraph::new(lines).render(inner, buf);
    if let Some(p) = &form.picker {
        let row: u16 = form.fields[..p.field]
            .iter()
            .map(|x| if x.error.is_some() { 2 } else { 1 })
            .sum();
        super::picker::render(
            form,
            st,
            buf,
            super::picker::rect(form, rect, inner.y + row, area),
        );
    }
}
