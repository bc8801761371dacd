//! What a validated spec says. Built only by [`super::load`], so every value
//! here has already been checked, or read back from the parsed-spec cache
//! (home's `spec/parse_cache.rs`), which serde's derives here are for: they
//! keep everything, positions and parsed formulas too, and no output shows
//! this shape.

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Spec {
    /// Stable data key: a slug, from `id:` or the file's stem.
    pub id: String,
    pub name: String,
    pub icon: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    /// `group: "Wedding"`: drawn with the group's other apps in the launcher.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    pub expires: Option<NaiveDate>,
    pub kind: Kind,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Kind {
    List(ListSpec),
    Timer(TimerSpec),
    Tracker(TrackerSpec),
}

impl Spec {
    /// The list this spec describes, if it is a list.
    pub fn list(&self) -> Option<&ListSpec> {
        match &self.kind {
            Kind::List(l) => Some(l),
            _ => None,
        }
    }
}

impl Kind {
    /// The word of [`Kind::tag`]: for showing; compare tags, not words.
    pub fn word(&self) -> &'static str {
        self.tag().word()
    }

    pub fn tag(&self) -> super::KindTag {
        match self {
            Kind::List(_) => super::KindTag::List,
            Kind::Timer(_) => super::KindTag::Timer,
            Kind::Tracker(_) => super::KindTag::Tracker,
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct ListSpec {
    /// Empty: each item is one line of text with a done box.
    pub fields: IndexMap<String, Field>,
    pub view: View,
    pub sort: Vec<SortKey>,
    pub summary: Vec<Summary>,
    /// `chart: Bar(...)`: drawn in the list panel.
    #[serde(skip_serializing_if = "Option::is_none")]
    /// Boxed: a list spec stays near the size of the other kinds'.
    pub chart: Option<Box<Chart>>,
    /// `Table(group: "field")`: the table's rows under a header per value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub group: Option<String>,
    /// How numbers are typed into this list: `decimal: ","` reads 12,50 as
    /// 12.5 (and `.` as the thousands separator).
    #[serde(default, skip_serializing_if = "is_point")]
    pub decimal: crate::spec::value::DecimalMark,
    /// The fields a checklist row and a board card show after the title, in
    /// order; None: a few of the others that have a value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show: Option<Vec<String>>,
    /// The field marked `due: true` and how its items repeat (spec/due.rs);
    /// boxed, as `chart` is, to keep a list spec small.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub due: Option<Box<crate::spec::due::Due>>,
    /// `views: [(name: "To read", filter: "...", sort: [...])]`: the named
    /// views `v` goes through after the built-in ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub views: Vec<NamedView>,
}

/// One of a list's `views:`. What it leaves out is the list's own.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct NamedView {
    pub name: String,
    /// The layout, with the table's group (`Table(group: ...)`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub view: Option<(View, Option<String>)>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sort: Option<Vec<SortKey>>,
    /// Only the items this boolean formula holds for (it may read today()).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub filter: Option<Filter>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show: Option<Vec<String>>,
}

impl ListSpec {
    /// The view named `name` (any case), or the names there are.
    pub fn named_view(&self, name: &str) -> Result<&NamedView, Vec<&str>> {
        self.views
            .iter()
            .find(|v| v.name == name)
            .or_else(|| self.views.iter().find(|v| v.name.eq_ignore_ascii_case(name)))
            .ok_or_else(|| self.views.iter().map(|v| v.name.as_str()).collect())
    }

    /// This list as `v` shows it: its layout, group, sort and shown fields
    /// (the filter is applied to the items, see `model::computed::holds`).
    pub fn as_view(&self, v: &NamedView) -> ListSpec {
        let mut out = self.clone();
        if let Some((view, group)) = &v.view {
            out.view = view.clone();
            out.group = group.clone();
        }
        if let Some(sort) = &v.sort {
            out.sort = sort.clone();
        }
        if let Some(show) = &v.show {
            out.show = Some(show.clone());
        }
        out.views = Vec::new();
        out
    }
}

fn is_point(m: &crate::spec::value::DecimalMark) -> bool {
    *m == crate::spec::value::DecimalMark::Point
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Field {
    pub ty: FieldType,
    pub required: bool,
    pub default: Option<FieldDefault>,
    /// The field's earlier name, so its data follows a rename.
    pub was: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FieldType {
    Text,
    Number {
        min: Option<f64>,
        max: Option<f64>,
        decimals: Option<u8>,
        unit: Option<String>,
    },
    Money {
        currency: Option<String>,
    },
    Bool,
    Choice {
        options: Vec<String>,
    },
    Tags {
        options: Vec<String>,
    },
    Date,
    DateTime,
    Duration,
    Rating {
        max: u8,
    },
    Url,
    /// An address with one @ and a dot after it; stored as typed.
    Email,
    /// Digits with + ( ) - . and spaces, at least 5 digits; stored as typed.
    Phone,
    /// A number shown with %: 15 is 15%.
    Percent,
    /// A time of day, stored "08:30" (24h) so text order is time order.
    Time,
    /// Computed from the item's other fields whenever it is shown, never
    /// stored: `Formula("hours * rate")`. `ty` is what the formula gives,
    /// checked against the list's fields when the spec is read.
    Formula {
        source: String,
        expr: crate::spec::formula::Expr,
        ty: crate::spec::formula::FormulaType,
    },
    /// `Link(app: "clients")`: the id of an item of another list (`many`:
    /// a list of ids), shown as that item's title.
    Link {
        app: String,
        many: bool,
        /// Where `app:` is written, for the checks across specs.
        at: crate::spec::syntax::Pos,
    },
    /// `Rollup(from: "invoices", via: "client", of: Sum("amount"))`: a figure
    /// over the items of another list that link here; kept by the store,
    /// never typed in. Boxed: it is the largest type.
    Rollup(Box<Rollup>),
}

/// What a `Rollup` field computes, checked against its `from:` app when
/// every spec is read (`spec::links::check`).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Rollup {
    pub from: String,
    /// The Link field of `from` that points at this app.
    pub via: String,
    /// Count, Sum, Avg, Min or Max.
    pub agg: Agg,
    /// The number field of `from` (None for Count).
    pub of: Option<String>,
    /// Counts only the items where this Bool field (or `done`) holds.
    pub filter: Option<RollupWhere>,
    pub at: RollupAt,
}

/// `where: "paid"` or `where: "not paid"`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct RollupWhere {
    pub field: String,
    pub negated: bool,
}

/// Where each of a rollup's keys is written.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct RollupAt {
    pub from: crate::spec::syntax::Pos,
    pub via: crate::spec::syntax::Pos,
    pub of: crate::spec::syntax::Pos,
    pub filter: crate::spec::syntax::Pos,
}

impl FieldType {
    pub fn word(&self) -> &'static str {
        match self {
            FieldType::Text => "Text",
            FieldType::Number { .. } => "Number",
            FieldType::Money { .. } => "Money",
            FieldType::Bool => "Bool",
            FieldType::Choice { .. } => "Choice",
            FieldType::Tags { .. } => "Tags",
            FieldType::Date => "Date",
            FieldType::DateTime => "DateTime",
            FieldType::Duration => "Duration",
            FieldType::Rating { .. } => "Rating",
            FieldType::Url => "Url",
            FieldType::Email => "Email",
            FieldType::Phone => "Phone",
            FieldType::Percent => "Percent",
            FieldType::Time => "Time",
            FieldType::Formula { .. } => "Formula",
            FieldType::Link { .. } => "Link",
            FieldType::Rollup(_) => "Rollup",
        }
    }

    /// Whether the field is computed rather than stored.
    pub fn is_formula(&self) -> bool {
        matches!(self, FieldType::Formula { .. })
    }

    /// Whether the field is computed (a formula or a rollup): never typed
    /// in, never stored with the item.
    pub fn is_computed(&self) -> bool {
        matches!(self, FieldType::Formula { .. } | FieldType::Rollup(_))
    }

    /// Whether Sum/Avg/Min/Max apply (not yet to a formula: summaries are
    /// kept from stored values).
    pub fn is_numeric(&self) -> bool {
        matches!(
            self,
            FieldType::Number { .. }
                | FieldType::Money { .. }
                | FieldType::Rating { .. }
                | FieldType::Duration
                | FieldType::Percent
        )
    }
}

/// A field's default, already checked against its type.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum FieldDefault {
    Value(crate::spec::value::FieldValue),
    /// `Today` for a Date, `Now` for a DateTime: resolved when an item is made.
    Today,
    Now,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum View {
    Checklist,
    /// Empty columns: every field.
    Table {
        columns: Vec<String>,
    },
    Board {
        by: String,
    },
    /// A month grid, each item on the day of its `by` field.
    Calendar {
        by: String,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SortKey {
    pub field: String,
    pub descending: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub enum Summary {
    Count,
    Done,
    Sum(String),
    Avg(String),
    Min(String),
    Max(String),
    /// The named form (`Sum(of: "amount", by: "category")`), and any
    /// summary over a formula field: kept in the app's stored figures.
    Figure(Figure),
}

/// What a summary computes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Agg {
    Count,
    Done,
    Sum,
    Avg,
    Min,
    Max,
}

impl Agg {
    pub fn word(self) -> &'static str {
        match self {
            Agg::Count => "Count",
            Agg::Done => "Done",
            Agg::Sum => "Sum",
            Agg::Avg => "Avg",
            Agg::Min => "Min",
            Agg::Max => "Max",
        }
    }
}

/// A summary in its named form, checked against the list's fields.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Figure {
    pub agg: Agg,
    /// The numeric field (stored or formula); None for Count and Done.
    pub of: Option<String>,
    /// Groups by this field's value (a Tags item counts in each tag).
    pub by: Option<String>,
    /// Groups by the period of `date`.
    pub per: Option<Period>,
    /// The Date or DateTime field `per` reads; None: when the item was added.
    pub date: Option<String>,
    /// Counts only the items this boolean formula holds for.
    pub filter: Option<Filter>,
}

impl Figure {
    /// The plain summary a figure without groups or filter over a stored
    /// field is, or a figure of it: the one type the overview and the
    /// report read.
    pub fn of_summary(s: &Summary) -> Figure {
        let plain = |agg, f: &String| Figure {
            agg,
            of: Some(f.clone()),
            by: None,
            per: None,
            date: None,
            filter: None,
        };
        match s {
            Summary::Count | Summary::Done => Figure {
                agg: if *s == Summary::Count {
                    Agg::Count
                } else {
                    Agg::Done
                },
                of: None,
                by: None,
                per: None,
                date: None,
                filter: None,
            },
            Summary::Sum(f) => plain(Agg::Sum, f),
            Summary::Avg(f) => plain(Agg::Avg, f),
            Summary::Min(f) => plain(Agg::Min, f),
            Summary::Max(f) => plain(Agg::Max, f),
            Summary::Figure(f) => f.clone(),
        }
    }

    /// As a spec writes it: `Sum(of: "amount", per: Month)`.
    pub fn written(&self) -> String {
        let mut keys = Vec::new();
        if let Some(f) = &self.of {
            keys.push(format!("of: {f:?}"));
        }
        if let Some(b) = &self.by {
            keys.push(format!("by: {b:?}"));
        }
        if let Some(p) = self.per {
            keys.push(format!("per: {}", p.unit_word()));
        }
        if let Some(d) = &self.date {
            keys.push(format!("date: {d:?}"));
        }
        if let Some(w) = &self.filter {
            keys.push(format!("where: {:?}", w.source));
        }
        if keys.is_empty() {
            self.agg.word().to_string()
        } else {
            format!("{}({})", self.agg.word(), keys.join(", "))
        }
    }
}

/// `where: "rsvp == 'yes'"`: a boolean formula, checked when the spec is read.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Filter {
    pub source: String,
    pub expr: crate::spec::formula::Expr,
}

/// `chart: Bar(of: Sum("amount"), by: "category")`: one figure, by groups
/// or periods, drawn as bars.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Chart {
    pub figure: Figure,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TimerSpec {
    /// Empty: a stopwatch with laps.
    pub phases: Vec<Phase>,
    pub rounds: u32,
    /// Replaces the last phase of the last round when set.
    pub long_break: Option<u64>,
    pub goal: Option<Goal>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Phase {
    pub name: String,
    /// Seconds.
    pub length: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct TrackerSpec {
    /// None: a yes/no habit; Some: an amount per day.
    pub unit: Option<String>,
    pub goal: Option<Goal>,
    /// A ceiling rather than a target: staying at or under it is success.
    pub limit: Option<Goal>,
    /// Empty: one unnamed series.
    pub series: Vec<String>,
    /// How much `+`/`-` and a bare `nook log` add.
    pub step: f64,
    /// `remind: At("08:00")`: minutes after local midnight at which a day
    /// not done yet is reminded of.
    pub remind: Option<u16>,
}

impl TrackerSpec {
    /// The goal or limit as a person says it: "8 glasses a day", "at most
    /// 2 cups a day", "4 days a week" (a yes/no habit counts days).
    pub fn goal_words(&self) -> Option<String> {
        let (g, limit) = match (self.goal, self.limit) {
            (Some(g), _) => (g, false),
            (None, Some(l)) => (l, true),
            (None, None) => return None,
        };
        let n = crate::spec::value::format_number(g.target);
        let unit = match &self.unit {
            Some(u) => u.clone(),
            None if g.target == 1.0 => "day".into(),
            None => "days".into(),
        };
        let per = match g.period {
            Period::Daily => "a day",
            Period::Weekly => "a week",
            Period::Monthly => "a month",
            Period::Yearly => "a year",
        };
        let amount = if unit.is_empty() { n } else { format!("{n} {unit}") };
        Some(if limit {
            format!("at most {amount} {per}")
        } else {
            format!("goal {amount} {per}")
        })
    }

    /// The series names, with the implicit single series as "".
    pub fn series_names(&self) -> Vec<String> {
        if self.series.is_empty() {
            vec![String::new()]
        } else {
            self.series.clone()
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Period {
    Daily,
    Weekly,
    Monthly,
    Yearly,
}

impl Period {
    /// The word `per:` takes: Day, Week, Month, Year.
    pub fn unit_word(self) -> &'static str {
        match self {
            Period::Daily => "Day",
            Period::Weekly => "Week",
            Period::Monthly => "Month",
            Period::Yearly => "Year",
        }
    }

    /// "this month", for the current period's figure.
    pub fn this(self) -> &'static str {
        match self {
            Period::Daily => "today",
            Period::Weekly => "this week",
            Period::Monthly => "this month",
            Period::Yearly => "this year",
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub period: Period,
    pub target: f64,
}

impl std::fmt::Display for Goal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}({})", self.period, self.target)
    }
}
