//! The launcher: every app with its live summary, a filter, a detail pane.

use ratatui::Frame;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Wrap};

use super::{Styles, fit, pad};
use crate::app::App;
use crate::app::launcher::{LauncherLine, group_of};
use crate::model::count::count;
use crate::model::now::ago;
use crate::spec::Kind;

pub fn render(app: &App, st: &Styles, f: &mut Frame, area: Rect) {
    let [list_area, detail_area] = crate::app::layout::launcher_panes(area);
    let filter_active = app.launcher.filtering || !app.launcher.filter.is_empty();
    let title = if filter_active {
        // The title sits between the corners: " Apps /" before the query.
        let room = (list_area.width as usize).saturating_sub(2 + 7 + 1).max(1);
        let (shown, col) = app.launcher.filter.view(room);
        if app.launcher.filtering {
            f.set_cursor_position(ratatui::layout::Position {
                x: list_area.x + 1 + 7 + col as u16,
                y: list_area.y,
            });
        }
        Line::from(vec![
            Span::styled(" Apps ", st.fg("title")),
            Span::styled(format!("/{shown} "), st.fg("accent")),
        ])
    } else {
        Line::from(Span::styled(" Apps ", st.fg("title")))
    };
    let block = st.block(title, true);
    let inner = block.inner(list_area);
    f.render_widget(block, list_area);

    let visible = app.visible_entries();
    if visible.is_empty() {
        let msg = if app.entries.is_empty() {
            "No apps yet. Press n to make one from a template, or write a spec into the apps folder."
        } else {
            "Nothing matches the filter (Esc clears it)."
        };
        f.render_widget(
            Paragraph::new(msg).style(st.fg("dim")).wrap(Wrap { trim: true }),
            inner,
        );
        return;
    }
    let height = inner.height as usize;
    let selected = app.launcher.selected.min(visible.len() - 1);
    let all_lines = app.launcher.lines(&app.entries, &visible);
    let offset = crate::app::layout::launcher_offset(
        all_lines.len(),
        crate::app::layout::selected_line(&all_lines, selected),
        height,
    );
    let w = inner.width as usize;
    let name_w = (w / 3).clamp(12, 26);
    let kind_w = 8;
    let summary_w = w.saturating_sub(name_w + kind_w + 4);
    let mut lines = Vec::new();
    for line in all_lines.iter().skip(offset).take(height) {
        let row = match *line {
            LauncherLine::App(r) => r,
            LauncherLine::Head(r) => {
                let group = group_of(&app.entries[visible[r]]).unwrap_or_default();
                lines.push(Line::from(Span::styled(
                    fit(&format!(" ▾ {group}"), w),
                    st.fg("title").add_modifier(Modifier::BOLD),
                )));
                continue;
            }
        };
        let i = visible[row];
        let e = &app.entries[i];
        let is_sel = row == selected;
        // A group's apps are indented under its header.
        let grouped = app.launcher.filter.is_empty() && group_of(e).is_some();
        let (lead, name_w) = if grouped {
            ("   ", name_w - 2)
        } else {
            (" ", name_w)
        };
        let line = match &e.spec {
            Ok(spec) => {
                let icon = spec.icon.clone().unwrap_or_else(|| "·".into());
                let summary = app
                    .overviews
                    .get(&spec.id)
                    .map(|o| o.line.clone())
                    .unwrap_or_default();
                let mut spans = vec![
                    Span::raw(lead),
                    Span::raw(pad(&icon, 2)),
                    Span::raw(" "),
                    Span::styled(pad(&spec.name, name_w), st.fg("fg").add_modifier(Modifier::BOLD)),
                    Span::styled(pad(spec.kind.tag().word(), kind_w), st.fg("dim")),
                    Span::styled(fit(&summary, summary_w), st.fg("accent")),
                ];
                if is_sel {
                    for s in &mut spans {
                        s.style = st.selected();
                    }
                }
                Line::from(spans)
            }
            Err(err) => {
                let style = if is_sel { st.selected() } else { st.fg("bad") };
                Line::from(vec![
                    Span::styled(" ! ", style),
                    Span::styled(pad(&fit(&e.file, name_w + 2), name_w + 1), style),
                    Span::styled(fit(err, w.saturating_sub(name_w + 4)), style),
                ])
            }
        };
        let line = if is_sel { line.style(st.selected()) } else { line };
        lines.push(line);
    }
    super::rows::draw(f.buffer_mut(), inner, lines);

    if detail_area.height > 0 {
        render_detail(app, st, f, detail_area, visible[selected]);
    }
}

fn render_detail(app: &App, st: &Styles, f: &mut Frame, area: Rect, index: usize) {
    let e = &app.entries[index];
    let block = st.block(Span::styled(" Details ", st.fg("title")), false);
    let inner = block.inner(area);
    f.render_widget(block, area);
    let mut lines: Vec<Line> = Vec::new();
    let kv = |k: &str, v: String| {
        Line::from(vec![
            Span::styled(format!("{k:<9}"), st.fg("dim")),
            Span::styled(v, st.fg("fg")),
        ])
    };
    match &e.spec {
        Ok(spec) => {
            if let Some(d) = &spec.description {
                lines.push(Line::from(Span::styled(d.clone(), st.fg("fg"))));
                lines.push(Line::default());
            }
            lines.push(kv("id", spec.id.clone()));
            let kind = match &spec.kind {
                Kind::List(l) if l.fields.is_empty() => "list (checklist)".to_string(),
                Kind::List(l) => format!("list, {}", count(l.fields.len(), "field")),
                Kind::Timer(t) if t.phases.is_empty() => "timer (stopwatch)".into(),
                Kind::Timer(t) => format!("timer, {}", count(t.phases.len(), "phase")),
                Kind::Tracker(t) if t.series.len() > 1 => format!("tracker, {} series", t.series.len()),
                Kind::Tracker(t) => match &t.unit {
                    Some(u) => format!("tracker ({u})"),
                    None => "tracker (yes/no)".into(),
                },
            };
            lines.push(kv("kind", kind));
            if let Some(g) = &spec.group {
                lines.push(kv("group", g.clone()));
            }
            if !spec.tags.is_empty() {
                lines.push(kv("tags", spec.tags.join(", ")));
            }
            if let Some(x) = spec.expires {
                let left = (x - app.now.today()).num_days();
                let when = if left < 0 {
                    format!("{x} (past)")
                } else {
                    format!("{x} ({} left)", count(left, "day"))
                };
                lines.push(kv("expires", when));
            }
            if let Some(o) = app.overviews.get(&spec.id) {
                lines.push(kv("now", o.line.clone()));
                let opened = match o.last_opened {
                    Some(ms) => format!("{} ({}×)", ago(app.now.ms - ms), o.times_opened),
                    None => "never".into(),
                };
                lines.push(kv("opened", opened));
                if let Some(ms) = o.created {
                    lines.push(kv("created", ago(app.now.ms - ms)));
                }
                for note in &o.notes {
                    lines.push(Line::from(Span::styled(note.clone(), st.fg("warn"))));
                }
            }
            lines.push(kv("file", format!("apps/{}", e.file)));
        }
        Err(err) => {
            lines.push(Line::from(Span::styled("This spec has a problem:", st.fg("bad"))));
            lines.push(Line::from(Span::styled(err.clone(), st.fg("fg"))));
            lines.push(Line::default());
            lines.push(Line::from(Span::styled(
                "Fix the file; the other apps keep working.",
                st.fg("dim"),
            )));
        }
    }
    f.render_widget(Paragraph::new(lines).wrap(Wrap { trim: false }), inner);
}
