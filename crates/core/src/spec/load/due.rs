//! A list's due field (`"when": Date(due: true)`) and its `repeat:` and
//! `repeat_from:` keys.

use super::*;
use crate::spec::due::{Due, Repeat, RepeatFrom, RepeatUnit};

const REPEATS: &[&str] = &[
    "Daily", "Weekly", "Weekdays", "Monthly", "Yearly", "Every", "Field",
];
const UNITS: &[&str] = &["Days", "Weeks", "Months"];
/// A Number field a per-item schedule reads must count days.
const DAY_UNITS: &[&str] = &["days", "day", "d"];

impl Cx {
    /// The field marked `due: true` and how its items repeat. `fields_node`
    /// is the `fields:` map as written; `fields` the fields that read fine.
    pub(super) fn due(
        &mut self,
        k: &Keys,
        fields_node: Option<&Node>,
        fields: &IndexMap<String, Field>,
    ) -> Option<Box<Due>> {
        let mut marked: Option<(String, Pos)> = None;
        // A `due: true` refused (on a Text, say): reported there, not again by `repeat:`.
        let mut refused = false;
        // (field, where `remind:` is, its seconds)
        let mut reminds: Vec<(String, Pos, Option<u64>)> = Vec::new();
        if let Some(NodeKind::Map(entries)) = fields_node.map(|n| &n.kind) {
            for (key, value) in entries {
                let (
                    NodeKind::Str(name),
                    NodeKind::Call {
                        name: Some(ty),
                        args: Args::Named(args),
                    },
                ) = (&key.kind, &value.kind)
                else {
                    continue;
                };
                if let Some((rk, rv)) = args.iter().find(|(a, _)| a.name == "remind") {
                    let outer = self.scope.replace(format!("field {}: ", quote(name)));
                    let secs = self.remind(rv);
                    self.scope = outer;
                    reminds.push((name.clone(), rk.span.start, secs));
                }
                let Some((dk, dv)) = args.iter().find(|(a, _)| a.name == "due") else {
                    continue;
                };
                let outer = self.scope.replace(format!("field {}: ", quote(name)));
                let on = self.boolean("due", dv);
                refused |= on.is_none();
                let pos = dk.span.start;
                match (on, fields.get(name)) {
                    (Some(true), Some(f)) if !matches!(f.ty, FieldType::Date | FieldType::DateTime) => {
                        refused = true;
                        self.err(
                            pos,
                            format!(
                                "'due' marks a Date or DateTime field, but {} is {}",
                                quote(name),
                                ty.name
                            ),
                        );
                    }
                    (Some(true), _) => match &marked {
                        Some((first, at)) => {
                            self.scope = None;
                            self.err(
                                pos,
                                format!(
                                    "a list has one due date: {} is already marked due: true (line {})",
                                    quote(first),
                                    at.line
                                ),
                            );
                        }
                        None => marked = Some((name.clone(), pos)),
                    },
                    _ => {}
                }
                self.scope = outer;
            }
        }
        let repeat = match k.get("repeat") {
            Some((key, n)) => {
                if marked.is_none() {
                    if refused {
                        return None;
                    }
                    self.err(
                        key.span.start,
                        "'repeat' moves a due date, but no field is marked due: true; write e.g. \"when\": Date(due: true)",
                    );
                    return None;
                }
                self.repeat(n, fields)
            }
            None => None,
        };
        let mut from = RepeatFrom::Due;
        if let Some((key, n)) = k.get("repeat_from") {
            match &n.kind {
                NodeKind::Ident(i) if i == "Due" => {}
                NodeKind::Ident(i) if i == "Done" => from = RepeatFrom::Done,
                _ => self.err(
                    n.span.start,
                    format!(
                        "'repeat_from' is Due (the next date follows the due date) or Done (it follows the day it was ticked), found {}",
                        n.describe()
                    ),
                ),
            }
            if !k.contains_key("repeat") && marked.is_some() {
                self.err(
                    key.span.start,
                    "'repeat_from' needs a 'repeat:' key to go with it",
                );
            }
        }
        let mut remind = None;
        for (name, pos, secs) in reminds {
            if marked.as_ref().is_some_and(|(m, _)| *m == name) {
                remind = secs;
            } else {
                self.err(
                    pos,
                    format!(
                        "field {}: 'remind' goes with due: true, on the list's due field, e.g. Date(due: true, remind: Before(\"1d\"))",
                        quote(&name)
                    ),
                );
            }
        }
        let (field, _) = marked?;
        Some(Box::new(Due {
            field,
            repeat,
            from,
            remind,
        }))
    }

    /// `Before("1d")`: how long before the due moment a reminder is said.
    fn remind(&mut self, n: &Node) -> Option<u64> {
        match &n.kind {
            NodeKind::Call {
                name: Some(name),
                args: Args::Positional(p),
            } if name.name == "Before" && p.len() == 1 => self.duration("Before", &p[0]),
            // At the due moment itself.
            NodeKind::Ident(i) if i == "OnTime" => Some(0),
            _ => {
                self.err(
                    n.span.start,
                    format!(
                        "'remind' expects Before(\"1d\") (a duration before the due date) or OnTime, found {}",
                        n.describe()
                    ),
                );
                None
            }
        }
    }

    fn repeat(&mut self, n: &Node, fields: &IndexMap<String, Field>) -> Option<Repeat> {
        let at = n.span.start;
        let (word, args) = match &n.kind {
            NodeKind::Ident(i) => (i.as_str(), None),
            NodeKind::Call {
                name: Some(name),
                args,
            } => (name.name.as_str(), Some(args)),
            NodeKind::Str(s) if REPEATS.contains(&s.as_str()) => {
                self.err(at, format!("write the repeat without quotes: {s}"));
                return None;
            }
            _ => {
                self.err(
                    at,
                    format!(
                        "'repeat' expects Daily, Weekly, Weekdays, Monthly(day: 30), Yearly, Every(3, Days) or Field(\"every\"), found {}",
                        n.describe()
                    ),
                );
                return None;
            }
        };
        let no_args = |a: Option<&Args>| match a {
            None => true,
            Some(Args::Named(v)) => v.is_empty(),
            Some(Args::Positional(v)) => v.is_empty(),
        };
        match word {
            "Daily" | "Weekly" | "Weekdays" | "Yearly" if no_args(args) => Some(match word {
                "Daily" => Repeat::Daily,
                "Weekly" => Repeat::Weekly,
                "Weekdays" => Repeat::Weekdays,
                _ => Repeat::Yearly,
            }),
            "Daily" | "Weekly" | "Weekdays" | "Yearly" => {
                self.err(at, format!("{word} takes nothing; write {word}"));
                None
            }
            "Monthly" => match args {
                None => Some(Repeat::Monthly { day: None }),
                Some(Args::Named(a)) => {
                    let mk = self.keys("Monthly", a, &["day"], &[]);
                    let day = match mk.get("day") {
                        Some((_, dn)) => Some(self.integer("day", dn, 1, 31)? as u8),
                        None => None,
                    };
                    Some(Repeat::Monthly { day })
                }
                Some(Args::Positional(_)) => {
                    self.err(at, "Monthly takes a named day: write Monthly(day: 30)");
                    None
                }
            },
            "Every" => {
                let parts = match args {
                    Some(Args::Positional(p)) if p.len() == 2 => p,
                    _ => {
                        self.err(at, "Every takes a count and a unit: write Every(3, Days), Every(2, Weeks) or Every(1, Months)");
                        return None;
                    }
                };
                let count = self.integer("Every", &parts[0], 1, 1000)? as u32;
                let unit = match &parts[1].kind {
                    NodeKind::Ident(u) if u == "Days" => RepeatUnit::Days,
                    NodeKind::Ident(u) if u == "Weeks" => RepeatUnit::Weeks,
                    NodeKind::Ident(u) if u == "Months" => RepeatUnit::Months,
                    other => {
                        let found = match other {
                            NodeKind::Ident(u) => u.clone(),
                            _ => String::new(),
                        };
                        let hint = closest(&found, UNITS);
                        let msg = match hint {
                            Some(h) if !found.is_empty() => {
                                format!("unknown unit '{found}' in Every, did you mean '{h}'?")
                            }
                            _ => format!(
                                "Every counts Days, Weeks or Months, found {}",
                                parts[1].describe()
                            ),
                        };
                        self.err_hint(parts[1].span.start, msg, hint.filter(|_| !found.is_empty()));
                        return None;
                    }
                };
                Some(Repeat::Every { n: count, unit })
            }
            "Field" => {
                let name = match args {
                    Some(Args::Positional(p)) if p.len() == 1 => self.nonempty_text("Field", &p[0])?,
                    _ => {
                        self.err(at, "Field names the item's own interval: write Field(\"every\")");
                        return None;
                    }
                };
                let pos = match args {
                    Some(Args::Positional(p)) => p[0].span.start,
                    _ => at,
                };
                let days_field = |f: &Field| match &f.ty {
                    FieldType::Duration => true,
                    FieldType::Number { unit: Some(u), .. } => {
                        DAY_UNITS.contains(&u.trim().to_lowercase().as_str())
                    }
                    _ => false,
                };
                match fields.get(&name) {
                    None => {
                        let names: Vec<&str> = fields.keys().map(String::as_str).collect();
                        let hint = closest(&name, &names);
                        let msg = match hint {
                            Some(h) => format!(
                                "Field names no field {}, did you mean {}?",
                                quote(&name),
                                quote(h)
                            ),
                            None => format!(
                                "Field names no field {}; fields are {}",
                                quote(&name),
                                quoted_list(&names)
                            ),
                        };
                        self.err_hint(pos, msg, hint);
                        None
                    }
                    // A Choice of schedules: each item's own repeat.
                    Some(Field {
                        ty: FieldType::Choice { options },
                        ..
                    }) => match options.iter().find(|o| Repeat::from_word(o).is_none()) {
                        Some(bad) => {
                            self.err(
                                pos,
                                format!(
                                    "Field({}) reads each item's schedule from its Choice, but the option {} is none; options may be {}",
                                    quote(&name),
                                    quote(bad),
                                    Repeat::WORDS.join(", ")
                                ),
                            );
                            None
                        }
                        None => Some(Repeat::Field(name)),
                    },
                    Some(f) if !days_field(f) => {
                        self.err(
                            pos,
                            format!(
                                "Field({}) needs a Duration, Number(unit: \"days\") or Choice of schedules field, but {} is {}",
                                quote(&name),
                                quote(&name),
                                f.ty.word()
                            ),
                        );
                        None
                    }
                    Some(_) => Some(Repeat::Field(name)),
                }
            }
            other => {
                let hint = match other.to_lowercase().as_str() {
                    "weekday" | "workdays" | "businessdays" => Some("Weekdays"),
                    "annually" | "annual" => Some("Yearly"),
                    "every_day" | "everyday" => Some("Daily"),
                    _ => closest(other, REPEATS),
                };
                let msg = match hint {
                    Some(h) => format!("unknown repeat '{other}', did you mean '{h}'?"),
                    None => format!(
                        "unknown repeat '{other}'; use Daily, Weekly, Weekdays, Monthly, Yearly, Every(3, Days) or Field(\"every\")"
                    ),
                };
                self.err_hint(at, msg, hint);
                None
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use crate::spec::due::{Repeat, RepeatFrom, RepeatUnit};
    use crate::spec::{Kind, parse_str};

    fn report(fields: &str, extra: &str) -> String {
        let text = format!("List(\n    name: \"Chores\",\n    fields: {{\n{fields}\n    }},\n{extra}\n)\n");
        match parse_str("apps/x.ron", &text) {
            Ok(spec) => match spec.kind {
                Kind::List(l) => format!("{:?}", l.due),
                _ => unreachable!(),
            },
            Err(e) => e.to_string(),
        }
    }

    const FIELDS: &str =
        "        \"task\": Text,\n        \"when\": Date(due: true),\n        \"every\": Duration,";

    #[test]
    fn a_due_field_and_its_repeat_are_read() {
        let due = |extra: &str| {
            let text = format!("List(name: \"C\", fields: {{ {FIELDS} }}, {extra})");
            match parse_str("apps/x.ron", &text).unwrap().kind {
                Kind::List(l) => l.due.unwrap(),
                _ => unreachable!(),
            }
        };
        assert_eq!(due("").field, "when");
        assert_eq!(due("").repeat, None);
        assert_eq!(due("repeat: Weekdays").repeat, Some(Repeat::Weekdays));
        assert_eq!(
            due("repeat: Monthly(day: 30)").repeat,
            Some(Repeat::Monthly { day: Some(30) })
        );
        let every = due("repeat: Every(4, Days), repeat_from: Done");
        assert_eq!(
            every.repeat,
            Some(Repeat::Every {
                n: 4,
                unit: RepeatUnit::Days
            })
        );
        assert_eq!(every.from, RepeatFrom::Done);
        assert_eq!(
            due("repeat: Field(\"every\")").repeat,
            Some(Repeat::Field("every".into()))
        );
    }

    #[test]
    fn due_on_a_field_that_is_no_date_or_twice_is_refused_where_it_is() {
        assert_eq!(
            report("        \"task\": Text(due: true),", "    repeat: Daily,"),
            "apps/x.ron:4:22: field \"task\": 'due' marks a Date or DateTime field, but \"task\" is Text"
        );
        assert_eq!(
            report(
                "        \"a\": Date(due: true),\n        \"b\": DateTime(due: true),",
                ""
            ),
            "apps/x.ron:5:23: a list has one due date: \"a\" is already marked due: true (line 4)"
        );
        assert_eq!(
            report("        \"a\": Date(remind: Before(\"1d\")),", ""),
            "apps/x.ron:4:19: field \"a\": 'remind' goes with due: true, on the list's due field, e.g. Date(due: true, remind: Before(\"1d\"))"
        );
        assert_eq!(
            report("        \"a\": Date(due: true, remind: Before(\"1 day\")),", ""),
            "apps/x.ron:4:45: field \"a\": 'Before': \"1 day\" is not a duration; write it like \"25m\", \"1h30m\" or \"90s\""
        );
        assert_eq!(
            report("        \"a\": Date(due: \"yes\"),", ""),
            "apps/x.ron:4:24: field \"a\": 'due' expects true or false, found the text \"yes\""
        );
    }

    #[test]
    fn a_bad_repeat_is_refused_where_it_is() {
        assert_eq!(
            report(FIELDS, "    repeat: Weekley,"),
            "apps/x.ron:8:13: unknown repeat 'Weekley', did you mean 'Weekly'?"
        );
        assert_eq!(
            report(FIELDS, "    repeat: Monthly(day: 32),"),
            "apps/x.ron:8:26: 'day' expects a whole number from 1 to 31, found 32"
        );
        assert_eq!(
            report(FIELDS, "    repeat: Every(3, Dayz),"),
            "apps/x.ron:8:22: unknown unit 'Dayz' in Every, did you mean 'Days'?"
        );
        assert_eq!(
            report(
                "        \"when\": Date(due: true),\n        \"how\": Choice(options: [\"Weekly\", \"Often\"]),",
                "    repeat: Field(\"how\"),"
            ),
            "apps/x.ron:7:19: Field(\"how\") reads each item's schedule from its Choice, but the option \"Often\" is none; options may be Daily, Weekly, Weekdays, Fortnightly, Monthly, Yearly, Never"
        );
        assert_eq!(
            report(FIELDS, "    repeat: Field(\"task\"),"),
            "apps/x.ron:8:19: Field(\"task\") needs a Duration, Number(unit: \"days\") or Choice of schedules field, but \"task\" is Text"
        );
        assert_eq!(
            report("        \"task\": Text,", "    repeat: Daily,"),
            "apps/x.ron:6:5: 'repeat' moves a due date, but no field is marked due: true; write e.g. \"when\": Date(due: true)"
        );
        assert_eq!(
            report(FIELDS, "    repeat: Daily,\n    repeat_from: Ticked,"),
            "apps/x.ron:9:18: 'repeat_from' is Due (the next date follows the due date) or Done (it follows the day it was ticked), found `Ticked`"
        );
    }
}
