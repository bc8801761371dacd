//! A List's own keys: its fields and their types and defaults, the view, sort,
//! summaries and which fields a row shows.

use super::*;

pub(super) const LIST_KEYS: &[&str] = &[
    "fields",
    "view",
    "sort",
    "summary",
    "decimal",
    "show",
    "chart",
    "repeat",
    "repeat_from",
    "views",
];
pub(super) const FIELD_TYPES: &[&str] = &[
    "Text", "Number", "Money", "Bool", "Choice", "Tags", "Date", "DateTime", "Duration", "Rating", "Url",
    "Email", "Phone", "Percent", "Time", "Formula", "Link", "Rollup",
];
pub(super) const FIELD_COMMON_KEYS: &[&str] = &["required", "default", "was", "due", "remind"];
pub(super) const FIELD_TYPE_KEYS: &[(&str, &[&str])] = &[
    ("Number", &["min", "max", "decimals", "unit"]),
    ("Money", &["currency"]),
    ("Choice", &["options"]),
    ("Tags", &["options"]),
    ("Rating", &["max"]),
];
pub(super) const VIEWS: &[&str] = &["Checklist", "Table", "Board", "Calendar"];
pub(super) const SUMMARIES: &[&str] = &["Count", "Done", "Sum", "Avg", "Min", "Max"];

impl Cx {
    pub(super) fn list_spec(&mut self, k: &Keys) -> Option<ListSpec> {
        let mut ok = true;
        let diags_before_fields = self.diags.len();
        // Whether every field's name could be read: until then, other keys
        // can't tell a missing field from one written wrongly.
        let mut names_known = true;
        let mut declared: Vec<String> = Vec::new();
        let mut declared_set: HashSet<String> = HashSet::new();
        // (field, its was: name, where that is written)
        let mut renames: Vec<(String, String, Pos)> = Vec::new();
        let mut fields = IndexMap::new();
        // Formula fields and where their text is.
        let mut formulas: Vec<(String, Pos)> = Vec::new();
        if let Some((_, n)) = k.get("fields") {
            match &n.kind {
                NodeKind::Map(entries) => {
                    for (key, value) in entries {
                        let fname = match &key.kind {
                            NodeKind::Str(s) if !s.trim().is_empty() => s.clone(),
                            NodeKind::Str(_) => {
                                self.err(key.span.start, "a field name must not be empty");
                                ok = false;
                                names_known = false;
                                continue;
                            }
                            NodeKind::Ident(i) => {
                                self.err(
                                    key.span.start,
                                    format!("a field name is text in double quotes: \"{i}\""),
                                );
                                ok = false;
                                names_known = false;
                                continue;
                            }
                            _ => {
                                self.err(
                                    key.span.start,
                                    format!(
                                        "a field name is text in double quotes, e.g. \"title\", found {}",
                                        key.describe()
                                    ),
                                );
                                ok = false;
                                names_known = false;
                                continue;
                            }
                        };
                        if !declared_set.insert(fname.clone()) {
                            self.err(
                                key.span.start,
                                format!("the field {} is defined twice", quote(&fname)),
                            );
                            ok = false;
                            continue;
                        }
                        declared.push(fname.clone());
                        match self.field(&fname, value) {
                            Some(f) => {
                                if let Some(was) = &f.was {
                                    renames.push((fname.clone(), was.clone(), was_pos(value)));
                                }
                                if let Some(at) = formula_field::formula_literal(value) {
                                    formulas.push((fname.clone(), at));
                                }
                                fields.insert(fname, f);
                            }
                            None => ok = false,
                        }
                    }
                }
                _ => {
                    self.err(
                        n.span.start,
                        format!(
                            "'fields' expects a map such as {{ \"title\": Text }}, found {}",
                            n.describe()
                        ),
                    );
                    ok = false;
                    names_known = false;
                }
            }
        }
        // `was:` names where a field's values were stored before a rename:
        // a name another field still uses, or two fields claim, would show
        // one stored value twice and an edit of one would take it from both.
        for (i, (fname, was, pos)) in renames.iter().enumerate() {
            if declared_set.contains(was) {
                self.err(
                    *pos,
                    format!(
                        "the field {} says it was {}, but {} is still a field; `was:` names a field that is gone",
                        quote(fname),
                        quote(was),
                        quote(was)
                    ),
                );
                ok = false;
            } else if let Some((other, ..)) = renames[..i].iter().find(|(_, w, _)| w == was) {
                self.err(
                    *pos,
                    format!(
                        "the fields {} and {} both say they were {}; only one can take its values",
                        quote(other),
                        quote(fname),
                        quote(was)
                    ),
                );
                ok = false;
            }
        }
        if names_known {
            self.check_formulas(&mut fields, &declared, &formulas);
            self.check_rollup_reads(&fields, &formulas);
        }
        // A named view reads the fields again: only once they are fine.
        let fields_clean = names_known && self.diags.len() == diags_before_fields;
        // The form and `nook add` type in stored fields only.
        if !fields.is_empty()
            && fields.len() == declared.len()
            && fields.values().all(|f| f.ty.is_computed())
            && let Some((_, n)) = k.get("fields")
        {
            self.err(
                n.span.start,
                "every field is a formula, so nothing can be typed in; add a stored field such as \"title\": Text",
            );
            ok = false;
        }
        // Names seen by the other keys. A field whose type has a problem
        // still counts as a field here, so it is not reported as missing.
        let field_names: Vec<&str> = declared.iter().map(String::as_str).collect();
        let sort_names: Vec<&str> = field_names.iter().chain(BUILTIN_SORT_KEYS).copied().collect();
        let check_field = |cx: &mut Cx, key: &str, name: &str, pos: Pos| -> bool {
            if !names_known || declared_set.contains(name) {
                return true;
            }
            let candidates = if key == "sort" { &sort_names } else { &field_names };
            let hint = closest(name, candidates);
            let msg = match hint {
                Some(f) => format!(
                    "'{key}' names no field {}, did you mean {}?",
                    quote(name),
                    quote(f)
                ),
                None if field_names.is_empty() && key == "sort" => format!(
                    "'sort' names no field {}; this list has no fields, so it sorts by {}",
                    quote(name),
                    and_list(BUILTIN_SORT_KEYS).replace(" and ", " or ")
                ),
                None if field_names.is_empty() => {
                    format!(
                        "'{key}' names the field {}, but this list has no fields",
                        quote(name)
                    )
                }
                None => format!(
                    "'{key}' names no field {}; fields are {}",
                    quote(name),
                    quoted_list(&field_names)
                ),
            };
            cx.err_hint(pos, msg, hint);
            false
        };

        // `Table(group: "field")`, read with the view.
        let mut group = None;
        let view = match k.get("view") {
            None => Some(View::Checklist),
            Some((_, n)) => {
                let (vname, args) = match &n.kind {
                    NodeKind::Ident(i) => (i.as_str(), None),
                    NodeKind::Call {
                        name: Some(name),
                        args: Args::Named(a),
                    } => (name.name.as_str(), Some(a)),
                    NodeKind::Call {
                        name: Some(name),
                        args: Args::Positional(_),
                    } if ["Table", "Board", "Calendar"].contains(&name.name.as_str()) => {
                        (name.name.as_str(), None)
                    }
                    _ => ("", None),
                };
                let positional = matches!(
                    &n.kind,
                    NodeKind::Call {
                        args: Args::Positional(_),
                        ..
                    }
                );
                match vname {
                    "Table" | "Board" | "Calendar" if positional => {
                        let example = match vname {
                            "Table" => "Table(columns: [\"title\"])",
                            "Calendar" => "Calendar(by: \"due\")",
                            _ => "Board(by: \"status\")",
                        };
                        self.err(n.span.start, format!("{vname} takes named keys: write {example}"));
                        None
                    }
                    "Calendar" => self.calendar_view(n, args.map(|a| &a[..]), &fields),
                    "Checklist" => {
                        if let Some(a) = args {
                            self.keys(
                                "Checklist",
                                a,
                                &[],
                                &[("Table", &["columns"]), ("Board", &["by"])],
                            );
                        }
                        Some(View::Checklist)
                    }
                    "Table" => {
                        let vk = self.keys(
                            "Table",
                            args.map_or(&[][..], |a| a),
                            &["columns", "group"],
                            &[("Board", &["by"])],
                        );
                        if let Some((_, gn)) = vk.get("group") {
                            let declared = names_known.then_some((&declared_set, field_names.as_slice()));
                            group =
                                self.figure_field("Table", "group", gn, figure::Role::By, &fields, declared);
                        }
                        let mut columns = Vec::new();
                        if let Some((_, cn)) = vk.get("columns")
                            && let Some(cols) = self.list("columns", cn)
                        {
                            for c in cols {
                                if let Some(name) = self.nonempty_text("columns", c)
                                    && check_field(self, "columns", &name, c.span.start)
                                {
                                    columns.push(name);
                                }
                            }
                        }
                        Some(View::Table { columns })
                    }
                    "Board" => {
                        let before_keys = self.diags.len();
                        let vk = self.keys(
                            "Board",
                            args.map_or(&[][..], |a| a),
                            &["by"],
                            &[("Table", &["columns"])],
                        );
                        match vk.get("by") {
                            None if self.diags.len() > before_keys => None,
                            None => {
                                self.err(
                                    n.span.start,
                                    "Board needs the Choice field that makes its columns, e.g. Board(by: \"status\")",
                                );
                                None
                            }
                            Some((_, bn)) => match self.nonempty_text("by", bn) {
                                None => None,
                                Some(by) if !check_field(self, "by", &by, bn.span.start) => None,
                                Some(by) => match fields.get(&by) {
                                    Some(f) if !matches!(f.ty, FieldType::Choice { .. }) => {
                                        self.err(
                                            bn.span.start,
                                            format!(
                                                "Board(by: {}) needs a Choice field, but {} is {}",
                                                quote(&by),
                                                quote(&by),
                                                f.ty.word()
                                            ),
                                        );
                                        None
                                    }
                                    _ => Some(View::Board { by }),
                                },
                            },
                        }
                    }
                    other => {
                        let hint = match other.to_lowercase().as_str() {
                            "kanban" | "columns" | "cards" => Some("Board"),
                            "month" | "agenda" | "schedule" => Some("Calendar"),
                            "grid" | "spreadsheet" | "rows" => Some("Table"),
                            "list" | "todo" | "checkbox" | "checkboxes" => Some("Checklist"),
                            _ => closest(other, VIEWS),
                        };
                        let msg = match hint {
                            Some(v) if !other.is_empty() => {
                                format!("unknown view '{other}', did you mean '{v}'?")
                            }
                            _ => match &n.kind {
                                NodeKind::Str(v) if VIEWS.contains(&v.as_str()) => {
                                    format!("write the view without quotes: {v}")
                                }
                                _ => format!(
                                    "'view' expects Checklist, Table(columns: [...]), Board(by: \"field\") or Calendar(by: \"field\"), found {}",
                                    n.describe()
                                ),
                            },
                        };
                        self.err_hint(n.span.start, msg, hint.filter(|_| !other.is_empty()));
                        None
                    }
                }
            }
        };

        let mut sort = Vec::new();
        if let Some((_, n)) = k.get("sort") {
            let items: &[Node] = match &n.kind {
                NodeKind::Str(_) => std::slice::from_ref(*n),
                _ => self.list("sort", n).unwrap_or_default(),
            };
            for item in items {
                if let Some(s) = self.nonempty_text("sort", item) {
                    let (descending, name) = match s.strip_prefix('-') {
                        Some(rest) => (true, rest.to_string()),
                        None => (false, s.clone()),
                    };
                    let builtin = BUILTIN_SORT_KEYS.contains(&name.as_str());
                    if builtin || check_field(self, "sort", &name, item.span.start) {
                        sort.push(SortKey {
                            field: name,
                            descending,
                        });
                    }
                }
            }
        }

        let mut summary = Vec::new();
        if let Some((_, n)) = k.get("summary")
            && let Some(items) = self.list("summary", n)
        {
            for item in items {
                let declared = names_known.then_some((&declared_set, field_names.as_slice()));
                if let Some(s) = self.summary(item, &fields, declared) {
                    summary.push(s);
                }
            }
        }
        let chart = match k.get("chart") {
            Some((_, n)) => {
                let declared = names_known.then_some((&declared_set, field_names.as_slice()));
                self.chart(n, &fields, declared)
            }
            None => None,
        };
        // The fields a checklist row and a board card show after the title.
        let mut show = None;
        if let Some((_, n)) = k.get("show")
            && let Some(items) = self.list("show", n)
        {
            let mut names: Vec<String> = Vec::new();
            for item in items {
                if let Some(name) = self.nonempty_text("show", item)
                    && check_field(self, "show", &name, item.span.start)
                {
                    if names.contains(&name) {
                        self.err(item.span.start, format!("'show' names {} twice", quote(&name)));
                    } else {
                        names.push(name);
                    }
                }
            }
            show = Some(names);
        }
        let mut decimal = crate::spec::value::DecimalMark::Point;
        if let Some((_, n)) = k.get("decimal") {
            match &n.kind {
                NodeKind::Str(s) if s == "." => {}
                NodeKind::Str(s) if s == "," => decimal = crate::spec::value::DecimalMark::Comma,
                _ => {
                    self.err(
                        n.span.start,
                        format!(
                            "'decimal' is \".\" (1,234.50) or \",\" (1.234,50), found {}",
                            n.describe()
                        ),
                    );
                    ok = false;
                }
            }
        }
        let views = match k.get("views") {
            Some((_, n)) if fields_clean => {
                let v = self.named_views(n, k, &fields, &field_names);
                ok &= v.is_some();
                v.unwrap_or_default()
            }
            _ => Vec::new(),
        };
        let due = self.due(k, k.get("fields").map(|(_, n)| *n), &fields);
        if !ok {
            return None;
        }
        Some(ListSpec {
            due,
            fields,
            view: view?,
            sort,
            summary,
            chart,
            group,
            decimal,
            show,
            views,
        })
    }

    /// One summary. `declared` holds every field name, or None while they
    /// can't all be read; `fields` the fields that are fine.
    pub(super) fn summary(
        &mut self,
        n: &Node,
        fields: &IndexMap<String, Field>,
        declared: Option<(&HashSet<String>, &[&str])>,
    ) -> Option<Summary> {
        if let NodeKind::Call {
            name: Some(name),
            args: Args::Named(a),
        } = &n.kind
            && !a.is_empty()
            && SUMMARIES.contains(&name.name.as_str())
        {
            return self.figure(&name.name, n.span.start, a, fields, declared);
        }
        let (word, arg) = match &n.kind {
            NodeKind::Ident(i) => (i.as_str(), None),
            NodeKind::Call {
                name: Some(name),
                args: Args::Positional(a),
            } if a.len() == 1 => (name.name.as_str(), Some(&a[0])),
            NodeKind::Call { name: Some(name), .. } => (name.name.as_str(), None),
            _ => {
                self.err(
                    n.span.start,
                    format!(
                        "a summary is Count, Done, Sum(\"field\"), Avg, Min or Max, found {}",
                        n.describe()
                    ),
                );
                return None;
            }
        };
        match (word, arg) {
            ("Count", None) => Some(Summary::Count),
            ("Done", None) => Some(Summary::Done),
            ("Sum" | "Avg" | "Min" | "Max", Some(a)) => {
                let f = self.nonempty_text(word, a)?;
                match (declared, fields.get(&f)) {
                    (Some((set, names)), None) if !set.contains(&f) => {
                        let hint = closest(&f, names);
                        let msg = match hint {
                            Some(c) => {
                                format!("{word} names no field {}, did you mean {}?", quote(&f), quote(c))
                            }
                            None if names.is_empty() => {
                                format!(
                                    "{word} names the field {}, but this list has no fields",
                                    quote(&f)
                                )
                            }
                            None => format!(
                                "{word} names no field {}; fields are {}",
                                quote(&f),
                                quoted_list(names)
                            ),
                        };
                        self.err_hint(a.span.start, msg, hint);
                        return None;
                    }
                    // Over a formula: a figure of its own, kept like a named one.
                    (_, Some(field)) if field.ty.is_formula() => {
                        let f = self.figure_field(word, "of", a, figure::Role::Of, fields, declared)?;
                        let mut fig = Figure::of_summary(&Summary::Count);
                        fig.agg = match word {
                            "Sum" => Agg::Sum,
                            "Avg" => Agg::Avg,
                            "Min" => Agg::Min,
                            _ => Agg::Max,
                        };
                        fig.of = Some(f);
                        return Some(Summary::Figure(fig));
                    }
                    (_, Some(field)) if !field.ty.is_numeric() => {
                        self.err(
                            a.span.start,
                            format!(
                                "{word}({}) needs a Number, Money, Rating or Duration field, but {} is {}",
                                quote(&f),
                                quote(&f),
                                field.ty.word()
                            ),
                        );
                        return None;
                    }
                    _ => {}
                }
                Some(match word {
                    "Sum" => Summary::Sum(f),
                    "Avg" => Summary::Avg(f),
                    "Min" => Summary::Min(f),
                    _ => Summary::Max(f),
                })
            }
            ("Sum" | "Avg" | "Min" | "Max", None) => {
                self.err(
                    n.span.start,
                    format!("{word} needs one field, e.g. {word}(\"pages\")"),
                );
                None
            }
            ("Count" | "Done", Some(_)) => {
                self.err(n.span.start, format!("{word} takes no field; write {word}"));
                None
            }
            (other, _) => {
                let hint = closest(other, SUMMARIES);
                let msg = match hint {
                    Some(c) => format!("unknown summary '{other}', did you mean '{c}'?"),
                    None => format!("unknown summary '{other}'; use Count, Done, Sum, Avg, Min or Max"),
                };
                self.err_hint(n.span.start, msg, hint);
                None
            }
        }
    }

    /// Checks one field's type; every message names the field.
    pub(super) fn field(&mut self, fname: &str, n: &Node) -> Option<Field> {
        let outer = self.scope.replace(format!("field {}: ", quote(fname)));
        let errors_before = self.diags.len();
        let field = self.field_type(n);
        self.scope = outer;
        if self.diags.len() > errors_before {
            return None;
        }
        field
    }

    pub(super) fn field_type(&mut self, n: &Node) -> Option<Field> {
        match &n.kind {
            NodeKind::Call {
                name: Some(name),
                args,
            } if name.name == "Formula" => return self.formula_field(n, args),
            NodeKind::Ident(i) if i == "Formula" => return self.formula_field(n, &Args::Named(Vec::new())),
            NodeKind::Call {
                name: Some(name),
                args,
            } if name.name == "Link" => return self.link_field(n, args),
            NodeKind::Call {
                name: Some(name),
                args,
            } if name.name == "Rollup" => return self.rollup_field(n, args),
            NodeKind::Ident(i) if i == "Link" => return self.link_field(n, &Args::Named(Vec::new())),
            NodeKind::Ident(i) if i == "Rollup" => return self.rollup_field(n, &Args::Named(Vec::new())),
            _ => {}
        }
        let (tname, tspan, args): (&str, Pos, &[(Ident, Node)]) = match &n.kind {
            NodeKind::Ident(i) => (i, n.span.start, &[]),
            NodeKind::Call {
                name: Some(name),
                args: Args::Named(a),
            } => (&name.name, name.span.start, a),
            NodeKind::Call {
                name: Some(name),
                args: Args::Positional(_),
            } => {
                let example = match name.name.as_str() {
                    "Choice" | "Tags" => "options: [\"a\", \"b\"]",
                    "Number" => "min: 0",
                    "Money" => "currency: \"EUR\"",
                    "Rating" => "max: 5",
                    _ => "required: true",
                };
                self.err(
                    n.span.start,
                    format!("{} takes named keys, e.g. {}({example})", name.name, name.name),
                );
                return None;
            }
            NodeKind::Str(s) if FIELD_TYPES.contains(&s.as_str()) => {
                self.err(n.span.start, format!("write the type without quotes: {s}"));
                return None;
            }
            _ => {
                self.err(
                    n.span.start,
                    format!(
                        "expected a type such as Text or Number(min: 0), found {}",
                        n.describe()
                    ),
                );
                return None;
            }
        };
        let own: &[&str] = match tname {
            "Text" | "Bool" | "Date" | "DateTime" | "Duration" | "Url" | "Email" | "Phone" | "Percent"
            | "Time" => &[],
            "Number" => &["min", "max", "decimals", "unit"],
            "Money" => &["currency"],
            "Choice" | "Tags" => &["options"],
            "Rating" => &["max"],
            other if other_tools_type(other).is_some() => {
                let ours = other_tools_type(other).unwrap_or("Text");
                self.err_hint(
                    tspan,
                    format!(
                        "unknown field type {} (did you mean {}?)",
                        quote(other),
                        quote(ours)
                    ),
                    Some(ours),
                );
                return None;
            }
            other => {
                let hint = closest(other, FIELD_TYPES);
                let msg = match hint {
                    Some(t) => format!("unknown type '{other}', did you mean '{t}'?"),
                    None => format!("unknown type '{other}'; types are {}", FIELD_TYPES.join(", ")),
                };
                self.err_hint(tspan, msg, hint);
                return None;
            }
        };
        let allowed: Vec<&str> = FIELD_COMMON_KEYS.iter().chain(own).copied().collect();
        let k = self.keys(tname, args, &allowed, FIELD_TYPE_KEYS);
        let errors_before = self.diags.len();
        let num = |cx: &mut Cx, key: &str| k.get(key).and_then(|(_, n)| cx.number(key, n));
        let ty = match tname {
            "Text" => FieldType::Text,
            "Bool" => FieldType::Bool,
            "Date" => FieldType::Date,
            "DateTime" => FieldType::DateTime,
            "Duration" => FieldType::Duration,
            "Url" => FieldType::Url,
            "Email" => FieldType::Email,
            "Phone" => FieldType::Phone,
            "Percent" => FieldType::Percent,
            "Time" => FieldType::Time,
            "Number" => {
                let (min, max) = (num(self, "min"), num(self, "max"));
                if let (Some(lo), Some(hi), Some((_, hn))) = (min, max, k.get("max"))
                    && lo > hi
                {
                    self.err(
                        hn.span.start,
                        format!("'max' {} is below 'min' {}", format_number(hi), format_number(lo)),
                    );
                }
                let decimals = k
                    .get("decimals")
                    .and_then(|(_, n)| self.integer("decimals", n, 0, 6))
                    .map(|d| d as u8);
                let unit = k.get("unit").and_then(|(_, n)| self.nonempty_text("unit", n));
                FieldType::Number {
                    min,
                    max,
                    decimals,
                    unit,
                }
            }
            "Money" => FieldType::Money {
                currency: k
                    .get("currency")
                    .and_then(|(_, n)| self.nonempty_text("currency", n)),
            },
            "Choice" | "Tags" => {
                let options = match k.get("options") {
                    Some((_, n)) => self.texts("options", n).unwrap_or_default(),
                    None => Vec::new(),
                };
                if tname == "Choice" {
                    if options.is_empty() && self.diags.len() == errors_before {
                        let at = k.get("options").map_or(tspan, |(_, n)| n.span.start);
                        self.err(
                            at,
                            "Choice needs options, e.g. Choice(options: [\"to do\", \"done\"])",
                        );
                    }
                    FieldType::Choice { options }
                } else {
                    FieldType::Tags { options }
                }
            }
            _ => FieldType::Rating {
                max: k
                    .get("max")
                    .and_then(|(_, n)| self.integer("max", n, 1, 10))
                    .unwrap_or(5) as u8,
            },
        };
        let required = k
            .get("required")
            .and_then(|(_, n)| self.boolean("required", n))
            .unwrap_or(false);
        let was = k.get("was").and_then(|(_, n)| self.nonempty_text("was", n));
        // A default is checked against a type that is itself fine.
        let default = match k.get("default") {
            Some((_, n)) if self.diags.len() == errors_before => self.field_default(&ty, n),
            _ => None,
        };
        Some(Field {
            ty,
            required,
            default,
            was,
        })
    }

    /// A field's default: a value the field itself would accept.
    pub(super) fn field_default(&mut self, ty: &FieldType, n: &Node) -> Option<FieldDefault> {
        let expects = match ty {
            FieldType::Text | FieldType::Url | FieldType::Choice { .. } => "text in double quotes",
            FieldType::Number { .. } | FieldType::Money { .. } | FieldType::Rating { .. } => "a number",
            FieldType::Email => "an email address in double quotes",
            FieldType::Phone => "a phone number in double quotes",
            FieldType::Percent => "a number (15 is 15%)",
            FieldType::Time => "a time of day such as \"08:30\"",
            FieldType::Bool => "true or false",
            FieldType::Tags { .. } => "a list of tags such as [\"a\", \"b\"]",
            FieldType::Date => "Today or a date written \"YYYY-MM-DD\"",
            FieldType::DateTime => "Now or a date and time written \"YYYY-MM-DD HH:MM\"",
            FieldType::Duration => "a duration such as \"25m\"",
            FieldType::Formula { .. } => "nothing: a formula is computed",
            FieldType::Link { .. } => "nothing: a link is chosen from the other app",
            FieldType::Rollup(_) => "nothing: a rollup is computed",
        };
        let at = n.span.start;
        let value = |v| Some(FieldDefault::Value(v));
        match (ty, &n.kind) {
            (FieldType::Date, NodeKind::Ident(i)) if i == "Today" => Some(FieldDefault::Today),
            (FieldType::DateTime, NodeKind::Ident(i)) if i == "Now" => Some(FieldDefault::Now),
            (FieldType::Text, NodeKind::Str(s)) => value(FieldValue::Text(s.clone())),
            (FieldType::Url, NodeKind::Str(s)) => {
                match crate::spec::input::check_value(ty, FieldValue::Text(s.clone())) {
                    Ok(v) => value(v),
                    Err(_) => {
                        self.err(
                            at,
                            format!(
                                "'default' expects a web address such as \"https://example.com\", found {}",
                                quote(s)
                            ),
                        );
                        None
                    }
                }
            }
            (FieldType::Email | FieldType::Phone | FieldType::Time, NodeKind::Str(s)) => {
                match crate::spec::contact::check(ty, s) {
                    Ok(v) => value(FieldValue::Text(v)),
                    Err(why) => {
                        self.err(at, format!("'default' {why}"));
                        None
                    }
                }
            }
            (FieldType::Percent, NodeKind::Num(x)) => value(FieldValue::Number(*x)),
            (FieldType::Choice { options }, NodeKind::Str(s)) => {
                if let Some(o) = options.iter().find(|o| o.eq_ignore_ascii_case(s)) {
                    return value(FieldValue::Text(o.clone()));
                }
                let names: Vec<&str> = options.iter().map(String::as_str).collect();
                let hint = closest(s, &names);
                let msg = match hint {
                    Some(c) => format!(
                        "'default' {} is not among the options, did you mean {}?",
                        quote(s),
                        quote(c)
                    ),
                    None => format!(
                        "'default' {} is not among the options {}",
                        quote(s),
                        quoted_list(&names)
                    ),
                };
                self.err_hint(at, msg, hint);
                None
            }
            (FieldType::Tags { options }, NodeKind::List(_)) => {
                let tags = self.texts("default", n)?;
                let items = match &n.kind {
                    NodeKind::List(items) => items.as_slice(),
                    _ => &[],
                };
                let mut ok = true;
                for (tag, item) in tags.iter().zip(items) {
                    if !options.is_empty() && !options.contains(tag) {
                        let names: Vec<&str> = options.iter().map(String::as_str).collect();
                        self.err(
                            item.span.start,
                            format!(
                                "'default' tag {} is not among the options {}",
                                quote(tag),
                                quoted_list(&names)
                            ),
                        );
                        ok = false;
                    }
                }
                ok.then_some(FieldDefault::Value(FieldValue::List(tags)))
            }
            (FieldType::Number { min, max, .. }, NodeKind::Num(x)) => {
                if let Some(lo) = min
                    && x < lo
                {
                    self.err(
                        at,
                        format!(
                            "'default' must be at least {}, found {}",
                            format_number(*lo),
                            format_number(*x)
                        ),
                    );
                    return None;
                }
                if let Some(hi) = max
                    && x > hi
                {
                    self.err(
                        at,
                        format!(
                            "'default' must be at most {}, found {}",
                            format_number(*hi),
                            format_number(*x)
                        ),
                    );
                    return None;
                }
                value(FieldValue::Number(*x))
            }
            (FieldType::Money { .. }, NodeKind::Num(x)) => value(FieldValue::Number(*x)),
            (FieldType::Rating { max }, NodeKind::Num(x)) => {
                if x.fract() != 0.0 || *x < 0.0 || *x > f64::from(*max) {
                    self.err(
                        at,
                        format!(
                            "'default' expects a whole number from 0 to {max}, found {}",
                            format_number(*x)
                        ),
                    );
                    return None;
                }
                value(FieldValue::Number(*x))
            }
            (
                FieldType::Number { .. }
                | FieldType::Money { .. }
                | FieldType::Rating { .. }
                | FieldType::Percent,
                NodeKind::Str(_),
            ) => {
                self.number("default", n);
                None
            }
            (FieldType::Bool, NodeKind::Bool(b)) => value(FieldValue::Bool(*b)),
            (FieldType::Bool, NodeKind::Str(_)) => {
                self.boolean("default", n);
                None
            }
            (FieldType::Date, NodeKind::Str(s)) => match NaiveDate::parse_from_str(s.trim(), "%Y-%m-%d") {
                Ok(d) => value(FieldValue::Text(d.format("%Y-%m-%d").to_string())),
                Err(_) if looks_like_a_date(s) => {
                    self.err(at, format!("'default' {} is no day of the calendar", quote(s)));
                    None
                }
                Err(_) => {
                    self.err(at, format!("'default' expects {expects}, found {}", quote(s)));
                    None
                }
            },
            (FieldType::DateTime, NodeKind::Str(s)) => {
                match crate::spec::input::parse_value(ty, s, None, Default::default()) {
                    Ok(v) => value(v),
                    Err(_) => {
                        self.err(at, format!("'default' expects {expects}, found {}", quote(s)));
                        None
                    }
                }
            }
            (FieldType::Duration, NodeKind::Str(_) | NodeKind::Num(_)) => self
                .duration("default", n)
                .and_then(|secs| value(FieldValue::Number(secs as f64))),
            _ => {
                self.err(at, format!("'default' expects {expects}, found {}", n.describe()));
                None
            }
        }
    }
}

/// The type nook calls what another tool names `word` (Airtable, Notion,
/// spreadsheets), so a spec written from habit gets the right word back.
fn other_tools_type(word: &str) -> Option<&'static str> {
    Some(match word.to_ascii_lowercase().as_str() {
        "checkbox" | "boolean" | "toggle" => "Bool",
        "select" | "singleselect" | "dropdown" | "enum" | "option" => "Choice",
        "multiselect" | "multipleselect" | "multiselectlist" => "Tags",
        "currency" => "Money",
        "integer" | "int" | "float" | "decimal" | "numeric" => "Number",
        "string" | "longtext" | "richtext" | "singlelinetext" | "textarea" => "Text",
        "stars" | "score" => "Rating",
        "datetime" | "timestamp" => "DateTime",
        "percentage" => "Percent",
        "phonenumber" | "tel" => "Phone",
        "mail" | "emailaddress" => "Email",
        _ => return None,
    })
    // A real type written in its own case is not another tool's word.
    .filter(|ours| *ours != word)
}

#[cfg(test)]
mod show_tests {
    use crate::spec::{Kind, parse_str};

    fn report(text: &str) -> String {
        match parse_str("apps/x.ron", text) {
            Ok(spec) => format!("(parsed: {spec:?})"),
            Err(e) => e.to_string(),
        }
    }

    const BOOKS: &str = "List(\n    name: \"Books\",\n    fields: {\n        \"title\":  Text(required: true),\n        \"author\": Text(),\n        \"rating\": Rating(max: 5),\n    },\n    show: SHOW,\n)\n";

    #[test]
    fn show_names_the_fields_a_row_shows_in_order() {
        let spec = parse_str("apps/x.ron", &BOOKS.replace("SHOW", "[\"rating\", \"author\"]")).unwrap();
        let Kind::List(l) = &spec.kind else { panic!() };
        assert_eq!(l.show, Some(vec!["rating".to_string(), "author".to_string()]));
        let spec = parse_str("apps/x.ron", &BOOKS.replace("SHOW", "[]")).unwrap();
        let Kind::List(l) = &spec.kind else { panic!() };
        assert_eq!(l.show, Some(vec![]));
    }

    #[test]
    fn show_naming_no_field_is_refused_where_it_is_with_a_hint() {
        assert_eq!(
            report(&BOOKS.replace("SHOW", "[\"autor\"]")),
            "apps/x.ron:8:12: 'show' names no field \"autor\", did you mean \"author\"?"
        );
        assert_eq!(
            report(&BOOKS.replace("SHOW", "\"author\"")),
            "apps/x.ron:8:11: 'show' expects a list in [brackets], found the text \"author\""
        );
        assert_eq!(
            report(&BOOKS.replace("SHOW", "[\"author\", \"author\"]")),
            "apps/x.ron:8:22: 'show' names \"author\" twice"
        );
    }
}

#[cfg(test)]
mod formula_tests {
    use crate::spec::formula::FormulaType;
    use crate::spec::{FieldType, Kind, parse_str};

    fn report(fields: &str) -> String {
        let text = format!("List(\n    name: \"Hours\",\n    fields: {{\n{fields}\n    }},\n)\n");
        match parse_str("apps/x.ron", &text) {
            Ok(spec) => format!("(parsed: {spec:?})"),
            Err(e) => e.to_string(),
        }
    }

    const STORED: &str = "        \"hours\": Number(),\n        \"rate\": Money(),\n        \"done\": Bool,";

    #[test]
    fn a_formula_field_is_read_with_its_type() {
        let text = format!(
            "List(name: \"Hours\", fields: {{\n{STORED}\n \"total\": Formula(\"hours * rate\"),\n \"big\": Formula(\"total > 100 and not done\"),\n}})"
        );
        let spec = parse_str("apps/x.ron", &text).unwrap();
        let Kind::List(l) = &spec.kind else { panic!() };
        let tys: Vec<_> = ["total", "big"]
            .iter()
            .map(|n| match &l.fields[*n].ty {
                FieldType::Formula { source, ty, .. } => (source.clone(), *ty),
                other => panic!("{other:?}"),
            })
            .collect();
        assert_eq!(
            tys,
            vec![
                ("hours * rate".to_string(), FormulaType::Number),
                ("total > 100 and not done".to_string(), FormulaType::Bool)
            ]
        );
    }

    #[test]
    fn a_formula_mistake_is_reported_where_it_is_inside_the_string() {
        // `hors` starts at column 27: the string opens at 26.
        assert_eq!(
            report(&format!("{STORED}\n        \"total\": Formula(\"hors * rate\"),")),
            "apps/x.ron:7:27: field \"total\": no field `hors`; did you mean `hours`?"
        );
        // An escape before the mistake takes its written width.
        assert_eq!(
            report(&format!(
                "{STORED}\n        \"total\": Formula(\"\\\"a\\\" + hours\"),"
            )),
            "apps/x.ron:7:33: field \"total\": cannot add Text and Number"
        );
        assert_eq!(
            report(&format!(
                "{STORED}\n        \"total\": Formula(\"hours * * rate\"),"
            )),
            "apps/x.ron:7:35: field \"total\": expected a value, found `*`"
        );
    }

    #[test]
    fn formulas_that_use_each_other_in_a_circle_are_refused() {
        let out = report(&format!(
            "{STORED}\n        \"a\": Formula(\"b + 1\"),\n        \"b\": Formula(\"a * 2\"),"
        ));
        assert!(
            out.contains(
                "apps/x.ron:7:22: field \"a\": the formula uses its own value (\"a\" → \"b\" → \"a\")"
            ),
            "{out}"
        );
        let out = report(&format!("{STORED}\n        \"a\": Formula(\"a + 1\"),"));
        assert!(
            out.contains("field \"a\": the formula uses its own value (\"a\" → \"a\")"),
            "{out}"
        );
    }

    #[test]
    fn a_formula_field_takes_no_default_or_required() {
        assert_eq!(
            report(&format!("{STORED}\n        \"total\": Formula(required: true),")),
            "apps/x.ron:7:26: field \"total\": a formula field takes no 'required' (it is computed, never typed in); write Formula(\"hours * rate\")"
        );
        assert_eq!(
            report(&format!("{STORED}\n        \"total\": Formula,")),
            "apps/x.ron:7:18: field \"total\": Formula needs its expression as text, e.g. Formula(\"hours * rate\")"
        );
    }

    #[test]
    fn a_list_of_formulas_only_is_refused() {
        assert_eq!(
            report("        \"three\": Formula(\"1 + 2\"),"),
            "apps/x.ron:3:13: every field is a formula, so nothing can be typed in; add a stored field such as \"title\": Text"
        );
    }

    #[test]
    fn a_formula_over_a_field_with_a_problem_is_not_reported_twice() {
        assert_eq!(
            report("        \"hours\": Numbr(),\n        \"total\": Formula(\"hours * 2\"),"),
            "apps/x.ron:4:18: field \"hours\": unknown type 'Numbr', did you mean 'Number'?"
        );
    }
}

#[cfg(test)]
mod field_type_tests {
    use crate::spec::value::FieldValue;
    use crate::spec::{FieldDefault, FieldType, Kind, parse_str};

    fn report(field: &str) -> String {
        let text = format!(
            "List(\n    name: \"People\",\n    fields: {{\n        \"name\": Text,\n{field}\n    }},\n)\n"
        );
        match parse_str("apps/x.ron", &text) {
            Ok(spec) => match spec.kind {
                Kind::List(l) => format!("{:?} {:?}", l.fields[1].ty, l.fields[1].default),
                _ => unreachable!(),
            },
            Err(e) => e.to_string(),
        }
    }

    #[test]
    fn the_new_types_read_and_check_their_defaults() {
        assert_eq!(
            report("        \"wake\": Time(default: \"7am\"),"),
            format!(
                "{:?} {:?}",
                FieldType::Time,
                Some(FieldDefault::Value(FieldValue::Text("07:00".into())))
            )
        );
        assert_eq!(
            report("        \"wake\": Time(default: \"25:00\"),"),
            "apps/x.ron:5:31: field \"wake\": 'default' expects a time of day such as 08:30, 8:30pm or 8am, got \"25:00\""
        );
        assert_eq!(
            report("        \"mail\": Email(default: \"nobody\"),"),
            "apps/x.ron:5:32: field \"mail\": 'default' expects an email address such as ana@example.com, got \"nobody\""
        );
        assert!(report("        \"tip\": Percent(default: 15),").starts_with("Percent"));
        assert!(report("        \"tel\": Phone,").starts_with("Phone"));
    }

    #[test]
    fn other_tools_type_names_get_ours_back() {
        for (theirs, ours) in [
            ("Checkbox", "Bool"),
            ("Select", "Choice"),
            ("SingleSelect", "Choice"),
            ("Dropdown", "Choice"),
            ("MultiSelect", "Tags"),
            ("Currency", "Money"),
            ("Integer", "Number"),
            ("Float", "Number"),
            ("Decimal", "Number"),
            ("String", "Text"),
            ("LongText", "Text"),
            ("Datetime", "DateTime"),
            ("Stars", "Rating"),
        ] {
            assert_eq!(
                report(&format!("        \"x\": {theirs},")),
                format!(
                    "apps/x.ron:5:14: field \"x\": unknown field type \"{theirs}\" (did you mean \"{ours}\"?)"
                )
            );
        }
    }
}
