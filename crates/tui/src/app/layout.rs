//! Where things sit on the screen: the header, body and footer rows, the tab
//! bar of open apps and each panel's rectangle. The drawing code and the
//! mouse both ask here, so a click lands where the eye saw the thing.

use ratatui::layout::{Constraint, Layout, Rect};
use unicode_width::UnicodeWidthStr;

/// At most this many apps are open at once (side by side they get narrow).
pub const MAX_OPEN: usize = 4;

/// The header row, the body and the footer row of a screen.
pub fn rows(area: Rect) -> [Rect; 3] {
    Layout::vertical([Constraint::Length(1), Constraint::Min(1), Constraint::Length(1)]).areas(area)
}

/// The workspace's body split into the tab bar (when there is one) and the
/// rectangle of each panel drawn, by index into the open apps.
#[derive(Clone, Debug, PartialEq)]
pub struct Workspace {
    pub tabs: Option<Rect>,
    pub panels: Vec<(usize, Rect)>,
}

/// `open` apps, `focus` among them; `beside`: all side by side, else the
/// focused one alone. The tab bar shows once two apps are open.
pub fn workspace(body: Rect, open: usize, focus: usize, beside: bool) -> Workspace {
    let (tabs, area) = split_tabs(body, open >= 2);
    if !beside || open <= 1 {
        return Workspace {
            tabs,
            panels: vec![(focus.min(open.saturating_sub(1)), area)],
        };
    }
    // Side by side when there is room, else stacked.
    let parts = if area.width as usize / open >= 40 {
        Layout::horizontal(vec![Constraint::Ratio(1, open as u32); open]).split(area)
    } else {
        Layout::vertical(vec![Constraint::Ratio(1, open as u32); open]).split(area)
    };
    Workspace {
        tabs,
        panels: parts.iter().copied().enumerate().collect(),
    }
}

/// The launcher's body: the tab bar when apps are open, and the rest.
pub fn launcher(body: Rect, open: usize) -> (Option<Rect>, Rect) {
    split_tabs(body, open >= 1)
}

/// The launcher's list and its details: side by side when wide, the
/// details under the list when not (none when short).
pub fn launcher_panes(area: Rect) -> [Rect; 2] {
    if area.width >= 100 {
        Layout::horizontal([Constraint::Min(50), Constraint::Length(38)]).areas(area)
    } else {
        Layout::vertical([
            Constraint::Min(3),
            Constraint::Length(if area.height >= 16 { 4 } else { 0 }),
        ])
        .areas(area)
    }
}

/// Which of `rows` visible launcher rows is at screen row `y` of a list
/// drawn in `list` (inside its border) with `selected` selected: the list
/// scrolls only as far as keeps the selection on screen.
pub fn launcher_row(
    list: Rect,
    lines: &[crate::app::launcher::LauncherLine],
    selected: usize,
    y: u16,
) -> Option<usize> {
    let (top, height) = (list.y + 1, list.height.saturating_sub(2) as usize);
    if lines.is_empty() || y < top || usize::from(y - top) >= height {
        return None;
    }
    let at = launcher_offset(lines.len(), selected_line(lines, selected), height) + usize::from(y - top);
    match lines.get(at) {
        Some(crate::app::launcher::LauncherLine::App(r)) => Some(*r),
        _ => None,
    }
}

/// The line of the launcher's list that row `selected` is on (group
/// headers take lines of their own).
pub fn selected_line(lines: &[crate::app::launcher::LauncherLine], selected: usize) -> usize {
    use crate::app::launcher::LauncherLine;
    lines
        .iter()
        .position(|l| *l == LauncherLine::App(selected))
        .unwrap_or(0)
}

/// The first launcher row shown when `height` rows fit: the list scrolls only
/// as far as keeps the selection on screen.
pub fn launcher_offset(rows: usize, selected: usize, height: usize) -> usize {
    selected
        .min(rows.saturating_sub(1))
        .saturating_sub(height.saturating_sub(1))
}

fn split_tabs(body: Rect, shown: bool) -> (Option<Rect>, Rect) {
    if !shown || body.height < 4 {
        return (None, body);
    }
    let [tabs, rest] = Layout::vertical([Constraint::Length(1), Constraint::Min(1)]).areas(body);
    (Some(tabs), rest)
}

/// Each open app's tab name: its icon and name.
pub fn tab_names(panels: &[crate::app::Panel]) -> Vec<String> {
    panels
        .iter()
        .map(|p| {
            let s = p.spec();
            match &s.icon {
                Some(i) => format!("{i} {}", s.name),
                None => s.name.clone(),
            }
        })
        .collect()
}

/// One tab of the bar: its text and the columns it takes.
#[derive(Clone, Debug, PartialEq)]
pub struct Tab {
    pub text: String,
    pub x: u16,
    pub width: u16,
}

/// The tabs for apps named `names` in `width` columns: " 1 Name ", numbered
/// from 1. When they do not fit, the other names are cut first (to a letter
/// and an ellipsis), so the focused one stays whole as long as it can.
pub fn tabs(names: &[String], focus: Option<usize>, width: u16) -> Vec<Tab> {
    let width = width as usize;
    // " N " plus a gap of one column between tabs.
    let frame = |i: usize| format!("{}", i + 1).len() + 3;
    let framing: usize = (0..names.len()).map(frame).sum::<usize>() + names.len().saturating_sub(1);
    let room = width.saturating_sub(framing);
    let mut limits: Vec<usize> = names.iter().map(|n| n.width()).collect();
    let total = |l: &[usize]| l.iter().sum::<usize>();
    // Cut the longest of the other names a column at a time, then the focused one.
    while total(&limits) > room {
        let pick = |others: bool| {
            (0..limits.len())
                .filter(|&i| (Some(i) != focus) == others && limits[i] > 2)
                .max_by_key(|&i| (limits[i], std::cmp::Reverse(i)))
        };
        match pick(true).or_else(|| pick(false)) {
            Some(i) => limits[i] -= 1,
            None => break,
        }
    }
    let mut out = Vec::new();
    let mut x = 0usize;
    for (i, name) in names.iter().enumerate() {
        let text = format!(" {} {} ", i + 1, crate::app::layout::cut(name, limits[i]));
        let w = text.width();
        if x + w > width {
            break;
        }
        out.push(Tab {
            text,
            x: x as u16,
            width: w as u16,
        });
        x += w + 1;
    }
    out
}

/// `s` in at most `width` columns, with an ellipsis when cut.
pub fn cut(s: &str, width: usize) -> String {
    use unicode_width::UnicodeWidthChar;
    if s.width() <= width {
        return s.to_string();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(n: &[&str]) -> Vec<String> {
        n.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn tabs_fit_whole_when_there_is_room() {
        let t = tabs(&names(&["🛒 Groceries", "💧 Water"]), Some(1), 120);
        assert_eq!(t[0].text, " 1 🛒 Groceries ");
        assert_eq!(t[1].text, " 2 💧 Water ");
        assert_eq!(t[1].x, t[0].width + 1);
    }

    #[test]
    fn a_narrow_bar_cuts_the_other_names_and_keeps_the_focused_one() {
        let n = names(&[
            "Groceries and more",
            "Reading list",
            "Water",
            "Long running errands",
        ]);
        let t = tabs(&n, Some(1), 50);
        assert_eq!(t.len(), 4, "{t:?}");
        assert!(t[1].text.contains("Reading list"), "{t:?}");
        assert!(t.iter().any(|t| t.text.contains('…')));
        let end = t.last().map(|t| t.x + t.width).unwrap();
        assert!(end <= 50, "{t:?}");
    }

    #[test]
    fn a_very_narrow_bar_cuts_the_focused_one_too_but_keeps_every_number() {
        let n = names(&["Groceries", "Reading list", "Water", "Long running errands"]);
        let t = tabs(&n, Some(3), 30);
        assert_eq!(t.len(), 4, "{t:?}");
        for (i, tab) in t.iter().enumerate() {
            assert!(tab.text.starts_with(&format!(" {} ", i + 1)));
        }
        assert!(t.last().map(|t| t.x + t.width).unwrap() <= 30);
    }
}
