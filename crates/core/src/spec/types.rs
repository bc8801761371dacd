//! What a validated spec says. Built only by [`super::load`], so every value
//! here has already been checked.

use chrono::NaiveDate;
use indexmap::IndexMap;
use serde::Serialize;

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Spec {
    /// Stable data key: a slug, from `id:` or the file's stem.
    pub id: String,
    pub name: String,
    pub icon: Option<String>,
    pub description: Option<String>,
    pub tags: Vec<String>,
    pub expires: Option<NaiveDate>,
    pub kind: Kind,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(tag = "kind", rename_all = "lowercase")]
pub enum Kind {
    List(ListSpec),
    Timer(TimerSpec),
    Tracker(TrackerSpec),
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

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ListSpec {
    /// Empty: each item is one line of text with a done box.
    pub fields: IndexMap<String, Field>,
    pub view: View,
    pub sort: Vec<SortKey>,
    pub summary: Vec<Summary>,
    /// How numbers are typed into this list: `decimal: ","` reads 12,50 as
    /// 12.5 (and `.` as the thousands separator).
    #[serde(skip_serializing_if = "is_point")]
    pub decimal: crate::model::value::DecimalMark,
    /// The fields a checklist row and a board card show after the title, in
    /// order; None: a few of the others that have a value.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub show: Option<Vec<String>>,
}

fn is_point(m: &crate::model::value::DecimalMark) -> bool {
    *m == crate::model::value::DecimalMark::Point
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Field {
    pub ty: FieldType,
    pub required: bool,
    pub default: Option<FieldDefault>,
    /// The field's earlier name, so its data follows a rename.
    pub was: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
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
    /// Computed from the item's other fields whenever it is shown, never
    /// stored: `Formula("hours * rate")`. `ty` is what the formula gives,
    /// checked against the list's fields when the spec is read.
    Formula {
        source: String,
        #[serde(skip)]
        expr: crate::formula::Expr,
        ty: crate::formula::FormulaType,
    },
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
            FieldType::Formula { .. } => "Formula",
        }
    }

    /// Whether the field is computed rather than stored.
    pub fn is_formula(&self) -> bool {
        matches!(self, FieldType::Formula { .. })
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
        )
    }
}

/// A field's default, already checked against its type.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum FieldDefault {
    Value(crate::model::FieldValue),
    /// `Today` for a Date, `Now` for a DateTime: resolved when an item is made.
    Today,
    Now,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum View {
    Checklist,
    /// Empty columns: every field.
    Table {
        columns: Vec<String>,
    },
    Board {
        by: String,
    },
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct SortKey {
    pub field: String,
    pub descending: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub enum Summary {
    Count,
    Done,
    Sum(String),
    Avg(String),
    Min(String),
    Max(String),
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct TimerSpec {
    /// Empty: a stopwatch with laps.
    pub phases: Vec<Phase>,
    pub rounds: u32,
    /// Replaces the last phase of the last round when set.
    pub long_break: Option<u64>,
    pub goal: Option<Goal>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Phase {
    pub name: String,
    /// Seconds.
    pub length: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
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
        let n = crate::model::value::format_number(g.target);
        let unit = match &self.unit {
            Some(u) => u.clone(),
            None if g.target == 1.0 => "day".into(),
            None => "days".into(),
        };
        let per = match g.period {
            Period::Daily => "a day",
            Period::Weekly => "a week",
            Period::Monthly => "a month",
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

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum Period {
    Daily,
    Weekly,
    Monthly,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Goal {
    pub period: Period,
    pub target: f64,
}

impl std::fmt::Display for Goal {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:?}({})", self.period, self.target)
    }
}
