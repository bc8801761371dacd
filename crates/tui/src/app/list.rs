//! A list app: checklist, table, board and calendar views over its items
//! (the calendar's own moves are in calendar.rs).

use std::cmp::Ordering;

use super::command::Cmd;
use super::form::{Form, FormResult};
use super::key::{Code, Key};
use super::line::{LineEdit, LineInput};
use super::{PanelEffect, Write, fuzzy};
use crate::model::item_id::ItemId;
use crate::model::{FieldValue, Item, Now, computed};
use crate::spec::{FieldType, Kind, ListSpec, SortKey, Spec, View};
use nook_core::formula::FormulaType;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ViewMode {
    Checklist,
    Table,
    Board,
    Calendar,
}

impl ViewMode {
    /// The word it is remembered by.
    pub fn word(self) -> &'static str {
        match self {
            ViewMode::Checklist => "checklist",
            ViewMode::Table => "table",
            ViewMode::Board => "board",
            ViewMode::Calendar => "calendar",
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct ListPanel {
    pub spec: Spec,
    pub items: Vec<Item>,
    /// Indexes into `items` after filter and sort.
    pub order: Vec<usize>,
    /// Position in `order` (checklist and table).
    pub cursor: usize,
    pub view: ViewMode,
    /// Index into [`ListPanel::sort_options`].
    pub sort: usize,
    pub filter: LineInput,
    pub filtering: bool,
    /// Boxed: a panel of each kind stays near one size.
    pub form: Option<Box<Form>>,
    pub board_col: usize,
    pub board_row: usize,
    pub loaded: bool,
    /// Rows that fit on screen, for paging (set by the renderer's size).
    pub page: usize,
    /// The highest item id seen: a patched item above it is new.
    pub next_seen: ItemId,
    /// Hidden fields and values that do not fit, for the status line.
    pub report: crate::model::migrate::Report,
    /// The day formulas' `today()` is (a day number), from the last `now`.
    pub today: i32,
    /// Figures over the items shown (boxed: a panel of each kind stays
    /// near one size).
    pub shown: Box<Shown>,
    /// Whether the chart is drawn (`c` flips it).
    pub show_chart: bool,
    /// What its links and rollups show of other apps, read with the items.
    pub linked: Box<crate::model::link::Linked>,
    /// The calendar's selected day (a day number); 0 until it is first shown.
    pub day: i32,
    /// The day Enter opened in the calendar: only its items are shown,
    /// as a table, until Esc goes back to the month.
    pub day_open: Option<i32>,
    /// The item to select once the items are loaded (the agenda's Enter).
    pub want: Option<ItemId>,
    /// The named view shown; None: all items (boxed: see `shown`).
    named: Option<Box<NamedShown>>,
    /// Set while only the first screen's rows are loaded (from the view
    /// index), until the rest arrives: what the counts are meanwhile.
    pub partial: Option<Partial>,
}

/// A list opened by its first screen's rows: the counts they cannot give.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Partial {
    /// Items the view holds (its filter's count).
    pub shown: u64,
    /// Items the app holds.
    pub total: u64,
    /// Whether the panel may stay so while the user moves through it (see
    /// [`ListPanel::stays_partial`]); else the rest is read at once.
    pub keep: bool,
}

/// A named view while it is shown.
#[derive(Clone, Debug, PartialEq)]
struct NamedShown {
    /// Index into the spec's `views:`.
    index: usize,
    /// The list as the view lays it out (its view, sort, show).
    list: ListSpec,
}

/// Figures the panel counts over what it shows, whenever `order` changes.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Shown {
    /// The last `now` handed in, for figures by period.
    pub clock: Option<Now>,
    /// A grouped table's headers (`Table(group: ...)`), over `order`.
    pub heads: Vec<crate::overview::group::Head>,
    /// While a `/` filter is on: the spec's summaries over the items shown.
    pub line: Option<String>,
    /// The chart's figure over the items shown, when the spec has a chart.
    pub chart: Option<crate::figures::FigureAgg>,
}

/// How a named view is remembered (`ui.view.<id>`), before its name.
const NAMED_PREFIX: &str = "named:";

/// The most bars the list's chart draws.
pub const CHART_BARS: usize = 8;

/// One line of the table's body: a group's header or an item's row.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TableLine {
    /// Index into [`Shown::heads`].
    Head(usize),
    /// Position in [`ListPanel::order`].
    Row(usize),
}

impl ListPanel {
    pub fn new(spec: Spec) -> ListPanel {
        let view = match &list_of(&spec).view {
            View::Checklist => ViewMode::Checklist,
            View::Table { .. } => ViewMode::Table,
            View::Board { .. } => ViewMode::Board,
            View::Calendar { .. } => ViewMode::Calendar,
        };
        ListPanel {
            spec,
            items: Vec::new(),
            order: Vec::new(),
            cursor: 0,
            view,
            sort: 0,
            filter: LineInput::new(),
            filtering: false,
            form: None,
            board_col: 0,
            board_row: 0,
            loaded: false,
            want: None,
            page: 10,
            next_seen: ItemId(0),
            report: Default::default(),
            today: 0,
            shown: Box::default(),
            show_chart: true,
            linked: Box::default(),
            named: None,
            day: 0,
            day_open: None,
            partial: None,
        }
    }

    /// Takes the view last chosen for this app; a board only while the spec
    /// still has a Choice field to make its columns, an unknown word not at all.
    pub fn restore_view(&mut self, word: &str) {
        if let Some(name) = word.strip_prefix(NAMED_PREFIX) {
            if let Some(i) = list_of(&self.spec).views.iter().position(|v| v.name == name) {
                self.set_named(Some(i));
            }
            return;
        }
        self.view = match word {
            "checklist" => ViewMode::Checklist,
            "table" => ViewMode::Table,
            "board" if self.board_field().is_some() => ViewMode::Board,
            "calendar" if self.calendar_field().is_some() => ViewMode::Calendar,
            _ => return,
        };
    }

    /// The list as it is shown: laid out and sorted as the named view says.
    pub fn list(&self) -> &ListSpec {
        self.named
            .as_ref()
            .map_or_else(|| list_of(&self.spec), |n| &n.list)
    }

    /// The named view's name, while one is shown.
    pub fn view_name(&self) -> Option<&str> {
        let i = self.named.as_ref()?.index;
        list_of(&self.spec).views.get(i).map(|v| v.name.as_str())
    }

    /// Shows named view `i` (None: every item, as the list itself says).
    fn set_named(&mut self, i: Option<usize>) {
        let base = list_of(&self.spec);
        let view = i.and_then(|i| Some((i, base.views.get(i)?)));
        self.named = view.map(|(index, v)| {
            Box::new(NamedShown {
                index,
                list: base.as_view(v),
            })
        });
        if view.is_some() {
            self.view = match &self.list().view {
                View::Checklist => ViewMode::Checklist,
                View::Table { .. } => ViewMode::Table,
                View::Board { .. } => ViewMode::Board,
                View::Calendar { .. } => ViewMode::Calendar,
            };
        }
        // The view's own sort ("as in spec") first.
        self.sort = 0;
    }

    /// Whether the named view's filter lets `item` in.
    fn in_view(&self, item: &Item) -> bool {
        let Some(v) = self.named_view() else {
            return true;
        };
        v.filter
            .as_ref()
            .is_none_or(|f| computed::holds(self.list(), f, item, self.today))
    }

    /// Whether what is shown is a part of the items (a `/` filter or a
    /// named view's filter), so the footer counts over it.
    fn narrowed(&self) -> bool {
        !self.filter.is_empty() || self.named_view().is_some_and(|v| v.filter.is_some())
    }

    fn named_view(&self) -> Option<&crate::spec::NamedView> {
        list_of(&self.spec).views.get(self.named.as_ref()?.index)
    }

    /// Selects `id` now, and again when the items are next loaded.
    pub fn select_on_load(&mut self, id: ItemId) {
        self.want = Some(id);
        self.select(id);
    }

    /// The order the panel opens in, when the view index can give its first
    /// rows: (the fingerprint of the app's kept orders, this order's). None
    /// for a board or a calendar (they lay out every item), a sort the user
    /// picked, a `/` filter, an item to select, or an order a rollup decides.
    pub fn opening_order(&self) -> Option<(u64, u64)> {
        use crate::model::view_index::{ViewOrder, kept};
        let plain = matches!(self.view, ViewMode::Checklist | ViewMode::Table)
            && self.sort == 0
            && self.filter.is_empty()
            && self.day_open.is_none()
            && self.want.is_none();
        if !plain {
            return None;
        }
        let order = ViewOrder {
            keys: self.sort_keys(),
            group: self.grouped().map(String::from),
            filter: self.named_view().and_then(|v| v.filter.clone()),
        };
        let fp = order.fingerprint(self.list());
        let (set, orders) = kept(list_of(&self.spec), self.today);
        orders.iter().any(|(f, _)| *f == fp).then_some((set, fp))
    }

    /// Whether the first rows alone show what every item would: no group
    /// figures, chart or filtered footer to count over the whole view. Such
    /// a panel reads more rows as the cursor moves down, and every item
    /// only for anything else (a filter, a sort, a write).
    pub fn stays_partial(&self) -> bool {
        self.grouped().is_none() && self.list().chart.is_none() && !self.narrowed()
    }

    /// Every item of the app; `partial` when they are only the first rows
    /// of the opening order (the rest follows with another `load`).
    pub fn load(&mut self, items: Vec<Item>, partial: Option<Partial>) {
        let selected = self.want.take().or(self.selected().map(|i| i.id));
        self.next_seen = items.iter().map(|i| i.id).max().unwrap_or_default();
        self.items = items;
        self.loaded = true;
        self.partial = partial;
        self.report = crate::model::migrate::report(self.list(), &self.items);
        self.reorder();
        if let Some(id) = selected {
            self.select(id);
        }
        self.clamp();
    }

    /// What the list shows of other apps, read again: a sort by a rollup
    /// may move its rows.
    pub fn set_linked(&mut self, linked: Box<crate::model::link::Linked>) {
        if *self.linked == *linked {
            return;
        }
        let selected = self.selected().map(|i| i.id);
        self.linked = linked;
        self.reorder();
        if let Some(id) = selected {
            self.select(id);
        }
        self.clamp();
    }

    /// Applies written and deleted items in place: a long list keeps its
    /// order without sorting everything again.
    pub fn patch(&mut self, put: &[Item], deleted: &[ItemId]) {
        let selected = self.selected().map(|i| i.id);
        for id in deleted {
            if let Some(i) = self.items.iter().position(|x| x.id == *id) {
                self.items.swap_remove(i);
                // swap_remove moved the last item to `i`: rebuild the order's indexes.
                let last = self.items.len();
                self.order.retain(|&k| k != i);
                for k in &mut self.order {
                    if *k == last {
                        *k = i;
                    }
                }
            }
        }
        for item in put {
            let index = match self.items.iter().position(|x| x.id == item.id) {
                Some(i) => {
                    self.items[i] = item.clone();
                    self.order.retain(|&k| k != i);
                    i
                }
                None => {
                    self.items.push(item.clone());
                    self.items.len() - 1
                }
            };
            if self.in_view(&self.items[index]) && self.matches_filter(&self.items[index]) {
                let at = self.insertion_point(index);
                self.order.insert(at, index);
            }
        }
        self.report = crate::model::migrate::report(self.list(), &self.items);
        // A new item is selected, so it can be edited or moved at once.
        let added = put.iter().rev().find(|p| p.id > self.next_seen).map(|p| p.id);
        self.next_seen = self
            .next_seen
            .max(put.iter().map(|p| p.id).max().unwrap_or_default());
        if let Some(id) = added.or(selected) {
            self.select(id);
        }
        self.clamp();
        self.refresh_figures();
    }

    /// Moves the cursor (or the board's selection) to the item `id`.
    fn select(&mut self, id: ItemId) {
        if let Some(pos) = self.order.iter().position(|&i| self.items[i].id == id) {
            self.cursor = pos;
        }
        if self.view == ViewMode::Board {
            for (c, (_, rows)) in self.board_columns().iter().enumerate() {
                if let Some(r) = rows.iter().position(|&i| self.items[i].id == id) {
                    self.board_col = c;
                    self.board_row = r;
                }
            }
        }
    }

    fn sort_keys(&self) -> Vec<SortKey> {
        self.sort_options()
            .get(self.sort)
            .map(|o| o.1.clone())
            .unwrap_or_default()
    }

    fn cmp_items(&self, keys: &[SortKey], x: &Item, y: &Item) -> Ordering {
        // A grouped table sorts inside its groups.
        if let Some(g) = self.grouped() {
            let key = |i: &Item| crate::overview::group::group_key(self.list(), g, i, self.today);
            let o = crate::overview::group::cmp_groups(self.list(), g, &key(x), &key(y));
            if o != Ordering::Equal {
                return o;
            }
        }
        crate::model::order::cmp_parts(keys, &self.place(keys, x), &self.place(keys, y))
            .then_with(|| x.id.cmp(&y.id))
    }

    /// `item`'s values for `keys`, as [`crate::model::order::part`] reads
    /// them, a rollup's from the panel's data (it is not the item's).
    fn place(&self, keys: &[SortKey], item: &Item) -> Vec<Option<crate::model::order::Part>> {
        use crate::model::order::{Part, part};
        keys.iter()
            .map(|k| match self.list().fields.get(&k.field).map(|f| &f.ty) {
                Some(FieldType::Rollup(r)) => self.linked.rollup(r, &k.field, item.id).map(Part::Number),
                _ => part(self.list(), &k.field, item, self.today),
            })
            .collect()
    }

    /// An item's values as the `/` filter matches them, formulas' too.
    fn value_texts(&self, item: &Item) -> Vec<String> {
        let list = self.list();
        let formulas = computed::formula_values(list, item, self.today);
        item.values
            .iter()
            .filter(|(k, _)| !list.fields.get(*k).is_some_and(|f| f.ty.is_formula()))
            // A link matches by the linked item's title, not its id.
            .map(|(k, v)| match list.fields.get(k).map(|f| &f.ty) {
                Some(FieldType::Link { app, .. }) => self.linked.shown(app, v),
                _ => v.display(),
            })
            .chain(formulas.into_iter().map(|(_, v)| v.display()))
            .collect()
    }

    fn matches_filter(&self, item: &Item) -> bool {
        if !self.in_open_day(item) {
            return false;
        }
        if self.filter.is_empty() {
            return true;
        }
        let fields: Vec<&str> = crate::model::link::title_fields(self.list());
        let mut texts = vec![item.title(&fields)];
        texts.extend(self.value_texts(item));
        fuzzy::best(self.filter.text(), texts.iter().map(String::as_str)).is_some()
    }

    /// Where item `index` goes in `order` (by sort keys; a filter keeps its
    /// best-match order only on a full reorder).
    fn insertion_point(&self, index: usize) -> usize {
        let keys = self.sort_keys();
        let item = &self.items[index];
        self.order
            .partition_point(|&k| self.cmp_items(&keys, &self.items[k], item) == Ordering::Less)
    }

    /// Sort choices: the spec's own order, then by age, then by each field.
    pub fn sort_options(&self) -> Vec<(String, Vec<SortKey>)> {
        let key = |f: &str, d: bool| SortKey {
            field: f.to_string(),
            descending: d,
        };
        let mut out = Vec::new();
        let spec = &self.list().sort;
        if !spec.is_empty() {
            let keys: Vec<String> = spec
                .iter()
                .map(|k| match (k.field.as_str(), sort_way(self.list(), k)) {
                    ("done", way) => way.to_string(),
                    (field, "") => field.to_string(),
                    (field, way) => format!("{field} {way}"),
                })
                .collect();
            // A named view's own sort says so.
            let whose = match self.named_view() {
                Some(v) if v.sort.is_some() => "view",
                _ => "spec",
            };
            out.push((format!("as in {whose}: {}", keys.join(", ")), spec.clone()));
        }
        out.push(("oldest first".into(), vec![key("created", false)]));
        out.push(("newest first".into(), vec![key("created", true)]));
        out.push((
            "open first".into(),
            vec![key("done", false), key("created", false)],
        ));
        for (name, f) in &self.list().fields {
            let desc = f.ty.is_numeric()
                || matches!(f.ty, FieldType::Date | FieldType::DateTime)
                || matches!(
                    f.ty,
                    FieldType::Formula {
                        ty: FormulaType::Number | FormulaType::Duration | FormulaType::Date,
                        ..
                    }
                );
            let k = key(name, desc);
            out.push((by_label(self.list(), &k), vec![k]));
        }
        if self.list().fields.is_empty() {
            let k = key("text", false);
            out.push((by_label(self.list(), &k), vec![k]));
        }
        out
    }

    /// The choice field that makes the board's columns.
    pub fn board_field(&self) -> Option<(String, Vec<String>)> {
        let by = match &self.list().view {
            View::Board { by } => Some(by.clone()),
            _ => None,
        };
        let fields = &self.list().fields;
        let name = by.or_else(|| {
            fields
                .iter()
                .find(|(_, f)| matches!(f.ty, FieldType::Choice { .. }))
                .map(|(n, _)| n.clone())
        })?;
        match &fields.get(&name)?.ty {
            FieldType::Choice { options } => Some((name, options.clone())),
            _ => None,
        }
    }

    /// Board columns: item indexes (in `order`) per option.
    pub fn board_columns(&self) -> Vec<(String, Vec<usize>)> {
        let Some((field, options)) = self.board_field() else {
            return Vec::new();
        };
        let mut cols: Vec<(String, Vec<usize>)> = options.iter().map(|o| (o.clone(), Vec::new())).collect();
        let mut other = Vec::new();
        for &i in &self.order {
            match self.items[i].values.get(&field) {
                Some(FieldValue::Text(v)) if options.contains(v) => {
                    let at = options.iter().position(|o| o == v).unwrap_or(0);
                    cols[at].1.push(i);
                }
                _ => other.push(i),
            }
        }
        if !other.is_empty() {
            cols.push(("(none)".into(), other));
        }
        cols
    }

    pub fn selected(&self) -> Option<&Item> {
        if self.view == ViewMode::Board {
            let cols = self.board_columns();
            let col = cols.get(self.board_col)?;
            return col.1.get(self.board_row).map(|&i| &self.items[i]);
        }
        self.order.get(self.cursor).map(|&i| &self.items[i])
    }

    pub(super) fn reorder(&mut self) {
        let keys = self
            .sort_options()
            .get(self.sort)
            .map(|o| o.1.clone())
            .unwrap_or_default();
        let fields: Vec<&str> = crate::model::link::title_fields(self.list());
        let order: Vec<(i64, usize)> = self
            .items
            .iter()
            .enumerate()
            .filter_map(|(i, item)| {
                if !self.in_view(item) || !self.in_open_day(item) {
                    return None;
                }
                if self.filter.is_empty() {
                    return Some((0, i));
                }
                let mut texts = vec![item.title(&fields)];
                texts.extend(self.value_texts(item));
                fuzzy::best(self.filter.text(), texts.iter().map(String::as_str)).map(|s| (s, i))
            })
            .collect();
        self.order = self.sorted(&keys, order.into_iter().map(|(_, i)| i).collect());
        self.clamp();
        self.refresh_figures();
    }

    /// `shown` (indexes into `items`) in [`ListPanel::cmp_items`]'s order,
    /// each item's group and sort values read once: comparing field by
    /// field at every comparison made a 100,000-item grouped table slow.
    fn sorted(&self, keys: &[SortKey], shown: Vec<usize>) -> Vec<usize> {
        use crate::model::order::{Part, cmp_parts};
        let list = self.list();
        let group = self.grouped();
        let group_keys: Vec<String> = match group {
            Some(g) => shown
                .iter()
                .map(|&i| crate::overview::group::group_key(list, g, &self.items[i], self.today))
                .collect(),
            None => Vec::new(),
        };
        // The groups' order, once per distinct group.
        let mut distinct: Vec<&String> = group_keys.iter().collect();
        distinct.sort();
        distinct.dedup();
        if let Some(g) = group {
            distinct.sort_by(|a, b| crate::overview::group::cmp_groups(list, g, a, b));
        }
        let rank: std::collections::HashMap<&str, usize> = distinct
            .iter()
            .enumerate()
            .map(|(r, k)| (k.as_str(), r))
            .collect();
        let mut placed: Vec<(usize, Vec<Option<Part>>, usize)> = shown
            .iter()
            .enumerate()
            .map(|(n, &i)| {
                (
                    group_keys.get(n).map_or(0, |k| rank[k.as_str()]),
                    self.place(keys, &self.items[i]),
                    i,
                )
            })
            .collect();
        placed.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| cmp_parts(keys, &a.1, &b.1))
                .then_with(|| self.items[a.2].id.cmp(&self.items[b.2].id))
        });
        placed.into_iter().map(|(_, _, i)| i).collect()
    }

    /// Lines the chart takes at the foot of a body of `body` lines: a
    /// caption, a bar per group (at most [`CHART_BARS`]) and the axis; none
    /// while hidden, with no bars, or where it would leave fewer than four
    /// lines for the rows.
    pub fn chart_lines(&self, body: usize) -> usize {
        let Some(agg) = self.shown.chart.as_ref().filter(|_| self.show_chart) else {
            return 0;
        };
        let bars = (agg.groups.len() + usize::from(agg.other.is_some())).min(CHART_BARS);
        let bars = bars.min((body / 2).saturating_sub(3));
        if bars == 0 { 0 } else { bars + 3 }
    }

    /// The field a table groups by, while the table is shown.
    pub fn grouped(&self) -> Option<&str> {
        match self.view {
            ViewMode::Table => self.list().group.as_deref(),
            _ => None,
        }
    }

    fn now(&self) -> Now {
        self.shown.clock.unwrap_or_else(|| {
            let noon = crate::model::days::date_of(self.today)
                .and_hms_opt(12, 0, 0)
                .unwrap_or_default();
            Now::fixed(noon)
        })
    }

    /// (items shown, items in the app), for the status line: while only the
    /// first rows are loaded, from the view index's counts.
    pub fn counts(&self) -> (usize, usize) {
        match self.partial {
            Some(p) => (p.shown as usize, p.total as usize),
            None => (self.order.len(), self.items.len()),
        }
    }

    /// The group headers and the filtered footer, after `order` changed.
    fn refresh_figures(&mut self) {
        if let Some(p) = self.partial {
            // Figures over the first rows would be wrong for the view:
            // none until the rest is loaded, a moment later.
            self.shown.heads = match self.grouped() {
                Some(g) => {
                    let now = self.now();
                    let mut heads =
                        crate::overview::group::heads(self.list(), g, &self.items, &self.order, now);
                    heads.iter_mut().for_each(|h| h.line.clear());
                    heads
                }
                None => Vec::new(),
            };
            self.shown.chart = None;
            self.shown.line = self
                .narrowed()
                .then(|| format!("{} of {} shown", p.shown, p.total));
            return;
        }
        let now = self.now();
        self.shown.heads = match self.grouped() {
            Some(g) => crate::overview::group::heads(self.list(), g, &self.items, &self.order, now),
            None => Vec::new(),
        };
        self.shown.chart = self.list().chart.as_ref().map(|c| {
            let shown = self.order.iter().map(|&i| &self.items[i]);
            let figs = crate::figures::Figures::build_shown(
                std::slice::from_ref(&c.figure),
                0,
                self.list(),
                shown,
                now,
            );
            figs.figs.into_iter().next().unwrap_or_default()
        });
        self.shown.line = self.narrowed().then(|| {
            let shown = self.order.iter().map(|&i| &self.items[i]);
            let line = crate::overview::group::line_over(self.list(), shown, now);
            format!("{} of {} shown · {line}", self.order.len(), self.items.len())
        });
    }

    /// The table body's lines that fit in `height`, scrolled so the cursor's
    /// row shows (its group's header too, when it fits): what ui/list.rs
    /// draws and a click is measured against.
    pub fn table_lines(&self, height: usize) -> Vec<TableLine> {
        if self.shown.heads.is_empty() {
            let off = self.cursor.saturating_sub(height.saturating_sub(1));
            return (off..self.order.len()).take(height).map(TableLine::Row).collect();
        }
        // Line of every header and row, in drawing order.
        let heads_before = |pos: usize| self.shown.heads.partition_point(|h| h.start <= pos);
        let cursor_line = self.cursor + heads_before(self.cursor);
        let off = cursor_line.saturating_sub(height.saturating_sub(1));
        let mut out = Vec::with_capacity(height);
        // Walk from the first header at or before `off`.
        let mut line = 0;
        for (h, head) in self.shown.heads.iter().enumerate() {
            let end = line + 1 + head.len;
            if end <= off {
                line = end;
                continue;
            }
            if line >= off {
                out.push(TableLine::Head(h));
            }
            let first = off.saturating_sub(line + 1);
            for r in first..head.len {
                if out.len() >= height {
                    return out;
                }
                out.push(TableLine::Row(head.start + r));
            }
            line = end;
            if out.len() >= height {
                break;
            }
        }
        out.truncate(height);
        out
    }

    /// The row (index into `order`) drawn `dy` lines into the panel, whose
    /// inside (within its border) is `height` lines. ui/list.rs draws a
    /// status line, the rows (a table: after its header row) and a summary
    /// line, scrolled so the cursor is on the last row at most.
    pub fn row_at(&self, dy: usize, height: usize) -> Option<usize> {
        let body = height.saturating_sub(2);
        let body = body - self.chart_lines(body);
        let (first, rows) = match self.view {
            ViewMode::Table => (2, body.saturating_sub(1)),
            _ => (1, body),
        };
        if dy < first || dy >= first + rows {
            return None;
        }
        if self.view == ViewMode::Table {
            return match self.table_lines(rows).get(dy - first) {
                Some(TableLine::Row(r)) => Some(*r),
                _ => None,
            };
        }
        let row = self.cursor.saturating_sub(rows.saturating_sub(1)) + dy - first;
        (row < self.order.len()).then_some(row)
    }

    fn clamp(&mut self) {
        self.cursor = self.cursor.min(self.order.len().saturating_sub(1));
        // The board's columns cost a pass over the items: only on a board.
        if self.view != ViewMode::Board {
            return;
        }
        let cols = self.board_columns();
        self.board_col = self.board_col.min(cols.len().saturating_sub(1));
        let rows = cols.get(self.board_col).map_or(0, |c| c.1.len());
        self.board_row = self.board_row.min(rows.saturating_sub(1));
    }

    fn move_by(&mut self, delta: isize) {
        if self.view == ViewMode::Board {
            let rows = self.board_columns().get(self.board_col).map_or(0, |c| c.1.len());
            self.board_row =
                (self.board_row as isize + delta).clamp(0, rows.saturating_sub(1) as isize) as usize;
        } else {
            let n = self.order.len();
            self.cursor = (self.cursor as isize + delta).clamp(0, n.saturating_sub(1) as isize) as usize;
        }
    }

    pub fn command(&mut self, cmd: Cmd, now: Now) -> Vec<PanelEffect> {
        self.today = now.today_number();
        self.shown.clock = Some(now);
        if let Some(out) = self.calendar_command(cmd, now) {
            return out;
        }
        let page = self.page.max(1) as isize;
        match cmd {
            Cmd::Up => self.move_by(-1),
            Cmd::Down => self.move_by(1),
            Cmd::PageUp => self.move_by(-page),
            Cmd::PageDown => self.move_by(page),
            Cmd::Top => self.move_by(isize::MIN / 2),
            Cmd::Bottom => self.move_by(isize::MAX / 2),
            Cmd::MoveLeft => {
                self.board_col = self.board_col.saturating_sub(1);
                self.clamp();
            }
            Cmd::MoveRight => {
                self.board_col += 1;
                self.clamp();
            }
            // Again on a kept filter: edit it, from its end.
            Cmd::Filter => self.filtering = true,
            Cmd::Add => {
                let mut form = Form::new(self.list(), None, now).with_links(&self.linked);
                // On a board, the new card goes into the focused column.
                if self.view == ViewMode::Board
                    && let Some((field, options)) = self.board_field()
                    && let Some(option) = options.get(self.board_col)
                    && let Some(f) = form.fields.iter_mut().find(|f| f.name == field)
                {
                    f.input.set(option);
                }
                self.prefill_day(&mut form);
                self.form = Some(Box::new(form));
            }
            Cmd::Edit => {
                if let Some(item) = self.selected().cloned() {
                    self.form = Some(Box::new(
                        Form::new(self.list(), Some(item), now).with_links(&self.linked),
                    ));
                }
            }
            Cmd::ToggleDone => {
                if let Some(item) = self.selected() {
                    let mut item = item.clone();
                    let tick = !item.done;
                    let today = crate::model::days::date_of(self.today);
                    // A recurring item moves on rather than closing: shown
                    // so at once, as the use case will store it.
                    match crate::model::due::next_value(self.list(), &item, today) {
                        Some((field, value)) if tick => {
                            item.values.insert(field, value);
                        }
                        _ => item.done = tick,
                    }
                    item.updated = now.ms;
                    // Shown at once; the store's answer patches it again.
                    self.patch(std::slice::from_ref(&item), &[]);
                    return vec![PanelEffect::Write(Write::SetDone {
                        id: item.id,
                        done: tick,
                    })];
                }
            }
            Cmd::Delete => {
                if let Some(item) = self.selected() {
                    let fields: Vec<&str> = crate::model::link::title_fields(self.list());
                    let title = item.title(&fields);
                    let id = item.id;
                    self.patch(&[], &[id]);
                    return vec![
                        PanelEffect::Write(Write::DeleteItem(id)),
                        PanelEffect::Message(format!("Deleted \"{title}\" (u to undo)")),
                    ];
                }
            }
            Cmd::CardLeft | Cmd::CardRight => return self.move_card(cmd == Cmd::CardRight, now),
            Cmd::Undo => return vec![PanelEffect::Write(Write::Undo)],
            Cmd::Redo => return vec![PanelEffect::Write(Write::Redo)],
            Cmd::CycleView => {
                // Checklist, table, board, calendar (every item), then each
                // named view in the spec's order, then the checklist again.
                let has_board = self.board_field().is_some();
                let has_calendar = self.calendar_field().is_some();
                self.day_open = None;
                let views = list_of(&self.spec).views.len();
                let last_builtin = match self.view {
                    ViewMode::Checklist => false,
                    ViewMode::Table => !has_board && !has_calendar,
                    ViewMode::Board => !has_calendar,
                    ViewMode::Calendar => true,
                };
                match self.named.as_ref().map(|n| n.index) {
                    Some(i) if i + 1 < views => self.set_named(Some(i + 1)),
                    Some(_) => {
                        self.set_named(None);
                        self.view = ViewMode::Checklist;
                    }
                    None if last_builtin && views > 0 => self.set_named(Some(0)),
                    None => {
                        self.view = match self.view {
                            ViewMode::Checklist => ViewMode::Table,
                            ViewMode::Table if has_board => ViewMode::Board,
                            ViewMode::Table | ViewMode::Board if has_calendar => ViewMode::Calendar,
                            _ => ViewMode::Checklist,
                        };
                    }
                }
                // A grouped table orders its rows by group; the others do not.
                let selected = self.selected().map(|i| i.id);
                self.reorder();
                if let Some(id) = selected {
                    self.select(id);
                }
                self.clamp();
                let (said, saved) = match self.view_name() {
                    Some(n) => (n.to_string(), format!("{NAMED_PREFIX}{n}")),
                    None => (self.view.word().to_string(), self.view.word().to_string()),
                };
                return vec![
                    PanelEffect::Message(format!("View: {said}")),
                    PanelEffect::SaveView(saved),
                ];
            }
            Cmd::ToggleChart if self.list().chart.is_some() => {
                self.show_chart = !self.show_chart;
                let word = if self.show_chart { "shown" } else { "hidden" };
                return vec![PanelEffect::Message(format!("Chart {word}"))];
            }
            Cmd::CycleSort => {
                let n = self.sort_options().len();
                self.sort = (self.sort + 1) % n.max(1);
                self.reorder();
                let label = self.sort_options()[self.sort].0.clone();
                return vec![PanelEffect::Message(format!("Sort: {label}"))];
            }
            _ => {}
        }
        Vec::new()
    }

    fn move_card(&mut self, right: bool, now: Now) -> Vec<PanelEffect> {
        let Some((field, options)) = self.board_field() else {
            return Vec::new();
        };
        let Some(item) = self.selected().cloned() else {
            return Vec::new();
        };
        let at = match item.values.get(&field) {
            Some(FieldValue::Text(v)) => options.iter().position(|o| o == v),
            _ => None,
        };
        let next = match (at, right) {
            (Some(i), true) if i + 1 < options.len() => i + 1,
            (Some(i), false) if i > 0 => i - 1,
            (None, _) => 0,
            _ => return Vec::new(),
        };
        let loaded = item.clone();
        let mut item = item;
        item.values.insert(field, FieldValue::Text(options[next].clone()));
        item.updated = now.ms;
        // Follow the card into its new column.
        self.board_col = next;
        let id = item.id;
        if let Some(i) = self.items.iter().position(|x| x.id == id) {
            self.items[i] = item.clone();
            self.reorder();
            if let Some(row) = self
                .board_columns()
                .get(next)
                .and_then(|c| c.1.iter().position(|&i| self.items[i].id == id))
            {
                self.board_row = row;
            }
        }
        vec![PanelEffect::Write(Write::EditItem { loaded, typed: item })]
    }

    /// Clears a kept filter; whether there was one.
    pub fn clear_filter(&mut self) -> bool {
        // The filter was typed last, so it goes first; then an open day.
        if self.filter.is_empty() {
            return self.close_day();
        }
        self.filter.clear();
        self.reorder();
        true
    }

    /// Pasted text, into the form or the filter being typed; None when
    /// neither is open.
    pub fn paste(&mut self, text: &str, now: Now) -> Option<(Vec<super::Effect>, Option<String>)> {
        if let Some(form) = &mut self.form {
            let out = form.paste(text, now);
            return Some(self.form_result(out));
        }
        if self.filtering {
            self.filter.insert(text);
            self.cursor = 0;
            self.reorder();
            return Some((Vec::new(), None));
        }
        None
    }

    /// What the form's answer asks for: writes, and something to say.
    fn form_result(&mut self, out: FormResult) -> (Vec<super::Effect>, Option<String>) {
        let id = self.spec.id.clone();
        match out {
            FormResult::Continue => (Vec::new(), None),
            FormResult::Cancel => {
                self.form = None;
                (Vec::new(), None)
            }
            FormResult::SaveMany(texts) => {
                self.form = None;
                // A list with one text field keeps the line in that field.
                let field = self.list().fields.keys().next().cloned();
                let fx: Vec<super::Effect> = texts
                    .into_iter()
                    .map(|t| {
                        let write = match &field {
                            Some(name) => Write::AddItem {
                                text: String::new(),
                                values: [(name.clone(), FieldValue::Text(t))].into(),
                            },
                            None => Write::AddItem {
                                text: t,
                                values: Default::default(),
                            },
                        };
                        super::Effect::Write(id.clone(), write)
                    })
                    .collect();
                let n = fx.len();
                (fx, Some(format!("Added {n} items")))
            }
            FormResult::Save(text, values) => {
                let editing = self.form.take().and_then(|f| f.editing);
                let write = match editing {
                    Some(loaded) => {
                        let typed = Item {
                            text,
                            values,
                            ..loaded.clone()
                        };
                        Write::EditItem { loaded, typed }
                    }
                    None => Write::AddItem { text, values },
                };
                (vec![super::Effect::Write(id, write)], None)
            }
        }
    }

    /// Keys while the form or the filter is open.
    pub fn input_key(&mut self, key: Key, now: Now) -> Vec<super::Effect> {
        self.shown.clock = Some(now);
        if let Some(form) = &mut self.form {
            let out = form.key(key, now);
            return self.form_result(out).0;
        }
        match self.filter.key(&key) {
            LineEdit::Edited => {
                self.cursor = 0;
                self.reorder();
                return Vec::new();
            }
            LineEdit::Moved => return Vec::new(),
            LineEdit::Ignored => {}
        }
        match key.code {
            Code::Enter | Code::Down | Code::Up => self.filtering = false,
            Code::Esc => {
                self.filtering = false;
                self.filter.clear();
                self.reorder();
            }
            _ => {}
        }
        Vec::new()
    }
}

fn list_of(spec: &Spec) -> &ListSpec {
    match &spec.kind {
        Kind::List(l) => l,
        _ => unreachable!("a list panel is made only for a list spec"),
    }
}

/// "by rating, highest first"; a choice in its options' order is "by status".
fn by_label(list: &ListSpec, key: &SortKey) -> String {
    match sort_way(list, key) {
        "" => format!("by {}", key.field),
        way => format!("by {}, {way}", key.field),
    }
}

/// A sort key's direction in words: "highest first", "A to Z"; empty for a
/// choice in its options' own order.
fn sort_way(list: &ListSpec, key: &SortKey) -> &'static str {
    let ty = list.fields.get(&key.field).map(|f| &f.ty);
    let (up, down) = match (key.field.as_str(), ty) {
        ("created" | "updated", _) | (_, Some(FieldType::Date | FieldType::DateTime)) => {
            ("oldest first", "newest first")
        }
        ("done", _) => ("open first", "done first"),
        (_, Some(FieldType::Time)) => ("earliest first", "latest first"),
        (_, Some(FieldType::Bool)) => ("no first", "yes first"),
        (_, Some(FieldType::Choice { .. })) => ("", "reversed"),
        (_, Some(t)) if t.is_numeric() => ("lowest first", "highest first"),
        (_, Some(FieldType::Rollup(_))) => ("lowest first", "highest first"),
        (_, Some(FieldType::Formula { ty, .. })) => match ty {
            FormulaType::Number | FormulaType::Duration => ("lowest first", "highest first"),
            FormulaType::Date => ("oldest first", "newest first"),
            FormulaType::Bool => ("no first", "yes first"),
            _ => ("A to Z", "Z to A"),
        },
        _ => ("A to Z", "Z to A"),
    };
    if key.descending { down } else { up }
}
