//! The named form of a summary, `Sum(of: "amount", by: "category")`,
//! `Count(where: "rsvp == 'yes'")`, `Sum(of: "amount", per: Month)`, and a
//! list's `chart: Bar(of: Sum("amount"), by: "category")`. Every field a
//! figure names is checked against the list's fields, and its `where:`
//! formula where it is inside the string.

use super::formula_field::Condition;
use super::*;
use crate::spec::formula::{self, FormulaType};

const FIGURE_KEYS: &[&str] = &["of", "by", "per", "date", "where"];
const PER_WORDS: &[&str] = &["Day", "Week", "Month", "Year"];

/// Every field name, or None while some can't be read (then a name is not
/// reported as missing); and the fields that are fine.
pub(super) type Declared<'a> = Option<(&'a HashSet<String>, &'a [&'a str])>;

/// What a figure's field is for, and so which types it takes.
#[derive(Clone, Copy)]
pub(super) enum Role {
    Of,
    By,
    Date,
}

impl Cx {
    /// `Word(of: ..., by: ..., per: ..., date: ..., where: ...)`.
    pub(super) fn figure(
        &mut self,
        word: &str,
        at: Pos,
        args: &[(Ident, Node)],
        fields: &IndexMap<String, Field>,
        declared: Declared,
    ) -> Option<Summary> {
        let agg = match word {
            "Count" => Agg::Count,
            "Done" => Agg::Done,
            "Sum" => Agg::Sum,
            "Avg" => Agg::Avg,
            "Min" => Agg::Min,
            "Max" => Agg::Max,
            _ => return None,
        };
        let before = self.diags.len();
        let k = self.keys(word, args, FIGURE_KEYS, &[]);
        let mut ok = self.diags.len() == before;
        let of = match (agg, k.get("of")) {
            (Agg::Count | Agg::Done, Some((key, _))) => {
                self.err(
                    key.span.start,
                    format!("{word} counts items and takes no 'of'; Sum(of: \"field\") adds a field up"),
                );
                ok = false;
                None
            }
            (Agg::Count | Agg::Done, None) => None,
            (_, None) => {
                if ok {
                    self.err(
                        at,
                        format!("{word} needs the field it reads: {word}(of: \"amount\", ...)"),
                    );
                }
                ok = false;
                None
            }
            (_, Some((_, n))) => {
                let f = self.figure_field(word, "of", n, Role::Of, fields, declared);
                ok &= f.is_some();
                f
            }
        };
        let by = k.get("by").and_then(|(_, n)| {
            let f = self.figure_field(word, "by", n, Role::By, fields, declared);
            ok &= f.is_some();
            f
        });
        let per = k.get("per").and_then(|(_, n)| {
            let p = self.per(n);
            ok &= p.is_some();
            p
        });
        if let (Some(_), Some((pk, _))) = (k.get("by"), k.get("per")) {
            self.err(
                pk.span.start,
                format!("{word} takes 'by' or 'per', not both; write two summaries, one of each"),
            );
            ok = false;
        }
        let mut date = match k.get("date") {
            Some((key, _)) if !k.contains_key("per") => {
                self.err(
                    key.span.start,
                    "'date' names the day 'per' counts by; add per: Day, Week, Month or Year",
                );
                ok = false;
                None
            }
            Some((_, n)) => {
                let f = self.figure_field(word, "date", n, Role::Date, fields, declared);
                ok &= f.is_some();
                f
            }
            None => None,
        };
        if per.is_some() && date.is_none() && !k.contains_key("date") {
            // The list's first day field; without one, when the item was added.
            date = fields
                .iter()
                .find(|(_, f)| matches!(f.ty, FieldType::Date | FieldType::DateTime))
                .map(|(n, _)| n.clone());
        }
        let filter = match k.get("where") {
            Some((_, n)) => {
                let f = self.filter(word, n, fields, declared);
                ok &= f.is_some();
                f
            }
            None => None,
        };
        ok.then_some(Summary::Figure(Figure {
            agg,
            of,
            by,
            per,
            date,
            filter,
        }))
    }

    /// A field a figure names, of a type that fits `role`.
    pub(super) fn figure_field(
        &mut self,
        word: &str,
        key: &str,
        n: &Node,
        role: Role,
        fields: &IndexMap<String, Field>,
        declared: Declared,
    ) -> Option<String> {
        let name = self.nonempty_text(key, n)?;
        let at = n.span.start;
        let Some(field) = fields.get(&name) else {
            if let Some((set, names)) = declared
                && !set.contains(&name)
            {
                let hint = closest(&name, names);
                let msg = match hint {
                    Some(c) => format!(
                        "{word}({key}: ...) names no field {}, did you mean {}?",
                        quote(&name),
                        quote(c)
                    ),
                    None if names.is_empty() => format!(
                        "{word}({key}: ...) names the field {}, but this list has no fields",
                        quote(&name)
                    ),
                    None => format!(
                        "{word}({key}: ...) names no field {}; fields are {}",
                        quote(&name),
                        quoted_list(names)
                    ),
                };
                self.err_hint(at, msg, hint);
            }
            // A field with a problem of its own is reported there.
            return None;
        };
        if let Some(m) = super::link::rollup_read(field, &name) {
            self.err(at, format!("{word}({key}: ...): {m}"));
            return None;
        }
        let fty = FormulaType::of(&field.ty);
        let fits = match role {
            Role::Of => matches!(fty, FormulaType::Number | FormulaType::Duration),
            Role::By => match &field.ty {
                FieldType::Formula { ty, .. } => {
                    matches!(ty, FormulaType::Text | FormulaType::Bool | FormulaType::Tags)
                }
                FieldType::Choice { .. }
                | FieldType::Tags { .. }
                | FieldType::Bool
                | FieldType::Text
                | FieldType::Url
                | FieldType::Rating { .. } => true,
                _ => false,
            },
            Role::Date => fty == FormulaType::Date,
        };
        if !fits {
            let shown = match &field.ty {
                FieldType::Formula { ty, .. } => format!("a formula of type {}", ty.word()),
                ty => ty.word().to_string(),
            };
            let (needs, hint) = match role {
                Role::Of => (
                    "a Number, Money, Rating or Duration field (or a formula of one)",
                    "",
                ),
                Role::By => (
                    "a Choice, Tags, Bool, Text or Rating field",
                    match fty {
                        FormulaType::Date => "; a day groups with per: Month",
                        _ => "",
                    },
                ),
                Role::Date => ("a Date or DateTime field", ""),
            };
            self.err(
                at,
                format!(
                    "{word}({key}: {}) needs {needs}, but {} is {shown}{hint}",
                    quote(&name),
                    quote(&name)
                ),
            );
            return None;
        }
        if formula::field_uses_today(&name, fields) {
            self.err(
                at,
                format!(
                    "{word}({key}: {}): {} uses today(), so its value changes every day and can't be kept in a stored figure",
                    quote(&name),
                    quote(&name)
                ),
            );
            return None;
        }
        Some(name)
    }

    /// `per: Month`.
    fn per(&mut self, n: &Node) -> Option<Period> {
        let word = match &n.kind {
            NodeKind::Ident(i) => i.as_str(),
            NodeKind::Str(s) if PER_WORDS.contains(&s.as_str()) => {
                self.err(n.span.start, format!("write the period without quotes: per: {s}"));
                return None;
            }
            _ => "",
        };
        Some(match word {
            "Day" => Period::Daily,
            "Week" => Period::Weekly,
            "Month" => Period::Monthly,
            "Year" => Period::Yearly,
            other => {
                let as_unit = match other {
                    "Daily" => Some("Day"),
                    "Weekly" => Some("Week"),
                    "Monthly" => Some("Month"),
                    "Yearly" => Some("Year"),
                    _ => closest(other, PER_WORDS),
                };
                let msg = match as_unit {
                    Some(u) if !other.is_empty() => {
                        format!("unknown period '{other}' in 'per', did you mean '{u}'?")
                    }
                    _ => format!("'per' expects Day, Week, Month or Year, found {}", n.describe()),
                };
                self.err_hint(n.span.start, msg, as_unit.filter(|_| !other.is_empty()));
                return None;
            }
        })
    }

    /// `where: "rsvp == 'yes'"`: parsed and checked as a formula that must be
    /// true or false, with every problem where it is inside the string.
    fn filter(
        &mut self,
        word: &str,
        n: &Node,
        fields: &IndexMap<String, Field>,
        declared: Declared,
    ) -> Option<Filter> {
        let NodeKind::Str(source) = &n.kind else {
            self.err(
                n.span.start,
                format!(
                    "'where' takes a condition as text in double quotes, e.g. where: \"paid\", found {}",
                    n.describe()
                ),
            );
            return None;
        };
        let (_, names) = declared?;
        let named = Condition {
            problem: &format!("{word}(where: ...)"),
            whole: format!("{word}(where: {})", quote(source)),
            example: "amount",
        };
        let expr = self.condition(n, source, &named, fields, names)?;
        let refs = formula::references(&expr);
        if formula::uses_today(&expr) || refs.iter().any(|r| formula::field_uses_today(r, fields)) {
            self.err(
                n.span.start,
                format!(
                    "{word}(where: {}) uses today(), so which items it counts changes every day and can't be kept in a stored figure",
                    quote(source)
                ),
            );
            return None;
        }
        Some(Filter {
            source: source.clone(),
            expr,
        })
    }

    /// `chart: Bar(of: Sum("amount"), by: "category")` or `per: Month`.
    pub(super) fn chart(
        &mut self,
        n: &Node,
        fields: &IndexMap<String, Field>,
        declared: Declared,
    ) -> Option<Box<Chart>> {
        const EXAMPLE: &str = "Bar(of: Sum(\"amount\"), by: \"category\")";
        let args = match &n.kind {
            NodeKind::Call {
                name: Some(name),
                args: Args::Named(a),
            } if name.name == "Bar" => a,
            NodeKind::Ident(i) if i == "Bar" => {
                self.err(n.span.start, format!("a chart says what it draws: {EXAMPLE}"));
                return None;
            }
            NodeKind::Call { name: Some(name), .. } if name.name == "Bar" => {
                self.err(n.span.start, format!("Bar takes named keys: {EXAMPLE}"));
                return None;
            }
            _ => {
                self.err(
                    n.span.start,
                    format!(
                        "'chart' expects {EXAMPLE} (or per: Month), found {}",
                        n.describe()
                    ),
                );
                return None;
            }
        };
        let before = self.diags.len();
        let k = self.keys("Bar", args, &["of", "by", "per", "date"], &[]);
        let mut ok = self.diags.len() == before;
        let inner = match k.get("of") {
            Some((_, of)) => self.summary(of, fields, declared),
            None => {
                if ok {
                    self.err(n.span.start, format!("Bar needs the figure it draws: {EXAMPLE}"));
                }
                None
            }
        };
        let inner = inner?;
        let mut figure = Figure::of_summary(&inner);
        if figure.by.is_some() || figure.per.is_some() {
            if let Some((_, of)) = k.get("of") {
                self.err(
                    of.span.start,
                    "write 'by' or 'per' on Bar, not inside its figure: Bar(of: Sum(\"amount\"), by: \"category\")",
                );
            }
            return None;
        }
        figure.by = k.get("by").and_then(|(_, b)| {
            let f = self.figure_field("Bar", "by", b, Role::By, fields, declared);
            ok &= f.is_some();
            f
        });
        figure.per = k.get("per").and_then(|(_, p)| {
            let p = self.per(p);
            ok &= p.is_some();
            p
        });
        match (k.get("by"), k.get("per")) {
            (Some(_), Some((pk, _))) => {
                self.err(pk.span.start, "Bar takes 'by' or 'per', not both");
                ok = false;
            }
            (None, None) if ok => {
                self.err(
                    n.span.start,
                    format!("Bar needs what its bars are: by: \"field\" or per: Month, e.g. {EXAMPLE}"),
                );
                ok = false;
            }
            _ => {}
        }
        figure.date = match k.get("date") {
            Some((key, _)) if figure.per.is_none() => {
                self.err(
                    key.span.start,
                    "'date' names the day 'per' counts by; add per: Month",
                );
                ok = false;
                None
            }
            Some((_, d)) => {
                let f = self.figure_field("Bar", "date", d, Role::Date, fields, declared);
                ok &= f.is_some();
                f
            }
            None if figure.per.is_some() => fields
                .iter()
                .find(|(_, f)| matches!(f.ty, FieldType::Date | FieldType::DateTime))
                .map(|(n, _)| n.clone()),
            None => None,
        };
        ok.then(|| Box::new(Chart { figure }))
    }
}
