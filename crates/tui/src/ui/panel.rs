//! One open app as a widget: it draws from the panel and the few things it
//! is given, not from the whole App, so any screen (the workspace, the
//! editor's preview, a dashboard) can place panels where it likes.

use ratatui::buffer::Buffer;
use ratatui::layout::{Position, Rect};
use ratatui::widgets::Widget;

use super::{Styles, list, timer, tracker};
use crate::app::{App, Panel};
use crate::model::Now;
use crate::overview::Overview;

/// What a panel's inside draws (its border and title are the caller's).
pub struct PanelView<'a> {
    pub panel: &'a Panel,
    pub now: Now,
    /// The app's figures from the store (a list's summary line).
    pub overview: Option<&'a Overview>,
    pub styles: &'a Styles,
    /// Focused: the cursor shows, and a list's form.
    pub focused: bool,
}

impl<'a> PanelView<'a> {
    /// The view of `panel` with what `app` knows of it.
    pub fn of(app: &'a App, panel: &'a Panel, styles: &'a Styles, focused: bool) -> PanelView<'a> {
        PanelView {
            panel,
            now: app.now,
            overview: app.overviews.get(&panel.spec().id),
            styles,
            focused,
        }
    }
}

impl PanelView<'_> {
    /// Where the terminal's cursor goes in `area` when the panel is being
    /// typed into (a list's form or filter); None otherwise.
    pub fn cursor(&self, area: Rect) -> Option<Position> {
        match self.panel {
            Panel::List(p) if self.focused => list::cursor(p, area),
            _ => None,
        }
    }
}

impl Widget for PanelView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let st = self.styles;
        match self.panel {
            Panel::List(p) => list::render(p, self.overview, st, buf, area, self.focused),
            Panel::Timer(p) => timer::render(p, self.now, st, buf, area),
            Panel::Tracker(p) => tracker::render(p, self.now, st, buf, area),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::list::ListPanel;
    use crate::model::Item;
    use crate::model::item_id::ItemId;

    fn rows(buf: &Buffer) -> Vec<String> {
        let a = buf.area;
        (a.y..a.bottom())
            .map(|y| (a.x..a.right()).map(|x| buf[(x, y)].symbol()).collect())
            .collect()
    }

    #[test]
    fn a_panel_draws_from_what_it_is_given_without_an_app() {
        let spec = crate::spec::parse_str("todo.ron", "List(name: \"Todo\")\n").unwrap();
        let mut list = ListPanel::new(spec);
        list.load(
            vec![Item {
                id: ItemId(1),
                text: "milk".into(),
                done: false,
                created: 0,
                updated: 0,
                values: Default::default(),
            }],
            None,
        );
        let panel = Panel::List(Box::new(list));
        let overview = Overview {
            line: "1 open".into(),
            items: 1,
            done: 0,
            today: None,
            streak: None,
            timer: None,
            last_opened: None,
            times_opened: 0,
            created: None,
            notes: Vec::new(),
        };
        let styles = Styles {
            no_color: true,
            theme: crate::theme::Theme::default(),
        };
        let now = Now::fixed(
            chrono::NaiveDate::from_ymd_opt(2026, 11, 25)
                .unwrap()
                .and_hms_opt(9, 0, 0)
                .unwrap(),
        );
        // The same panel twice, side by side, as a dashboard would place it.
        let mut buf = Buffer::empty(Rect::new(0, 0, 60, 4));
        for (x, focused) in [(0, true), (30, false)] {
            let view = PanelView {
                panel: &panel,
                now,
                overview: Some(&overview),
                styles: &styles,
                focused,
            };
            view.render(Rect::new(x, 0, 30, 4), &mut buf);
        }
        let rows = rows(&buf);
        for half in [&rows[1][..30], &rows[1][30..]] {
            assert!(half.starts_with("[ ] milk"), "{rows:#?}");
        }
        assert!(
            rows[3].starts_with("1 open") && rows[3][30..].starts_with("1 open"),
            "{rows:#?}"
        );
    }
}
