//! Rows of text drawn straight into the buffer: what a `Paragraph` without
//! wrapping draws, without its per-line layout, for the lists that are
//! drawn again on every key.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::Line;

/// One row: its text, and the style of the cells after the text (as if
/// it were padded to the row's width with spaces of that style).
pub struct Row<'a> {
    pub line: Line<'a>,
    pub rest: Option<Style>,
}

impl<'a> From<Line<'a>> for Row<'a> {
    fn from(line: Line<'a>) -> Row<'a> {
        Row { line, rest: None }
    }
}

/// Draws `rows` one to a line from the top of `area`, cut at its width;
/// those past its height are not drawn.
pub fn draw<'a, R: Into<Row<'a>>>(buf: &mut Buffer, area: Rect, rows: impl IntoIterator<Item = R>) {
    let area = area.intersection(buf.area);
    for (y, row) in (area.top()..area.bottom()).zip(rows) {
        let row = row.into();
        let end = line(buf, area, y, &row.line);
        if let Some(rest) = row.rest
            && end < area.right()
        {
            buf.set_style(Rect::new(end, y, area.right() - end, 1), rest);
        }
    }
}

/// Draws `line` on row `y`; where it ends. A span cut at the edge ends the
/// row, as in a Paragraph: a character too wide for the last cell does not
/// let the next span (a table's next column) put its own there.
fn line(buf: &mut Buffer, area: Rect, y: u16, line: &Line<'_>) -> u16 {
    let mut x = area.x;
    for span in &line.spans {
        let room = area.right().saturating_sub(x);
        if room == 0 {
            break;
        }
        let style = line.style.patch(span.style);
        let (end, _) = buf.set_stringn(x, y, &span.content, room as usize, style);
        // Not `end`: a control character, which is not drawn, still counts.
        let cut = usize::from(room) < span.width();
        x = end;
        if cut {
            break;
        }
    }
    x
}

#[cfg(test)]
mod tests {
    use super::*;
    use ratatui::style::{Color, Modifier};
    use ratatui::text::Span;
    use ratatui::widgets::{Paragraph, Widget};

    /// `lines` drawn as rows leave the cells a Paragraph of them leaves.
    fn same_as_paragraph(area: Rect, lines: Vec<Line<'static>>) {
        let mut by_rows = Buffer::empty(area);
        draw(&mut by_rows, area, lines.clone());
        let mut by_paragraph = Buffer::empty(area);
        Paragraph::new(lines).render(area, &mut by_paragraph);
        assert_eq!(by_rows, by_paragraph);
    }

    /// Rows drawn here and padded lines drawn by a Paragraph leave the
    /// same cells: text, wide characters, a cut at the edge, the padding's
    /// style, a row past the bottom.
    #[test]
    fn rows_draw_what_a_paragraph_of_padded_lines_draws() {
        let area = Rect::new(2, 1, 12, 3);
        let dim = Style::default()
            .fg(Color::DarkGray)
            .add_modifier(Modifier::CROSSED_OUT);
        let texts = ["[x] milk", "[ ] 日本語のテキストです", "ok", "past the bottom"];
        let mut by_rows = Buffer::empty(Rect::new(0, 0, 16, 5));
        let rows = texts.iter().map(|t| Row {
            line: Line::from(vec![Span::styled(*t, Style::default().fg(Color::Green))]),
            rest: Some(dim),
        });
        draw(&mut by_rows, area, rows);
        let mut by_paragraph = Buffer::empty(Rect::new(0, 0, 16, 5));
        let lines: Vec<Line> = texts
            .iter()
            .map(|t| {
                let w = unicode_width::UnicodeWidthStr::width(*t);
                Line::from(vec![
                    Span::styled(*t, Style::default().fg(Color::Green)),
                    Span::styled(" ".repeat(12usize.saturating_sub(w)), dim),
                ])
            })
            .collect();
        Paragraph::new(lines).render(area, &mut by_paragraph);
        assert_eq!(by_rows, by_paragraph);
    }

    /// A wide character that does not fit in the last cell ends the row:
    /// the next span (a table's next column) does not take that cell.
    #[test]
    fn a_span_cut_at_the_edge_ends_the_row_as_in_a_paragraph() {
        let area = Rect::new(0, 0, 5, 2);
        let lines = vec![
            Line::from(vec![Span::raw("ab"), Span::raw("日本 "), Span::raw("xyz")]),
            Line::from(vec![Span::raw("a\x07b"), Span::raw("c")]),
        ];
        same_as_paragraph(area, lines);
    }

    /// A line's own style (the launcher's selected row) is on its text
    /// only, as a Paragraph draws it; a control character is left out.
    #[test]
    fn a_lines_style_covers_its_text_as_in_a_paragraph() {
        let area = Rect::new(0, 0, 20, 2);
        let lines = vec![
            Line::from(vec![
                Span::raw(" · "),
                Span::styled("Groceries\x1b", Style::default().fg(Color::Red)),
            ])
            .style(Style::default().bg(Color::Blue)),
            Line::from("plain"),
        ];
        same_as_paragraph(area, lines);
    }
}
